"""充电与母婴室 page, the charging board on the real window: start a session by keyboard (two keystrokes on a
socket; the checklist and a person on an e-bike), the overdue alert when the clock passes the end, stop, extend
within the limit, out of order and repaired, and the arrow keys between tiles.

The clock starts on Saturday 2026-11-28 at 10:00 in the base's zone; the base opens 09:00–21:00.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from uihelp import click, find, shown_text, type_into

from desk.domain.booking import BookingState, FacilityKind
from desk.domain.clock import FixedClock
from desk.domain.errors import UnitUnavailable
from desk.domain.people import Category, Purpose
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.facilities import FacilityInfo
from desk.services.people import PersonForm
from desk.storage.models import Booking, Visit
from desk.ui.charging.tiles import MOST_COLUMNS, PortTileWidget, columns_for
from desk.ui.main_window import MainWindow
from desk.ui.pages.charging import ChargingPage

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")


def local(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(dt.date(2026, 11, 28), dt.time(hour, minute), ZONE).astimezone(dt.UTC)


@pytest.fixture
def beeps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    heard: list[int] = []
    monkeypatch.setattr(QApplication, "beep", lambda: heard.append(1))
    return heard


@pytest.fixture
def page(qtbot: QtBot, window: MainWindow, beeps: list[int]) -> ChargingPage:
    page = window.show_page("charging")
    assert isinstance(page, ChargingPage)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return page


def _facility(services: Services, kind: FacilityKind) -> FacilityInfo:
    return next(f for f in services.facilities.catalogue() if f.kind is kind)


@pytest.fixture
def ebike(services: Services, admin: Actor) -> FacilityInfo:
    return _facility(services, FacilityKind.EBIKE_CHARGING)


@pytest.fixture
def sockets(services: Services, admin: Actor) -> FacilityInfo:
    return _facility(services, FacilityKind.PHONE_CHARGING)


@pytest.fixture
def rider(services: Services, admin: Actor) -> int:
    return services.people.register(admin, PersonForm("张小明", "13812345678", Category.NEW_EMPLOYMENT)).id


def _tile(page: ChargingPage, unit_id: int) -> PortTileWidget:
    return page.board.tile_widget(unit_id)


def _enter(qtbot: QtBot) -> None:
    """Enter, wherever the keyboard is."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Return)


def _sessions(services: Services) -> list[tuple[int, int | None, str, bool, dt.datetime, dt.datetime]]:
    with services.ctx.db.read() as s:
        return [(b.unit_id, b.person_id, b.state, b.safety_checked, b.starts_at, b.ends_at)
                for b in s.execute(select(Booking).order_by(Booking.id)).scalars()]


def test_a_socket_starts_in_two_keystrokes(qtbot: QtBot, services: Services, page: ChargingPage,
                                           sockets: FacilityInfo) -> None:
    socket = sockets.units[1]
    tile = _tile(page, socket.id)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert tile.is_selected() and page.panel.tile() == tile.tile
    assert tile.lines() == ["插座2", "空闲"]

    qtbot.keyClick(tile, Qt.Key.Key_Return)
    start = find(page, QPushButton, "start_session")
    assert start.hasFocus()
    assert find(page, QSpinBox, "start_minutes").value() == 120  # the socket's maximum
    assert not find(page, QCheckBox, "safety_battery").isVisible()  # no checklist for a phone
    _enter(qtbot)

    assert _sessions(services) == [(socket.id, None, "checked_in", False, local(10), local(12))]
    assert tile.lines() == ["插座2", "充电中", "匿名", "10:00 开始", "剩余 2小时"]
    assert tile.hasFocus()  # ready for the next arrow key
    assert shown_text(find(page, QLabel, "charging_status")) == "插座2 开始充电：匿名，预计 12:00 结束。"
    with services.ctx.db.read() as s:
        [visit] = s.execute(select(Visit)).scalars().all()
    assert visit.purpose == Purpose.CHARGING.value


def test_an_ebike_needs_the_checklist_and_a_person(qtbot: QtBot, services: Services, page: ChargingPage,
                                                   ebike: FacilityInfo, rider: int) -> None:
    port = ebike.units[0]
    tile = _tile(page, port.id)
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert find(page, QSpinBox, "start_minutes").value() == 240
    _enter(qtbot)  # the checklist is not ticked

    assert shown_text(find(page, QLabel, "error_safety")) == "请先逐项确认电动车充电安全须知。"
    assert find(page, QCheckBox, "safety_battery").hasFocus()
    assert _sessions(services) == []

    for name in ("safety_battery", "safety_overnight", "safety_parking"):
        click(qtbot, find(page, QCheckBox, name))
    _enter(qtbot)  # still nobody chosen: an e-bike session needs a name
    assert shown_text(find(page, QLabel, "error_safety")) == ""
    assert shown_text(find(page, QLabel, "error_person")) == "这里的预约需要登记姓名，请先查找或登记此人。"
    search = find(page, QLineEdit, "person_search")
    assert search.hasFocus()
    assert _sessions(services) == []

    type_into(qtbot, search, "5678")
    _enter(qtbot)  # chooses 张小明, and the focus is back on 开始充电
    assert find(page, QPushButton, "start_session").hasFocus()
    _enter(qtbot)

    assert _sessions(services) == [(port.id, rider, "checked_in", True, local(10), local(14))]
    assert tile.lines() == ["1号桩", "充电中", "张*明 尾号5678", "10:00 开始", "剩余 4小时"]
    assert find(page, QLabel, "session_person").text() == "充电人：张*明 138****5678"


def test_past_its_end_a_session_turns_overdue_with_an_alert_and_stops(
        qtbot: QtBot, services: Services, admin: Actor, page: ChargingPage, ebike: FacilityInfo, rider: int,
        clock: FixedClock, beeps: list[int]) -> None:
    port = ebike.units[1]
    services.bookings.use_now(admin, port.id, 60, person_id=rider, safety_checked=True)
    page.refresh()
    tile = _tile(page, port.id)
    banner = find(page, QLabel, "overdue_banner")
    assert tile.lines()[1:] == ["充电中", "张*明 尾号5678", "10:00 开始", "剩余 1小时"]
    assert not banner.isVisible() and beeps == []

    clock.advance(minutes=45)
    page._on_tick_timeout()
    assert tile.lines()[-1] == "剩余 15分钟"
    clock.advance(minutes=40)
    page._on_tick_timeout()  # the 30-second timer: no database read needed to see it
    assert tile.tile.booking_id is not None
    assert tile.lines() == ["2号桩", "已超时", "张*明 尾号5678", "应于 11:00 结束", "超时 25分钟"]
    assert shown_text(banner) == "1 个充电已超时，请及时联系：2号桩 超时 25 分钟（张*明 138****5678）"
    assert beeps == [1]
    page._on_reload_timeout()  # the minute's re-read agrees, and the same session does not beep again
    page._on_tick_timeout()
    assert tile.lines()[1] == "已超时" and beeps == [1]

    page.board.select(port.id)
    assert find(page, QLabel, "session_left").text() == "已超时 25 分钟"
    click(qtbot, find(page, QPushButton, "stop_session"))
    assert tile.lines() == ["2号桩", "空闲"]
    assert not banner.isVisible()
    assert shown_text(find(page, QLabel, "charging_status")) == "2号桩 已停止充电，用时 1 小时 25 分钟。"
    assert [state for _u, _p, state, *_rest in _sessions(services)] == [BookingState.COMPLETED.value]


def test_extend_within_the_limit_and_the_refusal_beyond_it(
        qtbot: QtBot, services: Services, admin: Actor, page: ChargingPage, sockets: FacilityInfo) -> None:
    socket = sockets.units[0]
    services.bookings.use_now(admin, socket.id, 60)
    page.refresh()
    page.board.select(socket.id)
    assert find(page, QLabel, "extend_hint").text() == "最多还可延长 1 小时"
    minutes = find(page, QSpinBox, "extend_minutes")
    assert minutes.value() == 30
    click(qtbot, find(page, QPushButton, "extend_session"))
    assert _tile(page, socket.id).lines()[-1] == "剩余 1小时30分"
    assert shown_text(find(page, QLabel, "charging_status")) == "插座1 已延长 30 分钟，预计 11:30 结束。"

    page.board.select(socket.id)
    minutes.setValue(45)
    click(qtbot, find(page, QPushButton, "extend_session"))
    assert shown_text(find(page, QLabel, "session_error")) == "延长后总时长会超过上限（2 小时）。"
    assert _sessions(services)[0][5] == local(11, 30)

    minutes.setValue(30)
    click(qtbot, find(page, QPushButton, "extend_session"))
    assert find(page, QLabel, "extend_hint").text() == "已达到最长 2 小时，不能再延长。"
    assert not find(page, QPushButton, "extend_session").isEnabled()


def test_out_of_order_with_a_reason_and_repaired(
        qtbot: QtBot, services: Services, admin: Actor, page: ChargingPage, ebike: FacilityInfo, rider: int) -> None:
    port = ebike.units[2]
    tile = _tile(page, port.id)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    click(qtbot, find(page, QPushButton, "mark_fault"))
    assert shown_text(find(page, QLabel, "fault_error")) == "请填写此项。"

    type_into(qtbot, find(page, QLineEdit, "fault_reason"), "插口松动")
    qtbot.keyClick(find(page, QLineEdit, "fault_reason"), Qt.Key.Key_Return)
    assert tile.lines() == ["3号桩", "故障", "插口松动"]
    assert find(page, QLabel, "broken_reason").text() == "故障原因：插口松动"
    assert not find(page, QWidget, "fault_area").isVisible()
    with pytest.raises(UnitUnavailable):
        services.bookings.use_now(admin, port.id, 60, person_id=rider, safety_checked=True)

    qtbot.keyClick(tile, Qt.Key.Key_Return)  # on a broken tile, Enter goes to 已修复
    repaired = find(page, QPushButton, "mark_repaired")
    assert repaired.hasFocus()
    _enter(qtbot)
    assert tile.lines() == ["3号桩", "空闲"]
    assert shown_text(find(page, QLabel, "charging_status")) == "3号桩 已修复，恢复使用。"


def test_a_running_port_cannot_be_marked_out_of_order(
        qtbot: QtBot, services: Services, admin: Actor, page: ChargingPage, sockets: FacilityInfo) -> None:
    socket = sockets.units[3]
    services.bookings.use_now(admin, socket.id, 30)
    page.refresh()
    page.board.select(socket.id)
    type_into(qtbot, find(page, QLineEdit, "fault_reason"), "发烫")
    click(qtbot, find(page, QPushButton, "mark_fault"))
    assert shown_text(find(page, QLabel, "fault_error")) == "插座4 正在使用中，请先结束使用再标记故障。"
    assert _tile(page, socket.id).lines()[1] == "充电中"


def test_arrow_keys_move_between_tiles_and_facilities(qtbot: QtBot, page: ChargingPage, ebike: FacilityInfo,
                                                      sockets: FacilityInfo) -> None:
    first = _tile(page, ebike.units[0].id)
    qtbot.waitUntil(first.hasFocus)  # the page gives the board the keyboard when shown
    assert first.is_selected()

    def press(key: Qt.Key) -> str:
        focused = QApplication.focusWidget()
        assert isinstance(focused, PortTileWidget)
        qtbot.keyClick(focused, key)
        now = QApplication.focusWidget()
        assert isinstance(now, PortTileWidget) and now.is_selected()
        assert find(page, QLabel, "port_title").text() == now.tile.unit_name
        return now.tile.unit_name

    assert press(Qt.Key.Key_Left) == "1号桩"  # at the edge the focus stays on the board
    assert press(Qt.Key.Key_Right) == "2号桩"
    assert press(Qt.Key.Key_Down) == "7号桩"  # 5 tiles a row: 6号桩–8号桩 below
    assert press(Qt.Key.Key_Down) == "插座2"  # on into the sockets
    assert press(Qt.Key.Key_Down) == "插座7"
    assert press(Qt.Key.Key_Up) == "插座2"
    assert press(Qt.Key.Key_Up) == "7号桩"
    assert press(Qt.Key.Key_Right) == "8号桩"
    assert press(Qt.Key.Key_Right) == "插座1"
    assert [t.tile.unit_id for t in page.findChildren(PortTileWidget) if t.is_selected()] == [sockets.units[0].id]

    _enter(qtbot)
    assert find(page, QPushButton, "start_session").hasFocus()
    qtbot.keyClick(find(page, QPushButton, "start_session"), Qt.Key.Key_Escape)  # changed my mind: back
    assert _tile(page, sockets.units[0].id).hasFocus()


def test_a_narrow_window_takes_fewer_tiles_to_a_row_and_the_arrows_follow(
        qtbot: QtBot, window: MainWindow, page: ChargingPage, ebike: FacilityInfo) -> None:
    board = page.board
    assert board.columns() == MOST_COLUMNS  # the preferred window has room for five
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: board.columns() == columns_for(board.width()) < MOST_COLUMNS)
    columns = board.columns()
    first = _tile(page, ebike.units[0].id)
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Down)
    below = QApplication.focusWidget()
    assert isinstance(below, PortTileWidget) and below.tile.unit_id == ebike.units[columns].id
    qtbot.waitUntil(lambda: below.geometry().left() == first.geometry().left())  # straight below it on screen too
    # Every tile whole and side by side within the board: none pushed past its right edge.
    assert all(tile.geometry().right() <= board.width() for tile in page.findChildren(PortTileWidget))
    window.resize(1180, 760)
    qtbot.waitUntil(lambda: board.columns() == MOST_COLUMNS)
