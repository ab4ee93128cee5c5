"""Storage layer: bring a database to the schema this program expects (Alembic, programmatically).

An existing SQLite database is backed up before any migration touches it; a database written by a newer
program is refused rather than guessed at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from desk.domain.errors import DatabaseTooNew, NotADeskDatabase
from desk.storage.backup import backup_sqlite
from desk.storage.engine import Database, translate_errors

PROJECT_DIR = Path(__file__).resolve().parents[2]
MIGRATIONS_DIR = PROJECT_DIR / "db"


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(database: Database) -> str | None:
    with translate_errors(database.location.display), database.engine.connect() as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
        if revision is None and inspect(conn).get_table_names():
            raise NotADeskDatabase(location=database.location.display)
        return revision


def upgrade(database: Database, backups_dir: Path, now: dt.datetime) -> MigrationResult:
    """Upgrade to head. An existing SQLite file is copied to `backups_dir` first."""
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    current = current_revision(database)
    if current == head:
        return MigrationResult(current, head, None)
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise DatabaseTooNew(location=database.location.display, revision=current)
    backup = None
    path = database.location.sqlite_path
    if current is not None and path is not None:
        stamp = now.strftime("%Y%m%d-%H%M%S")
        backup = backup_sqlite(path, backups_dir / f"before-upgrade-{current}-{stamp}.sqlite3")
    config = alembic_config()
    with translate_errors(database.location.display), database.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return MigrationResult(current, head, backup)
