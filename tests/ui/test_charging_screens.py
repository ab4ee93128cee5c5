"""The 充电与母婴室 page at the window's size (1180×760) with every kind of tile — free, charging (named and
anonymous), overdue, out of order with a long reason — and the 母婴室 in use with its cleaning log; and with the
start form showing its messages. Rendered to PNG for people to look at and checked for clipped words.

Set DESK_SHOTS_DIR to keep the pictures; otherwise they go to the test's temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from test_screenshots import clipped
from uihelp import find

from desk.domain.booking import FacilityKind
from desk.domain.clock import FixedClock
from desk.domain.people import Category
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.charging import ChargingService, PortState
from desk.services.people import PersonForm
from desk.ui.main_window import MainWindow
from desk.ui.pages.charging import ChargingPage


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DESK_SHOTS_DIR") or tmp_path / "shots") / "zh_CN"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _grab(widget: QWidget, path: Path) -> None:
    image = widget.grab().toImage()
    assert (image.width(), image.height()) == (1180, 760)  # nothing made the window grow
    assert image.save(str(path))


def _busy_base(services: Services, admin: Actor, clock: FixedClock) -> None:
    """Two hours into the day: one e-bike over its time, others charging, one port and one socket broken."""
    catalogue = {f.kind: f for f in services.facilities.catalogue()}
    ebike, sockets = catalogue[FacilityKind.EBIKE_CHARGING], catalogue[FacilityKind.PHONE_CHARGING]
    people = [services.people.register(admin, PersonForm(name, phone, Category.NEW_EMPLOYMENT)).id
              for name, phone in (("张小明", "13812345678"), ("欧阳建华", "13900001111"), ("李娜", "13700002222"))]
    charging = ChargingService(services.ctx)
    services.bookings.use_now(admin, ebike.units[1].id, 60, person_id=people[0], safety_checked=True)
    charging.log_cleaning(admin, charging.nursing_state().unit_id)
    clock.advance(minutes=85)
    services.bookings.use_now(admin, ebike.units[0].id, 240, person_id=people[1], safety_checked=True)
    services.bookings.use_now(admin, ebike.units[4].id, 90, person_id=people[2], safety_checked=True)
    charging.mark_out_of_order(admin, ebike.units[2].id, "充电口松动，已报修，等待维修师傅上门更换插座面板")
    charging.mark_out_of_order(admin, sockets.units[7].id, "没电")
    for socket in sockets.units[:3]:
        services.bookings.use_now(admin, socket.id, 45)
    clock.advance(minutes=7)
    charging.occupy(admin)
    charging.log_cleaning(admin, charging.nursing_state().unit_id, "紫外线消毒 30 分钟")


def test_the_busy_board_renders_calm_and_without_clipped_words(
        qtbot: QtBot, services: Services, window: MainWindow, admin: Actor, clock: FixedClock, shots: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QApplication, "beep", lambda: None)
    _busy_base(services, admin, clock)
    page = window.show_page("charging")
    assert isinstance(page, ChargingPage)
    qtbot.wait(20)
    states = [tile.state for tile in page.board.tiles()]
    assert {PortState.FREE, PortState.CHARGING, PortState.OVERDUE, PortState.OUT_OF_ORDER} <= set(states)
    assert find(page, QLabel, "overdue_banner").isVisible()
    assert page.nursing.isVisible()
    problems: dict[str, list[str]] = {}

    _grab(window, shots / "charging-01-board.png")
    problems["board"] = clipped(page)

    overdue = next(tile for tile in page.board.tiles() if tile.state is PortState.OVERDUE)
    page.board.select(overdue.unit_id)
    qtbot.wait(20)
    _grab(window, shots / "charging-02-overdue-selected.png")
    problems["overdue"] = clipped(page)

    broken = next(tile for tile in page.board.tiles() if tile.state is PortState.OUT_OF_ORDER)
    page.board.select(broken.unit_id)
    qtbot.wait(20)
    _grab(window, shots / "charging-03-out-of-order-selected.png")
    problems["out_of_order"] = clipped(page)

    free = next(tile for tile in page.board.tiles() if tile.state is PortState.FREE)
    page.board.select(free.unit_id)
    qtbot.keyClick(page.board.tile_widget(free.unit_id), Qt.Key.Key_Return)
    qtbot.keyClick(find(page, QPushButton, "start_session"), Qt.Key.Key_Return)  # without the checklist
    qtbot.wait(20)
    _grab(window, shots / "charging-04-start-form-with-messages.png")
    problems["start_form"] = clipped(page)

    assert {key: found for key, found in problems.items() if found} == {}
