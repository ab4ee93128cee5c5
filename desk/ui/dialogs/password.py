"""UI layer: changing one's own password (also forced after an administrator reset it)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk.domain.errors import DeskError
from desk.domain.staff import Actor
from desk.services.auth import AuthService
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating, grow_to_fit


class ChangePasswordDialog(Retranslating, QDialog):
    def __init__(self, auth: AuthService, actor: Actor, forced: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("change_password_dialog")
        self._auth = auth
        self._actor = actor
        self._forced = forced
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        self._intro.setVisible(forced)
        self._current = QLineEdit()
        self._current.setObjectName("current_password")
        self._new = QLineEdit()
        self._new.setObjectName("new_password")
        self._repeat = QLineEdit()
        self._repeat.setObjectName("new_password_repeat")
        self._error = ErrorLabel()
        self._errors = FieldErrors(self._error)
        form = QFormLayout()
        self._labels = [QLabel(), QLabel(), QLabel()]
        for label, edit, field in zip(self._labels, (self._current, self._new, self._repeat),
                                      ("current_password", "new_password", "new_password_repeat"), strict=True):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(128)
            error = ErrorLabel()
            error.setObjectName(f"error_{field}")
            form.addRow(label, edit)
            form.addRow("", error)
            self._errors.bind(field, error, edit)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addLayout(form)
        layout.addWidget(self._error)
        layout.addWidget(self._buttons)
        self._buttons.accepted.connect(self._on_ok_clicked)
        self._buttons.rejected.connect(self.reject)
        self.setMinimumWidth(380)  # room for the English labels and hints beside the fields
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("修改密码"))
        self._intro.setText(self.tr("管理员重置了您的密码，请设置一个只有您知道的新密码。"))
        for label, text in zip(self._labels, (self.tr("当前密码"), self.tr("新密码"), self.tr("再次输入新密码")),
                               strict=True):
            label.setText(text)
        self._new.setPlaceholderText(self.tr("至少 8 位"))

    def _on_ok_clicked(self) -> None:
        try:
            self._auth.change_own_password(self._actor, self._current.text(), self._new.text(), self._repeat.text())
        except DeskError as error:
            self._errors.show(error)
            grow_to_fit(self)
            return
        self.accept()
