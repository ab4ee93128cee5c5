"""充电与母婴室 page, the 母婴室 panel on the real window: occupied without a name since HH:MM with the expected
end, running over, released, and the cleaning and disinfection log (last entry, time and staff, and the list).

The clock starts on Saturday 2026-11-28 at 10:00 in the base's zone; the base opens 09:00–21:00.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from uihelp import click, find, shown_text, type_into

from desk.domain.clock import FixedClock
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.charging import ChargingService
from desk.storage.models import Booking, CleaningLog
from desk.ui.main_window import MainWindow
from desk.ui.pages.charging import ChargingPage


@pytest.fixture
def page(window: MainWindow) -> ChargingPage:
    page = window.show_page("charging")
    assert isinstance(page, ChargingPage)
    return page


def _texts(page: ChargingPage) -> tuple[str, str]:
    return find(page, QLabel, "nursing_state").text(), find(page, QLabel, "nursing_detail").text()


def test_occupy_without_a_name_then_release(qtbot: QtBot, services: Services, page: ChargingPage,
                                            clock: FixedClock) -> None:
    occupy, release = find(page, QPushButton, "nursing_occupy"), find(page, QPushButton, "nursing_release")
    assert _texts(page) == ("空闲", "每次最长 45 分钟")
    assert occupy.isEnabled() and not release.isEnabled()

    clock.advance(minutes=5)
    click(qtbot, occupy)
    assert _texts(page) == ("使用中", "10:05 起（预计 10:50 结束）")
    assert not occupy.isEnabled() and release.isEnabled()
    assert shown_text(find(page, QLabel, "charging_status")) == "母婴室开始使用，预计 10:50 结束。"
    with services.ctx.db.read() as s:
        [stay] = s.execute(select(Booking)).scalars().all()
    assert (stay.person_id, stay.state) == (None, "checked_in")

    clock.advance(minutes=52)
    page._on_tick_timeout()
    assert _texts(page) == ("使用中", "10:05 起（预计 10:50 结束）\n已超时 7 分钟")

    click(qtbot, release)
    assert _texts(page) == ("空闲", "每次最长 45 分钟")
    assert shown_text(find(page, QLabel, "charging_status")) == "母婴室已结束使用。"
    with services.ctx.db.read() as s:
        assert s.execute(select(Booking.state)).scalar_one() == "completed"


def test_a_stay_started_at_another_desk_is_refused_here_with_the_rule(
        qtbot: QtBot, services: Services, admin: Actor, page: ChargingPage) -> None:
    ChargingService(services.ctx).occupy(admin)  # another desk, after this page last read the room
    click(qtbot, find(page, QPushButton, "nursing_occupy"))
    assert shown_text(find(page, QLabel, "nursing_error")) == "母婴室 在 10:00–10:45 已有人使用或预约，请稍后再试。"
    assert _texts(page)[0] == "使用中"  # and the panel shows what is true now


def test_cleaning_is_logged_and_shown_with_time_and_staff(
        qtbot: QtBot, services: Services, page: ChargingPage, clock: FixedClock) -> None:
    last = find(page, QLabel, "nursing_last_clean")
    log = find(page, QListWidget, "nursing_log")
    assert last.text() == "还没有清洁消毒登记"
    assert log.count() == 0

    clock.advance(minutes=30)
    click(qtbot, find(page, QPushButton, "nursing_clean"))
    assert last.text() == "上次清洁消毒：10:30 · 王建国"
    clock.advance(minutes=45)
    note = find(page, QLineEdit, "nursing_clean_note")
    type_into(qtbot, note, "紫外线消毒")
    qtbot.keyClick(note, Qt.Key.Key_Return)

    assert last.text() == "上次清洁消毒：11:15 · 王建国"
    assert [log.item(i).text() for i in range(log.count())] == ["11:15 · 王建国 · 紫外线消毒", "10:30 · 王建国"]
    assert note.text() == ""
    assert shown_text(find(page, QLabel, "charging_status")) == "已登记母婴室清洁消毒（11:15 · 王建国）。"
    with services.ctx.db.read() as s:
        assert s.execute(select(CleaningLog.note).order_by(CleaningLog.id)).scalars().all() == ["", "紫外线消毒"]
