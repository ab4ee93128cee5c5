"""UI layer: settings section "工作人员" — staff accounts: add, edit, disable, reset passwords (admins only)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QModelIndex, QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.domain.errors import DeskError
from desk.domain.staff import Role
from desk.services.staff import StaffRow
from desk.ui import boxes
from desk.ui.dialogs.staff import ResetPasswordDialog, StaffDialog
from desk.ui.pages import PageContext
from desk.ui.settings import SectionSpec, register_section
from desk.ui.settings._common import (
    RowsModel,
    base_zone,
    fit_columns,
    format_datetime,
    make_table,
    selected_row,
)
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import error_text, role_name


class StaffModel(RowsModel[StaffRow]):
    USERNAME, NAME, ROLE, MERCHANT, STATUS, LAST_LOGIN = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zone: dt.tzinfo = dt.UTC

    def headers(self) -> list[str]:
        return [self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("商家"), self.tr("状态"),
                self.tr("最近登录")]

    def status(self, row: StaffRow) -> str:
        if not row.active:
            return self.tr("停用")
        if row.locked:
            return self.tr("已锁定")
        if row.must_change_password:
            return self.tr("须改密码")
        return self.tr("启用")

    def cell(self, row: StaffRow, column: int) -> str:
        if column == self.USERNAME:
            return row.username
        if column == self.NAME:
            return row.display_name
        if column == self.ROLE:
            return role_name(row.role.value)
        if column == self.MERCHANT:
            return row.merchant_name or ""
        if column == self.STATUS:
            return self.status(row)
        return format_datetime(row.last_login_at, self.zone)

    def cell_tooltip(self, row: StaffRow, column: int) -> str | None:
        if column != self.STATUS:
            return None
        if row.active and row.locked:
            return self.tr("多次输错密码，暂时锁定。重置密码可立即解锁。")
        if row.active and row.must_change_password:
            return self.tr("密码已被管理员重置，下次登录时必须修改。")
        return None

    def row_of(self, staff_id: int) -> int:
        for index, row in enumerate(self._rows):
            if row.id == staff_id:
                return index
        return -1


class StaffSection(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._model = StaffModel(self)
        self._table = make_table("staff_table", self._model)
        self._add = QPushButton()
        self._add.setObjectName("add_staff")
        self._edit = QPushButton()
        self._edit.setObjectName("edit_staff")
        self._toggle = QPushButton()
        self._toggle.setObjectName("toggle_staff")
        self._reset = QPushButton()
        self._reset.setObjectName("reset_password")
        self._notice = QLabel()
        self._notice.setObjectName("staff_notice")
        self._notice.setWordWrap(True)
        self._error = ErrorLabel()
        self._error.setObjectName("staff_error")

        buttons = QHBoxLayout()
        for button in (self._add, self._edit, self._toggle, self._reset):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self._table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self._error)
        layout.addWidget(self._notice)

        self._add.clicked.connect(self._on_add_clicked)
        self._edit.clicked.connect(self._on_edit_clicked)
        self._toggle.clicked.connect(self._on_toggle_clicked)
        self._reset.clicked.connect(self._on_reset_clicked)
        self._table.doubleClicked.connect(self._on_table_double_clicked)
        self._table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._update_buttons()
        self.retranslate()

    def retranslate(self) -> None:
        self._add.setText(self.tr("新增…"))
        self._edit.setText(self.tr("编辑…"))
        self._reset.setText(self.tr("重置密码…"))
        self._update_buttons()
        self._model.relabel()
        fit_columns(self._table)

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def model(self) -> StaffModel:
        return self._model

    def select(self, staff_id: int) -> None:
        row = self._model.row_of(staff_id)
        if row >= 0:
            self._table.selectRow(row)

    def selected(self) -> StaffRow | None:
        return self._model.row_at(selected_row(self._table))

    def refresh(self) -> None:
        self._load()

    # -- helpers -------------------------------------------------------------------------------------------------

    def _load(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (row.id if (row := self.selected()) else None)
        services = self._context.services
        self._model.zone = base_zone(services.bases.profile().timezone)
        self._model.set_rows(services.staff.list_staff(self._context.actor))
        fit_columns(self._table)
        if keep is not None:
            self.select(keep)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self._edit, self._toggle, self._reset):
            button.setEnabled(row is not None)
        self._toggle.setText(self.tr("启用") if row is not None and not row.active else self.tr("停用"))

    def _say(self, text: str) -> None:
        self._error.show_text("")
        self._notice.setText(text)

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._on_edit_clicked()

    def _on_add_clicked(self) -> None:
        StaffDialog.ask(self, self._context.services.staff, self._context.actor, None, self._on_added)

    def _on_added(self, row: StaffRow) -> None:
        self._load(select_id=row.id)
        self._say(self.tr("已新增 %1（%2）。").replace("%1", row.display_name).replace("%2", row.username))

    def _on_edit_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            StaffDialog.ask(self, self._context.services.staff, self._context.actor, row, self._on_edited)

    def _on_edited(self, row: StaffRow) -> None:
        self._load(select_id=row.id)
        self._say(self.tr("已保存 %1 的资料。").replace("%1", row.display_name))

    def _on_toggle_clicked(self) -> None:
        row = self.selected()
        if row is None:
            return
        enable = not row.active
        who = self.tr("%1（%2）").replace("%1", row.display_name).replace("%2", row.username)
        if enable:
            title, text = self.tr("启用账户"), self.tr("启用 %1 的账户？启用后可以用原密码登录。")
        elif row.id == self._context.actor.staff_id:
            title, text = self.tr("停用账户"), self.tr("这是您自己的账户。停用后您将无法再登录，确定要停用 %1 吗？")
        else:
            title, text = self.tr("停用账户"), self.tr("停用 %1 的账户？停用后不能登录，历史记录仍然保留，可随时重新启用。")
        if not boxes.confirm(self, title, text.replace("%1", who)):
            return
        try:
            updated = self._context.services.staff.set_active(self._context.actor, row.id, enable)
        except DeskError as error:
            self._notice.clear()
            self._error.show_text(error_text(error))
            self._load()
            return
        self._load(select_id=updated.id)
        self._say((self.tr("已启用 %1。") if enable else self.tr("已停用 %1。")).replace("%1", who))

    def _on_reset_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            ResetPasswordDialog.ask(self, self._context.services.staff, self._context.actor, row, self._on_reset_done)

    def _on_reset_done(self, row: StaffRow) -> None:
        self._load(select_id=row.id)
        if row.must_change_password:
            text = self.tr("已为 %1 设置临时密码。对方下次登录时必须修改密码。")
        else:
            text = self.tr("已为 %1 设置新密码。")
        self._say(text.replace("%1", row.display_name))


register_section(SectionSpec(
    key="staff",
    title=str(QT_TRANSLATE_NOOP("Settings", "工作人员")),
    order=300,
    roles=frozenset({Role.ADMIN}),
    factory=StaffSection,
))
