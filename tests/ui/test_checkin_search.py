"""签到 page, known visitors: a phone (however written), the last four digits or a name typed as an input method
commits it finds the person; Enter checks them in with their last purpose; someone already on site needs a
second Enter; the field is empty and focused again afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QSpinBox, QStackedWidget, QTableView
from pytestqt.qtbot import QtBot
from uihelp import click, find, shown_text, type_into

from desk.domain.clock import FixedClock
from desk.domain.people import Category, Purpose
from desk.domain.staff import Actor, Role
from desk.services.bundle import Services
from desk.services.people import PersonForm, PersonRow
from desk.storage.models import Merchant
from desk.ui.checkin.entry import Mode
from desk.ui.main_window import MainWindow
from desk.ui.pages.checkin import CheckinPage


@pytest.fixture
def page(window: MainWindow) -> CheckinPage:
    assert window.page_keys()[:2] == ["today", "checkin"]  # the page staff live on, after the day's overview
    page = window.show_page("checkin")
    assert isinstance(page, CheckinPage)
    return page


@pytest.fixture
def zhang(services: Services, admin: Actor) -> PersonRow:
    return services.people.register(admin, PersonForm("张明", "138 1234 5678", Category.PARTY_MEMBER, "明华第一支部"))


def _cells(page: CheckinPage) -> list[list[str]]:
    model = page.on_site.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _matches(page: CheckinPage) -> list[str]:
    view = find(page, QTableView, "checkin_matches")
    stack = find(page, QStackedWidget, "checkin_stack")
    if stack.currentIndex() != Mode.MATCHES:
        return []
    model = view.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _highlighted(page: CheckinPage) -> str:
    view = find(page, QTableView, "checkin_matches")
    rows = view.selectionModel().selectedRows()
    return rows[0].data() if rows else ""


def _enter(qtbot: QtBot, page: CheckinPage) -> None:
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)


def _purpose_checked(page: CheckinPage) -> str:
    return next(p.value for p in Purpose if find(page, QPushButton, f"purpose_{p.value}").isChecked())


def test_the_page_opens_first_with_the_focus_in_the_search_field(qtbot: QtBot, page: CheckinPage) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search_field)
    assert page.search_field.objectName() == "checkin_search"
    assert _purpose_checked(page) == "reading"
    assert find(page, QSpinBox, "party_size").value() == 1
    assert find(page, QLabel, "on_site_title").text() == "在场 0 人"


def test_a_known_phone_and_enter_puts_the_person_on_site_with_the_phone_masked(
        qtbot: QtBot, services: Services, zhang: PersonRow, page: CheckinPage) -> None:
    type_into(qtbot, page.search_field, "+86 138-1234-5678")
    _enter(qtbot, page)  # at once, before the typing pause: Enter looks up what was typed

    assert _cells(page) == [["张明", "138****5678", "阅读", "1", "10:00", "0 分钟"]]
    visits = services.visits.on_site()
    assert [(v.person_id, v.purpose, v.party_size) for v in visits] == [(zhang.id, Purpose.READING, 1)]
    assert find(page, QLabel, "checkin_status").text() == "已签到：张明 · 138****5678 · 阅读"
    assert find(page, QLabel, "on_site_title").text() == "在场 1 人（1 条登记）"
    assert page.search_field.text() == ""
    assert QApplication.focusWidget() is page.search_field
    assert all("13812345678" not in cell for row in _cells(page) for cell in row)


def test_the_last_four_digits_find_the_person_and_their_last_purpose_is_preselected(
        qtbot: QtBot, services: Services, admin: Actor, zhang: PersonRow, page: CheckinPage,
        clock: FixedClock) -> None:
    earlier = services.visits.check_in(admin, zhang.id, Purpose.LEGAL_AID)
    services.visits.check_out(admin, [earlier.id])
    clock.advance(minutes=30)

    type_into(qtbot, page.search_field, "5678")
    qtbot.waitUntil(lambda: _matches(page) == ["张明"])  # shown while typing, after a short pause
    assert _highlighted(page) == "张明"
    assert _purpose_checked(page) == "legal_aid"
    find(page, QSpinBox, "party_size").setValue(3)
    _enter(qtbot, page)

    assert _cells(page) == [["张明", "138****5678", "法律咨询", "3", "10:30", "0 分钟"]]
    assert find(page, QLabel, "checkin_status").text() == "已签到：张明 · 138****5678 · 法律咨询 · 3 人"
    assert find(page, QSpinBox, "party_size").value() == 1  # back to 1 for the next visitor


def test_a_name_prefix_typed_through_the_input_method_and_arrow_keys_choose(
        qtbot: QtBot, services: Services, admin: Actor, page: CheckinPage) -> None:
    services.people.register(admin, PersonForm("欧阳娜娜", "139 0000 0001", Category.RESIDENT))
    services.people.register(admin, PersonForm("欧阳修", "139 0000 0002", Category.VOLUNTEER))
    services.people.register(admin, PersonForm("王欧阳", "139 0000 0003", Category.RESIDENT))

    type_into(qtbot, page.search_field, "欧阳")
    qtbot.waitUntil(lambda: len(_matches(page)) == 2)
    assert sorted(_matches(page)) == ["欧阳修", "欧阳娜娜"]
    assert "找到 2 位" in shown_text(find(page, QLabel, "checkin_hint"))
    first = _highlighted(page)
    qtbot.keyClick(page.search_field, Qt.Key.Key_Down)
    second = _highlighted(page)
    assert {first, second} == {"欧阳修", "欧阳娜娜"}
    qtbot.keyClick(page.search_field, Qt.Key.Key_Down)  # stays on the last one
    assert _highlighted(page) == second
    qtbot.keyClick(page.search_field, Qt.Key.Key_Up)
    qtbot.keyClick(page.search_field, Qt.Key.Key_Down)
    _enter(qtbot, page)

    assert [row[0] for row in _cells(page)] == [second]


def test_someone_already_on_site_needs_a_second_enter(
        qtbot: QtBot, services: Services, admin: Actor, zhang: PersonRow, page: CheckinPage) -> None:
    services.visits.check_in(admin, zhang.id, Purpose.READING)
    page.refresh()

    type_into(qtbot, page.search_field, "13812345678")
    qtbot.waitUntil(lambda: _matches(page) == ["张明"])
    matches = find(page, QTableView, "checkin_matches").model()
    assert matches.index(0, 3).data() == "在场"
    _enter(qtbot, page)

    notice = shown_text(find(page, QLabel, "checkin_hint"))
    assert notice == "张明 已在场（尚未签退）。再按一次 Enter 仍然签到；Esc 取消。"
    assert len(services.visits.on_site()) == 1  # nothing written by the first Enter
    assert page.search_field.text() == "13812345678"

    _enter(qtbot, page)

    assert len(services.visits.on_site()) == 2
    assert page.search_field.text() == ""


def test_escape_cancels_the_second_check_in(
        qtbot: QtBot, services: Services, admin: Actor, zhang: PersonRow, page: CheckinPage) -> None:
    services.visits.check_in(admin, zhang.id, Purpose.READING)
    type_into(qtbot, page.search_field, "5678")
    _enter(qtbot, page)
    qtbot.keyClick(page.search_field, Qt.Key.Key_Escape)
    assert page.search_field.text() == ""
    type_into(qtbot, page.search_field, "5678")
    _enter(qtbot, page)  # a new search starts over: the first Enter only warns again

    assert len(services.visits.on_site()) == 1


def test_a_purpose_chosen_with_a_function_key_is_kept_over_the_last_purpose(
        qtbot: QtBot, services: Services, admin: Actor, zhang: PersonRow, page: CheckinPage) -> None:
    earlier = services.visits.check_in(admin, zhang.id, Purpose.LEGAL_AID)
    services.visits.check_out(admin, [earlier.id])
    page.window().activateWindow()
    qtbot.waitUntil(page.window().isActiveWindow)

    qtbot.keyClick(page.search_field, Qt.Key.Key_F3)  # 充电
    type_into(qtbot, page.search_field, "5678")
    qtbot.waitUntil(lambda: _matches(page) == ["张明"])
    assert _purpose_checked(page) == "charging"
    _enter(qtbot, page)

    assert services.visits.on_site()[0].purpose is Purpose.CHARGING
    # The next visitor's match may preselect again.
    type_into(qtbot, page.search_field, "5678")
    qtbot.waitUntil(lambda: _matches(page) == ["张明"])
    assert _purpose_checked(page) == "charging"  # their latest visit was the one just made


def test_clicking_a_match_and_the_check_in_button_work_for_the_mouse(
        qtbot: QtBot, services: Services, admin: Actor, page: CheckinPage) -> None:
    services.people.register(admin, PersonForm("李华", "139 0000 1111", Category.RESIDENT))
    services.people.register(admin, PersonForm("李四", "139 0000 2222", Category.RESIDENT))
    type_into(qtbot, page.search_field, "李")
    qtbot.waitUntil(lambda: len(_matches(page)) == 2)
    view = find(page, QTableView, "checkin_matches")
    row = _matches(page).index("李四")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(row, 0)).center())
    assert _highlighted(page) == "李四"
    click(qtbot, find(page, QPushButton, "purpose_meeting"))
    click(qtbot, find(page, QPushButton, "checkin_button"))

    assert [(v.name, v.purpose) for v in services.visits.on_site()] == [("李四", Purpose.MEETING)]


def test_digits_that_are_no_phone_get_a_hint_and_enter_explains(
        qtbot: QtBot, services: Services, page: CheckinPage) -> None:
    hint = find(page, QLabel, "checkin_hint")
    error = find(page, QLabel, "error_search")
    type_into(qtbot, page.search_field, "138123")
    qtbot.waitUntil(lambda: shown_text(hint) != "")
    assert shown_text(hint) == "请继续输入：完整的 11 位手机号，或手机尾号 4 位。"
    assert shown_text(error) == ""

    type_into(qtbot, page.search_field, "1381234567")  # ten digits
    _enter(qtbot, page)
    assert shown_text(error) == "手机号应为 11 位大陆手机号，例如 138 1234 5678（可带 +86）。"

    type_into(qtbot, page.search_field, "12812345678")  # eleven digits, but no mobile number
    qtbot.waitUntil(lambda: shown_text(error) != "")
    assert "11 位大陆手机号" in shown_text(error)
    _enter(qtbot, page)
    assert find(page, QStackedWidget, "checkin_stack").currentIndex() == Mode.KEYS
    assert services.visits.on_site() == [] and services.people.search("1381234567") == []

    type_into(qtbot, page.search_field, "0000")
    qtbot.waitUntil(lambda: "没有手机尾号为 0000 的访客" in shown_text(hint))
    assert shown_text(error) == ""


def test_a_name_nobody_has_points_to_the_phone_or_the_anonymous_check_in(
        qtbot: QtBot, page: CheckinPage) -> None:
    type_into(qtbot, page.search_field, "赵")
    qtbot.waitUntil(lambda: shown_text(find(page, QLabel, "checkin_hint")) != "")
    assert shown_text(find(page, QLabel, "checkin_hint")) == \
        "没有姓名以“赵”开头的访客。新访客请输入手机号；不愿留信息的请用匿名登记 (F9)。"


def test_desk_staff_have_the_page_and_merchant_cashiers_never_see_it(
        services: Services, admin: Actor, make_window: Callable[[Actor], MainWindow]) -> None:
    services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    desk = make_window(services.auth.login("lixiaomei", "desk-pass-1"))
    assert desk.page_keys()[:2] == ["today", "checkin"]
    assert isinstance(desk.show_page("checkin"), CheckinPage)

    with services.ctx.db.write() as s:  # merchants come from the alliance area; one row is all this needs
        s.add(Merchant(name="汇上佳超市", active=True, created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    merchant = services.staff.merchants()[0]
    services.staff.add(admin, "huishang", "汇上佳收银员", Role.MERCHANT, "shop-pass-1", "shop-pass-1", merchant.id)
    cashier = make_window(services.auth.login("huishang", "shop-pass-1"))
    assert "checkin" not in cashier.page_keys()
