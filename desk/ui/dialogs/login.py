"""UI layer: the login dialog. It appears before the database libraries have loaded and accepts typing at
once; the login button enables itself when the services are ready."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError
from desk.domain.staff import Actor
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating

if TYPE_CHECKING:
    from desk.services.bundle import Services


class LoginDialog(Retranslating, QDialog):
    logged_in = Signal(object)  # Actor

    def __init__(self, base_name: str = "", demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("login_dialog")
        self._services: Services | None = None
        self._base_name = base_name
        self._demo = demo
        self._title = QLabel()
        self._title.setObjectName("login_title")
        self._title.setStyleSheet("font-size: 18pt; font-weight: bold; color: #b3261e;")
        self._base = QLabel()
        self._username = QLineEdit()
        self._username.setObjectName("username")
        self._username.setMaxLength(32)
        self._password = QLineEdit()
        self._password.setObjectName("password")
        self._password.setEchoMode(QLineEdit.EchoMode.Password)
        self._password.setMaxLength(128)
        self._status = QLabel()
        self._status.setObjectName("status")
        self._demo_hint = QLabel()
        self._demo_hint.setObjectName("demo_hint")
        self._demo_hint.setWordWrap(True)
        self._demo_hint.setVisible(demo)
        self._error = ErrorLabel()
        self._errors = FieldErrors(self._error)
        self._errors.bind("username", self._error, self._username)
        self._errors.bind("password", self._error, self._password)
        self._login = QPushButton()
        self._login.setObjectName("login_button")
        self._login.setDefault(True)
        self._login.setEnabled(False)

        form = QFormLayout()
        self._username_label = QLabel()
        self._password_label = QLabel()
        form.addRow(self._username_label, self._username)
        form.addRow(self._password_label, self._password)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._base)
        layout.addLayout(form)
        layout.addWidget(self._error)
        layout.addWidget(self._demo_hint)
        layout.addWidget(self._status)
        # A stretch rather than Qt.AlignmentFlag: first use of the Qt namespace costs ~20 ms at start-up.
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._login)
        layout.addLayout(buttons)
        self.setMinimumWidth(380)

        self._login.clicked.connect(self._on_login_clicked)
        self._username.returnPressed.connect(self._password.setFocus)
        self._password.returnPressed.connect(self._on_login_clicked)
        self.retranslate()
        self._username.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("登录 — 红色港湾前台"))
        self._title.setText(self.tr("红色港湾前台"))
        self._base.setText(self._base_name)
        self._username_label.setText(self.tr("用户名"))
        self._password_label.setText(self.tr("密码"))
        self._login.setText(self.tr("登录"))
        self._demo_hint.setText(self.tr("演示数据：管理员 admin，前台 lixiaomei，密码均为 hongse2026。"))
        if self._services is None:
            self._status.setText(self.tr("正在打开数据库…"))

    def set_services(self, services: Services, base_name: str, demo: bool) -> None:
        """Called once the database is open: logging in becomes possible."""
        self._services = services
        self._base_name = base_name
        self._demo = demo
        self._demo_hint.setVisible(demo)
        self._status.setText("")
        self._status.hide()
        self._login.setEnabled(True)
        self.retranslate()

    def reset(self) -> None:
        """Back to an empty form, e.g. after logging out."""
        self._password.clear()
        self._errors.clear()
        self._username.selectAll()
        self._username.setFocus()

    def _on_login_clicked(self) -> None:
        if self._services is None:
            return
        self._errors.clear()
        try:
            actor: Actor = self._services.auth.login(self._username.text(), self._password.text())
        except DeskError as error:
            self._password.clear()
            self._errors.show(error)
            if error.field != "username":
                self._password.setFocus()
            return
        self._password.clear()
        self.logged_in.emit(actor)
