"""签到 page: the anonymous head count and the 暖新驿站 one-click courier check-in with the services ticked."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from uihelp import click, find

from desk.domain.clock import FixedClock
from desk.domain.people import Category, Platform, Purpose, StationService
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.storage.models import Visit
from desk.ui.main_window import MainWindow
from desk.ui.pages.checkin import CheckinPage


@pytest.fixture
def page(window: MainWindow) -> CheckinPage:
    page = window.show_page("checkin")
    assert isinstance(page, CheckinPage)
    return page


def _stored(services: Services) -> list[tuple[str | None, int, str, str, int | None]]:
    with services.ctx.db.read() as s:
        return [(v.platform, v.station_services, v.category, v.purpose, v.person_id)
                for v in s.execute(select(Visit).order_by(Visit.id)).scalars()]


def test_anonymous_head_count_with_category_purpose_and_party_size(
        qtbot: QtBot, services: Services, page: CheckinPage) -> None:
    click(qtbot, find(page, QPushButton, "purpose_nursing"))
    find(page, QSpinBox, "party_size").setValue(2)
    category = find(page, QComboBox, "anonymous_category")
    assert category.currentText() == "群众"
    click(qtbot, find(page, QPushButton, "anonymous_checkin"))

    [visit] = services.visits.on_site()
    assert (visit.person_id, visit.name, visit.masked_phone, visit.category, visit.purpose, visit.party_size) == (
        None, "", "", Category.RESIDENT, Purpose.NURSING, 2)
    model = page.on_site.model
    assert [model.index(0, c).data() for c in range(4)] == ["群众（匿名）", "", "母婴室", "2"]
    assert find(page, QLabel, "checkin_status").text() == "已签到：群众（匿名） · 母婴室 · 2 人"
    assert find(page, QLabel, "on_site_title").text() == "在场 2 人（1 条登记）"
    assert find(page, QSpinBox, "party_size").value() == 1


def test_f9_checks_in_anonymously_with_the_chosen_category(
        qtbot: QtBot, services: Services, page: CheckinPage) -> None:
    page.window().activateWindow()
    qtbot.waitUntil(page.window().isActiveWindow)
    category = find(page, QComboBox, "anonymous_category")
    category.setCurrentIndex(category.findData(Category.VOLUNTEER.value))
    page.search_field.setFocus()
    qtbot.keyClick(page.search_field, Qt.Key.Key_F7)  # 办事咨询
    qtbot.keyClick(page.search_field, Qt.Key.Key_F9)

    assert [(v.category, v.purpose) for v in services.visits.on_site()] == [(Category.VOLUNTEER, Purpose.ENQUIRY)]


def test_courier_one_click_stores_the_ticked_services_and_counts_the_day(
        qtbot: QtBot, services: Services, admin: Actor, page: CheckinPage, clock: FixedClock) -> None:
    meituan = find(page, QPushButton, "courier_meituan")
    assert meituan.text() == "美团\n今日 0"
    hot_water = find(page, QCheckBox, "service_hot_water")
    charging = find(page, QCheckBox, "service_charging")
    click(qtbot, hot_water)
    click(qtbot, charging)
    click(qtbot, meituan)

    assert _stored(services) == [("meituan", int(StationService.HOT_WATER | StationService.CHARGING),
                                  "new_employment", "rest", None)]
    assert not hot_water.isChecked() and not charging.isChecked()  # the ticks were for that courier only
    assert meituan.text() == "美团\n今日 1"
    assert find(page, QLabel, "checkin_status").text() == "已签到：暖新驿站 · 美团 · 休息（热水、充电）"
    assert page.on_site.model.index(0, 0).data() == "暖新驿站 · 美团"

    click(qtbot, meituan)  # nothing ticked: a courier who only came in
    click(qtbot, find(page, QCheckBox, "service_toilet"))
    click(qtbot, find(page, QPushButton, "courier_sf"))

    counts = services.visits.courier_counts()
    assert counts.platforms[Platform.MEITUAN] == 2 and counts.platforms[Platform.SF] == 1
    assert counts.platforms[Platform.DIDI] == 0
    assert counts.services[StationService.HOT_WATER] == 1
    assert counts.services[StationService.CHARGING] == 1
    assert counts.services[StationService.TOILET] == 1
    assert counts.total == 3
    assert meituan.text() == "美团\n今日 2"
    assert find(page, QPushButton, "courier_sf").text() == "顺丰\n今日 1"
    assert find(page, QLabel, "station_today").text() == \
        "今日共 3 人次\n热水 1 · 微波炉 0 · 休息 0 · 充电 1 · 卫生间 1"

    # The count is per local day of the base: at 00:30 the next morning (16:30 UTC) it starts again.
    clock.set(dt.datetime(2026, 11, 28, 16, 30, tzinfo=dt.UTC))
    assert services.visits.courier_counts().total == 0
    assert services.visits.courier_counts(dt.date(2026, 11, 28)).total == 3
    page.refresh()
    assert meituan.text() == "美团\n今日 0"
