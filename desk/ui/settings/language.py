"""UI layer: settings section "语言" — the language of this desk PC (every role). Takes effect at once."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from desk.domain.errors import DeskError
from desk.domain.staff import Role
from desk.ui import i18n
from desk.ui.pages import PageContext
from desk.ui.settings import SectionSpec, register_section
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import error_text

# Each language is named in itself, so whoever needs it can find it whatever the screen now shows.
LANGUAGE_NAMES = (("zh_CN", "中文（简体）"), ("en", "English"))


class LanguageSection(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._group = QGroupBox()
        self._choices = QButtonGroup(self)
        self._buttons: dict[str, QRadioButton] = {}
        column = QVBoxLayout(self._group)
        for code, name in LANGUAGE_NAMES:
            button = QRadioButton(name)
            button.setObjectName(f"language_{code}")
            self._buttons[code] = button
            self._choices.addButton(button)
            column.addWidget(button)
        self._hint = QLabel()
        self._hint.setObjectName("language_hint")
        self._hint.setWordWrap(True)
        self._hint.setStyleSheet("color: #666;")
        self._error = ErrorLabel()
        self._error.setObjectName("language_error")
        column.addWidget(self._hint)
        column.addWidget(self._error)
        layout = QVBoxLayout(self)
        layout.addWidget(self._group)
        layout.addStretch(1)
        self._group.setMaximumWidth(640)
        self._choices.buttonClicked.connect(self._on_choices_clicked)
        self.refresh()
        self.retranslate()

    def retranslate(self) -> None:
        self._group.setTitle(self.tr("界面语言"))
        self._hint.setText(self.tr("切换后立即生效，无需重新启动。此设置只保存在这台电脑上，登录界面也使用它。"))

    def refresh(self) -> None:
        current = self._context.services.preferences.language
        self._buttons.get(current, self._buttons["zh_CN"]).setChecked(True)

    def _on_choices_clicked(self, button: QRadioButton) -> None:
        language = next(code for code, candidate in self._buttons.items() if candidate is button)
        self._error.show_text("")
        try:
            self._context.services.preferences.set_language(language)
        except DeskError as error:
            self._error.show_text(error_text(error))
            self.refresh()
            return
        i18n.apply_language(language)
        # Qt announces a language change only when a translator with content comes or goes; dates and numbers
        # follow QLocale too, so every window is told in any case.
        app = QCoreApplication.instance()
        if app is not None:
            QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))


register_section(SectionSpec(
    key="language",
    title=str(QT_TRANSLATE_NOOP("Settings", "语言 Language")),
    order=600,
    roles=frozenset(Role),
    factory=LanguageSection,
))
