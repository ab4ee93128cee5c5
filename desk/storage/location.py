"""Storage layer: where the data folder and the database are.

`DESK_DATA_DIR` moves the data folder (database, logs, backups, keys); `--db URL` or `DESK_DB` selects another
SQLite file or a PostgreSQL URL.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DB_FILE_NAME = "desk.sqlite3"


@dataclass(frozen=True)
class Location:
    data_dir: Path
    url: str

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        raw = self.url.split(":///", 1)[1] if ":///" in self.url else ""
        return Path(raw) if raw and raw != ":memory:" else None

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def display(self) -> str:
        """The location as it may be shown or logged: the password of a server URL is hidden."""
        return mask_url(self.url) if not self.is_sqlite else str(self.sqlite_path or self.url)


def default_data_dir() -> Path:
    env = os.environ.get("DESK_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs  # only needed when no folder is given

    return Path(platformdirs.user_data_dir("desk", appauthor=False))


def normalise_url(value: str) -> str:
    """Accept a plain file path as well as a SQLAlchemy URL."""
    value = value.strip()
    if "://" in value or value.startswith("sqlite:"):
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            # psycopg 3 is the driver we ship; plain postgresql:// would ask for psycopg2.
            return "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def resolve(db: str | None = None, data_dir: Path | None = None) -> Location:
    folder = data_dir or default_data_dir()
    chosen = db or os.environ.get("DESK_DB")
    url = normalise_url(chosen) if chosen else "sqlite:///" + str(folder / DB_FILE_NAME)
    return Location(data_dir=folder, url=url)


def mask_url(url: str) -> str:
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else f"{scheme}://{user}@{host}"
