"""Every booking rule of the issue, on both backends: each refusal is its own typed error naming the rule, and a
refused booking writes nothing — no booking, no series, no visit, no audit event, no suspension.

The clock is Saturday 2026-11-28 10:00 at the base; the base is open 09:00–21:00 every day (DEFAULT_WEEK)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from booking_fixtures import TODAY, Snapshot, at, facility, person, snapshot, unit_id
from sqlalchemy import update

from desk.domain.booking import FacilityKind
from desk.domain.clock import FixedClock
from desk.domain.errors import (
    BeyondBookingWindow,
    BookingTooLong,
    BookingTooShort,
    ClosedThatDay,
    DailyQuotaExceeded,
    DeskError,
    EndBeforeStart,
    InThePast,
    NameRequiredHere,
    NotFound,
    OffTheSlotStep,
    OutOfRange,
    OutsideOpeningHours,
    OverCapacity,
    PersonSuspended,
    SlotTaken,
    UnitUnavailable,
)
from desk.domain.hours import DEFAULT_WEEK, DayHours
from desk.domain.staff import Actor
from desk.services.bases import BaseService
from desk.services.bookings import BookingService
from desk.services.context import ServiceContext
from desk.services.facilities import FacilityService
from desk.services.facility_admin import FacilityAdminService
from desk.storage.models import Person, Unit

TOMORROW = TODAY + dt.timedelta(days=1)
READING, NURSING, ACTIVITY = FacilityKind.READING_ROOM, FacilityKind.NURSING_ROOM, FacilityKind.ACTIVITY_ROOM
CINEMA, LEGAL = FacilityKind.CINEMA, FacilityKind.LEGAL_AID


def refused(ctx: ServiceContext, call: Callable[[], object], error: type[DeskError]) -> DeskError:
    """`call` fails with `error` and leaves the database exactly as it was."""
    before: Snapshot = snapshot(ctx)
    with pytest.raises(error) as caught:
        call()
    assert snapshot(ctx) == before
    return caught.value


@pytest.fixture
def bookings(ctx: ServiceContext) -> BookingService:
    return BookingService(ctx)


@pytest.fixture
def who(ctx: ServiceContext, admin: Actor) -> int:
    return person(ctx, admin, "李明")


# -- the range itself -----------------------------------------------------------------------------------------

def test_end_before_start_and_zero_length(ctx: ServiceContext, admin: Actor, bookings: BookingService,
                                          who: int) -> None:
    seat = unit_id(ctx, READING)
    error = refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 15), at(TODAY, 14), who), EndBeforeStart)
    assert error.field == "end"
    refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 15), at(TODAY, 15), who), EndBeforeStart)


def test_too_short_and_too_long(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    hall = unit_id(ctx, CINEMA)  # 60 minutes at least
    error = refused(ctx, lambda: bookings.book(admin, hall, at(TODAY, 14), at(TODAY, 14, 30), who), BookingTooShort)
    assert error.params == {"minutes": 60}
    seat = unit_id(ctx, READING)  # 4 hours at most
    error = refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 12), at(TODAY, 16, 30), who), BookingTooLong)
    assert error.params == {"minutes": 240}


def test_off_the_slot_step(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    seat = unit_id(ctx, READING)  # 30-minute steps
    error = refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 14, 15), at(TODAY, 15, 15), who),
                    OffTheSlotStep)
    assert error.params == {"minutes": 30}
    refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 15, 10), who), OffTheSlotStep)


def test_in_the_past(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    seat = unit_id(ctx, READING)
    refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 9, 30), at(TODAY, 10, 30), who), InThePast)
    refused(ctx, lambda: bookings.book(admin, seat, at(TODAY - dt.timedelta(days=1), 14), at(
        TODAY - dt.timedelta(days=1), 15), who), InThePast)
    assert bookings.book(admin, seat, at(TODAY, 10), at(TODAY, 11), who).state.value == "booked"  # now is fine


def test_beyond_the_booking_window(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    seat = unit_id(ctx, READING)  # 14 days ahead
    far = TODAY + dt.timedelta(days=400)
    error = refused(ctx, lambda: bookings.book(admin, seat, at(far, 14), at(far, 15), who), BeyondBookingWindow)
    assert error.params == {"days": 14}
    day15 = TODAY + dt.timedelta(days=15)
    refused(ctx, lambda: bookings.book(admin, seat, at(day15, 14), at(day15, 15), who), BeyondBookingWindow)
    day14 = TODAY + dt.timedelta(days=14)
    assert bookings.book(admin, seat, at(day14, 14), at(day14, 15), who).starts_at == at(day14, 14)
    socket = unit_id(ctx, FacilityKind.PHONE_CHARGING)  # today only
    refused(ctx, lambda: bookings.book(admin, socket, at(TOMORROW, 14), at(TOMORROW, 15)), BeyondBookingWindow)


def test_outside_opening_hours(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    seat = unit_id(ctx, READING)
    error = refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 20, 30), at(TODAY, 21, 30), who),
                    OutsideOpeningHours)
    assert error.params == {"opens": "09:00", "closes": "21:00"}
    refused(ctx, lambda: bookings.book(admin, seat, at(TOMORROW, 8, 30), at(TOMORROW, 9, 30), who),
            OutsideOpeningHours)


# -- the calendar ---------------------------------------------------------------------------------------------

def test_a_base_closure(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    BaseService(ctx).add_closure(admin, TOMORROW, TOMORROW, "消防设施年检")
    seat = unit_id(ctx, READING)
    error = refused(ctx, lambda: bookings.book(admin, seat, at(TOMORROW, 14), at(TOMORROW, 15), who), ClosedThatDay)
    assert error.params == {"day": "2026-11-29", "reason": "消防设施年检", "kind": "closure"}


def test_a_weekly_closed_day(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    week = list(DEFAULT_WEEK)
    week[6] = DayHours(6, None, None)  # Sundays closed
    BaseService(ctx).set_week(admin, week)
    seat = unit_id(ctx, READING)
    error = refused(ctx, lambda: bookings.book(admin, seat, at(TOMORROW, 14), at(TOMORROW, 15), who), ClosedThatDay)
    assert error.params["kind"] == "weekly"


def test_a_statutory_holiday_is_closed(ctx: ServiceContext, clock: FixedClock, admin: Actor,
                                       bookings: BookingService, who: int) -> None:
    clock.set(at(dt.date(2026, 9, 25), 10))
    room = unit_id(ctx, ACTIVITY)  # 90 days ahead
    national_day = dt.date(2026, 10, 1)
    error = refused(ctx, lambda: bookings.book(admin, room, at(national_day, 14), at(national_day, 15), who),
                    ClosedThatDay)
    assert error.params == {"day": "2026-10-01", "reason": "National Day", "kind": "holiday"}
    makeup = dt.date(2026, 10, 10)  # a Saturday that is a working day (调休)
    assert bookings.book(admin, room, at(makeup, 14), at(makeup, 15), who).starts_at == at(makeup, 14)


# -- the unit and what is on it -------------------------------------------------------------------------------

def test_overlap_on_the_unit(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    seat = unit_id(ctx, READING)
    other = person(ctx, admin, "王芳")
    bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 16), who)
    error = refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 15), at(TODAY, 17), other), SlotTaken)
    assert error.params == {"unit": "A1", "start": "14:00", "end": "16:00"}
    refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 13), at(TODAY, 14, 30), other), SlotTaken)
    refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 14, 30), at(TODAY, 15, 30), other), SlotTaken)
    # Touching ends do not overlap (no buffer here), and the next seat is free.
    assert bookings.book(admin, seat, at(TODAY, 16), at(TODAY, 17), other).state.value == "booked"
    assert bookings.book(admin, unit_id(ctx, READING, 1), at(TODAY, 15), at(TODAY, 17), other)


def test_the_buffer_between_bookings(ctx: ServiceContext, admin: Actor, bookings: BookingService,
                                     who: int) -> None:
    room = unit_id(ctx, ACTIVITY)  # 30 minutes between bookings
    bookings.book(admin, room, at(TOMORROW, 14), at(TOMORROW, 16), who)
    refused(ctx, lambda: bookings.book(admin, room, at(TOMORROW, 16), at(TOMORROW, 17), who), SlotTaken)
    refused(ctx, lambda: bookings.book(admin, room, at(TOMORROW, 13), at(TOMORROW, 14), who), SlotTaken)
    assert bookings.book(admin, room, at(TOMORROW, 16, 30), at(TOMORROW, 17, 30), who)
    assert bookings.book(admin, room, at(TOMORROW, 12), at(TOMORROW, 13, 30), who)


def test_a_cancelled_booking_does_not_block(ctx: ServiceContext, admin: Actor, bookings: BookingService,
                                            who: int) -> None:
    seat = unit_id(ctx, READING)
    first = bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 16), who)
    bookings.cancel(admin, first.id, "临时有事")
    assert bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 16), who).state.value == "booked"


def test_daily_quota_in_minutes(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    seats = [unit_id(ctx, READING, i) for i in range(3)]  # 240 minutes a day, over all seats
    bookings.book(admin, seats[0], at(TOMORROW, 9), at(TOMORROW, 11), who)
    bookings.book(admin, seats[1], at(TOMORROW, 13), at(TOMORROW, 15), who)
    error = refused(ctx, lambda: bookings.book(admin, seats[2], at(TOMORROW, 16), at(TOMORROW, 16, 30), who),
                    DailyQuotaExceeded)
    assert error.params == {"minutes": 240, "kind": "minutes"}
    assert error.field == "person"
    # Another day, another person: their own allowance.
    day_after = TOMORROW + dt.timedelta(days=1)
    assert bookings.book(admin, seats[2], at(day_after, 16), at(day_after, 16, 30), who)
    assert bookings.book(admin, seats[2], at(TOMORROW, 16), at(TOMORROW, 16, 30), person(ctx, admin, "赵敏"))


def test_daily_quota_in_bookings(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    desk = unit_id(ctx, LEGAL)  # one appointment a day
    bookings.book(admin, desk, at(TOMORROW, 14), at(TOMORROW, 14, 30), who)
    error = refused(ctx, lambda: bookings.book(admin, desk, at(TOMORROW, 15), at(TOMORROW, 15, 30), who),
                    DailyQuotaExceeded)
    assert error.params == {"count": 1, "kind": "count"}


def test_a_cancelled_booking_gives_the_quota_back(ctx: ServiceContext, admin: Actor, bookings: BookingService,
                                                  who: int) -> None:
    desk = unit_id(ctx, LEGAL)
    first = bookings.book(admin, desk, at(TOMORROW, 14), at(TOMORROW, 14, 30), who)
    bookings.cancel(admin, first.id, "改天再来")
    assert bookings.book(admin, desk, at(TOMORROW, 15), at(TOMORROW, 15, 30), who)


def test_a_suspended_person(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    with ctx.db.write() as s:
        s.execute(update(Person).where(Person.id == who).values(suspended_until=at(TODAY + dt.timedelta(days=3), 12)))
    seat = unit_id(ctx, READING)
    error = refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 15), who), PersonSuspended)
    assert error.params == {"until": "2026-12-01"}


def test_name_required_here_but_not_in_the_nursing_room(ctx: ServiceContext, admin: Actor,
                                                        bookings: BookingService) -> None:
    seat = unit_id(ctx, READING)
    refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 15)), NameRequiredHere)
    room = unit_id(ctx, NURSING)
    row = bookings.book(admin, room, at(TODAY, 14), at(TODAY, 14, 30))
    assert row.person_id is None and row.person_name == ""


def test_party_size_over_capacity(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    seat = unit_id(ctx, READING)
    error = refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 15), who, party_size=2),
                    OverCapacity)
    assert error.params == {"capacity": 1}
    room = unit_id(ctx, ACTIVITY)
    refused(ctx, lambda: bookings.book(admin, room, at(TOMORROW, 14), at(TOMORROW, 15), who, party_size=31),
            OverCapacity)
    refused(ctx, lambda: bookings.book(admin, room, at(TOMORROW, 14), at(TOMORROW, 15), who, party_size=0),
            OutOfRange)
    assert bookings.book(admin, room, at(TOMORROW, 14), at(TOMORROW, 15), who, party_size=30).party_size == 30


def test_a_unit_of_an_inactive_facility_or_out_of_order(ctx: ServiceContext, admin: Actor,
                                                        bookings: BookingService, who: int) -> None:
    hall = facility(ctx, CINEMA)
    FacilityAdminService(ctx).set_active(admin, hall.id, False, "放映设备检修")
    error = refused(ctx, lambda: bookings.book(admin, hall.units[0].id, at(TOMORROW, 14), at(TOMORROW, 15), who),
                    UnitUnavailable)
    assert error.params == {"unit": "影院", "reason": "放映设备检修"}

    seat = unit_id(ctx, READING, 4)
    with ctx.db.write() as s:
        s.execute(update(Unit).where(Unit.id == seat).values(out_of_order_reason="椅子损坏"))
    error = refused(ctx, lambda: bookings.book(admin, seat, at(TODAY, 14), at(TODAY, 15), who), UnitUnavailable)
    assert error.params == {"unit": "A5", "reason": "椅子损坏"}


def test_a_unit_of_another_facility_or_an_unknown_or_deactivated_unit(
        ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    reading = facility(ctx, READING)
    room = unit_id(ctx, ACTIVITY)
    error = refused(ctx, lambda: bookings.book(admin, room, at(TOMORROW, 14), at(TOMORROW, 15), who,
                                               facility_id=reading.id), NotFound)
    assert error.field == "unit"
    refused(ctx, lambda: bookings.book(admin, 99_999, at(TODAY, 14), at(TODAY, 15), who), NotFound)
    last = reading.units[-1].id
    FacilityAdminService(ctx).set_unit_active(admin, last, False)
    refused(ctx, lambda: bookings.book(admin, last, at(TODAY, 14), at(TODAY, 15), who), NotFound)
    refused(ctx, lambda: bookings.book(admin, reading.units[0].id, at(TODAY, 14), at(TODAY, 15), 99_999), NotFound)


def test_a_unit_of_another_base(ctx: ServiceContext, admin: Actor, bookings: BookingService, who: int) -> None:
    BaseService(ctx).create_base("南方红色港湾", "NF")
    their_ctx = ServiceContext(ctx.db, ctx.clock, ctx.location, base_code="NF")
    theirs = BookingService(their_ctx)
    their_seat = next(f for f in FacilityService(their_ctx).catalogue() if f.kind is READING).units[0].id
    assert their_seat != unit_id(ctx, READING)
    refused(ctx, lambda: bookings.book(admin, their_seat, at(TODAY, 14), at(TODAY, 15), who), NotFound)
    assert theirs.book(admin, their_seat, at(TODAY, 14), at(TODAY, 15), who).unit_name == "A1"


def test_every_refused_rule_leaves_the_series_and_audit_alone(ctx: ServiceContext, admin: Actor,
                                                              bookings: BookingService, who: int) -> None:
    """A series whose every date is refused writes nothing at all, and says why for each date."""
    BaseService(ctx).add_closure(admin, TOMORROW, TOMORROW, "年终盘点")
    seat = unit_id(ctx, READING)
    before = snapshot(ctx)
    result = bookings.book_series(admin, seat, [TODAY - dt.timedelta(days=1), TOMORROW], dt.time(14),
                                  dt.time(15), who)
    assert snapshot(ctx) == before
    assert result.series_id is None and result.booked == ()
    assert [(day, type(error)) for day, error in result.skipped] == [
        (TODAY - dt.timedelta(days=1), InThePast), (TOMORROW, ClosedThatDay)]
