"""Moving around the main window: Ctrl+number, every page reachable, each role sees only its sections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot
from uihelp import find

from desk.domain.staff import Actor, Role
from desk.services.bundle import Services
from desk.storage.models import Merchant
from desk.ui import pages
from desk.ui.dialogs.password import ChangePasswordDialog
from desk.ui.main_window import MainWindow
from desk.ui.pages import PageContext, PageSpec
from desk.ui.pages.settings import SettingsPage

ADMIN_SECTIONS = [
    "base_profile", "hours", "holidays", "facilities", "staff", "retention", "points", "merchants", "printing",
    "settlement", "backups", "audit_log", "language"]


def _extra_page(context: PageContext) -> QWidget:
    label = QLabel("今日到访")
    return label


@pytest.fixture
def two_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """One more page among the first ones, so that switching pages has somewhere to go."""
    monkeypatch.setitem(pages._PAGES, "visits_probe", PageSpec(
        key="visits_probe", title="今日到访", icon="settings.svg", order=15, roles=frozenset(Role),
        factory=_extra_page))


def _press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, modifiers)


def test_ctrl_number_switches_pages(qtbot: QtBot, two_pages: None, window: MainWindow) -> None:
    keys = window.page_keys()
    assert keys.index("visits_probe") < 9 < len(keys)  # in their order: Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth
    nav = find(window, QListWidget, "navigation")
    digits = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6, Qt.Key.Key_7,
              Qt.Key.Key_8, Qt.Key.Key_9, Qt.Key.Key_0]

    _press(qtbot, window, digits[9], Qt.KeyboardModifier.ControlModifier)
    assert nav.currentRow() == 9
    assert window.current_page().objectName() == f"page_{keys[9]}"

    _press(qtbot, window, digits[keys.index("visits_probe")], Qt.KeyboardModifier.ControlModifier)
    assert nav.currentRow() == keys.index("visits_probe")
    assert window.current_page().objectName() == "page_visits_probe"


def test_every_page_and_section_of_the_admin_is_reachable(window: MainWindow) -> None:
    assert "settings" in window.page_keys()
    for key in window.page_keys():
        page = window.show_page(key)
        assert window.current_page() is page
        assert page.isVisible()
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    sections = find(settings, QListWidget, "settings_sections")
    stack = find(settings, QStackedWidget, "settings_stack")
    assert [stack.widget(i).objectName() for i in range(stack.count())] == [f"section_{k}" for k in ADMIN_SECTIONS]
    assert [sections.item(i).text() for i in range(sections.count())] == [
        "基地信息", "开放时间与闭馆日", "节假日与特别开放", "设施与预约规则", "工作人员", "个人信息保留", "红色积分",
        "联盟商家与兑换项目", "打印", "商家结算", "备份与恢复", "操作日志", "语言 Language"]
    for row, key in enumerate(ADMIN_SECTIONS):
        section = settings.show_section(key)
        assert section.isVisible()
        assert sections.currentRow() == row


def test_the_section_list_is_walked_with_the_keyboard_and_each_section_refreshes_when_shown(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    sections = find(settings, QListWidget, "settings_sections")
    stack = find(settings, QStackedWidget, "settings_stack")
    refreshed: list[str] = []
    staff = settings.section("staff")
    monkeypatch.setattr(staff, "refresh", lambda: refreshed.append("staff"))
    settings.show_section("facilities")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    sections.setFocus()

    qtbot.keyClick(sections, Qt.Key.Key_Down)

    assert stack.currentWidget() is staff and staff.isVisible()
    assert refreshed == ["staff"]
    qtbot.keyClick(sections, Qt.Key.Key_End)
    assert stack.currentWidget() is settings.section("language")
    qtbot.keyClick(sections, Qt.Key.Key_Home)
    assert stack.currentWidget() is settings.section("base_profile")
    # every title is shown whole: in Chinese on one line, within the list's width
    for i in range(sections.count()):
        rect = sections.visualItemRect(sections.item(i))
        assert rect.right() <= sections.viewport().width()
        assert sections.fontMetrics().horizontalAdvance(sections.item(i).text()) <= rect.width()


def _sections(window: MainWindow) -> list[str]:
    settings = window.show_page("settings")
    stack = find(settings, QStackedWidget, "settings_stack")
    return [stack.widget(i).objectName().removeprefix("section_") for i in range(stack.count())]


def test_a_desk_user_sees_only_the_printing_and_language_sections(
        services: Services, admin: Actor, make_window: Callable[[Actor], MainWindow]) -> None:
    row = services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    desk = services.auth.login(row.username, "desk-pass-1")

    window = make_window(desk)

    assert _sections(window) == ["printing", "language"]
    assert find(window, QLabel, "status_staff").text() == "李晓梅（前台）"


def test_a_merchant_cashier_sees_only_what_a_merchant_may(
        services: Services, admin: Actor, make_window: Callable[[Actor], MainWindow]) -> None:
    with services.ctx.db.write() as s:  # merchants come from the alliance area; one row is all this needs
        s.add(Merchant(name="汇上佳超市", active=True, created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    merchant = services.staff.merchants()[0]
    services.staff.add(admin, "huishang", "汇上佳收银员", Role.MERCHANT, "shop-pass-1", "shop-pass-1", merchant.id)
    cashier = services.auth.login("huishang", "shop-pass-1")

    window = make_window(cashier)

    allowed = [spec.key for spec in pages.discover_pages() if Role.MERCHANT in spec.roles]
    assert window.page_keys() == allowed
    assert _sections(window) == ["language"]
    assert find(window, QLabel, "status_staff").text() == "汇上佳收银员（商户收银员）"


def test_account_shortcuts_change_password_and_log_out(qtbot: QtBot, window: MainWindow) -> None:
    _press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.findChild(ChangePasswordDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()

    with qtbot.waitSignal(window.logout_requested, timeout=2000):
        _press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
