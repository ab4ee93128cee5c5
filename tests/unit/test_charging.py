"""The charging board and the 母婴室 on both backends: port states (free, charging, overdue by the clock alone, out
of order), taking a port out of service and back, overdue sessions for the alert, the longest session a start
offers, the room's occupancy and its cleaning log — each change with its audit event, each refusal writing nothing.

The clock starts on Saturday 2026-11-28 at 10:00 in the base's zone (02:00 UTC); the base opens 09:00–21:00.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from desk.domain.booking import BookingState, FacilityKind
from desk.domain.clock import FixedClock
from desk.domain.errors import (
    NotFound,
    NotInUse,
    PermissionDenied,
    Required,
    SafetyChecklistIncomplete,
    SlotTaken,
    TooLong,
    UnitInUse,
    UnitUnavailable,
)
from desk.domain.people import Category
from desk.domain.staff import Actor, Role
from desk.services.audit import AuditRow, AuditService
from desk.services.bookings import BookingService
from desk.services.charging import ChargingService, PortState, retimed
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.facilities import FacilityInfo, FacilityService
from desk.services.people import PeopleService, PersonForm
from desk.storage.models import AuditEvent, CleaningLog, Unit

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 11, 28)
MERCHANT = Actor(staff_id=None, username="cashier", display_name="收银员", role=Role.MERCHANT, merchant_id=1)


def local(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(hour, minute), ZONE).astimezone(dt.UTC)


@pytest.fixture
def charging(ctx: ServiceContext, admin: Actor) -> ChargingService:
    return ChargingService(ctx)


@pytest.fixture
def bookings(ctx: ServiceContext) -> BookingService:
    return BookingService(ctx)


def _facility(ctx: ServiceContext, kind: FacilityKind) -> FacilityInfo:
    return next(f for f in FacilityService(ctx).catalogue() if f.kind is kind)


@pytest.fixture
def ebike(ctx: ServiceContext, admin: Actor) -> FacilityInfo:
    return _facility(ctx, FacilityKind.EBIKE_CHARGING)


@pytest.fixture
def sockets(ctx: ServiceContext, admin: Actor) -> FacilityInfo:
    return _facility(ctx, FacilityKind.PHONE_CHARGING)


@pytest.fixture
def rider(ctx: ServiceContext, admin: Actor) -> int:
    return PeopleService(ctx).register(admin, PersonForm("张小明", "13812345678", Category.NEW_EMPLOYMENT)).id


def _events(ctx: ServiceContext, *actions: str) -> list[AuditRow]:
    return [e for e in reversed(AuditService(ctx).recent()) if e.action in actions]


def _event_count(ctx: ServiceContext) -> int:
    with ctx.db.read() as s:
        return s.execute(select(func.count()).select_from(AuditEvent)).scalar_one()


@contextmanager
def _selects(ctx: ServiceContext) -> Iterator[list[str]]:
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    engines = {ctx.db.engine, ctx.db.read_engine}
    for engine in engines:
        event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", seen)


# -- the board -------------------------------------------------------------------------------------------------------

def test_a_new_base_shows_every_port_free_in_its_order(charging: ChargingService, ebike: FacilityInfo,
                                                      sockets: FacilityInfo) -> None:
    tiles = charging.board(ebike.id)
    assert [t.unit_name for t in tiles] == [f"{n}号桩" for n in range(1, 9)]
    assert {t.state for t in tiles} == {PortState.FREE}
    assert all(t.booking_id is None and t.next_booking_at is None for t in tiles)
    assert [t.unit_name for t in charging.board(sockets.id)] == [f"插座{n}" for n in range(1, 11)]


def test_the_board_is_read_in_two_queries(ctx: ServiceContext, charging: ChargingService, bookings: BookingService,
                                          admin: Actor, sockets: FacilityInfo) -> None:
    for unit in sockets.units[:4]:
        bookings.use_now(admin, unit.id, 60)
    with _selects(ctx) as statements:
        tiles = charging.board(sockets.id)
    assert [t.state for t in tiles].count(PortState.CHARGING) == 4
    assert len(statements) == 2


def test_a_session_shows_who_since_when_and_how_long_is_left(
        ctx: ServiceContext, charging: ChargingService, bookings: BookingService, admin: Actor, ebike: FacilityInfo,
        sockets: FacilityInfo, rider: int, clock: FixedClock) -> None:
    clock.advance(seconds=25)  # sessions start on the whole minute
    port = ebike.units[2]
    session = bookings.use_now(admin, port.id, 120, person_id=rider, safety_checked=True)
    socket = bookings.use_now(admin, sockets.units[0].id, 30)

    tile = charging.board(ebike.id)[2]
    assert (tile.unit_id, tile.state, tile.booking_id, tile.person_id) == (port.id, PortState.CHARGING, session.id,
                                                                            rider)
    assert (tile.masked_name, tile.masked_phone, tile.anonymous) == ("张*明", "138****5678", False)
    assert (tile.started_at, tile.ends_at) == (local(10), local(12))
    assert (tile.minutes_left, tile.minutes_over, tile.safety_checked) == (120, 0, True)
    assert [t.state for t in charging.board(ebike.id)].count(PortState.FREE) == 7

    first = charging.board(sockets.id)[0]
    assert (first.booking_id, first.state, first.anonymous, first.masked_name, first.masked_phone) == (
        socket.id, PortState.CHARGING, True, "", "")
    clock.advance(minutes=10)
    assert charging.board(sockets.id)[0].minutes_left == 20  # 19 min 35 s, rounded up


def test_a_session_past_its_end_is_overdue_by_the_clock_alone(
        ctx: ServiceContext, charging: ChargingService, bookings: BookingService, admin: Actor, ebike: FacilityInfo,
        sockets: FacilityInfo, rider: int, clock: FixedClock) -> None:
    session = bookings.use_now(admin, ebike.units[0].id, 60, person_id=rider, safety_checked=True)
    bookings.use_now(admin, sockets.units[1].id, 120)
    before = charging.board(ebike.id)[0]
    clock.advance(minutes=60)
    at_end = charging.board(ebike.id)[0]
    assert (at_end.state, at_end.minutes_left, at_end.minutes_over) == (PortState.CHARGING, 0, 0)
    assert charging.overdue() == []

    clock.advance(minutes=25)
    tile = charging.board(ebike.id)[0]
    assert (tile.state, tile.minutes_left, tile.minutes_over, tile.booking_id) == (
        PortState.OVERDUE, 0, 25, session.id)
    assert retimed(before, clock.now()) == tile  # what the page computes between two reads

    [late] = charging.overdue()
    assert (late.booking_id, late.unit_name, late.facility_name, late.masked_name, late.masked_phone,
            late.ends_at, late.minutes_over) == (session.id, "1号桩", "电动车充电桩", "张*明", "138****5678",
                                                 local(11), 25)
    assert charging.overdue(ebike.id) == [late]
    assert charging.overdue(sockets.id) == []

    bookings.complete(admin, session.id)
    assert charging.board(ebike.id)[0].state is PortState.FREE
    assert charging.overdue() == []


def test_overdue_without_a_facility_covers_charging_only(
        ctx: ServiceContext, charging: ChargingService, admin: Actor, clock: FixedClock) -> None:
    charging.occupy(admin, 15)
    clock.advance(minutes=30)
    assert charging.nursing_state().minutes_over == 15
    assert charging.overdue() == []
    nursing = _facility(ctx, FacilityKind.NURSING_ROOM)
    assert [o.unit_name for o in charging.overdue(nursing.id)] == ["母婴室"]


def test_a_free_port_shows_its_next_booking(charging: ChargingService, bookings: BookingService, admin: Actor,
                                             sockets: FacilityInfo) -> None:
    socket = sockets.units[4]
    bookings.book(admin, socket.id, local(11), local(12))
    tile = charging.board(sockets.id)[4]
    assert (tile.state, tile.next_booking_at) == (PortState.FREE, local(11))


def test_board_of_an_unknown_facility_is_not_found(charging: ChargingService) -> None:
    with pytest.raises(NotFound):
        charging.board(9999)


# -- out of order ----------------------------------------------------------------------------------------------------

def test_out_of_order_refuses_sessions_until_repaired(
        ctx: ServiceContext, charging: ChargingService, bookings: BookingService, admin: Actor, ebike: FacilityInfo,
        rider: int) -> None:
    port = ebike.units[3]
    tile = charging.mark_out_of_order(admin, port.id, "  插口松动，待维修 ")
    assert (tile.unit_id, tile.state, tile.out_of_order_reason) == (port.id, PortState.OUT_OF_ORDER, "插口松动，待维修")
    assert charging.board(ebike.id)[3] == tile
    with pytest.raises(UnitUnavailable) as refused:
        bookings.use_now(admin, port.id, 60, person_id=rider, safety_checked=True)
    assert refused.value.params == {"unit": "4号桩", "reason": "插口松动，待维修"}

    repaired = charging.mark_repaired(admin, port.id)
    assert (repaired.state, repaired.out_of_order_reason) == (PortState.FREE, "")
    session = bookings.use_now(admin, port.id, 60, person_id=rider, safety_checked=True)
    assert charging.board(ebike.id)[3].booking_id == session.id

    events = _events(ctx, "unit_out_of_order", "unit_repaired")
    assert [(e.action, e.actor, e.entity, e.entity_id, e.summary) for e in events] == [
        ("unit_out_of_order", "admin", "unit", str(port.id), "4号桩: 插口松动，待维修"),
        ("unit_repaired", "admin", "unit", str(port.id), "4号桩: 插口松动，待维修"),
    ]
    assert CheckService(ctx).run() == []


def test_a_running_port_cannot_be_marked_out_of_order(
        ctx: ServiceContext, charging: ChargingService, bookings: BookingService, admin: Actor, ebike: FacilityInfo,
        rider: int, clock: FixedClock) -> None:
    port = ebike.units[0]
    session = bookings.use_now(admin, port.id, 60, person_id=rider, safety_checked=True)
    clock.advance(minutes=90)  # overdue is still running
    written = _event_count(ctx)
    with pytest.raises(UnitInUse) as refused:
        charging.mark_out_of_order(admin, port.id, "充电器发烫")
    assert (refused.value.field, refused.value.params) == ("reason", {"unit": "1号桩"})
    assert _event_count(ctx) == written
    assert charging.board(ebike.id)[0].out_of_order_reason == ""

    bookings.complete(admin, session.id)
    assert charging.mark_out_of_order(admin, port.id, "充电器发烫").state is PortState.OUT_OF_ORDER


@pytest.mark.parametrize(("reason", "error"), [("   ", Required), ("坏" * 61, TooLong)])
def test_a_reason_is_required_and_short(ctx: ServiceContext, charging: ChargingService, admin: Actor,
                                        ebike: FacilityInfo, reason: str, error: type[Exception]) -> None:
    written = _event_count(ctx)
    with pytest.raises(error):
        charging.mark_out_of_order(admin, ebike.units[0].id, reason)
    assert _event_count(ctx) == written
    assert charging.board(ebike.id)[0].state is PortState.FREE


def test_repairing_a_working_port_or_repeating_a_reason_writes_nothing(
        ctx: ServiceContext, charging: ChargingService, admin: Actor, ebike: FacilityInfo) -> None:
    port = ebike.units[1].id
    written = _event_count(ctx)
    assert charging.mark_repaired(admin, port).state is PortState.FREE
    assert _event_count(ctx) == written
    charging.mark_out_of_order(admin, port, "断电")
    charging.mark_out_of_order(admin, port, "断电")
    assert _event_count(ctx) == written + 1
    charging.mark_out_of_order(admin, port, "断电，等电工")
    assert [e.summary for e in _events(ctx, "unit_out_of_order")] == ["2号桩: 断电", "2号桩: 断电，等电工"]


def test_merchants_cannot_change_units(ctx: ServiceContext, charging: ChargingService, ebike: FacilityInfo) -> None:
    unit = ebike.units[0].id
    with pytest.raises(PermissionDenied):
        charging.mark_out_of_order(MERCHANT, unit, "坏了")
    with pytest.raises(PermissionDenied):
        charging.mark_repaired(MERCHANT, unit)
    with pytest.raises(PermissionDenied):
        charging.log_cleaning(MERCHANT, unit)


def test_unknown_or_inactive_units_are_not_found(ctx: ServiceContext, charging: ChargingService, admin: Actor,
                                                 ebike: FacilityInfo) -> None:
    with pytest.raises(NotFound):
        charging.mark_out_of_order(admin, 9999, "坏了")
    with ctx.db.write() as s:
        unit = s.get(Unit, ebike.units[7].id)
        assert unit is not None
        unit.active = False
    with pytest.raises(NotFound):
        charging.mark_repaired(admin, ebike.units[7].id)
    assert len(charging.board(ebike.id)) == 7


# -- starting a session ----------------------------------------------------------------------------------------------

def test_a_start_offers_the_longest_allowed_session(
        charging: ChargingService, bookings: BookingService, admin: Actor, ebike: FacilityInfo,
        sockets: FacilityInfo, clock: FixedClock) -> None:
    limits = charging.session_limits(ebike.units[0].id)
    assert (limits.unit_name, limits.facility_name, limits.kind) == ("1号桩", "电动车充电桩",
                                                                     FacilityKind.EBIKE_CHARGING)
    assert (limits.min_minutes, limits.max_minutes, limits.step_minutes, limits.default_minutes) == (15, 240, 15, 240)
    assert (limits.name_required, limits.needs_checklist) == (True, True)

    socket = sockets.units[0].id
    bookings.book(admin, socket, local(11), local(12))
    limits = charging.session_limits(socket)
    assert (limits.default_minutes, limits.max_minutes, limits.name_required, limits.needs_checklist) == (
        60, 120, False, False)

    clock.set(local(20, 20))
    assert charging.session_limits(ebike.units[0].id).default_minutes == 40  # until closing time
    clock.set(local(20, 55))
    assert charging.session_limits(ebike.units[0].id).default_minutes == 15  # the rules will say why not


def test_an_ebike_needs_the_checklist(bookings: BookingService, charging: ChargingService, admin: Actor,
                                      ebike: FacilityInfo, rider: int) -> None:
    with pytest.raises(SafetyChecklistIncomplete):
        bookings.use_now(admin, ebike.units[0].id, 60, person_id=rider)
    assert charging.board(ebike.id)[0].state is PortState.FREE


# -- 母婴室 ---------------------------------------------------------------------------------------------------------

def test_the_nursing_room_is_occupied_without_a_name_and_released(
        ctx: ServiceContext, charging: ChargingService, admin: Actor, clock: FixedClock) -> None:
    clock.advance(minutes=5, seconds=40)
    state = charging.nursing_state()
    assert (state.unit_name, state.occupied, state.since, state.expected_end, state.max_minutes) == (
        "母婴室", False, None, None, 45)

    stay = charging.occupy(admin)
    assert (stay.person_id, stay.state, stay.starts_at, stay.ends_at) == (
        None, BookingState.CHECKED_IN, local(10, 5), local(10, 50))
    state = charging.nursing_state()
    assert (state.occupied, state.since, state.expected_end, state.minutes_over) == (
        True, local(10, 5), local(10, 50), 0)
    assert state.booking is not None and state.booking.id == stay.id

    with pytest.raises(SlotTaken):
        charging.occupy(admin)

    clock.advance(minutes=20)
    done = charging.release(admin, stay.id)
    assert (done.state, done.finished_at) == (BookingState.COMPLETED, clock.now())
    assert not charging.nursing_state().occupied
    with pytest.raises(NotInUse):
        charging.release(admin)
    assert [e.action for e in _events(ctx, "booking_walk_in", "booking_completed")] == [
        "booking_walk_in", "booking_completed"]


def test_release_without_an_id_ends_the_running_stay(charging: ChargingService, admin: Actor,
                                                     clock: FixedClock) -> None:
    stay = charging.occupy(admin, 30)
    assert stay.ends_at == local(10, 30)
    clock.advance(minutes=40)
    assert charging.nursing_state().minutes_over == 10
    assert charging.release(admin).id == stay.id
    assert charging.nursing_state().booking is None


def test_the_nursing_room_near_closing_is_offered_until_closing(charging: ChargingService, admin: Actor,
                                                                clock: FixedClock) -> None:
    clock.set(local(20, 30))
    assert charging.occupy(admin).ends_at == local(21)


def test_cleaning_is_logged_with_time_and_staff_newest_first(
        ctx: ServiceContext, charging: ChargingService, admin: Actor, clock: FixedClock) -> None:
    room = charging.nursing_state().unit_id
    assert charging.last_cleaning(room) is None
    first = charging.log_cleaning(admin, room)
    clock.advance(minutes=90)
    second = charging.log_cleaning(admin, room, " 紫外线消毒 ")
    assert (first.at, first.staff_name, first.note) == (local(10), "王建国", "")
    assert (second.at, second.staff_name, second.note) == (local(11, 30), "王建国", "紫外线消毒")
    assert charging.cleaning_log(room) == [second, first]
    assert charging.cleaning_log(room, 1) == [second]
    assert charging.last_cleaning(room) == second
    assert charging.nursing_state().last_cleaning == second
    assert [(e.action, e.entity_id, e.summary) for e in _events(ctx, "cleaning_logged")] == [
        ("cleaning_logged", str(room), "母婴室"), ("cleaning_logged", str(room), "母婴室 紫外线消毒")]

    written = _event_count(ctx)
    with pytest.raises(TooLong):
        charging.log_cleaning(admin, room, "消" * 61)
    with ctx.db.read() as s:
        assert s.execute(select(func.count()).select_from(CleaningLog)).scalar_one() == 2
    assert _event_count(ctx) == written


def test_a_base_without_a_nursing_room_says_so(ctx: ServiceContext, charging: ChargingService, admin: Actor) -> None:
    nursing = _facility(ctx, FacilityKind.NURSING_ROOM)
    with ctx.db.write() as s:
        for unit in s.execute(select(Unit).where(Unit.facility_id == nursing.id)).scalars():
            unit.active = False
    with pytest.raises(NotFound):
        charging.nursing_state()
    with pytest.raises(NotFound):
        charging.occupy(admin)
