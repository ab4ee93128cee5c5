"""The daily retention run on both backends: nothing before an administrator saved the period; then once per
local day of the base, as the system; and the preview of a period being edited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desk.domain.clock import FixedClock
from desk.domain.errors import OutOfRange
from desk.domain.people import Category, Purpose
from desk.domain.staff import Actor
from desk.services.audit import AuditService
from desk.services.context import ServiceContext
from desk.services.people import PeopleService, PersonForm
from desk.services.retention import RetentionService
from desk.services.settings import SettingsService
from desk.services.visits import VisitService
from desk.storage.models import Person

START = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)  # 10:00 in the base's zone


def _person(ctx: ServiceContext, admin: Actor, clock: FixedClock, name: str, registered: dt.datetime,
            visited: dt.datetime | None = None) -> int:
    clock.set(registered)
    person_id = PeopleService(ctx).register(admin, PersonForm(name, "", Category.RESIDENT)).id
    if visited is not None:
        clock.set(visited)
        VisitService(ctx).check_in(admin, person_id, Purpose.READING)
    clock.set(START)
    return person_id


def _anonymised(ctx: ServiceContext) -> int:
    with ctx.db.read() as s:
        return int(s.execute(select(func.count()).select_from(Person).where(Person.anonymised_at.is_not(None)))
                   .scalar_one())


def test_nothing_runs_before_the_period_was_saved(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> None:
    _person(ctx, admin, clock, "甲", START - dt.timedelta(days=400))
    retention = RetentionService(ctx)
    assert not retention.confirmed
    assert retention.preview().people == 1  # due, but nobody has looked at the preview yet
    assert retention.run_daily() is None
    assert _anonymised(ctx) == 0


def test_saving_the_period_confirms_it(ctx: ServiceContext, admin: Actor) -> None:
    retention = RetentionService(ctx)
    retention.set_days(admin, 180)  # the default, saved explicitly
    assert retention.confirmed and retention.days == 180
    assert SettingsService(ctx).get_bool("visitor_retention_confirmed") is True
    assert [e.summary for e in AuditService(ctx).recent(1)] == ["None → 180"]


def test_once_per_local_day(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> None:
    day = dt.timedelta(days=1)
    _person(ctx, admin, clock, "甲", START - 400 * day)
    # Last came 179 days and 14 hours before START: due at 00:00 local on the 29th is not yet, on the 30th it is.
    _person(ctx, admin, clock, "乙", START - 400 * day, START - 179 * day + dt.timedelta(hours=10))
    retention = RetentionService(ctx)
    retention.set_days(admin, 180)

    first = retention.run_daily()
    assert first is not None and (first.people, first.dry_run) == (1, False)
    events = AuditService(ctx).recent(1)
    assert (events[0].actor, events[0].action) == ("system", "people_anonymised")
    clock.advance(hours=13)  # 23:00 local, the same day
    assert retention.run_daily() is None
    clock.set(dt.datetime(2026, 11, 28, 16, 1, tzinfo=dt.UTC))  # 00:01 local on the 29th
    again = retention.run_daily()
    assert again is not None and again.people == 0  # a new day runs, even with nobody due
    assert retention.run_daily() is None
    clock.set(dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.UTC))
    assert retention.run_daily().people == 1  # type: ignore[union-attr]
    assert _anonymised(ctx) == 2


def test_preview_of_a_period_being_edited(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> None:
    _person(ctx, admin, clock, "甲", START - dt.timedelta(days=400), START - dt.timedelta(days=100))
    retention = RetentionService(ctx)
    assert retention.preview().people == 0
    result = retention.preview(30)
    assert (result.people, result.cutoff) == (1, START - dt.timedelta(days=30))
    assert retention.days == 180  # a preview saves nothing
    for days in (6, 3651):
        with pytest.raises(OutOfRange):
            retention.preview(days)
