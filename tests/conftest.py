"""Fixtures shared by the unit and UI tests.

Every database test runs on a fresh database of each backend: a new SQLite file always, and a new PostgreSQL
database when DESK_TEST_PG_URL names a server (tests/with_postgres.sh starts a throwaway one and sets it).

    clock     a FixedClock at 2026-11-28 02:00 UTC (10:00 in the base's zone); tests move it with advance()
    db_url    the database URL, parametrized: ids "sqlite" and "postgresql"
    location  a Location with its data folder in tmp_path and db_url as the database
    ctx       the ServiceContext of that database, created and upgraded to head; disposed after the test
    admin     the Actor of the first administrator ("admin", 王建国), created by the first-start setup
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import ADMIN_PASSWORD, PG_URL_VARIABLE, _backends, _fresh_postgres_database

from desk.domain.clock import FixedClock
from desk.domain.hours import DEFAULT_WEEK
from desk.domain.staff import Actor
from desk.services.bases import BaseService, SetupForm
from desk.services.context import ServiceContext
from desk.services.startup import open_database
from desk.storage.location import Location

START = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)




@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture(params=_backends())
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    else:
        yield from _fresh_postgres_database(os.environ[PG_URL_VARIABLE])


@pytest.fixture
def location(tmp_path: Path, db_url: str) -> Location:
    return Location(data_dir=tmp_path / "data", url=db_url)


@pytest.fixture
def ctx(location: Location, clock: FixedClock) -> Iterator[ServiceContext]:
    context, _migration = open_database(location, clock, create=True)
    try:
        yield context
    finally:
        context.db.dispose()


@pytest.fixture
def admin(ctx: ServiceContext) -> Actor:
    return BaseService(ctx).setup(SetupForm(
        base_name="明华红色港湾党群服务基地",
        base_code="MH",
        address="明华商圈中心广场 2 号楼 1 层",
        week=DEFAULT_WEEK,
        admin_username="admin",
        admin_display_name="王建国",
        password=ADMIN_PASSWORD,
        password_repeat=ADMIN_PASSWORD,
    ))


@pytest.fixture
def cli_process(monkeypatch: pytest.MonkeyPatch, qapp: object) -> Iterator[None]:
    """A `desk` command run in this process (the CLI tests use it for every test): no DESK_* variable of the
    environment leaks in, and the translators the command installs are removed afterwards, so later window tests
    get the application's language back as it was.

    Requesting `qapp` first means the command finds a QApplication and never makes a core-only one, which would
    keep pytest-qt from creating the widgets application afterwards."""
    from PySide6.QtCore import QCoreApplication, QLocale

    from desk.ui import i18n

    for name in ("DESK_DB", "DESK_DATA_DIR", "DESK_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    saved = QLocale()
    yield
    for translator in i18n._installed:
        QCoreApplication.removeTranslator(translator)
    i18n._installed.clear()
    QLocale.setDefault(saved)
