"""签到 page, the on-site list: check out one, several (Delete), all (confirmed); a visit another desk checked out
first; durations that move on without re-reading; the closing-time timer of the session; the evacuation roll-call
saved as a PDF."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from uihelp import ADMIN_PASSWORD, click, find, shown_text, type_into

from desk.domain.clock import FixedClock
from desk.domain.people import Category, CheckoutKind, Platform, Purpose, StationService
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.people import PersonForm
from desk.services.visits import VisitRow
from desk.storage.models import Visit
from desk.ui import boxes
from desk.ui.checkin import on_site as on_site_module
from desk.ui.checkin.entry import MatchesModel
from desk.ui.main_window import MainWindow
from desk.ui.pages.checkin import CheckinPage
from desk.ui.session import DeskSession


@pytest.fixture
def page(window: MainWindow) -> CheckinPage:
    page = window.show_page("checkin")
    assert isinstance(page, CheckinPage)
    return page


@pytest.fixture
def visitors(services: Services, admin: Actor, clock: FixedClock) -> list[VisitRow]:
    """Four visits, a quarter of an hour apart: 张明, 李华 ×2, an anonymous resident, a 美团 courier."""
    zhang = services.people.register(admin, PersonForm("张明", "13812345678", Category.PARTY_MEMBER))
    li = services.people.register(admin, PersonForm("李华", "13900001111", Category.RESIDENT))
    rows = [services.visits.check_in(admin, zhang.id, Purpose.READING)]
    clock.advance(minutes=15)
    rows.append(services.visits.check_in(admin, li.id, Purpose.LEGAL_AID, 2))
    clock.advance(minutes=15)
    rows.append(services.visits.check_in_anonymous(admin, Category.RESIDENT, Purpose.NURSING))
    clock.advance(minutes=15)
    rows.append(services.visits.check_in_courier(admin, Platform.MEITUAN, StationService.HOT_WATER))
    return rows


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(boxes, "confirm", confirm)
    return asked


def _names(page: CheckinPage) -> list[str]:
    model = page.on_site.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _select(qtbot: QtBot, page: CheckinPage, *names: str) -> None:
    view = find(page, QTableView, "on_site_table")
    view.clearSelection()
    for name in names:
        row = _names(page).index(name)
        view.selectionModel().select(page.on_site.model.index(row, 0),
                                     QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert sorted(_names(page)[page.on_site.model.rows().index(v)] for v in page.on_site.selected()) == sorted(names)


def _kinds(services: Services) -> dict[int, str | None]:
    with services.ctx.db.read() as s:
        return {v.id: v.checkout_kind for v in s.execute(select(Visit)).scalars()}


def test_the_list_shows_who_is_here_with_times_in_the_base_zone(page: CheckinPage, visitors: list[VisitRow]) -> None:
    page.refresh()
    model = page.on_site.model
    cells = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert cells == [
        ["张明", "138****5678", "阅读", "1", "10:00", "45 分钟"],
        ["李华", "139****1111", "法律咨询", "2", "10:15", "30 分钟"],
        ["群众（匿名）", "", "母婴室", "1", "10:30", "15 分钟"],
        ["暖新驿站 · 美团", "", "休息（热水）", "1", "10:45", "0 分钟"],
    ]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "姓名 / 类别", "电话", "事由", "人数", "到达", "已停留"]
    assert find(page, QLabel, "on_site_title").text() == "在场 5 人（4 条登记）"


def test_durations_move_on_with_the_timer_without_reading_again(
        page: CheckinPage, visitors: list[VisitRow], clock: FixedClock, services: Services,
        monkeypatch: pytest.MonkeyPatch) -> None:
    page.refresh()
    monkeypatch.setattr(services.visits, "on_site", lambda: pytest.fail("the timer must not query"))
    clock.advance(minutes=80)
    ticker = page.findChild(QTimer, "on_site_ticker")
    assert ticker is not None and ticker.isActive() and ticker.interval() == 30_000
    ticker.timeout.emit()

    model = page.on_site.model
    assert [model.index(r, 5).data() for r in range(4)] == ["2 小时 05 分", "1 小时 50 分", "1 小时 35 分",
                                                            "1 小时 20 分"]


def test_the_models_pass_the_model_tester(qtmodeltester: ModelTester, page: CheckinPage,
                                          visitors: list[VisitRow], services: Services) -> None:
    page.refresh()
    qtmodeltester.check(page.on_site.model)
    matches = MatchesModel()
    matches.set_rows(services.people.search("13"))
    qtmodeltester.check(matches)


def test_check_out_one_and_then_several_with_the_delete_key(
        qtbot: QtBot, services: Services, page: CheckinPage, visitors: list[VisitRow]) -> None:
    page.refresh()
    _select(qtbot, page, "李华")
    click(qtbot, find(page, QPushButton, "check_out"))

    assert _names(page) == ["张明", "群众（匿名）", "暖新驿站 · 美团"]
    assert find(page, QLabel, "checkin_status").text() == "已签退 1 条登记：李华"
    assert _kinds(services)[visitors[1].id] == CheckoutKind.MANUAL.value

    view = find(page, QTableView, "on_site_table")
    _select(qtbot, page, "张明", "暖新驿站 · 美团")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)

    assert _names(page) == ["群众（匿名）"]
    assert find(page, QLabel, "checkin_status").text() == "已签退 2 条登记：张明、暖新驿站 · 美团"
    assert find(page, QLabel, "on_site_title").text() == "在场 1 人（1 条登记）"


def test_check_out_with_nothing_chosen_says_so(
        qtbot: QtBot, services: Services, page: CheckinPage, visitors: list[VisitRow]) -> None:
    page.refresh()
    find(page, QTableView, "on_site_table").clearSelection()
    click(qtbot, find(page, QPushButton, "check_out"))

    assert shown_text(find(page, QLabel, "on_site_error")) == "请先在名单中选择。"
    assert len(services.visits.on_site()) == 4


def test_someone_another_desk_checked_out_first_is_worded_and_nothing_changes(
        qtbot: QtBot, services: Services, admin: Actor, page: CheckinPage, visitors: list[VisitRow]) -> None:
    page.refresh()
    _select(qtbot, page, "张明", "李华")
    services.visits.check_out(admin, [visitors[0].id])  # the other desk
    before = _kinds(services)

    click(qtbot, find(page, QPushButton, "check_out"))

    assert shown_text(find(page, QLabel, "on_site_error")) == "有 1 位已经离开，未重复签退。请刷新在场名单。"
    assert _kinds(services) == before  # 李华 is still on site
    assert _names(page) == ["李华", "群众（匿名）", "暖新驿站 · 美团"]  # the list shows the truth again


def test_check_out_everyone_after_confirming(
        qtbot: QtBot, services: Services, page: CheckinPage, visitors: list[VisitRow],
        confirmations: list[str]) -> None:
    page.refresh()
    click(qtbot, find(page, QPushButton, "check_out_all"))

    assert confirmations == ["把在场的 4 条登记全部签退？通常只在闭馆或清场时使用。"]
    assert services.visits.on_site() == []
    assert _names(page) == []
    assert find(page, QLabel, "on_site_title").text() == "在场 0 人"
    assert find(page, QLabel, "checkin_status").text() == "已签退 4 条登记：张明、李华、群众（匿名） 等"
    assert not find(page, QPushButton, "check_out_all").isEnabled()


def test_check_out_everyone_can_be_declined(
        qtbot: QtBot, services: Services, page: CheckinPage, visitors: list[VisitRow],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(boxes, "confirm", lambda *_args: False)
    page.refresh()
    click(qtbot, find(page, QPushButton, "check_out_all"))

    assert len(services.visits.on_site()) == 4


def test_at_closing_time_the_session_timer_checks_everyone_out_automatically(
        qtbot: QtBot, services: Services, admin: Actor, visitors: list[VisitRow], clock: FixedClock,
        start_session: Callable[[], DeskSession]) -> None:
    session = start_session()
    dialog = session.dialog
    assert dialog is not None
    qtbot.waitUntil(find(dialog, QPushButton, "login_button").isEnabled)
    type_into(qtbot, find(dialog, QLineEdit, "username"), "admin")
    type_into(qtbot, find(dialog, QLineEdit, "password"), ADMIN_PASSWORD)
    with qtbot.waitSignal(session.main_window_shown, timeout=10000):
        click(qtbot, find(dialog, QPushButton, "login_button"))
    window = session.window
    assert window is not None
    page = window.show_page("checkin")
    assert isinstance(page, CheckinPage)
    window.show_page("settings")  # the timer works whichever page is shown
    page.refresh()
    timer = session.findChild(QTimer, "closing_timer")
    assert timer is not None and timer.isActive() and timer.interval() == 60_000

    clock.set(dt.datetime(2026, 11, 28, 12, 59, tzinfo=dt.UTC))  # 20:59, the base closes at 21:00
    timer.timeout.emit()
    qtbot.wait(200)
    assert page.on_site.model.rowCount() == 4

    clock.set(dt.datetime(2026, 11, 28, 13, 1, tzinfo=dt.UTC))  # 21:01
    timer.timeout.emit()
    qtbot.waitUntil(lambda: page.on_site.model.rowCount() == 0, timeout=5000)

    with services.ctx.db.read() as s:
        closed = s.execute(select(Visit)).scalars().all()
        assert {v.checkout_kind for v in closed} == {CheckoutKind.AUTOMATIC.value}
        assert {v.checked_out_at for v in closed} == {dt.datetime(2026, 11, 28, 13, 0, tzinfo=dt.UTC)}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_evacuation_roll_call_is_saved_where_chosen(
        qtbot: QtBot, services: Services, admin: Actor, page: CheckinPage, visitors: list[VisitRow],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Path] = []

    def choose(_parent: object, _title: str, suggested: Path, _filter: str) -> Path:
        asked.append(suggested)
        return tmp_path / "点名表.pdf"

    monkeypatch.setattr(on_site_module, "choose_pdf_file", choose)
    page.refresh()
    # Checked in at another desk after this list was read: the roll-call still has them.
    late = services.people.register(admin, PersonForm("王芳", "13700002222", Category.VOLUNTEER))
    services.visits.check_in(admin, late.id, Purpose.MEETING, 3)

    click(qtbot, find(page, QPushButton, "print_evacuation"))
    result = find(page, QLabel, "evacuation_result")
    qtbot.waitUntil(lambda: "已保存" in result.text(), timeout=10000)

    target = tmp_path / "点名表.pdf"
    assert asked[0].name == "疏散点名表-20261128-1045.pdf"
    assert str(target) in result.text()
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "明华红色港湾党群服务基地 疏散点名表" in text
    assert "在场合计 8 人（5 条登记）" in text
    for expected in ("张明", "138****5678", "李华", "139****1111", "群众（匿名）", "暖新驿站 · 美团", "王芳",
                     "137****2222", "会议活动"):
        assert expected in text
    assert re.search(r"\d{11}", text.replace(" ", "")) is None
    assert find(page, QPushButton, "print_evacuation").isEnabled()
    assert _names(page)[-1] == "王芳"


def test_a_cancelled_file_choice_prints_nothing(
        qtbot: QtBot, page: CheckinPage, tasks: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(on_site_module, "choose_pdf_file", lambda *_args: None)
    click(qtbot, find(page, QPushButton, "print_evacuation"))
    assert not find(page, QLabel, "evacuation_result").isVisible()


def test_a_folder_that_cannot_be_written_is_worded(
        qtbot: QtBot, page: CheckinPage, visitors: list[VisitRow], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(on_site_module, "choose_pdf_file",
                        lambda *_args: tmp_path / "missing-folder" / "点名表.pdf")
    page.refresh()
    click(qtbot, find(page, QPushButton, "print_evacuation"))
    error = find(page, QLabel, "on_site_error")
    qtbot.waitUntil(lambda: shown_text(error) != "", timeout=10000)
    assert shown_text(error).startswith("无法保存到 ")
    assert "请换一个文件夹再试。" in shown_text(error)
