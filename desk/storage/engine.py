"""Storage layer: the database handle.

SQLite: WAL, foreign keys, busy timeout, synchronous=FULL on every connection; write transactions start with
BEGIN IMMEDIATE (a deferred BEGIN turns read-then-write races into "database is locked"), reads stay deferred so
they never wait for a writer. PostgreSQL: one engine, races settled by constraints and row locks.
Driver errors that describe the database as a whole become `DatabaseError`s with a clear code.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from desk.domain.errors import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseOnNetwork,
    DatabaseReadOnly,
    DatabaseUnreachable,
)
from desk.storage.location import Location
from desk.storage.prepared import run_driver_sql

BUSY_TIMEOUT_MS = 5000
_NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "sshfs", "afs", "9p", "davfs", "ncpfs"}


class Database:
    """Engines and session factories for one database. Services open sessions; views never do."""

    def __init__(self, location: Location, *, create: bool = False) -> None:
        self.location = location
        self.url = location.url
        self._display = location.display  # worked out once: every transaction names it for its error messages
        if location.is_sqlite:
            path = location.sqlite_path
            if path is not None:
                check_sqlite_path(path, location.display, create=create)
            self.engine = _sqlite_engine(self.url, immediate=True)
            self.read_engine = _sqlite_engine(self.url, immediate=False)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
            self.read_engine = self.engine
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        self._read = sessionmaker(self.read_engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any exception."""
        with translate_errors(self._display), self._write.begin() as session:
            yield session

    @contextlib.contextmanager
    def write_core(self) -> Iterator[Connection]:
        """A write transaction on a bare connection, for the busiest writes (check-in): no ORM session to build."""
        with translate_errors(self._display), self.engine.begin() as connection:
            yield connection

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with translate_errors(self._display), self._read() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from pysqlite so the "begin" hook below decides how a transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # On the driver itself: every write transaction starts here, and SQLAlchemy's statement path would cost
        # more than the BEGIN. A busy database still comes back as SQLAlchemy's OperationalError.
        run_driver_sql(conn, begin)

    return engine


def check_sqlite_path(path: Path, display: str, *, create: bool) -> None:
    """Refuse locations where SQLite cannot keep its promises, before anything is written there."""
    if is_network_path(path):
        raise DatabaseOnNetwork(location=display)
    if not path.exists():
        if not create:
            raise DatabaseMissing(location=display)
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            raise DatabaseReadOnly(location=display) from None
        if not os.access(folder, os.W_OK):
            raise DatabaseReadOnly(location=display)
        return
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        # WAL needs to create -wal and -shm files beside the database.
        raise DatabaseReadOnly(location=display)


def is_network_path(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(path)
    return _mount_type(path) in _NETWORK_FILESYSTEMS


def _windows_drive_is_remote(path: Path) -> bool:  # pragma: no cover - exercised on Windows desks only
    import ctypes

    drive = path.resolve().anchor
    drive_remote = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote)  # type: ignore[attr-defined]


def _mount_type(path: Path) -> str:
    try:
        lines = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return ""
    target = str(path.resolve())
    best, best_type = "", ""
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def describe_driver_error(error: BaseException, location: str) -> DatabaseError | None:
    """Map a driver error about the database as a whole to a `DatabaseError`; None for anything else."""
    text = str(getattr(error, "orig", error)).lower()
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseLocked(location=location)
    if "file is not a database" in text or "malformed" in text or "file is encrypted" in text:
        return DatabaseCorrupt(location=location)
    if "readonly database" in text or "read-only" in text:
        return DatabaseReadOnly(location=location)
    if "unable to open database" in text:
        return DatabaseReadOnly(location=location)
    if isinstance(error, sa_exc.OperationalError) and (
        "connection" in text or "could not translate host" in text or "timeout expired" in text
    ):
        return DatabaseUnreachable(location=location, detail=str(getattr(error, "orig", error)).strip()[:200])
    return None


@contextlib.contextmanager
def translate_errors(location: str) -> Iterator[None]:
    try:
        yield
    except (sa_exc.OperationalError, sa_exc.DatabaseError) as error:
        mapped = describe_driver_error(error, location)
        if mapped is None or isinstance(error, sa_exc.IntegrityError):
            raise
        raise mapped from error
