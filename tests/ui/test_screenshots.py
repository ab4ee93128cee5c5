"""Every settings section on demo data: rendered to PNG (for people to look at) and checked for clipped words.

Set DESK_SHOTS_DIR to keep the pictures; otherwise they go to the test's temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from uihelp import click, find

from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.demo import DEMO_PASSWORD, seed_demo
from desk.ui.dialogs.staff import ResetPasswordDialog, StaffDialog
from desk.ui.main_window import MainWindow
from desk.ui.pages.settings import SettingsPage

SECTIONS = ["base_profile", "hours", "staff", "backups", "audit_log", "language"]


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DESK_SHOTS_DIR") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def demo_admin(services: Services) -> Actor:
    seed_demo(services.ctx)
    actor = services.auth.login("admin", DEMO_PASSWORD)
    services.auth.login("lixiaomei", DEMO_PASSWORD)
    services.backups.daily_backup_if_due()
    services.backups.backup_now(actor)
    return actor


def clipped(root: QWidget) -> list[str]:
    """Visible labels and buttons narrower than their text needs (a translation or font that does not fit)."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text() and widget.pixmap().isNull():
            needed = widget.sizeHint().width()
        elif isinstance(widget, QAbstractButton) and widget.text():
            needed = widget.minimumSizeHint().width()
        else:
            continue
        if widget.width() < needed:
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} {widget.text()!r}: "
                            f"{widget.width()} < {needed}")
    return problems


def _grab(widget: QWidget, path: Path) -> None:
    image = widget.grab().toImage()
    assert image.width() > 300 and image.height() > 150
    assert len({image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}) > 3
    assert image.save(str(path))


def test_every_section_renders_without_clipped_words(
        qtbot: QtBot, demo_admin: Actor, make_window: Callable[[Actor], MainWindow], shots: Path) -> None:
    window = make_window(demo_admin)
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    problems: dict[str, list[str]] = {}
    for number, key in enumerate(SECTIONS, start=1):
        section = settings.show_section(key)
        qtbot.wait(20)  # let the layouts settle before measuring
        _grab(window, shots / f"{number:02d}-{key}.png")
        if found := clipped(section):
            problems[key] = found
    assert problems == {}


def test_the_staff_dialogs_render_without_clipped_words(
        qtbot: QtBot, services: Services, demo_admin: Actor, make_window: Callable[[Actor], MainWindow],
        shots: Path) -> None:
    window = make_window(demo_admin)
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    section = settings.show_section("staff")
    click(qtbot, find(section, QPushButton, "add_staff"))
    dialogs: list[QDialog] = []
    add = section.findChild(StaffDialog)
    assert add is not None
    qtbot.waitExposed(add)
    click(qtbot, find(add, QPushButton, "save_button"))  # show the errors too: they must fit as well
    dialogs.append(add)
    row = services.staff.list_staff(demo_admin)[1]
    reset = ResetPasswordDialog.ask(section, services.staff, demo_admin, row)
    qtbot.waitExposed(reset)
    dialogs.append(reset)
    for dialog in dialogs:
        qtbot.wait(20)
        _grab(dialog, shots / f"dialog-{dialog.objectName()}.png")
        assert clipped(dialog) == []
        dialog.reject()


def test_demo_data_is_what_the_pictures_show(services: Services, demo_admin: Actor) -> None:
    assert len(services.staff.list_staff(demo_admin)) == 5
    assert services.bases.closures(dt.date(2026, 11, 28))
    assert len(services.backups.list_backups()) == 2
