"""Services layer: the Today dashboard (今日) — what the desk's base is doing today, read in one transaction:
visitors by category and by hour against the same weekday of the previous weeks, who is on site, the next
bookings and today's no-shows, the charging ports and the 母婴室, points and vouchers of the day, and the
projects whose sign-up closes soon.

"Today" is the local day of the base's zone. The page reads it again every half minute, so every query stays on
an index whatever the size of the history: visits by (base_id, checked_in_at) and (base_id, checked_out_at),
bookings by (state, starts_at) and (unit_id, starts_at), ledger entries by `at`, redeemed vouchers by
(merchant_id, redeemed_at), and vouchers issued today through their spend entry (written in the same transaction,
at the same instant), since the voucher table has no index on `issued_at`. The charging ports and the 母婴室 are the charging board's
own tiles (desk.services.charging), so the two pages always agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Select, case, cast, extract, func, select, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session

from desk.domain.booking import BookingState, FacilityKind
from desk.domain.people import Category, mask_name
from desk.domain.points import EntryKind, ProjectStatus
from desk.services.bases import current_base
from desk.services.charging import PortState, port_tiles
from desk.services.context import ServiceContext
from desk.services.facilities import calendar_day, zone_of
from desk.storage.models import (
    Booking,
    CleaningLog,
    Facility,
    Member,
    Merchant,
    Person,
    PointsEntry,
    Project,
    Staff,
    Unit,
    Visit,
    Voucher,
)

COMPARE_WEEKS = 4  # the hourly curve is compared with the same weekday of this many weeks before
NEXT_BOOKINGS = 5
CLOSING_WITHIN = dt.timedelta(days=3)  # a project's sign-up "closes soon" within this
HOURS = 24
_CHARGING_KINDS = (FacilityKind.EBIKE_CHARGING.value, FacilityKind.PHONE_CHARGING.value)


class RoomState(enum.StrEnum):
    FREE = "free"
    OCCUPIED = "occupied"
    OVERDUE = "overdue"  # still occupied after the expected end
    OUT_OF_ORDER = "out_of_order"


_ROOM_STATE = {PortState.FREE: RoomState.FREE, PortState.CHARGING: RoomState.OCCUPIED,
               PortState.OVERDUE: RoomState.OVERDUE, PortState.OUT_OF_ORDER: RoomState.OUT_OF_ORDER}


@dataclass(frozen=True)
class CategoryCount:
    category: Category
    visits: int  # check-ins
    people: int  # 人次: the party sizes added up


@dataclass(frozen=True)
class UpcomingBooking:
    id: int
    facility_id: int
    facility_name: str
    unit_name: str
    masked_name: str  # "" for a booking without a name
    party_size: int
    starts_at: dt.datetime
    ends_at: dt.datetime


@dataclass(frozen=True)
class PortCounts:
    """The ports and sockets of every active charging facility of the base, by what they are doing now."""

    free: int = 0
    charging: int = 0
    overdue: int = 0
    out_of_order: int = 0

    @property
    def total(self) -> int:
        return self.free + self.charging + self.overdue + self.out_of_order

    @property
    def in_use(self) -> int:
        return self.charging + self.overdue


@dataclass(frozen=True)
class NursingRoom:
    facility_id: int
    unit_id: int
    name: str
    state: RoomState
    since: dt.datetime | None  # while occupied
    expected_end: dt.datetime | None
    minutes_over: int
    last_cleaning_at: dt.datetime | None
    last_cleaning_by: str  # "" when unknown or written from the command line


@dataclass(frozen=True)
class ClosingProject:
    id: int
    title: str
    signup_deadline: dt.datetime
    slots_left: int


@dataclass(frozen=True)
class Dashboard:
    day: dt.date  # the base's local day
    now: dt.datetime
    timezone: str  # the base's, for showing the times
    opens: dt.time | None  # today's opening hours (None when closed today)
    closes: dt.time | None
    visitors: tuple[CategoryCount, ...]  # every category, in Category order, zeros included
    hourly: tuple[int, ...]  # 人次 checked in in each local hour of today (24 values)
    # The same, averaged over the same weekday of the COMPARE_WEEKS weeks before on which the base was open (a
    # holiday or closure among them would pull the usual day down); all zeros when it was open on none of them.
    hourly_average: tuple[float, ...]
    on_site_visits: int  # checked in and not out (any day, as the on-site list shows them)
    on_site_people: int
    next_bookings: tuple[UpcomingBooking, ...]  # booked, not over yet, soonest first
    no_shows: int  # bookings starting today marked no-show
    ports: PortCounts
    nursing: NursingRoom | None  # None when the base has no 母婴室
    points_earned: int  # `earn` entries of today, of members who joined at this base
    points_spent: int  # `spend` entries less `refund` entries of today (as the 积分公示 counts them)
    vouchers_issued: int
    vouchers_redeemed: int
    closing_projects: tuple[ClosingProject, ...]  # open, slots left, sign-up closing within CLOSING_WITHIN

    @property
    def visits_today(self) -> int:
        return sum(c.visits for c in self.visitors)

    @property
    def people_today(self) -> int:
        return sum(c.people for c in self.visitors)


def day_bounds(day: dt.date, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The instants where a local day starts and the next one starts (23 or 25 hours apart on a DST change)."""
    return (dt.datetime.combine(day, dt.time(0), zone),
            dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), zone))


class DashboardService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def today(self) -> Dashboard:
        now = self._ctx.clock.now()
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            zone = zone_of(base)
            day = now.astimezone(zone).date()
            start, end = day_bounds(day, zone)
            open_day = calendar_day(s, base, day)
            compared = {d for d in (day - dt.timedelta(weeks=k) for k in range(1, COMPARE_WEEKS + 1))
                        if calendar_day(s, base, d).is_open}
            visitors, hourly, average = _visitors(s, base.id, day, zone, compared)
            figures = s.execute(_figures(base.id, start, end)).one()
            ports, nursing = _rooms(s, base.id, now)
            return Dashboard(
                day=day, now=now, timezone=base.timezone, opens=open_day.opens, closes=open_day.closes,
                visitors=visitors, hourly=hourly, hourly_average=average,
                on_site_visits=int(figures.on_site_visits), on_site_people=int(figures.on_site_people),
                next_bookings=_next_bookings(s, base.id, start, now), no_shows=int(figures.no_shows),
                ports=ports, nursing=nursing,
                points_earned=int(figures.earned), points_spent=int(figures.spent),
                vouchers_issued=int(figures.issued), vouchers_redeemed=int(figures.redeemed),
                closing_projects=_closing_projects(s, base.id, now),
            )


def _epoch_seconds(s: Session, instant: InstrumentedAttribute[dt.datetime]) -> ColumnElement[int]:
    """Whole seconds since 1970 of a stored instant (SQLite keeps naive UTC text, PostgreSQL a timestamptz)."""
    if s.get_bind().dialect.name == "sqlite":
        return cast(func.strftime("%s", instant), BigInteger)
    return cast(func.floor(extract("epoch", instant)), BigInteger)


def _visitors(s: Session, base_id: int, day: dt.date, zone: dt.tzinfo, compared: set[dt.date],
              ) -> tuple[tuple[CategoryCount, ...], tuple[int, ...], tuple[float, ...]]:
    """Today by category and by hour, and the hourly average of the `compared` days (earlier ones), in one
    grouped query: one index range per day, each visit counted in the hour since the oldest day's midnight it
    falls in, which Python turns back into a local day and hour (exact across a change of daylight saving)."""
    days = sorted({day, *compared})  # the oldest first
    spans = [day_bounds(d, zone) for d in days]
    origin = spans[0][0].astimezone(dt.UTC)  # UTC: adding hours to it is adding real hours
    elapsed = ((_epoch_seconds(s, Visit.checked_in_at) - int(origin.timestamp())) // 3600).label("hour")
    # One range per day, as separate selects: without statistics (a desk database is never ANALYZEd) SQLite
    # would read an OR of ranges through an index on base_id alone, that is every visit of the base.
    rows = union_all(*(select(elapsed, Visit.category, Visit.party_size)
                       .where(Visit.base_id == base_id, Visit.checked_in_at >= lo, Visit.checked_in_at < hi)
                       for lo, hi in spans)).subquery()
    grouped = s.execute(select(rows.c.hour, rows.c.category, func.count(), func.sum(rows.c.party_size))
                        .group_by(rows.c.hour, rows.c.category))
    visits = dict.fromkeys(Category, 0)
    people = dict.fromkeys(Category, 0)
    hourly = [0] * HOURS
    before = [0] * HOURS
    for hour, category, count, size in grouped:
        local = (origin + dt.timedelta(hours=int(hour))).astimezone(zone)
        if local.date() == day:
            visits[Category(category)] += int(count)
            people[Category(category)] += int(size)
            hourly[local.hour] += int(size)
        else:
            before[local.hour] += int(size)
    return (tuple(CategoryCount(c, visits[c], people[c]) for c in Category), tuple(hourly),
            tuple(total / len(compared) if compared else 0.0 for total in before))


def _figures(base_id: int, start: dt.datetime, end: dt.datetime) -> Select[Any]:
    """The single numbers of the day in one round trip, each a scalar subquery on its own index."""
    open_visits = (Visit.base_id == base_id, Visit.checked_out_at.is_(None))
    today_entries = (PointsEntry.at >= start, PointsEntry.at < end, Member.base_id == base_id)
    earned = (select(func.coalesce(func.sum(case((PointsEntry.kind == EntryKind.EARN.value, PointsEntry.amount),
                                                 else_=0)), 0))
              .join(Member, Member.id == PointsEntry.member_id).where(*today_entries))
    # Spends are negative and refunds positive: minus their sum is what was used, net of refunds.
    spent = (select(-func.coalesce(func.sum(case(
        (PointsEntry.kind.in_([EntryKind.SPEND.value, EntryKind.REFUND.value]), PointsEntry.amount), else_=0)), 0))
        .join(Member, Member.id == PointsEntry.member_id).where(*today_entries))
    return select(
        select(func.count()).where(*open_visits).scalar_subquery().label("on_site_visits"),
        select(func.coalesce(func.sum(Visit.party_size), 0)).where(*open_visits).scalar_subquery()
        .label("on_site_people"),
        select(func.count()).select_from(Booking).join(Unit, Unit.id == Booking.unit_id)
        .join(Facility, Facility.id == Unit.facility_id)
        .where(Booking.state == BookingState.NO_SHOW.value, Booking.starts_at >= start, Booking.starts_at < end,
               Facility.base_id == base_id).scalar_subquery().label("no_shows"),
        earned.scalar_subquery().label("earned"),
        spent.scalar_subquery().label("spent"),
        select(func.count()).select_from(PointsEntry).join(Voucher, Voucher.spend_entry_id == PointsEntry.id)
        .where(PointsEntry.at >= start, PointsEntry.at < end, Voucher.issued_at >= start, Voucher.issued_at < end,
               Voucher.base_id == base_id).scalar_subquery().label("issued"),
        # Every voucher's merchant is a merchant: the IN lets the (merchant_id, redeemed_at) index serve a range
        # of redemption times, one merchant after the other.
        select(func.count()).select_from(Voucher)
        .where(Voucher.merchant_id.in_(select(Merchant.id)), Voucher.redeemed_at >= start,
               Voucher.redeemed_at < end, Voucher.base_id == base_id).scalar_subquery().label("redeemed"),
    )


def _next_bookings(s: Session, base_id: int, start: dt.datetime, now: dt.datetime) -> tuple[UpcomingBooking, ...]:
    """Bookings still to come or waiting for their person (booked, not over yet), soonest first, names masked."""
    rows = s.execute(
        select(Booking.id, Facility.id, Facility.name, Unit.name, Booking.person_id, Person.name,
               Booking.party_size, Booking.starts_at, Booking.ends_at)
        .join(Unit, Unit.id == Booking.unit_id).join(Facility, Facility.id == Unit.facility_id)
        .outerjoin(Person, Person.id == Booking.person_id)
        .where(Booking.state == BookingState.BOOKED.value, Booking.starts_at >= start, Booking.ends_at > now,
               Facility.base_id == base_id)
        .order_by(Booking.starts_at, Booking.id).limit(NEXT_BOOKINGS))
    return tuple(UpcomingBooking(b_id, f_id, f_name, u_name, mask_name(name) if person_id else "", size, starts,
                                 ends)
                 for b_id, f_id, f_name, u_name, person_id, name, size, starts, ends in rows)


def _rooms(s: Session, base_id: int, now: dt.datetime) -> tuple[PortCounts, NursingRoom | None]:
    """The charging ports by state and the 母婴室 (the first room of the first nursing-room facility, as the
    charging page shows it), read as the charging board reads its tiles, so the two never disagree."""
    rows = s.execute(
        select(Facility.id, Facility.kind, Unit).join(Unit, Unit.facility_id == Facility.id)
        .where(Facility.base_id == base_id, Facility.active, Unit.active,
               Facility.kind.in_([*_CHARGING_KINDS, FacilityKind.NURSING_ROOM.value]))
        .order_by(Facility.sort_order, Facility.id, Unit.sort_order, Unit.id)).all()
    units: dict[int, list[Unit]] = {}
    kinds: dict[int, str] = {}
    for facility_id, kind, unit in rows:
        units.setdefault(facility_id, []).append(unit)
        kinds[facility_id] = kind
    ports = {state: 0 for state in RoomState}
    nursing: NursingRoom | None = None
    for facility_id, facility_units in units.items():
        charging = kinds[facility_id] in _CHARGING_KINDS
        for tile in port_tiles(s, facility_id, facility_units if charging else facility_units[:1], now):
            state = _ROOM_STATE[tile.state]
            if charging:
                ports[state] += 1
            elif nursing is None:
                nursing = NursingRoom(facility_id, tile.unit_id, tile.unit_name, state, tile.started_at,
                                      tile.ends_at, tile.minutes_over, None, "")
    counts = PortCounts(ports[RoomState.FREE], ports[RoomState.OCCUPIED], ports[RoomState.OVERDUE],
                        ports[RoomState.OUT_OF_ORDER])
    if nursing is None:
        return counts, None
    cleaned = s.execute(
        select(CleaningLog.at, Staff.display_name).outerjoin(Staff, Staff.id == CleaningLog.staff_id)
        .where(CleaningLog.unit_id == nursing.unit_id).order_by(CleaningLog.at.desc(), CleaningLog.id.desc())
        .limit(1)).first()
    if cleaned is not None:
        nursing = dataclasses.replace(nursing, last_cleaning_at=cleaned[0], last_cleaning_by=cleaned[1] or "")
    return counts, nursing


def _closing_projects(s: Session, base_id: int, now: dt.datetime) -> tuple[ClosingProject, ...]:
    rows = s.execute(
        select(Project.id, Project.title, Project.signup_deadline, Project.slots - Project.claimed)
        .where(Project.base_id == base_id, Project.status == ProjectStatus.OPEN.value,
               Project.signup_deadline > now, Project.signup_deadline <= now + CLOSING_WITHIN,
               Project.claimed < Project.slots)
        .order_by(Project.signup_deadline, Project.id))
    return tuple(ClosingProject(p_id, title, deadline, int(left)) for p_id, title, deadline, left in rows)


__all__ = ["CLOSING_WITHIN", "COMPARE_WEEKS", "NEXT_BOOKINGS", "CategoryCount", "ClosingProject", "Dashboard",
           "DashboardService", "NursingRoom", "PortCounts", "RoomState", "UpcomingBooking", "day_bounds"]
