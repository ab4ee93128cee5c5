"""Settings → 语言: switching to English re-words the whole window at once and is remembered on this PC."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QRadioButton, QTableView
from pytestqt.qtbot import QtBot
from uihelp import click, find

from desk.domain.staff import Actor, Role
from desk.resources import TRANSLATIONS_DIR
from desk.services.bundle import Services
from desk.services.preferences import FILE_NAME
from desk.ui.main_window import MainWindow
from desk.ui.pages.settings import SettingsPage
from desk.ui.settings.hours import HoursSection


def _english_has(context: str, source: str) -> bool:
    translator = QTranslator()
    if not translator.load("desk_en", str(TRANSLATIONS_DIR)):
        return False
    return bool(translator.translate(context, source))


needs_english = pytest.mark.skipif(
    not (_english_has("Pages", "设置") and _english_has("HoursSection", "保存开放时间")),
    reason="resources/translations/desk_en.qm does not have these strings yet",
)


@pytest.fixture
def retranslated(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every widget whose `retranslate` ran, in order: proof the language change reached it."""
    calls: list[object] = []
    for cls in (MainWindow, SettingsPage, HoursSection):
        original = cls.retranslate

        def spy(self: object, original: Callable[[object], None] = original) -> None:
            calls.append(self)
            original(self)

        monkeypatch.setattr(cls, "retranslate", spy)
    return calls


def _choose_english(qtbot: QtBot, window: MainWindow, retranslated: list[object]) -> SettingsPage:
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    section = settings.show_section("language")
    chinese, english = find(section, QRadioButton, "language_zh_CN"), find(section, QRadioButton, "language_en")
    assert chinese.isChecked() and not english.isChecked()
    retranslated.clear()
    click(qtbot, english)
    qtbot.waitUntil(lambda: window in retranslated and settings in retranslated, timeout=2000)
    return settings


def test_choosing_english_is_saved_and_applied_at_once(
        qtbot: QtBot, services: Services, admin: Actor, window: MainWindow, retranslated: list[object]) -> None:
    services.bases.add_closure(admin, dt.date(2026, 12, 10), dt.date(2026, 12, 10), "线路检修")
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    hours = settings.show_section("hours")
    closures = find(hours, QTableView, "closures_table").model()
    assert closures.index(0, 0).data() == "2026年12月10日星期四"

    _choose_english(qtbot, window, retranslated)

    assert hours in retranslated
    prefs = json.loads((services.ctx.location.data_dir / FILE_NAME).read_text(encoding="utf-8"))
    assert prefs["language"] == "en"
    assert services.preferences.language == "en"
    assert QLocale().language() == QLocale.Language.English
    # the window re-read its words: the clock's weekday and the closure dates follow the new locale
    assert find(window, QLabel, "status_clock").text() == "2026-11-28 Sat 10:00"
    assert closures.index(0, 0).data() == "Thursday, December 10, 2026"


def test_choosing_chinese_again_switches_back(
        qtbot: QtBot, services: Services, window: MainWindow, retranslated: list[object]) -> None:
    settings = _choose_english(qtbot, window, retranslated)
    section = settings.section("language")
    retranslated.clear()

    click(qtbot, find(section, QRadioButton, "language_zh_CN"))

    qtbot.waitUntil(lambda: window in retranslated, timeout=2000)
    assert find(window, QLabel, "status_clock").text() == "2026-11-28 周六 10:00"
    assert services.preferences.language == "zh_CN"
    assert QLocale().language() == QLocale.Language.Chinese
    row = window.page_keys().index("settings")
    assert find(window, QListWidget, "navigation").item(row).text() == "设置"


def test_a_desk_user_may_change_the_language_too(
        qtbot: QtBot, services: Services, admin: Actor, make_window: Callable[[Actor], MainWindow],
        retranslated: list[object]) -> None:
    services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    window = make_window(services.auth.login("lixiaomei", "desk-pass-1"))

    _choose_english(qtbot, window, retranslated)

    assert services.preferences.language == "en"


@needs_english
def test_the_words_of_the_window_turn_english(qtbot: QtBot, window: MainWindow, retranslated: list[object]) -> None:
    settings = _choose_english(qtbot, window, retranslated)

    nav = find(window, QListWidget, "navigation")
    row = window.page_keys().index("settings")
    qtbot.waitUntil(lambda: nav.item(row).text() != "设置", timeout=2000)
    assert nav.item(row).text() == QCoreApplication.translate("Pages", "设置")
    assert "Settings" in nav.item(row).text()
    hours = settings.section("hours")
    assert find(hours, QPushButton, "save_hours").text() != "保存开放时间"
    sections = find(settings, QListWidget, "settings_sections")
    titles = [sections.item(i).text() for i in range(sections.count())]
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in title) for title in titles if title != "语言 Language")
    assert "红色港湾前台" not in window.windowTitle().split("—")[0]
