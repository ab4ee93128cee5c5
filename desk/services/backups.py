"""Services layer: backups — on demand, daily automatic (last 14 kept), and restore with verification."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from desk.domain.errors import BackupNotSupported, DatabaseMissing
from desk.domain.staff import Actor, Role
from desk.services import audit
from desk.services.context import ServiceContext
from desk.storage import backup as files
from desk.storage.probe import KNOWN_REVISIONS

DAILY_PREFIX = "daily-"
MANUAL_PREFIX = "manual-"
BEFORE_RESTORE_PREFIX = "before-restore-"
BEFORE_UPGRADE_PREFIX = "before-upgrade-"
KEEP_DAILY = 14


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size_bytes: int
    modified: dt.datetime
    automatic: bool

    @property
    def kind(self) -> str:
        """Why the file exists: "daily", "manual", "before_restore", "before_upgrade" or "other"."""
        for prefix, kind in ((DAILY_PREFIX, "daily"), (MANUAL_PREFIX, "manual"),
                             (BEFORE_RESTORE_PREFIX, "before_restore"), (BEFORE_UPGRADE_PREFIX, "before_upgrade")):
            if self.path.name.startswith(prefix):
                return kind
        return "other"


class BackupService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    @property
    def supported(self) -> bool:
        return self._ctx.location.sqlite_path is not None

    @property
    def folder(self) -> Path:
        return self._ctx.location.backups_dir

    def backup_now(self, actor: Actor, destination: Path | None = None) -> Path:
        actor.require(Role.ADMIN, action="backup")
        source = self._source()
        now = self._ctx.clock.now()
        target = destination or self.folder / f"{MANUAL_PREFIX}{now:%Y%m%d-%H%M%S}{files.BACKUP_SUFFIX}"
        if target.is_dir():
            target = target / f"desk-{now:%Y%m%d-%H%M%S}{files.BACKUP_SUFFIX}"
        files.backup_sqlite(source, target)
        with self._ctx.db.write() as s:
            audit.record(s, now, actor, "backup_made", "database", "", str(target))
        return target

    def daily_backup_if_due(self) -> Path | None:
        """Called at start and by a timer: one backup per calendar day (UTC), the newest 14 kept."""
        if not self.supported:
            return None
        now = self._ctx.clock.now()
        name = f"{DAILY_PREFIX}{now:%Y%m%d}{files.BACKUP_SUFFIX}"
        target = self.folder / name
        if target.exists():
            return None
        files.backup_sqlite(self._source(), target)
        files.prune(self.folder, DAILY_PREFIX, KEEP_DAILY)
        return target

    def list_backups(self) -> list[BackupInfo]:
        infos = []
        for path in reversed(files.list_backups(self.folder)):
            stat = path.stat()
            infos.append(BackupInfo(path, stat.st_size, dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC),
                                    path.name.startswith(DAILY_PREFIX)))
        return infos

    def verify(self, source: Path) -> str:
        return files.verify_desk_file(source, KNOWN_REVISIONS)

    def restore(self, actor: Actor, source: Path) -> Path:
        """Replace the database with `source` after checking it; the current data is backed up first."""
        actor.require(Role.ADMIN, action="restore")
        live = self._source()
        self.verify(source)
        now = self._ctx.clock.now()
        safety = files.backup_sqlite(
            live, self.folder / f"{BEFORE_RESTORE_PREFIX}{now:%Y%m%d-%H%M%S}{files.BACKUP_SUFFIX}")
        self._ctx.db.dispose()
        files.restore_sqlite(source, live)
        # The restored data may not hold this staff row (or hold someone else under its id): name, no link.
        who = replace(actor, staff_id=None)
        with self._ctx.db.write() as s:
            audit.record(s, now, who, "database_restored", "database", "", f"from {source}; previous data in {safety}")
        return safety

    def _source(self) -> Path:
        path = self._ctx.location.sqlite_path
        if path is None:
            raise BackupNotSupported(location=self._ctx.location.display)
        if not path.exists():
            raise DatabaseMissing(location=str(path))
        return path
