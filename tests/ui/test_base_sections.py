"""Settings → 基地信息 and 开放时间与闭馆日: the profile, weekly hours and closures."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTimeEdit,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from uihelp import BASE_NAME, click, find, shown_text, type_into

from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.ui import boxes
from desk.ui.main_window import MainWindow
from desk.ui.pages.settings import SettingsPage
from desk.ui.settings.base_profile import BaseProfileSection
from desk.ui.settings.hours import ClosureModel, HoursSection


def _section(window: MainWindow, key: str) -> object:
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    return settings.show_section(key)


@pytest.fixture
def profile_section(window: MainWindow) -> BaseProfileSection:
    section = _section(window, "base_profile")
    assert isinstance(section, BaseProfileSection)
    return section


@pytest.fixture
def hours(window: MainWindow) -> HoursSection:
    section = _section(window, "hours")
    assert isinstance(section, HoursSection)
    return section


# -- base profile ---------------------------------------------------------------------------------------------

def test_profile_shows_the_stored_values(profile_section: BaseProfileSection) -> None:
    assert find(profile_section, QLabel, "base_code").text() == "MH"
    assert find(profile_section, QLineEdit, "base_name").text() == BASE_NAME
    assert find(profile_section, QComboBox, "timezone").currentText() == "Asia/Shanghai"


def test_renaming_the_base_changes_the_window_title_and_status_bar(
        qtbot: QtBot, services: Services, window: MainWindow, profile_section: BaseProfileSection) -> None:
    type_into(qtbot, find(profile_section, QLineEdit, "base_name"), "汇洋红色港湾")
    type_into(qtbot, find(profile_section, QLineEdit, "address"), "汇洋广场 1 号")

    with qtbot.waitSignal(profile_section.profile_changed, timeout=1000):
        click(qtbot, find(profile_section, QPushButton, "save_profile"))

    assert window.windowTitle() == "红色港湾前台 — 汇洋红色港湾"
    assert find(window, QLabel, "status_base").text() == "汇洋红色港湾"
    assert find(profile_section, QLabel, "profile_notice").text() == "已保存。"
    profile = services.bases.profile()
    assert (profile.name, profile.address) == ("汇洋红色港湾", "汇洋广场 1 号")


def test_a_new_time_zone_moves_the_clock(
        qtbot: QtBot, services: Services, window: MainWindow, profile_section: BaseProfileSection) -> None:
    zone = find(profile_section, QComboBox, "timezone")
    zone.setCurrentIndex(zone.findText("Asia/Urumqi"))

    click(qtbot, find(profile_section, QPushButton, "save_profile"))

    assert services.bases.profile().timezone == "Asia/Urumqi"
    assert find(window, QLabel, "status_clock").text().endswith(" 08:00")  # 02:00 UTC at UTC+6


def test_an_empty_name_or_unknown_zone_is_refused_next_to_the_field(
        qtbot: QtBot, services: Services, window: MainWindow, profile_section: BaseProfileSection) -> None:
    type_into(qtbot, find(profile_section, QLineEdit, "base_name"), "")
    click(qtbot, find(profile_section, QPushButton, "save_profile"))
    assert shown_text(find(profile_section, QLabel, "error_base_name")) == "请填写此项。"

    type_into(qtbot, find(profile_section, QLineEdit, "base_name"), "汇洋红色港湾")
    zone = find(profile_section, QComboBox, "timezone")
    zone_edit = zone.lineEdit()
    assert zone_edit is not None
    type_into(qtbot, zone_edit, "Mars/Olympus")
    click(qtbot, find(profile_section, QPushButton, "save_profile"))
    assert shown_text(find(profile_section, QLabel, "error_timezone")) == "不认识的时区，例如 Asia/Shanghai。"
    assert shown_text(find(profile_section, QLabel, "error_base_name")) == ""

    assert services.bases.profile().name == BASE_NAME
    assert BASE_NAME in window.windowTitle()


# -- weekly hours ---------------------------------------------------------------------------------------------

def test_saving_the_week(qtbot: QtBot, services: Services, hours: HoursSection) -> None:
    click(qtbot, find(hours, QCheckBox, "open_6"))
    find(hours, QTimeEdit, "opens_5").setTime(QTime(9, 30))
    find(hours, QTimeEdit, "closes_5").setTime(QTime(17, 0))

    click(qtbot, find(hours, QPushButton, "save_hours"))

    week = services.bases.profile().week
    assert not week[6].is_open
    assert (week[5].opens, week[5].closes) == (dt.time(9, 30), dt.time(17, 0))
    assert find(hours, QLabel, "hours_notice").text() == "开放时间已保存。"


def test_a_day_closing_before_it_opens_is_not_saved(qtbot: QtBot, services: Services, hours: HoursSection) -> None:
    before = services.bases.profile().week
    find(hours, QTimeEdit, "opens_0").setTime(QTime(20, 0))
    find(hours, QTimeEdit, "closes_0").setTime(QTime(8, 0))

    click(qtbot, find(hours, QPushButton, "save_hours"))

    assert services.bases.profile().week == before
    assert find(hours, QLabel, "hours_notice").text() == ""
    errors = [label.text() for label in hours.findChildren(QLabel, "error") if label.isVisible()]
    assert errors == ["结束不能早于开始，请检查。"]


# -- closures -------------------------------------------------------------------------------------------------

def _closures(hours: HoursSection) -> list[list[str]]:
    model = find(hours, QTableView, "closures_table").model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_add_a_closure(qtbot: QtBot, services: Services, hours: HoursSection) -> None:
    find(hours, QDateEdit, "closure_start").setDate(QDate(2026, 12, 10))
    find(hours, QDateEdit, "closure_end").setDate(QDate(2026, 12, 11))
    type_into(qtbot, find(hours, QLineEdit, "closure_reason"), "线路检修")

    click(qtbot, find(hours, QPushButton, "add_closure"))

    assert _closures(hours) == [["2026年12月10日星期四", "2026年12月11日星期五", "线路检修"]]
    assert [(c.start, c.end, c.reason) for c in services.bases.closures()] == [
        (dt.date(2026, 12, 10), dt.date(2026, 12, 11), "线路检修")]
    assert find(hours, QLineEdit, "closure_reason").text() == ""


def test_a_closure_needs_a_reason_and_an_end_not_before_its_start(
        qtbot: QtBot, services: Services, hours: HoursSection) -> None:
    start, end = find(hours, QDateEdit, "closure_start"), find(hours, QDateEdit, "closure_end")
    assert start.calendarPopup() and end.calendarPopup()
    start.setDate(QDate(2026, 12, 10))
    end.setDate(QDate(2026, 12, 10))
    click(qtbot, find(hours, QPushButton, "add_closure"))
    assert shown_text(find(hours, QLabel, "error_closure_reason")) == "请填写此项。"

    end.setDate(QDate(2026, 12, 9))
    type_into(qtbot, find(hours, QLineEdit, "closure_reason"), "年终盘点")
    click(qtbot, find(hours, QPushButton, "add_closure"))
    assert shown_text(find(hours, QLabel, "error_closure_end")) == "结束不能早于开始，请检查。"
    assert shown_text(find(hours, QLabel, "error_closure_reason")) == ""

    assert services.bases.closures() == []
    assert _closures(hours) == []


def test_remove_a_closure_after_confirming(
        qtbot: QtBot, services: Services, admin: Actor, hours: HoursSection, monkeypatch: pytest.MonkeyPatch) -> None:
    services.bases.add_closure(admin, dt.date(2026, 12, 31), dt.date(2026, 12, 31), "年终盘点")
    hours.refresh()
    answers = [False, True]
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(boxes, "confirm", confirm)
    remove = find(hours, QPushButton, "remove_closure")
    assert not remove.isEnabled()
    view = find(hours, QTableView, "closures_table")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(0, 2)).center())

    click(qtbot, remove)  # "no"
    assert len(_closures(hours)) == 1 and "年终盘点" in asked[0]

    click(qtbot, remove)  # "yes"
    assert _closures(hours) == []
    assert services.bases.closures() == []
    assert not remove.isEnabled()


def test_past_closures_only_on_request(
        qtbot: QtBot, services: Services, admin: Actor, hours: HoursSection) -> None:
    services.bases.add_closure(admin, dt.date(2026, 10, 1), dt.date(2026, 10, 7), "国庆")
    services.bases.add_closure(admin, dt.date(2026, 11, 27), dt.date(2026, 11, 29), "场地改造")  # today is 11-28
    services.bases.add_closure(admin, dt.date(2027, 1, 1), dt.date(2027, 1, 1), "元旦")
    hours.refresh()
    assert [row[2] for row in _closures(hours)] == ["场地改造", "元旦"]

    click(qtbot, find(hours, QCheckBox, "show_past_closures"))

    assert [row[2] for row in _closures(hours)] == ["国庆", "场地改造", "元旦"]


def test_the_closure_model_is_a_well_behaved_qt_model(
        qtmodeltester: ModelTester, services: Services, admin: Actor, hours: HoursSection) -> None:
    services.bases.add_closure(admin, dt.date(2026, 12, 31), dt.date(2026, 12, 31), "年终盘点")
    hours.refresh()
    model = find(hours, QTableView, "closures_table").model()
    assert isinstance(model, ClosureModel)
    qtmodeltester.check(model)
