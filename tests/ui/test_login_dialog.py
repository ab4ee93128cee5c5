"""Logging in through the real start-up session: refusals, lockout, the status bar, a forced password change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from uihelp import ADMIN_PASSWORD, BASE_NAME, click, find, shown_text, type_into

from desk.domain.staff import Actor, Role
from desk.services.bundle import Services
from desk.ui.dialogs.login import LoginDialog
from desk.ui.dialogs.password import ChangePasswordDialog
from desk.ui.main_window import MainWindow
from desk.ui.session import DeskSession

WRONG = "用户名或密码不正确。"


def _login_dialog(qtbot: QtBot, start_session: Callable[[], DeskSession]) -> tuple[DeskSession, LoginDialog]:
    session = start_session()
    dialog = session.dialog
    assert isinstance(dialog, LoginDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(find(dialog, QPushButton, "login_button").isEnabled)
    return session, dialog


def _try(qtbot: QtBot, dialog: LoginDialog, username: str, password: str) -> None:
    type_into(qtbot, find(dialog, QLineEdit, "username"), username)
    type_into(qtbot, find(dialog, QLineEdit, "password"), password)
    click(qtbot, find(dialog, QPushButton, "login_button"))


def test_wrong_password_and_unknown_user_get_the_same_answer(
        qtbot: QtBot, admin: Actor, start_session: Callable[[], DeskSession]) -> None:
    session, dialog = _login_dialog(qtbot, start_session)
    error = find(dialog, QLabel, "error")

    _try(qtbot, dialog, "admin", "not-the-password")
    assert shown_text(error) == WRONG
    assert find(dialog, QLineEdit, "password").text() == ""

    _try(qtbot, dialog, "nobody", "not-the-password")
    assert shown_text(error) == WRONG
    assert session.window is None


def test_five_failures_lock_the_account_for_minutes(
        qtbot: QtBot, admin: Actor, start_session: Callable[[], DeskSession]) -> None:
    session, dialog = _login_dialog(qtbot, start_session)
    error = find(dialog, QLabel, "error")
    for _ in range(4):
        _try(qtbot, dialog, "admin", "guessing-123")
        assert shown_text(error) == WRONG

    _try(qtbot, dialog, "admin", "guessing-123")
    assert "账户已暂时锁定" in shown_text(error)
    assert "15 分钟" in shown_text(error)

    _try(qtbot, dialog, "admin", ADMIN_PASSWORD)  # even the right password waits for the lock to lift
    assert "账户已暂时锁定" in shown_text(error)
    assert session.window is None


def test_correct_login_opens_the_main_window_with_the_status_bar(
        qtbot: QtBot, admin: Actor, start_session: Callable[[], DeskSession]) -> None:
    session, dialog = _login_dialog(qtbot, start_session)

    with qtbot.waitSignal(session.main_window_shown, timeout=10000) as shown:
        _try(qtbot, dialog, "ADMIN ", ADMIN_PASSWORD)

    window = shown.args[0]
    assert isinstance(window, MainWindow)
    assert window.isVisible() and not dialog.isVisible()
    assert BASE_NAME in window.windowTitle()
    assert find(window, QLabel, "status_base").text() == BASE_NAME
    assert find(window, QLabel, "status_staff").text() == "王建国（管理员）"
    # 02:00 UTC is 10:00 in Asia/Shanghai, a Saturday
    assert find(window, QLabel, "status_clock").text() == "2026-11-28 周六 10:00"


def test_after_an_admin_reset_the_password_must_be_changed_first(
        qtbot: QtBot, services: Services, admin: Actor, start_session: Callable[[], DeskSession]) -> None:
    row = services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "first-pass-1", "first-pass-1")
    services.staff.reset_password(admin, row.id, "temporary-9", "temporary-9")
    session, dialog = _login_dialog(qtbot, start_session)

    _try(qtbot, dialog, "lixiaomei", "temporary-9")

    forced = dialog.findChild(ChangePasswordDialog)
    assert forced is not None
    qtbot.waitExposed(forced)
    assert session.window is None
    type_into(qtbot, find(forced, QLineEdit, "current_password"), "temporary-9")
    type_into(qtbot, find(forced, QLineEdit, "new_password"), "only-mine-42")
    type_into(qtbot, find(forced, QLineEdit, "new_password_repeat"), "only-mine-43")
    ok = find(forced, QDialogButtonBox, "").button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.assertNotEmitted(session.main_window_shown):
        click(qtbot, ok)
    assert shown_text(find(forced, QLabel, "error_new_password_repeat")) == "两次输入的密码不一致，请重新输入。"

    type_into(qtbot, find(forced, QLineEdit, "new_password_repeat"), "only-mine-42")
    with qtbot.waitSignal(session.main_window_shown, timeout=10000) as shown:
        click(qtbot, ok)

    window = shown.args[0]
    assert isinstance(window, MainWindow)
    assert window.actor.username == "lixiaomei"
    assert find(window, QLabel, "status_staff").text() == "李晓梅（前台）"
    assert not services.auth.must_change_password(window.actor)
    assert services.auth.login("lixiaomei", "only-mine-42").username == "lixiaomei"
