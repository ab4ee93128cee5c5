"""Services layer: the charging board (电动车充电桩, 充电插座) and the 母婴室 — what each unit is doing now, taking a
unit out of service and back, the sessions that ran over their time, and the room's cleaning log.

A charging session or a stay in the 母婴室 is a booking of the unit: it starts with `BookingService.use_now` and
ends with `BookingService.complete`, so the booking rules, quotas, visits and reports apply to it unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select, union_all
from sqlalchemy.orm import Session

from desk.domain.booking import ACTIVE_STATES, BookingState, FacilityKind
from desk.domain.errors import NotFound, NotInUse, UnitInUse
from desk.domain.people import mask_name, mask_phone
from desk.domain.staff import Actor, Role
from desk.domain.text import clean_text
from desk.services import audit
from desk.services.bases import current_base
from desk.services.bookings import LONGEST_BOOKING, BookingRow, BookingService, booking_row
from desk.services.context import ServiceContext
from desk.services.facilities import calendar_day, zone_of
from desk.storage.models import Booking, CleaningLog, Facility, Person, ServiceBase, Staff, Unit

REASON_MAX = 60  # unit.out_of_order_reason
NOTE_MAX = 60  # cleaning_log.note
CLEANING_LOG_LIMIT = 20
_CHARGING_KINDS = [FacilityKind.EBIKE_CHARGING.value, FacilityKind.PHONE_CHARGING.value]


class PortState(enum.StrEnum):
    FREE = "free"
    CHARGING = "charging"
    OVERDUE = "overdue"  # checked in and past the planned end
    OUT_OF_ORDER = "out_of_order"


@dataclass(frozen=True)
class PortTile:
    """One port or socket as the board shows it. The person is masked: the board is read across the desk."""

    unit_id: int
    unit_name: str
    facility_id: int
    state: PortState
    out_of_order_reason: str  # "" while in service
    booking_id: int | None  # the running session
    person_id: int | None
    masked_name: str  # "" for an anonymous session
    masked_phone: str
    started_at: dt.datetime | None
    ends_at: dt.datetime | None  # the planned end
    minutes_left: int  # while charging, rounded up
    minutes_over: int  # while overdue, rounded up
    safety_checked: bool
    next_booking_at: dt.datetime | None  # start of the next booking not checked in yet (may lie in its grace time)

    @property
    def anonymous(self) -> bool:
        return self.booking_id is not None and self.person_id is None


@dataclass(frozen=True)
class OverdueSession:
    booking_id: int
    facility_id: int
    facility_name: str
    unit_id: int
    unit_name: str
    masked_name: str
    masked_phone: str
    ends_at: dt.datetime
    minutes_over: int


@dataclass(frozen=True)
class SessionLimits:
    """What a session started on a unit now may be: the facility's bounds and the longest it can run from now
    (capped by closing time and the next booking), which the start panel preselects."""

    unit_id: int
    unit_name: str
    facility_name: str
    kind: FacilityKind
    min_minutes: int
    max_minutes: int
    step_minutes: int
    default_minutes: int
    name_required: bool
    needs_checklist: bool


@dataclass(frozen=True)
class CleaningEntry:
    id: int
    unit_id: int
    at: dt.datetime
    staff_name: str  # "" when written from the command line
    note: str


@dataclass(frozen=True)
class NursingState:
    facility_id: int
    unit_id: int
    unit_name: str
    max_minutes: int
    booking: BookingRow | None  # the stay in progress
    minutes_over: int  # past the expected end, rounded up
    out_of_order_reason: str
    next_booking_at: dt.datetime | None
    last_cleaning: CleaningEntry | None

    @property
    def occupied(self) -> bool:
        return self.booking is not None

    @property
    def since(self) -> dt.datetime | None:
        return (self.booking.checked_in_at or self.booking.starts_at) if self.booking else None

    @property
    def expected_end(self) -> dt.datetime | None:
        return self.booking.ends_at if self.booking else None


def whole_minutes(span: dt.timedelta) -> int:
    """A positive span in minutes, rounded up (59 s left is "1 minute left"); 0 for none."""
    seconds = span.total_seconds()
    return math.ceil(seconds / 60) if seconds > 0 else 0


def retimed(tile: PortTile, now: dt.datetime) -> PortTile:
    """The same tile at another instant: a running session becomes overdue by time alone, without a write."""
    if tile.booking_id is None or tile.ends_at is None:
        return tile
    if now > tile.ends_at:
        return dataclasses.replace(tile, state=PortState.OVERDUE, minutes_left=0,
                                   minutes_over=whole_minutes(now - tile.ends_at))
    return dataclasses.replace(tile, state=PortState.CHARGING, minutes_left=whole_minutes(tile.ends_at - now),
                               minutes_over=0)


def port_tiles(s: Session, facility_id: int, units: list[Unit], now: dt.datetime) -> list[PortTile]:
    """The tiles of `units` in one query: the running session of each and its next booking."""
    ids = [u.id for u in units]
    # Two bounded reads rather than one OR: sessions running now (few, whatever their age — one forgotten for
    # days still shows), and bookings not over yet, which started at most one longest booking ago; the OR made
    # the database walk every port's whole history.
    # (Running sessions by state alone — a handful in the whole base — not by port, whose history is long.)
    running_rows = select(Booking.id).where(Booking.state == BookingState.CHECKED_IN.value)
    coming_rows = select(Booking.id).where(Booking.unit_id.in_(ids), Booking.state == BookingState.BOOKED.value,
                                           Booking.starts_at > now - LONGEST_BOOKING, Booking.ends_at > now)
    rows = s.execute(
        select(Booking, Person.name, Person.phone).outerjoin(Person, Person.id == Booking.person_id)
        .where(Booking.id.in_(union_all(running_rows, coming_rows)), Booking.unit_id.in_(ids))
        .order_by(Booking.starts_at, Booking.id)
    ).all() if ids else []
    running: dict[int, tuple[Booking, str | None, str | None]] = {}
    upcoming: dict[int, dt.datetime] = {}
    for booking, name, phone in rows:
        if booking.state == BookingState.CHECKED_IN.value:
            running.setdefault(booking.unit_id, (booking, name, phone))
        else:
            upcoming.setdefault(booking.unit_id, booking.starts_at)
    tiles = []
    for unit in units:
        session = running.get(unit.id)
        if session is None:
            state = PortState.OUT_OF_ORDER if unit.out_of_order_reason else PortState.FREE
            tiles.append(PortTile(unit.id, unit.name, facility_id, state, unit.out_of_order_reason, None, None, "",
                                  "", None, None, 0, 0, False, upcoming.get(unit.id)))
            continue
        booking, name, phone = session
        # A session still running on a unit someone marked out of order elsewhere shows as running: it must be
        # stopped first, and the reason travels with it.
        tile = PortTile(unit.id, unit.name, facility_id, PortState.CHARGING, unit.out_of_order_reason, booking.id,
                        booking.person_id, mask_name(name) if booking.person_id else "", mask_phone(phone),
                        booking.checked_in_at or booking.starts_at, booking.ends_at, 0, 0, booking.safety_checked,
                        upcoming.get(unit.id))
        tiles.append(retimed(tile, now))
    return tiles


class ChargingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._bookings = BookingService(ctx)

    # -- the board -----------------------------------------------------------------------------------------------

    def board(self, facility_id: int) -> list[PortTile]:
        """Every active unit of a facility, in its order, with what it is doing now."""
        now = self._ctx.clock.now()
        with self._ctx.db.read() as s:
            rows = s.execute(
                select(Facility.id, Unit).outerjoin(Unit, and_(Unit.facility_id == Facility.id, Unit.active))
                .where(Facility.id == facility_id).order_by(Unit.sort_order, Unit.id)
            ).all()
            if not rows:
                raise NotFound(entity="facility", key=facility_id)
            return port_tiles(s, facility_id, [unit for _id, unit in rows if unit is not None], now)

    def overdue(self, facility_id: int | None = None) -> list[OverdueSession]:
        """Sessions still running past their planned end, longest over first: of one facility, or of every
        charging facility of the base."""
        now = self._ctx.clock.now()
        with self._ctx.db.read() as s:
            query = (
                select(Booking, Unit.name, Facility.id, Facility.name, Person.name, Person.phone)
                .join(Unit, Unit.id == Booking.unit_id).join(Facility, Facility.id == Unit.facility_id)
                .outerjoin(Person, Person.id == Booking.person_id)
                .where(Booking.state == BookingState.CHECKED_IN.value, Booking.ends_at < now)
                .order_by(Booking.ends_at, Booking.id))
            if facility_id is not None:
                query = query.where(Facility.id == facility_id)
            else:
                base = current_base(s, self._ctx.base_code)
                query = query.where(Facility.base_id == base.id, Facility.kind.in_(_CHARGING_KINDS))
            return [OverdueSession(b.id, f_id, f_name, b.unit_id, unit_name, mask_name(name) if b.person_id else "",
                                   mask_phone(phone), b.ends_at, whole_minutes(now - b.ends_at))
                    for b, unit_name, f_id, f_name, name, phone in s.execute(query)]

    def session_limits(self, unit_id: int) -> SessionLimits:
        now = self._ctx.clock.now().replace(second=0, microsecond=0)  # as use_now starts a session
        with self._ctx.db.read() as s:
            unit = s.get(Unit, unit_id)
            if unit is None or not unit.active:
                raise NotFound("unit", entity="unit", key=unit_id)
            return self._limits(s, unit, now)

    # -- unit status ---------------------------------------------------------------------------------------------

    def mark_out_of_order(self, actor: Actor, unit_id: int, reason: str) -> PortTile:
        """Take a unit out of service (故障). Refused while a session runs on it: stop that first."""
        actor.require(Role.ADMIN, Role.DESK, action="mark_out_of_order")
        text = clean_text(reason, "reason", max_length=REASON_MAX)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            unit = self._lock_unit(s, unit_id)
            # The unit's row is locked (and SQLite serialises writers): no session can start between this check
            # and the update, since starting one locks the same row first.
            running = s.execute(select(Booking.id).where(
                Booking.unit_id == unit.id, Booking.state == BookingState.CHECKED_IN.value).limit(1)).first()
            if running is not None:
                raise UnitInUse("reason", unit=unit.name)
            if unit.out_of_order_reason != text:
                unit.out_of_order_reason = text
                audit.record(s, now, actor, "unit_out_of_order", "unit", unit.id, f"{unit.name}: {text}")
            return port_tiles(s, unit.facility_id, [unit], now)[0]

    def mark_repaired(self, actor: Actor, unit_id: int) -> PortTile:
        """Back in service. A unit already in service is left as it is (another desk was quicker)."""
        actor.require(Role.ADMIN, Role.DESK, action="mark_repaired")
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            unit = self._lock_unit(s, unit_id)
            if unit.out_of_order_reason:
                audit.record(s, now, actor, "unit_repaired", "unit", unit.id,
                             f"{unit.name}: {unit.out_of_order_reason}")
                unit.out_of_order_reason = ""
            return port_tiles(s, unit.facility_id, [unit], now)[0]

    # -- 母婴室 ---------------------------------------------------------------------------------------------------

    def nursing_state(self) -> NursingState:
        """The base's 母婴室 (the first room of its first nursing-room facility): free or occupied, and the last
        cleaning. NotFound when the base has none."""
        now = self._ctx.clock.now()
        with self._ctx.db.read() as s:
            facility, unit = self._nursing_room(s)
            bookings = s.execute(
                select(Booking).where(Booking.unit_id == unit.id, or_(
                    Booking.state == BookingState.CHECKED_IN.value,
                    and_(Booking.state == BookingState.BOOKED.value, Booking.ends_at > now)))
                .order_by(Booking.starts_at, Booking.id)
            ).scalars().all()
            stay = next((b for b in bookings if b.state == BookingState.CHECKED_IN.value), None)
            upcoming = next((b.starts_at for b in bookings if b.state == BookingState.BOOKED.value), None)
            last = self._cleaning(s, unit.id, 1)
            return NursingState(
                facility.id, unit.id, unit.name, facility.max_minutes, booking_row(s, stay) if stay else None,
                whole_minutes(now - stay.ends_at) if stay else 0, unit.out_of_order_reason, upcoming,
                last[0] if last else None)

    def occupy(self, actor: Actor, minutes: int | None = None) -> BookingRow:
        """Someone goes into the 母婴室 now, without a name; by default for as long as the room may be used."""
        now = self._ctx.clock.now().replace(second=0, microsecond=0)
        with self._ctx.db.read() as s:
            _facility, unit = self._nursing_room(s)
            length = minutes if minutes is not None else self._limits(s, unit, now).default_minutes
        # One write transaction, in BookingService: the room's row is locked there, so a second desk gets SlotTaken.
        return self._bookings.use_now(actor, unit.id, length)

    def release(self, actor: Actor, booking_id: int | None = None) -> BookingRow:
        """The 母婴室 is free again: the stay shown (`booking_id`), or whichever stay is running."""
        if booking_id is None:
            with self._ctx.db.read() as s:
                _facility, unit = self._nursing_room(s)
                booking_id = s.execute(select(Booking.id).where(
                    Booking.unit_id == unit.id, Booking.state == BookingState.CHECKED_IN.value)
                    .order_by(Booking.starts_at).limit(1)).scalar_one_or_none()
                if booking_id is None:
                    raise NotInUse(unit=unit.name)
        return self._bookings.complete(actor, booking_id)

    def log_cleaning(self, actor: Actor, unit_id: int, note: str = "") -> CleaningEntry:
        """清洁消毒登记: who cleaned and disinfected the room, and when (now)."""
        actor.require(Role.ADMIN, Role.DESK, action="log_cleaning")
        text = clean_text(note, "note", max_length=NOTE_MAX, required=False)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            unit = s.get(Unit, unit_id)
            if unit is None or not unit.active:
                raise NotFound("unit", entity="unit", key=unit_id)
            entry = CleaningLog(unit_id=unit.id, at=now, staff_id=actor.staff_id, note=text)
            s.add(entry)
            s.flush()
            audit.record(s, now, actor, "cleaning_logged", "unit", unit.id, f"{unit.name} {text}".strip())
            return self._cleaning(s, unit.id, 1)[0]

    def cleaning_log(self, unit_id: int, limit: int = CLEANING_LOG_LIMIT) -> list[CleaningEntry]:
        """The latest entries of a unit, newest first."""
        with self._ctx.db.read() as s:
            return self._cleaning(s, unit_id, limit)

    def last_cleaning(self, unit_id: int) -> CleaningEntry | None:
        entries = self.cleaning_log(unit_id, 1)
        return entries[0] if entries else None

    # -- helpers -------------------------------------------------------------------------------------------------

    @staticmethod
    def _lock_unit(s: Session, unit_id: int) -> Unit:
        unit = s.execute(select(Unit).where(Unit.id == unit_id).with_for_update()).scalar_one_or_none()
        if unit is None or not unit.active:
            raise NotFound("unit", entity="unit", key=unit_id)
        return unit

    def _nursing_room(self, s: Session) -> tuple[Facility, Unit]:
        base = current_base(s, self._ctx.base_code)
        row = s.execute(
            select(Facility, Unit).join(Unit, Unit.facility_id == Facility.id)
            .where(Facility.base_id == base.id, Facility.kind == FacilityKind.NURSING_ROOM.value, Facility.active,
                   Unit.active)
            .order_by(Facility.sort_order, Facility.id, Unit.sort_order, Unit.id).limit(1)
        ).first()
        if row is None:
            raise NotFound(entity="facility", key=FacilityKind.NURSING_ROOM.value)
        return row[0], row[1]

    @staticmethod
    def _limits(s: Session, unit: Unit, now: dt.datetime) -> SessionLimits:
        facility = s.get(Facility, unit.facility_id)
        assert facility is not None
        base = s.get(ServiceBase, facility.base_id)
        assert base is not None
        zone = zone_of(base)
        longest = facility.max_minutes
        day = calendar_day(s, base, now.astimezone(zone).date(), facility)
        if day.is_open and day.closes is not None:
            longest = min(longest, whole_minutes(dt.datetime.combine(day.day, day.closes, zone) - now))
        following = s.execute(select(func.min(Booking.starts_at)).where(
            Booking.unit_id == unit.id, Booking.state.in_([st.value for st in ACTIVE_STATES]),
            Booking.starts_at > now)).scalar_one_or_none()
        if following is not None:
            longest = min(longest, whole_minutes(following - dt.timedelta(minutes=facility.buffer_minutes) - now))
        # Too short to be allowed at all: offer the minimum and let the booking rules say what is in the way.
        default = max(longest, facility.min_minutes)
        kind = FacilityKind(facility.kind)
        return SessionLimits(unit.id, unit.name, facility.name, kind, facility.min_minutes, facility.max_minutes,
                             facility.slot_minutes, default, facility.name_required,
                             kind is FacilityKind.EBIKE_CHARGING)

    @staticmethod
    def _cleaning(s: Session, unit_id: int, limit: int) -> list[CleaningEntry]:
        rows = s.execute(
            select(CleaningLog, Staff.display_name).outerjoin(Staff, Staff.id == CleaningLog.staff_id)
            .where(CleaningLog.unit_id == unit_id).order_by(CleaningLog.at.desc(), CleaningLog.id.desc())
            .limit(limit)
        ).all()
        return [CleaningEntry(entry.id, entry.unit_id, entry.at, name or "", entry.note) for entry, name in rows]
