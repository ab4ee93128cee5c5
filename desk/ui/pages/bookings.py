"""UI layer: the 预约 page — one facility's day board (units × time), with the date, the facility tabs and a panel
for what the cursor is on: book free time, use a unit now, book a series; check in, complete, cancel, extend.

The board is read again after every change and every minute (the now-line moves, other desks book too); the
no-show rule runs on the session's timer, which asks this page to read again when it marked any.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from desk.domain.booking import BookingState
from desk.domain.errors import DeskError
from desk.domain.staff import Role
from desk.services.bookings import BookingRow, SeriesResult
from desk.services.day_board import BoardBooking
from desk.services.facilities import FacilityInfo
from desk.ui.booking import STATE_COLOURS, closed_error, day_status, time_range
from desk.ui.booking.board import DayBoardView, Selection
from desk.ui.booking.forms import BookingDialog, CancelDialog
from desk.ui.booking.panel import BookingPanel
from desk.ui.booking.series import SeriesDialog
from desk.ui.pages import PageContext, PageSpec, register_page
from desk.ui.settings._common import base_zone, format_date, from_qdate, to_qdate
from desk.ui.widgets import DATE_EDIT_FORMAT, Retranslating
from desk.ui.wording import booking_state_name, error_text

REFRESH_INTERVAL_MS = 60 * 1000
STATUS_STYLE = "color: #1e6b34; font-weight: bold;"
REFUSAL_STYLE = "color: #b3261e;"
CLOSED_STYLE = "color: #8c1d18; font-weight: bold;"


class BookingsPage(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._boards = context.services.day_board
        self._zone = base_zone(context.services.bases.profile().timezone)
        self._facilities: list[FacilityInfo] = []
        self._day = self._today()
        self._following_today = True  # a board left on today moves on to the next day at midnight

        self._tabs = QTabBar()
        self._tabs.setObjectName("facility_tabs")
        self._tabs.setExpanding(False)
        self._tabs.setDrawBase(False)
        self._previous = QPushButton()
        self._previous.setObjectName("previous_day")
        self._date = QDateEdit()
        self._date.setDisplayFormat(DATE_EDIT_FORMAT)
        self._date.setObjectName("board_date")
        self._date.setCalendarPopup(True)
        self._next = QPushButton()
        self._next.setObjectName("next_day")
        self._today_button = QPushButton()
        self._today_button.setObjectName("today_button")
        self._day_status = QLabel()
        self._day_status.setObjectName("day_status")
        self._day_status.setWordWrap(True)  # a long closure reason (or the longer English date) wraps, not widens

        self._view = DayBoardView()
        self._scroll = QScrollArea()
        self._scroll.setObjectName("board_scroll")
        self._scroll.setWidget(self._view)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self._scroll.setFocusProxy(self._view)
        self._no_facilities = QLabel()
        self._no_facilities.setObjectName("no_facilities")
        self._no_facilities.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._no_facilities.setWordWrap(True)
        self._stack = QStackedWidget()
        self._stack.addWidget(self._scroll)
        self._stack.addWidget(self._no_facilities)
        self._panel = BookingPanel()
        self._legend: list[QLabel] = []
        for state in BookingState:
            chip = QLabel()
            chip.setObjectName(f"legend_{state.value}")
            colours = STATE_COLOURS[state]
            chip.setStyleSheet(f"background: {colours.fill.name()}; color: {colours.text.name()};"
                               f" border: 1px {'dashed' if colours.dashed else 'solid'} {colours.border.name()};"
                               " border-radius: 3px; padding: 1px 8px;")
            self._legend.append(chip)
        self._now_chip = QLabel()
        self._now_chip.setObjectName("legend_now")
        self._now_chip.setStyleSheet("color: #d93025; padding: 1px 4px;")
        self._status = QLabel()
        self._status.setObjectName("booking_status")
        self._status.setWordWrap(True)
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        date_row = QHBoxLayout()
        date_row.addWidget(self._previous)
        date_row.addWidget(self._date)
        date_row.addWidget(self._next)
        date_row.addWidget(self._today_button)
        date_row.addSpacing(12)
        date_row.addWidget(self._day_status, 1)
        middle = QHBoxLayout()
        middle.addWidget(self._stack, 1)
        middle.addWidget(self._panel)
        legend_row = QHBoxLayout()
        legend_row.setSpacing(6)
        for chip in self._legend:
            legend_row.addWidget(chip)
        legend_row.addWidget(self._now_chip)
        legend_row.addSpacing(12)
        legend_row.addWidget(self._status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self._tabs)
        layout.addLayout(date_row)
        layout.addLayout(middle, 1)
        layout.addLayout(legend_row)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setObjectName("board_refresh_timer")
        self._refresh_timer.setInterval(REFRESH_INTERVAL_MS)
        self._refresh_timer.timeout.connect(self._on_refresh_timer_timeout)

        self._tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._previous.clicked.connect(lambda: self._step_day(-1))
        self._next.clicked.connect(lambda: self._step_day(1))
        self._today_button.clicked.connect(self._on_today_button_clicked)
        self._date.dateChanged.connect(self._on_date_changed)
        self._view.cursor_moved.connect(self._on_view_cursor_moved)
        self._view.activated.connect(self._on_view_activated)
        self._view.day_step_requested.connect(self._step_day)
        self._view.facility_step_requested.connect(self._step_facility)
        self._panel.book_requested.connect(self._on_panel_book_requested)
        self._panel.walk_in_requested.connect(self._on_panel_walk_in_requested)
        self._panel.series_requested.connect(self._on_panel_series_requested)
        self._panel.check_in_requested.connect(self._on_panel_check_in_requested)
        self._panel.complete_requested.connect(self._on_panel_complete_requested)
        self._panel.cancel_requested.connect(self._on_panel_cancel_requested)
        self._panel.extend_requested.connect(self._on_panel_extend_requested)
        self.setFocusProxy(self._view)
        self._set_date_edit(self._day)
        self.retranslate()

    def retranslate(self) -> None:
        self._previous.setText(self.tr("◀ 前一天"))
        self._previous.setToolTip(self.tr("前一天 (PageUp)"))
        self._next.setText(self.tr("后一天 ▶"))
        self._next.setToolTip(self.tr("后一天 (PageDown)"))
        self._today_button.setText(self.tr("今天(&T)"))
        self._no_facilities.setText(self.tr("还没有可预约的设施。请管理员在“设置”中添加或启用设施。"))
        for chip, state in zip(self._legend, BookingState, strict=True):
            chip.setText(booking_state_name(state.value))
        self._now_chip.setText(self.tr("│ 现在"))
        self._show_day_status()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def board_view(self) -> DayBoardView:
        return self._view

    @property
    def panel(self) -> BookingPanel:
        return self._panel

    @property
    def day(self) -> dt.date:
        return self._day

    def refresh(self) -> None:
        """Shown again (navigation): the catalogue, the zone and the bookings may have changed elsewhere."""
        self._zone = base_zone(self._context.services.bases.profile().timezone)
        self._load_facilities()
        if self._following_today:
            self._day = self._today()
            self._set_date_edit(self._day)
        self.reload_bookings()
        self._refresh_timer.start()

    def reload_bookings(self) -> None:
        """Read the board again, keeping the cursor where it was (after a change, a minute, a no-show sweep)."""
        facility = self._current_facility()
        if facility is None:
            self._stack.setCurrentWidget(self._no_facilities)
            self._view.set_board(None, self._context.clock.now())
            self._panel.show_nothing()
            self._show_day_status()
            return
        self._stack.setCurrentWidget(self._scroll)
        board = self._boards.day(facility.id, self._day)
        self._view.set_board(board, self._context.clock.now())
        self._show_day_status()

    def show_day(self, day: dt.date) -> None:
        self._day = day
        self._following_today = day == self._today()
        self._set_date_edit(day)
        self._status.clear()
        self.reload_bookings()

    def show_facility(self, facility_id: int) -> None:
        for index, facility in enumerate(self._facilities):
            if facility.id == facility_id:
                self._tabs.setCurrentIndex(index)

    def status_text(self) -> str:
        return self._status.text()

    # -- loading -------------------------------------------------------------------------------------------------

    def _today(self) -> dt.date:
        return self._context.clock.now().astimezone(self._zone).date()

    def _current_facility(self) -> FacilityInfo | None:
        index = self._tabs.currentIndex()
        return self._facilities[index] if 0 <= index < len(self._facilities) else None

    def _load_facilities(self) -> None:
        current = self._current_facility()
        self._facilities = self._context.services.facilities.catalogue()
        self._tabs.blockSignals(True)
        while self._tabs.count():
            self._tabs.removeTab(0)
        for facility in self._facilities:
            self._tabs.addTab(facility.name)
        ids = [f.id for f in self._facilities]
        self._tabs.setCurrentIndex(ids.index(current.id) if current is not None and current.id in ids else 0)
        self._tabs.blockSignals(False)

    def _set_date_edit(self, day: dt.date) -> None:
        self._date.blockSignals(True)
        self._date.setDate(to_qdate(day))
        self._date.blockSignals(False)

    def _show_day_status(self) -> None:
        board = self._view.board
        prefix = format_date(self._day)
        if self._day == self._today():
            prefix += self.tr("（今天）")
        if board is None:
            self._day_status.setText(prefix)
            self._day_status.setStyleSheet("")
            return
        self._day_status.setText(f"{prefix} · {day_status(board.open_day)}")
        self._day_status.setStyleSheet("" if board.open_day.is_open else CLOSED_STYLE)

    def _say(self, text: str, refusal: bool = False) -> None:
        self._status.setStyleSheet(REFUSAL_STYLE if refusal else STATUS_STYLE)
        self._status.setText(text)

    # -- board ---------------------------------------------------------------------------------------------------

    def _on_view_cursor_moved(self) -> None:
        row, col = self._view.cursor_cell()
        cell = self._view.cell_rect(row, col)
        self._scroll.ensureVisible(int(cell.center().x()), int(cell.center().y()), int(cell.width()) + 8,
                                   int(cell.height()))
        board = self._view.board
        if board is None:
            self._panel.show_nothing()
            return
        booking = self._view.booking_at_cursor()
        if booking is not None:
            self._panel.show_booking(booking, board)
            return
        selection = self._view.selection()
        if selection is None:
            self._panel.show_nothing()
            return
        walk_in = board.day == self._today() and board.open_day.is_open and not selection.unit.out_of_order_reason
        self._panel.show_selection(selection, board, can_walk_in=walk_in,
                                   released=self._view.released_in_selection())

    def _on_view_activated(self, target: object) -> None:
        if isinstance(target, Selection):
            self._book(target)
        elif isinstance(target, BoardBooking):
            self._panel.focus_actions()

    def _book(self, selection: Selection) -> None:
        board = self._view.board
        if board is None:
            return
        if not board.open_day.is_open:
            # Said at once instead of after the form is filled in: the service would refuse every time.
            self._say(error_text(closed_error(board.open_day)), refusal=True)
            return
        self._back_to_board(BookingDialog.ask(self, self._context, board, selection.unit, selection.start,
                                              selection.end, on_booked=self._on_booked))

    def _on_booked(self, row: BookingRow) -> None:
        what = self.tr("已开始使用：%1") if row.state is BookingState.CHECKED_IN else self.tr("已预约：%1")
        self._say(what.replace("%1", self._describe(row)))
        self.reload_bookings()
        self._view.go_to(row.unit_id, row.starts_at)

    def _describe(self, row: BookingRow) -> str:
        name = row.person_name or self.tr("匿名")
        return " · ".join((name, row.unit_name, time_range(row.starts_at, row.ends_at, self._zone)))

    def _step_day(self, step: int) -> None:
        self.show_day(self._day + dt.timedelta(days=step))

    def _step_facility(self, step: int) -> None:
        if self._tabs.count():
            self._tabs.setCurrentIndex((self._tabs.currentIndex() + step) % self._tabs.count())

    def _on_tabs_current_changed(self, _index: int) -> None:
        self._status.clear()
        self.reload_bookings()

    def _on_date_changed(self, date: QDate) -> None:
        self.show_day(from_qdate(date))

    def _on_today_button_clicked(self) -> None:
        self.show_day(self._today())
        self._view.setFocus()

    def _on_refresh_timer_timeout(self) -> None:
        if not self.isVisible():
            return  # read again when shown (refresh)
        if self._following_today and self._day != self._today():
            self.show_day(self._today())
            return
        self.reload_bookings()

    # -- panel ---------------------------------------------------------------------------------------------------

    def _on_panel_book_requested(self) -> None:
        selection = self._view.selection()
        if selection is not None:
            self._book(selection)

    def _on_panel_walk_in_requested(self) -> None:
        board, unit = self._view.board, self._view.current_unit()
        if board is None or unit is None:
            return
        now = self._context.clock.now()
        self._back_to_board(BookingDialog.ask(self, self._context, board, unit, now, now, walk_in=True,
                                              on_booked=self._on_booked))

    def _on_panel_series_requested(self) -> None:
        board, selection = self._view.board, self._view.selection()
        if board is None or selection is None:
            return
        self._back_to_board(SeriesDialog.ask(self, self._context, board, selection.unit, selection.start,
                                             selection.end, on_booked=self._on_series_booked))

    def _on_series_booked(self, result: SeriesResult) -> None:
        text = self.tr("周期预约：已预约 %n 次", "", len(result.booked))
        if result.skipped:
            text += self.tr("，跳过 %n 次", "", len(result.skipped))
        self._say(text)
        self.reload_bookings()

    def _on_panel_check_in_requested(self, booking: BoardBooking) -> None:
        self._act(lambda: self._context.services.bookings.check_in(self._context.actor, booking.id),
                  self.tr("已签到：%1（已登记到访）"))

    def _on_panel_complete_requested(self, booking: BoardBooking) -> None:
        self._act(lambda: self._context.services.bookings.complete(self._context.actor, booking.id),
                  self.tr("已完成：%1"))

    def _on_panel_extend_requested(self, booking: BoardBooking, minutes: int) -> None:
        self._act(lambda: self._context.services.bookings.extend(self._context.actor, booking.id, minutes),
                  self.tr("已延长：%1"))

    def _on_panel_cancel_requested(self, booking: BoardBooking) -> None:
        board = self._view.board
        if board is None:
            return
        unit = next((u.name for u in board.units if u.id == booking.unit_id), "")
        self._back_to_board(CancelDialog.ask(self, self._context, booking, unit, self._zone,
                                             on_cancelled=self._on_cancelled))

    def _on_cancelled(self, row: BookingRow) -> None:
        self._say(self.tr("已取消：%1").replace("%1", self._describe(row)))
        self.reload_bookings()

    def _act(self, call: Callable[[], BookingRow], done: str) -> None:
        """One state change of the booking under the cursor: said when done, shown in the panel if refused."""
        self._panel.clear_error()
        try:
            row = call()
        except DeskError as error:
            self._panel.show_error(error_text(error))
            self.reload_bookings()  # another desk may have changed it: show what it is now
            return
        self._say(done.replace("%1", self._describe(row)))
        self.reload_bookings()
        self._view.setFocus()

    def _back_to_board(self, dialog: QDialog) -> None:
        """When a form closes, however it closes, the keyboard is on the board again."""
        dialog.finished.connect(lambda _result: self._view.setFocus())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._view, self._view.setFocus)  # after layout: a focus set before is lost


register_page(PageSpec(
    key="bookings",
    title=str(QT_TRANSLATE_NOOP("Pages", "预约")),
    icon="bookings.svg",
    order=30,
    roles=frozenset({Role.ADMIN, Role.DESK}),
    factory=BookingsPage,
))
