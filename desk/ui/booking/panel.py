"""UI layer: the panel beside the day board — what the cursor is on (free time or a booking) and what can be done
with it: book, use now, book a series; check in, complete, cancel, extend. The page does the work; the panel only
shows and asks."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from desk.domain.booking import BookingState
from desk.services.day_board import BoardBooking, DayBoard
from desk.ui.booking import STATE_COLOURS, day_status, hhmm, time_range, who
from desk.ui.booking.board import Selection
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import booking_state_name

PANEL_WIDTH = 250
HINT_STYLE = "color: #5f6368;"


class BookingPanel(Retranslating, QGroupBox):
    book_requested = Signal()
    walk_in_requested = Signal()
    series_requested = Signal()
    check_in_requested = Signal(object)  # BoardBooking
    complete_requested = Signal(object)
    cancel_requested = Signal(object)
    extend_requested = Signal(object, int)  # BoardBooking, minutes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("booking_panel")
        self.setFixedWidth(PANEL_WIDTH)
        self._booking: BoardBooking | None = None
        self._selection: Selection | None = None
        self._board: DayBoard | None = None
        self._released: tuple[BoardBooking, ...] = ()

        self._heading = QLabel()
        self._heading.setObjectName("panel_heading")
        self._heading.setWordWrap(True)
        font = self._heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self._heading.setFont(font)
        self._state = QLabel()
        self._state.setObjectName("panel_state")
        self._details = QLabel()
        self._details.setObjectName("panel_details")
        self._details.setWordWrap(True)
        self._details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._hint = QLabel()
        self._hint.setObjectName("panel_hint")
        self._hint.setWordWrap(True)
        self._hint.setStyleSheet(HINT_STYLE)

        self._book = self._button("book_button")
        self._walk_in = self._button("walk_in_button")
        self._series = self._button("series_button")
        self._check_in = self._button("check_in_button")
        self._complete = self._button("complete_button")
        self._cancel = self._button("cancel_button")
        self._extend_minutes = QSpinBox()
        self._extend_minutes.setObjectName("extend_minutes")
        self._extend = self._button("extend_button")
        self._extend_row = QWidget()
        extend_layout = QHBoxLayout(self._extend_row)
        extend_layout.setContentsMargins(0, 0, 0, 0)
        extend_layout.addWidget(self._extend_minutes, 1)
        extend_layout.addWidget(self._extend)
        self._error = ErrorLabel()
        self._error.setObjectName("panel_error")

        layout = QVBoxLayout(self)
        layout.addWidget(self._heading)
        layout.addWidget(self._state)
        layout.addWidget(self._details)
        layout.addSpacing(6)
        for widget in (self._book, self._walk_in, self._series, self._check_in, self._complete, self._cancel,
                       self._extend_row):
            layout.addWidget(widget)
        layout.addWidget(self._error)
        layout.addStretch(1)
        layout.addWidget(self._hint)

        self._book.clicked.connect(self.book_requested.emit)
        self._walk_in.clicked.connect(self.walk_in_requested.emit)
        self._series.clicked.connect(self.series_requested.emit)
        self._check_in.clicked.connect(lambda: self._emit_for(self.check_in_requested))
        self._complete.clicked.connect(lambda: self._emit_for(self.complete_requested))
        self._cancel.clicked.connect(lambda: self._emit_for(self.cancel_requested))
        self._extend.clicked.connect(self._on_extend_clicked)
        self._show_buttons(())
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("所选"))
        self._book.setText(self.tr("预约(&B)… Enter"))
        self._walk_in.setText(self.tr("现在使用(&U)…"))
        self._walk_in.setToolTip(self.tr("来了就用：从现在开始使用这个位置，并登记到访"))
        self._series.setText(self.tr("周期预约(&R)…"))
        self._series.setToolTip(self.tr("每周或每月第一个星期几，在一段日期内重复预约"))
        self._check_in.setText(self.tr("签到(&I)"))
        self._check_in.setToolTip(self.tr("预约人到了：签到并登记到访"))
        self._complete.setText(self.tr("完成(&D)"))
        self._complete.setToolTip(self.tr("使用结束，位置从现在起空出"))
        self._cancel.setText(self.tr("取消预约(&X)…"))
        self._extend.setText(self.tr("延长(&E)"))
        self._extend_minutes.setSuffix(self.tr(" 分钟"))
        self._hint.setText(self.tr("方向键移动 · Shift+←/→ 选时段 · Enter 预约或打开\n"
                                   "PageUp/PageDown 换日期 · Ctrl+PageUp/PageDown 换设施"))
        self._refresh_texts()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def booking(self) -> BoardBooking | None:
        return self._booking

    def show_selection(self, selection: Selection, board: DayBoard, *, can_walk_in: bool,
                       released: list[BoardBooking] | tuple[BoardBooking, ...] = ()) -> None:
        """Free time; `released` are cancelled or no-show bookings in it, mentioned so staff know."""
        self._booking, self._selection, self._board = None, selection, board
        self._released = tuple(released)
        self.clear_error()
        buttons: list[QWidget] = [self._book] if board.open_day.is_open else []
        if can_walk_in:
            buttons.append(self._walk_in)
        if board.facility.group_booking:
            buttons.append(self._series)  # the first date may be closed; the others need not be
        self._show_buttons(buttons)
        self._refresh_texts()

    def show_booking(self, booking: BoardBooking, board: DayBoard) -> None:
        changed = self._booking is None or self._booking.id != booking.id
        self._booking, self._selection, self._board = booking, None, board
        if changed:
            self.clear_error()
        buttons: list[QWidget] = []
        if booking.state is BookingState.BOOKED:
            buttons += [self._check_in, self._cancel]
        if booking.state is BookingState.CHECKED_IN:
            buttons.append(self._complete)
        if booking.active:
            rules = board.facility.rules
            self._extend_minutes.setRange(rules.slot_minutes, max(rules.slot_minutes, rules.max_minutes))
            self._extend_minutes.setSingleStep(rules.slot_minutes)
            if changed:
                self._extend_minutes.setValue(rules.slot_minutes if rules.slot_minutes >= 30 else 30)
            buttons.append(self._extend_row)
        self._show_buttons(buttons)
        self._refresh_texts()

    def show_nothing(self) -> None:
        self._booking, self._selection, self._board = None, None, None
        self._show_buttons(())
        self._refresh_texts()

    def show_error(self, text: str) -> None:
        self._error.show_text(text)

    def clear_error(self) -> None:
        self._error.show_text("")

    def error_text(self) -> str:
        return self._error.text() if self._error.isVisible() else ""

    def focus_actions(self) -> bool:
        """Put the keyboard on the first thing to do with what is shown; False when there is nothing."""
        for button in (self._check_in, self._complete, self._book, self._extend):
            if button.isVisibleTo(self) and button.isEnabled():
                button.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    # -- helpers -------------------------------------------------------------------------------------------------

    def _button(self, name: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setMinimumHeight(30)
        return button

    def _show_buttons(self, visible: tuple[QWidget, ...] | list[QWidget]) -> None:
        for widget in (self._book, self._walk_in, self._series, self._check_in, self._complete, self._cancel,
                       self._extend_row):
            widget.setVisible(widget in visible)

    def _emit_for(self, signal: SignalInstance) -> None:
        if self._booking is not None:
            signal.emit(self._booking)

    def _on_extend_clicked(self) -> None:
        if self._booking is not None:
            self._extend_minutes.interpretText()
            self.extend_requested.emit(self._booking, self._extend_minutes.value())

    def _refresh_texts(self) -> None:
        board = self._board
        self._state.setStyleSheet("")
        if board is None:
            self._heading.setText(self.tr("没有可选的位置"))
            self._state.clear()
            self._details.clear()
            return
        zone = board.zone
        booking, selection = self._booking, self._selection
        if booking is not None:
            unit = next((u.name for u in board.units if u.id == booking.unit_id), "")
            self._heading.setText(f"{unit} · {time_range(booking.starts_at, booking.ends_at, zone)}")
            colours = STATE_COLOURS[booking.state]
            self._state.setText(booking_state_name(booking.state.value))
            self._state.setStyleSheet(f"color: {colours.text.name()}; background: {colours.fill.name()};"
                                      f" border: 1px solid {colours.border.name()}; padding: 2px 6px;")
            lines = [" · ".join(p for p in (who(booking), booking.masked_phone) if p)]
            if booking.party_size > 1:
                lines.append(self.tr("人数：%n 人", "", booking.party_size))
            if booking.note:
                lines.append(self.tr("备注：%1").replace("%1", booking.note))
            if booking.checked_in_at is not None:
                lines.append(self.tr("签到：%1").replace("%1", hhmm(booking.checked_in_at, zone)))
            if booking.state is BookingState.CANCELLED and booking.cancel_reason:
                lines.append(self.tr("取消原因：%1").replace("%1", booking.cancel_reason))
            if booking.series_id is not None:
                lines.append(self.tr("周期预约的一次"))
            self._details.setText("\n".join(lines))
        elif selection is not None:
            self._heading.setText(f"{selection.unit.name} · {time_range(selection.start, selection.end, zone)}")
            minutes = int((selection.end - selection.start).total_seconds() // 60)
            self._state.setText(self.tr("%n 分钟", "", minutes))
            lines = []
            if not board.open_day.is_open:
                lines.append(day_status(board.open_day))
            if selection.unit.capacity > 1:
                lines.append(self.tr("容量 %n 人", "", selection.unit.capacity))
            if selection.unit.out_of_order_reason:
                lines.append(self.tr("暂停使用：%1").replace("%1", selection.unit.out_of_order_reason))
            for released in self._released:
                line = self.tr("%1：%2").replace("%1", booking_state_name(released.state.value)).replace(
                    "%2", f"{who(released)} {time_range(released.starts_at, released.ends_at, zone)}")
                if released.cancel_reason:
                    line += self.tr("（%1）").replace("%1", released.cancel_reason)
                lines.append(line)
            self._details.setText("\n".join(lines))
