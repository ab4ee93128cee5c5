"""Settings → 备份与恢复: back up on the worker, refuse a broken file, restore a good one and log everyone out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from uihelp import ADMIN_PASSWORD, click, find, shown_text, type_into

from desk.domain.staff import Actor, Role
from desk.services.backups import BackupService
from desk.services.bundle import Services
from desk.ui import boxes
from desk.ui.dialogs.login import LoginDialog
from desk.ui.main_window import MainWindow
from desk.ui.pages.settings import SettingsPage
from desk.ui.session import DeskSession
from desk.ui.settings import backups as backups_section
from desk.ui.settings.backups import BackupsSection


def _open(window: MainWindow) -> BackupsSection:
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    section = settings.show_section("backups")
    assert isinstance(section, BackupsSection)
    return section


def _names(section: BackupsSection) -> list[str]:
    model = find(section, QTableView, "backups_table").model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


@pytest.fixture
def restore_from(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], list[str]]:
    """The file dialog returns `path` and every confirmation is answered yes; returns the texts asked."""
    asked: list[str] = []

    def arrange(path: Path) -> list[str]:
        monkeypatch.setattr(backups_section, "choose_backup_file", lambda *_args: path)

        def confirm(_parent: object, _title: str, text: str) -> bool:
            asked.append(text)
            return True

        monkeypatch.setattr(boxes, "confirm", confirm)
        monkeypatch.setattr(boxes, "inform", lambda _parent, _title, text: asked.append(text))
        return asked

    return arrange


def test_back_up_now_runs_on_the_worker_and_lists_the_file(
        qtbot: QtBot, services: Services, window: MainWindow) -> None:
    section = _open(window)
    assert find(section, QLabel, "backup_folder").text() == str(services.backups.folder)
    assert "14 天" in find(section, QLabel, "backup_intro").text()
    assert not find(section, QLabel, "backup_unsupported").isVisible()
    button = find(section, QPushButton, "backup_now")
    before = _names(section)

    click(qtbot, button)
    assert not button.isEnabled()  # until the worker is done
    qtbot.waitUntil(button.isEnabled, timeout=10000)

    made = [p for p in services.backups.folder.iterdir() if p.name.startswith("manual-")]
    assert len(made) == 1 and made[0].stat().st_size > 0
    assert _names(section) == [made[0].name, *before]
    model = find(section, QTableView, "backups_table").model()
    assert model.index(0, 3).data() == "手动"
    assert str(made[0]) in find(section, QLabel, "backup_result").text()


def test_a_broken_file_is_refused_and_nothing_changes(
        qtbot: QtBot, services: Services, admin: Actor, window: MainWindow, tmp_path: Path,
        restore_from: Callable[[Path], list[str]]) -> None:
    services.staff.add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    garbage = tmp_path / "not-a-backup.sqlite3"
    garbage.write_bytes(b"this is not a database at all" * 200)
    restore_from(garbage)
    section = _open(window)
    restored: list[bool] = []
    section.restored.connect(lambda: restored.append(True))

    click(qtbot, find(section, QPushButton, "restore_backup"))
    error = find(section, QLabel, "backup_error")
    qtbot.waitUntil(lambda: bool(shown_text(error)), timeout=10000)

    assert "已损坏或不是数据库" in shown_text(error)
    assert str(garbage) in shown_text(error)
    assert find(section, QPushButton, "restore_backup").isEnabled()
    assert window.isEnabled()  # disabled only while the worker was restoring
    assert restored == []
    assert [row.username for row in services.staff.list_staff(admin)] == ["admin", "lixiaomei"]


@pytest.mark.parametrize("restorer", ["admin", "later"], ids=["first-admin", "admin-added-after-the-backup"])
def test_restoring_a_good_backup_brings_the_old_data_back_and_asks_for_a_new_login(
        qtbot: QtBot, services: Services, admin: Actor, start_session: Callable[[], DeskSession],
        restore_from: Callable[[Path], list[str]], restorer: str) -> None:
    backup = services.backups.backup_now(admin)
    # someone who is not in the backup: after the restore their account does not exist any more
    services.staff.add(admin, "later", "后来的管理员", Role.ADMIN, "later-pass-1", "later-pass-1")
    session = start_session()
    dialog = session.dialog
    assert isinstance(dialog, LoginDialog)
    qtbot.waitUntil(find(dialog, QPushButton, "login_button").isEnabled)
    type_into(qtbot, find(dialog, QLineEdit, "username"), restorer)
    type_into(qtbot, find(dialog, QLineEdit, "password"), ADMIN_PASSWORD if restorer == "admin" else "later-pass-1")
    with qtbot.waitSignal(session.main_window_shown, timeout=10000) as shown:
        click(qtbot, find(dialog, QPushButton, "login_button"))
    window = shown.args[0]
    asked = restore_from(backup)

    click(qtbot, find(_open(window), QPushButton, "restore_backup"))
    qtbot.waitUntil(lambda: session.window is None and isinstance(session.dialog, LoginDialog)
                    and session.dialog.isVisible(), timeout=15000)

    assert "现在的数据自动备份" in asked[0] and "重新登录" in asked[0]
    assert "请重新登录" in asked[1]
    assert not isValid(window) or not window.isVisible()
    assert session.services is not None
    assert [row.username for row in session.services.staff.list_staff(admin)] == ["admin"]
    safety = [p for p in session.services.backups.folder.iterdir() if p.name.startswith("before-restore-")]
    assert len(safety) == 1
    assert session.services.checks.run() == []  # the audit chain of the restored data is intact
    actions = [(e.actor, e.action) for e in session.services.audit.recent(2)]
    assert actions == [(restorer, "logout"), (restorer, "database_restored")]


def test_cancelling_the_file_choice_restores_nothing(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups_section, "choose_backup_file", lambda *_args: None)
    asked: list[str] = []
    monkeypatch.setattr(boxes, "confirm", lambda _parent, _title, text: asked.append(text) or True)
    section = _open(window)

    click(qtbot, find(section, QPushButton, "restore_backup"))

    assert asked == []
    assert find(section, QPushButton, "restore_backup").isEnabled()
    assert find(section, QLabel, "backup_result").text() == ""


def test_on_postgresql_the_section_explains_pg_dump(
        monkeypatch: pytest.MonkeyPatch, admin: Actor, make_window: Callable[[Actor], MainWindow]) -> None:
    monkeypatch.setattr(BackupService, "supported", property(lambda _self: False))
    section = _open(make_window(admin))

    assert "pg_dump" in shown_text(find(section, QLabel, "backup_unsupported"))
    assert not find(section, QPushButton, "backup_now").isEnabled()
    assert not find(section, QPushButton, "restore_backup").isEnabled()


def test_the_backup_model_is_a_well_behaved_qt_model(
        qtmodeltester: ModelTester, services: Services, admin: Actor, window: MainWindow) -> None:
    services.backups.backup_now(admin)
    services.backups.daily_backup_if_due()
    section = _open(window)
    model = find(section, QTableView, "backups_table").model()
    assert sorted(model.index(r, 3).data() for r in range(model.rowCount())) == ["手动", "每日自动"]
    qtmodeltester.check(model)
