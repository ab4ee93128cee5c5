"""Settings → 操作日志: logins and staff changes appear, worded, newest first, paged as it scrolls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QPushButton, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from uihelp import ADMIN_PASSWORD, click, find, type_into

from desk.domain.errors import LoginFailed
from desk.domain.staff import Actor, Role
from desk.services.bundle import Services
from desk.ui.dialogs.login import LoginDialog
from desk.ui.main_window import MainWindow
from desk.ui.pages.settings import SettingsPage
from desk.ui.session import DeskSession
from desk.ui.settings.audit_log import PAGE_SIZE, AuditLogModel, AuditLogSection


def _open(window: MainWindow) -> AuditLogSection:
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    section = settings.show_section("audit_log")
    assert isinstance(section, AuditLogSection)
    return section


def _rows(section: AuditLogSection) -> list[list[str]]:
    model = section.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_log_shows_the_login_and_staff_changes(
        qtbot: QtBot, services: Services, admin: Actor, start_session: Callable[[], DeskSession]) -> None:
    try:
        services.auth.login("admin", "wrong-password")
    except LoginFailed:
        pass
    session = start_session()
    dialog = session.dialog
    assert isinstance(dialog, LoginDialog)
    qtbot.waitUntil(find(dialog, QPushButton, "login_button").isEnabled)
    type_into(qtbot, find(dialog, QLineEdit, "username"), "admin")
    type_into(qtbot, find(dialog, QLineEdit, "password"), ADMIN_PASSWORD)
    with qtbot.waitSignal(session.main_window_shown, timeout=10000) as shown:
        click(qtbot, find(dialog, QPushButton, "login_button"))
    window = shown.args[0]
    section = _open(window)
    assert _rows(section)[0][1:3] == ["admin", "登录"]

    row = services.staff.add(window.actor, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    services.staff.set_active(window.actor, row.id, False)
    click(qtbot, find(section, QPushButton, "refresh_audit"))

    rows = _rows(section)
    assert [r[2] for r in rows] == ["停用工作人员", "新增工作人员", "登录", "登录失败", "新增工作人员", "首次设置基地"]
    assert rows[0] == ["2026/11/28 10:00:00", "admin", "停用工作人员", f"工作人员 {row.id}", "lixiaomei"]
    assert rows[3][1] == "系统" and rows[3][3] == "工作人员 admin"


def test_unknown_actions_are_shown_as_their_code(
        services: Services, admin: Actor, window: MainWindow) -> None:
    from desk.services import audit

    with services.ctx.db.write() as s:
        audit.record(s, services.ctx.clock.now(), admin, "parcel_received", "parcel", 7, "from a newer program")
    section = _open(window)
    assert _rows(section)[0][2:4] == ["parcel_received", "parcel 7"]


def test_a_long_log_loads_page_by_page(
        qtmodeltester: ModelTester, services: Services, admin: Actor, window: MainWindow) -> None:
    first = dt.date(2027, 1, 1)
    for day in range(PAGE_SIZE + 30):
        services.bases.add_closure(admin, first + dt.timedelta(days=day), first + dt.timedelta(days=day), "测试")
    section = _open(window)
    model = section.model
    assert isinstance(model, AuditLogModel)
    total = PAGE_SIZE + 30 + 2  # the closures, the setup and the first administrator

    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    view = find(section, QTableView, "audit_table")
    view.scrollToBottom()  # the view asks for more as a person scrolls down
    assert model.rowCount() == total
    assert not model.canFetchMore()
    seqs = [r.seq for r in model.rows()]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == total
    assert _rows(section)[-1][2] == "首次设置基地"

    section.refresh()
    qtmodeltester.check(model)
