"""Services layer: retention of visitors' personal data (PIPL). People who are not points members and have not
visited for the retention period lose their name and phone; their visits and every count stay.

The daily run (`run_daily`, called by an in-app timer) starts only once an administrator has saved the period
in the settings, where a preview shows who would be anonymised: nobody's data goes before someone has seen that.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, func, select, update
from sqlalchemy.orm import Session

from desk.domain.errors import OutOfRange
from desk.domain.staff import Actor, Role
from desk.services import audit
from desk.services.bases import current_base
from desk.services.context import ServiceContext
from desk.services.settings import INTEGER_SETTINGS, SettingsService, read_value, write_value
from desk.storage.models import Person, Visit

RETENTION_KEY = "visitor_retention_days"
CONFIRMED_KEY = "visitor_retention_confirmed"
LAST_RUN_KEY = "visitor_retention_last_run"  # the base's local date of the last daily run


@dataclass(frozen=True)
class PurgeResult:
    cutoff: dt.datetime
    people: int
    dry_run: bool


class RetentionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._settings = SettingsService(ctx)

    @property
    def days(self) -> int:
        return self._settings.get_int(RETENTION_KEY)

    @property
    def confirmed(self) -> bool:
        """An administrator has saved the period at least once, so the daily run may anonymise."""
        return self._settings.get_bool(CONFIRMED_KEY)

    def set_days(self, actor: Actor, days: int) -> int:
        """Save the period (audited when it changes); saving it also confirms the daily run."""
        actor.require(Role.ADMIN, action="edit_settings")
        _default, low, high = INTEGER_SETTINGS[RETENTION_KEY]
        if not low <= days <= high:
            raise OutOfRange(RETENTION_KEY, minimum=low, maximum=high)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            old = write_value(s, RETENTION_KEY, days)
            if old != str(days):
                audit.record(s, now, actor, "setting_changed", "setting", RETENTION_KEY, f"{old} → {days}")
            # Saved once, confirmed for good: the event above (its first one) records who and when.
            write_value(s, CONFIRMED_KEY, True)
        return days

    def preview(self, days: int | None = None) -> PurgeResult:
        """Who would be anonymised now with the saved period, or with `days` (the value being edited)."""
        if days is not None:
            _default, low, high = INTEGER_SETTINGS[RETENTION_KEY]
            if not low <= days <= high:
                raise OutOfRange(RETENTION_KEY, minimum=low, maximum=high)
        cutoff = self._ctx.clock.now() - dt.timedelta(days=days if days is not None else self.days)
        with self._ctx.db.read() as s:
            count = s.execute(select(func.count()).select_from(Person).where(_due(cutoff))).scalar_one()
        return PurgeResult(cutoff, int(count), True)

    def purge(self, actor: Actor | None, dry_run: bool = False) -> PurgeResult:
        """Anonymise everyone due. Run daily by the in-app timer (actor None) and by `desk purge`."""
        if actor is not None:
            actor.require(Role.ADMIN, action="purge")
        if dry_run:
            return self.preview()
        cutoff = self._cutoff()
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            count = _anonymise(s, cutoff, now, actor)
        return PurgeResult(cutoff, count, False)

    def run_daily(self) -> PurgeResult | None:
        """The in-app timer's rule: once per local day of the base, and only after an administrator confirmed
        the period, anonymise everyone due. None when there was nothing to do today."""
        with self._ctx.db.read() as s:
            if not read_value(s, CONFIRMED_KEY):
                return None
        now = self._ctx.clock.now()
        cutoff = self._cutoff()
        with self._ctx.db.write() as s:
            audit.lock_chain(s)  # two desks' timers: the second waits here, then sees today's run
            today = now.astimezone(zoneinfo.ZoneInfo(current_base(s, self._ctx.base_code).timezone)).date()
            if read_value(s, LAST_RUN_KEY) == today.isoformat():
                return None
            count = _anonymise(s, cutoff, now, None)
            write_value(s, LAST_RUN_KEY, today.isoformat())
        return PurgeResult(cutoff, count, False)

    def _cutoff(self) -> dt.datetime:
        return self._ctx.clock.now() - dt.timedelta(days=self.days)


def _anonymise(s: Session, cutoff: dt.datetime, now: dt.datetime, actor: Actor | None) -> int:
    result = s.execute(
        update(Person).where(_due(cutoff)).values(
            name=None, phone=None, phone_last4=None, party_branch="", note="", anonymised_at=now)
        .execution_options(synchronize_session=False)
    )
    count = int(result.rowcount)  # type: ignore[attr-defined]
    if count:
        audit.record(s, now, actor, "people_anonymised", "person", "",
                     f"{count} people with no visit since {cutoff:%Y-%m-%d}")
    return count


def _due(cutoff: dt.datetime) -> ColumnElement[bool]:
    recent_visit = exists().where(Visit.person_id == Person.id, Visit.checked_in_at >= cutoff)
    return (Person.member_no.is_(None) & Person.anonymised_at.is_(None) & (Person.created_at < cutoff)
            & ~recent_visit)
