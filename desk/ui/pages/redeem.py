"""UI layer: the redemption station (核销) — where a merchant's cashier, or the desk, takes a voucher slip.

One large field has the focus: the scanner types the QR text and presses Enter (or a person types the serial
printed under the code). The voucher service redeems it once — the database decides, so two stations scanning one
slip cannot both succeed — and a big banner says what happened, with a beep; the field is cleared and ready for
the next scan. Below, the merchant's redemptions, today's first.

A merchant cashier sees only this page and redeems for their own merchant; administrators and desk staff choose
the merchant at the station, or "any", which redeems a voucher at the merchant it belongs to.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError
from desk.domain.staff import Role
from desk.domain.vouchers import Outcome, VoucherStatus
from desk.services.vouchers import Verdict, VoucherRow
from desk.ui.pages import PageContext, PageSpec, register_page
from desk.ui.points import moment_text
from desk.ui.settings._common import RowsModel, base_zone, make_table
from desk.ui.vouchers import banner
from desk.ui.vouchers.banner import RedeemBanner, tone_of
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import error_text

HISTORY_LIMIT = 100
HINT_STYLE = "color: #5f6368;"
ANY_MERCHANT = 0  # the combo's data for "any": redeem where the voucher belongs


class RedemptionsModel(RowsModel[VoucherRow]):
    """Redeemed vouchers, latest first; the time alone for today's, the date as well for older ones."""

    TIME, CODE, REWARD, MERCHANT, MEMBER, POINTS, STAFF = range(7)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone: dt.tzinfo = dt.UTC
        self.today: dt.date | None = None

    def headers(self) -> list[str]:
        return [self.tr("核销时间"), self.tr("券码"), self.tr("兑换内容"), self.tr("商家"), self.tr("会员"), self.tr("积分"),
                self.tr("经办人")]

    def cell(self, row: VoucherRow, column: int) -> str:
        if column == self.TIME:
            if row.redeemed_at is None:
                return ""
            local = row.redeemed_at.astimezone(self.zone)
            if local.date() == self.today:
                return self.tr("今天 %1").replace("%1", f"{local:%H:%M}")
            return moment_text(row.redeemed_at, self.zone)
        if column == self.CODE:
            return row.code
        if column == self.REWARD:
            return row.reward_title
        if column == self.MERCHANT:
            return row.merchant_name
        if column == self.MEMBER:
            return f"{row.masked_name} {row.member_no}".strip()
        if column == self.POINTS:
            return str(row.points)
        return row.redeemed_by

    def column_alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter if column == self.POINTS else None


class RedeemPage(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._vouchers = context.services.vouchers
        self._zone = base_zone(context.services.bases.profile().timezone)
        actor = context.actor
        self._fixed_merchant = actor.merchant_id if actor.role is Role.MERCHANT else None

        self._merchant_label = QLabel()
        self._merchant = QComboBox()
        self._merchant.setObjectName("redeem_merchant")
        self._merchant.setMinimumWidth(260)
        self._merchant_label.setBuddy(self._merchant)
        self._merchant_fixed = QLabel()
        self._merchant_fixed.setObjectName("redeem_merchant_fixed")
        fixed_font = self._merchant_fixed.font()
        fixed_font.setBold(True)
        fixed_font.setPointSizeF(fixed_font.pointSizeF() * 1.2)
        self._merchant_fixed.setFont(fixed_font)
        self._merchant_names: dict[int, str] = {}

        self._input = QLineEdit()
        self._input.setObjectName("redeem_input")
        self._input.setClearButtonEnabled(True)
        big = self._input.font()
        big.setPointSizeF(big.pointSizeF() * 2)
        self._input.setFont(big)
        self._input.setMinimumHeight(64)
        self._go = QPushButton()
        self._go.setObjectName("redeem_button")
        self._go.setMinimumHeight(64)
        self._go.setAutoDefault(False)
        self._hint = QLabel()
        self._hint.setObjectName("redeem_hint")
        self._hint.setWordWrap(True)
        self._hint.setStyleSheet(HINT_STYLE)
        self._error = ErrorLabel()
        self._error.setObjectName("redeem_error")
        self._banner = RedeemBanner()

        self._history_title = QLabel()
        self._history_title.setObjectName("redeem_history_title")
        title_font = self._history_title.font()
        title_font.setBold(True)
        self._history_title.setFont(title_font)
        self._history_model = RedemptionsModel(self)
        self._history_model.zone = self._zone
        self._history = make_table("redeem_history", self._history_model)
        self._history.setWordWrap(False)
        self._history.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the scan field
        self._history_empty = QLabel()
        self._history_empty.setObjectName("redeem_history_empty")
        self._history_empty.setStyleSheet(HINT_STYLE)
        self._history_error = ErrorLabel()
        self._history_error.setObjectName("redeem_history_error")

        merchant_row = QHBoxLayout()
        merchant_row.addWidget(self._merchant_label)
        merchant_row.addWidget(self._merchant)
        merchant_row.addWidget(self._merchant_fixed)
        merchant_row.addStretch(1)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self._input, 1)
        scan_row.addWidget(self._go)
        layout = QVBoxLayout(self)
        layout.addLayout(merchant_row)
        layout.addLayout(scan_row)
        layout.addWidget(self._hint)
        layout.addWidget(self._error)
        layout.addWidget(self._banner)
        layout.addSpacing(8)
        layout.addWidget(self._history_title)
        layout.addWidget(self._history, 1)
        layout.addWidget(self._history_empty)
        layout.addWidget(self._history_error)

        self._merchant.setVisible(self._fixed_merchant is None)
        self._merchant_fixed.setVisible(self._fixed_merchant is not None)
        self._load_merchants()
        self._input.returnPressed.connect(self._on_input_return_pressed)
        self._go.clicked.connect(self._on_input_return_pressed)
        self._merchant.currentIndexChanged.connect(self._on_merchant_current_index_changed)
        self.setFocusProxy(self._input)
        self.retranslate()
        self.reload_vouchers()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def input_field(self) -> QLineEdit:
        return self._input

    @property
    def banner(self) -> RedeemBanner:
        return self._banner

    @property
    def history(self) -> RedemptionsModel:
        return self._history_model

    def merchant_id(self) -> int | None:
        """Where scans are redeemed: the cashier's merchant, the one chosen, or None for "any"."""
        if self._fixed_merchant is not None:
            return self._fixed_merchant
        chosen = self._merchant.currentData()
        return int(chosen) if chosen else None

    def refresh(self) -> None:
        """Shown again (navigation): merchants may have joined or left, other stations may have redeemed."""
        self._zone = base_zone(self._context.services.bases.profile().timezone)
        self._history_model.zone = self._zone
        self._load_merchants()
        self.reload_vouchers()
        self._input.setFocus()

    def reload_vouchers(self) -> None:
        """Vouchers changed (redeemed here or at another station, voided, expired): read the history again."""
        self._history_error.show_text("")
        merchant = self.merchant_id()
        try:
            if merchant is not None:
                rows = self._vouchers.redemptions(merchant, HISTORY_LIMIT)
            else:
                rows = sorted(self._vouchers.vouchers(status=VoucherStatus.REDEEMED, limit=HISTORY_LIMIT),
                              key=lambda r: r.redeemed_at or dt.datetime.min.replace(tzinfo=dt.UTC), reverse=True)
        except DeskError as error:
            rows = []
            self._history_error.show_text(error_text(error))
        self._history_model.today = self._context.clock.now().astimezone(self._zone).date()
        self._history_model.set_rows(rows)
        self._history.setColumnHidden(RedemptionsModel.MERCHANT, merchant is not None)
        self._fit_history()
        self._word_history()

    def retranslate(self) -> None:
        self._merchant_label.setText(self.tr("核销商家(&M)"))
        if self._merchant.count():
            self._merchant.setItemText(0, self.tr("任意商家（按券所属商家核销）"))
        self._merchant_fixed.setText(self._merchant_names.get(self._fixed_merchant or 0, "")
                                     or self.tr("商家 #%1").replace("%1", str(self._fixed_merchant)))
        self._input.setPlaceholderText(self.tr("扫描兑换券二维码，或输入券码后按 Enter"))
        self._go.setText(self.tr("核销 (Enter)"))
        self._hint.setText(self.tr("扫码枪扫完会自动按 Enter。扫不出时输入二维码下方的 8 位券码，例如 HY7K-3M9Q"
                                   "（不分大小写，可不输入短横线）。"))
        self._history_empty.setText(self.tr("还没有核销记录。"))
        self._history_model.relabel()
        self._banner.retranslate()
        self._word_history()
        self._fit_history()

    # -- merchants -----------------------------------------------------------------------------------------------

    def _load_merchants(self) -> None:
        try:
            merchants = self._context.services.staff.merchants()
        except DeskError as error:
            self._error.show_text(error_text(error))
            merchants = []
        self._merchant_names = {m.id: m.name for m in merchants}
        if self._fixed_merchant is not None:
            return
        chosen = self._merchant.currentData()
        self._merchant.blockSignals(True)
        self._merchant.clear()
        self._merchant.addItem(self.tr("任意商家（按券所属商家核销）"), ANY_MERCHANT)
        for merchant in merchants:
            self._merchant.addItem(merchant.name, merchant.id)
        index = self._merchant.findData(chosen) if chosen is not None else 0
        self._merchant.setCurrentIndex(max(index, 0))
        self._merchant.blockSignals(False)

    def _on_merchant_current_index_changed(self, _index: int) -> None:
        self._banner.clear()
        self._error.show_text("")
        self.reload_vouchers()
        self._input.setFocus()

    # -- redeeming -----------------------------------------------------------------------------------------------

    def _on_input_return_pressed(self) -> None:
        text = self._input.text()
        self._error.show_text("")
        if not text.strip():
            self._error.show_text(self.tr("请先扫描兑换券上的二维码，或输入券码。"))
            self._input.setFocus()
            return
        try:
            verdict = self._vouchers.redeem(self._context.actor, text, self.merchant_id())
        except DeskError as error:  # the database is busy or gone: the scan can be repeated as it is
            self._banner.clear()
            self._error.show_text(error_text(error))
            self._input.setFocus()
            self._input.selectAll()
            return
        self._show(verdict, text)

    def _show(self, verdict: Verdict, typed: str) -> None:
        self._banner.show_verdict(verdict, typed, self._zone)
        banner.play_sound(tone_of(verdict.outcome))
        self._input.clear()
        self._input.setFocus()
        if verdict.outcome is Outcome.REDEEMED:
            window = self.window()
            reload = getattr(window, "reload", None)
            if callable(reload):
                reload("vouchers")  # this page too, and a member's vouchers shown on the 积分 page
            else:
                self.reload_vouchers()

    # -- history -------------------------------------------------------------------------------------------------

    def _word_history(self) -> None:
        rows = self._history_model.rows()
        today = sum(1 for r in rows if r.redeemed_at and r.redeemed_at.astimezone(self._zone).date()
                    == self._history_model.today)
        merchant = self.merchant_id()
        if merchant is None:
            title = self.tr("各商家的核销记录（今天 %n 张）", "", today)
        else:
            title = self.tr("%1 的核销记录（今天 %n 张）", "", today).replace(
                "%1", self._merchant_names.get(merchant, ""))
        self._history_title.setText(title)
        self._history_empty.setVisible(not rows)

    def _fit_history(self) -> None:
        metrics = self._history.fontMetrics()
        header = self._history.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(RedemptionsModel.REWARD, QHeaderView.ResizeMode.Stretch)
        samples = {RedemptionsModel.TIME: ["2026-11-28 20:55", self.tr("今天 %1").replace("%1", "20:55")],
                   RedemptionsModel.CODE: ["HY7K-3M9Q"], RedemptionsModel.MERCHANT: ["汇上佳超市（明华店）"],
                   RedemptionsModel.MEMBER: ["张* MH00001"], RedemptionsModel.POINTS: ["10000"],
                   RedemptionsModel.STAFF: ["汇上佳收银员"]}
        for column, texts in samples.items():
            texts = [*texts, str(self._history_model.headerData(column, Qt.Orientation.Horizontal))]
            header.resizeSection(column, max(metrics.horizontalAdvance(text) for text in texts) + 24)

    # -- focus ---------------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After the window is shown and laid out: a focus set before that is lost on some platforms.
        QTimer.singleShot(0, self._input, self._input.setFocus)


register_page(PageSpec(
    key="redeem",
    title=str(QT_TRANSLATE_NOOP("Pages", "核销")),
    icon="redeem.svg",
    order=70,
    roles=frozenset({Role.ADMIN, Role.DESK, Role.MERCHANT}),
    factory=RedeemPage,
))
