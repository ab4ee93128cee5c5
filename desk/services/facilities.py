"""Services layer: the facility catalogue of a base — the seeded standard facilities, their rules and units,
and each date's opening hours as the calendar sees them (week, own hours, closures, holidays, overrides)."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import (
    CompoundSelect,
    Integer,
    String,
    Time,
    bindparam,
    cast,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from desk.domain.booking import FacilityKind, Rules
from desk.domain.calendar import ClosureSpan, DateOverride, OpenDay, open_day
from desk.domain.errors import NotFound
from desk.domain.hours import DayHours
from desk.services.bases import current_base, week_of
from desk.services.context import ServiceContext
from desk.storage.models import Closure, Facility, FacilityHours, OpeningHours, ServiceBase, Unit
from desk.storage.models import DateOverride as DateOverrideRow
from desk.storage.prepared import Prepared


@dataclass(frozen=True)
class StandardFacility:
    kind: FacilityKind
    name: str
    units: tuple[str, ...]
    capacity: int
    slot: int
    min_minutes: int
    max_minutes: int
    buffer: int = 0
    horizon_days: int = 14
    grace: int = 15
    quota_minutes: int | None = None
    quota_count: int | None = None
    name_required: bool = True
    group: bool = False


# What `desk init` and first-start setup put in every new base (names are the ones staff use).
STANDARD_FACILITIES = (
    StandardFacility(FacilityKind.READING_ROOM, "党建书吧", tuple(f"A{n}" for n in range(1, 21)), 1, 30, 30, 240,
                     quota_minutes=240),
    StandardFacility(FacilityKind.NURSING_ROOM, "母婴室", ("母婴室",), 1, 15, 15, 45, buffer=10, horizon_days=1,
                     grace=10, name_required=False),
    StandardFacility(FacilityKind.EBIKE_CHARGING, "电动车充电桩", tuple(f"{n}号桩" for n in range(1, 9)), 1, 15, 15,
                     240, horizon_days=0, grace=10, quota_count=2),
    StandardFacility(FacilityKind.PHONE_CHARGING, "充电插座", tuple(f"插座{n}" for n in range(1, 11)), 1, 15, 15,
                     120, horizon_days=0, grace=10, name_required=False),
    StandardFacility(FacilityKind.ACTIVITY_ROOM, "党员活动室", ("活动室",), 30, 30, 30, 240, buffer=30,
                     horizon_days=90, grace=30, group=True),
    StandardFacility(FacilityKind.CINEMA, "红色影院", ("影院",), 60, 30, 60, 240, buffer=30, horizon_days=90,
                     grace=30, group=True),
    StandardFacility(FacilityKind.LEGAL_AID, "法律援助", ("接待台",), 1, 30, 30, 30, horizon_days=30, grace=10,
                     quota_count=1),
)


def seed_facilities(s: Session, base_id: int) -> int:
    """Add the standard facilities a base does not have yet; returns how many were added. A standard facility an
    administrator renamed is still there: it is recognised by its kind as well as by its name."""
    existing = s.execute(select(Facility.name, Facility.kind).where(Facility.base_id == base_id)).all()
    names = {name for name, _kind in existing}
    kinds = {kind for _name, kind in existing}
    added = 0
    for order, std in enumerate(STANDARD_FACILITIES):
        if std.name in names or std.kind.value in kinds:
            continue
        facility = Facility(
            base_id=base_id, kind=std.kind.value, name=std.name, sort_order=order, slot_minutes=std.slot,
            min_minutes=std.min_minutes, max_minutes=std.max_minutes, buffer_minutes=std.buffer,
            horizon_days=std.horizon_days, grace_minutes=std.grace, quota_minutes=std.quota_minutes,
            quota_count=std.quota_count, name_required=std.name_required, group_booking=std.group,
        )
        s.add(facility)
        s.flush()
        for unit_order, name in enumerate(std.units):
            s.add(Unit(facility_id=facility.id, name=name, sort_order=unit_order, capacity=std.capacity))
        added += 1
    s.flush()
    return added


def rules_of(facility: Facility) -> Rules:
    return Rules(facility.slot_minutes, facility.min_minutes, facility.max_minutes, facility.buffer_minutes,
                 facility.horizon_days, facility.grace_minutes, facility.quota_minutes, facility.quota_count,
                 facility.name_required)


def facility_week(s: Session, facility: Facility) -> tuple[DayHours, ...]:
    if not facility.own_hours:
        return week_of(s, facility.base_id)
    rows = {r.weekday: r for r in s.execute(
        select(FacilityHours).where(FacilityHours.facility_id == facility.id)).scalars()}
    return tuple(DayHours(d, rows[d].opens, rows[d].closes) if d in rows else DayHours(d, None, None)
                 for d in range(7))


def _calendar_statement(own_hours: bool) -> CompoundSelect:
    """The week, the closures and the override of one day in one round trip, built once (every booking asks)."""
    hours: type[FacilityHours] | type[OpeningHours] = FacilityHours if own_hours else OpeningHours
    owner = (FacilityHours.facility_id == bindparam("facility_id") if own_hours
             else OpeningHours.base_id == bindparam("base_id"))
    week = select(literal_column("'w'", String), hours.weekday, hours.opens, hours.closes,
                  literal_column("''", String)).where(owner)
    closures = select(literal_column("'c'", String), literal_column("NULL", Integer), cast(null(), Time),
                      cast(null(), Time), Closure.reason).where(
        Closure.base_id == bindparam("base_id"), Closure.start_date <= bindparam("day"),
        Closure.end_date >= bindparam("day"))
    override = select(literal_column("'o'", String), literal_column("NULL", Integer), DateOverrideRow.opens,
                      DateOverrideRow.closes, DateOverrideRow.reason).where(
        DateOverrideRow.base_id == bindparam("base_id"), DateOverrideRow.day == bindparam("day"))
    return union_all(week, closures, override)


_CALENDAR = {own: Prepared(_calendar_statement(own)) for own in (False, True)}


def calendar_day(s: Session, base: ServiceBase, day: dt.date, facility: Facility | None = None) -> OpenDay:
    """The opening hours of `day` for the base, or for one facility with its own weekly hours."""
    own = facility is not None and facility.own_hours
    return open_day_of(s.connection(), base.id, day, facility.id if own and facility is not None else None)


def open_day_of(conn: Connection, base_id: int, day: dt.date, own_hours_of: int | None = None) -> OpenDay:
    """`calendar_day` by ids: the base's hours, or the weekly hours of facility `own_hours_of`."""
    hours: dict[int, DayHours] = {}
    closures: list[ClosureSpan] = []
    overrides: list[DateOverride] = []
    rows = _CALENDAR[own_hours_of is not None].run(
        conn, {"base_id": base_id, "day": day, "facility_id": own_hours_of}).rows
    for kind, weekday, opens, closes, reason in rows:
        if kind == "w":
            hours[int(weekday)] = DayHours(int(weekday), opens, closes)
        elif kind == "c":
            closures.append(ClosureSpan(day, day, str(reason)))
        else:
            overrides.append(DateOverride(day, opens, closes, str(reason)))
    week = tuple(hours.get(d, DayHours(d, None, None)) for d in range(7))
    return open_day(day, week, closures, overrides)


def zone_of(base: ServiceBase) -> zoneinfo.ZoneInfo:
    return zone_named(base.timezone)


@functools.cache
def zone_named(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    capacity: int
    out_of_order_reason: str


@dataclass(frozen=True)
class FacilityInfo:
    id: int
    kind: FacilityKind
    name: str
    rules: Rules
    group_booking: bool
    active: bool
    inactive_reason: str
    units: tuple[UnitInfo, ...]


class FacilityService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def catalogue(self, include_inactive: bool = False) -> list[FacilityInfo]:
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            query = select(Facility).where(Facility.base_id == base.id).order_by(Facility.sort_order, Facility.id)
            if not include_inactive:
                query = query.where(Facility.active)
            facilities = s.execute(query).scalars().all()
            units = s.execute(select(Unit).where(Unit.facility_id.in_([f.id for f in facilities]), Unit.active)
                              .order_by(Unit.sort_order, Unit.id)).scalars().all()
            by_facility: dict[int, list[UnitInfo]] = {}
            for u in units:
                by_facility.setdefault(u.facility_id, []).append(UnitInfo(u.id, u.name, u.capacity,
                                                                          u.out_of_order_reason))
            return [FacilityInfo(f.id, FacilityKind(f.kind), f.name, rules_of(f), f.group_booking, f.active,
                                 f.inactive_reason, tuple(by_facility.get(f.id, ()))) for f in facilities]

    def open_day(self, day: dt.date, facility_id: int | None = None) -> OpenDay:
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            facility = s.get(Facility, facility_id) if facility_id is not None else None
            if facility_id is not None and (facility is None or facility.base_id != base.id):
                raise NotFound(entity="facility", key=facility_id)
            return calendar_day(s, base, day, facility)
