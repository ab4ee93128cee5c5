"""First start: an empty data folder shows the setup dialog; finishing it opens the main window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QPushButton, QTimeEdit
from pytestqt.qtbot import QtBot
from uihelp import click, find, shown_text, type_into

from desk.ui.dialogs.setup import SetupDialog
from desk.ui.main_window import MainWindow
from desk.ui.session import DeskSession

NAME = "南方红色港湾党群服务基地"


def _fill(qtbot: QtBot, dialog: SetupDialog, repeat: str = "s3cret-pass") -> None:
    type_into(qtbot, find(dialog, QLineEdit, "base_name"), NAME)
    type_into(qtbot, find(dialog, QLineEdit, "base_code"), "NF")
    type_into(qtbot, find(dialog, QLineEdit, "address"), "南方商圈 8 号")
    type_into(qtbot, find(dialog, QLineEdit, "admin_username"), "liming")
    type_into(qtbot, find(dialog, QLineEdit, "admin_display_name"), "李明")
    type_into(qtbot, find(dialog, QLineEdit, "password"), "s3cret-pass")
    type_into(qtbot, find(dialog, QLineEdit, "password_repeat"), repeat)


def _setup_dialog(qtbot: QtBot, start_session: Callable[[], DeskSession]) -> tuple[DeskSession, SetupDialog]:
    session = start_session()
    dialog = session.dialog
    assert isinstance(dialog, SetupDialog)
    qtbot.waitExposed(dialog)
    finish = find(dialog, QPushButton, "finish_button")
    qtbot.waitUntil(finish.isEnabled)
    return session, dialog


def test_first_start_sets_up_the_base_and_opens_the_main_window(
        qtbot: QtBot, start_session: Callable[[], DeskSession]) -> None:
    session, dialog = _setup_dialog(qtbot, start_session)
    _fill(qtbot, dialog)
    sunday = find(dialog, QCheckBox, "open_6")
    click(qtbot, sunday)
    assert not sunday.isChecked()

    with qtbot.waitSignal(session.main_window_shown, timeout=10000) as shown:
        click(qtbot, find(dialog, QPushButton, "finish_button"))

    window = shown.args[0]
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert NAME in window.windowTitle()
    assert not dialog.isVisible()
    assert session.services is not None
    profile = session.services.bases.profile()
    assert (profile.code, profile.name, profile.address) == ("NF", NAME, "南方商圈 8 号")
    assert not profile.week[6].is_open and profile.week[0].is_open
    assert window.actor.username == "liming" and window.actor.display_name == "李明"


def test_a_mistyped_repeat_password_is_shown_under_it_and_creates_nothing(
        qtbot: QtBot, start_session: Callable[[], DeskSession]) -> None:
    session, dialog = _setup_dialog(qtbot, start_session)
    _fill(qtbot, dialog, repeat="s3cret-pasz")

    click(qtbot, find(dialog, QPushButton, "finish_button"))

    assert shown_text(find(dialog, QLabel, "error_password_repeat")) == "两次输入的密码不一致，请重新输入。"
    assert shown_text(find(dialog, QLabel, "error_password")) == ""
    assert session.window is None and dialog.isVisible()
    assert session.services is not None and session.services.bases.needs_setup()


def test_closing_before_opening_is_shown_next_to_that_day(
        qtbot: QtBot, start_session: Callable[[], DeskSession]) -> None:
    session, dialog = _setup_dialog(qtbot, start_session)
    _fill(qtbot, dialog)
    find(dialog, QTimeEdit, "opens_2").setTime(QTime(18, 0))
    find(dialog, QTimeEdit, "closes_2").setTime(QTime(9, 0))

    click(qtbot, find(dialog, QPushButton, "finish_button"))

    grid = find(dialog, QTimeEdit, "opens_2").parentWidget().layout()
    assert isinstance(grid, QGridLayout)
    wednesday_error = grid.itemAtPosition(2 * 2 + 1, 0).widget()
    tuesday_error = grid.itemAtPosition(1 * 2 + 1, 0).widget()
    assert isinstance(wednesday_error, QLabel) and isinstance(tuesday_error, QLabel)
    assert shown_text(wednesday_error) == "结束不能早于开始，请检查。"
    assert shown_text(tuesday_error) == ""
    assert session.window is None
    assert session.services is not None and session.services.bases.needs_setup()
