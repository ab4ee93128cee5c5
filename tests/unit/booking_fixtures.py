"""Helpers of the booking tests: the seeded facilities by kind, local times at the base, people, and a snapshot of
everything a refused booking must leave untouched."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import func, select, text

from desk.domain.booking import FacilityKind
from desk.domain.people import Category
from desk.domain.staff import Actor
from desk.services.context import ServiceContext
from desk.services.facilities import FacilityInfo, FacilityService
from desk.services.people import PeopleService, PersonForm
from desk.storage.models import AuditHead, Booking, BookingSeries, Person, Visit

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 11, 28)  # the `clock` fixture: Saturday 10:00 at the base


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A moment at the base, on `day`."""
    return dt.datetime.combine(day, dt.time(hour, minute), ZONE)


def facility(ctx: ServiceContext, kind: FacilityKind) -> FacilityInfo:
    return next(f for f in FacilityService(ctx).catalogue(include_inactive=True) if f.kind is kind)


def unit_id(ctx: ServiceContext, kind: FacilityKind, index: int = 0) -> int:
    return facility(ctx, kind).units[index].id


_PHONES = iter(f"1390000{n:04d}" for n in range(1, 10_000))


def person(ctx: ServiceContext, actor: Actor, name: str = "张伟") -> int:
    return PeopleService(ctx).register(actor, PersonForm(name, next(_PHONES), Category.RESIDENT)).id


@dataclass(frozen=True)
class Snapshot:
    bookings: tuple[tuple[object, ...], ...]
    series: int
    visits: int
    audit_seq: int
    suspensions: tuple[tuple[object, ...], ...]


def snapshot(ctx: ServiceContext) -> Snapshot:
    """Every booking row as stored, and the counts a refused call must not change."""
    with ctx.db.read() as s:
        return Snapshot(
            tuple(tuple(r) for r in s.execute(select(
                Booking.id, Booking.unit_id, Booking.person_id, Booking.starts_at, Booking.ends_at, Booking.state,
                Booking.finished_at, Booking.visit_id).order_by(Booking.id))),
            s.execute(select(func.count()).select_from(BookingSeries)).scalar_one(),
            s.execute(select(func.count()).select_from(Visit)).scalar_one(),
            s.execute(select(AuditHead.seq)).scalar_one(),
            tuple(tuple(r) for r in s.execute(select(Person.id, Person.suspended_until).order_by(Person.id))),
        )


def force_booking(ctx: ServiceContext, unit: int, start: dt.datetime, end: dt.datetime, state: str = "booked",
                  person_id: int | None = None) -> int:
    """A booking row written with raw SQL, past every rule (to test what the checks see)."""
    utc = [moment.astimezone(dt.UTC) for moment in (start, end)]
    if ctx.db.dialect == "sqlite":
        values = [m.replace(tzinfo=None).isoformat(" ", "microseconds") for m in utc]
        created = dt.datetime(2026, 11, 1).isoformat(" ", "microseconds")
    else:
        values = [m.isoformat() for m in utc]
        created = dt.datetime(2026, 11, 1, tzinfo=dt.UTC).isoformat()
    with ctx.db.write() as s:
        return int(s.execute(text(
            "INSERT INTO booking (unit_id, person_id, party_size, starts_at, ends_at, state, note, cancel_reason, "
            "safety_checked, created_at) VALUES (:unit, :person, 1, :start, :end, :state, '', '', false, :created) "
            "RETURNING id"), dict(unit=unit, person=person_id, start=values[0], end=values[1], state=state,
                                  created=created)).scalar_one())
