"""UI layer: settings section "基地信息" — the base's name, address and time zone (admins only)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError
from desk.domain.hours import ADDRESS_MAX, BASE_NAME_MAX, DEFAULT_TIMEZONE
from desk.domain.staff import Role
from desk.services.bases import BaseProfile
from desk.ui.pages import PageContext
from desk.ui.settings import SectionSpec, register_section
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating

# Zones a base in China (or a partner abroad) is likely to be in; any other IANA name can be typed.
COMMON_TIMEZONES = (
    DEFAULT_TIMEZONE,
    "Asia/Urumqi",
    "Asia/Hong_Kong",
    "Asia/Macau",
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Europe/London",
    "UTC",
)


class BaseProfileSection(Retranslating, QWidget):
    profile_changed = Signal(object)  # BaseProfile after a save

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._loaded: BaseProfile | None = None
        self._code = QLabel()
        self._code.setObjectName("base_code")
        self._code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._code_hint = QLabel()
        self._code_hint.setObjectName("base_code_hint")
        self._code_hint.setStyleSheet("color: #666;")
        self._name = QLineEdit()
        self._name.setObjectName("base_name")
        self._name.setMaxLength(BASE_NAME_MAX)
        self._address = QLineEdit()
        self._address.setObjectName("address")
        self._address.setMaxLength(ADDRESS_MAX)
        self._timezone = QComboBox()
        self._timezone.setObjectName("timezone")
        self._timezone.setEditable(True)
        self._timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._timezone.addItems(list(COMMON_TIMEZONES))
        self._timezone_hint = QLabel()
        self._timezone_hint.setObjectName("timezone_hint")
        self._timezone_hint.setWordWrap(True)
        self._timezone_hint.setStyleSheet("color: #666;")
        self._save = QPushButton()
        self._save.setObjectName("save_profile")
        self._notice = QLabel()
        self._notice.setObjectName("profile_notice")

        self._error = ErrorLabel()
        self._error.setObjectName("profile_error")
        self._errors = FieldErrors(self._error)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels = [QLabel() for _ in range(4)]
        code_row = QHBoxLayout()
        code_row.addWidget(self._code)
        code_row.addWidget(self._code_hint, 1)
        form.addRow(self._labels[0], code_row)
        form.addRow(self._labels[1], self._errors.with_label("base_name", self._name))
        form.addRow(self._labels[2], self._errors.with_label("address", self._address))
        zone_column = self._errors.with_label("timezone", self._timezone)
        zone_layout = zone_column.layout()
        assert isinstance(zone_layout, QVBoxLayout)
        zone_layout.addWidget(self._timezone_hint)
        form.addRow(self._labels[3], zone_column)

        buttons = QHBoxLayout()
        buttons.addWidget(self._notice, 1)
        buttons.addWidget(self._save)
        form_box = QWidget()
        form_box.setMaximumWidth(640)
        column = QVBoxLayout(form_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addWidget(self._error)
        column.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(form_box)
        layout.addStretch(1)

        self._save.clicked.connect(self._on_save_clicked)
        for edit in (self._name, self._address):
            edit.textEdited.connect(self._on_field_edited)
        self._timezone.editTextChanged.connect(self._on_field_edited)
        self.retranslate()


    def retranslate(self) -> None:
        for label, text in zip(self._labels, (self.tr("基地代码"), self.tr("基地名称"), self.tr("地址"),
                                              self.tr("时区")), strict=True):
            label.setText(text)
        self._code_hint.setText(self.tr("用于区分各基地，设置后不能修改。"))
        self._timezone_hint.setText(self.tr("到访、预约和日志的时间都按此时区显示。"))
        self._name.setPlaceholderText(self.tr("例如：明华红色港湾党群服务基地"))
        self._address.setPlaceholderText(self.tr("例如：明华商圈中心广场 2 号楼 1 层"))
        self._save.setText(self.tr("保存"))

    # -- loading -------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the stored profile, unless the form holds changes not yet saved."""
        if self._loaded is not None and self._has_changes():
            return
        self._show(self._context.services.bases.profile())

    def _show(self, profile: BaseProfile) -> None:
        self._loaded = profile
        self._code.setText(profile.code)
        self._name.setText(profile.name)
        self._address.setText(profile.address)
        if self._timezone.findText(profile.timezone) < 0:
            self._timezone.addItem(profile.timezone)
        self._timezone.setCurrentText(profile.timezone)

    def _has_changes(self) -> bool:
        loaded = self._loaded
        return loaded is not None and (self._name.text(), self._address.text(), self._timezone.currentText()) != (
            loaded.name, loaded.address, loaded.timezone)

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_field_edited(self, _text: str) -> None:
        self._notice.clear()

    def _on_save_clicked(self) -> None:
        self._errors.clear()
        self._notice.clear()
        try:
            profile = self._context.services.bases.update_profile(
                self._context.actor, self._name.text(), self._address.text(), self._timezone.currentText().strip())
        except DeskError as error:
            self._errors.show(error)
            return
        self._show(profile)
        self._notice.setText(self.tr("已保存。"))
        self.profile_changed.emit(profile)


register_section(SectionSpec(
    key="base_profile",
    title=str(QT_TRANSLATE_NOOP("Settings", "基地信息")),
    order=100,
    roles=frozenset({Role.ADMIN}),
    factory=BaseProfileSection,
))
