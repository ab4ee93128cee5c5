"""UI layer: the 签到 page, where the desk spends its day — check-in by phone, last four digits or name, new
visitors inline, anonymous head counts, the 暖新驿站 couriers, and who is on site now.

Every action ends the same way: one line says what was done, the lists are read again, and the search field is
empty and has the focus for the next visitor.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk.domain.people import Purpose
from desk.domain.staff import Role
from desk.services.visits import VisitRow
from desk.ui.checkin import visit_purpose, visitor_label
from desk.ui.checkin.entry import CheckinEntry
from desk.ui.checkin.on_site import OnSitePanel
from desk.ui.checkin.station import StationPanel
from desk.ui.pages import PageContext, PageSpec, register_page
from desk.ui.settings._common import base_zone
from desk.ui.widgets import Retranslating

STATUS_STYLE = "color: #1e6b34; font-weight: bold;"


class CheckinPage(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._entry = CheckinEntry(context)
        self._station = StationPanel(context)
        self._on_site = OnSitePanel(context)
        self._status = QLabel()
        self._status.setObjectName("checkin_status")
        self._status.setStyleSheet(STATUS_STYLE)
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(self._entry, 3)
        top.addWidget(self._station, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._status)
        layout.addWidget(self._on_site, 1)

        # Shortcuts work wherever the focus is on this page (field, list or buttons), and nowhere else.
        self._shortcuts: list[QShortcut] = []
        for number in range(len(Purpose)):
            self._shortcut(f"F{number + 1}", lambda chosen=number: self._entry.choose_purpose(chosen))
        self._shortcut("F9", self._entry.check_in_anonymous)

        self._entry.checked_in.connect(self._on_checked_in)
        self._station.checked_in.connect(self._on_checked_in)
        self._on_site.checked_out.connect(self._on_checked_out)
        self.setFocusProxy(self._entry.search_field)
        self.retranslate()

    def retranslate(self) -> None:
        pass  # every text belongs to a part, and each part retranslates itself

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def search_field(self) -> QLineEdit:
        return self._entry.search_field

    @property
    def on_site(self) -> OnSitePanel:
        return self._on_site

    def refresh(self) -> None:
        """Shown again (navigation): the base's name and zone may have changed, other desks may have written."""
        profile = self._context.services.bases.profile()
        self._on_site.set_base(profile.name, base_zone(profile.timezone))
        self.reload_visits()
        self._entry.search_field.setFocus()

    def reload_visits(self) -> None:
        """Visits changed elsewhere (the closing-time timer, another page): read the lists again."""
        self._on_site.reload()
        self._station.reload()

    # -- helpers -------------------------------------------------------------------------------------------------

    def _shortcut(self, keys: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        self._shortcuts.append(shortcut)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After the window is shown and laid out: a focus set before that is lost on some platforms.
        field = self._entry.search_field
        QTimer.singleShot(0, field, field.setFocus)  # with the field as context: skipped if it is gone

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_checked_in(self, visit: VisitRow) -> None:
        parts = [visitor_label(visit)]
        if visit.masked_phone:
            parts.append(visit.masked_phone)
        parts.append(visit_purpose(visit))
        if visit.party_size > 1:
            parts.append(self.tr("%n 人", "", visit.party_size))
        self._status.setText(self.tr("已签到：%1").replace("%1", " · ".join(parts)))
        self._on_site.clear_messages()
        self.reload_visits()
        self._entry.search_field.setFocus()

    def _on_checked_out(self, visits: list[VisitRow]) -> None:
        names = self.tr("、").join(visitor_label(visit) for visit in visits[:3])
        if len(visits) > 3:
            names += self.tr(" 等")
        self._status.setText(self.tr("已签退 %n 条登记：", "", len(visits)) + names)
        self._station.reload()
        self._entry.search_field.setFocus()


register_page(PageSpec(
    key="checkin",
    title=str(QT_TRANSLATE_NOOP("Pages", "签到")),
    icon="checkin.svg",
    order=10,
    roles=frozenset({Role.ADMIN, Role.DESK}),
    factory=CheckinPage,
))
