"""The database handle: SQLite pragmas on every connection, BEGIN IMMEDIATE for writes, readers that never block
a writer, and clear errors for locations SQLite cannot serve (network share, read-only folder, locked file)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desk.domain.errors import DatabaseLocked, DatabaseOnNetwork
from desk.services.context import ServiceContext
from desk.storage import engine as engine_module
from desk.storage.engine import BUSY_TIMEOUT_MS, Database, is_network_path
from desk.storage.location import Location
from desk.storage.migrate import upgrade
from desk.storage.models import Closure, OpeningHours

NOW = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)


def _open_sqlite(path: Path) -> Database:
    db = Database(Location(data_dir=path.parent / "data", url=f"sqlite:///{path}"), create=True)
    upgrade(db, path.parent / "data" / "backups", NOW)
    return db


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite3"


@pytest.fixture
def db(sqlite_path: Path) -> Iterator[Database]:
    database = _open_sqlite(sqlite_path)
    try:
        yield database
    finally:
        database.dispose()


@contextlib.contextmanager
def _raw(path: Path, timeout: float = 0) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection with its own transaction control: another desk, as far as SQLite knows."""
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


PRAGMAS = ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
EXPECTED_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS, "synchronous": 2}


def _session_pragmas(s: Session) -> dict[str, object]:
    return {name: s.connection().exec_driver_sql(f"PRAGMA {name}").scalar() for name in PRAGMAS}


def _dbapi_pragmas(conn: Any) -> dict[str, object]:
    return {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in PRAGMAS}


def _closure_count(s: Session) -> int:
    return int(s.execute(select(func.count()).select_from(Closure)).scalar_one())


# -- pragmas -------------------------------------------------------------------------------------------------------

def test_production_busy_timeout_is_at_least_five_seconds() -> None:
    assert BUSY_TIMEOUT_MS >= 5000


def test_every_sqlite_connection_has_the_pragmas(db: Database) -> None:
    for engine in (db.engine, db.read_engine):
        # Three pool connections held at once, so each is a separate SQLite connection, set up by the hook.
        connections = [engine.raw_connection() for _ in range(3)]
        try:
            assert len({id(c.driver_connection) for c in connections}) == 3
            for conn in connections:
                assert _dbapi_pragmas(conn.driver_connection) == EXPECTED_PRAGMAS
        finally:
            for conn in connections:
                conn.close()
    with db.write() as s:
        assert _session_pragmas(s) == EXPECTED_PRAGMAS
    with db.read() as s:
        assert _session_pragmas(s) == EXPECTED_PRAGMAS


def test_foreign_keys_are_enforced(ctx: ServiceContext) -> None:
    with pytest.raises(sa_exc.IntegrityError), ctx.db.write() as s:
        s.add(OpeningHours(base_id=12345, weekday=0, opens=dt.time(9), closes=dt.time(17)))
        s.flush()


# -- transactions --------------------------------------------------------------------------------------------------

def test_write_transaction_holds_the_write_lock_from_its_start(db: Database, sqlite_path: Path) -> None:
    with db.write() as s, _raw(sqlite_path) as other:
        s.execute(select(func.count()).select_from(Closure))  # only a read: a deferred BEGIN would lock nothing
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            other.execute("BEGIN IMMEDIATE")
    with _raw(sqlite_path) as other:  # released at commit
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")


def test_read_session_takes_no_write_lock(db: Database, sqlite_path: Path) -> None:
    with db.read() as s, _raw(sqlite_path) as other:
        s.execute(select(func.count()).select_from(Closure))
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")


def test_reader_does_not_block_a_writer(db: Database) -> None:
    with db.write() as w:
        w.execute(text("INSERT INTO service_base (code, name, address, timezone, is_demo, created_at) "
                       "VALUES ('MH', '明华', '', 'Asia/Shanghai', 0, '2026-11-28 02:00:00')"))
    with db.read() as reader:
        before = _closure_count(reader)
        started = time.monotonic()
        with db.write() as writer:
            writer.add(Closure(base_id=1, start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 12, 1),
                               reason="消防检查", created_at=NOW))
        assert time.monotonic() - started < 1
        assert _closure_count(reader) == before  # the open read transaction keeps its snapshot
    with db.read() as s:
        assert _closure_count(s) == before + 1


def test_locked_database_raises_database_locked(sqlite_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 300)
    database = _open_sqlite(sqlite_path)
    try:
        with _raw(sqlite_path) as other:
            other.execute("BEGIN EXCLUSIVE")
            started = time.monotonic()
            with pytest.raises(DatabaseLocked) as error, database.write() as s:
                s.execute(text("SELECT 1"))
            waited = time.monotonic() - started
            assert error.value.params["location"] == str(sqlite_path)
            assert 0.25 <= waited < 5, f"waited {waited:.2f}s instead of the busy timeout"
            with database.read() as s:  # in WAL readers still get through
                assert _closure_count(s) == 0
            other.execute("ROLLBACK")
        with database.write() as s:  # and writing works again once the other desk lets go
            s.execute(text("SELECT 1"))
    finally:
        database.dispose()


# -- locations -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", ["//server/share/desk.sqlite3", "\\\\server\\share", "\\\\server\\share\\desk.sqlite3"])
def test_unc_paths_are_network_paths(raw: str) -> None:
    assert is_network_path(Path(raw))


def test_local_path_is_not_a_network_path(tmp_path: Path) -> None:
    assert not is_network_path(tmp_path / "desk.sqlite3")


@pytest.mark.parametrize("url", ["sqlite:///\\\\server\\share\\desk.sqlite3", "sqlite://///server/share/desk.sqlite3"])
def test_database_on_a_share_is_refused(tmp_path: Path, url: str) -> None:
    """A UNC path as a Windows desk writes it; nothing is created."""
    with pytest.raises(DatabaseOnNetwork):
        Database(Location(data_dir=tmp_path, url=url), create=True)
    assert list(tmp_path.iterdir()) == []


_OPEN_AS_NOBODY = """
import json, os, sys, tempfile
from pathlib import Path
from sqlalchemy import text
from desk.domain.errors import DeskError
from desk.storage.engine import Database
from desk.storage.location import Location

# Everything the check needs is loaded (and the driver used once) before the privileges go.
with tempfile.TemporaryDirectory() as scratch:
    warm = Database(Location(Path(scratch), "sqlite:///" + scratch + "/warm.sqlite3"), create=True)
    with warm.write() as s:
        s.execute(text("CREATE TABLE probe (x INTEGER)"))
    warm.dispose()
if os.getuid() == 0:
    import pwd
    nobody = pwd.getpwnam("nobody")
    os.setgroups([])
    os.setgid(nobody.pw_gid)
    os.setuid(nobody.pw_uid)
results = {}
for path in sys.argv[1:]:
    try:
        db = Database(Location(Path(path).parent, "sqlite:///" + path), create=True)
        try:
            with db.write() as s:
                s.execute(text("CREATE TABLE IF NOT EXISTS probe (x INTEGER)"))
        finally:
            db.dispose()
        results[path] = "ok"
    except DeskError as error:
        results[path] = error.code
print(json.dumps(results))
"""


def test_read_only_folder_is_refused(tmp_path: Path) -> None:
    """Run as a user who may not write there. Root may write anywhere, so as root the check runs in a
    subprocess that drops to `nobody` once its imports are done (the project may sit where nobody cannot read)."""
    if not hasattr(os, "getuid"):
        pytest.skip("needs POSIX users and permissions")
    as_root = os.getuid() == 0
    if as_root:
        import pwd

        try:
            pwd.getpwnam("nobody")
        except KeyError:
            pytest.skip("running as root and there is no user 'nobody' to run the check as")

    top = Path(tempfile.mkdtemp(prefix="desk-ro-"))  # not in tmp_path: pytest makes that private to its user
    read_only, writable = top / "read-only", top / "writable"
    try:
        read_only.mkdir()
        writable.mkdir()
        existing = _open_sqlite(read_only / "existing.sqlite3")
        existing.dispose()
        top.chmod(0o755)
        writable.chmod(0o777)
        if not as_root:
            read_only.chmod(0o555)
        paths = {
            "new file": read_only / "new.sqlite3",
            "new folder": read_only / "sub" / "new.sqlite3",
            "existing file": read_only / "existing.sqlite3",
            "writable folder": writable / "desk.sqlite3",
        }
        result = subprocess.run([sys.executable, "-c", _OPEN_AS_NOBODY, *map(str, paths.values())],
                                capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stderr
        codes = json.loads(result.stdout)
        assert {label: codes[str(path)] for label, path in paths.items()} == {
            "new file": "database_read_only",
            "new folder": "database_read_only",
            "existing file": "database_read_only",
            "writable folder": "ok",  # the same user can open a database where it may write
        }
    finally:
        read_only.chmod(0o755)
        shutil.rmtree(top, ignore_errors=True)
