"""Services layer: settings shared by every desk of the database (stored in the `setting` table)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from desk.domain.errors import OutOfRange
from desk.domain.staff import Actor, Role
from desk.services import audit
from desk.services.context import ServiceContext
from desk.storage.models import Setting

# key: (default, minimum, maximum)
INTEGER_SETTINGS: dict[str, tuple[int, int, int]] = {
    "visitor_retention_days": (180, 7, 3650),
    # No-show rule: this many no-shows within 30 days suspend a person from booking for that many days.
    "no_show_limit": (3, 1, 20),
    "no_show_suspension_days": (7, 1, 365),
    # 红色积分: days until earned points expire (0: never, the default: many communities roll points over), and
    # the most points one member may earn per local day and per month (0: no cap).
    "points_expiry_days": (0, 0, 3650),
    "points_daily_cap": (0, 0, 100_000),
    "points_monthly_cap": (0, 0, 1_000_000),
}

# key: default
BOOLEAN_SETTINGS: dict[str, bool] = {
    # An administrator has saved the retention period once: only then does the daily purge run by itself.
    "visitor_retention_confirmed": False,
    # An expired, unredeemed voucher gives its points back (the member did not get the goods).
    "voucher_expiry_refund": True,
}


def read_value(where: Session | Connection, key: str) -> Any | None:
    """A setting's stored value inside the caller's transaction (a session or a bare connection); None when it
    was never written."""
    stored = where.execute(select(Setting.value).where(Setting.key == key)).scalar_one_or_none()
    return json.loads(stored) if stored is not None else None


def read_int(where: Session | Connection, key: str) -> int:
    """A whole-number setting inside the caller's transaction, its default when it was never written."""
    value = read_value(where, key)
    return INTEGER_SETTINGS[key][0] if value is None else int(value)


def read_bool(where: Session | Connection, key: str) -> bool:
    """A yes/no setting inside the caller's transaction, its default when it was never written."""
    value = read_value(where, key)
    return BOOLEAN_SETTINGS[key] if value is None else bool(value)


def write_value(s: Session, key: str, value: Any) -> str | None:
    """Store a setting inside the caller's transaction; returns the JSON it replaced (None if new). Writes
    nothing when the value is unchanged."""
    text = json.dumps(value)
    row = s.get(Setting, key)
    old = row.value if row else None
    if row is None:
        s.add(Setting(key=key, value=text))
    elif old != text:
        row.value = text
    return old


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get_int(self, key: str) -> int:
        with self._ctx.db.read() as s:
            return read_int(s, key)

    def set_int(self, actor: Actor, key: str, value: int) -> int:
        actor.require(Role.ADMIN, action="edit_settings")
        _default, low, high = INTEGER_SETTINGS[key]
        if not low <= value <= high:
            raise OutOfRange(key, minimum=low, maximum=high)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            row = s.get(Setting, key)
            old = row.value if row else None
            if row is None:
                s.add(Setting(key=key, value=json.dumps(value)))
            else:
                row.value = json.dumps(value)
            if old != json.dumps(value):
                audit.record(s, now, actor, "setting_changed", "setting", key, f"{old} → {value}")
        return value

    def get_bool(self, key: str) -> bool:
        with self._ctx.db.read() as s:
            return read_bool(s, key)

    def set_bool(self, actor: Actor, key: str, value: bool) -> bool:
        actor.require(Role.ADMIN, action="edit_settings")
        if key not in BOOLEAN_SETTINGS:
            raise KeyError(key)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            old = write_value(s, key, bool(value))
            if old != json.dumps(bool(value)):
                audit.record(s, now, actor, "setting_changed", "setting", key, f"{old} → {json.dumps(bool(value))}")
        return bool(value)
