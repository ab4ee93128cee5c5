"""Services layer: what every service needs — the database, the clock and where the data folder is."""

from __future__ import annotations

from dataclasses import dataclass

from desk.domain.clock import Clock
from desk.storage.engine import Database
from desk.storage.location import Location


@dataclass(frozen=True)
class ServiceContext:
    db: Database
    clock: Clock
    location: Location
    # The base this desk works for (its code); None means the database's first base.
    base_code: str | None = None
