"""The 预约 page on the real window: booking by keyboard and by mouse, a refused overlap, check-in (which records
the visit), cancelling with a reason, walk-ins, closed days, and the session's no-show timer.

The clock stands at Saturday 2026-11-28 10:00 at the base (open 09:00–21:00): the reading room's board has 24
half-hour columns and its cursor starts on the slot of now (column 2).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from uihelp import ADMIN_PASSWORD, click, find, shown_text, type_into

from desk.domain.booking import BookingState, FacilityKind
from desk.domain.clock import FixedClock
from desk.domain.people import Category, Purpose
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.day_board import BoardBooking
from desk.services.people import PersonForm, PersonRow
from desk.storage.models import Booking
from desk.ui.booking import STATE_COLOURS
from desk.ui.booking.board import DayBoardView
from desk.ui.booking.forms import BookingDialog, CancelDialog
from desk.ui.main_window import MainWindow
from desk.ui.pages.bookings import BookingsPage
from desk.ui.session import DeskSession

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 11, 28)


def at(hhmm: str, day: dt.date = TODAY) -> dt.datetime:
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), ZONE)


@pytest.fixture
def people(services: Services, admin: Actor) -> dict[str, PersonRow]:
    rows = [services.people.register(admin, PersonForm(name, phone, category)) for name, phone, category in (
        ("张明", "13812345678", Category.PARTY_MEMBER), ("李华", "13900001111", Category.RESIDENT),
        ("王芳", "13700002222", Category.VOLUNTEER))]
    return {row.name: row for row in rows}


@pytest.fixture
def page(window: MainWindow) -> BookingsPage:
    page = window.show_page("bookings")
    assert isinstance(page, BookingsPage)
    return page


# -- helpers shared by the booking window tests ------------------------------------------------------------------

def press(qtbot: QtBot, view: DayBoardView, key: Qt.Key, times: int = 1,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    for _ in range(times):
        qtbot.keyClick(view, key, modifiers)


def move_to(qtbot: QtBot, view: DayBoardView, row: int, col: int) -> None:
    """Walk the cursor there with the arrow keys, as staff would."""
    view.setFocus()
    current_row, current_col = view.cursor_cell()
    press(qtbot, view, Qt.Key.Key_Down if row > current_row else Qt.Key.Key_Up, abs(row - current_row))
    press(qtbot, view, Qt.Key.Key_Right if col > current_col else Qt.Key.Key_Left, abs(col - current_col))
    assert view.cursor_cell() == (row, col)


def column(view: DayBoardView, moment: dt.datetime) -> int:
    board = view.board
    assert board is not None
    return board.slots.index(moment)


def colour_in(view: DayBoardView, booking: BoardBooking) -> QColor:
    """The paint inside a block, at its right end (away from the name and the cursor's frame)."""
    rect = view.block_rect(booking)
    image = view.grab().toImage()
    ratio = image.devicePixelRatio()
    return QColor(image.pixel(int((rect.right() - 6) * ratio), int((rect.bottom() - 6) * ratio)))


def block_of(page: BookingsPage, person: str) -> BoardBooking:
    board = page.board_view.board
    assert board is not None
    found = [b for b in board.bookings if b.person_name == person]
    assert len(found) == 1, board.bookings
    return found[0]


def open_dialog(qtbot: QtBot, page: BookingsPage, kind: type[BookingDialog] | type[CancelDialog]
                ) -> BookingDialog | CancelDialog:
    dialog = page.findChild(kind)
    assert dialog is not None, f"no {kind.__name__} is open"
    qtbot.waitExposed(dialog)
    return dialog


def booking_count(services: Services) -> int:
    with services.ctx.db.read() as s:
        return int(s.execute(select(func.count()).select_from(Booking)).scalar_one())


def choose_person(qtbot: QtBot, dialog: BookingDialog, text: str) -> None:
    qtbot.waitUntil(dialog.picker.search_field.hasFocus)
    type_into(qtbot, dialog.picker.search_field, text)
    qtbot.keyClick(dialog.picker.search_field, Qt.Key.Key_Return)
    assert dialog.picker.has_choice()


# -- booking -----------------------------------------------------------------------------------------------------

def test_booking_by_keyboard_puts_a_booked_block_on_the_board(
        qtbot: QtBot, services: Services, people: dict[str, PersonRow], page: BookingsPage) -> None:
    view = page.board_view
    qtbot.waitUntil(view.hasFocus)
    assert view.cursor_cell() == (0, 2)  # A1 at 10:00, the slot of now
    move_to(qtbot, view, 2, column(view, at("14:00")))
    press(qtbot, view, Qt.Key.Key_Right, 1, Qt.KeyboardModifier.ShiftModifier)
    selection = view.selection()
    assert selection is not None and (selection.unit.name, selection.start, selection.end) == (
        "A3", at("14:00"), at("15:00"))

    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, page, BookingDialog)
    assert isinstance(dialog, BookingDialog)
    assert find(dialog, QComboBox, "booking_start").currentText() == "14:00"
    assert find(dialog, QComboBox, "booking_end").currentText() == "15:00"
    qtbot.waitUntil(dialog.picker.search_field.hasFocus)
    type_into(qtbot, dialog.picker.search_field, "5678")  # the last four digits of 张明's phone
    qtbot.keyClick(dialog.picker.search_field, Qt.Key.Key_Return)
    assert find(dialog, QLabel, "person_chosen").text() == "已选：张明 · 138****5678"
    note = find(dialog, QLineEdit, "booking_note")
    assert note.hasFocus()
    qtbot.keyClick(note, Qt.Key.Key_Return)  # the form's default button: 预约

    qtbot.waitUntil(lambda: page.findChild(BookingDialog) is None or not dialog.isVisible())
    block = block_of(page, "张明")
    assert (block.state, block.starts_at, block.ends_at) == (BookingState.BOOKED, at("14:00"), at("15:00"))
    assert colour_in(view, block) == STATE_COLOURS[BookingState.BOOKED].fill
    assert page.status_text() == "已预约：张明 · A3 · 14:00–15:00"
    assert view.booking_at_cursor() == block
    qtbot.waitUntil(lambda: view.window().focusWidget() is view)
    assert booking_count(services) == 1


def test_a_booking_over_another_is_refused_in_the_form_and_nothing_is_written(
        qtbot: QtBot, services: Services, admin: Actor, people: dict[str, PersonRow], page: BookingsPage) -> None:
    room = services.facilities.catalogue()[0]
    services.bookings.book(admin, room.units[0].id, at("14:00"), at("15:00"), people["张明"].id)
    page.refresh()
    view = page.board_view
    move_to(qtbot, view, 0, column(view, at("13:00")))
    press(qtbot, view, Qt.Key.Key_Right, 2, Qt.KeyboardModifier.ShiftModifier)  # 13:00–14:30, into 张明's

    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, page, BookingDialog)
    assert isinstance(dialog, BookingDialog)
    choose_person(qtbot, dialog, "1111")
    click(qtbot, find(dialog, QPushButton, "save_button"))

    assert dialog.isVisible()
    assert dialog.error_text("start") == "A1 在 14:00–15:00 已被预约，请换一个时段或位置。"
    assert shown_text(find(dialog, QLabel, "error_start")) == dialog.error_text("start")
    assert booking_count(services) == 1

    end = find(dialog, QComboBox, "booking_end")
    end.setCurrentIndex(end.findText("14:00"))  # staff shorten it: now it fits
    click(qtbot, find(dialog, QPushButton, "save_button"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert booking_count(services) == 2
    assert block_of(page, "李华").ends_at == at("14:00")


def test_a_refused_rule_is_named_for_the_daily_quota(
        qtbot: QtBot, services: Services, admin: Actor, people: dict[str, PersonRow], page: BookingsPage) -> None:
    room = services.facilities.catalogue()[0]
    services.bookings.book(admin, room.units[1].id, at("11:00"), at("14:00"), people["王芳"].id)
    page.refresh()
    view = page.board_view
    move_to(qtbot, view, 0, column(view, at("15:00")))
    press(qtbot, view, Qt.Key.Key_Right, 3, Qt.KeyboardModifier.ShiftModifier)  # 2 more hours: 5 in all
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, page, BookingDialog)
    assert isinstance(dialog, BookingDialog)
    choose_person(qtbot, dialog, "王芳")
    click(qtbot, find(dialog, QPushButton, "save_button"))

    assert dialog.error_text("person") == "超过每日 240 分钟的预约限额。"
    assert booking_count(services) == 1
    dialog.reject()


def test_a_person_must_be_chosen_before_booking(
        qtbot: QtBot, services: Services, people: dict[str, PersonRow], page: BookingsPage) -> None:
    view = page.board_view
    move_to(qtbot, view, 5, column(view, at("16:00")))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, page, BookingDialog)
    assert isinstance(dialog, BookingDialog)
    assert not find(dialog, QListWidget, "person_results").isHidden()
    click(qtbot, find(dialog, QPushButton, "save_button"))
    assert dialog.error_text("person") == "请先在名单中选择。"
    assert booking_count(services) == 0
    dialog.reject()


def test_dragging_across_free_cells_selects_them_and_a_double_click_opens_a_block(
        qtbot: QtBot, services: Services, admin: Actor, people: dict[str, PersonRow], page: BookingsPage) -> None:
    room = services.facilities.catalogue()[0]
    services.bookings.book(admin, room.units[3].id, at("12:00"), at("13:00"), people["张明"].id)
    page.refresh()
    view = page.board_view
    first = view.cell_rect(1, column(view, at("15:00"))).center().toPoint()
    last = view.cell_rect(1, column(view, at("16:30"))).center().toPoint()
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseMove(view, last)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=last)
    selection = view.selection()
    assert selection is not None and (selection.unit.name, selection.start, selection.end) == (
        "A2", at("15:00"), at("17:00"))
    assert find(page.panel, QLabel, "panel_heading").text() == "A2 · 15:00–17:00"

    block = block_of(page, "张明")
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=view.block_rect(block).center().toPoint())
    assert view.booking_at_cursor() == block
    check_in = find(page.panel, QPushButton, "check_in_button")
    assert check_in.isVisible() and check_in.hasFocus()  # "opened": Enter now checks in
    assert page.findChild(BookingDialog) is None


def test_page_keys_change_the_day_and_the_facility(
        qtbot: QtBot, page: BookingsPage) -> None:
    view = page.board_view
    view.setFocus()
    press(qtbot, view, Qt.Key.Key_PageDown, 2)
    assert page.day == TODAY + dt.timedelta(days=2)
    assert find(page, QLabel, "day_status").text().startswith("2026年11月30日")
    press(qtbot, view, Qt.Key.Key_PageUp)
    assert page.day == TODAY + dt.timedelta(days=1)
    click(qtbot, find(page, QPushButton, "today_button"))
    assert page.day == TODAY and "（今天）" in find(page, QLabel, "day_status").text()

    press(qtbot, view, Qt.Key.Key_PageDown, 1, Qt.KeyboardModifier.ControlModifier)
    board = view.board
    assert board is not None and board.facility.kind is FacilityKind.NURSING_ROOM
    assert [u.name for u in board.units] == ["母婴室"] and len(board.slots) == 48


# -- what happens to a booking -----------------------------------------------------------------------------------

def test_checking_in_changes_the_block_and_records_the_visit(
        qtbot: QtBot, services: Services, admin: Actor, people: dict[str, PersonRow], page: BookingsPage,
        clock: FixedClock) -> None:
    room = services.facilities.catalogue()[0]
    services.bookings.book(admin, room.units[0].id, at("10:30"), at("12:00"), people["张明"].id)
    clock.set(at("10:25"))
    page.refresh()
    view = page.board_view
    block = block_of(page, "张明")
    view.go_to(block.unit_id, block.starts_at)
    assert colour_in(view, block) == STATE_COLOURS[BookingState.BOOKED].fill

    click(qtbot, find(page.panel, QPushButton, "check_in_button"))

    block = block_of(page, "张明")
    assert block.state is BookingState.CHECKED_IN and block.checked_in_at == clock.now()
    assert colour_in(view, block) == STATE_COLOURS[BookingState.CHECKED_IN].fill
    assert page.status_text() == "已签到：张明 · A1 · 10:30–12:00（已登记到访）"
    visits = services.visits.on_site()
    assert [(v.name, v.purpose) for v in visits] == [("张明", Purpose.READING)]
    assert not find(page.panel, QPushButton, "check_in_button").isVisible()

    clock.set(at("11:10"))
    click(qtbot, find(page.panel, QPushButton, "complete_button"))
    block = block_of(page, "张明")
    assert block.state is BookingState.COMPLETED and block.ends_at == clock.now()  # the rest is free again


def test_extending_a_booking_and_a_refused_extension(
        qtbot: QtBot, services: Services, admin: Actor, people: dict[str, PersonRow], page: BookingsPage) -> None:
    room = services.facilities.catalogue()[0]
    services.bookings.book(admin, room.units[0].id, at("14:00"), at("15:00"), people["张明"].id)
    services.bookings.book(admin, room.units[0].id, at("16:00"), at("17:00"), people["李华"].id)
    page.refresh()
    view = page.board_view
    view.go_to(room.units[0].id, at("14:00"))
    click(qtbot, find(page.panel, QPushButton, "extend_button"))  # one slot: 30 minutes
    assert block_of(page, "张明").ends_at == at("15:30")
    assert page.status_text() == "已延长：张明 · A1 · 14:00–15:30"

    click(qtbot, find(page.panel, QPushButton, "extend_button"))
    click(qtbot, find(page.panel, QPushButton, "extend_button"))  # would run into 李华's at 16:00
    assert page.panel.error_text() == "A1 在 16:00–17:00 已被预约，请换一个时段或位置。"
    assert block_of(page, "张明").ends_at == at("16:00")


def test_cancelling_needs_a_reason(
        qtbot: QtBot, services: Services, admin: Actor, people: dict[str, PersonRow], page: BookingsPage) -> None:
    room = services.facilities.catalogue()[0]
    booked = services.bookings.book(admin, room.units[1].id, at("15:00"), at("16:00"), people["李华"].id)
    page.refresh()
    page.board_view.go_to(booked.unit_id, booked.starts_at)

    click(qtbot, find(page.panel, QPushButton, "cancel_button"))
    dialog = open_dialog(qtbot, page, CancelDialog)
    click(qtbot, find(dialog, QPushButton, "save_button"))
    assert dialog.isVisible()
    assert shown_text(find(dialog, QLabel, "error_cancel_reason")) == "请填写此项。"
    assert services.bookings.get(booked.id).state is BookingState.BOOKED

    type_into(qtbot, find(dialog, QLineEdit, "cancel_reason"), "本人来电取消")
    click(qtbot, find(dialog, QPushButton, "save_button"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    block = block_of(page, "李华")
    assert (block.state, block.cancel_reason) == (BookingState.CANCELLED, "本人来电取消")
    assert page.status_text() == "已取消：李华 · A2 · 15:00–16:00"
    assert colour_in(page.board_view, block) == STATE_COLOURS[BookingState.CANCELLED].fill
    # The cancelled time is free again: the panel offers to book it, and says what was there.
    assert find(page.panel, QPushButton, "book_button").isVisible()
    assert find(page.panel, QLabel, "panel_details").text() == "已取消：李华 15:00–16:00（本人来电取消）"


def test_walk_in_uses_a_free_unit_from_now_and_records_the_visit(
        qtbot: QtBot, services: Services, people: dict[str, PersonRow], page: BookingsPage,
        clock: FixedClock) -> None:
    view = page.board_view
    move_to(qtbot, view, 4, column(view, at("10:00")))
    click(qtbot, find(page.panel, QPushButton, "walk_in_button"))
    dialog = open_dialog(qtbot, page, BookingDialog)
    assert isinstance(dialog, BookingDialog) and dialog.objectName() == "walk_in_dialog"
    assert find(dialog, QComboBox, "walk_in_minutes").currentText() == "60 分钟"
    choose_person(qtbot, dialog, "张明")
    assert find(dialog, QPushButton, "save_button").hasFocus()
    qtbot.keyClick(find(dialog, QPushButton, "save_button"), Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    block = block_of(page, "张明")
    assert (block.state, block.starts_at, block.ends_at) == (BookingState.CHECKED_IN, clock.now(),
                                                             clock.now() + dt.timedelta(hours=1))
    assert page.status_text() == "已开始使用：张明 · A5 · 10:00–11:00"
    assert [v.name for v in services.visits.on_site()] == ["张明"]


def test_walk_in_is_not_offered_on_another_day(qtbot: QtBot, page: BookingsPage) -> None:
    view = page.board_view
    view.setFocus()
    assert find(page.panel, QPushButton, "walk_in_button").isVisible()
    press(qtbot, view, Qt.Key.Key_PageDown)
    assert not find(page.panel, QPushButton, "walk_in_button").isVisible()
    assert find(page.panel, QPushButton, "book_button").isVisible()


# -- closed days -------------------------------------------------------------------------------------------------

def test_a_closure_shows_its_reason_and_refuses_booking(
        qtbot: QtBot, services: Services, admin: Actor, people: dict[str, PersonRow], page: BookingsPage) -> None:
    services.bases.add_closure(admin, TODAY, TODAY, "线路检修")
    page.refresh()
    status = find(page, QLabel, "day_status")
    assert status.text() == "2026年11月28日星期六（今天） · 闭馆：线路检修，不开放预约"
    assert not find(page.panel, QPushButton, "walk_in_button").isVisible()

    view = page.board_view
    move_to(qtbot, view, 0, column(view, at("15:00")))
    qtbot.keyClick(view, Qt.Key.Key_Return)

    assert page.findChild(BookingDialog) is None
    assert page.status_text() == "2026-11-28 不开放（线路检修），不能预约。"
    assert booking_count(services) == 0


def test_national_day_shows_the_holiday_and_refuses_booking(
        qtbot: QtBot, services: Services, admin: Actor, people: dict[str, PersonRow], clock: FixedClock,
        make_window: Callable[[Actor], MainWindow]) -> None:
    clock.set(dt.datetime(2026, 9, 20, 2, 0, tzinfo=dt.UTC))
    window = make_window(admin)
    page = window.show_page("bookings")
    assert isinstance(page, BookingsPage)
    view = page.board_view
    view.setFocus()
    page.show_facility(services.facilities.catalogue()[4].id)  # 党员活动室: bookable 90 days ahead
    press(qtbot, view, Qt.Key.Key_PageDown, 11)

    assert page.day == dt.date(2026, 10, 1)
    assert find(page, QLabel, "day_status").text() == "2026年10月1日星期四 · 国庆节（法定节假日），不开放预约"
    board = view.board
    assert board is not None and len(board.slots) == 24  # the usual hours, greyed
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert page.findChild(BookingDialog) is None
    assert page.status_text() == "2026-10-01 不开放（国庆节），不能预约。"

    press(qtbot, view, Qt.Key.Key_PageDown, 9)  # 10-10, a Saturday worked in exchange (调休)
    assert find(page, QLabel, "day_status").text() == "2026年10月10日星期六 · 开放 09:00–21:00 · 调休上班（国庆节）"
    assert booking_count(services) == 0


# -- the no-show timer -------------------------------------------------------------------------------------------

def test_the_session_timer_marks_no_shows_and_the_board_shows_them(
        qtbot: QtBot, services: Services, admin: Actor, people: dict[str, PersonRow], clock: FixedClock,
        start_session: Callable[[], DeskSession]) -> None:
    room = services.facilities.catalogue()[0]
    services.bookings.book(admin, room.units[0].id, at("10:30"), at("11:30"), people["张明"].id)
    session = start_session()
    dialog = session.dialog
    assert dialog is not None
    qtbot.waitUntil(find(dialog, QPushButton, "login_button").isEnabled)
    type_into(qtbot, find(dialog, QLineEdit, "username"), "admin")
    type_into(qtbot, find(dialog, QLineEdit, "password"), ADMIN_PASSWORD)
    with qtbot.waitSignal(session.main_window_shown, timeout=10000):
        click(qtbot, find(dialog, QPushButton, "login_button"))
    window = session.window
    assert window is not None
    page = window.show_page("bookings")
    assert isinstance(page, BookingsPage)
    timer = session.findChild(QTimer, "no_show_timer")
    assert timer is not None and timer.isActive() and timer.interval() == 60_000

    clock.set(at("10:44"))  # within the 15 minutes of grace
    timer.timeout.emit()
    qtbot.wait(200)
    assert block_of(page, "张明").state is BookingState.BOOKED

    clock.set(at("10:46"))
    timer.timeout.emit()
    qtbot.waitUntil(lambda: block_of(page, "张明").state is BookingState.NO_SHOW, timeout=5000)
    block = block_of(page, "张明")
    assert colour_in(page.board_view, block) == STATE_COLOURS[BookingState.NO_SHOW].fill
    assert services.bookings.get(block.id).state is BookingState.NO_SHOW


def test_every_minute_the_board_is_read_again_and_the_now_line_moves(
        qtbot: QtBot, services: Services, admin: Actor, people: dict[str, PersonRow], page: BookingsPage,
        clock: FixedClock) -> None:
    view = page.board_view
    before = view.now_x()
    assert before is not None
    timer = page.findChild(QTimer, "board_refresh_timer")
    assert timer is not None and timer.isActive() and timer.interval() == 60_000
    room = services.facilities.catalogue()[0]
    services.bookings.book(admin, room.units[7].id, at("15:00"), at("16:00"), people["王芳"].id)  # another desk

    clock.advance(minutes=30)
    timer.timeout.emit()

    after = view.now_x()
    assert after is not None and after - before == pytest.approx(view.cell_rect(0, 1).width())
    assert block_of(page, "王芳").unit_id == room.units[7].id
