"""The booking page's read models: one facility's day board and the free/occupied map of one day, on both
backends (the `ctx` fixture)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from sqlalchemy import event

from desk.domain.booking import BookingState, FacilityKind
from desk.domain.calendar import DayKind
from desk.domain.clock import FixedClock
from desk.domain.errors import NotFound
from desk.domain.hours import DEFAULT_WEEK, DayHours
from desk.domain.people import Category
from desk.domain.staff import Actor
from desk.services.bases import BaseService
from desk.services.bookings import BookingService
from desk.services.context import ServiceContext
from desk.services.day_board import DayBoardService
from desk.services.facilities import FacilityInfo, FacilityService
from desk.services.people import PeopleService, PersonForm, PersonRow

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 11, 28)  # a Saturday; the clock stands at 10:00 local


def at(day: dt.date, hhmm: str) -> dt.datetime:
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), ZONE)


@pytest.fixture
def catalogue(ctx: ServiceContext, admin: Actor) -> dict[FacilityKind, FacilityInfo]:
    return {f.kind: f for f in FacilityService(ctx).catalogue()}


@pytest.fixture
def person(ctx: ServiceContext, admin: Actor) -> PersonRow:
    return PeopleService(ctx).register(admin, PersonForm("张明", "13812345678", Category.PARTY_MEMBER))


def test_the_board_has_the_opening_hours_in_slot_steps_and_the_bookings_of_that_day(
        ctx: ServiceContext, admin: Actor, catalogue: dict[FacilityKind, FacilityInfo], person: PersonRow) -> None:
    room = catalogue[FacilityKind.READING_ROOM]
    a1, a2 = room.units[0], room.units[1]
    bookings = BookingService(ctx)
    kept = bookings.book(admin, a1.id, at(TODAY, "14:00"), at(TODAY, "15:00"), person.id, note="靠窗")
    cancelled = bookings.book(admin, a2.id, at(TODAY, "11:00"), at(TODAY, "12:00"), person.id)
    bookings.cancel(admin, cancelled.id, "临时有事")
    bookings.book(admin, a1.id, at(TODAY + dt.timedelta(days=1), "10:00"), at(TODAY + dt.timedelta(days=1), "11:00"),
                  person.id)

    board = DayBoardService(ctx).day(room.id, TODAY)

    assert board.open_day.is_open and board.open_day.kind is DayKind.REGULAR
    assert board.slots[0] == at(TODAY, "09:00") and board.axis_end == at(TODAY, "21:00")
    assert len(board.slots) == 24 and board.slot_minutes == 30
    assert [u.name for u in board.units] == [f"A{n}" for n in range(1, 21)]
    assert [(b.id, b.state) for b in board.bookings] == [(kept.id, BookingState.BOOKED),
                                                         (cancelled.id, BookingState.CANCELLED)]
    first = board.bookings[0]
    assert (first.person_name, first.masked_phone, first.note) == ("张明", "138****5678", "靠窗")
    assert first.starts_at == at(TODAY, "14:00") and first.active
    assert board.bookings[1].cancel_reason == "临时有事" and not board.bookings[1].active
    assert board.bookings_of(a2.id) == [board.bookings[1]]


def test_an_anonymous_booking_has_no_name_or_phone(
        ctx: ServiceContext, admin: Actor, catalogue: dict[FacilityKind, FacilityInfo]) -> None:
    nursing = catalogue[FacilityKind.NURSING_ROOM]
    BookingService(ctx).book(admin, nursing.units[0].id, at(TODAY, "10:30"), at(TODAY, "11:00"))

    board = DayBoardService(ctx).day(nursing.id, TODAY)

    assert [(b.person_id, b.person_name, b.masked_phone) for b in board.bookings] == [(None, "", "")]
    assert board.slot_minutes == 15 and len(board.slots) == 48


def test_a_closure_entered_after_bookings_keeps_the_usual_axis_and_shows_them(
        ctx: ServiceContext, admin: Actor, catalogue: dict[FacilityKind, FacilityInfo], person: PersonRow) -> None:
    room = catalogue[FacilityKind.READING_ROOM]
    monday = TODAY + dt.timedelta(days=2)
    booked = BookingService(ctx).book(admin, room.units[3].id, at(monday, "15:00"), at(monday, "16:00"), person.id)
    BaseService(ctx).add_closure(admin, monday, monday, "消防设施年检")

    board = DayBoardService(ctx).day(room.id, monday)

    assert not board.open_day.is_open
    assert (board.open_day.kind, board.open_day.reason) == (DayKind.CLOSURE, "消防设施年检")
    assert board.opens_at is None and board.closes_at is None
    assert board.slots[0] == at(monday, "09:00") and board.axis_end == at(monday, "21:00")
    assert [b.id for b in board.bookings] == [booked.id]


def test_a_statutory_holiday_is_named_and_a_weekly_rest_day_has_no_axis(
        ctx: ServiceContext, admin: Actor, catalogue: dict[FacilityKind, FacilityInfo]) -> None:
    room = catalogue[FacilityKind.READING_ROOM]
    service = DayBoardService(ctx)

    national_day = service.day(room.id, dt.date(2026, 10, 1))
    assert (national_day.open_day.kind, national_day.open_day.reason) == (DayKind.HOLIDAY, "National Day")
    assert len(national_day.slots) == 24  # a Thursday's usual hours, greyed by the page

    week = list(DEFAULT_WEEK)
    week[0] = DayHours(0, None, None)  # closed on Mondays
    BaseService(ctx).set_week(admin, week)
    monday = service.day(room.id, TODAY + dt.timedelta(days=2))
    assert not monday.open_day.is_open and monday.open_day.kind is DayKind.REGULAR
    assert monday.slots == () and monday.axis_start is None


def test_the_axis_widens_to_a_booking_outside_todays_hours(
        ctx: ServiceContext, admin: Actor, catalogue: dict[FacilityKind, FacilityInfo], person: PersonRow) -> None:
    room = catalogue[FacilityKind.READING_ROOM]
    early = BookingService(ctx).book(admin, room.units[0].id, at(TODAY, "19:30"), at(TODAY, "21:00"), person.id)
    week = list(DEFAULT_WEEK)
    week[5] = DayHours(5, dt.time(10, 0), dt.time(18, 0))  # Saturdays shortened after it was booked
    BaseService(ctx).set_week(admin, week)

    board = DayBoardService(ctx).day(room.id, TODAY)

    assert board.opens_at == at(TODAY, "10:00") and board.closes_at == at(TODAY, "18:00")
    assert board.slots[0] == at(TODAY, "10:00") and board.axis_end == at(TODAY, "21:00")
    assert [b.id for b in board.bookings] == [early.id]


def test_a_facility_of_nobody_is_not_found(ctx: ServiceContext, admin: Actor) -> None:
    with pytest.raises(NotFound):
        DayBoardService(ctx).day(9999, TODAY)


def test_availability_maps_every_active_facility_and_counts_only_held_bookings(
        ctx: ServiceContext, admin: Actor, catalogue: dict[FacilityKind, FacilityInfo], person: PersonRow,
        clock: FixedClock) -> None:
    room = catalogue[FacilityKind.READING_ROOM]
    bookings = BookingService(ctx)
    bookings.book(admin, room.units[0].id, at(TODAY, "14:00"), at(TODAY, "15:30"), person.id)
    gone = bookings.book(admin, room.units[1].id, at(TODAY, "14:00"), at(TODAY, "15:00"), person.id)
    bookings.cancel(admin, gone.id, "不来了")
    socket = catalogue[FacilityKind.PHONE_CHARGING].units[2]
    bookings.use_now(admin, socket.id, 60)

    days = DayBoardService(ctx).availability(TODAY)

    assert [d.name for d in days] == [f.name for f in catalogue.values()]
    assert sum(len(d.units) for d in days) == sum(len(f.units) for f in catalogue.values()) == 42
    reading = days[0]
    assert reading.kind is FacilityKind.READING_ROOM and reading.open_day.is_open
    a1, a2 = reading.units[0], reading.units[1]
    assert a1.busy == ((at(TODAY, "14:00"), at(TODAY, "15:30")),)
    assert [reading.slots[i] for i, free in enumerate(a1.free) if not free] == [
        at(TODAY, "14:00"), at(TODAY, "14:30"), at(TODAY, "15:00")]
    assert a2.busy == () and all(a2.free)  # a cancelled booking frees its unit
    assert not a1.is_free(at(TODAY, "15:00"), at(TODAY, "16:00")) and a1.is_free(at(TODAY, "15:30"),
                                                                                  at(TODAY, "16:00"))
    assert reading.free_units == 19
    sockets = next(d for d in days if d.kind is FacilityKind.PHONE_CHARGING)
    assert sockets.units[2].busy == ((clock.now(), clock.now() + dt.timedelta(hours=1)),)


def test_availability_on_a_closed_day_has_no_slots(
        ctx: ServiceContext, admin: Actor, catalogue: dict[FacilityKind, FacilityInfo]) -> None:
    BaseService(ctx).add_closure(admin, TODAY, TODAY, "线路检修")

    days = DayBoardService(ctx).availability(TODAY)

    assert {d.open_day.reason for d in days} == {"线路检修"}
    assert all(d.slots == () and all(u.free == () for u in d.units) for d in days)


def test_availability_reads_in_a_few_queries_however_many_facilities(
        ctx: ServiceContext, admin: Actor, catalogue: dict[FacilityKind, FacilityInfo], person: PersonRow) -> None:
    BookingService(ctx).book(admin, catalogue[FacilityKind.READING_ROOM].units[0].id, at(TODAY, "14:00"),
                             at(TODAY, "15:00"), person.id)
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    engine = ctx.db.read_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        DayBoardService(ctx).availability(TODAY)
    finally:
        event.remove(engine, "before_cursor_execute", count)

    assert 0 < len(statements) <= 7, statements
