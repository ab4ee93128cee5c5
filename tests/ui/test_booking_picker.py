"""The person picker on its own: phone, last four digits or name prefix; ↑ ↓ and Enter; the 匿名 choice only
where the place allows it; a new search drops an earlier choice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget
from pytestqt.qtbot import QtBot
from uihelp import find, shown_text, type_into

from desk.domain.people import Category
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.people import PersonForm, PersonRow
from desk.ui.person_picker import SEARCH_DELAY_MS, PersonPicker


@pytest.fixture
def people(services: Services, admin: Actor) -> list[PersonRow]:
    return [services.people.register(admin, PersonForm(name, phone, Category.RESIDENT)) for name, phone in (
        ("张明", "13812345678"), ("张明华", "13912340000"), ("李华", "13900001111"), ("王芳", "13700005678"))]


def make_picker(qtbot: QtBot, services: Services, allow_anonymous: bool) -> tuple[PersonPicker, list[object]]:
    picker = PersonPicker(services.people, allow_anonymous=allow_anonymous)
    qtbot.addWidget(picker)
    picker.resize(360, 240)
    picker.show()
    qtbot.waitExposed(picker)
    chosen: list[object] = []
    picker.person_chosen.connect(chosen.append)
    return picker, chosen


def texts(picker: PersonPicker) -> list[str]:
    results = find(picker, QListWidget, "person_results")
    return [results.item(i).text() for i in range(results.count())]


def test_last_four_digits_find_everyone_with_them_and_arrows_choose(
        qtbot: QtBot, services: Services, people: list[PersonRow]) -> None:
    picker, chosen = make_picker(qtbot, services, allow_anonymous=False)
    type_into(qtbot, picker.search_field, "5678")
    qtbot.keyClick(picker.search_field, Qt.Key.Key_Down)  # looks up at once what was typed, then moves

    assert texts(picker) == ["张明  138****5678  群众", "王芳  137****5678  群众"]
    assert shown_text(find(picker, QLabel, "person_hint")) == "找到 2 位，用 ↑ ↓ 选择，Enter 确定。"
    assert shown_text(find(picker, QLabel, "person_chosen")) == ""  # one line: what the search says
    qtbot.keyClick(picker.search_field, Qt.Key.Key_Return)

    assert [getattr(p, "name", p) for p in chosen] == ["王芳"]
    assert picker.has_choice() and picker.chosen() == people[3]
    assert shown_text(find(picker, QLabel, "person_chosen")) == "已选：王芳 · 137****5678"
    assert shown_text(find(picker, QLabel, "person_hint")) == ""


def test_a_name_prefix_is_looked_up_after_a_pause(
        qtbot: QtBot, services: Services, people: list[PersonRow]) -> None:
    picker, _chosen = make_picker(qtbot, services, allow_anonymous=False)
    type_into(qtbot, picker.search_field, "张明")
    assert texts(picker) == []  # not yet: the search waits for the typing to stop
    qtbot.wait(SEARCH_DELAY_MS + 100)
    assert texts(picker) == ["张明  138****5678  群众", "张明华  139****0000  群众"]


def test_a_new_search_drops_the_earlier_choice(
        qtbot: QtBot, services: Services, people: list[PersonRow]) -> None:
    picker, chosen = make_picker(qtbot, services, allow_anonymous=False)
    type_into(qtbot, picker.search_field, "13900001111")
    qtbot.keyClick(picker.search_field, Qt.Key.Key_Return)
    assert picker.chosen() == people[2]

    type_into(qtbot, picker.search_field, "0000")
    assert not picker.has_choice() and picker.chosen() is None
    assert shown_text(find(picker, QLabel, "person_chosen")) == "尚未选择预约人"
    assert len(chosen) == 1


def test_nobody_found_says_where_new_visitors_are_registered(
        qtbot: QtBot, services: Services, people: list[PersonRow]) -> None:
    picker, chosen = make_picker(qtbot, services, allow_anonymous=False)
    type_into(qtbot, picker.search_field, "9999")
    qtbot.keyClick(picker.search_field, Qt.Key.Key_Return)
    assert texts(picker) == [] and chosen == []
    assert shown_text(find(picker, QLabel, "person_hint")) == "没有找到。新访客请先在“签到”页登记。"


def test_anonymous_is_a_visible_choice_only_where_no_name_is_needed(
        qtbot: QtBot, services: Services, people: list[PersonRow]) -> None:
    named, _ = make_picker(qtbot, services, allow_anonymous=False)
    assert texts(named) == []
    named.choose(None)
    assert not named.has_choice()

    picker, chosen = make_picker(qtbot, services, allow_anonymous=True)
    assert texts(picker) == ["匿名（不登记姓名和电话）"]
    type_into(qtbot, picker.search_field, "李")
    qtbot.keyClick(picker.search_field, Qt.Key.Key_Down)
    assert texts(picker) == ["李华  139****1111  群众", "匿名（不登记姓名和电话）"]
    qtbot.keyClick(picker.search_field, Qt.Key.Key_Return)

    assert chosen == [None]
    assert picker.has_choice() and picker.chosen() is None
    assert shown_text(find(picker, QLabel, "person_chosen")) == "已选：匿名"

    picker.set_allow_anonymous(False)
    assert not picker.has_choice()
    assert texts(picker) == ["李华  139****1111  群众"]


def test_clicking_a_match_chooses_it(qtbot: QtBot, services: Services, people: list[PersonRow]) -> None:
    picker, chosen = make_picker(qtbot, services, allow_anonymous=True)
    type_into(qtbot, picker.search_field, "张")
    qtbot.wait(SEARCH_DELAY_MS + 100)
    results = find(picker, QListWidget, "person_results")
    rect = results.visualItemRect(results.item(1))
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen == [people[1]]
