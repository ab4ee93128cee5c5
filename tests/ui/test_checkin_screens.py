"""The 签到 page at the window's own size (1180×760), in Chinese and in English: empty, with matches, with the
new-person form and its error, and with people on site. Rendered to PNG for people to look at, and checked for
clipped words with the same measure as the settings screenshots.

Set DESK_SHOTS_DIR to keep the pictures; otherwise they go to the test's temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QSpinBox, QTableView, QWidget
from pytestqt.qtbot import QtBot
from test_screenshots import clipped
from uihelp import click, find, type_into

from desk.domain.clock import FixedClock
from desk.domain.people import Category, Platform, Purpose, StationService
from desk.domain.staff import Actor
from desk.services.bundle import Services
from desk.services.people import PersonForm
from desk.ui.i18n import apply_language
from desk.ui.main_window import MainWindow
from desk.ui.pages.checkin import CheckinPage


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> str:
    apply_language(request.param)  # before the window is built; tests/ui/conftest.py switches back afterwards
    return str(request.param)


@pytest.fixture
def shots(tmp_path: Path, language: str) -> Path:
    folder = Path(os.environ.get("DESK_SHOTS_DIR") or tmp_path / "shots") / language
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def people(services: Services, admin: Actor) -> None:
    for name, phone, category in [
        ("欧阳娜娜", "13900000001", Category.RESIDENT),
        ("欧阳修远", "13900000002", Category.PARTY_MEMBER),
        ("欧阳明", "13900000003", Category.VOLUNTEER),
        ("张明", "13812345678", Category.PARTY_MEMBER),
        ("李华", "13700001111", Category.MERCHANT_STAFF),
        ("阿卜杜热合曼·买买提明", "13600002222", Category.RESIDENT),
    ]:
        services.people.register(admin, PersonForm(name, phone, category))


def squeezed_combos(root: QWidget) -> list[str]:
    """Visible combo boxes narrower than their longest item (the current text is then cut off)."""
    return [f"QComboBox {combo.objectName()!r}: {combo.width()} < {combo.sizeHint().width()}"
            for combo in root.findChildren(QComboBox) if combo.isVisible() and combo.width() < combo.sizeHint().width()]


def _grab(window: QWidget, path: Path) -> None:
    image = window.grab().toImage()
    assert (image.width(), image.height()) == (1180, 760)
    assert image.save(str(path))


def test_the_check_in_page_renders_calmly_without_clipped_words(
        qtbot: QtBot, services: Services, admin: Actor, people: None, window: MainWindow, clock: FixedClock,
        shots: Path, language: str) -> None:
    page = window.show_page("checkin")
    assert isinstance(page, CheckinPage)
    problems: dict[str, list[str]] = {}

    def shot(name: str) -> None:
        qtbot.wait(30)  # let the layouts settle before measuring
        _grab(window, shots / f"checkin-{name}.png")
        if found := clipped(page) + squeezed_combos(page):
            problems[name] = found

    shot("1-empty")

    type_into(qtbot, page.search_field, "欧阳")
    qtbot.waitUntil(lambda: find(page, QTableView, "checkin_matches").model().rowCount() == 3)
    shot("2-matches")

    type_into(qtbot, page.search_field, "135 0000 9999")
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)
    category = find(page, QComboBox, "new_category")
    category.setCurrentIndex(category.findData(Category.PARTY_MEMBER.value))
    qtbot.keyClick(find(page, QLineEdit, "new_name"), Qt.Key.Key_Return)  # no name yet: its error shows
    shot("3-new-person")
    click(qtbot, find(page, QPushButton, "new_cancel"))

    li = services.people.search("李华")[0]
    long_name = services.people.search("阿卜")[0]
    for person, purpose, size in [(services.people.search("张明")[0], Purpose.READING, 1),
                                  (li, Purpose.LEGAL_AID, 2), (long_name, Purpose.MEETING, 12)]:
        services.visits.check_in(admin, person.id, purpose, size)
        clock.advance(minutes=7)
    services.visits.check_in_anonymous(admin, Category.RESIDENT, Purpose.NURSING, 2)
    services.visits.check_in_courier(admin, Platform.ELEME, StationService.HOT_WATER | StationService.MICROWAVE)
    clock.advance(minutes=50)
    click(qtbot, find(page, QCheckBox, "service_charging"))
    click(qtbot, find(page, QPushButton, "courier_meituan"))
    find(page, QSpinBox, "party_size").setValue(3)
    type_into(qtbot, page.search_field, "13900000001")
    qtbot.keyClick(page.search_field, Qt.Key.Key_Return)
    shot("4-on-site")

    assert problems == {}
