"""The booking page and its forms at the window's size (1180×760): rendered to PNG for people to look at, and
checked for clipped words. Set DESK_SHOTS_DIR to keep the pictures (in a `bookings` folder)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from test_booking_board import at, column, move_to, people, press  # noqa: F401 - `people` is a fixture
from test_screenshots import clipped
from uihelp import click, find, type_into

from desk.domain.clock import FixedClock
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.people import PersonRow
from desk.ui.booking.forms import BookingDialog
from desk.ui.booking.series import SeriesDialog
from desk.ui.main_window import MainWindow
from desk.ui.pages.bookings import BookingsPage


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DESK_SHOTS_DIR") or tmp_path / "shots") / "bookings"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def grab(widget: QWidget, path: Path) -> None:
    image = widget.grab().toImage()
    assert image.width() > 300 and image.height() > 150
    assert image.save(str(path))


@pytest.fixture
def busy_day(services: Services, admin: Actor, people: dict[str, PersonRow],  # noqa: F811
             clock: FixedClock) -> None:
    """A morning at the reading room in every state, and a group booking in the activity room."""
    room, activity = services.facilities.catalogue()[0], services.facilities.catalogue()[4]
    units = room.units
    book = services.bookings
    clock.set(at("09:00"))
    came = book.book(admin, units[3].id, at("09:30"), at("11:30"), people["王芳"].id)
    book.book(admin, units[5].id, at("09:30"), at("10:30"), people["李华"].id)  # never comes
    done = book.use_now(admin, units[4].id, 60, people["李华"].id)
    clock.set(at("09:40"))
    book.check_in(admin, came.id)
    clock.set(at("09:50"))
    book.sweep_no_shows()
    book.complete(admin, done.id)
    book.book(admin, units[0].id, at("14:00"), at("15:30"), people["张明"].id, note="靠窗座位")
    cancelled = book.book(admin, units[1].id, at("11:00"), at("12:00"), people["张明"].id)
    book.cancel(admin, cancelled.id, "本人来电取消")
    book.book(admin, units[1].id, at("16:00"), at("18:00"), people["王芳"].id)
    book.book(admin, activity.units[0].id, at("14:00"), at("16:00"), people["张明"].id, 28, "主题党日")
    clock.set(at("10:20"))


def test_the_board_with_every_state_and_the_forms_render_cleanly(
        qtbot: QtBot, services: Services, admin: Actor, busy_day: None, shots: Path,
        make_window: Callable[[Actor], MainWindow]) -> None:
    window = make_window(admin)
    page = window.show_page("bookings")
    assert isinstance(page, BookingsPage)
    qtbot.wait(20)
    problems: dict[str, list[str]] = {}
    grab(window, shots / "01-board-states.png")
    problems["board"] = clipped(page)

    view = page.board_view
    move_to(qtbot, view, 0, column(view, at("13:30")))
    press(qtbot, view, Qt.Key.Key_Right, 1, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = page.findChild(BookingDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog.picker.search_field, "1111")
    qtbot.keyClick(dialog.picker.search_field, Qt.Key.Key_Return)
    click(qtbot, find(dialog, QPushButton, "save_button"))
    assert dialog.error_text("start") == "A1 在 14:00–15:30 已被预约，请换一个时段或位置。"
    qtbot.wait(20)
    grab(dialog, shots / "02-booking-form-error.png")
    problems["booking form"] = clipped(dialog)
    dialog.reject()

    page.show_facility(services.facilities.catalogue()[4].id)
    qtbot.wait(20)
    grab(window, shots / "03-activity-room.png")
    problems["activity room"] = clipped(page)
    click(qtbot, find(page.panel, QPushButton, "series_button"))
    series = page.findChild(SeriesDialog)
    assert series is not None
    qtbot.waitExposed(series)
    type_into(qtbot, series.picker.search_field, "5678")
    qtbot.keyClick(series.picker.search_field, Qt.Key.Key_Return)
    click(qtbot, find(series, QPushButton, "save_button"))
    assert series.summary_text().startswith("已预约 ")
    qtbot.wait(20)
    grab(series, shots / "04-series-result.png")
    problems["series"] = clipped(series)
    series.reject()

    page.show_facility(services.facilities.catalogue()[3].id)  # 充电插座: 15-minute columns
    view.setFocus()
    qtbot.wait(20)
    grab(window, shots / "05-sockets.png")
    problems["sockets"] = clipped(page)

    page.show_facility(services.facilities.catalogue()[2].id)  # 电动车充电桩: the walk-in needs the checklist
    view.setFocus()
    click(qtbot, find(page.panel, QPushButton, "walk_in_button"))
    walk_in = page.findChild(BookingDialog)
    assert walk_in is not None
    qtbot.waitExposed(walk_in)
    type_into(qtbot, walk_in.picker.search_field, "5678")
    qtbot.keyClick(walk_in.picker.search_field, Qt.Key.Key_Return)
    click(qtbot, find(walk_in, QPushButton, "save_button"))
    assert walk_in.error_text("safety") == "请先逐项确认电动车充电安全须知。"
    assert find(walk_in, QComboBox, "walk_in_minutes").currentText() == "60 分钟"
    qtbot.wait(20)
    grab(walk_in, shots / "06-walk-in-ebike.png")
    problems["walk-in"] = clipped(walk_in)
    walk_in.reject()

    assert {k: v for k, v in problems.items() if v} == {}


def test_closed_days_render_their_reason(
        qtbot: QtBot, services: Services, admin: Actor, clock: FixedClock, shots: Path,
        make_window: Callable[[Actor], MainWindow]) -> None:
    services.bases.add_closure(admin, dt.date(2026, 11, 28), dt.date(2026, 11, 28), "消防设施年检")
    window = make_window(admin)
    page = window.show_page("bookings")
    assert isinstance(page, BookingsPage)
    qtbot.wait(20)
    grab(window, shots / "07-closure.png")
    problems = clipped(page)

    page.show_facility(services.facilities.catalogue()[1].id)
    page.show_day(dt.date(2027, 1, 1))  # 元旦 (the package may not know that year yet: then it is a Friday)
    page.show_day(dt.date(2026, 10, 1))
    qtbot.wait(20)
    grab(window, shots / "08-national-day.png")
    problems += clipped(page)
    assert problems == []
