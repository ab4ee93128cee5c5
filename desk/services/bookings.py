"""Services layer: bookings (预约) — placing one under every rule, recurring series, check-in (which records the
visit), completion, cancellation, walk-ins and charging sessions, extension, no-show release and suspension.

Races are settled by the database: every placement locks the unit's row first (SELECT … FOR UPDATE on
PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers), then checks overlaps and inserts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desk.domain.booking import ACTIVE_STATES, BookingState, FacilityKind, check_range, overlaps
from desk.domain.errors import (
    DailyQuotaExceeded,
    DeskError,
    NameRequiredHere,
    NotFound,
    OverCapacity,
    PersonSuspended,
    SafetyChecklistIncomplete,
    SlotTaken,
    UnitUnavailable,
    WrongBookingState,
)
from desk.domain.people import Category, Purpose, check_party_size, mask_phone
from desk.domain.staff import Actor
from desk.domain.text import clean_text
from desk.services import audit
from desk.services.bases import current_base
from desk.services.checks import invariant
from desk.services.context import ServiceContext
from desk.services.facilities import calendar_day, rules_of, zone_of
from desk.services.visits import record_visit
from desk.storage.models import Booking, BookingSeries, Facility, Person, ServiceBase, Unit

NO_SHOW_WINDOW_DAYS = 30
NO_SHOW_LIMIT = 3  # no-shows within the window that suspend a person
SUSPENSION_DAYS = 7

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


def booking_row(s: Session, booking: Booking) -> BookingRow:
    unit = s.get(Unit, booking.unit_id)
    assert unit is not None
    facility = s.get(Facility, unit.facility_id)
    assert facility is not None
    person = s.get(Person, booking.person_id) if booking.person_id else None
    return BookingRow(
        booking.id, facility.id, facility.name, unit.id, unit.name, booking.person_id,
        (person.name or "") if person else "", mask_phone(person.phone if person else None), booking.party_size,
        booking.starts_at, booking.ends_at, BookingState(booking.state), booking.note, booking.series_id,
        booking.checked_in_at, booking.finished_at, booking.safety_checked,
    )


class BookingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- placing -------------------------------------------------------------------------------------------------

    def book(self, actor: Actor, unit_id: int, start: dt.datetime, end: dt.datetime, person_id: int | None = None,
             party_size: int = 1, note: str = "") -> BookingRow:
        text = clean_text(note, "note", max_length=80, required=False)
        size = check_party_size(party_size)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            booking = self._place(s, actor, now, unit_id, start, end, person_id, size, text)
            audit.record(s, now, actor, "booking_created", "booking", booking.id, _describe(s, booking))
            return booking_row(s, booking)

    def book_series(self, actor: Actor, unit_id: int, days: list[dt.date], start_time: dt.time, end_time: dt.time,
                    person_id: int | None = None, party_size: int = 1, description: str = "") -> SeriesResult:
        """Book the same hours on each date; dates a rule refuses (closed, taken, ...) are skipped and reported."""
        text = clean_text(description, "description", max_length=80, required=False)
        size = check_party_size(party_size)
        now = self._ctx.clock.now()
        booked: list[BookingRow] = []
        skipped: list[tuple[dt.date, DeskError]] = []
        with self._ctx.db.write() as s:
            base = current_base(s, self._ctx.base_code)
            zone = zone_of(base)
            series = BookingSeries(description=text, created_at=now, created_by=actor.staff_id)
            s.add(series)
            s.flush()
            for day in sorted(set(days)):
                start = dt.datetime.combine(day, start_time, zone)
                end = dt.datetime.combine(day, end_time, zone)
                try:
                    with s.begin_nested():
                        booking = self._place(s, actor, now, unit_id, start, end, person_id, size, text)
                        booking.series_id = series.id
                except DeskError as refusal:
                    skipped.append((day, refusal))
                    continue
                booked.append(booking_row(s, booking))
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
            _unit, facility = self._lock_unit(s, unit_id)
            if FacilityKind(facility.kind) is FacilityKind.EBIKE_CHARGING and not safety_checked:
                raise SafetyChecklistIncomplete("safety")
            booking = self._place(s, actor, now, unit_id, now, end, person_id, size, "", walk_in=True)
            booking.safety_checked = safety_checked
            self._check_in(s, actor, now, booking, facility)
            audit.record(s, now, actor, "booking_walk_in", "booking", booking.id, _describe(s, booking))
            return booking_row(s, booking)

    # -- state changes -------------------------------------------------------------------------------------------

    def check_in(self, actor: Actor, booking_id: int) -> BookingRow:
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            booking = self._get_locked(s, booking_id)
            self._require(booking, (BookingState.BOOKED,), "check_in")
            unit = s.get(Unit, booking.unit_id)
            assert unit is not None
            facility = s.get(Facility, unit.facility_id)
            assert facility is not None
            self._check_in(s, actor, now, booking, facility)
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
        """Longer use of the same unit, within the facility's maximum and without touching the next booking."""
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            booking = self._get_locked(s, booking_id)
            self._require(booking, ACTIVE_STATES, "extend")
            unit, facility = self._lock_unit(s, booking.unit_id)
            base = current_base(s, self._ctx.base_code)
            new_end = booking.ends_at + dt.timedelta(minutes=minutes)
            rules = rules_of(facility)
            day = calendar_day(s, base, booking.starts_at.astimezone(zone_of(base)).date(), facility)
            # The start may lie in the past by now: check the new range as a walk-in would be checked.
            check_range(rules, booking.starts_at, new_end, day, min(now, booking.starts_at), zone_of(base),
                        walk_in=True)
            self._refuse_overlap(s, unit, facility, booking.starts_at, new_end, ignore=booking.id, zone=zone_of(base))
            booking.ends_at = new_end
            audit.record(s, now, actor, "booking_extended", "booking", booking.id, f"+{minutes} min")
            return booking_row(s, booking)

    # -- the no-show rule ----------------------------------------------------------------------------------------

    def sweep_no_shows(self) -> SweepResult:
        """Run by an in-app timer: bookings not checked in by start + grace become no-shows (the unit is free
        again); a person with NO_SHOW_LIMIT no-shows in NO_SHOW_WINDOW_DAYS is suspended for SUSPENSION_DAYS."""
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            due = s.execute(
                select(Booking, Facility.grace_minutes)
                .join(Unit, Unit.id == Booking.unit_id).join(Facility, Facility.id == Unit.facility_id)
                .where(Booking.state == BookingState.BOOKED.value, Booking.starts_at <= now)
                .order_by(Booking.id).with_for_update(of=Booking)
            ).all()
            marked: list[Booking] = []
            for booking, grace in due:
                if booking.starts_at + dt.timedelta(minutes=grace) <= now:
                    booking.state = BookingState.NO_SHOW.value
                    booking.finished_at = now
                    marked.append(booking)
            suspended: list[int] = []
            for person_id in sorted({b.person_id for b in marked if b.person_id is not None}):
                recent = s.execute(
                    select(func.count()).select_from(Booking).where(
                        Booking.person_id == person_id, Booking.state == BookingState.NO_SHOW.value,
                        Booking.starts_at >= now - dt.timedelta(days=NO_SHOW_WINDOW_DAYS))
                ).scalar_one()
                person = s.get(Person, person_id)
                if person is not None and recent >= NO_SHOW_LIMIT and not (
                        person.suspended_until and person.suspended_until > now):
                    person.suspended_until = now + dt.timedelta(days=SUSPENSION_DAYS)
                    suspended.append(person_id)
            if marked:
                audit.record(s, now, None, "bookings_no_show", "booking", "",
                             f"{len(marked)} no-show(s); suspended {len(suspended)}")
            return SweepResult(len(marked), tuple(suspended))

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

    def _place(self, s: Session, actor: Actor, now: dt.datetime, unit_id: int, start: dt.datetime,
               end: dt.datetime, person_id: int | None, party_size: int, note: str, *,
               walk_in: bool = False) -> Booking:
        unit, facility = self._lock_unit(s, unit_id)
        base = s.get(ServiceBase, facility.base_id)
        assert base is not None
        zone = zone_of(base)
        rules = rules_of(facility)
        day = calendar_day(s, base, start.astimezone(zone).date(), facility)
        check_range(rules, start, end, day, now, zone, walk_in=walk_in)
        if party_size > unit.capacity:
            raise OverCapacity("party_size", capacity=unit.capacity)
        person = None
        if person_id is not None:
            person = s.get(Person, person_id)
            if person is None or person.anonymised_at is not None:
                raise NotFound("person", entity="person", key=person_id)
            if person.suspended_until is not None and person.suspended_until > now:
                raise PersonSuspended("person", until=person.suspended_until.astimezone(zone).date().isoformat())
            self._refuse_over_quota(s, facility, person.id, start, end, zone)
        elif rules.name_required:
            raise NameRequiredHere("person")
        self._refuse_overlap(s, unit, facility, start, end, ignore=None, zone=zone)
        booking = Booking(unit_id=unit.id, person_id=person_id, party_size=party_size, starts_at=start, ends_at=end,
                          state=BookingState.BOOKED.value, note=note, created_at=now, created_by=actor.staff_id)
        s.add(booking)
        s.flush()
        return booking

    @staticmethod
    def _lock_unit(s: Session, unit_id: int) -> tuple[Unit, Facility]:
        unit = s.execute(select(Unit).where(Unit.id == unit_id).with_for_update()).scalar_one_or_none()
        if unit is None or not unit.active:
            raise NotFound("unit", entity="unit", key=unit_id)
        facility = s.get(Facility, unit.facility_id)
        assert facility is not None
        if not facility.active:
            raise UnitUnavailable("unit", unit=unit.name, reason=facility.inactive_reason)
        if unit.out_of_order_reason:
            raise UnitUnavailable("unit", unit=unit.name, reason=unit.out_of_order_reason)
        return unit, facility

    @staticmethod
    def _refuse_overlap(s: Session, unit: Unit, facility: Facility, start: dt.datetime, end: dt.datetime,
                        ignore: int | None, zone: dt.tzinfo) -> None:
        buffer = dt.timedelta(minutes=facility.buffer_minutes)
        query = select(Booking).where(
            Booking.unit_id == unit.id, Booking.state.in_([st.value for st in ACTIVE_STATES]),
            Booking.starts_at < end + buffer, Booking.ends_at > start - buffer)
        if ignore is not None:
            query = query.where(Booking.id != ignore)
        for other in s.execute(query.order_by(Booking.starts_at)).scalars():
            if overlaps(start, end, other.starts_at, other.ends_at, buffer):
                raise SlotTaken("start", unit=unit.name, start=f"{other.starts_at.astimezone(zone):%H:%M}",
                                end=f"{other.ends_at.astimezone(zone):%H:%M}")

    @staticmethod
    def _refuse_over_quota(s: Session, facility: Facility, person_id: int, start: dt.datetime, end: dt.datetime,
                           zone: dt.tzinfo) -> None:
        if facility.quota_minutes is None and facility.quota_count is None:
            return
        day_start = dt.datetime.combine(start.astimezone(zone).date(), dt.time(0, 0), zone)
        day_end = day_start + dt.timedelta(days=1)
        taken = s.execute(
            select(Booking.starts_at, Booking.ends_at).join(Unit, Unit.id == Booking.unit_id).where(
                Unit.facility_id == facility.id, Booking.person_id == person_id,
                Booking.state.in_([BookingState.BOOKED.value, BookingState.CHECKED_IN.value,
                                   BookingState.COMPLETED.value]),
                Booking.starts_at >= day_start, Booking.starts_at < day_end)
        ).all()
        if facility.quota_count is not None and len(taken) + 1 > facility.quota_count:
            raise DailyQuotaExceeded("person", count=facility.quota_count, kind="count")
        if facility.quota_minutes is not None:
            used = sum((b_end - b_start).total_seconds() for b_start, b_end in taken) / 60
            if used + (end - start).total_seconds() / 60 > facility.quota_minutes:
                raise DailyQuotaExceeded("person", minutes=facility.quota_minutes, kind="minutes")

    def _check_in(self, s: Session, actor: Actor, now: dt.datetime, booking: Booking, facility: Facility) -> None:
        person = s.get(Person, booking.person_id) if booking.person_id else None
        category = Category(person.category) if person else Category.RESIDENT
        visit = record_visit(s, facility.base_id, actor, now, person, category,
                             _PURPOSE_OF_KIND[FacilityKind(facility.kind)], booking.party_size)
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


def _describe(s: Session, booking: Booking) -> str:
    unit = s.get(Unit, booking.unit_id)
    return f"{unit.name if unit else booking.unit_id} {booking.starts_at:%Y-%m-%d %H:%M}Z +{booking.party_size}"


@invariant("bookings_do_not_overlap")
def _no_overlapping_bookings(s: Session) -> list[str]:
    first, second = aliased(Booking), aliased(Booking)
    active = [st.value for st in ACTIVE_STATES]
    clashes = s.execute(
        select(first.id, second.id, first.unit_id).where(
            first.unit_id == second.unit_id, first.id < second.id, first.state.in_(active), second.state.in_(active),
            first.starts_at < second.ends_at, second.starts_at < first.ends_at)
    ).all()
    return [f"bookings {a} and {b} overlap on unit {unit}" for a, b, unit in clashes]
