"""The settings sections on a PostgreSQL database (several desks sharing one server)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QTableView
from pytestqt.qtbot import QtBot
from uihelp import ADMIN_PASSWORD, find, shown_text

from desk.domain.clock import FixedClock
from desk.services.bundle import Services
from desk.ui.main_window import MainWindow
from desk.ui.pages import PageContext
from desk.ui.pages.settings import SettingsPage
from desk.ui.tasks import TaskRunner


def test_every_section_works_and_backups_point_to_pg_dump(
        qtbot: QtBot, pg_services: Services, tasks: TaskRunner, clock: FixedClock) -> None:
    admin = pg_services.auth.login("admin", ADMIN_PASSWORD)
    window = MainWindow(PageContext(pg_services, admin, tasks, clock))
    qtbot.addWidget(window)
    window.show()
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)

    staff = settings.show_section("staff")
    assert find(staff, QTableView, "staff_table").model().index(0, 0).data() == "admin"
    audit = settings.show_section("audit_log")
    assert find(audit, QTableView, "audit_table").model().index(0, 2).data() == "登录"
    backups = settings.show_section("backups")
    assert "pg_dump" in shown_text(find(backups, QLabel, "backup_unsupported"))
    assert not find(backups, QPushButton, "backup_now").isEnabled()
    assert not find(backups, QPushButton, "restore_backup").isEnabled()
