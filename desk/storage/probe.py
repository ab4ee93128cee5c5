"""Storage layer: a fast look at a SQLite database before the heavy libraries are loaded.

Start-up shows its first dialog at once; this probe (stdlib sqlite3 only) decides which dialog (setup or login)
and refuses a corrupt, foreign or newer database before SQLAlchemy and Alembic are even imported.
"""

from __future__ import annotations

import enum
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desk.domain.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseTooNew,
    NotADeskDatabase,
)

# The newest migration this program knows. tests/unit/test_migrations.py keeps it equal to Alembic's head.
HEAD_REVISION = "0007"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")


class DbState(enum.Enum):
    MISSING = "missing"  # no file yet: first start
    EMPTY = "empty"  # a file without tables
    OUTDATED = "outdated"  # a desk database of an older schema: back up, then upgrade
    NO_STAFF = "no_staff"  # schema is current, nobody can log in yet: first-start setup
    READY = "ready"


@dataclass(frozen=True)
class Probe:
    state: DbState
    base_name: str = ""
    is_demo: bool = False


def probe_sqlite(path: Path, *, display: str | None = None) -> Probe:
    where = display or str(path)
    if not path.exists():
        return Probe(DbState.MISSING)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        raise DatabaseCorrupt(location=where) from None
    try:
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as error:
            if "locked" in str(error):
                raise DatabaseLocked(location=where) from None
            raise DatabaseCorrupt(location=where) from None
        if not tables:
            return Probe(DbState.EMPTY)
        if "alembic_version" not in tables:
            raise NotADeskDatabase(location=where)
        revisions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
        if len(revisions) != 1:
            raise NotADeskDatabase(location=where)
        revision = revisions[0]
        if revision not in KNOWN_REVISIONS:
            raise DatabaseTooNew(location=where, revision=revision)
        if revision != HEAD_REVISION:
            return Probe(DbState.OUTDATED)
        has_staff = conn.execute("SELECT EXISTS (SELECT 1 FROM staff WHERE active)").fetchone()[0]
        base = conn.execute("SELECT name, is_demo FROM service_base ORDER BY id LIMIT 1").fetchone()
        name, demo = (base[0], bool(base[1])) if base else ("", False)
        return Probe(DbState.READY if has_staff else DbState.NO_STAFF, name, demo)
    except sqlite3.DatabaseError as error:
        if "locked" in str(error):
            raise DatabaseLocked(location=where) from None
        raise DatabaseCorrupt(location=where) from None
    finally:
        conn.close()


def require_existing(path: Path, display: str | None = None) -> None:
    if not path.exists():
        raise DatabaseMissing(location=display or str(path))
