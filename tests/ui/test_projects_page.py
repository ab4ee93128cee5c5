"""The 项目 page on the real window: create a project by typing into the form (refusals under their fields,
nothing saved); claim it for a member by scanning their card, by phone or among several names; a person who is not
a member, a full project and a closed one are refused with the reason said; cancel before the start, absent after
it; verify a group with one member over the daily cap (the others credited, the balances changed, the refused row
left unticked and explained, a double click and a retry writing once); hours per row; status changes; the sign-in
sheet PDF with masked names; the member's projects view; and the page in Chinese and English without clipped words.

The clock stands at Saturday 2026-11-28 10:00 at the base; the projects run tomorrow 09:00–11:00.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QTimeEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from test_screenshots import clipped
from uihelp import click, find, shown_text, type_into

from desk.domain.clock import FixedClock
from desk.domain.errors import DatabaseLocked
from desk.domain.people import Category
from desk.domain.points import EntryKind, ProjectKind
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.people import PersonForm
from desk.services.points import MemberRow, new_key
from desk.services.projects import ProjectForm, ProjectRow
from desk.storage.models import PointsEntry, ProjectClaim
from desk.ui import boxes
from desk.ui import projects as project_ui
from desk.ui.i18n import apply_language
from desk.ui.main_window import MainWindow
from desk.ui.pages import PageContext
from desk.ui.pages.projects import ProjectsPage
from desk.ui.projects.form import ProjectDialog
from desk.ui.projects.member_claims import MemberClaimsView
from desk.ui.projects.models import ClaimsModel
from desk.ui.tasks import TaskRunner

TODAY = dt.date(2026, 11, 28)
TOMORROW = TODAY + dt.timedelta(days=1)
ZONE = dt.timezone(dt.timedelta(hours=8))


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), ZONE)


# -- fixtures --------------------------------------------------------------------------------------------------

@pytest.fixture
def members(services: Services, admin: Actor) -> dict[str, MemberRow]:
    """张明 (MH00001), 李华 (MH00002) and 王芳 (MH00003) are members; 张明华 shares the start of 张明's name and
    is one too; 赵强 is registered but has not joined."""
    people = services.people
    found = {}
    for name, phone, category in (("张明", "13812345678", Category.PARTY_MEMBER),
                                  ("李华", "13900001111", Category.RESIDENT),
                                  ("王芳", "13700002222", Category.VOLUNTEER),
                                  ("张明华", "13600003333", Category.RESIDENT)):
        person = people.register(admin, PersonForm(name, phone, category))
        found[name] = services.points.join(admin, person.id)
    people.register(admin, PersonForm("赵强", "13500004444", Category.RESIDENT))
    return found


def _form(**changes: Any) -> ProjectForm:
    values: dict[str, Any] = dict(
        title="明华商圈环境清扫", kind=ProjectKind.VOLUNTEER, description="清扫中心广场及周边，自带手套",
        location="中心广场", starts_at=at(TOMORROW, 9), ends_at=at(TOMORROW, 11),
        signup_deadline=at(TOMORROW, 8), slots=10, points=5)
    values.update(changes)
    return ProjectForm(**values)


@pytest.fixture
def cleanup(services: Services, admin: Actor) -> ProjectRow:
    return services.projects.create(admin, _form())


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation is answered yes; the texts asked are kept."""
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(boxes, "confirm", confirm)
    return asked


def _page(window: MainWindow) -> ProjectsPage:
    page = window.show_page("projects")
    assert isinstance(page, ProjectsPage)
    QApplication.processEvents()  # the claim field takes the focus once the page is laid out
    return page


def _projects(page: ProjectsPage) -> list[list[str]]:
    model = page.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _claims(page: ProjectsPage) -> list[list[str]]:
    """Name, number, phone, state, hours, points and note of each claim, with ✓ / ☐ for a tick box."""
    model = page.panel.model
    rows = []
    for r in range(model.rowCount()):
        check = model.index(r, ClaimsModel.CAME).data(Qt.ItemDataRole.CheckStateRole)
        tick = "" if check is None else "✓" if check == Qt.CheckState.Checked else "☐"
        rows.append([tick] + [model.index(r, c).data() for c in range(1, model.columnCount())])
    return rows


def _text(widget: QWidget, name: str) -> str:
    return shown_text(find(widget, QLabel, name))


def _scan(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """What a USB scanner does (and a person typing then pressing Enter): the text, then Enter."""
    type_into(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _claim_rows(services: Services) -> list[tuple[int, str]]:
    with services.ctx.db.read() as s:
        return [(m, st) for m, st in s.execute(select(ProjectClaim.member_id, ProjectClaim.state)
                                               .order_by(ProjectClaim.id))]


def _earnings(services: Services) -> int:
    with services.ctx.db.read() as s:
        return int(s.execute(select(func.count()).select_from(PointsEntry)
                             .where(PointsEntry.kind == EntryKind.EARN.value)).scalar_one())


def _row_of(page: ProjectsPage, name: str) -> int:
    model = page.panel.model
    return next(r for r in range(model.rowCount()) if model.index(r, ClaimsModel.NAME).data() == name)


def _type_number(qtbot: QtBot, spin: QAbstractSpinBox, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


# -- creating --------------------------------------------------------------------------------------------------

def test_a_project_is_created_by_typing_into_the_form(
        qtbot: QtBot, services: Services, window: MainWindow) -> None:
    page = _page(window)
    assert _projects(page) == []
    assert _text(page, "projects_empty").startswith("还没有项目。")

    click(qtbot, find(page, QPushButton, "new_project"))
    dialog = page.findChild(ProjectDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    click(qtbot, find(dialog, QPushButton, "save_button"))
    assert dialog.error_text("title") == "请填写此项。"
    assert services.projects.list_projects() == []

    type_into(qtbot, find(dialog, QLineEdit, "project_title"), "法律援助宣传")
    kind = find(dialog, QComboBox, "project_kind")
    kind.setCurrentIndex(kind.findText("活动"))
    type_into(qtbot, find(dialog, QLineEdit, "project_location"), "中心广场东侧")
    _type_number(qtbot, find(dialog, QAbstractSpinBox, "project_slots"), "12")
    click(qtbot, find(dialog, QRadioButton, "points_hourly"))
    _type_number(qtbot, find(dialog, QAbstractSpinBox, "project_points_per_hour"), "1")
    _type_number(qtbot, find(dialog, QAbstractSpinBox, "project_max_hours"), "2")
    end = find(dialog, QTimeEdit, "project_end_time")
    end.setTime(QTime(8, 0))  # before the start
    click(qtbot, find(dialog, QPushButton, "save_button"))
    assert dialog.error_text("ends_at") == "结束不能早于开始，请检查。"
    assert services.projects.list_projects() == []

    end.setTime(QTime(11, 30))
    find(dialog, QTimeEdit, "project_deadline_time").setTime(QTime(12, 0))  # after the end
    click(qtbot, find(dialog, QPushButton, "save_button"))
    assert dialog.error_text("signup_deadline") == "报名截止不能晚于项目结束。"
    assert services.projects.list_projects() == []

    find(dialog, QTimeEdit, "project_deadline_time").setTime(QTime(8, 0))
    click(qtbot, find(dialog, QPushButton, "save_button"))
    qtbot.waitUntil(lambda: not dialog.isVisible())

    [saved] = services.projects.list_projects()
    assert (saved.title, saved.kind, saved.location, saved.slots, saved.points, saved.points_per_hour,
            saved.max_hours) == ("法律援助宣传", ProjectKind.ACTIVITY, "中心广场东侧", 12, None, 1, 2)
    assert (saved.starts_at, saved.ends_at, saved.signup_deadline) == (
        at(TOMORROW, 9), at(TOMORROW, 11, 30), at(TOMORROW, 8))
    assert _projects(page) == [["法律援助宣传", "活动", "11-29 09:00–11:30", "0/12", "每小时 1 分，最多 2 小时", "报名中"]]
    assert _text(page, "projects_status") == "已保存项目“法律援助宣传”。"
    assert _text(page.panel, "project_heading") == "法律援助宣传"
    assert page.panel.claim_field.hasFocus()


def test_editing_keeps_slots_above_the_claims(
        qtbot: QtBot, services: Services, admin: Actor, members: dict[str, MemberRow], cleanup: ProjectRow,
        window: MainWindow) -> None:
    for name in ("张明", "李华"):
        services.projects.claim(admin, cleanup.id, members[name].id)
    page = _page(window)
    page.project_list.setFocus()
    qtbot.keyClick(page.project_list, Qt.Key.Key_F2)
    dialog = page.findChild(ProjectDialog)
    assert dialog is not None
    assert find(dialog, QLineEdit, "project_title").text() == "明华商圈环境清扫"
    _type_number(qtbot, find(dialog, QAbstractSpinBox, "project_slots"), "1")
    click(qtbot, find(dialog, QPushButton, "save_button"))
    assert dialog.error_text("slots") == "已有 2 人认领，名额不能少于认领人数。"
    assert services.projects.get(cleanup.id).slots == 10

    _type_number(qtbot, find(dialog, QAbstractSpinBox, "project_slots"), "2")
    click(qtbot, find(dialog, QPushButton, "save_button"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert services.projects.get(cleanup.id).slots == 2
    assert _projects(page)[0][3] == "2/2"


def test_the_keyboard_path(
        qtbot: QtBot, services: Services, admin: Actor, members: dict[str, MemberRow], cleanup: ProjectRow,
        window: MainWindow) -> None:
    services.projects.create(admin, _form(title="党建书吧图书整理", starts_at=at(TOMORROW, 14),
                                          ends_at=at(TOMORROW, 16), signup_deadline=at(TOMORROW, 12)))
    page = _page(window)
    assert page.panel.claim_field.hasFocus()
    assert _text(page.panel, "project_heading") == "明华商圈环境清扫"

    page.project_list.setFocus()
    qtbot.keyClick(page.project_list, Qt.Key.Key_Down)
    assert _text(page.panel, "project_heading") == "党建书吧图书整理"
    qtbot.keyClick(page.project_list, Qt.Key.Key_Return)
    assert page.panel.claim_field.hasFocus()
    _scan(qtbot, page.panel.claim_field, "RHM:MH00002")
    assert [row[1] for row in _claims(page)] == ["李华"]
    assert _projects(page)[1][3] == "1/10"

    qtbot.keyClick(page.panel.claim_field, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.findChild(ProjectDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "新建项目"
    dialog.reject()


def test_the_models_pass_the_model_tester(
        qtmodeltester: Any, services: Services, admin: Actor, clock: FixedClock, members: dict[str, MemberRow],
        started: ProjectRow, window: MainWindow) -> None:
    page = _page(window)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.panel.model)
    claims = page.panel.model
    claims.tick_all(True)
    qtmodeltester.check(claims)


# -- claiming --------------------------------------------------------------------------------------------------

def test_scanning_a_member_card_claims_the_project(
        qtbot: QtBot, services: Services, members: dict[str, MemberRow], cleanup: ProjectRow,
        window: MainWindow) -> None:
    page = _page(window)
    field = page.panel.claim_field
    qtbot.waitUntil(field.hasFocus)
    assert field.placeholderText() == "认领：扫会员卡或输入手机号/姓名"

    _scan(qtbot, field, "RHM:MH00001")

    assert _claim_rows(services) == [(members["张明"].id, "claimed")]
    assert _claims(page) == [["", "张明", "MH00001", "138****5678", "已认领", "", "", ""]]
    assert _text(page.panel, "claims_status") == "已认领：张明（会员号 MH00001）"
    assert field.text() == ""  # ready for the next card
    assert field.hasFocus()
    assert _projects(page)[0][3] == "1/10"
    assert "已认领 1/10" in _text(page.panel, "claims_title")

    # Twice is said, not written again.
    _scan(qtbot, field, "RHM:MH00001")
    assert _text(page.panel, "claim_error") == "此人已经认领了这个项目。"
    assert len(_claim_rows(services)) == 1

    # A phone names one person; a name start that several share lists them to choose with ↓ and Enter.
    _scan(qtbot, field, "13900001111")
    _scan(qtbot, field, "张明")
    matches = find(page.panel, QListWidget, "claim_matches")
    assert matches.isVisible() and matches.count() == 2
    assert _text(page.panel, "claim_hint") == "找到 2 位，用 ↑ ↓ 选择，Enter 认领。"
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert not matches.isVisible()
    assert [row[1] for row in _claims(page)] == ["张明", "李华", "张明华"]
    assert _projects(page)[0][3] == "3/10"


def test_a_person_who_is_not_a_member_is_sent_to_the_points_page(
        qtbot: QtBot, services: Services, members: dict[str, MemberRow], cleanup: ProjectRow,
        window: MainWindow) -> None:
    page = _page(window)
    _scan(qtbot, page.panel.claim_field, "13500004444")
    assert _text(page.panel, "claim_error") == "赵强 还不是红色积分会员，请先加入红色积分。"
    assert "“积分”页" in _text(page.panel, "claim_hint")
    assert _claim_rows(services) == []

    _scan(qtbot, page.panel.claim_field, "RHM:MH09999")
    assert _text(page.panel, "claim_error") == "没有会员号为 MH09999 的会员，请核对会员卡或会员号。"
    _scan(qtbot, page.panel.claim_field, "RHM:??")
    assert _text(page.panel, "claim_error") == "这不是有效的会员卡，请重新扫描，或输入卡上的会员号。"
    assert _claim_rows(services) == []


def test_a_full_project_refuses_a_claim_with_the_message_shown(
        qtbot: QtBot, services: Services, admin: Actor, members: dict[str, MemberRow], window: MainWindow) -> None:
    project = services.projects.create(admin, _form(title="红色影院放映志愿者", slots=1))
    services.projects.claim(admin, project.id, members["张明"].id)
    page = _page(window)
    assert _projects(page)[0][3] == "1/1"

    _scan(qtbot, page.panel.claim_field, "RHM:MH00002")

    assert _text(page.panel, "claim_error") == "名额已满（共 1 个），不能再认领。"
    assert page.panel.claim_field.text() == "RHM:MH00002"  # still there, selected: the next scan replaces it
    assert _claim_rows(services) == [(members["张明"].id, "claimed")]
    assert [row[1] for row in _claims(page)] == ["张明"]


def test_cancel_before_the_start_and_absent_after_it(
        qtbot: QtBot, services: Services, admin: Actor, clock: FixedClock, members: dict[str, MemberRow],
        cleanup: ProjectRow, window: MainWindow, confirmations: list[str]) -> None:
    for name in ("张明", "李华"):
        services.projects.claim(admin, cleanup.id, members[name].id)
    page = _page(window)
    panel = page.panel
    panel.table.selectRow(_row_of(page, "李华"))
    assert not find(panel, QPushButton, "mark_absent").isEnabled()
    click(qtbot, find(panel, QPushButton, "cancel_claim"))
    assert _text(panel, "claims_status") == "已取消 李华 的认领，名额已退回。"
    assert [row[4] for row in _claims(page)] == ["已认领", "已取消"]
    assert _projects(page)[0][3] == "1/10"

    clock.set(at(TOMORROW, 9, 30))
    page.refresh()
    panel.table.selectRow(_row_of(page, "张明"))
    assert not find(panel, QPushButton, "cancel_claim").isEnabled()
    click(qtbot, find(panel, QPushButton, "mark_absent"))
    assert confirmations == ["登记 张明 缺席？登记后不能再为这条认领发放积分。"]
    assert _text(panel, "claims_status") == "已登记 张明 缺席。"
    assert _claim_rows(services) == [(members["张明"].id, "absent"), (members["李华"].id, "cancelled")]
    assert _text(panel, "verify_hint") == "没有待核验的认领。"


def test_closed_and_finished_projects(
        qtbot: QtBot, services: Services, admin: Actor, members: dict[str, MemberRow], cleanup: ProjectRow,
        window: MainWindow, confirmations: list[str]) -> None:
    services.projects.claim(admin, cleanup.id, members["张明"].id)
    page = _page(window)
    toggle = find(page, QPushButton, "toggle_signup")
    assert toggle.text() == "关闭报名"
    click(qtbot, toggle)
    assert _projects(page)[0][5] == "已截止报名"
    assert toggle.text() == "重新开放报名"
    _scan(qtbot, page.panel.claim_field, "RHM:MH00002")
    assert _text(page.panel, "claim_error") == "该项目当前“已截止报名”，不接受认领。"
    click(qtbot, toggle)
    assert _projects(page)[0][5] == "报名中"

    click(qtbot, find(page, QPushButton, "finish_project"))
    assert confirmations == ["结束“明华商圈环境清扫”？结束后不能再认领、核验或修改。\n"
                             "还有 1 人已认领但未核验，结束后不能再为他们发放积分。"]
    assert _projects(page) == []
    assert _text(page, "projects_status") == "“明华商圈环境清扫”已结束。勾选“显示已结束”可以再查看。"

    click(qtbot, find(page, QCheckBox, "show_finished"))
    assert _projects(page)[0][5] == "已结束"
    for name in ("edit_project", "toggle_signup", "finish_project"):
        assert not find(page, QPushButton, name).isEnabled()
    assert _text(page.panel, "verify_hint") == "项目已结束，名单只供查看。"


# -- verification ----------------------------------------------------------------------------------------------

@pytest.fixture
def started(services: Services, admin: Actor, clock: FixedClock, members: dict[str, MemberRow],
            cleanup: ProjectRow) -> ProjectRow:
    """张明, 李华 and 王芳 claimed the clean-up; it is now 09:30 tomorrow, the day cap is 10 points, and 王芳
    already earned 8 today."""
    for name in ("张明", "李华", "王芳"):
        services.projects.claim(admin, cleanup.id, members[name].id)
    services.settings.set_int(admin, "points_daily_cap", 10)
    clock.set(at(TOMORROW, 9, 30))
    services.points.earn(admin, members["王芳"].id, 8, "网格上报", new_key())
    return services.projects.get(cleanup.id)


def test_a_group_is_verified_at_once_and_the_daily_cap_refuses_one(
        qtbot: QtBot, services: Services, admin: Actor, members: dict[str, MemberRow], started: ProjectRow,
        window: MainWindow) -> None:
    page = _page(window)
    panel = page.panel
    confirm = find(panel, QPushButton, "confirm_group")
    assert not confirm.isEnabled()
    assert _text(panel, "verify_hint") == "勾选到场的人（空格键勾选），然后确认完成并发放积分。"

    click(qtbot, find(panel, QPushButton, "tick_all"))
    assert [row[0] for row in _claims(page)] == ["✓", "✓", "✓"]
    assert confirm.text() == "确认完成并发放积分（3 人）"
    for _ in range(2):  # a double click writes once
        qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)

    balances = {name: services.points.balance(members[name].id) for name in ("张明", "李华", "王芳")}
    assert balances == {"张明": 5, "李华": 5, "王芳": 8}
    assert _earnings(services) == 3  # 王芳's 8 and the two credits
    refusal = "超过每日积分上限 10：今天已获得 8。请明天再记，或请管理员调整上限。"
    assert _claims(page) == [
        ["", "张明", "MH00001", "138****5678", "已完成", "", "+5", ""],
        ["", "李华", "MH00002", "139****1111", "已完成", "", "+5", ""],
        ["☐", "王芳", "MH00003", "137****2222", "已认领", "", "", refusal],
    ]
    assert _text(panel, "group_result") == (
        "已发放积分 2 人：张明 +5（余额 5）、李华 +5（余额 5）\n"
        f"未发放 1 人（仍未勾选，原因见“说明”栏）：\n王芳：{refusal}")
    assert not confirm.isEnabled()
    assert _projects(page)[0][3] == "3/10"
    assert "已完成 2" in _text(panel, "claims_title")

    # The administrator raises the cap; 王芳 is ticked with the space bar and verified on her own submission.
    services.settings.set_int(admin, "points_daily_cap", 20)
    panel.table.setFocus()
    panel.table.selectRow(_row_of(page, "王芳"))
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert _claims(page)[2][0] == "✓"
    assert _claims(page)[2][7] == ""  # ticked again: the old reason is gone
    qtbot.keyClick(panel.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert services.points.balance(members["王芳"].id) == 13
    assert _text(panel, "group_result") == "已发放积分 1 人：王芳 +5（余额 13）"
    assert _earnings(services) == 4


def test_a_retry_after_an_error_sends_the_same_key_and_credits_once(
        qtbot: QtBot, services: Services, members: dict[str, MemberRow], started: ProjectRow,
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(window)
    panel = page.panel
    real = services.projects.complete_group
    keys: list[str] = []

    def written_then_lost(actor: Actor, project_id: int, attended: dict[int, int | None], key: str) -> Any:
        keys.append(key)
        result = real(actor, project_id, attended, key)
        if len(keys) == 1:  # the credits were committed, but the answer never reached the desk
            raise DatabaseLocked(location="desk.sqlite3")
        return result

    monkeypatch.setattr(services.projects, "complete_group", written_then_lost)
    panel.table.selectRow(_row_of(page, "张明"))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    click(qtbot, find(panel, QPushButton, "confirm_group"))
    assert _text(panel, "claims_error").startswith("数据库正被其他程序占用")
    assert _claims(page)[0][0] == "✓"  # still ticked: staff try again

    click(qtbot, find(panel, QPushButton, "confirm_group"))
    assert keys[0] == keys[1]
    assert services.points.balance(members["张明"].id) == 5
    assert _earnings(services) == 2
    assert _text(panel, "group_result") == "已发放积分 1 人：张明 +5（余额 5）"


def test_hours_are_typed_per_row_and_a_single_row_completes(
        qtbot: QtBot, services: Services, admin: Actor, clock: FixedClock, members: dict[str, MemberRow],
        window: MainWindow) -> None:
    project = services.projects.create(admin, _form(title="法律援助宣传", points=None, points_per_hour=2,
                                                    max_hours=3, ends_at=at(TOMORROW, 13)))
    for name in ("张明", "李华"):
        services.projects.claim(admin, project.id, members[name].id)
    clock.set(at(TOMORROW, 13, 30))
    page = _page(window)
    panel = page.panel
    assert not panel.table.isColumnHidden(ClaimsModel.HOURS)
    assert [row[5] for row in _claims(page)] == ["3", "3"]  # the project's 4 hours, at most 3

    # 张明 worked an hour and a half: typed into his hours cell (which ticks him).
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(_row_of(page, "张明"), ClaimsModel.HOURS))
    qtbot.keyClicks(panel.table, "1")
    editor = QApplication.focusWidget()
    assert editor is not None and editor.objectName() == "hours_editor"
    qtbot.keyClicks(editor, ".5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _claims(page)[0][5] == "1.5")  # the view commits an editor's value queued
    assert _claims(page)[0][:6] == ["✓", "张明", "MH00001", "138****5678", "已认领", "1.5"]

    panel.table.selectRow(_row_of(page, "李华"))
    click(qtbot, find(panel, QPushButton, "complete_one"))
    assert _text(panel, "claims_status") == "已核验完成：李华 +6 积分，余额 6。"
    click(qtbot, find(panel, QPushButton, "confirm_group"))
    assert _text(panel, "group_result") == "已发放积分 1 人：张明 +4（余额 4）"  # 1.5 h counts as 2
    assert [row[5:7] for row in _claims(page)] == [["1.5", "+4"], ["3", "+6"]]
    assert {services.points.balance(members[n].id) for n in ("张明", "李华")} == {4, 6}


def test_the_points_page_hears_of_credits(
        qtbot: QtBot, services: Services, clock: FixedClock, members: dict[str, MemberRow], cleanup: ProjectRow,
        window: MainWindow) -> None:
    heard: list[str] = []
    real = window.reload

    def reload(topic: str) -> None:
        heard.append(topic)
        real(topic)

    window.reload = reload  # type: ignore[method-assign]
    page = _page(window)
    _scan(qtbot, page.panel.claim_field, "RHM:MH00004")
    assert heard == ["projects"]
    clock.set(at(TOMORROW, 9, 30))
    page.refresh()
    page.panel.table.selectRow(_row_of(page, "张明华"))
    click(qtbot, find(page.panel, QPushButton, "complete_one"))
    assert heard == ["projects", "projects", "points"]


# -- the sign-in sheet -----------------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_sign_sheet_pdf_is_made_with_masked_names(
        qtbot: QtBot, services: Services, admin: Actor, members: dict[str, MemberRow], cleanup: ProjectRow,
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Path] = []

    def choose(_parent: object, _title: str, suggested: Path, _filter: str, suffix: str) -> Path:
        asked.append(suggested)
        return tmp_path / "签到表.pdf"

    monkeypatch.setattr(project_ui, "choose_save_file", choose)
    services.projects.claim(admin, cleanup.id, members["张明"].id)
    page = _page(window)
    services.projects.claim(admin, cleanup.id, members["张明华"].id)  # at another desk, after the page read

    click(qtbot, find(page.panel, QPushButton, "print_sheet"))
    result = find(page.panel, QLabel, "sheet_result")
    qtbot.waitUntil(lambda: "已保存" in result.text(), timeout=15000)

    assert asked[0].name == "签到表-明华商圈环境清扫-20261129.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "签到表.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "明华商圈环境清扫 签到表" in text
    assert re.search(r"积分\s+5\s?分", text)
    for expected in ("张*", "张*华", "MH00001", "MH00004", "5678", "3333", "志愿服务"):
        assert expected in text
    assert "张明" not in text.replace("张明华", "")
    assert re.search(r"1[3-9]\d{9}", text.replace(" ", "")) is None
    assert find(page.panel, QPushButton, "print_sheet").isEnabled()


# -- the member's projects ---------------------------------------------------------------------------------------

def test_the_member_claims_view_lists_a_members_projects(
        qtbot: QtBot, qtmodeltester: Any, services: Services, admin: Actor, clock: FixedClock,
        members: dict[str, MemberRow],
        cleanup: ProjectRow, tasks: TaskRunner) -> None:
    other = services.projects.create(admin, _form(title="党建书吧图书整理", starts_at=at(TOMORROW, 14),
                                                  ends_at=at(TOMORROW, 16), signup_deadline=at(TOMORROW, 12)))
    first = services.projects.claim(admin, cleanup.id, members["张明"].id)
    clock.advance(minutes=1)
    services.projects.claim(admin, other.id, members["张明"].id)
    clock.set(at(TOMORROW, 11, 30))
    services.projects.complete(admin, first.id, None, new_key())

    view = MemberClaimsView(PageContext(services, admin, tasks, clock))
    qtbot.addWidget(view)
    view.show()
    view.show_member(members["张明"].id)
    model = view.model
    cells = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert cells == [["党建书吧图书整理", "2026-11-29 14:00", "已认领", ""],
                     ["明华商圈环境清扫", "2026-11-29 09:00", "已完成", "+5"]]
    qtmodeltester.check(model)
    view.show_member(members["李华"].id)
    assert model.rowCount() == 0
    assert _text(view, "member_claims_empty").startswith("还没有认领过项目。")
    view.show_member(None)
    assert model.rowCount() == 0
    assert _text(view, "member_claims_empty") == ""


# -- how it looks ------------------------------------------------------------------------------------------------

@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> str:
    apply_language(request.param)
    return str(request.param)


@pytest.fixture
def shots(tmp_path: Path, language: str) -> Path:
    folder = Path(os.environ.get("DESK_SHOTS_DIR") or tmp_path / "shots") / "projects" / language
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _grab(widget: QWidget, path: Path) -> None:
    image = widget.grab().toImage()
    assert image.width() > 300 and image.height() > 150
    assert image.save(str(path))


def test_the_page_renders_without_clipped_words(
        qtbot: QtBot, services: Services, admin: Actor, clock: FixedClock, members: dict[str, MemberRow],
        started: ProjectRow, language: str, shots: Path, make_window: Callable[[Actor], MainWindow]) -> None:
    projects = services.projects
    projects.create(admin, _form(title="法律援助进商户宣传", kind=ProjectKind.ACTIVITY, points=None,
                                 points_per_hour=1, max_hours=2, starts_at=at(TOMORROW, 14),
                                 ends_at=at(TOMORROW, 17), signup_deadline=at(TOMORROW, 12), slots=8))
    projects.create(admin, _form(title="十二月网格员上报", kind=ProjectKind.GRID_REPORT, points=2,
                                 starts_at=at(dt.date(2026, 12, 1), 0), ends_at=at(dt.date(2027, 1, 1), 0),
                                 signup_deadline=at(dt.date(2026, 12, 31), 18), slots=30, description=""))
    projects.create(admin, _form(title="新就业群体安全培训", kind=ProjectKind.TRAINING, points=3,
                                 starts_at=at(dt.date(2026, 12, 5), 19), ends_at=at(dt.date(2026, 12, 5), 21),
                                 signup_deadline=at(dt.date(2026, 12, 5), 12), slots=40))
    window = make_window(admin)
    page = _page(window)
    panel = page.panel
    problems: dict[str, list[str]] = {}
    qtbot.wait(30)
    _grab(window, shots / "01-claims.png")
    problems["claims"] = clipped(page)

    _scan(qtbot, panel.claim_field, "13500004444")  # not a member: the error and the hint
    click(qtbot, find(panel, QPushButton, "tick_all"))
    click(qtbot, find(panel, QPushButton, "confirm_group"))
    qtbot.wait(30)
    _grab(window, shots / "02-verified.png")
    problems["verified"] = clipped(page)

    page.select_project(projects.list_projects()[1].id)
    _scan(qtbot, panel.claim_field, "张明")
    qtbot.wait(30)
    _grab(window, shots / "03-hourly-matches.png")
    problems["hourly"] = clipped(page)

    click(qtbot, find(page, QPushButton, "new_project"))
    dialog = page.findChild(ProjectDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    click(qtbot, find(dialog, QRadioButton, "points_hourly"))
    click(qtbot, find(dialog, QPushButton, "save_button"))  # the errors must fit too
    qtbot.wait(30)
    _grab(dialog, shots / "04-form.png")
    problems["form"] = clipped(dialog)
    dialog.reject()

    assert {k: v for k, v in problems.items() if v} == {}
    if language == "en":
        assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Project"
        assert find(panel, QPushButton, "print_sheet").text() == "Print sign-in sheet…"
        assert _projects(page)[0][4] == "5 points"
