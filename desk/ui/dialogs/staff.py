"""UI layer: staff forms — add or edit a staff member, and set a temporary password. Each dialog calls the
service itself so a refused value is shown next to its field while the dialog stays open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError
from desk.domain.staff import DISPLAY_NAME_MAX, PASSWORD_MAX, USERNAME_MAX, Actor, Role
from desk.services.staff import StaffRow, StaffService
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating, grow_to_fit, save_cancel
from desk.ui.wording import role_name


class _Form(Retranslating, QDialog):
    """Shared layout: a form of fields, each with its error label beneath, and 保存 / 取消."""

    saved = Signal(object)  # StaffRow

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._error = ErrorLabel()
        self._error.setObjectName("dialog_error")
        self._errors = FieldErrors(self._error)
        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._buttons = save_cancel(self, self._on_save_clicked, QDialogButtonBox.StandardButton.Save)
        self.setMinimumWidth(440)

    def _finish_layout(self, intro: QLabel | None = None) -> None:
        layout = QVBoxLayout(self)
        if intro is not None:
            layout.addWidget(intro)
        layout.addLayout(self._form)
        layout.addWidget(self._error)
        layout.addWidget(self._buttons)

    def _add_field(self, label: QLabel, field: str, widget: QWidget) -> None:
        self._form.addRow(label, self._errors.with_label(field, widget))

    def error_text(self, field: str) -> str:
        return self._errors.text_of(field)

    def _on_save_clicked(self) -> None:
        self._errors.clear()
        try:
            row = self._save()
        except DeskError as error:
            self._errors.show(error)
            grow_to_fit(self)
            return
        self.saved.emit(row)
        self.accept()

    def _save(self) -> StaffRow:
        raise NotImplementedError


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(PASSWORD_MAX)
    return edit


class StaffDialog(_Form):
    """Add a staff member (row is None) or edit one: name, role and, for a merchant cashier, the merchant."""

    def __init__(self, staff: StaffService, actor: Actor, row: StaffRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff_dialog")
        self._staff = staff
        self._actor = actor
        self._row = row
        self._username = QLineEdit()
        self._username.setObjectName("username")
        self._username.setMaxLength(USERNAME_MAX)
        self._display_name = QLineEdit()
        self._display_name.setObjectName("display_name")
        self._display_name.setMaxLength(DISPLAY_NAME_MAX)
        self._role = QComboBox()
        self._role.setObjectName("role")
        for role in Role:
            self._role.addItem("", role.value)
        self._merchant = QComboBox()
        self._merchant.setObjectName("merchant")
        self._merchant.addItem("", None)
        for choice in staff.merchants():
            self._merchant.addItem(choice.name, choice.id)
        self._merchant_hint = QLabel()
        self._merchant_hint.setObjectName("merchant_hint")
        self._merchant_hint.setWordWrap(True)
        self._merchant_hint.setStyleSheet("color: #666;")
        self._password = _password_edit("password")
        self._repeat = _password_edit("password_repeat")
        self._labels = {key: QLabel() for key in ("username", "display_name", "role", "merchant", "password",
                                                   "password_repeat")}

        self._add_field(self._labels["username"], "username", self._username)
        self._add_field(self._labels["display_name"], "display_name", self._display_name)
        self._add_field(self._labels["role"], "role", self._role)
        self._add_field(self._labels["merchant"], "merchant", self._merchant)
        self._form.addRow("", self._merchant_hint)
        if row is None:
            self._add_field(self._labels["password"], "password", self._password)
            self._add_field(self._labels["password_repeat"], "password_repeat", self._repeat)
        else:
            self._username.setText(row.username)
            self._username.setReadOnly(True)  # the login name is permanent: audit entries refer to it
            self._display_name.setText(row.display_name)
            self._role.setCurrentIndex(self._role.findData(row.role.value))
            if row.merchant_id is not None:
                index = self._merchant.findData(row.merchant_id)
                if index < 0:  # a merchant that has since left the alliance still shows
                    self._merchant.addItem(row.merchant_name or str(row.merchant_id), row.merchant_id)
                    index = self._merchant.count() - 1
                self._merchant.setCurrentIndex(index)
        if row is None:
            self._role.setCurrentIndex(self._role.findData(Role.DESK.value))
        self._finish_layout()
        self._role.currentIndexChanged.connect(self._on_role_changed)
        self._on_role_changed(self._role.currentIndex())
        self.retranslate()
        (self._username if row is None else self._display_name).setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, staff: StaffService, actor: Actor, row: StaffRow | None = None,
            on_saved: Callable[[StaffRow], None] | None = None) -> StaffDialog:
        """Open the dialog window-modally and return at once; `on_saved` gets the saved row."""
        dialog = cls(staff, actor, row, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_saved is not None:
            dialog.saved.connect(on_saved)
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("新增工作人员") if self._row is None else self.tr("编辑工作人员"))
        texts = {
            "username": self.tr("用户名"), "display_name": self.tr("姓名"), "role": self.tr("角色"),
            "merchant": self.tr("商家"), "password": self.tr("密码"), "password_repeat": self.tr("再次输入密码"),
        }
        for key, label in self._labels.items():
            label.setText(texts[key])
        for index in range(self._role.count()):
            self._role.setItemText(index, role_name(str(self._role.itemData(index))))
        self._merchant.setItemText(0, self.tr("（请选择商家）"))
        self._username.setPlaceholderText(self.tr("小写字母、数字，如 zhangsan"))
        self._password.setPlaceholderText(self.tr("至少 8 位"))
        self._update_merchant_hint()
        self._buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def _selected_role(self) -> Role:
        return Role(str(self._role.currentData()))

    def _update_merchant_hint(self) -> None:
        is_merchant = self._selected_role() is Role.MERCHANT
        if is_merchant and self._merchant.count() <= 1:
            self._merchant_hint.setText(self.tr("还没有联盟商家。请先添加商家，再为其收银员建账户。"))
        elif is_merchant:
            self._merchant_hint.setText(self.tr("商户收银员只能核销本商家的兑换券。"))
        else:
            self._merchant_hint.setText("")
        self._merchant_hint.setVisible(bool(self._merchant_hint.text()))
        grow_to_fit(self)

    def _on_role_changed(self, _index: int) -> None:
        is_merchant = self._selected_role() is Role.MERCHANT
        self._merchant.setEnabled(is_merchant)
        if not is_merchant:
            self._merchant.setCurrentIndex(0)
        self._update_merchant_hint()

    def _save(self) -> StaffRow:
        role = self._selected_role()
        merchant = self._merchant.currentData() if role is Role.MERCHANT else None
        merchant_id = int(merchant) if merchant is not None else None
        if self._row is None:
            return self._staff.add(self._actor, self._username.text(), self._display_name.text(), role,
                                   self._password.text(), self._repeat.text(), merchant_id)
        return self._staff.update(self._actor, self._row.id, self._display_name.text(), role, merchant_id)


class ResetPasswordDialog(_Form):
    """An administrator gives someone a temporary password; they must choose their own at the next login."""

    def __init__(self, staff: StaffService, actor: Actor, row: StaffRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reset_password_dialog")
        self._staff = staff
        self._actor = actor
        self._row = row
        self._intro = QLabel()
        self._intro.setObjectName("reset_intro")
        self._intro.setWordWrap(True)
        self._password = _password_edit("password")
        self._repeat = _password_edit("password_repeat")
        self._labels = [QLabel(), QLabel()]
        self._add_field(self._labels[0], "password", self._password)
        self._add_field(self._labels[1], "password_repeat", self._repeat)
        self._finish_layout(self._intro)
        self.retranslate()
        self._password.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, staff: StaffService, actor: Actor, row: StaffRow,
            on_saved: Callable[[StaffRow], None] | None = None) -> ResetPasswordDialog:
        dialog = cls(staff, actor, row, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_saved is not None:
            dialog.saved.connect(on_saved)
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("重置密码"))
        who = self.tr("%1（%2）").replace("%1", self._row.display_name).replace("%2", self._row.username)
        if self._row.id == self._actor.staff_id:
            intro = self.tr("为您自己的账户 %1 设置新密码，立即生效。")
        else:
            intro = self.tr("为 %1 设置一个临时密码，并当面或电话告诉对方。对方下次登录时必须改成只有自己知道的新密码。"
                            "如果账户因多次输错被锁定，重置后即可登录。")
        self._intro.setText(intro.replace("%1", who))
        self._labels[0].setText(self.tr("临时密码"))
        self._labels[1].setText(self.tr("再次输入"))
        self._password.setPlaceholderText(self.tr("至少 8 位"))
        self._buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("重置密码"))
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def _save(self) -> StaffRow:
        return self._staff.reset_password(self._actor, self._row.id, self._password.text(), self._repeat.text())
