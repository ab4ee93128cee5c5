"""Visits on both backends: check-in of known, new and anonymous visitors and 暖新驿站 couriers, the on-site list,
check-out of one, several or all, the closing-time automatic check-out, and corrections.

The clock starts on Saturday 2026-11-28 at 10:00 in the base's zone (02:00 UTC); the base opens 09:00–21:00.
Every mutation is checked for its audit events, every refused call for writing nothing, and `desk check` for
passing afterwards."""

from __future__ import annotations

import datetime as dt
import threading
import time
import zoneinfo
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import func, select, update

from desk.domain.clock import FixedClock
from desk.domain.errors import (
    AlreadyCheckedOut,
    BadFormat,
    ControlCharacters,
    DeskError,
    EndBeforeStart,
    NotFound,
    NothingChosen,
    OutOfRange,
    Required,
    TooLong,
)
from desk.domain.hours import DEFAULT_WEEK, DayHours
from desk.domain.people import Category, CheckoutKind, Platform, Purpose, StationService
from desk.domain.staff import Actor, Role
from desk.services.audit import AuditRow, AuditService
from desk.services.auth import AuthService
from desk.services.bases import BaseService
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.demo import DEMO_PEOPLE, seed_demo
from desk.services.people import PeopleService, PersonForm
from desk.services.retention import RetentionService
from desk.services.staff import StaffService
from desk.services.visits import VisitRow, VisitService
from desk.storage.models import AuditEvent, Person, Visit

PASSWORD = "hongse-desk-2026"
ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 11, 28)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), ZONE).astimezone(dt.UTC)


CLOSING = local(TODAY, 21)


# -- helpers -------------------------------------------------------------------------------------------------------

def _counts(ctx: ServiceContext) -> dict[str, int]:
    with ctx.db.read() as s:
        counts = {model.__tablename__: int(s.execute(select(func.count()).select_from(model)).scalar_one())
                  for model in (Person, Visit, AuditEvent)}
        counts["checked_out"] = int(s.execute(
            select(func.count()).select_from(Visit).where(Visit.checked_out_at.is_not(None))).scalar_one())
        return counts


def _last_seq(ctx: ServiceContext) -> int:
    rows = AuditService(ctx).recent(1)
    return rows[0].seq if rows else 0


def _events_since(ctx: ServiceContext, seq: int) -> list[AuditRow]:
    return [row for row in reversed(AuditService(ctx).recent(1000)) if row.seq > seq]


def _actions_since(ctx: ServiceContext, seq: int) -> list[str]:
    return [row.action for row in _events_since(ctx, seq)]


def _visit(ctx: ServiceContext, visit_id: int) -> Visit:
    with ctx.db.read() as s:
        visit = s.get(Visit, visit_id)
        assert visit is not None
        return visit


def _checks_pass(ctx: ServiceContext) -> None:
    assert CheckService(ctx).run() == []


@pytest.fixture
def desk(ctx: ServiceContext, admin: Actor) -> Actor:
    StaffService(ctx).add(admin, "lixiaomei", "李晓梅", Role.DESK, PASSWORD, PASSWORD)
    return AuthService(ctx).login("lixiaomei", PASSWORD)


@pytest.fixture
def zhang(ctx: ServiceContext, admin: Actor) -> int:
    return PeopleService(ctx).register(admin, PersonForm("张伟", "13812345678", Category.PARTY_MEMBER,
                                                         party_branch="明华社区第一党支部")).id


def _anonymous(ctx: ServiceContext, actor: Actor, n: int) -> list[int]:
    return [VisitService(ctx).check_in_anonymous(actor, Category.RESIDENT, Purpose.READING).id for _ in range(n)]


# -- check-in ------------------------------------------------------------------------------------------------------

def test_check_in_of_a_known_person(ctx: ServiceContext, desk: Actor, zhang: int) -> None:
    seq = _last_seq(ctx)

    row = VisitService(ctx).check_in(desk, zhang, Purpose.MEETING, party_size=3)

    assert (row.person_id, row.name, row.masked_phone, row.category, row.purpose, row.party_size, row.platform,
            row.services, row.checked_in_at, row.checked_out_at, row.checkout_kind) == (
        zhang, "张伟", "138****5678", Category.PARTY_MEMBER, Purpose.MEETING, 3, None, StationService.NONE,
        ctx.clock.now(), None, None)
    stored = _visit(ctx, row.id)
    assert (stored.staff_id, stored.base_id) == (desk.staff_id, BaseService(ctx).profile().id)
    events = _events_since(ctx, seq)
    assert [(e.action, e.actor, e.entity, e.entity_id, e.summary) for e in events] == [
        ("visit_checked_in", "lixiaomei", "visit", str(row.id), "meeting ×3")]
    assert VisitService(ctx).on_site() == [row]
    _checks_pass(ctx)


def test_check_in_new_registers_and_checks_in_at_once(ctx: ServiceContext, desk: Actor) -> None:
    seq = _last_seq(ctx)

    row = VisitService(ctx).check_in_new(desk, PersonForm("𠮷田花", "+86 139 0000 1234", Category.NEW_EMPLOYMENT),
                                         Purpose.CHARGING)

    assert (row.name, row.masked_phone, row.category, row.purpose) == (
        "𠮷田花", "139****1234", Category.NEW_EMPLOYMENT, Purpose.CHARGING)
    assert row.person_id is not None
    assert PeopleService(ctx).detail(desk, row.person_id).phone == "13900001234"
    assert [(e.action, e.entity_id, e.summary) for e in _events_since(ctx, seq)] == [
        ("person_added", str(row.person_id), "new_employment"),
        ("visit_checked_in", str(row.id), "charging ×1")]
    _checks_pass(ctx)


def test_check_in_new_with_a_known_phone_joins_that_person(ctx: ServiceContext, desk: Actor, zhang: int) -> None:
    before = _counts(ctx)
    seq = _last_seq(ctx)

    row = VisitService(ctx).check_in_new(desk, PersonForm("张小伟", "138-1234-5678", Category.RESIDENT),
                                         Purpose.READING)

    assert (row.person_id, row.name, row.category) == (zhang, "张伟", Category.PARTY_MEMBER)
    assert _counts(ctx)["person"] == before["person"]
    assert _actions_since(ctx, seq) == ["visit_checked_in"]


def test_check_in_new_without_phone(ctx: ServiceContext, desk: Actor) -> None:
    first = VisitService(ctx).check_in_new(desk, PersonForm("刘阿姨", "", Category.RESIDENT), Purpose.NURSING)
    second = VisitService(ctx).check_in_new(desk, PersonForm("刘阿姨", "", Category.RESIDENT), Purpose.NURSING)
    assert first.person_id != second.person_id  # without a phone nothing says they are the same person
    assert first.masked_phone == ""


def test_anonymous_head_count(ctx: ServiceContext, desk: Actor) -> None:
    seq = _last_seq(ctx)
    row = VisitService(ctx).check_in_anonymous(desk, Category.RESIDENT, Purpose.NURSING, party_size=2)
    assert (row.person_id, row.name, row.masked_phone, row.category, row.purpose, row.party_size) == (
        None, "", "", Category.RESIDENT, Purpose.NURSING, 2)
    assert [(e.action, e.summary) for e in _events_since(ctx, seq)] == [("visit_checked_in", "nursing ×2 resident")]
    _checks_pass(ctx)


def test_courier_one_click(ctx: ServiceContext, desk: Actor) -> None:
    seq = _last_seq(ctx)
    services = StationService.HOT_WATER | StationService.CHARGING
    row = VisitService(ctx).check_in_courier(desk, Platform.MEITUAN, services)
    assert (row.person_id, row.category, row.purpose, row.party_size, row.platform, row.services) == (
        None, Category.NEW_EMPLOYMENT, Purpose.REST, 1, Platform.MEITUAN, services)
    assert _visit(ctx, row.id).station_services == 9
    assert [(e.action, e.summary) for e in _events_since(ctx, seq)] == [("visit_checked_in", "rest ×1 meituan")]

    seq = _last_seq(ctx)
    changed = VisitService(ctx).set_services(desk, row.id, StationService.REST | StationService.TOILET)
    assert changed.services == StationService.REST | StationService.TOILET
    assert [(e.action, e.entity_id, e.summary) for e in _events_since(ctx, seq)] == [
        ("visit_services", str(row.id), "20")]
    plain = VisitService(ctx).check_in_courier(desk, Platform.OTHER)
    assert plain.services == StationService.NONE
    _checks_pass(ctx)


def test_check_in_of_an_unknown_or_anonymised_person_is_refused(ctx: ServiceContext, admin: Actor, zhang: int,
                                                               clock: FixedClock) -> None:
    visits = VisitService(ctx)
    before = _counts(ctx)
    with pytest.raises(NotFound):
        visits.check_in(admin, zhang + 100, Purpose.READING)
    assert _counts(ctx) == before
    clock.advance(days=200)
    RetentionService(ctx).purge(admin)
    before = _counts(ctx)
    with pytest.raises(NotFound):
        visits.check_in(admin, zhang, Purpose.READING)
    assert _counts(ctx) == before


CHECK_INS = {
    "known": lambda v, a, p, size: v.check_in(a, p, Purpose.READING, party_size=size),
    "new": lambda v, a, p, size: v.check_in_new(a, PersonForm("李娜", "13900001111", Category.RESIDENT),
                                                Purpose.READING, party_size=size),
    "anonymous": lambda v, a, p, size: v.check_in_anonymous(a, Category.RESIDENT, Purpose.READING, party_size=size),
}


@pytest.mark.parametrize("size", [0, -3, 201])
@pytest.mark.parametrize("kind", list(CHECK_INS))
def test_party_size_out_of_range_writes_nothing(ctx: ServiceContext, desk: Actor, zhang: int, kind: str,
                                               size: int) -> None:
    before = _counts(ctx)
    with pytest.raises(OutOfRange) as raised:
        CHECK_INS[kind](VisitService(ctx), desk, zhang, size)
    assert raised.value.field == "party_size"
    assert _counts(ctx) == before


def test_party_size_bounds_are_accepted(ctx: ServiceContext, desk: Actor) -> None:
    visits = VisitService(ctx)
    assert visits.check_in_anonymous(desk, Category.RESIDENT, Purpose.MEETING, party_size=200).party_size == 200
    assert visits.check_in_anonymous(desk, Category.RESIDENT, Purpose.MEETING, party_size=1).party_size == 1


@pytest.mark.parametrize(("form", "error"), [
    pytest.param(PersonForm("  ", "13900001111", Category.RESIDENT), Required, id="name-only-spaces"),
    pytest.param(PersonForm("李" * 500, "13900001111", Category.RESIDENT), TooLong, id="name-500"),
    pytest.param(PersonForm("李\x1b娜", "13900001111", Category.RESIDENT), ControlCharacters, id="name-control"),
    pytest.param(PersonForm("李娜", "1390000111", Category.RESIDENT), BadFormat, id="phone-10-digits"),
    pytest.param(PersonForm("李娜", "139000011112", Category.RESIDENT), BadFormat, id="phone-12-digits"),
])
def test_check_in_new_refuses_bad_input_and_writes_nothing(ctx: ServiceContext, desk: Actor, form: PersonForm,
                                                           error: type[DeskError]) -> None:
    before = _counts(ctx)
    with pytest.raises(error):
        VisitService(ctx).check_in_new(desk, form, Purpose.READING)
    assert _counts(ctx) == before


def test_unknown_purpose_category_or_platform_is_refused(ctx: ServiceContext, desk: Actor, zhang: int) -> None:
    visits = VisitService(ctx)
    before = _counts(ctx)
    bad: list[Any] = [
        lambda: visits.check_in(desk, zhang, "shopping"),  # type: ignore[arg-type]
        lambda: visits.check_in_anonymous(desk, "tourist", Purpose.READING),  # type: ignore[arg-type]
        lambda: visits.check_in_courier(desk, "uber"),  # type: ignore[arg-type]
    ]
    for call in bad:
        with pytest.raises(ValueError):
            call()
    assert _counts(ctx) == before


# -- on site and check-out ---------------------------------------------------------------------------------------

def test_on_site_lists_who_is_in_oldest_first(ctx: ServiceContext, desk: Actor, zhang: int,
                                              clock: FixedClock) -> None:
    visits = VisitService(ctx)
    a = visits.check_in(desk, zhang, Purpose.READING)
    clock.advance(minutes=5)
    b = visits.check_in_courier(desk, Platform.ELEME)
    clock.advance(minutes=5)
    c = visits.check_in_anonymous(desk, Category.VOLUNTEER, Purpose.MEETING, 4)
    assert [r.id for r in visits.on_site()] == [a.id, b.id, c.id]
    assert visits.on_site()[0].masked_phone == "138****5678"
    visits.check_out(desk, [b.id])
    assert [r.id for r in visits.on_site()] == [a.id, c.id]


def test_check_out_one(ctx: ServiceContext, desk: Actor, zhang: int, clock: FixedClock) -> None:
    visits = VisitService(ctx)
    row = visits.check_in(desk, zhang, Purpose.READING)
    clock.advance(minutes=47)
    seq = _last_seq(ctx)

    assert visits.check_out(desk, [row.id]) == 1

    stored = _visit(ctx, row.id)
    assert (stored.checked_out_at, stored.checkout_kind, stored.checkout_staff_id) == (
        clock.now(), "manual", desk.staff_id)
    assert [(e.action, e.entity_id, e.summary) for e in _events_since(ctx, seq)] == [
        ("visits_checked_out", str(row.id), "1 visit(s)")]
    assert visits.on_site() == []
    _checks_pass(ctx)


def test_check_out_several(ctx: ServiceContext, desk: Actor, clock: FixedClock) -> None:
    visits = VisitService(ctx)
    ids = _anonymous(ctx, desk, 4)
    clock.advance(minutes=10)
    seq = _last_seq(ctx)

    assert visits.check_out(desk, (ids[2], ids[0], ids[2])) == 2

    assert [r.id for r in visits.on_site()] == [ids[1], ids[3]]
    assert [(e.action, e.entity_id, e.summary) for e in _events_since(ctx, seq)] == [
        ("visits_checked_out", "", "2 visit(s)")]


def test_check_out_of_someone_already_out_writes_nothing(ctx: ServiceContext, desk: Actor,
                                                         clock: FixedClock) -> None:
    visits = VisitService(ctx)
    ids = _anonymous(ctx, desk, 3)
    visits.check_out(desk, [ids[0]])
    clock.advance(minutes=10)
    before = _counts(ctx)

    with pytest.raises(AlreadyCheckedOut) as raised:
        visits.check_out(desk, [ids[0], ids[1], ids[2]])
    assert raised.value.params == {"count": 1}
    with pytest.raises(AlreadyCheckedOut):
        visits.check_out(desk, [ids[0]])

    assert _counts(ctx) == before
    assert [r.id for r in visits.on_site()] == ids[1:]
    assert _visit(ctx, ids[1]).checked_out_at is None


def test_check_out_of_nothing_is_refused(ctx: ServiceContext, desk: Actor) -> None:
    _anonymous(ctx, desk, 1)
    before = _counts(ctx)
    with pytest.raises(NothingChosen):
        VisitService(ctx).check_out(desk, [])
    assert _counts(ctx) == before


def test_check_out_all(ctx: ServiceContext, desk: Actor, zhang: int, clock: FixedClock) -> None:
    visits = VisitService(ctx)
    ids = [*_anonymous(ctx, desk, 3), visits.check_in(desk, zhang, Purpose.READING).id]
    visits.check_out(desk, [ids[0]])
    clock.advance(minutes=30)
    seq = _last_seq(ctx)

    assert visits.check_out_all(desk) == 3

    assert visits.on_site() == []
    assert {_visit(ctx, i).checked_out_at for i in ids[1:]} == {clock.now()}
    assert {_visit(ctx, i).checkout_kind for i in ids[1:]} == {"manual"}
    assert [(e.action, e.summary) for e in _events_since(ctx, seq)] == [("visits_checked_out", "all: 3 visit(s)")]
    before = _counts(ctx)
    assert visits.check_out_all(desk) == 0
    assert _counts(ctx) == before
    _checks_pass(ctx)


def test_check_out_all_leaves_other_bases_alone(ctx: ServiceContext, admin: Actor) -> None:
    other_base = BaseService(ctx).create_base("南方红色港湾党群服务基地", "NF", actor=admin)
    other = VisitService(ServiceContext(ctx.db, ctx.clock, ctx.location, base_code=other_base.code))
    theirs = other.check_in_anonymous(admin, Category.RESIDENT, Purpose.READING)
    _anonymous(ctx, admin, 2)

    assert VisitService(ctx).check_out_all(admin) == 2
    assert [r.id for r in other.on_site()] == [theirs.id]
    assert VisitService(ctx).auto_check_out() == 0


# -- the closing-time rule ---------------------------------------------------------------------------------------

def test_nothing_is_checked_out_before_closing(ctx: ServiceContext, desk: Actor, clock: FixedClock) -> None:
    _anonymous(ctx, desk, 3)
    visits = VisitService(ctx)
    assert visits.closing_time(TODAY) == CLOSING
    for moment in (local(TODAY, 10, 30), local(TODAY, 18), CLOSING - dt.timedelta(seconds=1)):
        clock.set(moment)
        before = _counts(ctx)
        assert visits.auto_check_out() == 0
        assert _counts(ctx) == before
    assert len(visits.on_site()) == 3


@pytest.mark.parametrize("minutes_after", [0, 1, 150])
def test_everyone_is_checked_out_at_closing(ctx: ServiceContext, desk: Actor, zhang: int, clock: FixedClock,
                                            minutes_after: int) -> None:
    visits = VisitService(ctx)
    ids = [*_anonymous(ctx, desk, 2), visits.check_in(desk, zhang, Purpose.READING).id]
    visits.check_out(desk, [ids[0]])
    clock.set(CLOSING + dt.timedelta(minutes=minutes_after))
    seq = _last_seq(ctx)

    assert visits.auto_check_out() == 2

    for visit_id in ids[1:]:
        stored = _visit(ctx, visit_id)
        assert (stored.checked_out_at, stored.checkout_kind, stored.checkout_staff_id) == (
            CLOSING, "automatic", None)
    assert _visit(ctx, ids[0]).checkout_kind == "manual"
    assert [(e.action, e.actor, e.summary) for e in _events_since(ctx, seq)] == [
        ("visits_auto_checked_out", "system", "2 visit(s)")]
    assert visits.on_site() == []
    assert PeopleService(ctx).row(zhang).on_site is False
    before = _counts(ctx)
    assert visits.auto_check_out() == 0  # the timer fires again: nothing left, nothing written
    assert _counts(ctx) == before
    _checks_pass(ctx)


def test_leftovers_of_earlier_days_are_closed_at_their_closing(ctx: ServiceContext, desk: Actor,
                                                               clock: FixedClock) -> None:
    visits = VisitService(ctx)
    clock.set(local(TODAY - dt.timedelta(days=3), 15))
    old = _anonymous(ctx, desk, 2)
    clock.set(local(TODAY - dt.timedelta(days=1), 20, 30))
    yesterday = _anonymous(ctx, desk, 1)
    clock.set(local(TODAY, 9, 30))
    today = _anonymous(ctx, desk, 1)
    clock.set(local(TODAY, 10))

    assert visits.auto_check_out() == 3

    assert {_visit(ctx, i).checked_out_at for i in old} == {local(TODAY - dt.timedelta(days=3), 21)}
    assert _visit(ctx, yesterday[0]).checked_out_at == local(TODAY - dt.timedelta(days=1), 21)
    assert {_visit(ctx, i).checkout_kind for i in old + yesterday} == {"automatic"}
    assert [r.id for r in visits.on_site()] == today
    _checks_pass(ctx)


def test_a_visit_checked_in_after_closing_is_closed_at_its_check_in(ctx: ServiceContext, desk: Actor,
                                                                     clock: FixedClock) -> None:
    clock.set(CLOSING + dt.timedelta(minutes=20))
    late = _anonymous(ctx, desk, 1)[0]
    clock.advance(minutes=1)
    assert VisitService(ctx).auto_check_out() == 1
    stored = _visit(ctx, late)
    assert stored.checked_out_at == stored.checked_in_at == CLOSING + dt.timedelta(minutes=20)
    _checks_pass(ctx)


def test_on_a_closure_day_visits_stay_until_the_day_is_over(ctx: ServiceContext, admin: Actor,
                                                           clock: FixedClock) -> None:
    """Staff may check people in on a closure day (an event in a closed base): nothing closes them that day;
    the next day's timer closes them at the end of that day."""
    BaseService(ctx).add_closure(admin, TODAY, TODAY, "消防设施年检")
    visits = VisitService(ctx)
    assert visits.closing_time(TODAY) is None
    ids = _anonymous(ctx, admin, 2)
    clock.set(local(TODAY, 22))
    assert visits.auto_check_out() == 0
    assert len(visits.on_site()) == 2

    clock.set(local(TODAY + dt.timedelta(days=1), 9, 5))
    assert visits.auto_check_out() == 2
    end_of_day = dt.datetime.combine(TODAY, dt.time(23, 59), ZONE)
    assert {_visit(ctx, i).checked_out_at for i in ids} == {end_of_day}
    _checks_pass(ctx)


def test_on_a_closed_weekday_visits_are_closed_the_next_day(ctx: ServiceContext, admin: Actor,
                                                           clock: FixedClock) -> None:
    saturday = TODAY.weekday()
    week = tuple(DayHours(d.weekday, None, None) if d.weekday == saturday else d for d in DEFAULT_WEEK)
    BaseService(ctx).set_week(admin, week)
    visits = VisitService(ctx)
    assert visits.closing_time(TODAY) is None
    assert visits.closing_time(TODAY + dt.timedelta(days=1)) == local(TODAY + dt.timedelta(days=1), 21)
    ids = _anonymous(ctx, admin, 1)
    clock.set(local(TODAY, 23, 50))
    assert visits.auto_check_out() == 0
    clock.set(local(TODAY + dt.timedelta(days=1), 0, 10))
    assert visits.auto_check_out() == 1
    assert _visit(ctx, ids[0]).checked_out_at == dt.datetime.combine(TODAY, dt.time(23, 59), ZONE)
    _checks_pass(ctx)


def test_weekend_hours_give_their_own_closing(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> None:
    week = tuple(DayHours(d.weekday, dt.time(9, 30), dt.time(18)) if d.weekday >= 5 else d for d in DEFAULT_WEEK)
    BaseService(ctx).set_week(admin, week)
    ids = _anonymous(ctx, admin, 1)
    clock.set(local(TODAY, 17, 59))
    assert VisitService(ctx).auto_check_out() == 0
    clock.set(local(TODAY, 18, 1))
    assert VisitService(ctx).auto_check_out() == 1
    assert _visit(ctx, ids[0]).checked_out_at == local(TODAY, 18)


def test_special_opening_hours_of_the_day_give_its_closing(ctx: ServiceContext, admin: Actor,
                                                            clock: FixedClock) -> None:
    """Closing time comes from the same calendar as bookings: an override for today wins over the week."""
    from desk.services.facility_admin import FacilityAdminService

    FacilityAdminService(ctx).set_override(admin, TODAY, dt.time(9), dt.time(12), "半天开放")
    ids = _anonymous(ctx, admin, 1)
    assert VisitService(ctx).closing_time(TODAY) == local(TODAY, 12)
    clock.set(local(TODAY, 12, 1))
    assert VisitService(ctx).auto_check_out() == 1
    assert _visit(ctx, ids[0]).checked_out_at == local(TODAY, 12)


# -- corrections ---------------------------------------------------------------------------------------------------

def _a_finished_visit(ctx: ServiceContext, actor: Actor, person_id: int, clock: FixedClock) -> VisitRow:
    visits = VisitService(ctx)
    row = visits.check_in(actor, person_id, Purpose.READING)
    clock.advance(hours=1)
    visits.check_out(actor, [row.id])
    clock.advance(hours=2)
    return row


def test_correct_purpose_and_check_out_time(ctx: ServiceContext, admin: Actor, desk: Actor, zhang: int,
                                            clock: FixedClock) -> None:
    row = _a_finished_visit(ctx, desk, zhang, clock)
    seq = _last_seq(ctx)
    new_out = row.checked_in_at + dt.timedelta(minutes=25)

    corrected = VisitService(ctx).correct(admin, row.id, Purpose.LEGAL_AID, new_out)

    assert (corrected.purpose, corrected.checked_out_at, corrected.checkout_kind) == (
        Purpose.LEGAL_AID, new_out, CheckoutKind.MANUAL)
    assert _visit(ctx, row.id).checkout_staff_id == admin.staff_id
    events = _events_since(ctx, seq)
    assert [(e.action, e.actor, e.entity_id) for e in events] == [("visit_corrected", "admin", str(row.id))]
    assert events[0].summary == ("purpose reading → legal_aid; "
                                 "checked out 2026-11-28T03:00+00:00 → 2026-11-28T02:25+00:00")
    _checks_pass(ctx)


def test_a_correction_waits_for_another_desks_check_out_and_audits_what_it_changed(
        ctx: ServiceContext, desk: Actor, zhang: int, clock: FixedClock) -> None:
    visits = VisitService(ctx)
    row = visits.check_in(desk, zhang, Purpose.READING)
    clock.advance(hours=1)
    out = row.checked_in_at + dt.timedelta(minutes=50)
    seq = _last_seq(ctx)
    corrected: list[VisitRow] = []
    with ctx.db.engine.connect() as other:  # another desk checks the visit out, and has not committed yet
        transaction = other.begin()
        other.execute(update(Visit).where(Visit.id == row.id).values(
            checked_out_at=out, checkout_kind=CheckoutKind.MANUAL.value, checkout_staff_id=desk.staff_id))
        worker = threading.Thread(target=lambda: corrected.append(
            visits.correct(desk, row.id, Purpose.NURSING, out)))
        worker.start()
        worker.join(0.5)
        assert worker.is_alive()  # the correction waits for the visit's row
        transaction.commit()
    worker.join(10)
    assert corrected and corrected[0].checked_out_at == out
    # It read the visit after the check-out: only the purpose was its change.
    assert [e.summary for e in _events_since(ctx, seq)] == ["purpose reading → nursing"]


def test_correct_only_the_purpose(ctx: ServiceContext, desk: Actor, zhang: int, clock: FixedClock) -> None:
    row = _a_finished_visit(ctx, desk, zhang, clock)
    out = _visit(ctx, row.id).checked_out_at
    seq = _last_seq(ctx)
    VisitService(ctx).correct(desk, row.id, Purpose.NURSING, out)
    assert [e.summary for e in _events_since(ctx, seq)] == ["purpose reading → nursing"]
    assert _visit(ctx, row.id).checked_out_at == out


def test_correct_without_changes_writes_nothing(ctx: ServiceContext, desk: Actor, zhang: int,
                                               clock: FixedClock) -> None:
    row = _a_finished_visit(ctx, desk, zhang, clock)
    stored = _visit(ctx, row.id)
    before = _counts(ctx)
    VisitService(ctx).correct(desk, row.id, Purpose.READING, stored.checked_out_at)
    assert _counts(ctx) == before


def test_correct_can_check_out_an_open_visit_and_reopen_it(ctx: ServiceContext, desk: Actor, zhang: int,
                                                          clock: FixedClock) -> None:
    visits = VisitService(ctx)
    row = visits.check_in(desk, zhang, Purpose.READING)
    clock.advance(hours=1)
    out = row.checked_in_at + dt.timedelta(minutes=40)
    assert visits.correct(desk, row.id, Purpose.READING, out).checkout_kind is CheckoutKind.MANUAL
    assert visits.on_site() == []
    reopened = visits.correct(desk, row.id, Purpose.READING, None)
    assert (reopened.checked_out_at, reopened.checkout_kind) == (None, None)
    assert _visit(ctx, row.id).checkout_staff_id is None
    assert [r.id for r in visits.on_site()] == [row.id]
    _checks_pass(ctx)


def test_correct_keeps_an_automatic_check_out_marked_until_changed(ctx: ServiceContext, desk: Actor,
                                                                   clock: FixedClock) -> None:
    visit_id = _anonymous(ctx, desk, 1)[0]
    clock.set(CLOSING + dt.timedelta(minutes=5))
    VisitService(ctx).auto_check_out()
    VisitService(ctx).correct(desk, visit_id, Purpose.READING, CLOSING)
    assert _visit(ctx, visit_id).checkout_kind == "automatic"
    VisitService(ctx).correct(desk, visit_id, Purpose.READING, CLOSING - dt.timedelta(hours=2))
    assert _visit(ctx, visit_id).checkout_kind == "manual"


@pytest.mark.parametrize("out", [
    pytest.param(-dt.timedelta(minutes=1), id="before-check-in"),
    pytest.param(-dt.timedelta(days=1), id="a-day-before"),
    pytest.param(dt.timedelta(days=1), id="in-the-future"),
])
def test_correct_refuses_an_impossible_check_out_and_writes_nothing(ctx: ServiceContext, desk: Actor, zhang: int,
                                                                     clock: FixedClock, out: dt.timedelta) -> None:
    row = _a_finished_visit(ctx, desk, zhang, clock)
    stored = _visit(ctx, row.id)
    before = _counts(ctx)
    base = row.checked_in_at if out < dt.timedelta(0) else clock.now()

    with pytest.raises(EndBeforeStart) as raised:
        VisitService(ctx).correct(desk, row.id, Purpose.LEGAL_AID, base + out)

    assert raised.value.field == "checked_out_at"
    assert _counts(ctx) == before
    after = _visit(ctx, row.id)
    assert (after.purpose, after.checked_out_at, after.checkout_kind) == (
        "reading", stored.checked_out_at, "manual")


def test_correct_of_an_unknown_visit(ctx: ServiceContext, desk: Actor) -> None:
    before = _counts(ctx)
    with pytest.raises(NotFound):
        VisitService(ctx).correct(desk, 404, Purpose.READING, None)
    with pytest.raises(NotFound):
        VisitService(ctx).set_services(desk, 404, StationService.REST)
    assert _counts(ctx) == before


# -- a whole day ---------------------------------------------------------------------------------------------------

def test_a_busy_day_keeps_desk_check_passing(ctx: ServiceContext, admin: Actor, desk: Actor,
                                             clock: FixedClock) -> None:
    visits = VisitService(ctx)
    clock.set(local(TODAY, 9))
    ids = []
    for i in range(12):
        clock.advance(minutes=20)
        if i % 3 == 0:
            ids.append(visits.check_in_new(desk, PersonForm(f"访客{i}", f"1380000{i:04d}", Category.RESIDENT),
                                           Purpose.READING).id)
        elif i % 3 == 1:
            ids.append(visits.check_in_courier(desk, Platform.JD, StationService.HOT_WATER).id)
        else:
            ids.append(visits.check_in_anonymous(desk, Category.RESIDENT, Purpose.NURSING, 2).id)
        if i % 4 == 3:
            visits.check_out(desk, [ids[-2]])
    visits.correct(admin, ids[0], Purpose.ENQUIRY, None)
    clock.set(CLOSING + dt.timedelta(minutes=3))
    assert visits.auto_check_out() == 9
    assert _counts(ctx)["checked_out"] == 12
    with ctx.db.read() as s:
        kinds = dict(s.execute(select(Visit.checkout_kind, func.count()).group_by(Visit.checkout_kind)).all())
    assert kinds == {"manual": 3, "automatic": 9}
    _checks_pass(ctx)


# -- the demo data -------------------------------------------------------------------------------------------------

def test_demo_data_is_a_busy_base_that_keeps_desk_check_passing(ctx: ServiceContext) -> None:
    started = time.perf_counter()
    summary = seed_demo(ctx)
    seconds = time.perf_counter() - started

    assert seconds < 5
    assert (summary.people, summary.visits) == (DEMO_PEOPLE, _counts(ctx)["visit"])
    # The demo's vouchers are issued and redeemed by the real services, which audit them; the seeding is last.
    newest = AuditService(ctx).recent()[0]
    assert (newest.action, newest.actor) == ("demo_seeded", "cli")
    _checks_pass(ctx)
    profile = BaseService(ctx).profile()
    closed = [(c.start, c.end) for c in BaseService(ctx).closures()]
    with ctx.db.read() as s:
        people = s.execute(select(Person)).scalars().all()
        visits = s.execute(select(Visit).order_by(Visit.id)).scalars().all()
    first_visit: dict[int, dt.datetime] = {}
    per_day: Counter[dt.date] = Counter()
    for visit in visits:
        arrived = visit.checked_in_at.astimezone(ZONE)
        day = arrived.date()
        hours = profile.week[day.weekday()]
        assert hours.opens is not None and hours.closes is not None
        assert hours.opens <= arrived.time() < hours.closes
        assert not any(start <= day <= end for start, end in closed)
        if visit.checked_out_at is None:
            assert day == TODAY
        elif visit.checkout_kind == "automatic":
            assert visit.checked_out_at.astimezone(ZONE).time() == hours.closes
        if visit.person_id is not None:
            first_visit.setdefault(visit.person_id, visit.checked_in_at)
        per_day[day] += 1
    assert [v.checked_in_at for v in visits] == sorted(v.checked_in_at for v in visits)
    full_days = [n for day, n in per_day.items() if day != TODAY]
    assert 80 <= len(full_days) <= 101 and min(full_days) >= 40 and max(full_days) <= 150
    assert 0 < sum(v.checked_out_at is None for v in visits) <= 20  # a few on site this morning
    kinds = Counter(v.checkout_kind for v in visits)
    assert kinds["automatic"] > 50 and kinds["manual"] > 5 * kinds["automatic"]
    assert Counter(v.platform for v in visits if v.platform).keys() == {p.value for p in Platform}
    assert sum(v.person_id is None and v.platform is None for v in visits) > 300  # anonymous head counts
    categories = Counter(p.category for p in people)
    assert categories.most_common(1)[0][0] == "resident" and set(categories) == {c.value for c in Category}
    for person in people:
        assert person.name and 2 <= len(person.name) <= 4
        assert person.phone is None or (person.phone[3:7] == "0000" and person.phone_last4 == person.phone[-4:])
        assert (person.party_branch != "") == (person.category == "party_member")
        assert person.id not in first_visit or person.created_at <= first_visit[person.id]
    assert any(p.member_no for p in people)
    # Before closing the timer finds nothing to do; the search finds demo people.
    assert VisitService(ctx).auto_check_out() == 0
    assert PeopleService(ctx).search(people[0].name or "")
