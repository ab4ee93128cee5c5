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
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url
from sqlalchemy.pool import NullPool

from desk.domain.clock import FixedClock
from desk.domain.hours import DEFAULT_WEEK
from desk.domain.staff import Actor
from desk.services.bases import BaseService, SetupForm
from desk.services.context import ServiceContext
from desk.services.startup import open_database
from desk.storage.location import Location

PG_URL_VARIABLE = "DESK_TEST_PG_URL"
START = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)
ADMIN_PASSWORD = "correct-horse-1"


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get(PG_URL_VARIABLE) else ["sqlite"]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture(params=_backends())
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    else:
        yield from _fresh_postgres_database(os.environ[PG_URL_VARIABLE])


def _fresh_postgres_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the test server, dropped after the test even if connections are left open."""
    name = f"desk_test_{secrets.token_hex(6)}"
    server = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with server.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
        finally:
            with server.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        server.dispose()


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
