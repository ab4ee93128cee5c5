"""UI layer: the port tiles — one painted tile per 充电桩 or 插座 (colour and words by state) and the board that
lays them out by facility and moves between them with the arrow keys.

The tiles are painted rather than built from labels: each line is elided to the tile's width, so a long name or
reason never pushes the grid apart, and the full text is in the tooltip.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desk.services.charging import PortState, PortTile
from desk.services.facilities import FacilityInfo
from desk.ui.charging import clock_time, short_duration, short_person, state_name
from desk.ui.widgets import Retranslating

MOST_COLUMNS = 5  # tiles to a row on a roomy screen
FEWEST_COLUMNS = 3  # and on a narrow one (the board reflows as the window is resized)
TILE_SPACING = 8
TILE_HEIGHT = 86
TILE_MIN_WIDTH = 112
REASON_LINES = 3
SELECTED_BORDER = QColor("#8c1d18")
SUMMARY_STYLE = "color: #5f6368;"


@dataclass(frozen=True)
class TileLook:
    background: QColor
    border: QColor
    accent: QColor  # the state word, and the overdue minutes


LOOKS = {
    PortState.FREE: TileLook(QColor("#f3faf4"), QColor("#9ccfa5"), QColor("#1e6b34")),
    PortState.CHARGING: TileLook(QColor("#eef4fd"), QColor("#93b8ef"), QColor("#1a56b8")),
    PortState.OVERDUE: TileLook(QColor("#fdecea"), QColor("#d93025"), QColor("#b3261e")),
    PortState.OUT_OF_ORDER: TileLook(QColor("#f1f1f1"), QColor("#bdbdbd"), QColor("#5f6368")),
}
TEXT = QColor("#202124")
MUTED = QColor("#5f6368")


class PortTileWidget(QWidget):
    """One port. Focus selects it; the board handles the keys."""

    def __init__(self, tile: PortTile, zone: dt.tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"tile_{tile.unit_id}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(TILE_MIN_WIDTH, TILE_HEIGHT)
        self._tile = tile
        self._zone = zone
        self._selected = False
        self._refresh_texts()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def tile(self) -> PortTile:
        return self._tile

    def set_tile(self, tile: PortTile, zone: dt.tzinfo) -> None:
        self._tile = tile
        self._zone = zone
        self._refresh_texts()
        self.update()

    def is_selected(self) -> bool:
        return self._selected

    def set_selected(self, selected: bool) -> None:
        if selected != self._selected:
            self._selected = selected
            self.update()

    def lines(self) -> list[str]:
        """Everything the tile says, first the unit and its state: what tests and the tooltip read."""
        return [self._tile.unit_name, state_name(self._tile.state), *self.detail_lines()]

    def detail_lines(self) -> list[str]:
        tile = self._tile
        if tile.state is PortState.OUT_OF_ORDER:
            return [tile.out_of_order_reason]
        if tile.state is PortState.FREE:
            if tile.next_booking_at is None:
                return []
            return [self.tr("%1 有预约").replace("%1", clock_time(tile.next_booking_at, self._zone))]
        who = short_person(tile.masked_name, tile.masked_phone, tile.anonymous)
        if tile.state is PortState.OVERDUE:
            return [who, self.tr("应于 %1 结束").replace("%1", clock_time(tile.ends_at, self._zone)),
                    self.tr("超时 %1").replace("%1", short_duration(tile.minutes_over))]
        return [who, self.tr("%1 开始").replace("%1", clock_time(tile.started_at, self._zone)),
                self.tr("剩余 %1").replace("%1", short_duration(tile.minutes_left))]

    def sizeHint(self) -> QSize:
        return QSize(TILE_MIN_WIDTH + 16, TILE_HEIGHT)

    # -- Qt ------------------------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._refresh_texts()
            self.update()
        super().changeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        tile = self._tile
        look = LOOKS[tile.state]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = 3 if self._selected else 1
        frame = QRectF(self.rect()).adjusted(width / 2 + 0.5, width / 2 + 0.5, -width / 2 - 0.5, -width / 2 - 0.5)
        painter.setPen(QPen(SELECTED_BORDER if self._selected else look.border, width))
        painter.setBrush(look.background)
        painter.drawRoundedRect(frame, 6, 6)

        inner = self.rect().adjusted(8, 6, -8, -6)
        bold = QFont(self.font())
        bold.setBold(True)
        # The state word on the right, the unit's name in what is left of the first line.
        state = state_name(tile.state)
        painter.setFont(bold)
        metrics = QFontMetrics(bold)
        painter.setPen(look.accent)
        state_width = metrics.horizontalAdvance(state)
        painter.drawText(QRect(inner.right() - state_width, inner.top(), state_width, metrics.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, state)
        painter.setPen(TEXT if tile.state is not PortState.OUT_OF_ORDER else MUTED)
        name_width = max(inner.width() - state_width - 8, 0)
        painter.drawText(QRect(inner.left(), inner.top(), name_width, metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(tile.unit_name, Qt.TextElideMode.ElideRight, name_width))

        # The details a size smaller than the name: a calmer tile, and a masked name with its phone's tail fits.
        plain = QFont(self.font())
        plain.setPointSizeF(max(plain.pointSizeF() - 1, 7.0))
        emphasis = QFont(plain)
        emphasis.setBold(True)
        plain_metrics = QFontMetrics(plain)
        step = plain_metrics.height() + 1
        top = inner.top() + metrics.height() + 3
        lines = self.detail_lines()
        if tile.state is PortState.OUT_OF_ORDER:
            lines = _wrapped(lines[0], plain_metrics, inner.width(), REASON_LINES)
        for index, line in enumerate(lines):
            last_overdue = tile.state is PortState.OVERDUE and index == len(lines) - 1
            painter.setFont(emphasis if last_overdue else plain)
            painter.setPen(look.accent if last_overdue else (MUTED if tile.state is not PortState.CHARGING
                                                             or index > 0 else TEXT))
            used = QFontMetrics(painter.font())
            painter.drawText(QRect(inner.left(), top, inner.width(), used.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             used.elidedText(line, Qt.TextElideMode.ElideRight, inner.width()))
            top += step
        painter.end()

    # -- helpers -------------------------------------------------------------------------------------------------

    def _refresh_texts(self) -> None:
        text = "\n".join(line for line in self.lines() if line)
        self.setToolTip(text)
        self.setAccessibleName(text.replace("\n", " · "))


def _wrapped(text: str, metrics: QFontMetrics, width: int, most: int) -> list[str]:
    """Break `text` into lines that fit `width` (Chinese breaks anywhere), at most `most`, the last elided."""
    lines: list[str] = []
    rest = text
    while rest and len(lines) < most - 1:
        cut = len(rest)
        while cut > 1 and metrics.horizontalAdvance(rest[:cut]) > width:
            cut -= 1
        lines.append(rest[:cut])
        rest = rest[cut:].lstrip()
    if rest:
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return lines


def columns_for(width: int) -> int:
    """How many tiles fit side by side in `width`."""
    fitting = (width + TILE_SPACING) // (TILE_MIN_WIDTH + TILE_SPACING)
    return max(FEWEST_COLUMNS, min(MOST_COLUMNS, fitting))


class _Section(QWidget):
    """One charging facility: its name, a count by state, and its tiles in rows of the board's width."""

    def __init__(self, facility: FacilityInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facility = facility
        self.setObjectName(f"ports_{facility.id}")
        self.title = QLabel(facility.name)
        self.title.setObjectName(f"ports_title_{facility.id}")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName(f"ports_summary_{facility.id}")
        self.summary.setStyleSheet(SUMMARY_STYLE)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(TILE_SPACING)
        self.grid.setVerticalSpacing(TILE_SPACING)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addSpacing(8)
        header.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addLayout(self.grid)
        self.tiles: list[PortTileWidget] = []

    def place(self, columns: int) -> list[list[PortTileWidget]]:
        """Lay the tiles out `columns` to a row; returns the rows."""
        for widget in self.tiles:
            self.grid.removeWidget(widget)
        for index, widget in enumerate(self.tiles):
            self.grid.addWidget(widget, index // columns, index % columns)
        for column in range(MOST_COLUMNS):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        return [self.tiles[i:i + columns] for i in range(0, len(self.tiles), columns)]


class TileBoard(Retranslating, QWidget):
    """Every charging facility's tiles. ← → go through the tiles in order, ↑ ↓ to the row above or below (into
    the next facility too); Enter activates the selected tile."""

    selected = Signal(object)  # PortTile
    activated = Signal(object)  # PortTile

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile_board")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        self._sections: list[_Section] = []
        self._widgets: dict[int, PortTileWidget] = {}
        self._rows: list[list[PortTileWidget]] = []
        self._current: int | None = None
        self._zone: dt.tzinfo = dt.UTC
        self._columns = MOST_COLUMNS

    def retranslate(self) -> None:
        for section in self._sections:
            self._summarise(section)

    # -- size ----------------------------------------------------------------------------------------------------

    def minimumSizeHint(self) -> QSize:
        # As narrow as FEWEST_COLUMNS tiles (the board reflows when resized), as tall as the rows it has now.
        narrowest = FEWEST_COLUMNS * TILE_MIN_WIDTH + (FEWEST_COLUMNS - 1) * TILE_SPACING
        return QSize(narrowest, self._layout.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        columns = columns_for(self.width())
        if columns != self._columns:
            self._columns = columns
            self._place()
            self.updateGeometry()  # fewer columns, more rows: the page makes room

    def columns(self) -> int:
        return self._columns

    def _place(self) -> None:
        self._rows = [row for section in self._sections for row in section.place(self._columns)]

    # -- public --------------------------------------------------------------------------------------------------

    def shape(self) -> list[tuple[int, tuple[int, ...]]]:
        return [(s.facility.id, tuple(t.tile.unit_id for t in s.tiles)) for s in self._sections]

    def set_board(self, boards: list[tuple[FacilityInfo, list[PortTile]]], zone: dt.tzinfo) -> None:
        """Show these facilities and tiles; the tiles are rebuilt only when the set of ports changed."""
        self._zone = zone
        wanted = [(facility.id, tuple(t.unit_id for t in tiles)) for facility, tiles in boards]
        if wanted != self.shape():
            self._rebuild(boards)
        for section, (facility, tiles) in zip(self._sections, boards, strict=True):
            section.facility = facility
            section.title.setText(facility.name)
            for widget, tile in zip(section.tiles, tiles, strict=True):
                widget.set_tile(tile, zone)
            self._summarise(section)

    def tiles(self) -> list[PortTile]:
        return [widget.tile for row in self._rows for widget in row]

    def tile_widget(self, unit_id: int) -> PortTileWidget:
        return self._widgets[unit_id]

    def facility_of(self, unit_id: int) -> FacilityInfo | None:
        for section in self._sections:
            if any(widget.tile.unit_id == unit_id for widget in section.tiles):
                return section.facility
        return None

    def current(self) -> PortTile | None:
        widget = self._widgets.get(self._current) if self._current is not None else None
        return widget.tile if widget is not None else None

    def select(self, unit_id: int, focus: bool = True) -> None:
        widget = self._widgets.get(unit_id)
        if widget is None:
            return
        if focus:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._mark(widget)

    def focus_current(self) -> None:
        widget = self._widgets.get(self._current) if self._current is not None else None
        if widget is None and self._rows:
            widget = self._rows[0][0]
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self._mark(widget)

    # -- keys and focus ------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, PortTileWidget):
            if event.type() == QEvent.Type.FocusIn:
                self._mark(watched)
            elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                if self._on_tile_key(watched, event.key()):
                    return True
        return super().eventFilter(watched, event)

    def _on_tile_key(self, widget: PortTileWidget, key: int) -> bool:
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._mark(widget)
            self.activated.emit(widget.tile)
            return True
        row, column = self._position(widget)
        target: PortTileWidget | None = None
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            order = [w for r in self._rows for w in r]
            index = order.index(widget) + (1 if key == Qt.Key.Key_Right else -1)
            target = order[index] if 0 <= index < len(order) else None
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            next_row = row + (1 if key == Qt.Key.Key_Down else -1)
            if 0 <= next_row < len(self._rows):
                target = self._rows[next_row][min(column, len(self._rows[next_row]) - 1)]
        else:
            return False
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)
        return True  # at an edge the key is used up: the focus stays on the board

    # -- helpers -------------------------------------------------------------------------------------------------

    def _position(self, widget: PortTileWidget) -> tuple[int, int]:
        for row_index, row in enumerate(self._rows):
            if widget in row:
                return row_index, row.index(widget)
        return 0, 0

    def _mark(self, widget: PortTileWidget) -> None:
        changed = self._current != widget.tile.unit_id
        self._current = widget.tile.unit_id
        for other in self._widgets.values():
            other.set_selected(other is widget)
        if changed:
            self.selected.emit(widget.tile)

    def _rebuild(self, boards: list[tuple[FacilityInfo, list[PortTile]]]) -> None:
        for section in self._sections:
            self._layout.removeWidget(section)
            section.hide()
            section.deleteLater()
        self._sections, self._widgets, self._rows = [], {}, []
        for facility, tiles in boards:
            section = _Section(facility)
            for tile in tiles:
                widget = PortTileWidget(tile, self._zone)
                widget.installEventFilter(self)
                section.tiles.append(widget)
                self._widgets[tile.unit_id] = widget
            self._layout.addWidget(section)
            self._sections.append(section)
        self._place()
        kept = self._widgets.get(self._current) if self._current is not None else None
        if kept is None:
            self._current = None
        else:
            kept.set_selected(True)

    def _summarise(self, section: _Section) -> None:
        counts = {state: 0 for state in PortState}
        for widget in section.tiles:
            counts[widget.tile.state] += 1
        parts = [self.tr("空闲 %1").replace("%1", str(counts[PortState.FREE])),
                 self.tr("充电中 %1").replace("%1", str(counts[PortState.CHARGING]))]
        if counts[PortState.OVERDUE]:
            parts.append(self.tr("已超时 %1").replace("%1", str(counts[PortState.OVERDUE])))
        if counts[PortState.OUT_OF_ORDER]:
            parts.append(self.tr("故障 %1").replace("%1", str(counts[PortState.OUT_OF_ORDER])))
        section.summary.setText(" · ".join(parts))
