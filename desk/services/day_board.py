"""Services layer: read models of the booking page — one facility's day board (its time axis, units and every
booking touching that day) and the free/occupied map of one day for every active facility. Read only: each call
is one read session and returns frozen dataclasses.

Every booking lies within the opening hours of the day it starts on (`check_range` refuses anything else, and an
extension is checked the same way), so a booking that touches a day started that day; the queries look back one
more day for safety and stay on the (unit_id, starts_at) index however many years of bookings are stored.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.domain.booking import ACTIVE_STATES, BookingState, FacilityKind
from desk.domain.calendar import ClosureSpan, DateOverride, Holiday, OpenDay, chinese_holidays, open_day
from desk.domain.errors import NotFound
from desk.domain.hours import DayHours
from desk.domain.people import mask_phone
from desk.services.bases import current_base, week_of
from desk.services.context import ServiceContext
from desk.services.facilities import FacilityInfo, UnitInfo, calendar_day, facility_week, rules_of, zone_of
from desk.storage.models import Booking, Closure, Facility, FacilityHours, Person, ServiceBase, Unit
from desk.storage.models import DateOverride as DateOverrideRow

# How far before a day a booking touching it may have started (see the module docstring).
LOOK_BACK = dt.timedelta(days=1)
_ACTIVE = tuple(state.value for state in ACTIVE_STATES)


@dataclass(frozen=True)
class BoardBooking:
    id: int
    unit_id: int
    person_id: int | None
    person_name: str
    masked_phone: str
    party_size: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    state: BookingState
    note: str
    cancel_reason: str
    series_id: int | None
    checked_in_at: dt.datetime | None
    finished_at: dt.datetime | None

    @property
    def active(self) -> bool:
        """Holds its unit: booked or checked in (what the overlap rule counts)."""
        return self.state in ACTIVE_STATES


@dataclass(frozen=True)
class DayBoard:
    facility: FacilityInfo
    day: dt.date
    open_day: OpenDay
    zone: dt.tzinfo
    # The columns: the start of each slot, local time. Opening to closing; on a closed day the usual hours of
    # that weekday, so bookings made before the closure was entered still show. Widened to every booking.
    slots: tuple[dt.datetime, ...]
    bookings: tuple[BoardBooking, ...]  # by unit, then start

    @property
    def units(self) -> tuple[UnitInfo, ...]:
        return self.facility.units

    @property
    def slot_minutes(self) -> int:
        return self.facility.rules.slot_minutes

    @property
    def axis_start(self) -> dt.datetime | None:
        return self.slots[0] if self.slots else None

    @property
    def axis_end(self) -> dt.datetime | None:
        return self.slots[-1] + dt.timedelta(minutes=self.slot_minutes) if self.slots else None

    @property
    def opens_at(self) -> dt.datetime | None:
        if self.open_day.opens is None:
            return None
        return dt.datetime.combine(self.day, self.open_day.opens, self.zone)

    @property
    def closes_at(self) -> dt.datetime | None:
        if self.open_day.closes is None:
            return None
        return dt.datetime.combine(self.day, self.open_day.closes, self.zone)

    def bookings_of(self, unit_id: int) -> list[BoardBooking]:
        return [b for b in self.bookings if b.unit_id == unit_id]


@dataclass(frozen=True)
class UnitDay:
    unit: UnitInfo
    busy: tuple[tuple[dt.datetime, dt.datetime], ...]  # ranges held by booked or checked-in bookings, by start
    free: tuple[bool, ...]  # per slot of its facility's day: nothing held overlaps it

    def is_free(self, start: dt.datetime, end: dt.datetime) -> bool:
        return not any(b_start < end and start < b_end for b_start, b_end in self.busy)


@dataclass(frozen=True)
class FacilityDay:
    facility_id: int
    name: str
    kind: FacilityKind
    open_day: OpenDay
    slot_minutes: int
    slots: tuple[dt.datetime, ...]  # opening to closing in slot steps; empty when closed
    units: tuple[UnitDay, ...]

    @property
    def free_units(self) -> int:
        """Units with no held booking at all that day."""
        return sum(1 for unit in self.units if not unit.busy)


class DayBoardService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def day(self, facility_id: int, day: dt.date) -> DayBoard:
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            facility = s.get(Facility, facility_id)
            if facility is None or facility.base_id != base.id:
                raise NotFound(entity="facility", key=facility_id)
            zone = zone_of(base)
            units = s.execute(select(Unit).where(Unit.facility_id == facility.id, Unit.active)
                              .order_by(Unit.sort_order, Unit.id)).scalars().all()
            info = FacilityInfo(facility.id, FacilityKind(facility.kind), facility.name, rules_of(facility),
                                facility.group_booking, facility.active, facility.inactive_reason,
                                tuple(UnitInfo(u.id, u.name, u.capacity, u.out_of_order_reason) for u in units))
            calendar = calendar_day(s, base, day, facility)
            bookings = _board_bookings(s, [u.id for u in units], day, zone)
            hours = DayHours(day.weekday(), calendar.opens, calendar.closes) if calendar.is_open \
                else facility_week(s, facility)[day.weekday()]
            ranges = [(b.starts_at, b.ends_at) for b in bookings]
            slots = _axis(day, zone, facility.slot_minutes, hours, ranges)
            return DayBoard(info, day, calendar, zone, slots, tuple(bookings))

    def availability(self, day: dt.date) -> list[FacilityDay]:
        """Which units of every active facility are free when on `day`: a handful of queries, whatever the
        number of facilities, units or stored bookings."""
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            zone = zone_of(base)
            facilities = s.execute(select(Facility).where(Facility.base_id == base.id, Facility.active)
                                   .order_by(Facility.sort_order, Facility.id)).scalars().all()
            units = s.execute(
                select(Unit.id, Unit.facility_id, Unit.name, Unit.capacity, Unit.out_of_order_reason)
                .join(Facility, Facility.id == Unit.facility_id)
                .where(Facility.base_id == base.id, Facility.active, Unit.active)
                .order_by(Unit.facility_id, Unit.sort_order, Unit.id)).all()
            days = _open_days(s, base, facilities, day)
            day_start, day_end = _day_bounds(day, zone)
            held: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}
            if units:
                for unit_id, starts_at, ends_at in s.execute(
                        select(Booking.unit_id, Booking.starts_at, Booking.ends_at)
                        .where(Booking.unit_id.in_([u.id for u in units]), Booking.state.in_(_ACTIVE),
                               Booking.starts_at >= day_start - LOOK_BACK, Booking.starts_at < day_end,
                               Booking.ends_at > day_start)
                        .order_by(Booking.unit_id, Booking.starts_at)):
                    held.setdefault(unit_id, []).append((starts_at, ends_at))
            by_facility: dict[int, list[UnitInfo]] = {}
            for u in units:
                by_facility.setdefault(u.facility_id, []).append(
                    UnitInfo(u.id, u.name, u.capacity, u.out_of_order_reason))
            result = []
            for facility in facilities:
                calendar = days[facility.id]
                step = facility.slot_minutes
                hours = DayHours(day.weekday(), calendar.opens, calendar.closes)
                slots = _axis(day, zone, step, hours, ()) if calendar.is_open else ()
                unit_days = []
                for unit in by_facility.get(facility.id, ()):
                    busy = tuple(held.get(unit.id, ()))
                    unit_days.append(UnitDay(unit, busy, _free_slots(slots, step, busy)))
                result.append(FacilityDay(facility.id, facility.name, FacilityKind(facility.kind), calendar, step,
                                          slots, tuple(unit_days)))
            return result


# -- helpers -----------------------------------------------------------------------------------------------------

def _day_bounds(day: dt.date, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(0), zone)
    return start, dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), zone)


def _board_bookings(s: Session, unit_ids: Sequence[int], day: dt.date, zone: dt.tzinfo) -> list[BoardBooking]:
    if not unit_ids:
        return []
    day_start, day_end = _day_bounds(day, zone)
    rows = s.execute(
        select(Booking.id, Booking.unit_id, Booking.person_id, Person.name, Person.phone, Booking.party_size,
               Booking.starts_at, Booking.ends_at, Booking.state, Booking.note, Booking.cancel_reason,
               Booking.series_id, Booking.checked_in_at, Booking.finished_at)
        .outerjoin(Person, Person.id == Booking.person_id)
        .where(Booking.unit_id.in_(unit_ids), Booking.starts_at >= day_start - LOOK_BACK,
               Booking.starts_at < day_end, Booking.ends_at > day_start)
        .order_by(Booking.unit_id, Booking.starts_at, Booking.id)).all()
    order = {unit_id: index for index, unit_id in enumerate(unit_ids)}
    bookings = [BoardBooking(r.id, r.unit_id, r.person_id, r.name or "", mask_phone(r.phone), r.party_size,
                             r.starts_at, r.ends_at, BookingState(r.state), r.note, r.cancel_reason, r.series_id,
                             r.checked_in_at, r.finished_at) for r in rows]
    bookings.sort(key=lambda b: (order[b.unit_id], b.starts_at, b.id))
    return bookings


def _axis(day: dt.date, zone: dt.tzinfo, step: int, hours: DayHours,
          ranges: Iterable[tuple[dt.datetime, dt.datetime]]) -> tuple[dt.datetime, ...]:
    """Slot starts from the opening (or the first booking) to the closing (or the last booking), on the step
    the rules use: minutes since local midnight divisible by `step`."""
    day_start, day_end = _day_bounds(day, zone)
    first: int | None = None
    last: int | None = None
    if hours.opens is not None and hours.closes is not None:
        first = hours.opens.hour * 60 + hours.opens.minute
        last = hours.closes.hour * 60 + hours.closes.minute
    for start, end in ranges:
        lo = _minutes_into(max(start, day_start), day, zone)
        hi = _minutes_into(min(end, day_end), day, zone)
        first = lo if first is None else min(first, lo)
        last = hi if last is None else max(last, hi)
    if first is None or last is None or last <= first:
        return ()
    first -= first % step
    last += -last % step
    return tuple(day_start + dt.timedelta(minutes=m) for m in range(first, min(last, 24 * 60), step))


def _minutes_into(moment: dt.datetime, day: dt.date, zone: dt.tzinfo) -> int:
    local = moment.astimezone(zone)
    if local.date() > day:
        return 24 * 60
    return local.hour * 60 + local.minute + (1 if local.second or local.microsecond else 0)


def _free_slots(slots: tuple[dt.datetime, ...], step: int,
                busy: Iterable[tuple[dt.datetime, dt.datetime]]) -> tuple[bool, ...]:
    """Per slot: no held range overlaps it. The slots are consecutive, so each range marks its slots by index."""
    if not slots:
        return ()
    free = [True] * len(slots)
    width = step * 60
    for start, end in busy:
        first = max(0, math.floor((start - slots[0]).total_seconds() / width))
        last = min(len(slots), math.ceil((end - slots[0]).total_seconds() / width))
        for index in range(first, last):
            free[index] = False
    return tuple(free)


def _open_days(s: Session, base: ServiceBase, facilities: Sequence[Facility], day: dt.date) -> dict[int, OpenDay]:
    """Each facility's hours of `day` as `calendar_day` gives them, from one read of the week, closures,
    overrides and the facilities' own hours instead of one round per facility."""
    week = week_of(s, base.id)
    closures = [ClosureSpan(c.start_date, c.end_date, c.reason) for c in s.execute(
        select(Closure).where(Closure.base_id == base.id, Closure.start_date <= day, Closure.end_date >= day)
    ).scalars()]
    overrides = [DateOverride(o.day, o.opens, o.closes, o.reason) for o in s.execute(
        select(DateOverrideRow).where(DateOverrideRow.base_id == base.id, DateOverrideRow.day == day)).scalars()]
    own_ids = [f.id for f in facilities if f.own_hours]
    own: dict[int, dict[int, FacilityHours]] = {}
    if own_ids:
        for row in s.execute(select(FacilityHours).where(FacilityHours.facility_id.in_(own_ids))).scalars():
            own.setdefault(row.facility_id, {})[row.weekday] = row

    @cache
    def holidays(date: dt.date) -> Holiday | None:
        return chinese_holidays(date)

    result = {}
    for facility in facilities:
        if facility.own_hours:
            rows = own.get(facility.id, {})
            facility_days = tuple(DayHours(d, rows[d].opens, rows[d].closes) if d in rows else DayHours(d, None, None)
                                  for d in range(7))
        else:
            facility_days = week
        result[facility.id] = open_day(day, facility_days, closures, overrides, holidays)
    return result
