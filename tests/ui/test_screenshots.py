"""Every settings section and dialog on demo data, in Chinese and in English: rendered to PNG (for people to look
at) and checked for clipped words — a label, button or hint that does not fit, or a wrapped text squeezed
shorter than it needs.

Set DESK_SHOTS_DIR to keep the pictures; otherwise they go to the test's temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot
from uihelp import click, find

from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.demo import DEMO_BASE_NAME, DEMO_PASSWORD, seed_demo
from desk.ui.dialogs.login import LoginDialog
from desk.ui.dialogs.password import ChangePasswordDialog
from desk.ui.dialogs.setup import SetupDialog
from desk.ui.dialogs.staff import ResetPasswordDialog, StaffDialog
from desk.ui.i18n import apply_language
from desk.ui.main_window import MainWindow
from desk.ui.pages.settings import SettingsPage

SECTIONS = ["base_profile", "hours", "holidays", "facilities", "staff", "retention", "points", "merchants", "settlement",
            "backups", "audit_log", "language"]


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> str:
    """The windows below are built after this, so they start in the language (tests/ui/conftest.py switches
    back to Chinese afterwards)."""
    apply_language(request.param)
    return str(request.param)


@pytest.fixture
def shots(tmp_path: Path, language: str) -> Path:
    folder = Path(os.environ.get("DESK_SHOTS_DIR") or tmp_path / "shots") / language
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


# The window on a desk screen, less a task bar (40) and the window's frame (16 × 40): the common 1366×768, and
# the smallest the program is laid out for, 1024×768.
COMMON_WINDOW = QSize(1366, 768) - QSize(16, 40 + 40)
SMALLEST_WINDOW = QSize(1024, 768) - QSize(16, 40 + 40)
PLACEHOLDER_MARGIN = 12  # a line edit's frame and text margins around its placeholder


def clipped(root: QWidget) -> list[str]:
    """Visible labels, buttons and placeholders narrower than their text needs, wrapped texts shorter than
    their lines need, and fields squeezed flatter than they can be (a translation or font that does not fit)."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                if widget.height() < (needed := widget.heightForWidth(widget.width())):
                    problems.append(f"{name} {widget.text()!r}: height {widget.height()} < {needed}")
                continue
            needed = widget.sizeHint().width()
            text = widget.text()
        elif isinstance(widget, QAbstractButton) and widget.text():
            needed, text = widget.minimumSizeHint().width(), widget.text()
        elif isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
            text = widget.placeholderText()
            needed = widget.fontMetrics().horizontalAdvance(text) + PLACEHOLDER_MARGIN
        else:
            continue
        if widget.width() < needed:
            problems.append(f"{name} {text!r}: {widget.width()} < {needed}")
        if isinstance(widget, QLineEdit | QComboBox | QAbstractButton) and \
                widget.height() < (flat := widget.minimumSizeHint().height()):
            problems.append(f"{name} squeezed: height {widget.height()} < {flat}")
    return problems


def _grab(widget: QWidget, path: Path) -> None:
    image = widget.grab().toImage()
    assert image.width() > 300 and image.height() > 150
    assert len({image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}) > 3
    assert image.save(str(path))


def test_every_section_renders_without_clipped_words(
        qtbot: QtBot, demo_admin: Actor, make_window: Callable[[Actor], MainWindow], shots: Path,
        language: str) -> None:
    window = make_window(demo_admin)
    # The smallest desk screen the program is laid out for, not the size the first page happened to ask for
    # (the Today page's wish depends on figures that arrive later).
    window.resize(1024, 768)
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    problems: dict[str, list[str]] = {}
    for number, key in enumerate(SECTIONS, start=1):
        section = settings.show_section(key)
        qtbot.wait(20)  # let the layouts settle before measuring
        _grab(window, shots / f"{number:02d}-{key}.png")
        if found := clipped(section) + clipped(window.statusBar()):
            problems[key] = found
    assert problems == {}


def _crowded(qtbot: QtBot, window: MainWindow, size: QSize, shots: Path) -> dict[str, tuple[int, int, int, int]]:
    """Each page shown in a window of `size`: the pages that need more room than the window gives them (what
    they need, what they got). They scroll inside the window rather than push it larger."""
    window.resize(size)
    crowded: dict[str, tuple[int, int, int, int]] = {}
    for key in window.page_keys():
        page = window.show_page(key)
        qtbot.wait(50)  # the page's first figures, and its layouts settled
        _grab(window, shots / f"{size.width()}x{size.height()}-{key}.png")
        viewport = find(window, QScrollArea, f"scroll_page_{key}").viewport()
        needed = page.minimumSizeHint()
        if needed.width() > viewport.width() or needed.height() > viewport.height():
            crowded[key] = (needed.width(), needed.height(), viewport.width(), viewport.height())
    assert window.size() == size
    return crowded


def test_every_page_fits_a_desk_screen(qtbot: QtBot, demo_admin: Actor, make_window: Callable[[Actor], MainWindow],
                                       shots: Path, language: str) -> None:
    window = make_window(demo_admin)
    small = window.minimumSizeHint()
    assert small.width() <= SMALLEST_WINDOW.width() and small.height() <= SMALLEST_WINDOW.height()
    # The common desk screen, 1366×768: every page whole, without scroll bars.
    assert _crowded(qtbot, window, COMMON_WINDOW, shots) == {}
    # A 4:3 screen of 1024×768: never a sideways scroll bar (the charging board takes fewer tiles to a row, so
    # that page may scroll down to the 母婴室).
    narrow = _crowded(qtbot, window, SMALLEST_WINDOW, shots)
    assert {key: found for key, found in narrow.items() if found[0] > found[2]} == {}
    assert set(narrow) <= {"charging"}


def test_the_staff_dialogs_render_without_clipped_words(
        qtbot: QtBot, services: Services, demo_admin: Actor, make_window: Callable[[Actor], MainWindow],
        shots: Path, language: str) -> None:
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
    role = find(add, QComboBox, "role")
    role.setCurrentIndex(role.findData("merchant"))  # and the merchant hint beneath them
    dialogs.append(add)
    row = services.staff.list_staff(demo_admin)[1]
    reset = ResetPasswordDialog.ask(section, services.staff, demo_admin, row)
    qtbot.waitExposed(reset)
    click(qtbot, find(reset, QPushButton, "save_button"))  # an error under a field, below a long intro
    dialogs.append(reset)
    problems = {}
    for dialog in dialogs:
        qtbot.wait(20)
        _grab(dialog, shots / f"dialog-{dialog.objectName()}.png")
        if found := clipped(dialog):
            problems[dialog.objectName()] = found
        dialog.reject()
    assert problems == {}


def test_the_login_setup_and_password_dialogs_render_without_clipped_words(
        qtbot: QtBot, services: Services, demo_admin: Actor, shots: Path, language: str) -> None:
    login = LoginDialog(DEMO_BASE_NAME, demo=True)
    login.set_services(services, DEMO_BASE_NAME, True)
    setup = SetupDialog()  # not given services: it waits for the database, as at a first start
    change = ChangePasswordDialog(services.auth, demo_admin, forced=True)
    problems = {}
    for dialog in (login, setup, change):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
    click(qtbot, find(login, QPushButton, "login_button"))  # empty: the error shows
    buttons = change.findChild(QDialogButtonBox)
    assert buttons is not None
    click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Ok))
    for dialog in (login, setup, change):
        qtbot.wait(20)
        _grab(dialog, shots / f"dialog-{dialog.objectName()}.png")
        if found := clipped(dialog):
            problems[dialog.objectName()] = found
    assert problems == {}


def test_demo_data_is_what_the_pictures_show(services: Services, demo_admin: Actor) -> None:
    assert len(services.staff.list_staff(demo_admin)) == 5
    assert services.bases.closures(dt.date(2026, 11, 28))
    assert len(services.backups.list_backups()) == 2
