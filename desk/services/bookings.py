"""Services layer: bookings (预约) — placing one under every rule, recurring series, check-in (which records the
visit), completion, cancellation, walk-ins and charging sessions, extension, no-show release and suspension.

Races are settled by the database: every placement locks the unit's row first (SELECT … FOR UPDATE on
PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers), then the person's row (the daily quota spans
the facility's units), then checks overlaps and inserts.

The no-show rule reads its numbers from the shared settings `no_show_limit` and `no_show_suspension_days`.
No-shows that led to a suspension are not counted again once it has ended (or was lifted by hand): a person
starts afresh after serving one.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Integer,
    bindparam,
    func,
    insert,
    literal_column,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased

from desk.domain.booking import ACTIVE_STATES, BookingState, FacilityKind, Rules, check_range, overlaps
from desk.domain.calendar import OpenDay
from desk.domain.errors import (
    CheckInTooEarly,
    DailyQuotaExceeded,
    DeskError,
    NameRequiredHere,
    NotFound,
    OutOfRange,
    OverCapacity,
    PersonSuspended,
    SafetyChecklistIncomplete,
    SlotTaken,
    UnitUnavailable,
    WrongBookingState,
)
from desk.domain.facility_rules import LENGTH_MAX
from desk.domain.people import Category, Purpose, check_party_size, mask_phone
from desk.domain.staff import Actor
from desk.domain.text import clean_text
from desk.services import audit
from desk.services.bases import current_base
from desk.services.checks import invariant
from desk.services.context import ServiceContext
from desk.services.facilities import open_day_of, zone_named, zone_of
from desk.services.settings import read_int
from desk.services.visits import record_visit
from desk.storage.models import Booking, BookingSeries, Facility, Person, ServiceBase, Unit
from desk.storage.prepared import Prepared

LONGEST_BOOKING = dt.timedelta(minutes=LENGTH_MAX)
# Check-in opens this long before the start: earlier, the unit may still be someone else's.
CHECK_IN_EARLY = dt.timedelta(minutes=30)
NO_SHOW_WINDOW_DAYS = 30
NO_SHOW_LIMIT_SETTING = "no_show_limit"  # no-shows within the window that suspend a person
SUSPENSION_DAYS_SETTING = "no_show_suspension_days"

# The statements of every placement: built once, and run as prepared statements (see storage.prepared) —
# SQLAlchemy's per-statement cost was most of a booking's time.
# The states as literals in the SQL, not an expanding IN parameter re-rendered on every execution.
_ACTIVE: list[ColumnElement[str]] = [literal_column(f"'{st.value}'") for st in ACTIVE_STATES]
_COUNTED: list[ColumnElement[str]] = [literal_column(f"'{st.value}'")
            for st in (BookingState.BOOKED, BookingState.CHECKED_IN, BookingState.COMPLETED)]
# A unit with its facility and base, found only when the base is this desk's (see bases.current_base: the one
# with the desk's code, or the database's first).
# Columns, not entities: loading three ORM objects cost more than the rest of a booking's checks together.
_UNIT_OF_BASE = (select(
    Unit.id, Unit.name, Unit.capacity, Unit.active, Unit.out_of_order_reason, Facility.id, Facility.kind,
    Facility.name, Facility.active, Facility.inactive_reason, Facility.own_hours, Facility.slot_minutes,
    Facility.min_minutes, Facility.max_minutes, Facility.buffer_minutes, Facility.horizon_days,
    Facility.grace_minutes, Facility.quota_minutes, Facility.quota_count, Facility.name_required,
    ServiceBase.id, ServiceBase.timezone,
).join(Facility, Facility.id == Unit.facility_id).join(ServiceBase, ServiceBase.id == Facility.base_id)
    .where(Unit.id == bindparam("unit_id")))
_LOCK_UNIT = {
    True: Prepared(_UNIT_OF_BASE.where(ServiceBase.code == bindparam("base_code")).with_for_update(of=Unit.__table__)),
    False: Prepared(_UNIT_OF_BASE.where(ServiceBase.id == select(func.min(ServiceBase.id)).scalar_subquery())
                    .with_for_update(of=Unit.__table__)),
}
_LOCK_PERSON = Prepared(select(Person.id, Person.name, Person.phone, Person.category, Person.anonymised_at,
                               Person.suspended_until).where(Person.id == bindparam("person_id")).with_for_update())
# No booking is longer than a day (the rules allow no more), so the unit's index range to read is the day before
# the start up to the end: a few rows, however long the unit's history.
# Both in one round trip: rows marked 1 hold the unit, rows marked 0 count towards the person's quota.
_HELD = select(literal_column("1", Integer), Booking.starts_at, Booking.ends_at).where(
    Booking.unit_id == bindparam("unit_id"), Booking.starts_at > bindparam("earliest"),
    Booking.starts_at < bindparam("before"), Booking.ends_at > bindparam("after"), Booking.state.in_(_ACTIVE),
    Booking.id != bindparam("ignore"))
_TAKEN_THAT_DAY = select(literal_column("0", Integer), Booking.starts_at, Booking.ends_at).join(
    Unit, Unit.id == Booking.unit_id).where(
    Unit.facility_id == bindparam("facility_id"), Booking.person_id == bindparam("person_id"),
    Booking.state.in_(_COUNTED), Booking.starts_at >= bindparam("day_start"), Booking.starts_at < bindparam("day_end"),
    Booking.id != bindparam("ignore"))
_HELD_OR_TAKEN = {False: Prepared(_HELD), True: Prepared(union_all(_HELD, _TAKEN_THAT_DAY))}

_INSERT = Prepared(insert(Booking).values({column: bindparam(column) for column in (
    "unit_id", "person_id", "series_id", "party_size", "starts_at", "ends_at", "state", "note", "cancel_reason",
    "safety_checked", "created_at", "created_by")}).returning(Booking.id))

_PURPOSE_OF_KIND = {
    FacilityKind.READING_ROOM: Purpose.READING,
    FacilityKind.NURSING_ROOM: Purpose.NURSING,
    FacilityKind.EBIKE_CHARGING: Purpose.CHARGING,
    FacilityKind.PHONE_CHARGING: Purpose.CHARGING,
    FacilityKind.ACTIVITY_ROOM: Purpose.MEETING,
    FacilityKind.CINEMA: Purpose.MEETING,
    FacilityKind.LEGAL_AID: Purpose.LEGAL_AID,
    FacilityKind.OTHER: Purpose.OTHER,
}


@dataclass(frozen=True)
class BookingRow:
    id: int
    facility_id: int
    facility_name: str
    unit_id: int
    unit_name: str
    person_id: int | None
    person_name: str
    masked_phone: str
    party_size: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    state: BookingState
    note: str
    series_id: int | None
    checked_in_at: dt.datetime | None
    finished_at: dt.datetime | None
    safety_checked: bool


@dataclass(frozen=True)
class SeriesResult:
    series_id: int | None
    booked: tuple[BookingRow, ...]
    skipped: tuple[tuple[dt.date, DeskError], ...]  # each date left out and the rule that refused it


@dataclass(frozen=True)
class SweepResult:
    no_shows: int
    suspended: tuple[int, ...]  # person ids suspended by this sweep


def booking_row(s: Session, booking: Booking, unit: Unit | None = None, facility: Facility | None = None,
                person: Person | None = None) -> BookingRow:
    """The row of a booking; the unit, facility and person are read unless the caller already holds them."""
    unit = unit if unit is not None else s.get(Unit, booking.unit_id)
    assert unit is not None
    facility = facility if facility is not None else s.get(Facility, unit.facility_id)
    assert facility is not None
    if person is None and booking.person_id:
        person = s.get(Person, booking.person_id)
    return BookingRow(
        booking.id, facility.id, facility.name, unit.id, unit.name, booking.person_id,
        (person.name or "") if person else "", mask_phone(person.phone if person else None), booking.party_size,
        booking.starts_at, booking.ends_at, BookingState(booking.state), booking.note, booking.series_id,
        booking.checked_in_at, booking.finished_at, booking.safety_checked,
    )


@dataclass(frozen=True)
class _HeldUnit:
    """A bookable unit whose row this transaction has locked, with what placement needs of its facility and
    base."""

    id: int
    name: str
    capacity: int
    facility_id: int
    kind: FacilityKind
    facility_name: str
    own_hours: bool
    rules: Rules
    base_id: int
    zone: zoneinfo.ZoneInfo


@dataclass(frozen=True)
class _HeldPerson:
    id: int
    name: str
    phone: str | None
    category: Category
    anonymised: bool
    suspended_until: dt.datetime | None


@dataclass(frozen=True)
class _Placed:
    """A booking just written and the rows it was checked against, so the answer and the audit line need no
    second read."""

    id: int
    unit: _HeldUnit
    person: _HeldPerson | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    party_size: int
    note: str
    series_id: int | None

    def row(self, state: BookingState = BookingState.BOOKED, checked_in_at: dt.datetime | None = None,
            safety_checked: bool = False) -> BookingRow:
        person = self.person
        return BookingRow(
            self.id, self.unit.facility_id, self.unit.facility_name, self.unit.id, self.unit.name,
            person.id if person else None, person.name if person else "",
            mask_phone(person.phone if person else None), self.party_size, self.starts_at, self.ends_at,
            state, self.note, self.series_id, checked_in_at, None, safety_checked)

    def describe(self) -> str:
        return f"{self.unit.name} {self.starts_at.astimezone(dt.UTC):%Y-%m-%d %H:%M}Z +{self.party_size}"


class BookingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- placing -------------------------------------------------------------------------------------------------

    def book(self, actor: Actor, unit_id: int, start: dt.datetime, end: dt.datetime, person_id: int | None = None,
             party_size: int = 1, note: str = "", *, facility_id: int | None = None) -> BookingRow:
        """One booking under every rule. With `facility_id`, a unit of any other facility is refused (NotFound)."""
        text = clean_text(note, "note", max_length=80, required=False)
        size = check_party_size(party_size)
        now = self._ctx.clock.now()
        with self._ctx.db.write_core() as conn:  # the busiest write of the page: no ORM session to build
            placed = self._place(conn, actor, now, unit_id, start, end, person_id, size, text,
                                 facility_id=facility_id)
            audit.record(conn, now, actor, "booking_created", "booking", placed.id, placed.describe())
            return placed.row()

    def book_series(self, actor: Actor, unit_id: int, days: list[dt.date], start_time: dt.time, end_time: dt.time,
                    person_id: int | None = None, party_size: int = 1, description: str = "") -> SeriesResult:
        """Book the same hours on each date; dates a rule refuses (closed, taken, ...) are skipped and reported."""
        text = clean_text(description, "description", max_length=80, required=False)
        size = check_party_size(party_size)
        now = self._ctx.clock.now()
        booked: list[BookingRow] = []
        skipped: list[tuple[dt.date, DeskError]] = []
        with self._ctx.db.write() as s:
            # A unit that cannot be booked at all is one refusal for the whole series, not one per date.
            zone = self._hold_unit(s.connection(), unit_id).zone
            series = BookingSeries(description=text, created_at=now, created_by=actor.staff_id)
            s.add(series)
            s.flush()
            for day in sorted(set(days)):
                start = dt.datetime.combine(day, start_time, zone)
                end = dt.datetime.combine(day, end_time, zone)
                try:
                    with s.begin_nested():
                        placed = self._place(s.connection(), actor, now, unit_id, start, end, person_id, size,
                                             text, series_id=series.id)
                except DeskError as refusal:
                    skipped.append((day, refusal))
                    continue
                booked.append(placed.row())
            if not booked:
                s.delete(series)
                return SeriesResult(None, (), tuple(skipped))
            audit.record(s, now, actor, "series_created", "booking_series", series.id,
                         f"{len(booked)} booked, {len(skipped)} skipped: {text}")
            return SeriesResult(series.id, tuple(booked), tuple(skipped))

    def use_now(self, actor: Actor, unit_id: int, minutes: int, person_id: int | None = None, party_size: int = 1,
                safety_checked: bool = False) -> BookingRow:
        """Walk-in: a free unit used from now on, checked in at once (a charging session starts this way)."""
        size = check_party_size(party_size)
        now = self._ctx.clock.now().replace(second=0, microsecond=0)
        end = now + dt.timedelta(minutes=minutes)
        with self._ctx.db.write() as s:
            if self._hold_unit(s.connection(), unit_id).kind is FacilityKind.EBIKE_CHARGING and not safety_checked:
                raise SafetyChecklistIncomplete("safety")
            placed = self._place(s.connection(), actor, now, unit_id, now, end, person_id, size, "", walk_in=True)
            booking = s.get(Booking, placed.id)
            assert booking is not None
            booking.safety_checked = safety_checked
            self._check_in(s, actor, now, booking, placed.unit, placed.person)
            audit.record(s, now, actor, "booking_walk_in", "booking", booking.id, placed.describe())
            return placed.row(BookingState.CHECKED_IN, now, safety_checked)

    # -- state changes -------------------------------------------------------------------------------------------

    def check_in(self, actor: Actor, booking_id: int) -> BookingRow:
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            unit_id = s.execute(select(Booking.unit_id).where(Booking.id == booking_id)).scalar_one_or_none()
            if unit_id is None:
                raise NotFound(entity="booking", key=booking_id)
            # The unit first, as placement locks it: and a port marked faulty since the booking cannot start.
            unit = self._hold_unit(s.connection(), unit_id)
            booking = self._get_locked(s, booking_id)
            self._require(booking, (BookingState.BOOKED,), "check_in")
            opens = booking.starts_at - CHECK_IN_EARLY
            if now < opens:
                raise CheckInTooEarly(opens=f"{opens.astimezone(unit.zone):%H:%M}")
            self._check_in(s, actor, now, booking, unit)
            audit.record(s, now, actor, "booking_checked_in", "booking", booking.id, "")
            return booking_row(s, booking)

    def complete(self, actor: Actor, booking_id: int) -> BookingRow:
        """The person leaves or the charging stops; a unit used up to now is free from now on."""
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            booking = self._get_locked(s, booking_id)
            self._require(booking, (BookingState.CHECKED_IN,), "complete")
            booking.state = BookingState.COMPLETED.value
            booking.finished_at = now
            if booking.starts_at < now < booking.ends_at:
                booking.ends_at = now  # frees the rest of the slot for the next person
            audit.record(s, now, actor, "booking_completed", "booking", booking.id, "")
            return booking_row(s, booking)

    def cancel(self, actor: Actor, booking_id: int, reason: str) -> BookingRow:
        text = clean_text(reason, "cancel_reason", max_length=60)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            booking = self._get_locked(s, booking_id)
            self._require(booking, (BookingState.BOOKED,), "cancel")
            booking.state = BookingState.CANCELLED.value
            booking.cancel_reason = text
            booking.finished_at = now
            audit.record(s, now, actor, "booking_cancelled", "booking", booking.id, text)
            return booking_row(s, booking)

    def extend(self, actor: Actor, booking_id: int, minutes: int) -> BookingRow:
        """Longer use of the same unit, within the facility's maximum, the person's daily quota and the opening
        hours, and without touching the next booking (buffer included)."""
        if minutes < 1:
            raise OutOfRange("minutes", minimum=1, maximum=24 * 60)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            # The unit first, as every placement does: two desks never wait on each other's locks in turn.
            unit_id = s.execute(select(Booking.unit_id).where(Booking.id == booking_id)).scalar_one_or_none()
            if unit_id is None:
                raise NotFound(entity="booking", key=booking_id)
            conn = s.connection()
            unit = self._hold_unit(conn, unit_id)
            booking = self._get_locked(s, booking_id)
            self._require(booking, ACTIVE_STATES, "extend")
            new_end = booking.ends_at + dt.timedelta(minutes=minutes)
            day = self._calendar(conn, unit, booking.starts_at)
            # The start may lie in the past by now: check the new range as a walk-in would be checked.
            check_range(unit.rules, booking.starts_at, new_end, day, min(now, booking.starts_at), unit.zone,
                        walk_in=True)
            if booking.person_id is not None:
                self._hold_person(conn, booking.person_id)
            self._refuse_taken(conn, unit, booking.person_id, booking.starts_at, new_end, ignore=booking.id)
            booking.ends_at = new_end
            audit.record(s, now, actor, "booking_extended", "booking", booking.id, f"+{minutes} min")
            return booking_row(s, booking)

    # -- the no-show rule ----------------------------------------------------------------------------------------

    def sweep_no_shows(self) -> SweepResult:
        """Run by an in-app timer: bookings not checked in by start + grace become no-shows (the unit is free
        again); a person with `no_show_limit` no-shows in NO_SHOW_WINDOW_DAYS is suspended for
        `no_show_suspension_days`. Set-based: one UPDATE per distinct grace period, one for the suspensions."""
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            limit = read_int(s, NO_SHOW_LIMIT_SETTING)
            days = read_int(s, SUSPENSION_DAYS_SETTING)
            graces = s.execute(select(Facility.grace_minutes).distinct()).scalars().all()
            marked_people: set[int] = set()
            marked = 0
            for grace in sorted(graces):
                due_units = select(Unit.id).join(Facility, Facility.id == Unit.facility_id).where(
                    Facility.grace_minutes == grace)
                rows = s.execute(
                    update(Booking)
                    .where(Booking.state == BookingState.BOOKED.value,
                           Booking.starts_at <= now - dt.timedelta(minutes=grace),
                           Booking.unit_id.in_(due_units))
                    .values(state=BookingState.NO_SHOW.value, finished_at=now)
                    .returning(Booking.person_id)
                    .execution_options(synchronize_session=False)
                ).scalars().all()
                marked += len(rows)
                marked_people.update(p for p in rows if p is not None)
            suspended = self._suspend(s, now, sorted(marked_people), limit, days) if marked_people else []
            if marked:
                audit.record(s, now, None, "bookings_no_show", "booking", "",
                             f"{marked} no-show(s); suspended {len(suspended)}"
                             + (f": {', '.join(map(str, suspended))}" if suspended else ""))
            return SweepResult(marked, tuple(suspended))

    @staticmethod
    def _suspend(s: Session, now: dt.datetime, people: list[int], limit: int, days: int) -> list[int]:
        """Suspend, among `people`, those not suspended now who reach `limit` no-shows within the window,
        counting only no-shows after their last suspension ended."""
        since = now - dt.timedelta(days=NO_SHOW_WINDOW_DAYS)
        recent = select(func.count()).select_from(Booking).where(
            Booking.person_id == Person.id, Booking.state == BookingState.NO_SHOW.value, Booking.starts_at >= since,
            or_(Person.suspended_until.is_(None), Booking.starts_at >= Person.suspended_until),
        ).scalar_subquery()
        suspended: list[int] = []
        for chunk_start in range(0, len(people), 500):
            suspended += s.execute(
                update(Person)
                .where(Person.id.in_(people[chunk_start:chunk_start + 500]),
                       or_(Person.suspended_until.is_(None), Person.suspended_until <= now),
                       recent >= limit)
                .values(suspended_until=now + dt.timedelta(days=days))
                .returning(Person.id)
                .execution_options(synchronize_session=False)
            ).scalars().all()
        return sorted(suspended)

    # -- reading -------------------------------------------------------------------------------------------------

    def get(self, booking_id: int) -> BookingRow:
        with self._ctx.db.read() as s:
            booking = s.get(Booking, booking_id)
            if booking is None:
                raise NotFound(entity="booking", key=booking_id)
            return booking_row(s, booking)

    def bookings_of_day(self, facility_id: int, day: dt.date) -> list[BookingRow]:
        """Every booking of a facility that touches the base's local `day`, all states, by unit and start."""
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            zone = zone_of(base)
            start = dt.datetime.combine(day, dt.time(0, 0), zone)
            end = start + dt.timedelta(days=1)
            bookings = s.execute(
                select(Booking).join(Unit, Unit.id == Booking.unit_id)
                .where(Unit.facility_id == facility_id, Booking.starts_at < end, Booking.ends_at > start)
                .order_by(Unit.sort_order, Booking.starts_at)
            ).scalars().all()
            return [booking_row(s, b) for b in bookings]

    # -- helpers -------------------------------------------------------------------------------------------------

    def _place(self, conn: Connection, actor: Actor, now: dt.datetime, unit_id: int, start: dt.datetime,
               end: dt.datetime, person_id: int | None, party_size: int, note: str, *, walk_in: bool = False,
               series_id: int | None = None, facility_id: int | None = None) -> _Placed:
        unit = self._hold_unit(conn, unit_id, facility_id)
        rules = unit.rules
        check_range(rules, start, end, self._calendar(conn, unit, start), now, unit.zone, walk_in=walk_in)
        if party_size > unit.capacity:
            raise OverCapacity("party_size", capacity=unit.capacity)
        person = None
        if person_id is not None:
            person = self._hold_person(conn, person_id)
            if person is None or person.anonymised:
                raise NotFound("person", entity="person", key=person_id)
            if person.suspended_until is not None and person.suspended_until > now:
                raise PersonSuspended("person",
                                      until=person.suspended_until.astimezone(unit.zone).date().isoformat())
        elif rules.name_required:
            raise NameRequiredHere("person")
        self._refuse_taken(conn, unit, person_id, start, end, ignore=None)
        booking_id = _INSERT.run(conn, {
            "unit_id": unit.id, "person_id": person_id, "series_id": series_id, "party_size": party_size,
            "starts_at": start, "ends_at": end, "state": BookingState.BOOKED.value, "note": note,
            "cancel_reason": "", "safety_checked": False, "created_at": now, "created_by": actor.staff_id,
        }).one()[0]
        return _Placed(booking_id, unit, person, start, end, party_size, note, series_id)

    def _hold_unit(self, conn: Connection, unit_id: int, facility_id: int | None = None) -> _HeldUnit:
        """The unit's row, locked; refused when it is not a bookable unit of this desk's base (and, given
        `facility_id`, of that facility)."""
        code = self._ctx.base_code
        found = _LOCK_UNIT[bool(code)].run(conn, {"unit_id": unit_id, "base_code": code}).first()
        if found is None:  # no such unit, or one of another base
            raise NotFound("unit", entity="unit", key=unit_id)
        (_id, name, capacity, unit_active, out_of_order, facility, kind, facility_name, facility_active,
         inactive_reason, own_hours, *rule_columns, base_id, timezone) = found
        if not unit_active or (facility_id is not None and facility != facility_id):
            raise NotFound("unit", entity="unit", key=unit_id)
        if not facility_active:
            raise UnitUnavailable("unit", unit=name, reason=inactive_reason)
        if out_of_order:
            raise UnitUnavailable("unit", unit=name, reason=out_of_order)
        return _HeldUnit(unit_id, name, capacity, facility, FacilityKind(kind), facility_name, own_hours,
                         Rules(*rule_columns), base_id, zone_named(timezone))

    @staticmethod
    def _calendar(conn: Connection, unit: _HeldUnit, moment: dt.datetime) -> OpenDay:
        """The opening hours of the unit's facility on the local day of `moment`."""
        return open_day_of(conn, unit.base_id, moment.astimezone(unit.zone).date(),
                           unit.facility_id if unit.own_hours else None)

    @staticmethod
    def _refuse_taken(conn: Connection, unit: _HeldUnit, person_id: int | None, start: dt.datetime,
                      end: dt.datetime, ignore: int | None) -> None:
        """Refuse a range over the person's daily quota, or one that touches another booking of the unit
        (buffer included)."""
        rules = unit.rules
        buffer = dt.timedelta(minutes=rules.buffer_minutes)
        quota = person_id is not None and (rules.quota_minutes is not None or rules.quota_count is not None)
        day_start = dt.datetime.combine(start.astimezone(unit.zone).date(), dt.time(0, 0), unit.zone)
        rows = _HELD_OR_TAKEN[quota].run(conn, {
            "unit_id": unit.id, "earliest": start - buffer - LONGEST_BOOKING, "before": end + buffer,
            "after": start - buffer, "ignore": ignore or 0, "facility_id": unit.facility_id, "person_id": person_id,
            "day_start": day_start, "day_end": day_start + dt.timedelta(days=1)}).rows
        if quota:
            taken = [(b_start, b_end) for on_unit, b_start, b_end in rows if not on_unit]
            if rules.quota_count is not None and len(taken) + 1 > rules.quota_count:
                raise DailyQuotaExceeded("person", count=rules.quota_count, kind="count")
            if rules.quota_minutes is not None:
                used = sum((b_end - b_start).total_seconds() for b_start, b_end in taken) / 60
                if used + (end - start).total_seconds() / 60 > rules.quota_minutes:
                    raise DailyQuotaExceeded("person", minutes=rules.quota_minutes, kind="minutes")
        held = sorted((b_start, b_end) for on_unit, b_start, b_end in rows if on_unit)
        for other_start, other_end in held:
            if overlaps(start, end, other_start, other_end, buffer):
                raise SlotTaken("start", unit=unit.name, start=f"{other_start.astimezone(unit.zone):%H:%M}",
                                end=f"{other_end.astimezone(unit.zone):%H:%M}")

    @staticmethod
    def _hold_person(conn: Connection, person_id: int) -> _HeldPerson | None:
        """The person's row, locked: two desks booking one person on two units cannot both pass the quota."""
        found = _LOCK_PERSON.run(conn, {"person_id": person_id}).first()
        if found is None:
            return None
        _id, name, phone, category, anonymised_at, suspended_until = found
        return _HeldPerson(person_id, name or "", phone, Category(category), anonymised_at is not None,
                           suspended_until)

    def _check_in(self, s: Session, actor: Actor, now: dt.datetime, booking: Booking, unit: _HeldUnit,
                  person: _HeldPerson | None = None) -> None:
        if person is None and booking.person_id:
            person = self._hold_person(s.connection(), booking.person_id)
        category = person.category if person else Category.RESIDENT
        visit = record_visit(s, unit.base_id, actor, now, person.id if person else None, category,
                             _PURPOSE_OF_KIND[unit.kind], booking.party_size)
        booking.state = BookingState.CHECKED_IN.value
        booking.checked_in_at = now
        booking.visit_id = visit.id

    @staticmethod
    def _get_locked(s: Session, booking_id: int) -> Booking:
        booking = s.execute(select(Booking).where(Booking.id == booking_id).with_for_update()).scalar_one_or_none()
        if booking is None:
            raise NotFound(entity="booking", key=booking_id)
        return booking

    @staticmethod
    def _require(booking: Booking, states: tuple[BookingState, ...], action: str) -> None:
        if BookingState(booking.state) not in states:
            raise WrongBookingState(state=booking.state, action=action)


@invariant("bookings_do_not_overlap")
def _no_overlapping_bookings(s: Session) -> list[str]:
    """Active bookings of one unit that share any instant. Each pair is found from its earlier booking, with an
    index range on (unit, start) bounded by that booking's end, so the check stays fast on years of history."""
    first, second = aliased(Booking), aliased(Booking)
    active = [st.value for st in ACTIVE_STATES]
    clashes = s.execute(
        select(first.id, second.id, first.unit_id).where(
            first.state.in_(active), second.unit_id == first.unit_id, second.state.in_(active),
            second.starts_at >= first.starts_at, second.starts_at < first.ends_at, second.id != first.id,
            or_(second.starts_at > first.starts_at, second.id > first.id))
        .order_by(first.unit_id, first.starts_at, second.starts_at)
    ).all()
    return [f"bookings {a} and {b} overlap on unit {unit}" for a, b, unit in clashes]
