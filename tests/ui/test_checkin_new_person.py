"""签到 page, new visitors: an unknown phone opens the short form inline; a Chinese name committed by the input
method and Enter register and check in. Bad input is worded next to its field and nothing is written; rare
characters and emoji round-trip; a phone registered meanwhile is not registered twice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton, QStackedWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from uihelp import click, find, shown_text, type_into

from desk.domain.people import Category, Purpose
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.people import PersonForm
from desk.storage.models import Person, Visit
from desk.ui.checkin.entry import Mode
from desk.ui.main_window import MainWindow
from desk.ui.pages.checkin import CheckinPage

PHONE = "139 8765 4321"


@pytest.fixture
def page(window: MainWindow) -> CheckinPage:
    page = window.show_page("checkin")
    assert isinstance(page, CheckinPage)
    return page


def _counts(services: Services) -> tuple[int, int]:
    with services.ctx.db.read() as s:
        return (s.execute(select(func.count()).select_from(Person)).scalar_one(),
                s.execute(select(func.count()).select_from(Visit)).scalar_one())


def _open_form(qtbot: QtBot, page: CheckinPage, phone: str = PHONE) -> QLineEdit:
    type_into(qtbot, page.search_field, phone)
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)
    assert find(page, QStackedWidget, "checkin_stack").currentIndex() == Mode.NEW_PERSON
    name = find(page, QLineEdit, "new_name")
    assert QApplication.focusWidget() is name  # Enter moved on to the name
    return name


def _commit(edit: QLineEdit, text: str) -> None:
    """What an input method (or a paste) delivers: any characters at once, control characters included."""
    edit.setFocus()
    edit.selectAll()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def test_an_unknown_phone_opens_the_form_and_a_chinese_name_checks_in(
        qtbot: QtBot, services: Services, page: CheckinPage) -> None:
    type_into(qtbot, page.search_field, PHONE)
    qtbot.waitUntil(lambda: find(page, QStackedWidget, "checkin_stack").currentIndex() == Mode.NEW_PERSON)
    assert find(page, QLabel, "new_person_title").text() == "新访客 · 139 8765 4321 — 请向访客核对号码"
    assert "这个号码还没有登记" in shown_text(find(page, QLabel, "checkin_hint"))
    assert find(page, QComboBox, "new_category").currentText() == "群众"
    assert not find(page, QLineEdit, "new_branch").isVisible()  # only for party members
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)
    name = find(page, QLineEdit, "new_name")
    assert QApplication.focusWidget() is name

    type_into(qtbot, name, "陈晓燕")
    qtbot.keyClick(name, Qt.Key.Key_Return)

    people = services.people.search("13987654321")
    assert [(p.name, p.masked_phone, p.category) for p in people] == [("陈晓燕", "139****4321", Category.RESIDENT)]
    assert [(v.name, v.masked_phone, v.purpose) for v in services.visits.on_site()] == [
        ("陈晓燕", "139****4321", Purpose.READING)]
    model = page.on_site.model
    assert [model.index(0, c).data() for c in range(3)] == ["陈晓燕", "139****4321", "阅读"]
    assert find(page, QLabel, "checkin_status").text() == "已签到：陈晓燕 · 139****4321 · 阅读"
    assert page.search_field.text() == ""
    assert find(page, QStackedWidget, "checkin_stack").currentIndex() == Mode.KEYS
    assert QApplication.focusWidget() is page.search_field


def test_a_party_member_with_a_branch_and_a_chosen_purpose(
        qtbot: QtBot, services: Services, admin: Actor, page: CheckinPage) -> None:
    name = _open_form(qtbot, page)
    category = find(page, QComboBox, "new_category")
    category.setCurrentIndex(category.findData(Category.PARTY_MEMBER.value))
    branch = find(page, QLineEdit, "new_branch")
    assert branch.isVisible()
    type_into(qtbot, name, "周建军")
    type_into(qtbot, branch, "汇洋社区第二党支部")
    click(qtbot, find(page, QPushButton, "purpose_meeting"))
    click(qtbot, find(page, QPushButton, "new_submit"))

    person = services.people.search("周")[0]
    detail = services.people.detail(admin, person.id)
    assert (detail.category, detail.party_branch, detail.phone) == (Category.PARTY_MEMBER, "汇洋社区第二党支部",
                                                                    "13987654321")
    assert services.visits.on_site()[0].purpose is Purpose.MEETING


@pytest.mark.parametrize(("typed", "message"), [
    ("   ", "请填写此项。"),
    ("长" * 500, "太长了：最多 40 个字符。"),
    ("张\u0007三", "含有不可见的控制字符，请重新输入。"),
    ("李\u202e四", "含有不可见的控制字符，请重新输入。"),
])
def test_a_bad_name_is_worded_next_to_the_field_and_nothing_is_written(
        qtbot: QtBot, services: Services, page: CheckinPage, typed: str, message: str) -> None:
    name = _open_form(qtbot, page)
    _commit(name, typed)
    assert name.text() == typed
    qtbot.keyClick(name, Qt.Key.Key_Return)

    assert shown_text(find(page, QLabel, "error_name")) == message
    assert QApplication.focusWidget() is name
    assert _counts(services) == (0, 0)
    assert find(page, QStackedWidget, "checkin_stack").currentIndex() == Mode.NEW_PERSON  # can be fixed in place

    type_into(qtbot, name, "王芳")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert _counts(services) == (1, 1)
    assert shown_text(find(page, QLabel, "error_name")) == ""


def test_a_bad_branch_is_worded_next_to_the_branch(qtbot: QtBot, services: Services, page: CheckinPage) -> None:
    name = _open_form(qtbot, page)
    category = find(page, QComboBox, "new_category")
    category.setCurrentIndex(category.findData(Category.PARTY_MEMBER.value))
    type_into(qtbot, name, "周建军")
    _commit(find(page, QLineEdit, "new_branch"), "支" * 61)
    qtbot.keyClick(find(page, QLineEdit, "new_branch"), Qt.Key.Key_Return)

    assert shown_text(find(page, QLabel, "error_party_branch")) == "太长了：最多 60 个字符。"
    assert _counts(services) == (0, 0)


def test_rare_characters_and_emoji_in_a_name_round_trip(
        qtbot: QtBot, services: Services, admin: Actor, page: CheckinPage) -> None:
    name = _open_form(qtbot, page)
    _commit(name, "𠮷田花子🌸")
    qtbot.keyClick(name, Qt.Key.Key_Return)

    person = services.people.search("13987654321")[0]
    assert services.people.detail(admin, person.id).name == "𠮷田花子🌸"
    assert services.people.search("𠮷田")[0].id == person.id
    assert page.on_site.model.index(0, 0).data() == "𠮷田花子🌸"


def test_a_phone_registered_meanwhile_is_not_registered_twice(
        qtbot: QtBot, services: Services, admin: Actor, page: CheckinPage) -> None:
    name = _open_form(qtbot, page)
    type_into(qtbot, name, "陈晓燕")
    # Another desk registers the same number while this form is open.
    other = services.people.register(admin, PersonForm("陈小燕", PHONE, Category.RESIDENT))

    qtbot.keyClick(name, Qt.Key.Key_Return)

    assert shown_text(find(page, QLabel, "error_search")) == "这个手机号已登记给 陈*燕，请直接搜索此人。"
    assert _counts(services) == (1, 0)
    assert find(page, QStackedWidget, "checkin_stack").currentIndex() == Mode.MATCHES  # the person is listed
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)
    assert [v.person_id for v in services.visits.on_site()] == [other.id]
    assert _counts(services) == (1, 1)


def test_escape_leaves_the_form_without_writing(qtbot: QtBot, services: Services, page: CheckinPage) -> None:
    name = _open_form(qtbot, page)
    type_into(qtbot, name, "Tom")
    qtbot.keyClick(name, Qt.Key.Key_Escape)

    assert page.search_field.text() == ""
    assert find(page, QStackedWidget, "checkin_stack").currentIndex() == Mode.KEYS
    assert QApplication.focusWidget() is page.search_field
    assert _counts(services) == (0, 0)
