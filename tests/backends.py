"""The test databases of each backend (shared by tests/conftest.py and tests that build a module-wide database):
a new SQLite file always, and a new PostgreSQL database when DESK_TEST_PG_URL names a server."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

from sqlalchemy import create_engine, make_url
from sqlalchemy.pool import NullPool

PG_URL_VARIABLE = "DESK_TEST_PG_URL"
ADMIN_PASSWORD = "correct-horse-1"


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get(PG_URL_VARIABLE) else ["sqlite"]


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
