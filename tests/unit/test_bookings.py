"""Bookings on both backends: the state machine, check-in recording the visit, the no-show sweep and suspension,
recurring series, extension, walk-ins, and `desk check` finding overlapping bookings forced in with raw SQL.

The clock is Saturday 2026-11-28 10:00 at the base; the base is open 09:00–21:00 every day."""

from __future__ import annotations

import datetime as dt

import pytest
from booking_fixtures import TODAY, at, facility, force_booking, person, snapshot, unit_id
from sqlalchemy import func, select

from desk.domain.booking import BookingState, FacilityKind, first_weekday_of_month
from desk.domain.clock import FixedClock
from desk.domain.errors import (
    BookingTooLong,
    CheckInTooEarly,
    ClosedThatDay,
    DailyQuotaExceeded,
    OutOfRange,
    OutsideOpeningHours,
    PersonSuspended,
    SafetyChecklistIncomplete,
    SlotTaken,
    UnitUnavailable,
    WrongBookingState,
)
from desk.domain.people import Category, Purpose
from desk.domain.staff import Actor
from desk.services.audit import AuditService
from desk.services.bases import BaseService
from desk.services.bookings import BookingService
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.demo import seed_demo
from desk.services.facilities import STANDARD_FACILITIES, FacilityService
from desk.services.facility_admin import FacilityAdminService
from desk.services.visits import VisitService
from desk.storage.models import Booking, Person, Visit

TOMORROW = TODAY + dt.timedelta(days=1)
READING, NURSING, ACTIVITY = FacilityKind.READING_ROOM, FacilityKind.NURSING_ROOM, FacilityKind.ACTIVITY_ROOM


@pytest.fixture
def bookings(ctx: ServiceContext) -> BookingService:
    return BookingService(ctx)


@pytest.fixture
def who(ctx: ServiceContext, admin: Actor) -> int:
    return person(ctx, admin, "李明")


def _actions(ctx: ServiceContext, since: int = 0) -> list[str]:
    return [row.action for row in reversed(AuditService(ctx).recent(1000)) if row.seq > since]


def _seq(ctx: ServiceContext) -> int:
    return snapshot(ctx).audit_seq


# -- the state machine ----------------------------------------------------------------------------------------

def test_booked_checked_in_completed(ctx: ServiceContext, clock: FixedClock, admin: Actor,
                                     bookings: BookingService, who: int) -> None:
    seat = unit_id(ctx, READING)
    start = _seq(ctx)
    row = bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 16), who, note="写材料")
    assert (row.state, row.unit_name, row.facility_name, row.person_name, row.note) == (
        BookingState.BOOKED, "A1", "党建书吧", "李明", "写材料")
    assert row.masked_phone.startswith("139****")

    clock.set(at(TODAY, 13, 55))
    row = bookings.check_in(admin, row.id)
    assert row.state is BookingState.CHECKED_IN and row.checked_in_at == at(TODAY, 13, 55)

    clock.set(at(TODAY, 15, 10))
    row = bookings.complete(admin, row.id)
    assert row.state is BookingState.COMPLETED and row.finished_at == at(TODAY, 15, 10)
    assert row.ends_at == at(TODAY, 15, 10)  # the rest of the slot is free again
    assert _actions(ctx, start) == ["booking_created", "visit_checked_in", "booking_checked_in", "booking_completed"]
    # The freed half hour can be booked by the next person.
    assert bookings.book(admin, seat, at(TODAY, 15, 30), at(TODAY, 16), person(ctx, admin, "王芳"))


def test_cancel_with_a_reason_and_no_check_in_after(ctx: ServiceContext, admin: Actor, bookings: BookingService,
                                                   who: int) -> None:
    row = bookings.book(admin, unit_id(ctx, READING), at(TODAY, 14), at(TODAY, 15), who)
    cancelled = bookings.cancel(admin, row.id, "临时有事")
    assert cancelled.state is BookingState.CANCELLED

    before = snapshot(ctx)
    with pytest.raises(WrongBookingState) as caught:
        bookings.check_in(admin, row.id)
    assert caught.value.params == {"state": "cancelled", "action": "check_in"}
    with pytest.raises(WrongBookingState):
        bookings.cancel(admin, row.id, "再取消一次")
    with pytest.raises(WrongBookingState):
        bookings.complete(admin, row.id)
    with pytest.raises(WrongBookingState):
        bookings.extend(admin, row.id, 30)
    assert snapshot(ctx) == before


def test_a_cancel_needs_a_reason(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    row = bookings.book(admin, unit_id(ctx, READING), at(TODAY, 14), at(TODAY, 15), who)
    before = snapshot(ctx)
    with pytest.raises(Exception) as caught:
        bookings.cancel(admin, row.id, "  ")
    assert getattr(caught.value, "code", "") == "required"
    assert snapshot(ctx) == before


def test_a_checked_in_booking_is_completed_not_cancelled(ctx: ServiceContext, admin: Actor,
                                                         bookings: BookingService, who: int) -> None:
    row = bookings.book(admin, unit_id(ctx, READING), at(TODAY, 10), at(TODAY, 11), who)
    bookings.check_in(admin, row.id)
    with pytest.raises(WrongBookingState):
        bookings.check_in(admin, row.id)
    with pytest.raises(WrongBookingState):
        bookings.cancel(admin, row.id, "不来了")


# -- check-in records the visit -------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "purpose"), [
    (READING, Purpose.READING), (NURSING, Purpose.NURSING), (ACTIVITY, Purpose.MEETING),
    (FacilityKind.LEGAL_AID, Purpose.LEGAL_AID)])
def test_check_in_records_exactly_one_visit_with_the_facility_purpose(
        ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int, kind: FacilityKind,
        purpose: Purpose) -> None:
    party = 3 if kind is ACTIVITY else 1
    row = bookings.book(admin, unit_id(ctx, kind), at(TODAY, 10, 30), at(TODAY, 11), who, party_size=party)
    bookings.check_in(admin, row.id)  # half an hour early: check-in is open
    with ctx.db.read() as s:
        visits = s.execute(select(Visit)).scalars().all()
    assert len(visits) == 1
    visit = visits[0]
    assert (visit.person_id, visit.purpose, visit.party_size, visit.category) == (
        who, purpose.value, party, Category.RESIDENT.value)
    assert [v.person_id for v in VisitService(ctx).on_site()] == [who]


def test_an_anonymous_nursing_room_check_in_is_an_anonymous_visit(ctx: ServiceContext, admin: Actor,
                                                                  bookings: BookingService) -> None:
    row = bookings.book(admin, unit_id(ctx, NURSING), at(TODAY, 10, 15), at(TODAY, 10, 45))
    bookings.check_in(admin, row.id)
    on_site = VisitService(ctx).on_site()
    assert [(v.person_id, v.purpose) for v in on_site] == [(None, Purpose.NURSING)]


def test_check_in_opens_half_an_hour_before_the_start(ctx: ServiceContext, clock: FixedClock, admin: Actor,
                                                       bookings: BookingService, who: int) -> None:
    row = bookings.book(admin, unit_id(ctx, READING), at(TODAY, 14), at(TODAY, 15), who)
    before = snapshot(ctx)
    with pytest.raises(CheckInTooEarly) as refused:
        bookings.check_in(admin, row.id)
    assert refused.value.params == {"opens": "13:30"}
    assert snapshot(ctx) == before
    clock.set(at(TODAY, 13, 30))
    assert bookings.check_in(admin, row.id).state is BookingState.CHECKED_IN


def test_a_port_marked_faulty_after_booking_cannot_be_checked_in(ctx: ServiceContext, admin: Actor,
                                                               bookings: BookingService, who: int) -> None:
    from desk.services.charging import ChargingService

    port = unit_id(ctx, FacilityKind.PHONE_CHARGING)
    row = bookings.book(admin, port, at(TODAY, 10, 15), at(TODAY, 10, 45), who)
    ChargingService(ctx).mark_out_of_order(admin, port, "插座松动")
    before = snapshot(ctx)
    with pytest.raises(UnitUnavailable):
        bookings.check_in(admin, row.id)
    assert snapshot(ctx) == before


# -- walk-ins -------------------------------------------------------------------------------------------------

def test_use_now_is_checked_in_at_once(ctx: ServiceContext, clock: FixedClock, admin: Actor,
                                       bookings: BookingService) -> None:
    clock.set(at(TODAY, 14, 7) + dt.timedelta(seconds=42))
    row = bookings.use_now(admin, unit_id(ctx, FacilityKind.PHONE_CHARGING), 60)
    assert row.state is BookingState.CHECKED_IN
    assert (row.starts_at, row.ends_at) == (at(TODAY, 14, 7), at(TODAY, 15, 7))
    assert [v.purpose for v in VisitService(ctx).on_site()] == [Purpose.CHARGING]


def test_an_ebike_needs_its_safety_checklist(ctx: ServiceContext, admin: Actor, bookings: BookingService,
                                             who: int) -> None:
    port = unit_id(ctx, FacilityKind.EBIKE_CHARGING)
    before = snapshot(ctx)
    with pytest.raises(SafetyChecklistIncomplete):
        bookings.use_now(admin, port, 60, who)
    assert snapshot(ctx) == before
    assert bookings.use_now(admin, port, 60, who, safety_checked=True).safety_checked


# -- no-shows -------------------------------------------------------------------------------------------------

def test_the_sweep_marks_a_no_show_only_after_start_plus_grace(
        ctx: ServiceContext, clock: FixedClock, admin: Actor, bookings: BookingService, who: int) -> None:
    seat = unit_id(ctx, READING)  # 15 minutes grace
    row = bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 16), who)

    for moment in (at(TODAY, 13, 59), at(TODAY, 14), at(TODAY, 14, 14) + dt.timedelta(seconds=59)):
        clock.set(moment)
        assert bookings.sweep_no_shows().no_shows == 0
        assert bookings.get(row.id).state is BookingState.BOOKED

    clock.set(at(TODAY, 14, 15))
    start = _seq(ctx)
    result = bookings.sweep_no_shows()
    assert (result.no_shows, result.suspended) == (1, ())
    marked = bookings.get(row.id)
    assert marked.state is BookingState.NO_SHOW and marked.finished_at == at(TODAY, 14, 15)
    assert _actions(ctx, start) == ["bookings_no_show"]
    assert bookings.sweep_no_shows().no_shows == 0  # nothing twice
    assert _seq(ctx) == start + 1  # an idle sweep writes nothing

    # The unit is free again: a walk-in or a new booking fits where the no-show was.
    assert bookings.book(admin, seat, at(TODAY, 14, 30), at(TODAY, 15, 30), person(ctx, admin, "王芳"))
    with pytest.raises(WrongBookingState):
        bookings.check_in(admin, row.id)


def test_checked_in_and_cancelled_bookings_are_not_swept(ctx: ServiceContext, clock: FixedClock, admin: Actor,
                                                        bookings: BookingService, who: int) -> None:
    came = bookings.book(admin, unit_id(ctx, READING, 0), at(TODAY, 11), at(TODAY, 12), who)
    gone = bookings.book(admin, unit_id(ctx, READING, 1), at(TODAY, 11), at(TODAY, 12), person(ctx, admin, "王芳"))
    anonymous = bookings.book(admin, unit_id(ctx, NURSING), at(TODAY, 11), at(TODAY, 11, 30))
    clock.set(at(TODAY, 11, 5))
    bookings.check_in(admin, came.id)
    bookings.cancel(admin, gone.id, "不来了")
    clock.set(at(TODAY, 13))
    assert bookings.sweep_no_shows().no_shows == 1  # the anonymous 母婴室 booking, 10 minutes' grace
    assert [bookings.get(b.id).state for b in (came, gone, anonymous)] == [
        BookingState.CHECKED_IN, BookingState.CANCELLED, BookingState.NO_SHOW]


def _no_show(ctx: ServiceContext, clock: FixedClock, admin: Actor, bookings: BookingService, who: int,
             day: dt.date, seat: int = 0) -> None:
    clock.set(at(day, 9))
    bookings.book(admin, unit_id(ctx, READING, seat), at(day, 10), at(day, 11), who)
    clock.set(at(day, 12))


def test_three_no_shows_in_thirty_days_suspend_for_seven_days(
        ctx: ServiceContext, clock: FixedClock, admin: Actor, bookings: BookingService, who: int) -> None:
    days = [TODAY, TODAY + dt.timedelta(days=10), TODAY + dt.timedelta(days=20)]
    for day in days[:2]:
        _no_show(ctx, clock, admin, bookings, who, day)
        assert bookings.sweep_no_shows().suspended == ()
    _no_show(ctx, clock, admin, bookings, who, days[2])
    assert bookings.sweep_no_shows().suspended == (who,)
    assert "suspended 1" in AuditService(ctx).recent(1)[0].summary

    suspended_at = at(days[2], 12)
    with ctx.db.read() as s:
        until = s.get(Person, who).suspended_until  # type: ignore[union-attr]
    assert until == suspended_at + dt.timedelta(days=7)
    seat = unit_id(ctx, READING, 3)
    tomorrow = days[2] + dt.timedelta(days=1)
    with pytest.raises(PersonSuspended):
        bookings.book(admin, seat, at(tomorrow, 14), at(tomorrow, 15), who)

    # The suspension lifts by time alone, and the no-shows it punished do not count again.
    clock.set(suspended_at + dt.timedelta(days=7))
    later = days[2] + dt.timedelta(days=8)
    fourth = bookings.book(admin, seat, at(later, 14), at(later, 15), who)
    assert fourth.state is BookingState.BOOKED
    clock.set(at(later, 16))
    assert bookings.sweep_no_shows().suspended == ()  # a fourth no-show within 30 days, but the first since
    assert bookings.get(fourth.id).state is BookingState.NO_SHOW
    with ctx.db.read() as s:
        assert s.get(Person, who).suspended_until == until  # type: ignore[union-attr]


def test_no_shows_outside_thirty_days_do_not_count(ctx: ServiceContext, clock: FixedClock, admin: Actor,
                                                   bookings: BookingService, who: int) -> None:
    for offset in (0, 20, 31):
        _no_show(ctx, clock, admin, bookings, who, TODAY + dt.timedelta(days=offset))
        assert bookings.sweep_no_shows().suspended == ()


def test_the_no_show_rule_comes_from_the_settings(ctx: ServiceContext, clock: FixedClock, admin: Actor,
                                                  bookings: BookingService, who: int) -> None:
    FacilityAdminService(ctx).set_no_show_rule(admin, limit=2, suspension_days=3)
    _no_show(ctx, clock, admin, bookings, who, TODAY)
    assert bookings.sweep_no_shows().suspended == ()
    _no_show(ctx, clock, admin, bookings, who, TODAY + dt.timedelta(days=1))
    assert bookings.sweep_no_shows().suspended == (who,)
    with ctx.db.read() as s:
        assert s.get(Person, who).suspended_until == at(TODAY + dt.timedelta(days=1), 12) + dt.timedelta(  # type: ignore[union-attr]
            days=3)


def test_two_people_reach_the_limit_in_one_sweep(ctx: ServiceContext, clock: FixedClock, admin: Actor,
                                                 bookings: BookingService, who: int) -> None:
    other = person(ctx, admin, "王芳")
    for offset in (0, 1):
        day = TODAY + dt.timedelta(days=offset)
        _no_show(ctx, clock, admin, bookings, who, day, seat=0)
        clock.set(at(day, 9))
        bookings.book(admin, unit_id(ctx, READING, 1), at(day, 10), at(day, 11), other)
        clock.set(at(day, 12))
        bookings.sweep_no_shows()
    day = TODAY + dt.timedelta(days=2)
    clock.set(at(day, 9))
    bookings.book(admin, unit_id(ctx, READING, 0), at(day, 10), at(day, 11), who)
    bookings.book(admin, unit_id(ctx, READING, 1), at(day, 10), at(day, 11), other)
    clock.set(at(day, 12))
    result = bookings.sweep_no_shows()
    assert (result.no_shows, result.suspended) == (2, tuple(sorted((who, other))))


# -- series ---------------------------------------------------------------------------------------------------

def test_a_series_skips_closed_and_taken_dates_and_says_so(ctx: ServiceContext, admin: Actor,
                                                            bookings: BookingService, who: int) -> None:
    room = unit_id(ctx, ACTIVITY)
    # 主题党日: the first Tuesday of the next three months.
    days = [first_weekday_of_month(2026, 12, 1), first_weekday_of_month(2027, 1, 1),
            first_weekday_of_month(2027, 2, 1)]
    assert days == [dt.date(2026, 12, 1), dt.date(2027, 1, 5), dt.date(2027, 2, 2)]
    BaseService(ctx).add_closure(admin, days[1], days[1], "场地改造")
    other = person(ctx, admin, "王芳")
    bookings.book(admin, room, at(days[2], 15), at(days[2], 16), other)

    start = _seq(ctx)
    result = bookings.book_series(admin, room, days, dt.time(14), dt.time(16), who, party_size=25,
                                  description="主题党日")
    assert result.series_id is not None
    assert [b.starts_at for b in result.booked] == [at(days[0], 14)]
    assert all(b.series_id == result.series_id and b.party_size == 25 for b in result.booked)
    assert [(day, type(error)) for day, error in result.skipped] == [(days[1], ClosedThatDay), (days[2], SlotTaken)]
    assert result.skipped[1][1].params == {"unit": "活动室", "start": "15:00", "end": "16:00"}
    assert _actions(ctx, start) == ["series_created"]


def test_a_series_on_an_unusable_unit_is_one_refusal(ctx: ServiceContext, admin: Actor, bookings: BookingService,
                                                     who: int) -> None:
    hall = facility(ctx, FacilityKind.CINEMA)
    FacilityAdminService(ctx).set_active(admin, hall.id, False, "装修")
    before = snapshot(ctx)
    with pytest.raises(UnitUnavailable):
        bookings.book_series(admin, hall.units[0].id, [TOMORROW, TOMORROW + dt.timedelta(days=7)], dt.time(14),
                             dt.time(16), who)
    assert snapshot(ctx) == before


# -- extension ------------------------------------------------------------------------------------------------

def test_extend_within_the_maximum_and_not_into_the_next_booking(
        ctx: ServiceContext, clock: FixedClock, admin: Actor, bookings: BookingService, who: int) -> None:
    seat = unit_id(ctx, READING)  # at most 4 hours
    row = bookings.book(admin, seat, at(TODAY, 12), at(TODAY, 14), who)
    bookings.book(admin, seat, at(TODAY, 15, 30), at(TODAY, 16, 30), person(ctx, admin, "王芳"))
    clock.set(at(TODAY, 12, 5))
    bookings.check_in(admin, row.id)

    clock.set(at(TODAY, 13, 50))
    assert bookings.extend(admin, row.id, 60).ends_at == at(TODAY, 15)
    before = snapshot(ctx)
    with pytest.raises(SlotTaken):
        bookings.extend(admin, row.id, 60)  # into 15:30
    with pytest.raises(OutOfRange):
        bookings.extend(admin, row.id, 0)
    assert snapshot(ctx) == before
    assert bookings.extend(admin, row.id, 30).ends_at == at(TODAY, 15, 30)  # touching the next one is fine
    assert _actions(ctx)[-1] == "booking_extended"


def test_extend_refuses_beyond_the_maximum_the_hours_and_the_quota(
        ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    seats = [unit_id(ctx, READING, i) for i in range(2)]
    long = bookings.book(admin, seats[0], at(TODAY, 14), at(TODAY, 17), who)
    late = bookings.book(admin, seats[1], at(TODAY, 19), at(TODAY, 20, 30), person(ctx, admin, "王芳"))
    before = snapshot(ctx)
    with pytest.raises(BookingTooLong):
        bookings.extend(admin, long.id, 90)  # 4 h 30 min
    with pytest.raises(OutsideOpeningHours):
        bookings.extend(admin, late.id, 60)  # past 21:00
    assert snapshot(ctx) == before

    bookings.book(admin, seats[1], at(TOMORROW, 14), at(TOMORROW, 14, 30), who)
    other = bookings.book(admin, seats[0], at(TOMORROW, 10), at(TOMORROW, 13), who)  # 210 of 240 minutes
    before = snapshot(ctx)
    with pytest.raises(DailyQuotaExceeded):
        bookings.extend(admin, other.id, 60)
    assert snapshot(ctx) == before
    assert bookings.extend(admin, other.id, 30).ends_at == at(TOMORROW, 13, 30)


# -- desk check -----------------------------------------------------------------------------------------------

def test_desk_check_reports_overlapping_active_bookings(ctx: ServiceContext, admin: Actor,
                                                        bookings: BookingService, who: int) -> None:
    seat, other_seat = unit_id(ctx, READING, 0), unit_id(ctx, READING, 1)
    first = bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 16), who)
    assert CheckService(ctx).run() == []

    cancelled = force_booking(ctx, seat, at(TODAY, 14), at(TODAY, 16), state="cancelled")
    force_booking(ctx, other_seat, at(TODAY, 15), at(TODAY, 17))  # another unit
    force_booking(ctx, seat, at(TODAY, 16), at(TODAY, 17))  # touching, not overlapping
    assert CheckService(ctx).run() == []

    clash = force_booking(ctx, seat, at(TODAY, 15, 30), at(TODAY, 18), state="checked_in")
    same_start = force_booking(ctx, seat, at(TODAY, 14), at(TODAY, 14, 30))
    problems = [(v.check, v.message) for v in CheckService(ctx).run()]
    assert ("bookings_do_not_overlap", f"bookings {first.id} and {clash} overlap on unit {seat}") in problems
    assert ("bookings_do_not_overlap", f"bookings {first.id} and {same_start} overlap on unit {seat}") in problems
    assert all(str(cancelled) not in message.split() for _check, message in problems)
    assert {check for check, _ in problems} == {"bookings_do_not_overlap"}
    assert len(problems) == 3  # first–clash, first–same_start, clash–(16:00–17:00)


# -- the demo -------------------------------------------------------------------------------------------------

def test_the_demo_has_facilities_and_bookings_that_pass_desk_check(ctx: ServiceContext) -> None:
    summary = seed_demo(ctx)
    assert summary.bookings > 1000
    catalogue = FacilityService(ctx).catalogue()
    assert [f.name for f in catalogue] == [std.name for std in STANDARD_FACILITIES]
    assert CheckService(ctx).run() == []
    with ctx.db.read() as s:
        states = dict(s.execute(select(Booking.state, func.count()).group_by(Booking.state)).all())
        suspended = s.execute(select(func.count()).select_from(Person).where(
            Person.suspended_until > ctx.clock.now())).scalar_one()
    assert set(states) == {state.value for state in BookingState}
    assert states["completed"] > states["cancelled"] + states["no_show"]
    assert suspended == 1
    # Today's board has something on it.
    today = BookingService(ctx).bookings_of_day(catalogue[0].id, TODAY)
    assert today
