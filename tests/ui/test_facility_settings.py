"""Settings → 设施与预约规则 and 节假日与特别开放 on the real window: a rule edited in the form is what the booking
service then enforces; a refused value is shown next to its field; units, state, own hours and the no-show rule;
a holiday opened with special hours lets a booking in that day; a year without holiday data says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTimeEdit,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import update
from test_screenshots import clipped
from uihelp import click, find, shown_text, type_into

from desk.domain.booking import FacilityKind
from desk.domain.clock import FixedClock
from desk.domain.errors import BookingTooLong, ClosedThatDay, UnitUnavailable
from desk.domain.people import Category
from desk.domain.staff import Actor
from desk.services.bookings import BookingService
from desk.services.bundle import Services
from desk.services.demo import DEMO_PASSWORD, seed_demo
from desk.services.facility_admin import FacilityAdminService
from desk.services.people import PersonForm
from desk.storage.models import Person
from desk.ui import boxes
from desk.ui.main_window import MainWindow
from desk.ui.pages.settings import SettingsPage
from desk.ui.settings.facilities import FacilitiesSection, FacilityModel, SuspendedModel, UnitModel
from desk.ui.settings.holidays import HolidayModel, HolidaysSection, OverrideModel

ZONE = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.date(2026, 11, 28)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), ZONE)


def _section(window: MainWindow, key: str) -> object:
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    return settings.show_section(key)


@pytest.fixture
def facilities(window: MainWindow) -> FacilitiesSection:
    section = _section(window, "facilities")
    assert isinstance(section, FacilitiesSection)
    return section


@pytest.fixture
def holidays(window: MainWindow) -> HolidaysSection:
    section = _section(window, "holidays")
    assert isinstance(section, HolidaysSection)
    return section


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(boxes, "confirm", confirm)
    return asked


def _rows(view: QTableView) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _pick(qtbot: QtBot, view: QTableView, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _person(services: Services, admin: Actor, name: str = "李明", phone: str = "13900001111") -> int:
    return services.people.register(admin, PersonForm(name, phone, Category.RESIDENT)).id


def _tab(section: FacilitiesSection, title: str) -> None:
    tabs = find(section, QTabWidget, "facility_tabs")
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == title))


def _set_spin(qtbot: QtBot, spin: QSpinBox, value: int) -> None:
    """Type the number as a person would: select what is there, type, press Enter."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    qtbot.keyClick(spin, Qt.Key.Key_Enter)
    assert spin.value() == value


# -- facilities and rules -------------------------------------------------------------------------------------

def test_the_list_and_the_first_facility(facilities: FacilitiesSection) -> None:
    rows = _rows(find(facilities, QTableView, "facilities_table"))
    assert [row[0] for row in rows] == ["党建书吧", "母婴室", "电动车充电桩", "充电插座", "党员活动室", "红色影院",
                                        "法律援助"]
    assert rows[0][1:] == ["开放预约", "20"]
    assert find(facilities, QLineEdit, "facility_name").text() == "党建书吧"
    assert find(facilities, QSpinBox, "max_minutes").value() == 240
    assert find(facilities, QSpinBox, "quota_minutes").text() == "240 分钟"
    assert find(facilities, QSpinBox, "quota_count").text() == "不限"


def test_a_rule_edited_here_is_enforced_by_the_booking_service(
        qtbot: QtBot, services: Services, admin: Actor, facilities: FacilitiesSection) -> None:
    _set_spin(qtbot, find(facilities, QSpinBox, "max_minutes"), 120)
    click(qtbot, find(facilities, QPushButton, "save_rules"))

    assert find(facilities, QLabel, "rules_notice").text() == "规则已保存，对此后的新预约生效。"
    seat = services.facilities.catalogue()[0].units[0].id
    who = _person(services, admin)
    with pytest.raises(BookingTooLong) as caught:
        services.bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 17), who)
    assert caught.value.params == {"minutes": 120}
    assert services.bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 16), who)
    assert services.audit.recent(1)[0].action == "booking_created"


def test_a_refused_rule_is_shown_next_to_its_field(
        qtbot: QtBot, services: Services, facilities: FacilitiesSection) -> None:
    before = services.facilities.catalogue()[0].rules
    _set_spin(qtbot, find(facilities, QSpinBox, "max_minutes"), 20)
    click(qtbot, find(facilities, QPushButton, "save_rules"))
    assert shown_text(find(facilities, QLabel, "error_max_minutes")) == "超出允许范围（30–1440）。"

    _set_spin(qtbot, find(facilities, QSpinBox, "max_minutes"), 240)
    _set_spin(qtbot, find(facilities, QSpinBox, "min_minutes"), 45)
    click(qtbot, find(facilities, QPushButton, "save_rules"))
    assert shown_text(find(facilities, QLabel, "error_min_minutes")) == "须为 30 分钟的整数倍。"
    assert shown_text(find(facilities, QLabel, "error_max_minutes")) == ""
    assert find(facilities, QLabel, "rules_notice").text() == ""
    assert services.facilities.catalogue()[0].rules == before


def test_the_name_can_be_optional_and_quota_unlimited(
        qtbot: QtBot, services: Services, admin: Actor, facilities: FacilitiesSection) -> None:
    click(qtbot, find(facilities, QCheckBox, "name_required"))
    _set_spin(qtbot, find(facilities, QSpinBox, "quota_minutes"), 0)
    click(qtbot, find(facilities, QPushButton, "save_rules"))
    rules = services.facilities.catalogue()[0].rules
    assert (rules.name_required, rules.quota_minutes) == (False, None)
    seat = services.facilities.catalogue()[0].units[0].id
    assert services.bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 15)).person_id is None


def test_deactivate_a_facility_with_a_reason(
        qtbot: QtBot, services: Services, admin: Actor, facilities: FacilitiesSection, yes: list[str]) -> None:
    view = find(facilities, QTableView, "facilities_table")
    _pick(qtbot, view, 5)  # 红色影院
    assert find(facilities, QLineEdit, "facility_name").text() == "红色影院"
    click(qtbot, find(facilities, QPushButton, "toggle_facility"))
    assert shown_text(find(facilities, QLabel, "error_inactive_reason")) == "请填写此项。"

    type_into(qtbot, find(facilities, QLineEdit, "inactive_reason"), "放映设备检修")
    click(qtbot, find(facilities, QPushButton, "toggle_facility"))

    assert "红色影院" in yes[-1]
    assert find(facilities, QLabel, "facility_state").text() == "已停用：放映设备检修。新的预约会被拒绝。"
    assert _rows(view)[5][1] == "停用：放映设备检修"
    hall = FacilityAdminService(services.ctx).facilities(admin)[5]
    with pytest.raises(UnitUnavailable):
        services.bookings.book(admin, hall.units[0].id, at(TODAY, 14), at(TODAY, 15), _person(services, admin))
    assert find(facilities, QPushButton, "toggle_facility").text() == "恢复预约"
    click(qtbot, find(facilities, QPushButton, "toggle_facility"))
    assert FacilityAdminService(services.ctx).facilities(admin)[5].active


def test_add_rename_and_deactivate_units(
        qtbot: QtBot, services: Services, admin: Actor, facilities: FacilitiesSection, yes: list[str]) -> None:
    _pick(qtbot, find(facilities, QTableView, "facilities_table"), 4)  # 党员活动室
    _tab(facilities, "单元")
    units = find(facilities, QTableView, "units_table")
    assert _rows(units) == [["活动室", "30", "在用"]]
    type_into(qtbot, find(facilities, QLineEdit, "unit_name"), "小会议室")
    _set_spin(qtbot, find(facilities, QSpinBox, "unit_capacity"), 12)
    click(qtbot, find(facilities, QPushButton, "add_unit"))
    assert _rows(units) == [["活动室", "30", "在用"], ["小会议室", "12", "在用"]]
    assert find(facilities, QLabel, "unit_notice").text() == "已新增单元 小会议室。"

    click(qtbot, find(facilities, QPushButton, "add_unit"))  # the same name again
    assert shown_text(find(facilities, QLabel, "error_unit_name")) == "名称“小会议室”已被使用（包括已停用的），请换一个。"

    _pick(qtbot, units, 1)
    type_into(qtbot, find(facilities, QLineEdit, "unit_name"), "第二活动室")
    click(qtbot, find(facilities, QPushButton, "save_unit"))
    assert _rows(units)[1] == ["第二活动室", "12", "在用"]

    click(qtbot, find(facilities, QPushButton, "toggle_unit"))
    assert _rows(units)[1] == ["第二活动室", "12", "已停用"]
    room = next(f for f in services.facilities.catalogue() if f.kind is FacilityKind.ACTIVITY_ROOM)
    assert [u.name for u in room.units] == ["活动室"]


def test_a_custom_facility(qtbot: QtBot, services: Services, facilities: FacilitiesSection) -> None:
    type_into(qtbot, find(facilities, QLineEdit, "new_facility_name"), "调解室")
    click(qtbot, find(facilities, QPushButton, "add_facility"))
    assert _rows(find(facilities, QTableView, "facilities_table"))[-1] == ["调解室", "开放预约", "1"]
    assert find(facilities, QLineEdit, "facility_name").text() == "调解室"
    assert services.facilities.catalogue()[-1].name == "调解室"


def test_own_hours_for_one_facility(qtbot: QtBot, services: Services, facilities: FacilitiesSection) -> None:
    _pick(qtbot, find(facilities, QTableView, "facilities_table"), 1)  # 母婴室
    _tab(facilities, "开放时间")
    assert not find(facilities, QTimeEdit, "opens_0").isEnabled()  # following the base: nothing to edit
    click(qtbot, find(facilities, QRadioButton, "own_hours"))
    click(qtbot, find(facilities, QCheckBox, "open_6"))  # closed on Sundays
    find(facilities, QTimeEdit, "opens_5").setTime(QTime(10, 0))
    click(qtbot, find(facilities, QPushButton, "save_facility_hours"))

    assert find(facilities, QLabel, "facility_hours_notice").text() == "开放时间已保存。"
    room = services.facilities.catalogue()[1]
    assert not services.facilities.open_day(dt.date(2026, 11, 29), room.id).is_open
    assert services.facilities.open_day(dt.date(2026, 11, 28), room.id).opens == dt.time(10, 0)
    assert services.facilities.open_day(dt.date(2026, 11, 29)).is_open  # the base itself is open

    click(qtbot, find(facilities, QRadioButton, "follow_base_hours"))
    click(qtbot, find(facilities, QPushButton, "save_facility_hours"))
    assert services.facilities.open_day(dt.date(2026, 11, 29), room.id).is_open


def test_the_no_show_rule_and_lifting_a_suspension(
        qtbot: QtBot, services: Services, admin: Actor, facilities: FacilitiesSection, yes: list[str]) -> None:
    _tab(facilities, "未到与暂停")
    _set_spin(qtbot, find(facilities, QSpinBox, "no_show_limit"), 2)
    _set_spin(qtbot, find(facilities, QSpinBox, "no_show_suspension_days"), 14)
    click(qtbot, find(facilities, QPushButton, "save_no_show"))
    assert find(facilities, QLabel, "no_show_notice").text() == "已保存：30 天内未到 2 次，暂停预约 14 天。"
    rule = FacilityAdminService(services.ctx).no_show_rule()
    assert (rule.limit, rule.suspension_days) == (2, 14)

    _set_spin(qtbot, find(facilities, QSpinBox, "no_show_suspension_days"), 400)
    click(qtbot, find(facilities, QPushButton, "save_no_show"))
    assert shown_text(find(facilities, QLabel, "error_no_show_suspension_days")) == "超出允许范围（1–365）。"

    who = _person(services, admin, "赵敏")
    with services.ctx.db.write() as s:
        s.execute(update(Person).where(Person.id == who).values(suspended_until=at(dt.date(2026, 12, 3), 12)))
    facilities.refresh()
    suspended = find(facilities, QTableView, "suspended_table")
    assert _rows(suspended) == [["赵敏", "139****1111", "2026/12/3 12:00"]]
    lift = find(facilities, QPushButton, "lift_suspension")
    assert not lift.isEnabled()
    _pick(qtbot, suspended, 0)
    click(qtbot, lift)
    assert "赵敏" in yes[-1]
    assert _rows(suspended) == []
    assert services.audit.recent(1)[0].action == "suspension_lifted"


# -- holidays and overrides -----------------------------------------------------------------------------------

def test_the_holidays_of_the_year(qtbot: QtBot, holidays: HolidaysSection) -> None:
    year = find(holidays, QSpinBox, "holiday_year")
    assert year.value() == 2026
    rows = _rows(find(holidays, QTableView, "holidays_table"))
    national = next(row for row in rows if row[0].startswith("2026年10月1日"))
    assert national[1:] == ["法定节假日", "国庆节", "闭馆"]
    makeup = next(row for row in rows if row[0].startswith("2026年10月10日"))
    assert makeup[1:] == ["调休上班", "国庆节", "开放 09:00–21:00（按星期一）"]
    assert not find(holidays, QLabel, "holiday_no_data").isVisible()


def test_a_year_without_holiday_data_says_so(qtbot: QtBot, holidays: HolidaysSection) -> None:
    _set_spin(qtbot, find(holidays, QSpinBox, "holiday_year"), 2099)
    notice = find(holidays, QLabel, "holiday_no_data")
    assert notice.isVisible()
    assert notice.text().startswith("节假日日历（chinese-calendar）还没有 2099 年的放假安排，这一年按每周开放时间开放。")
    assert _rows(find(holidays, QTableView, "holidays_table")) == []


def test_open_a_holiday_with_short_hours_and_book_it(
        qtbot: QtBot, services: Services, admin: Actor, clock: FixedClock, holidays: HolidaysSection) -> None:
    clock.set(at(dt.date(2026, 9, 25), 10))
    room = next(f for f in services.facilities.catalogue() if f.kind is FacilityKind.ACTIVITY_ROOM).units[0].id
    who = _person(services, admin)
    national = dt.date(2026, 10, 1)
    with pytest.raises(ClosedThatDay):
        services.bookings.book(admin, room, at(national, 10), at(national, 11), who)

    table = find(holidays, QTableView, "holidays_table")
    _pick(qtbot, table, next(i for i, row in enumerate(_rows(table)) if row[0].startswith("2026年10月1日")))
    assert find(holidays, QDateEdit, "override_day").date() == QDate(2026, 10, 1)
    assert find(holidays, QLineEdit, "override_reason").text() == "国庆节特别开放"
    assert find(holidays, QCheckBox, "override_open").isChecked()
    find(holidays, QTimeEdit, "override_opens").setTime(QTime(9, 0))
    find(holidays, QTimeEdit, "override_closes").setTime(QTime(12, 0))
    click(qtbot, find(holidays, QPushButton, "set_override"))

    assert _rows(find(holidays, QTableView, "overrides_table")) == [
        ["2026年10月1日星期四", "开放 09:00–12:00", "国庆节特别开放", "法定节假日"]]
    assert find(holidays, QLabel, "override_notice").text() == "已保存 2026年10月1日星期四：开放 09:00–12:00。"
    national_row = next(row for row in _rows(table) if row[0].startswith("2026年10月1日"))
    assert national_row[3] == "开放 09:00–12:00（特别安排）"
    assert BookingService(services.ctx).book(admin, room, at(national, 10), at(national, 11), who)


def test_close_a_normal_day_then_remove_the_override(
        qtbot: QtBot, services: Services, admin: Actor, holidays: HolidaysSection, yes: list[str]) -> None:
    find(holidays, QDateEdit, "override_day").setDate(QDate(2026, 12, 2))
    click(qtbot, find(holidays, QCheckBox, "override_open"))
    assert not find(holidays, QTimeEdit, "override_opens").isEnabled()
    type_into(qtbot, find(holidays, QLineEdit, "override_reason"), "上级检查")
    click(qtbot, find(holidays, QPushButton, "set_override"))
    overrides = find(holidays, QTableView, "overrides_table")
    assert _rows(overrides) == [["2026年12月2日星期三", "闭馆", "上级检查", "按每周开放时间"]]
    assert not services.facilities.open_day(dt.date(2026, 12, 2)).is_open

    remove = find(holidays, QPushButton, "remove_override")
    assert remove.isEnabled()  # the new row is selected
    click(qtbot, remove)
    assert "2026年12月2日" in yes[-1]
    assert _rows(overrides) == []
    assert services.facilities.open_day(dt.date(2026, 12, 2)).is_open


def test_closing_before_opening_is_refused_next_to_the_field(
        qtbot: QtBot, services: Services, admin: Actor, holidays: HolidaysSection) -> None:
    find(holidays, QTimeEdit, "override_opens").setTime(QTime(15, 0))
    find(holidays, QTimeEdit, "override_closes").setTime(QTime(9, 0))
    click(qtbot, find(holidays, QPushButton, "set_override"))
    assert shown_text(find(holidays, QLabel, "error_override_closes")) == "结束不能早于开始，请检查。"
    assert FacilityAdminService(services.ctx).overrides(admin) == []


# -- well-behaved models and nothing clipped ------------------------------------------------------------------

def test_the_models_are_well_behaved(qtmodeltester: ModelTester, services: Services, admin: Actor,
                                     facilities: FacilitiesSection, holidays: HolidaysSection) -> None:
    FacilityAdminService(services.ctx).set_override(admin, dt.date(2026, 10, 1), None, None, "")
    holidays.refresh()
    for section, name, kind in ((facilities, "facilities_table", FacilityModel),
                                (facilities, "units_table", UnitModel),
                                (facilities, "suspended_table", SuspendedModel),
                                (holidays, "holidays_table", HolidayModel),
                                (holidays, "overrides_table", OverrideModel)):
        model = find(section, QTableView, name).model()
        assert isinstance(model, kind)
        qtmodeltester.check(model)


@pytest.mark.parametrize("key", ["facilities", "holidays"])
def test_no_clipped_words_on_demo_data(qtbot: QtBot, services: Services,
                                       make_window: Callable[[Actor], MainWindow], key: str) -> None:
    seed_demo(services.ctx)
    window = make_window(services.auth.login("admin", DEMO_PASSWORD))
    section = _section(window, key)
    assert isinstance(section, FacilitiesSection | HolidaysSection)
    tabs = section.findChild(QTabWidget, "facility_tabs")
    pages = range(tabs.count()) if tabs is not None else range(1)
    for page in pages:
        if tabs is not None:
            tabs.setCurrentIndex(page)
        qtbot.wait(20)
        assert clipped(section) == []
    if isinstance(section, FacilitiesSection):
        assert find(section, QTableView, "suspended_table").model().rowCount() == 1  # the demo's suspended regular
