"""Recurring bookings of a group room: the dates of "每周X" and "每月第一个X", and the series form on the real
window reporting which dates were booked and which were skipped, each with its reason."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot
from test_booking_board import at, column, move_to, people, press  # noqa: F401 - `people` is a fixture
from uihelp import click, find, type_into

from desk.domain.booking import BookingState
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.people import PersonRow
from desk.ui.booking.series import Pattern, SeriesDialog, series_dates
from desk.ui.main_window import MainWindow
from desk.ui.pages.bookings import BookingsPage
from desk.ui.settings._common import to_qdate


def test_weekly_dates_run_from_the_first_such_weekday_to_the_last_day() -> None:
    assert series_dates(Pattern.WEEKLY, 1, dt.date(2026, 11, 28), dt.date(2026, 12, 22)) == [
        dt.date(2026, 12, 1), dt.date(2026, 12, 8), dt.date(2026, 12, 15), dt.date(2026, 12, 22)]
    assert series_dates(Pattern.WEEKLY, 5, dt.date(2026, 11, 28), dt.date(2026, 11, 28)) == [dt.date(2026, 11, 28)]
    assert series_dates(Pattern.WEEKLY, 1, dt.date(2026, 12, 2), dt.date(2026, 12, 1)) == []


def test_first_weekday_of_each_month_within_the_dates() -> None:
    # 主题党日: every month's first Tuesday
    assert series_dates(Pattern.FIRST_OF_MONTH, 1, dt.date(2026, 11, 28), dt.date(2027, 3, 1)) == [
        dt.date(2026, 12, 1), dt.date(2027, 1, 5), dt.date(2027, 2, 2)]
    assert series_dates(Pattern.FIRST_OF_MONTH, 1, dt.date(2026, 12, 2), dt.date(2027, 1, 5)) == [
        dt.date(2027, 1, 5)]


def test_a_weekly_series_reports_the_dates_it_skipped_and_why(
        qtbot: QtBot, services: Services, admin: Actor, people: dict[str, PersonRow],  # noqa: F811
        window: MainWindow) -> None:
    room = services.facilities.catalogue()[4]
    assert room.name == "党员活动室" and room.group_booking
    unit = room.units[0]
    services.bookings.book(admin, unit.id, at("14:00", dt.date(2026, 12, 8)), at("16:00", dt.date(2026, 12, 8)),
                           people["李华"].id, 12, "支部委员会")
    services.bases.add_closure(admin, dt.date(2026, 12, 15), dt.date(2026, 12, 15), "线路检修")
    page = window.show_page("bookings")
    assert isinstance(page, BookingsPage)
    page.show_facility(room.id)
    page.show_day(dt.date(2026, 12, 1))
    view = page.board_view
    move_to(qtbot, view, 0, column(view, at("14:00", dt.date(2026, 12, 1))))
    press(qtbot, view, Qt.Key.Key_Right, 3, Qt.KeyboardModifier.ShiftModifier)

    click(qtbot, find(page.panel, QPushButton, "series_button"))
    dialog = page.findChild(SeriesDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert find(dialog, QComboBox, "series_weekday").currentText() == "星期二"
    assert (find(dialog, QComboBox, "series_start").currentText(),
            find(dialog, QComboBox, "series_end").currentText()) == ("14:00", "16:00")
    find(dialog, QDateEdit, "series_last").setDate(to_qdate(dt.date(2026, 12, 22)))
    type_into(qtbot, dialog.picker.search_field, "5678")
    qtbot.keyClick(dialog.picker.search_field, Qt.Key.Key_Return)
    size = find(dialog, QSpinBox, "party_size")
    assert size.maximum() == 30
    size.setValue(25)
    type_into(qtbot, find(dialog, QLineEdit, "series_description"), "主题党日")
    click(qtbot, find(dialog, QPushButton, "save_button"))

    assert dialog.isVisible()  # the result stays to be read
    assert dialog.summary_text() == "已预约 2 次，跳过 2 次（原因见下）。"
    assert dialog.result_lines() == [
        "2026年12月1日星期二 已预约 14:00–16:00",
        "2026年12月8日星期二 跳过：活动室 在 14:00–16:00 已被预约，请换一个时段或位置。",
        "2026年12月15日星期二 跳过：2026-12-15 不开放（线路检修），不能预约。",
        "2026年12月22日星期二 已预约 14:00–16:00",
    ]
    assert not find(dialog, QPushButton, "save_button").isVisible()
    assert page.status_text() == "周期预约：已预约 2 次，跳过 2 次"
    board = view.board
    assert board is not None
    booked = [b for b in board.bookings if b.person_name == "张明"]
    assert [(b.state, b.party_size, b.note) for b in booked] == [(BookingState.BOOKED, 25, "主题党日")]
    assert booked[0].series_id is not None

    click(qtbot, find(dialog, QPushButton, "cancel_button"))
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_series_with_no_such_day_in_its_dates_says_so(
        qtbot: QtBot, services: Services, people: dict[str, PersonRow], window: MainWindow) -> None:  # noqa: F811
    room = services.facilities.catalogue()[4]
    page = window.show_page("bookings")
    assert isinstance(page, BookingsPage)
    page.show_facility(room.id)
    page.board_view.setFocus()
    click(qtbot, find(page.panel, QPushButton, "series_button"))
    dialog = page.findChild(SeriesDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    pattern = find(dialog, QComboBox, "series_pattern")
    pattern.setCurrentIndex(pattern.findData(Pattern.FIRST_OF_MONTH.value))
    find(dialog, QDateEdit, "series_first").setDate(to_qdate(dt.date(2026, 12, 2)))
    find(dialog, QDateEdit, "series_last").setDate(to_qdate(dt.date(2026, 12, 31)))
    weekday = find(dialog, QComboBox, "series_weekday")
    weekday.setCurrentIndex(1)  # the first Tuesday of December is the 1st, before the first date
    type_into(qtbot, dialog.picker.search_field, "5678")
    qtbot.keyClick(dialog.picker.search_field, Qt.Key.Key_Return)
    click(qtbot, find(dialog, QPushButton, "save_button"))

    assert find(dialog, QLabel, "error_series_last").text() == "这段日期内没有这样的日子，请改一下日期或星期。"
    assert dialog.result_lines() == []
    dialog.reject()
