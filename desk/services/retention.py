"""Services layer: retention of visitors' personal data (PIPL). People who are not points members and have not
visited for the retention period lose their name and phone; their visits and every count stay."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, func, select, update

from desk.domain.staff import Actor, Role
from desk.services import audit
from desk.services.context import ServiceContext
from desk.services.settings import SettingsService
from desk.storage.models import Person, Visit

RETENTION_KEY = "visitor_retention_days"


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

    def set_days(self, actor: Actor, days: int) -> int:
        return self._settings.set_int(actor, RETENTION_KEY, days)

    def preview(self) -> PurgeResult:
        cutoff = self._cutoff()
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
            result = s.execute(
                update(Person).where(_due(cutoff)).values(
                    name=None, phone=None, phone_last4=None, party_branch="", note="", anonymised_at=now)
                .execution_options(synchronize_session=False)
            )
            count = int(result.rowcount)  # type: ignore[attr-defined]
            if count:
                audit.record(s, now, actor, "people_anonymised", "person", "",
                             f"{count} people with no visit since {cutoff:%Y-%m-%d}")
        return PurgeResult(cutoff, count, False)

    def _cutoff(self) -> dt.datetime:
        return self._ctx.clock.now() - dt.timedelta(days=self.days)


def _due(cutoff: dt.datetime) -> ColumnElement[bool]:
    recent_visit = exists().where(Visit.person_id == Person.id, Visit.checked_in_at >= cutoff)
    return (Person.member_no.is_(None) & Person.anonymised_at.is_(None) & (Person.created_at < cutoff)
            & ~recent_visit)
