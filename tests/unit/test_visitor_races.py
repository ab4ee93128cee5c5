"""Races at the front desks, on both backends: several processes, each with its own engine, released together by
a barrier, doing what several desks might do at the same second. One phone stays one person, a visit is checked
out once, the closing-time timer of every desk closes each visit once, and the audit chain stays unbroken."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from racing import race
from sqlalchemy import func, insert, select

from desk.domain.clock import FixedClock
from desk.domain.people import Category, Purpose, mask_name
from desk.domain.staff import Actor
from desk.services.audit import AuditRow, AuditService, verify_chain
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.people import PeopleService, PersonForm
from desk.services.visits import VisitService
from desk.storage.models import Person, Visit

PROCESSES = 8
CLOSING = dt.datetime(2026, 11, 28, 13, 0, tzinfo=dt.UTC)  # 21:00 at the base
PHONE = "13912345678"
OPEN_AT_CLOSING = 300  # enough that every desk's timer reads the open visits while the first is still writing


# -- what each process does (module level, so the spawned processes can import it) --------------------------------

def _check_in_new_phone(ctx: ServiceContext, actor: Actor, index: int) -> object:
    form = PersonForm(f"新访客{index}", "139 1234 5678", Category.RESIDENT)
    return VisitService(ctx).check_in_new(actor, form, Purpose.READING).person_id


def _register_same_phone(ctx: ServiceContext, actor: Actor, index: int) -> object:
    return PeopleService(ctx).register(actor, PersonForm(f"王建华{index}", PHONE, Category.RESIDENT)).id


def _check_out(ctx: ServiceContext, actor: Actor, visit_id: int) -> object:
    return VisitService(ctx).check_out(actor, [visit_id])


def _auto_check_out(ctx: ServiceContext, _actor: Actor, _argument: object) -> object:
    return VisitService(ctx).auto_check_out()


def _events(ctx: ServiceContext) -> list[AuditRow]:
    return AuditService(ctx).recent(100_000)


def _assert_chain_intact(ctx: ServiceContext) -> None:
    with ctx.db.read() as s:
        assert verify_chain(s) == []
    assert CheckService(ctx).run() == []


# -- the races -----------------------------------------------------------------------------------------------------

def test_same_new_phone_checked_in_at_once_is_one_person_with_every_visit(ctx: ServiceContext,
                                                                          admin: Actor) -> None:
    outcomes = race(ctx, [(_check_in_new_phone, admin, i) for i in range(PROCESSES)])

    assert [outcome for outcome, _ in outcomes] == ["ok"] * PROCESSES
    with ctx.db.read() as s:
        people = s.execute(select(Person).where(Person.phone == PHONE)).scalars().all()
        assert len(people) == 1
        assert s.execute(select(func.count()).select_from(Person)).scalar_one() == 1
        visits = s.execute(select(Visit.person_id)).scalars().all()
    assert visits == [people[0].id] * PROCESSES
    assert {detail for _, detail in outcomes} == {repr(people[0].id)}
    actions = Counter(row.action for row in _events(ctx))
    assert (actions["person_added"], actions["visit_checked_in"]) == (1, PROCESSES)
    _assert_chain_intact(ctx)


def test_same_phone_registered_at_once_is_one_person(ctx: ServiceContext, admin: Actor) -> None:
    outcomes = race(ctx, [(_register_same_phone, admin, i) for i in range(PROCESSES)])

    assert Counter(outcome for outcome, _ in outcomes) == {"ok": 1, "phone_taken": PROCESSES - 1}
    winner = next(i for i, (outcome, _) in enumerate(outcomes) if outcome == "ok")
    rows = PeopleService(ctx).search(PHONE)
    assert [r.name for r in rows] == [f"王建华{winner}"]
    masked = mask_name(f"王建华{winner}")
    assert all(f"name='{masked}'" in detail for outcome, detail in outcomes if outcome == "phone_taken")
    assert Counter(row.action for row in _events(ctx))["person_added"] == 1
    _assert_chain_intact(ctx)


def test_same_visit_checked_out_at_once_by_many_desks(ctx: ServiceContext, admin: Actor,
                                                     clock: FixedClock) -> None:
    visit = VisitService(ctx).check_in_anonymous(admin, Category.RESIDENT, Purpose.READING)
    clock.advance(minutes=30)

    outcomes = race(ctx, [(_check_out, admin, visit.id) for _ in range(PROCESSES)])

    assert Counter(outcome for outcome, _ in outcomes) == {"ok": 1, "already_checked_out": PROCESSES - 1}
    assert [detail for outcome, detail in outcomes if outcome == "ok"] == ["1"]
    assert VisitService(ctx).on_site() == []
    assert Counter(row.action for row in _events(ctx))["visits_checked_out"] == 1
    _assert_chain_intact(ctx)


def test_closing_timer_of_every_desk_closes_each_visit_once(ctx: ServiceContext, admin: Actor,
                                                           clock: FixedClock) -> None:
    visits = VisitService(ctx)
    opened = [visits.check_in_anonymous(admin, Category.RESIDENT, Purpose.READING).id for _ in range(5)]
    visits.check_out(admin, opened)
    with ctx.db.write() as s:  # a crowded day: the rest in bulk, quicker than one service call each
        base_id = s.execute(select(Visit.base_id)).scalars().first()
        s.execute(insert(Visit), [dict(base_id=base_id, category="resident", purpose="reading", party_size=1,
                                       station_services=0, checked_in_at=clock.now(), staff_id=admin.staff_id)
                                  for _ in range(OPEN_AT_CLOSING - 5)])
    clock.set(CLOSING + dt.timedelta(minutes=1))

    outcomes = race(ctx, [(_auto_check_out, admin, None) for _ in range(PROCESSES)])

    assert [outcome for outcome, _ in outcomes] == ["ok"] * PROCESSES
    assert sorted(int(detail) for _, detail in outcomes) == [0] * (PROCESSES - 1) + [OPEN_AT_CLOSING - 5]
    with ctx.db.read() as s:
        kinds = dict(s.execute(select(Visit.checkout_kind, func.count()).group_by(Visit.checkout_kind)).all())
    assert kinds == {"manual": 5, "automatic": OPEN_AT_CLOSING - 5}
    assert Counter(row.action for row in _events(ctx))["visits_auto_checked_out"] == 1
    _assert_chain_intact(ctx)
