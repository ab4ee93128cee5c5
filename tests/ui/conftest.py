"""Fixtures of the window tests: the real MainWindow and the real start-up session on a fresh SQLite file.

The window tests run on SQLite (the services' behaviour on PostgreSQL is covered by tests/unit; one window test
uses `pg_services`): the shared `clock`, `location` and `ctx` fixtures of tests/conftest.py are used with `db_url`
fixed to a SQLite file, and `admin` is set up here so the tests know its password.

    services    Services.build(ctx)
    admin       the first administrator ("admin", 王建国, password uihelp.ADMIN_PASSWORD)
    tasks       a TaskRunner, waited for after the test
    make_window a factory: MainWindow(PageContext(services, actor, tasks, clock)), shown
    window      the administrator's main window
    start_session  a factory: DeskSession(location, None, clock, tasks).start(), cleaned up afterwards
    pg_services  Services on a fresh PostgreSQL database with the first administrator set up; skipped unless
                DESK_TEST_PG_URL names a server (tests/with_postgres.sh)
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, make_url
from sqlalchemy.pool import NullPool
from uihelp import ADMIN_PASSWORD, BASE_NAME

from desk.domain.clock import FixedClock
from desk.domain.hours import DEFAULT_WEEK
from desk.domain.staff import Actor
from desk.services.bases import SetupForm
from desk.services.bundle import Services
from desk.services.context import ServiceContext
from desk.services.startup import open_database
from desk.storage.location import Location
from desk.ui.fonts import install_cjk_font
from desk.ui.i18n import apply_language
from desk.ui.main_window import PREFERRED_SIZE, MainWindow
from desk.ui.pages import PageContext
from desk.ui.session import DeskSession
from desk.ui.tasks import TaskRunner


@pytest.fixture(scope="session", autouse=True)
def _desk_application(qapp: QApplication) -> None:
    """What desk.app does before the first window: the bundled CJK font and the Chinese locale."""
    qapp.setApplicationName("desk")
    install_cjk_font(qapp)
    apply_language("zh_CN")


@pytest.fixture(autouse=True)
def _chinese_again(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("DESK_LANGUAGE", raising=False)
    yield
    if QLocale().language() != QLocale.Language.Chinese:
        apply_language("zh_CN")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'desk.sqlite3'}"


@pytest.fixture
def pg_services(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    server_url = os.environ.get("DESK_TEST_PG_URL")
    if not server_url:
        pytest.skip("DESK_TEST_PG_URL is not set (run through tests/with_postgres.sh)")
    name = f"desk_ui_{secrets.token_hex(6)}"
    server = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with server.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    context, _migration = open_database(Location(tmp_path / "pg-data", url), clock, create=True)
    services = Services.build(context)
    _set_up(services)
    try:
        yield services
    finally:
        context.db.dispose()
        with server.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.dispose()


def _set_up(services: Services) -> Actor:
    return services.bases.setup(SetupForm(
        base_name=BASE_NAME, base_code="MH", address="明华商圈中心广场 2 号楼 1 层", week=DEFAULT_WEEK,
        admin_username="admin", admin_display_name="王建国", password=ADMIN_PASSWORD,
        password_repeat=ADMIN_PASSWORD,
    ))


@pytest.fixture
def services(ctx: ServiceContext) -> Services:
    return Services.build(ctx)


@pytest.fixture
def admin(services: Services) -> Actor:
    return _set_up(services)


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait()


@pytest.fixture
def make_window(qtbot: QtBot, services: Services, tasks: TaskRunner, clock: FixedClock,
                ) -> Callable[[Actor], MainWindow]:
    def make(actor: Actor) -> MainWindow:
        window = MainWindow(PageContext(services, actor, tasks, clock))
        # The window's preferred size: the offscreen screen (800×800) would cap it (MainWindow fits its screen).
        window.resize(PREFERRED_SIZE)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window: Callable[[Actor], MainWindow], admin: Actor) -> MainWindow:
    return make_window(admin)


@pytest.fixture
def start_session(qtbot: QtBot, location: Location, clock: FixedClock, tasks: TaskRunner,
                  ) -> Iterator[Callable[[], DeskSession]]:
    sessions: list[DeskSession] = []

    def start() -> DeskSession:
        session = DeskSession(location, None, clock, tasks)
        sessions.append(session)
        assert session.start()
        qtbot.waitUntil(lambda: session.services is not None, timeout=20000)
        return session

    yield start
    tasks.wait()
    for session in sessions:
        for widget in (session.window, session.dialog):
            if isinstance(widget, QWidget):
                widget.hide()
                widget.deleteLater()
        if session.services is not None:
            session.services.ctx.db.dispose()
