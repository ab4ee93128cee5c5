"""UI layer: the day board — one facility's units as rows and the day's slots as columns, bookings as coloured
blocks by state, a now-line on today, and a cell cursor the keyboard drives.

Painted by hand: a block spans many columns and starts at any minute (a walk-in at 10:07), which a table's cells
cannot show; a few hundred cells and blocks paint in well under a millisecond.

Keys: arrows move, Shift+←/→ extend the selection along the row, Home/End go to the first/last slot, Enter opens
the block under the cursor or books the selection, Esc drops the selection, PageUp/PageDown change the day,
Ctrl+PageUp/PageDown the facility. Mouse: drag across free cells to select, double-click to open or book.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desk.services.day_board import BoardBooking, DayBoard
from desk.services.facilities import UnitInfo
from desk.ui.booking import STATE_COLOURS, day_reason, time_range, who
from desk.ui.wording import booking_state_name

LABEL_WIDTH = 78
HEADER_HEIGHT = 28
ROW_HEIGHT = 28
ROW_HEIGHT_MAX = 56  # a room with one or two units gets taller rows, not a thin strip at the top
MIN_COLUMN = 12  # a day of 15-minute slots (48 columns) still fits beside the panel
ACCENT = QColor("#8c1d18")
NOW_COLOUR = QColor("#d93025")
GRID = QColor("#e3e3e3")
HOUR_LINE = QColor("#c9c9c9")
PAST = QColor("#f3f3f3")
CLOSED_HATCH = QColor("#d6d6d6")
LABEL_TEXT = QColor("#3c4043")
MUTED_TEXT = QColor("#80868b")


@dataclass(frozen=True)
class Selection:
    """Free time on one unit chosen on the board: what the booking form starts from."""

    unit: UnitInfo
    start: dt.datetime
    end: dt.datetime


class DayBoardView(QWidget):
    cursor_moved = Signal()
    activated = Signal(object)  # BoardBooking (open it) or Selection (book it)
    day_step_requested = Signal(int)
    facility_step_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("day_board")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._board: DayBoard | None = None
        self._now: dt.datetime | None = None
        self._row = 0
        self._col = 0
        self._anchor = 0  # the other end of the selection, on the cursor's row
        self._dragging = False
        self._banner = ""

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def board(self) -> DayBoard | None:
        return self._board

    def set_board(self, board: DayBoard | None, now: dt.datetime) -> None:
        """Show a (re-read) board. The cursor stays on the same unit and time when they still exist."""
        old = self._board
        unit_id = old.units[self._row].id if old and 0 <= self._row < len(old.units) else None
        moment = old.slots[self._col] if old and 0 <= self._col < len(old.slots) else None
        anchor = old.slots[self._anchor] if old and 0 <= self._anchor < len(old.slots) else None
        self._board = board
        self._now = now
        self._banner = "" if board is None or board.open_day.is_open else day_reason(board.open_day)
        self._dragging = False
        if board is None:
            self._row = self._col = self._anchor = 0
        elif old is not None and old.facility.id == board.facility.id and unit_id is not None:
            # The same unit and time of day, also on another date (PageDown keeps the afternoon in view).
            rows = [u.id for u in board.units]
            self._row = rows.index(unit_id) if unit_id in rows else 0
            self._col = self._column_of(self._on_day(moment, board)) if moment is not None else 0
            self._anchor = self._column_of(self._on_day(anchor, board)) if anchor is not None else self._col
        else:
            self._row = 0
            self._col = self._anchor = self._first_useful_column()
        self.updateGeometry()
        self.update()
        self.cursor_moved.emit()

    def cursor_cell(self) -> tuple[int, int]:
        return self._row, self._col

    def set_cursor(self, row: int, col: int, *, extend: bool = False) -> None:
        board = self._board
        if board is None or not board.units or not board.slots:
            return
        self._row = max(0, min(len(board.units) - 1, row))
        self._col = max(0, min(len(board.slots) - 1, col))
        if not extend:
            self._anchor = self._col
        self.update()
        self.cursor_moved.emit()

    def go_to(self, unit_id: int, moment: dt.datetime) -> None:
        """Put the cursor on a unit at a time (the block just booked, say)."""
        board = self._board
        if board is None:
            return
        rows = [u.id for u in board.units]
        if unit_id in rows:
            self.set_cursor(rows.index(unit_id), self._column_of(moment))

    def current_unit(self) -> UnitInfo | None:
        board = self._board
        if board is None or not 0 <= self._row < len(board.units):
            return None
        return board.units[self._row]

    def selected_columns(self) -> tuple[int, int]:
        return min(self._anchor, self._col), max(self._anchor, self._col)

    def selection(self) -> Selection | None:
        """The selected time on the cursor's unit (one cell at least)."""
        board, unit = self._board, self.current_unit()
        if board is None or unit is None or not board.slots:
            return None
        first, last = self.selected_columns()
        step = dt.timedelta(minutes=board.slot_minutes)
        return Selection(unit, board.slots[first], board.slots[last] + step)

    def booking_at_cursor(self) -> BoardBooking | None:
        """The booking holding the cell under the cursor when nothing wider is selected. A cancelled or no-show
        booking holds nothing: its cell is free to book (the panel still mentions it)."""
        if self._anchor != self._col:
            return None
        booking = self._booking_at_cell(self._row, self._col)
        return booking if booking is not None and not STATE_COLOURS[booking.state].dashed else None

    def released_in_selection(self) -> list[BoardBooking]:
        """Cancelled and no-show bookings within the selected time of the cursor's unit."""
        selection = self.selection()
        if selection is None:
            return []
        return [b for b in self._blocks(self._row) if STATE_COLOURS[b.state].dashed
                and b.starts_at < selection.end and selection.start < b.ends_at]

    def cell_rect(self, row: int, col: int) -> QRectF:
        width, height = self._column_width(), self._row_height()
        return QRectF(LABEL_WIDTH + col * width, HEADER_HEIGHT + row * height, width, height)

    def block_rect(self, booking: BoardBooking) -> QRectF:
        board = self._board
        assert board is not None
        row = [u.id for u in board.units].index(booking.unit_id)
        left, right = self._x_of(booking.starts_at), self._x_of(booking.ends_at)
        height = self._row_height()
        return QRectF(left, HEADER_HEIGHT + row * height, max(right - left, 3.0), height)

    def now_x(self) -> float | None:
        board, now = self._board, self._now
        if board is None or now is None or board.axis_start is None or board.axis_end is None:
            return None
        if not board.axis_start <= now <= board.axis_end:
            return None
        return self._x_of(now)

    # -- geometry ------------------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        rows, cols = self._counts()
        return QSize(LABEL_WIDTH + max(cols, 1) * 32 + 2, HEADER_HEIGHT + max(rows, 1) * ROW_HEIGHT + 2)

    def minimumSizeHint(self) -> QSize:
        rows, cols = self._counts()
        return QSize(LABEL_WIDTH + max(cols, 1) * MIN_COLUMN + 2, HEADER_HEIGHT + max(rows, 1) * ROW_HEIGHT + 2)

    def _counts(self) -> tuple[int, int]:
        board = self._board
        return (len(board.units), len(board.slots)) if board else (0, 0)

    def _column_width(self) -> float:
        _rows, cols = self._counts()
        return max(float(MIN_COLUMN), (self.width() - LABEL_WIDTH - 2) / cols) if cols else 0.0

    def _row_height(self) -> float:
        rows, _cols = self._counts()
        if not rows:
            return float(ROW_HEIGHT)
        return float(max(ROW_HEIGHT, min(ROW_HEIGHT_MAX, (self.height() - HEADER_HEIGHT - 2) // rows)))

    def _x_of(self, moment: dt.datetime) -> float:
        board = self._board
        assert board is not None and board.axis_start is not None
        minutes = (moment - board.axis_start).total_seconds() / 60
        minutes = max(0.0, min(minutes, len(board.slots) * board.slot_minutes))
        return LABEL_WIDTH + minutes / board.slot_minutes * self._column_width()

    def _column_of(self, moment: dt.datetime) -> int:
        board = self._board
        if board is None or board.axis_start is None:
            return 0
        index = math.floor((moment - board.axis_start).total_seconds() / 60 / board.slot_minutes)
        return max(0, min(len(board.slots) - 1, index))

    @staticmethod
    def _on_day(moment: dt.datetime, board: DayBoard) -> dt.datetime:
        return dt.datetime.combine(board.day, moment.astimezone(board.zone).time(), board.zone)

    def _cell_at(self, point: QPointF) -> tuple[int, int] | None:
        rows, cols = self._counts()
        if not rows or not cols or point.x() < LABEL_WIDTH or point.y() < HEADER_HEIGHT:
            return None
        row = int((point.y() - HEADER_HEIGHT) // self._row_height())
        col = int((point.x() - LABEL_WIDTH) // self._column_width())
        if not (0 <= row < rows and 0 <= col < cols):
            return None
        return row, col

    def _first_useful_column(self) -> int:
        """Where the cursor starts on a new board: the slot of now on today, else the first."""
        board, now = self._board, self._now
        if board is None or now is None or board.axis_start is None or board.axis_end is None:
            return 0
        return self._column_of(now) if board.axis_start <= now < board.axis_end else 0

    # -- bookings under a point ----------------------------------------------------------------------------------

    def _blocks(self, row: int) -> list[BoardBooking]:
        board = self._board
        if board is None or not 0 <= row < len(board.units):
            return []
        return board.bookings_of(board.units[row].id)

    def _booking_at_cell(self, row: int, col: int) -> BoardBooking | None:
        board = self._board
        if board is None or not board.slots or not 0 <= col < len(board.slots):
            return None
        start = board.slots[col]
        end = start + dt.timedelta(minutes=board.slot_minutes)
        found = [b for b in self._blocks(row) if b.starts_at < end and start < b.ends_at]
        # A unit is held by at most one solid block at a time; the dashed ones (cancelled, no-show) lie beneath.
        found.sort(key=lambda b: STATE_COLOURS[b.state].dashed)
        return found[0] if found else None

    def _booking_at_point(self, point: QPointF) -> BoardBooking | None:
        cell = self._cell_at(point)
        if cell is None:
            return None
        hits = [b for b in self._blocks(cell[0]) if self.block_rect(b).contains(point)]
        hits.sort(key=lambda b: STATE_COLOURS[b.state].dashed)
        return hits[0] if hits else self._booking_at_cell(*cell)

    # -- keyboard and mouse --------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            step = -1 if key == Qt.Key.Key_PageUp else 1
            (self.facility_step_requested if ctrl else self.day_step_requested).emit(step)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.set_cursor(self._row, self._col + (-1 if key == Qt.Key.Key_Left else 1), extend=shift)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            last = len(self._board.slots) - 1 if self._board else 0
            self.set_cursor(self._row, 0 if key == Qt.Key.Key_Home else last, extend=shift)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.set_cursor(self._row + (-1 if key == Qt.Key.Key_Up else 1), self._col)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate()
        elif key == Qt.Key.Key_Escape and self._anchor != self._col:
            self.set_cursor(self._row, self._col)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        cell = self._cell_at(event.position())
        if cell is None:
            return
        self.set_cursor(*cell)
        self._dragging = self.booking_at_cursor() is None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._dragging:
            return
        board = self._board
        if board is None or not board.slots:
            return
        col = int((event.position().x() - LABEL_WIDTH) // self._column_width())
        col = max(0, min(len(board.slots) - 1, col))
        if col != self._col:
            self.set_cursor(self._row, col, extend=True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._dragging = False
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        booking = self._booking_at_point(event.position())
        cell = self._cell_at(event.position())
        if booking is not None and not STATE_COLOURS[booking.state].dashed:
            self.go_to(booking.unit_id, booking.starts_at)
            self.activated.emit(booking)
        elif cell is not None:
            self.set_cursor(*cell)
            self._activate()

    def _activate(self) -> None:
        booking = self.booking_at_cursor()
        if booking is not None:
            self.activated.emit(booking)
            return
        selection = self.selection()
        if selection is not None:
            self.activated.emit(selection)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _tooltip_at(self, point: QPointF) -> str:
        board = self._board
        if board is None:
            return ""
        if point.x() < LABEL_WIDTH and point.y() >= HEADER_HEIGHT:
            row = int((point.y() - HEADER_HEIGHT) // self._row_height())
            if 0 <= row < len(board.units) and board.units[row].out_of_order_reason:
                return self.tr("暂停使用：%1").replace("%1", board.units[row].out_of_order_reason)
            return ""
        booking = self._booking_at_point(point)
        return self.describe(booking) if booking is not None else ""

    def describe(self, booking: BoardBooking) -> str:
        """What a block's tooltip says (the phone masked, as everywhere a person is listed)."""
        board = self._board
        assert board is not None
        lines = [" · ".join(p for p in (who(booking), booking.masked_phone) if p),
                 f"{time_range(booking.starts_at, booking.ends_at, board.zone)} · "
                 f"{booking_state_name(booking.state.value)}"]
        if booking.party_size > 1:
            lines.append(self.tr("%n 人", "", booking.party_size))
        if booking.note:
            lines.append(self.tr("备注：%1").replace("%1", booking.note))
        if booking.cancel_reason:
            lines.append(self.tr("取消原因：%1").replace("%1", booking.cancel_reason))
        return "\n".join(lines)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.update()

    # -- painting ------------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        board = self._board
        if board is None:
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if board.units and board.slots:
            self._paint_grid(painter, board)
            self._paint_blocks(painter, board)
            self._paint_selection(painter)
            self._paint_now(painter)
        self._paint_labels(painter, board)
        if self._banner:
            self._paint_banner(painter, board)
        painter.end()

    def _paint_grid(self, painter: QPainter, board: DayBoard) -> None:
        rows, cols = len(board.units), len(board.slots)
        width, height = self._column_width(), self._row_height()
        right = LABEL_WIDTH + cols * width
        bottom = HEADER_HEIGHT + rows * height
        grid = QRectF(LABEL_WIDTH, HEADER_HEIGHT, right - LABEL_WIDTH, bottom - HEADER_HEIGHT)
        for row in range(rows):
            if row % 2:
                painter.fillRect(QRectF(LABEL_WIDTH, HEADER_HEIGHT + row * height, grid.width(), height),
                                 QColor("#fafafa"))
        now = self._now
        if now is not None and board.axis_end is not None and board.axis_start is not None and now > board.axis_start:
            past_right = self._x_of(min(now, board.axis_end))
            painter.fillRect(QRectF(LABEL_WIDTH, HEADER_HEIGHT, past_right - LABEL_WIDTH, grid.height()), PAST)
        hatch = QBrush(CLOSED_HATCH, Qt.BrushStyle.BDiagPattern)
        if not board.open_day.is_open:
            painter.fillRect(grid, hatch)
        else:
            opens, closes = board.opens_at, board.closes_at
            assert opens is not None and closes is not None
            if board.axis_start is not None and opens > board.axis_start:
                painter.fillRect(QRectF(LABEL_WIDTH, HEADER_HEIGHT, self._x_of(opens) - LABEL_WIDTH,
                                        grid.height()), hatch)
            if board.axis_end is not None and closes < board.axis_end:
                painter.fillRect(QRectF(self._x_of(closes), HEADER_HEIGHT, right - self._x_of(closes),
                                        grid.height()), hatch)
        for row, unit in enumerate(board.units):
            if unit.out_of_order_reason:
                painter.fillRect(QRectF(LABEL_WIDTH, HEADER_HEIGHT + row * height, grid.width(), height), hatch)
        painter.setPen(QPen(GRID, 1))
        for row in range(rows + 1):
            y = HEADER_HEIGHT + row * height
            painter.drawLine(QPointF(0, y), QPointF(right, y))
        for col in range(cols + 1):
            x = LABEL_WIDTH + col * width
            slot = board.slots[col] if col < cols else board.axis_end
            on_hour = slot is not None and slot.astimezone(board.zone).minute == 0
            painter.setPen(QPen(HOUR_LINE if on_hour else GRID, 1))
            painter.drawLine(QPointF(x, HEADER_HEIGHT - (6 if on_hour else 0)), QPointF(x, bottom))

    def _paint_labels(self, painter: QPainter, board: DayBoard) -> None:
        height = self._row_height()
        font = QFont(self.font())
        painter.setFont(font)
        for row, unit in enumerate(board.units):
            rect = QRectF(6, HEADER_HEIGHT + row * height, LABEL_WIDTH - 10, height)
            painter.setPen(MUTED_TEXT if unit.out_of_order_reason else LABEL_TEXT)
            text = painter.fontMetrics().elidedText(unit.name, Qt.TextElideMode.ElideRight, int(rect.width()))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)
        if not board.slots:
            return
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        painter.setPen(MUTED_TEXT)
        width = self._column_width()
        hour_width = 60 / board.slot_minutes * width
        every = max(1, math.ceil((painter.fontMetrics().horizontalAdvance("00:00") + 8) / hour_width))
        for col, slot in enumerate(board.slots):
            local = slot.astimezone(board.zone)
            if local.minute != 0 or local.hour % every:
                continue
            x = LABEL_WIDTH + col * width
            painter.drawText(QRectF(x + 3, 0, 60, HEADER_HEIGHT - 4),
                             int(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft), f"{local:%H:%M}")

    def _paint_blocks(self, painter: QPainter, board: DayBoard) -> None:
        ordered = sorted(board.bookings, key=lambda b: not STATE_COLOURS[b.state].dashed)  # dashed ones beneath
        for booking in ordered:
            colours = STATE_COLOURS[booking.state]
            rect = self.block_rect(booking).adjusted(1.5, 3, -1.5, -3)
            pen = QPen(colours.border, 1.2)
            if colours.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(colours.fill)
            painter.drawRoundedRect(rect, 4, 4)
            if not colours.dashed:
                painter.fillRect(QRectF(rect.left(), rect.top() + 1, 3, rect.height() - 2), colours.border)
            lines = [who(booking)]
            if booking.party_size > 1:
                lines = [self.tr("%1 · %n 人", "", booking.party_size).replace("%1", lines[0])]
            if booking.note and board.facility.group_booking:  # a group room: what the meeting is comes first
                lines.insert(0, booking.note)
            painter.setPen(colours.text)
            inner = rect.adjusted(6, 2, -3, -2)
            metrics = painter.fontMetrics()
            if inner.width() > 12:
                if len(lines) * metrics.lineSpacing() > inner.height():
                    lines = [" · ".join(lines)]
                top = inner.center().y() - len(lines) * metrics.lineSpacing() / 2
                for number, line in enumerate(lines):
                    shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(inner.width()))
                    painter.drawText(QRectF(inner.left(), top + number * metrics.lineSpacing(), inner.width(),
                                            metrics.lineSpacing()),
                                     int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_selection(self, painter: QPainter) -> None:
        first, last = self.selected_columns()
        rect = self.cell_rect(self._row, first).united(self.cell_rect(self._row, last)).adjusted(1, 1, -1, -1)
        if first != last or self.booking_at_cursor() is None:
            fill = QColor(ACCENT)
            fill.setAlpha(38)
            painter.fillRect(rect, fill)
        pen = QPen(ACCENT if self.hasFocus() else MUTED_TEXT, 2 if self.hasFocus() else 1)
        if not self.hasFocus():
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRect(rect)

    def _paint_now(self, painter: QPainter) -> None:
        x = self.now_x()
        if x is None:
            return
        rows, _cols = self._counts()
        bottom = HEADER_HEIGHT + rows * self._row_height()
        painter.setPen(QPen(NOW_COLOUR, 2))
        painter.drawLine(QPointF(x, HEADER_HEIGHT - 2), QPointF(x, bottom))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(NOW_COLOUR)
        painter.drawPolygon(QPolygonF([QPointF(x - 5, HEADER_HEIGHT - 8), QPointF(x + 5, HEADER_HEIGHT - 8),
                                       QPointF(x, HEADER_HEIGHT - 2)]))
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_banner(self, painter: QPainter, board: DayBoard) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.25)
        painter.setFont(bold)
        metrics = painter.fontMetrics()
        rows, _cols = self._counts()
        visible = QRectF(self.visibleRegion().boundingRect())
        grid_bottom = HEADER_HEIGHT + rows * self._row_height()
        width = min(visible.width() - LABEL_WIDTH - 20, metrics.horizontalAdvance(self._banner) + 48)
        centre = LABEL_WIDTH + (visible.left() + visible.right() - LABEL_WIDTH) / 2
        if rows and visible.bottom() - grid_bottom >= 120:
            top = grid_bottom + 40.0  # a short board (one room): beneath it, not over its only row
        else:
            top = HEADER_HEIGHT + max(12.0, min((grid_bottom - HEADER_HEIGHT) / 2 - 24, 120.0))
        box = QRectF(centre - width / 2, top, width, 48)
        painter.setPen(QPen(QColor("#c9a2a0"), 1))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(ACCENT)
        text = metrics.elidedText(self._banner, Qt.TextElideMode.ElideRight, int(box.width() - 16))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.setBrush(Qt.BrushStyle.NoBrush)
