"""UI layer: the settings page — one tab per registered section the logged-in role may see."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desk.domain.staff import Role
from desk.ui.pages import PageContext, PageSpec, register_page
from desk.ui.settings import SectionSpec, sections_for
from desk.ui.widgets import Retranslating


class SettingsPage(Retranslating, QWidget):
    profile_changed = Signal(object)  # BaseProfile, re-emitted from the base profile section
    restored = Signal()  # re-emitted from the backups section: the database was replaced

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._specs: list[SectionSpec] = sections_for(context.actor.role)
        self._tabs = QTabWidget()
        self._tabs.setObjectName("settings_tabs")
        self._sections: dict[str, QWidget] = {}
        for spec in self._specs:
            section = spec.factory(context)
            section.setObjectName(f"section_{spec.key}")
            self._sections[spec.key] = section
            self._tabs.addTab(section, "")
            signal = getattr(section, "profile_changed", None)
            if signal is not None:
                signal.connect(self.profile_changed.emit)
            restored = getattr(section, "restored", None)
            if restored is not None:
                restored.connect(self.restored.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(self._tabs)
        self._tabs.currentChanged.connect(self._on_tabs_changed)
        self.retranslate()

    def section(self, key: str) -> QWidget:
        return self._sections[key]

    def show_section(self, key: str) -> QWidget:
        self._tabs.setCurrentWidget(self._sections[key])
        return self._sections[key]

    def refresh(self) -> None:
        self._on_tabs_changed(self._tabs.currentIndex())

    def retranslate(self) -> None:
        for index, spec in enumerate(self._specs):
            self._tabs.setTabText(index, spec.translated_title())

    def _on_tabs_changed(self, index: int) -> None:
        refresh = getattr(self._tabs.widget(index), "refresh", None)
        if callable(refresh):
            refresh()


register_page(PageSpec(
    key="settings",
    title=str(QT_TRANSLATE_NOOP("Pages", "设置")),
    icon="settings.svg",
    order=900,
    roles=frozenset(Role),
    factory=SettingsPage,
))
