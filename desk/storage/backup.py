"""Storage layer: SQLite backups with the online backup API, verification and restore.

The backup API copies a consistent snapshot while other desks keep working; a restore refuses any file that
fails `PRAGMA integrity_check` or is not a desk database.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from desk.domain.errors import (
    BackupFailed,
    DatabaseCorrupt,
    DatabaseMissing,
    DatabaseTooNew,
    NotADeskDatabase,
)

BACKUP_SUFFIX = ".sqlite3"


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy `source` to `destination` (a new file) through SQLite's online backup API."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=5)) as src, \
                contextlib.closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            # A backup should be one self-contained file, not a database plus a -wal file.
            dst.execute("PRAGMA journal_mode = DELETE")
        os.replace(partial, destination)
    except (sqlite3.Error, OSError) as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise BackupFailed(location=str(destination), detail=str(error)[:200]) from None
    return destination


def verify_desk_file(path: Path, known_revisions: tuple[str, ...]) -> str:
    """Integrity-check a file and make sure it is a desk database we can read; returns its revision."""
    if not path.is_file():
        raise DatabaseMissing(location=str(path))
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                raise DatabaseCorrupt(location=str(path))
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"alembic_version", "staff", "audit_event", "service_base"} <= tables:
                raise NotADeskDatabase(location=str(path))
            revisions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.DatabaseError:
        raise DatabaseCorrupt(location=str(path)) from None
    if len(revisions) != 1:
        raise NotADeskDatabase(location=str(path))
    if revisions[0] not in known_revisions:
        raise DatabaseTooNew(location=str(path), revision=revisions[0])
    return revisions[0]


def restore_sqlite(source: Path, destination: Path) -> None:
    """Overwrite the live database `destination` with `source`, page by page, under SQLite's own locking."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=5)) as src, \
                contextlib.closing(sqlite3.connect(destination, timeout=5)) as dst:
            src.backup(dst)
    except sqlite3.Error as error:
        raise BackupFailed(location=str(destination), detail=str(error)[:200]) from None


def list_backups(folder: Path, prefix: str = "") -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(prefix) and p.suffix == BACKUP_SUFFIX)


def prune(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups whose name starts with `prefix` (names sort by time)."""
    old = list_backups(folder, prefix)[:-keep] if keep > 0 else list_backups(folder, prefix)
    for path in old:
        path.unlink(missing_ok=True)
    return old
