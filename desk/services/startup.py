"""Services layer: opening a database for use — create it if asked, back it up and upgrade it to head."""

from __future__ import annotations

from desk.domain.clock import Clock
from desk.services.context import ServiceContext
from desk.storage.engine import Database
from desk.storage.location import Location
from desk.storage.migrate import MigrationResult, upgrade


def open_database(location: Location, clock: Clock, *, create: bool, base_code: str | None = None,
                  ) -> tuple[ServiceContext, MigrationResult]:
    location.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(location, create=create)
    try:
        result = upgrade(database, location.backups_dir, clock.now())
    except BaseException:
        database.dispose()
        raise
    return ServiceContext(database, clock, location, base_code), result
