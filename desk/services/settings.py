"""Services layer: settings shared by every desk of the database (stored in the `setting` table)."""

from __future__ import annotations

import json

from desk.domain.errors import OutOfRange
from desk.domain.staff import Actor, Role
from desk.services import audit
from desk.services.context import ServiceContext
from desk.storage.models import Setting

# key: (default, minimum, maximum)
INTEGER_SETTINGS: dict[str, tuple[int, int, int]] = {
    "visitor_retention_days": (180, 7, 3650),
}


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get_int(self, key: str) -> int:
        default, _low, _high = INTEGER_SETTINGS[key]
        with self._ctx.db.read() as s:
            row = s.get(Setting, key)
            return int(json.loads(row.value)) if row else default

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
