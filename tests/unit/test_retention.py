"""Retention of visitors' personal data on both backends: the period setting, the preview, and the purge that
anonymises non-members who have not visited for the period while every visit and count stays."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from desk.domain.clock import FixedClock
from desk.domain.errors import OutOfRange, PermissionDenied
from desk.domain.people import Category, Purpose
from desk.domain.staff import Actor, Role
from desk.services.audit import AuditRow, AuditService
from desk.services.auth import AuthService
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.people import PeopleService, PersonForm
from desk.services.retention import RETENTION_KEY, RetentionService
from desk.services.settings import SettingsService
from desk.services.staff import StaffService
from desk.services.visits import VisitService
from desk.storage.models import AuditEvent, Person, Setting, Visit

PASSWORD = "hongse-desk-2026"
START = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)
DAYS = 180
CUTOFF = START - dt.timedelta(days=DAYS)


# -- helpers -------------------------------------------------------------------------------------------------------

def _counts(ctx: ServiceContext) -> dict[str, int]:
    with ctx.db.read() as s:
        return {model.__tablename__: int(s.execute(select(func.count()).select_from(model)).scalar_one())
                for model in (Person, Visit, AuditEvent, Setting)}


def _events_since(ctx: ServiceContext, seq: int) -> list[AuditRow]:
    return [row for row in reversed(AuditService(ctx).recent(1000)) if row.seq > seq]


def _last_seq(ctx: ServiceContext) -> int:
    rows = AuditService(ctx).recent(1)
    return rows[0].seq if rows else 0


def _people(ctx: ServiceContext) -> dict[int, Person]:
    with ctx.db.read() as s:
        return {p.id: p for p in s.execute(select(Person)).scalars()}


def _visits_by_category(ctx: ServiceContext) -> dict[tuple[int | None, str], int]:
    with ctx.db.read() as s:
        rows = s.execute(select(Visit.person_id, Visit.category, func.count()).group_by(Visit.person_id,
                                                                                       Visit.category)).all()
        return {(person_id, category): int(n) for person_id, category, n in rows}


def _desk(ctx: ServiceContext, admin: Actor) -> Actor:
    StaffService(ctx).add(admin, "lixiaomei", "李晓梅", Role.DESK, PASSWORD, PASSWORD)
    return AuthService(ctx).login("lixiaomei", PASSWORD)


class Town:
    """People registered and visiting at chosen moments, then the clock back at START."""

    def __init__(self, ctx: ServiceContext, admin: Actor, clock: FixedClock) -> None:
        self.ctx, self.admin, self.clock = ctx, admin, clock
        self.ids: dict[str, int] = {}

    def person(self, key: str, registered: dt.datetime, visits: tuple[dt.datetime, ...] = (),
               category: Category = Category.RESIDENT, member_no: str | None = None) -> int:
        self.clock.set(registered)
        phone = f"1390000{len(self.ids):04d}"
        person_id = PeopleService(self.ctx).register(self.admin, PersonForm(
            f"测试{key}", phone, category, party_branch="明华社区第一党支部")).id
        for at in visits:
            self.clock.set(at)
            visit = VisitService(self.ctx).check_in(self.admin, person_id, Purpose.READING)
            self.clock.set(at + dt.timedelta(minutes=30))
            VisitService(self.ctx).check_out(self.admin, [visit.id])
        if member_no is not None:  # given when they join the points scheme
            with self.ctx.db.write() as s:
                s.execute(update(Person).where(Person.id == person_id).values(member_no=member_no))
        self.clock.set(START)
        self.ids[key] = person_id
        return person_id


@pytest.fixture
def town(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> Town:
    """Who is due after 180 days (cutoff = START − 180 d): `old`, `old_visit`, `old_party`, `just_before`."""
    t = Town(ctx, admin, clock)
    day = dt.timedelta(days=1)
    t.person("old", START - 400 * day)
    t.person("old_visit", START - 400 * day, (START - 300 * day, START - 181 * day))
    t.person("old_party", START - 200 * day, (START - 190 * day,), category=Category.PARTY_MEMBER)
    t.person("just_before", CUTOFF - dt.timedelta(seconds=1))
    t.person("recent_visit", START - 400 * day, (START - 300 * day, START - 10 * day))
    t.person("visit_at_cutoff", START - 400 * day, (CUTOFF,))
    t.person("registered_at_cutoff", CUTOFF)
    t.person("new", START - 10 * day)
    t.person("member", START - 400 * day, (START - 300 * day,), member_no="MH000001")
    t.person("member_never_visited", START - 400 * day, member_no="MH000002")
    return t


DUE = {"old", "old_visit", "old_party", "just_before"}


# -- the setting ---------------------------------------------------------------------------------------------------

def test_retention_period_defaults_to_180_days(ctx: ServiceContext, admin: Actor) -> None:
    assert RetentionService(ctx).days == 180


@pytest.mark.parametrize("days", [7, 30, 365, 3650])
def test_retention_period_can_be_set_within_bounds(ctx: ServiceContext, admin: Actor, days: int) -> None:
    retention = RetentionService(ctx)
    seq = _last_seq(ctx)
    assert retention.set_days(admin, days) == days
    assert RetentionService(ctx).days == days
    assert [(e.action, e.entity_id, e.summary) for e in _events_since(ctx, seq)] == [
        ("setting_changed", RETENTION_KEY, f"None → {days}")]
    assert RetentionService(ctx).preview().cutoff == START - dt.timedelta(days=days)


def test_setting_the_same_period_again_writes_nothing(ctx: ServiceContext, admin: Actor) -> None:
    retention = RetentionService(ctx)
    retention.set_days(admin, 90)
    seq = _last_seq(ctx)
    retention.set_days(admin, 120)
    assert [e.summary for e in _events_since(ctx, seq)] == ['90 → 120']
    before = _counts(ctx)
    retention.set_days(admin, 120)
    assert _counts(ctx) == before


@pytest.mark.parametrize("days", [-1, 0, 6, 3651, 100_000])
def test_retention_period_out_of_range_writes_nothing(ctx: ServiceContext, admin: Actor, days: int) -> None:
    retention = RetentionService(ctx)
    retention.set_days(admin, 90)
    before = _counts(ctx)
    with pytest.raises(OutOfRange) as raised:
        retention.set_days(admin, days)
    assert (raised.value.field, raised.value.params) == (RETENTION_KEY, {"minimum": 7, "maximum": 3650})
    assert _counts(ctx) == before
    assert retention.days == 90


def test_only_an_admin_sets_the_period(ctx: ServiceContext, admin: Actor) -> None:
    desk = _desk(ctx, admin)
    before = _counts(ctx)
    with pytest.raises(PermissionDenied):
        RetentionService(ctx).set_days(desk, 30)
    with pytest.raises(PermissionDenied):
        SettingsService(ctx).set_int(desk, RETENTION_KEY, 30)
    assert _counts(ctx) == before
    assert RetentionService(ctx).days == 180


# -- preview and purge ---------------------------------------------------------------------------------------------

def test_preview_counts_only_those_due(ctx: ServiceContext, admin: Actor, town: Town) -> None:
    before = _counts(ctx)
    preview = RetentionService(ctx).preview()
    assert (preview.cutoff, preview.people, preview.dry_run) == (CUTOFF, len(DUE), True)
    dry = RetentionService(ctx).purge(admin, dry_run=True)
    assert (dry.people, dry.dry_run) == (len(DUE), True)
    assert _counts(ctx) == before


def test_preview_follows_the_period(ctx: ServiceContext, admin: Actor, town: Town) -> None:
    retention = RetentionService(ctx)
    retention.set_days(admin, 7)
    # Everyone but the members and `new`, whose last visit or registration is 10 days old or older.
    assert retention.preview().people == len(town.ids) - 2
    retention.set_days(admin, 3650)
    assert retention.preview().people == 0


def test_purge_anonymises_exactly_those_due(ctx: ServiceContext, admin: Actor, town: Town) -> None:
    people_before = _people(ctx)
    visits_before = _visits_by_category(ctx)
    seq = _last_seq(ctx)

    result = RetentionService(ctx).purge(admin)

    assert (result.people, result.cutoff, result.dry_run) == (len(DUE), CUTOFF, False)
    after = _people(ctx)
    due_ids = {town.ids[k] for k in DUE}
    for person_id, person in after.items():
        was = people_before[person_id]
        if person_id in due_ids:
            assert (person.name, person.phone, person.phone_last4, person.party_branch, person.note) == (
                None, None, None, "", "")
            assert person.anonymised_at == START
            assert (person.category, person.created_at) == (was.category, was.created_at)  # counts by category stay
        else:
            assert (person.name, person.phone, person.phone_last4, person.party_branch, person.anonymised_at,
                    person.member_no) == (was.name, was.phone, was.phone_last4, was.party_branch, None, was.member_no)
    assert _visits_by_category(ctx) == visits_before
    events = _events_since(ctx, seq)
    assert [(e.action, e.actor, e.entity) for e in events] == [("people_anonymised", "admin", "person")]
    assert events[0].summary == "4 people with no visit since 2026-06-01"
    assert "测试" not in events[0].summary and "1390000" not in events[0].summary
    assert CheckService(ctx).run() == []


def test_a_second_purge_does_nothing(ctx: ServiceContext, admin: Actor, town: Town) -> None:
    retention = RetentionService(ctx)
    assert retention.purge(admin).people == len(DUE)
    before = _counts(ctx)
    assert retention.purge(admin).people == 0
    assert retention.preview().people == 0
    assert _counts(ctx) == before


def test_the_daily_timer_purges_as_the_system(ctx: ServiceContext, admin: Actor, town: Town,
                                              clock: FixedClock) -> None:
    retention = RetentionService(ctx)
    seq = _last_seq(ctx)
    assert retention.purge(None).people == len(DUE)
    assert [(e.action, e.actor) for e in _events_since(ctx, seq)] == [("people_anonymised", "system")]
    # 170 days on, the cutoff is START − 10 d: those at the old cutoff are due, `recent_visit` (visited at
    # START − 10 d) and `new` (registered then) are not yet.
    clock.advance(days=170)
    assert retention.preview().people == 2
    assert retention.purge(None).people == 2
    assert sorted(r.name for r in PeopleService(ctx).search("测试")) == [
        "测试member", "测试member_never_visited", "测试new", "测试recent_visit"]

def test_only_an_admin_purges(ctx: ServiceContext, admin: Actor, town: Town) -> None:
    desk = _desk(ctx, admin)
    before = _counts(ctx)
    with pytest.raises(PermissionDenied):
        RetentionService(ctx).purge(desk)
    with pytest.raises(PermissionDenied):
        RetentionService(ctx).purge(desk, dry_run=True)
    assert _counts(ctx) == before
    assert RetentionService(ctx).preview().people == len(DUE)


def test_purge_of_an_empty_registry_writes_nothing(ctx: ServiceContext, admin: Actor) -> None:
    before = _counts(ctx)
    assert RetentionService(ctx).purge(admin).people == 0
    assert _counts(ctx) == before


def test_visits_of_anonymised_people_still_count(ctx: ServiceContext, admin: Actor, town: Town) -> None:
    RetentionService(ctx).purge(admin)
    with ctx.db.read() as s:
        per_category = dict(s.execute(
            select(Visit.category, func.count()).group_by(Visit.category)).all())
        orphaned = s.execute(select(func.count()).select_from(Visit).where(Visit.person_id.is_(None))).scalar_one()
    assert per_category == {"resident": 6, "party_member": 1}
    assert orphaned == 0  # the visits still point at the (now anonymous) person
