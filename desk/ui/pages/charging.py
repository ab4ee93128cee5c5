"""UI layer: the 充电与母婴室 page — a tile per 电动车充电桩 and 充电插座 port (free, charging, overdue, out of
order), the panel of the chosen port, and the 母婴室 panel.

Times move by themselves: every 30 s the tiles are re-timed from the clock (a session runs over without anything
being written), every minute the board is read again (other desks start and stop sessions). A session that has
newly run over raises the banner and beeps once.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desk.domain.staff import Role
from desk.services.charging import PortState, PortTile, retimed
from desk.services.facilities import FacilityInfo
from desk.ui.charging import duration_text, person_text
from desk.ui.charging.nursing import NursingPanel
from desk.ui.charging.port_panel import PortPanel
from desk.ui.charging.tiles import TileBoard
from desk.ui.pages import PageContext, PageSpec, register_page
from desk.ui.settings._common import base_zone
from desk.ui.widgets import Retranslating

TICK_MS = 30_000
RELOAD_MS = 60_000
STATUS_STYLE = "color: #1e6b34; font-weight: bold;"
BANNER_STYLE = ("background: #fdecea; color: #8c1d18; border: 1px solid #d93025; border-radius: 4px;"
                " padding: 6px 10px; font-weight: bold;")
HINT_STYLE = "color: #5f6368;"


class ChargingPage(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._charging = context.services.charging
        self._zone: dt.tzinfo = dt.UTC
        self._boards: list[tuple[FacilityInfo, list[PortTile]]] = []
        self._overdue_seen: set[int] = set()  # booking ids the alert has already beeped for

        self._banner = QLabel()
        self._banner.setObjectName("overdue_banner")
        self._banner.setWordWrap(True)
        self._banner.setStyleSheet(BANNER_STYLE)
        self._banner.hide()
        self._board = TileBoard()
        self._no_ports = QLabel()
        self._no_ports.setObjectName("no_ports")
        self._no_ports.setWordWrap(True)
        self._no_ports.setStyleSheet(HINT_STYLE)
        self._no_ports.hide()
        self._panel = PortPanel(context, self._charging)
        self._nursing = NursingPanel(context, self._charging)
        self._status = QLabel()
        self._status.setObjectName("charging_status")
        self._status.setWordWrap(True)
        self._status.setStyleSheet(STATUS_STYLE)
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._status.hide()

        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(self._board)
        left.addWidget(self._no_ports)
        left.addStretch(1)
        left.addWidget(self._status)
        left.addWidget(self._nursing)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addWidget(self._panel)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self._banner)
        layout.addLayout(row, 1)

        self._board.selected.connect(self._on_board_selected)
        self._board.activated.connect(self._on_board_activated)
        self._panel.changed.connect(self._on_panel_changed)
        self._panel.dismissed.connect(self._board.focus_current)
        self._nursing.changed.connect(self._on_nursing_changed)

        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick_timeout)
        self._tick.start()
        self._reload_timer = QTimer(self)
        self._reload_timer.setInterval(RELOAD_MS)
        self._reload_timer.timeout.connect(self._on_reload_timeout)
        self._reload_timer.start()
        self.retranslate()

    def retranslate(self) -> None:
        self._no_ports.setText(self.tr("本基地没有启用的充电桩或充电插座。管理员可在设置中启用。"))
        self._show_alert(beep=False)

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def board(self) -> TileBoard:
        return self._board

    @property
    def panel(self) -> PortPanel:
        return self._panel

    @property
    def nursing(self) -> NursingPanel:
        return self._nursing

    def refresh(self) -> None:
        """Shown again (navigation): the base's zone may have changed, other desks may have written."""
        self._zone = base_zone(self._context.services.bases.profile().timezone)
        self.reload()
        self._board.focus_current()

    def reload(self) -> None:
        """Read every charging facility's board and the 母婴室 again."""
        facilities = [f for f in self._context.services.facilities.catalogue() if f.kind.is_charging]
        self._boards = [(facility, self._charging.board(facility.id)) for facility in facilities]
        self._show_boards()
        self._nursing.reload(self._zone)

    # -- helpers -------------------------------------------------------------------------------------------------

    def _show_boards(self) -> None:
        self._board.set_board(self._boards, self._zone)
        self._no_ports.setVisible(not self._boards)
        current = self._board.current()
        self._panel.show_tile(current, self._board.facility_of(current.unit_id) if current else None, self._zone)
        self._show_alert(beep=True)

    def _overdue_tiles(self) -> list[PortTile]:
        return [tile for _facility, tiles in self._boards for tile in tiles if tile.state is PortState.OVERDUE]

    def _show_alert(self, beep: bool) -> None:
        late = self._overdue_tiles()
        if not late:
            self._banner.hide()
            self._overdue_seen.clear()
            return
        parts = [self.tr("%1 超时 %2（%3）").replace("%1", tile.unit_name).replace(
            "%2", duration_text(tile.minutes_over)).replace(
            "%3", person_text(tile.masked_name, tile.masked_phone, tile.anonymous)) for tile in late]
        self._banner.setText(self.tr("%n 个充电已超时，请及时联系：", "", len(late)) + self.tr("；").join(parts))
        self._banner.show()
        ids = {tile.booking_id for tile in late if tile.booking_id is not None}
        if beep and ids - self._overdue_seen:
            QApplication.beep()
        self._overdue_seen = ids

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After the window is laid out: a focus set before that is lost on some platforms.
        QTimer.singleShot(0, self._board, self._board.focus_current)

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_board_selected(self, tile: PortTile) -> None:
        self._panel.show_tile(tile, self._board.facility_of(tile.unit_id), self._zone)

    def _on_board_activated(self, tile: PortTile) -> None:
        self._panel.show_tile(tile, self._board.facility_of(tile.unit_id), self._zone)
        self._panel.activate()

    def _say(self, message: str) -> None:
        self._status.setText(message)
        self._status.setVisible(bool(message))

    def _on_panel_changed(self, unit_id: int, message: str) -> None:
        self._say(message)
        self.reload()
        self._board.select(unit_id)

    def _on_nursing_changed(self, message: str) -> None:
        self._say(message)

    def _on_tick_timeout(self) -> None:
        now = self._context.clock.now()
        self._boards = [(facility, [retimed(tile, now) for tile in tiles]) for facility, tiles in self._boards]
        self._show_boards()
        self._nursing.retime()

    def _on_reload_timeout(self) -> None:
        self.reload()


register_page(PageSpec(
    key="charging",
    title=str(QT_TRANSLATE_NOOP("Pages", "充电与母婴室")),
    icon="charging.svg",
    order=40,
    roles=frozenset({Role.ADMIN, Role.DESK}),
    factory=ChargingPage,
))
