"""UI layer: the first-start dialog — the base's name, code, address and weekly hours, and the first
administrator. Finishing it logs that administrator in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError
from desk.ui.week_editor import WeekEditor
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating

if TYPE_CHECKING:
    from desk.services.bundle import Services


class SetupDialog(Retranslating, QDialog):
    set_up = Signal(object)  # the new administrator's Actor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setup_dialog")
        self._services: Services | None = None
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        self._base_name = QLineEdit()
        self._base_name.setObjectName("base_name")
        self._base_code = QLineEdit("HG01")
        self._base_code.setObjectName("base_code")
        self._base_code.setMaxLength(8)
        self._address = QLineEdit()
        self._address.setObjectName("address")
        self._week = WeekEditor()
        self._username = QLineEdit("admin")
        self._username.setObjectName("admin_username")
        self._display_name = QLineEdit()
        self._display_name.setObjectName("admin_display_name")
        self._password = QLineEdit()
        self._password.setObjectName("password")
        self._repeat = QLineEdit()
        self._repeat.setObjectName("password_repeat")
        for edit in (self._password, self._repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._status = QLabel()
        self._finish = QPushButton()
        self._finish.setObjectName("finish_button")
        self._finish.setEnabled(False)
        self._finish.setDefault(True)

        self._error = ErrorLabel()
        self._errors = FieldErrors(self._error)
        self._base_group = QGroupBox()
        base_form = QFormLayout(self._base_group)
        self._labels: dict[str, QLabel] = {}
        for key, widget in (("base_name", self._base_name), ("base_code", self._base_code),
                            ("address", self._address)):
            base_form.addRow(self._label(key), self._errors.with_label(key, widget))
        self._hours_group = QGroupBox()
        hours_layout = QVBoxLayout(self._hours_group)
        hours_layout.addWidget(self._week)
        self._week.bind_errors(self._errors)
        self._admin_group = QGroupBox()
        admin_form = QFormLayout(self._admin_group)
        for key, widget in (("username", self._username), ("display_name", self._display_name),
                            ("password", self._password), ("password_repeat", self._repeat)):
            admin_form.addRow(self._label(key), self._errors.with_label(key, widget))

        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self._base_group)
        layout.addWidget(self._hours_group)
        layout.addWidget(self._admin_group)
        layout.addWidget(self._error)
        layout.addWidget(self._status)
        layout.addWidget(self._finish, alignment=Qt.AlignmentFlag.AlignRight)
        self._finish.clicked.connect(self._on_finish_clicked)
        self.setMinimumWidth(520)  # the example base name fits in its field in English too
        self.retranslate()
        self._base_name.setFocus()

    def _label(self, key: str) -> QLabel:
        label = QLabel()
        self._labels[key] = label
        return label


    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("首次设置 — 红色港湾前台"))
        self._intro.setText(self.tr("欢迎使用红色港湾前台。请填写本基地的信息和开放时间，并创建第一位管理员账户。"))
        self._base_group.setTitle(self.tr("服务基地"))
        self._hours_group.setTitle(self.tr("开放时间"))
        self._admin_group.setTitle(self.tr("管理员账户"))
        texts = {
            "base_name": self.tr("基地名称"), "base_code": self.tr("基地代码"), "address": self.tr("地址"),
            "username": self.tr("用户名"), "display_name": self.tr("姓名"), "password": self.tr("密码"),
            "password_repeat": self.tr("再次输入密码"),
        }
        for key, label in self._labels.items():
            label.setText(texts[key])
        self._base_name.setPlaceholderText(self.tr("例如：明华红色港湾党群服务基地"))
        self._base_code.setPlaceholderText(self.tr("2–8 位字母或数字"))
        self._password.setPlaceholderText(self.tr("至少 8 位"))
        self._finish.setText(self.tr("完成设置"))
        if self._services is None:
            self._status.setText(self.tr("正在打开数据库…"))

    def set_services(self, services: Services) -> None:
        self._services = services
        self._status.hide()
        self._finish.setEnabled(True)

    def _on_finish_clicked(self) -> None:
        if self._services is None:
            return
        from desk.services.bases import SetupForm

        form = SetupForm(
            base_name=self._base_name.text(), base_code=self._base_code.text(), address=self._address.text(),
            week=self._week.week(), admin_username=self._username.text(),
            admin_display_name=self._display_name.text(), password=self._password.text(),
            password_repeat=self._repeat.text(),
        )
        self._errors.clear()
        try:
            actor = self._services.bases.setup(form)
        except DeskError as error:
            self._errors.show(error)
            return
        self.set_up.emit(actor)
