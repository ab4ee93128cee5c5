"""UI layer: the settings page — a list of the registered sections the logged-in role may see on the left, the
chosen section on the right. A list rather than a tab bar: with a dozen sections the tabs no longer fit the window
and hide behind scroll arrows, while a list shows every section and is walked with the arrow keys."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from desk.domain.staff import Role
from desk.ui.pages import PageContext, PageSpec, register_page
from desk.ui.settings import SectionSpec, sections_for
from desk.ui.widgets import Retranslating

LIST_PADDING = 28  # the item's own margins and the list's frame around the widest title
# Wide enough for every Chinese title on one line; a longer (English) title wraps onto a second line rather than
# taking width the sections need.
LIST_MAX_WIDTH = 165


class SettingsPage(Retranslating, QWidget):
    profile_changed = Signal(object)  # BaseProfile, re-emitted from the base profile section
    restored = Signal()  # re-emitted from the backups section: the database was replaced

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._specs: list[SectionSpec] = sections_for(context.actor.role)
        self._list = QListWidget()
        self._list.setObjectName("settings_sections")
        self._list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._list.setSpacing(2)
        self._list.setWordWrap(True)
        self._list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self._list.setResizeMode(QListView.ResizeMode.Adjust)
        self._list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._stack = QStackedWidget()
        self._stack.setObjectName("settings_stack")
        self._sections: dict[str, QWidget] = {}
        for spec in self._specs:
            section = spec.factory(context)
            section.setObjectName(f"section_{spec.key}")
            self._sections[spec.key] = section
            self._stack.addWidget(section)
            self._list.addItem(QListWidgetItem(""))
            signal = getattr(section, "profile_changed", None)
            if signal is not None:
                signal.connect(self.profile_changed.emit)
            restored = getattr(section, "restored", None)
            if restored is not None:
                restored.connect(self.restored.emit)
        layout = QHBoxLayout(self)
        layout.addWidget(self._list)
        layout.addWidget(self._stack, 1)
        if self._specs:
            self._list.setCurrentRow(0)  # before connecting: the page refreshes its section when it is shown
        self._list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.retranslate()

    def section(self, key: str) -> QWidget:
        return self._sections[key]

    def show_section(self, key: str) -> QWidget:
        self._list.setCurrentRow(list(self._sections).index(key))
        return self._sections[key]

    def refresh(self) -> None:
        self._refresh_current()

    def retranslate(self) -> None:
        for row, spec in enumerate(self._specs):
            item = self._list.item(row)
            item.setText(spec.translated_title())
            item.setToolTip(spec.translated_title())
        # As wide as the longest title in the current language, up to a limit; no title is cut short.
        metrics = self._list.fontMetrics()
        widest = max((metrics.horizontalAdvance(spec.translated_title()) for spec in self._specs), default=0)
        self._list.setFixedWidth(min(widest + LIST_PADDING, LIST_MAX_WIDTH))

    def _refresh_current(self) -> None:
        refresh = getattr(self._stack.currentWidget(), "refresh", None)
        if callable(refresh):
            refresh()

    def _on_list_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self._stack.setCurrentIndex(row)
        self._refresh_current()


register_page(PageSpec(
    key="settings",
    title=str(QT_TRANSLATE_NOOP("Pages", "设置")),
    icon="settings.svg",
    order=900,
    roles=frozenset(Role),
    factory=SettingsPage,
))
