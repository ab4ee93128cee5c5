"""UI layer: settings section "联盟商家与兑换项目" (admins only) — the alliance's merchants in a table and, beneath
it, the chosen merchant's rewards (cost, face value, stock or unlimited, monthly limit, validity, active); beside
them the form of what was chosen last: a merchant (or a new one), or a reward (or a new one) with its restock.
Phones are masked in the table and shown in full only in the edit form."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QItemSelection, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError, StockChanged
from desk.domain.staff import Role
from desk.services.merchants import (
    ADDRESS_MAX,
    CATEGORY_MAX,
    CONTACT_PERSON_MAX,
    DEFAULT_VALIDITY_DAYS,
    MERCHANT_NAME_MAX,
    PHONE_MAX,
    PLAQUE_MAX,
    REWARD_TITLE_MAX,
    MerchantDetail,
    MerchantForm,
    MerchantRow,
    RewardForm,
    RewardRow,
    parse_yuan,
)
from desk.ui import boxes
from desk.ui.pages import PageContext
from desk.ui.settings import SectionSpec, register_section
from desk.ui.settings._common import (
    RowsModel,
    base_zone,
    from_qdate,
    make_table,
    selected_row,
    to_qdate,
)
from desk.ui.widgets import DATE_EDIT_FORMAT, ErrorLabel, FieldErrors, Retranslating

TYPED_MAX = 9_999_999  # wider than allowed: a mistyped extra digit is refused with the range named, not dropped
NO_DATE = QDate(2000, 1, 1)  # the date edit's floor while "unknown" is ticked
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
TERMS_LINES = 3


class MerchantModel(RowsModel[MerchantRow]):
    NAME, CATEGORY, CONTACT, PHONE, REWARDS, STATE = range(6)

    def headers(self) -> list[str]:
        return [self.tr("商家"), self.tr("类别"), self.tr("联系人"), self.tr("联系电话"), self.tr("兑换项目"),
                self.tr("状态")]

    def cell(self, row: MerchantRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.CATEGORY:
            return row.category
        if column == self.CONTACT:
            return row.contact_person
        if column == self.PHONE:
            return row.masked_phone
        if column == self.REWARDS:
            return str(row.active_rewards)
        return self.tr("启用") if row.active else self.tr("停用")

    def cell_tooltip(self, row: MerchantRow, column: int) -> str | None:
        if column == self.REWARDS:
            return self.tr("可兑换的项目数（共 %n 个）", "", row.rewards)
        if column == self.STATE and not row.active and row.cashiers:
            return self.tr("仍有 %n 个商户收银员账户绑定此商家", "", row.cashiers)
        return None

    def column_alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return RIGHT if column == self.REWARDS else None

    def row_of(self, merchant_id: int) -> int:
        return next((i for i, row in enumerate(self._rows) if row.id == merchant_id), -1)


class RewardModel(RowsModel[RewardRow]):
    TITLE, POINTS, FACE_VALUE, STOCK, MONTHLY, VALIDITY, STATE = range(7)

    def headers(self) -> list[str]:
        return [self.tr("兑换项目"), self.tr("积分"), self.tr("面值"), self.tr("库存"), self.tr("每人每月"),
                self.tr("有效期"), self.tr("状态")]

    def cell(self, row: RewardRow, column: int) -> str:
        if column == self.TITLE:
            return row.title
        if column == self.POINTS:
            return str(row.points)
        if column == self.FACE_VALUE:
            return "" if row.face_value is None else f"¥{row.face_value}"
        if column == self.STOCK:
            return self.tr("不限") if row.stock is None else str(row.stock)
        if column == self.MONTHLY:
            return self.tr("不限") if row.monthly_limit is None else str(row.monthly_limit)
        if column == self.VALIDITY:
            return self.tr("%n 天", "", row.validity_days)
        return self.state(row)

    def state(self, row: RewardRow) -> str:
        if not row.active:
            return self.tr("已停用")
        if not row.merchant_active:
            return self.tr("商家已停用")
        if row.stock == 0:
            return self.tr("已兑完")
        return self.tr("可兑换")

    def cell_tooltip(self, row: RewardRow, column: int) -> str | None:
        if column == self.TITLE and row.terms:
            return row.terms
        return None

    def column_alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return RIGHT if column in (self.POINTS, self.FACE_VALUE, self.STOCK, self.MONTHLY, self.VALIDITY) else None

    def row_of(self, reward_id: int) -> int:
        return next((i for i, row in enumerate(self._rows) if row.id == reward_id), -1)


def _line(name: str, max_length: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setMaxLength(max_length)
    return edit


def _spin(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(0, TYPED_MAX)
    spin.setMinimumWidth(110)
    spin.setMaximumWidth(200)
    return spin


def _name_column_takes_the_rest(view: QTableView) -> None:
    """Every column as wide as its contents and the first (the name) as wide as what is left: a long name is cut
    short (the form shows it whole) rather than pushing the state out of sight."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)


def _title_font(label: QLabel) -> None:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)


class MerchantsSection(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._service = context.services.merchants
        self._merchant: MerchantDetail | None = None  # None: the form adds a new merchant
        self._reward: RewardRow | None = None  # None: the form adds a new reward
        self._quiet = False  # set while the tables are reloaded: their selection then follows the forms

        # -- merchants: the table and the form of the chosen one
        self._merchants_model = MerchantModel(self)
        self._merchants_table = make_table("merchants_table", self._merchants_model)
        _name_column_takes_the_rest(self._merchants_table)
        self._merchant_heading = QLabel()
        self._merchant_heading.setObjectName("merchant_heading")
        _title_font(self._merchant_heading)
        self._name = _line("merchant_name", MERCHANT_NAME_MAX)
        self._category = _line("merchant_category", CATEGORY_MAX)
        self._contact_person = _line("contact_person", CONTACT_PERSON_MAX)
        self._contact_phone = _line("contact_phone", PHONE_MAX + 10)  # room for a +86 the service strips
        self._address = _line("merchant_address", ADDRESS_MAX)
        self._plaque = _line("plaque_no", PLAQUE_MAX)
        self._joined_on = QDateEdit()
        self._joined_on.setObjectName("joined_on")
        self._joined_on.setCalendarPopup(True)
        self._joined_on.setDisplayFormat(DATE_EDIT_FORMAT)
        self._joined_on.setMinimumDate(NO_DATE)
        self._joined_unknown = QCheckBox()
        self._joined_unknown.setObjectName("joined_unknown")
        self._merchant_state = QLabel()
        self._merchant_state.setObjectName("merchant_state")
        self._merchant_state.setWordWrap(True)
        self._new_merchant = QPushButton()
        self._new_merchant.setObjectName("new_merchant")
        self._save_merchant = QPushButton()
        self._save_merchant.setObjectName("save_merchant")
        self._toggle_merchant = QPushButton()
        self._toggle_merchant.setObjectName("toggle_merchant")
        self._merchant_notice = QLabel()
        self._merchant_notice.setObjectName("merchant_notice")
        self._merchant_notice.setWordWrap(True)
        self._merchant_error = ErrorLabel()
        self._merchant_error.setObjectName("merchant_error")
        self._merchant_errors = FieldErrors(self._merchant_error)

        joined_row = QWidget()
        joined_line = QHBoxLayout(joined_row)
        joined_line.setContentsMargins(0, 0, 0, 0)
        joined_line.addWidget(self._joined_on, 1)
        joined_line.addWidget(self._joined_unknown)
        joined_row.setFocusProxy(self._joined_on)  # an error on the date focuses the date
        self._merchant_labels: dict[str, QLabel] = {}
        merchant_form = QFormLayout()
        merchant_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, widget in (("merchant_name", self._name), ("category", self._category),
                              ("contact_person", self._contact_person), ("contact_phone", self._contact_phone),
                              ("address", self._address), ("plaque_no", self._plaque),
                              ("joined_on", joined_row)):
            label = QLabel()
            self._merchant_labels[field] = label
            merchant_form.addRow(label, self._merchant_errors.with_label(field, widget))
        merchant_buttons = QHBoxLayout()
        for button in (self._save_merchant, self._toggle_merchant):
            merchant_buttons.addWidget(button)
        merchant_buttons.addStretch(1)
        self._merchant_page = QWidget()
        self._merchant_page.setObjectName("merchant_page")
        merchant_panel = QVBoxLayout(self._merchant_page)
        merchant_panel.setContentsMargins(0, 0, 0, 0)
        merchant_panel.addWidget(self._merchant_heading)
        merchant_panel.addLayout(merchant_form)
        merchant_panel.addWidget(self._merchant_state)
        merchant_panel.addWidget(self._merchant_error)
        merchant_panel.addLayout(merchant_buttons)
        merchant_panel.addWidget(self._merchant_notice)
        merchant_panel.addStretch(1)
        self._merchant_group = QGroupBox()
        merchant_layout = QVBoxLayout(self._merchant_group)
        merchant_layout.addWidget(self._merchants_table, 1)
        new_merchant_row = QHBoxLayout()
        new_merchant_row.addWidget(self._new_merchant)
        new_merchant_row.addStretch(1)
        merchant_layout.addLayout(new_merchant_row)

        # -- rewards of the chosen merchant
        self._rewards_model = RewardModel(self)
        self._rewards_table = make_table("rewards_table", self._rewards_model)
        _name_column_takes_the_rest(self._rewards_table)
        self._reward_merchant = QLabel()
        self._reward_merchant.setObjectName("reward_merchant")
        self._reward_heading = QLabel()
        self._reward_heading.setObjectName("reward_heading")
        _title_font(self._reward_heading)
        self._title = _line("reward_title", REWARD_TITLE_MAX)
        self._terms = QPlainTextEdit()
        self._terms.setObjectName("reward_terms")
        self._terms.setTabChangesFocus(True)  # Tab moves on through the form, as in every other field
        self._terms.setFixedHeight(self._terms.fontMetrics().lineSpacing() * TERMS_LINES + 14)
        self._points = _spin("reward_points")
        self._face_value = _line("face_value", 12)
        self._face_value.setMaximumWidth(200)
        self._stock = _spin("reward_stock")
        self._stock_unlimited = QCheckBox()
        self._stock_unlimited.setObjectName("stock_unlimited")
        self._monthly = _spin("monthly_limit")
        self._validity = _spin("validity_days")
        self._new_reward = QPushButton()
        self._new_reward.setObjectName("new_reward")
        self._save_reward = QPushButton()
        self._save_reward.setObjectName("save_reward")
        self._toggle_reward = QPushButton()
        self._toggle_reward.setObjectName("toggle_reward")
        self._restock_quantity = _spin("restock_quantity")
        self._restock_quantity.setValue(10)
        self._restock = QPushButton()
        self._restock.setObjectName("restock")
        self._reward_notice = QLabel()
        self._reward_notice.setObjectName("reward_notice")
        self._reward_notice.setWordWrap(True)
        self._reward_error = ErrorLabel()
        self._reward_error.setObjectName("reward_error")
        self._reward_errors = FieldErrors(self._reward_error)

        stock_row = QWidget()
        stock_line = QHBoxLayout(stock_row)
        stock_line.setContentsMargins(0, 0, 0, 0)
        stock_line.addWidget(self._stock)
        stock_line.addWidget(self._stock_unlimited)
        stock_line.addStretch(1)
        stock_row.setFocusProxy(self._stock)
        restock_row = QWidget()
        restock_line = QHBoxLayout(restock_row)
        restock_line.setContentsMargins(0, 0, 0, 0)
        restock_line.addWidget(self._restock_quantity)
        restock_line.addWidget(self._restock)
        restock_line.addStretch(1)
        restock_row.setFocusProxy(self._restock_quantity)
        self._reward_labels: dict[str, QLabel] = {}
        reward_form = QFormLayout()
        reward_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, widget in (("title", self._title), ("terms", self._terms), ("points", self._points),
                              ("face_value", self._face_value), ("stock", stock_row),
                              ("monthly_limit", self._monthly), ("validity_days", self._validity)):
            label = QLabel()
            self._reward_labels[field] = label
            reward_form.addRow(label, self._reward_errors.with_label(field, widget))
        reward_buttons = QHBoxLayout()
        for button in (self._save_reward, self._toggle_reward):
            reward_buttons.addWidget(button)
        reward_buttons.addStretch(1)
        restock_form = QFormLayout()
        self._restock_label = QLabel()
        restock_form.addRow(self._restock_label, self._reward_errors.with_label("restock", restock_row))
        self._reward_page = QWidget()
        self._reward_page.setObjectName("reward_page")
        reward_panel = QVBoxLayout(self._reward_page)
        reward_panel.setContentsMargins(0, 0, 0, 0)
        reward_panel.addWidget(self._reward_merchant)
        reward_panel.addWidget(self._reward_heading)
        reward_panel.addLayout(reward_form)
        reward_panel.addWidget(self._reward_error)
        reward_panel.addLayout(reward_buttons)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.HLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        reward_panel.addWidget(separator)
        reward_panel.addLayout(restock_form)
        reward_panel.addWidget(self._reward_notice)
        reward_panel.addStretch(1)
        self._reward_group = QGroupBox()
        self._reward_group.setObjectName("rewards_group")
        reward_layout = QVBoxLayout(self._reward_group)
        reward_layout.addWidget(self._rewards_table, 1)
        new_reward_row = QHBoxLayout()
        new_reward_row.addWidget(self._new_reward)
        new_reward_row.addStretch(1)
        reward_layout.addLayout(new_reward_row)

        # The tables on the left, the form of what was chosen last (a merchant or a reward) on the right: one
        # form at a time keeps every field in view in a window of 1180 × 760, in either language.
        tables = QVBoxLayout()
        tables.addWidget(self._merchant_group, 1)
        tables.addWidget(self._reward_group, 1)
        self._forms = QStackedWidget()
        self._forms.setObjectName("merchant_forms")
        self._forms.addWidget(self._merchant_page)
        self._forms.addWidget(self._reward_page)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tables, 5)
        layout.addWidget(self._forms, 3)

        self._merchants_table.selectionModel().selectionChanged.connect(self._on_merchants_table_selection_changed)
        self._new_merchant.clicked.connect(self._on_new_merchant_clicked)
        self._save_merchant.clicked.connect(self._on_save_merchant_clicked)
        for edit in (self._name, self._category, self._contact_person, self._contact_phone, self._address,
                     self._plaque):
            edit.returnPressed.connect(self._on_save_merchant_clicked)  # Enter saves, as in every desk form
        self._toggle_merchant.clicked.connect(self._on_toggle_merchant_clicked)
        self._joined_unknown.toggled.connect(self._on_joined_unknown_toggled)
        self._rewards_table.selectionModel().selectionChanged.connect(self._on_rewards_table_selection_changed)
        self._new_reward.clicked.connect(self._on_new_reward_clicked)
        self._save_reward.clicked.connect(self._on_save_reward_clicked)
        for edit in (self._title, self._face_value):
            edit.returnPressed.connect(self._on_save_reward_clicked)
        self._toggle_reward.clicked.connect(self._on_toggle_reward_clicked)
        self._stock_unlimited.toggled.connect(self._on_stock_unlimited_toggled)
        self._restock.clicked.connect(self._on_restock_clicked)
        self._fill_merchant(None)
        self.retranslate()

    def retranslate(self) -> None:
        self._merchant_group.setTitle(self.tr("联盟商家"))
        labels = {"merchant_name": self.tr("名称"), "category": self.tr("类别"),
                  "contact_person": self.tr("联系人"), "contact_phone": self.tr("联系电话"),
                  "address": self.tr("地址"), "plaque_no": self.tr("牌匾编号"), "joined_on": self.tr("入盟日期")}
        for field, label in self._merchant_labels.items():
            label.setText(labels[field])
        self._category.setPlaceholderText(self.tr("例如：超市、餐饮、理发"))
        self._contact_phone.setPlaceholderText(self.tr("手机或 0755-12345678"))
        self._joined_on.setSpecialValueText(self.tr("不详"))
        self._joined_unknown.setText(self.tr("不详"))
        self._new_merchant.setText(self.tr("新增商家"))
        self._new_merchant.setToolTip(self.tr("清空表单，填写后按“保存”新增一个商家"))
        self._save_merchant.setText(self.tr("保存"))
        reward_labels = {"title": self.tr("名称"), "terms": self.tr("使用说明"), "points": self.tr("所需积分"),
                         "face_value": self.tr("面值（元）"), "stock": self.tr("库存"),
                         "monthly_limit": self.tr("每人每月"), "validity_days": self.tr("有效期")}
        for field, label in self._reward_labels.items():
            label.setText(reward_labels[field])
        self._title.setPlaceholderText(self.tr("例如：满50减10"))
        self._terms.setPlaceholderText(self.tr("印在兑换券上，例如：限中杯，不与其他优惠同享"))
        self._face_value.setPlaceholderText(self.tr("无面值留空"))
        self._face_value.setToolTip(self.tr("结算时按面值与商家对账；没有现金价值的项目留空"))
        self._points.setSuffix(self.tr(" 积分"))
        self._stock_unlimited.setText(self.tr("不限"))
        self._stock.setToolTip(self.tr("还能开出多少张；开出一张减一，作废一张加回"))
        self._monthly.setSpecialValueText(self.tr("不限"))
        self._monthly.setSuffix(self.tr(" 张", "vouchers per member per month"))
        self._monthly.setToolTip(self.tr("每位会员每个自然月最多兑换几张"))
        self._validity.setSuffix(self.tr(" 天"))
        self._validity.setToolTip(self.tr("从开出当天算起"))
        self._new_reward.setText(self.tr("新增兑换项目"))
        self._new_reward.setToolTip(self.tr("清空表单，填写后按“保存”新增一个兑换项目"))
        self._save_reward.setText(self.tr("保存"))
        self._restock_label.setText(self.tr("补货"))
        self._restock_quantity.setSuffix(self.tr(" 张", "vouchers added to the stock"))
        self._restock.setText(self.tr("加入库存"))
        self._show_headings()
        self._merchants_model.relabel()
        self._rewards_model.relabel()

    # -- public --------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._load_merchants()

    def select_merchant(self, merchant_id: int) -> None:
        row = self._merchants_model.row_of(merchant_id)
        if row >= 0:
            self._merchants_table.selectRow(row)

    def select_reward(self, reward_id: int) -> None:
        row = self._rewards_model.row_of(reward_id)
        if row >= 0:
            self._rewards_table.selectRow(row)

    def current_merchant(self) -> MerchantDetail | None:
        return self._merchant

    def current_reward(self) -> RewardRow | None:
        return self._reward

    # -- loading -------------------------------------------------------------------------------------------------

    def _today(self) -> dt.date:
        zone = base_zone(self._context.services.bases.profile().timezone)
        return self._context.clock.now().astimezone(zone).date()

    def _load_merchants(self, select_id: int | None = None, reward_id: int | None = None) -> None:
        """Reload the merchants and show `select_id` (or the one shown, or the first) with `reward_id` (or the
        reward shown) chosen beneath it."""
        shown = self._merchant.id if self._merchant else None
        keep = select_id if select_id is not None else shown
        if reward_id is None and self._reward is not None and keep == shown:
            reward_id = self._reward.id
        self._merchants_model.set_rows(self._service.merchants(self._context.actor))
        if keep is None and self._merchants_model.rows():
            keep = self._merchants_model.rows()[0].id
        row = self._merchants_model.row_of(keep) if keep is not None else -1
        detail = self._service.merchant(self._context.actor, keep) if keep is not None and row >= 0 else None
        self._select_quietly(self._merchants_table, row)
        self._fill_merchant(detail, reward_id)

    def _load_rewards(self, select_id: int | None) -> None:
        merchant = self._merchant
        self._rewards_model.set_rows(self._service.rewards(self._context.actor, merchant.id) if merchant else [])
        row = self._rewards_model.row_of(select_id) if select_id is not None else -1
        self._select_quietly(self._rewards_table, row)
        self._fill_reward(self._rewards_model.row_at(row))

    def _select_quietly(self, view: QTableView, row: int) -> None:
        self._quiet = True
        try:
            if row >= 0:
                view.selectRow(row)
            else:
                view.clearSelection()
        finally:
            self._quiet = False

    def _fill_merchant(self, detail: MerchantDetail | None, reward_id: int | None = None) -> None:
        self._merchant = detail
        form = detail.form() if detail else MerchantForm(name="", joined_on=self._today())
        self._name.setText(form.name)
        self._category.setText(form.category)
        self._contact_person.setText(form.contact_person)
        self._contact_phone.setText(form.contact_phone)
        self._address.setText(form.address)
        self._plaque.setText(form.plaque_no)
        self._joined_unknown.setChecked(form.joined_on is None)
        self._joined_on.setDate(to_qdate(form.joined_on) if form.joined_on else NO_DATE)
        self._joined_on.setEnabled(form.joined_on is not None)
        self._toggle_merchant.setEnabled(detail is not None)
        self._reward_group.setEnabled(detail is not None)
        self._reward_page.setEnabled(detail is not None)
        if detail is None:  # no merchant, no rewards: the merchant form is what there is to fill
            self._forms.setCurrentWidget(self._merchant_page)
        self._show_headings()
        self._reward = None
        self._load_rewards(reward_id)

    def _fill_reward(self, row: RewardRow | None) -> None:
        self._reward = row
        form = row.form() if row else RewardForm(title="", points=0, validity_days=DEFAULT_VALIDITY_DAYS)
        self._title.setText(form.title)
        self._terms.setPlainText(form.terms)
        self._points.setValue(form.points)
        self._face_value.setText("" if form.face_value is None else str(form.face_value))
        self._stock_unlimited.setChecked(form.stock is None)
        self._stock.setValue(form.stock or 0)
        self._stock.setEnabled(form.stock is not None)
        self._monthly.setValue(form.monthly_limit or 0)
        self._validity.setValue(form.validity_days)
        self._toggle_reward.setEnabled(row is not None)
        self._restock.setEnabled(row is not None and row.stock is not None)
        self._restock_quantity.setEnabled(row is not None and row.stock is not None)
        self._show_headings()

    def _show_headings(self) -> None:
        merchant, reward = self._merchant, self._reward
        if merchant is None:
            self._merchant_heading.setText(self.tr("新商家"))
            self._reward_group.setTitle(self.tr("兑换项目"))
            self._merchant_state.clear()
            self._toggle_merchant.setText(self.tr("停用"))
        else:
            row = merchant.row
            self._merchant_heading.setText(row.name)
            self._reward_group.setTitle(self.tr("%1 的兑换项目").replace("%1", row.name))
            self._toggle_merchant.setText(self.tr("停用") if row.active else self.tr("启用"))
            if row.active:
                self._merchant_state.clear()
            elif row.cashiers:
                self._merchant_state.setText(self.tr(
                    "已停用：不能再开出它的兑换券。仍有 %n 个商户收银员账户绑定此商家，可在“工作人员”中停用。", "",
                    row.cashiers))
            else:
                self._merchant_state.setText(self.tr("已停用：不能再开出它的兑换券。"))
        self._merchant_state.setVisible(bool(self._merchant_state.text()))
        self._reward_merchant.setText(merchant.row.name if merchant else "")
        self._reward_heading.setText(reward.title if reward else self.tr("新兑换项目"))
        self._toggle_reward.setText(self.tr("启用") if reward is not None and not reward.active else self.tr("停用"))

    # -- building the commands -------------------------------------------------------------------------------

    def _merchant_form(self) -> MerchantForm:
        joined = None if self._joined_unknown.isChecked() else from_qdate(self._joined_on.date())
        return MerchantForm(self._name.text(), self._address.text(), self._contact_person.text(),
                            self._contact_phone.text(), self._category.text(), self._plaque.text(), joined)

    def _reward_form(self) -> RewardForm:
        return RewardForm(
            self._title.text(), self._points.value(), self._validity.value(), self._terms.toPlainText(),
            parse_yuan(self._face_value.text()),
            None if self._stock_unlimited.isChecked() else self._stock.value(),
            self._monthly.value() or None)

    def _clear_merchant_messages(self) -> None:
        self._merchant_errors.clear()
        self._merchant_notice.clear()

    def _clear_reward_messages(self) -> None:
        self._reward_errors.clear()
        self._reward_notice.clear()

    # -- slots: merchants ------------------------------------------------------------------------------------

    def _on_merchants_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self._merchants_model.row_at(selected_row(self._merchants_table))
        if self._quiet or row is None or (self._merchant is not None and row.id == self._merchant.id):
            return
        self._clear_merchant_messages()
        self._clear_reward_messages()
        self._forms.setCurrentWidget(self._merchant_page)
        try:
            detail = self._service.merchant(self._context.actor, row.id)
        except DeskError as error:
            self._merchant_errors.show(error)
            return
        self._fill_merchant(detail)

    def _on_new_merchant_clicked(self) -> None:
        self._clear_merchant_messages()
        self._clear_reward_messages()
        self._select_quietly(self._merchants_table, -1)
        self._fill_merchant(None)
        self._forms.setCurrentWidget(self._merchant_page)
        self._name.setFocus()

    def _on_joined_unknown_toggled(self, checked: bool) -> None:
        self._joined_on.setEnabled(not checked)
        if not checked and self._joined_on.date() == NO_DATE:
            self._joined_on.setDate(to_qdate(self._today()))

    def _on_save_merchant_clicked(self) -> None:
        self._clear_merchant_messages()
        adding = self._merchant is None
        try:
            if self._merchant is None:
                detail = self._service.add_merchant(self._context.actor, self._merchant_form())
            else:
                detail = self._service.edit_merchant(self._context.actor, self._merchant.id, self._merchant_form())
        except DeskError as error:
            self._merchant_errors.show(error)
            return
        self._load_merchants(select_id=detail.id)
        if adding:
            self._merchant_notice.setText(self.tr("已新增“%1”。按“新增兑换项目”为它添加兑换项目。").replace("%1", detail.row.name))
        else:
            self._merchant_notice.setText(self.tr("已保存。"))

    def _on_toggle_merchant_clicked(self) -> None:
        merchant = self._merchant
        if merchant is None:
            return
        self._clear_merchant_messages()
        row = merchant.row
        if row.active:
            text = self.tr("停用“%1”？停用后不能再开出它的兑换券；它的兑换项目和商户收银员账户都保留，可随时重新启用。")
            if not boxes.confirm(self, self.tr("停用商家"), text.replace("%1", row.name)):
                return
        try:
            updated = self._service.set_merchant_active(self._context.actor, merchant.id, not row.active)
        except DeskError as error:
            self._merchant_errors.show(error)
            return
        self._load_merchants(select_id=updated.id)
        self._merchant_notice.setText(
            (self.tr("已启用“%1”。") if updated.row.active else self.tr("已停用“%1”。")).replace("%1", row.name))

    # -- slots: rewards --------------------------------------------------------------------------------------

    def _on_rewards_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self._rewards_model.row_at(selected_row(self._rewards_table))
        if self._quiet or row is None or (self._reward is not None and row.id == self._reward.id):
            return
        self._clear_reward_messages()
        self._forms.setCurrentWidget(self._reward_page)
        self._fill_reward(row)

    def _on_new_reward_clicked(self) -> None:
        self._clear_reward_messages()
        self._select_quietly(self._rewards_table, -1)
        self._fill_reward(None)
        self._forms.setCurrentWidget(self._reward_page)
        self._title.setFocus()

    def _on_stock_unlimited_toggled(self, checked: bool) -> None:
        self._stock.setEnabled(not checked)

    def _after_reward_change(self, row: RewardRow, text: str) -> None:
        self._load_merchants(select_id=row.merchant_id, reward_id=row.id)  # the merchant's count moves too
        self._reward_notice.setText(text)

    def _on_save_reward_clicked(self) -> None:
        merchant = self._merchant
        if merchant is None:
            return
        self._clear_reward_messages()
        reward = self._reward
        try:
            form = self._reward_form()
            if reward is None:
                row = self._service.add_reward(self._context.actor, merchant.id, form)
            else:
                row = self._service.edit_reward(self._context.actor, reward.id, form, reward.stock)
        except DeskError as error:
            self._reward_errors.show(error)
            if reward is not None and isinstance(error, StockChanged):
                self._keep_typed_but_see_current(reward.id)
            return
        if reward is None:
            self._after_reward_change(row, self.tr("已新增“%1”。").replace("%1", row.title))
        else:
            self._after_reward_change(row, self.tr("已保存。"))

    def _keep_typed_but_see_current(self, reward_id: int) -> None:
        """After another desk changed the stock, the table shows it as it is now and the next save compares with
        that, while the form keeps what the administrator typed."""
        try:
            current = self._service.reward(self._context.actor, reward_id)
        except DeskError:
            return
        self._rewards_model.set_rows([current if r.id == reward_id else r for r in self._rewards_model.rows()])
        self._select_quietly(self._rewards_table, self._rewards_model.row_of(reward_id))
        self._reward = current
        self._show_headings()

    def _on_toggle_reward_clicked(self) -> None:
        reward = self._reward
        if reward is None:
            return
        self._clear_reward_messages()
        if reward.active:
            text = self.tr("停用“%1”？停用后不能再兑换，已开出的兑换券不受影响。").replace("%1", reward.title)
            if not boxes.confirm(self, self.tr("停用兑换项目"), text):
                return
        try:
            row = self._service.set_reward_active(self._context.actor, reward.id, not reward.active)
        except DeskError as error:
            self._reward_errors.show(error)
            return
        self._after_reward_change(row, (self.tr("已启用“%1”。") if row.active else self.tr("已停用“%1”。"))
                                  .replace("%1", row.title))

    def _on_restock_clicked(self) -> None:
        reward = self._reward
        if reward is None:
            return
        self._clear_reward_messages()
        try:
            row = self._service.restock(self._context.actor, reward.id, self._restock_quantity.value())
        except DeskError as error:
            self._reward_errors.show(error)
            return
        self._after_reward_change(row, self.tr("已补货 %1 张，现有库存 %2 张。").replace(
            "%1", str(self._restock_quantity.value())).replace("%2", str(row.stock)))


register_section(SectionSpec(
    key="merchants",
    title=str(QT_TRANSLATE_NOOP("Settings", "联盟商家与兑换项目")),
    order=370,
    roles=frozenset({Role.ADMIN}),
    factory=MerchantsSection,
))
