"""Services layer: what each local day of a base adds to a period report (统计报表) — visits and 人次 by hour,
category, purpose and 暖新驿站 platform; hours booked by facility and hour; bookings by state; ledger entries by
kind — counted from the rows for a run of days, and kept for closed days in `report_day`.

A report of a long period adds up its days: the kept ones are read (a year is a few hundred rows), the others
(today, days to come, a day changed since it was kept) are counted from the rows. Every day is counted the same
way and its figures are whole numbers (booked time in milliseconds), so the sum does not depend on which days were
kept. What cannot be added up by days — 服务人数, different people over the period — is not kept here.

`report_day` stays exact through triggers (db/versions/0006): any change to a visit, booking or ledger entry
deletes the kept days it falls on, in the same transaction. Keeping a day reads its rows and writes its row in one
write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: with `report_day` locked against the triggers' deletes), so
a change committed meanwhile is either counted or forgets the day afterwards.

Instants are grouped by UTC hour in SQL (by quarter hour in a zone whose offset is not whole hours) and each group
is placed on its local day and hour here, so a change of offset (daylight saving) still puts every visit on its own
wall-clock hour.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import json
import math
import random
import zoneinfo
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    and_,
    case,
    cast,
    column,
    delete,
    func,
    insert,
    literal,
    select,
    text,
    true,
    union_all,
    values,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from desk.domain.booking import BookingState
from desk.domain.facility_rules import LENGTH_MAX
from desk.domain.people import ALL_STATION_SERVICES, Category, Purpose
from desk.services.checks import invariant
from desk.storage.models import Booking, Facility, Member, PointsEntry, ReportDay, ServiceBase, Unit, Visit
from desk.storage.types import UtcDateTime

# The layout of `report_day.figures`; a row of another version is counted again.
VERSION = 1
KEEP_AT_ONCE = 31  # days kept in one write transaction: other desks wait at most this long for a cold year
# A booking is never longer than a day (facility rules), so one overlapping a day starts at most a day before.
_LONGEST_BOOKING = dt.timedelta(minutes=LENGTH_MAX)
USED = (BookingState.BOOKED.value, BookingState.CHECKED_IN.value, BookingState.COMPLETED.value)
HOUR = 3600
_DAY = 86400
_EPOCH_DAY = dt.date(1970, 1, 1)
MS_PER_HOUR = 3_600_000
_BITS = tuple(int(service) for service in ALL_STATION_SERVICES)  # plain ints: enum flags are slow in a loop


# -- local time ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LocalTime:
    """The base's zone over one period: the UTC offset in force from each instant on (epoch seconds). There is
    one offset unless the zone changes it within the period (daylight saving)."""

    starts: tuple[float, ...]
    offsets: tuple[int, ...]  # seconds east of UTC

    @classmethod
    def of(cls, zone: dt.tzinfo, start: dt.datetime, end: dt.datetime) -> LocalTime:
        def offset(t: float) -> int:
            return int((dt.datetime.fromtimestamp(t, zone).utcoffset() or dt.timedelta()).total_seconds())

        first, last = start.timestamp(), end.timestamp()
        starts, offsets = [first], [offset(first)]
        # An offset changes at most a few times a year: sample each day and find the second it changed.
        t = first
        while t < last:
            following = min(t + _DAY, last)
            if offset(following) != offsets[-1]:
                low, high = t, following  # offset(low) is the old one, offset(high) the new one
                while high - low > 1:
                    middle = (low + high) // 2
                    low, high = (middle, high) if offset(middle) == offsets[-1] else (low, middle)
                starts.append(high)
                offsets.append(offset(high))
            t = following
        return cls(tuple(starts), tuple(offsets))

    @property
    def bucket(self) -> int:
        """Seconds per group of instants: an hour when every offset is whole hours, else a quarter hour."""
        return HOUR if all(o % HOUR == 0 for o in self.offsets) else 900

    def offset_at(self, t: float) -> tuple[int, float]:
        """The offset in force at `t` and when it ends (infinity for the last one)."""
        if len(self.offsets) == 1:
            return self.offsets[0], math.inf
        i = max(0, bisect.bisect_right(self.starts, t) - 1)
        return self.offsets[i], (self.starts[i + 1] if i + 1 < len(self.starts) else math.inf)

    def place(self, t: float) -> tuple[dt.date, int, int]:
        """The local day, hour (0–23) and weekday (Monday 0) of instant `t`."""
        local = t + (self.offsets[0] if len(self.offsets) == 1 else self.offset_at(t)[0])
        days = int(local // _DAY)
        return _day_number(days), int(local % _DAY // HOUR), (days + 3) % 7

    def pieces(self, start: float, end: float) -> Iterator[tuple[int, int, float]]:
        """[start, end) cut at the local hours: (local day number since 1970, local hour, seconds) of each piece."""
        t = start
        single = len(self.offsets) == 1
        offset, offset_ends = self.offsets[0], math.inf
        while t < end:
            if not single:
                offset, offset_ends = self.offset_at(t)
            wall = t + offset
            piece_end = min(end, offset_ends, t + (HOUR - wall % HOUR))
            yield int(wall // _DAY), int(wall % _DAY // HOUR), piece_end - t
            t = piece_end


@functools.lru_cache(maxsize=4096)
def _day_number(days: int) -> dt.date:
    return _EPOCH_DAY + dt.timedelta(days=days)


def spread_hours(cells: list[list[float]], start: float, end: float, weight: int, local: LocalTime) -> None:
    """Add the hours of [start, end) × weight to the weekday × local hour cells they fall in."""
    for days, hour, seconds in local.pieces(start, end):
        cells[(days + 3) % 7][hour] += seconds * weight / HOUR


def day_bounds(day: dt.date, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The first instant of local `day` and the first of the day after, in UTC."""
    return (dt.datetime.combine(day, dt.time(0, 0), zone).astimezone(dt.UTC),
            dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), zone).astimezone(dt.UTC))


# -- one day's figures -----------------------------------------------------------------------------------------

@dataclass
class DayFigures:
    """What one local day adds to a report. Whole numbers only: booked time is in milliseconds."""

    hours: list[list[int]] = field(default_factory=lambda: [[0, 0] for _ in range(24)])  # [visits, 人次] by hour
    categories: dict[str, list[int]] = field(default_factory=dict)  # category → [visits, 人次]
    purposes: dict[str, list[int]] = field(default_factory=dict)  # purpose → [visits, 人次]
    # platform → [visits, 人次, then the visits that used each of ALL_STATION_SERVICES]
    platforms: dict[str, list[int]] = field(default_factory=dict)
    booked: dict[int, int] = field(default_factory=dict)  # facility → ms booked (× units) within the day
    heat: list[int] = field(default_factory=lambda: [0] * 24)  # ms booked by local hour, every facility
    states: dict[int, dict[str, int]] = field(default_factory=dict)  # facility → state → bookings starting
    durations: dict[int, int] = field(default_factory=dict)  # facility → ms check-in to completion, completed
    points: dict[str, list[int]] = field(default_factory=dict)  # entry kind → [entries, points]

    @property
    def visits(self) -> int:
        return sum(n for n, _p in self.hours)

    @property
    def people(self) -> int:
        return sum(p for _n, p in self.hours)

    def add(self, other: DayFigures) -> None:
        for mine, theirs in zip(self.hours, other.hours, strict=True):
            mine[0] += theirs[0]
            mine[1] += theirs[1]
        for into, source in ((self.categories, other.categories), (self.purposes, other.purposes),
                             (self.platforms, other.platforms), (self.points, other.points)):
            for key, numbers in source.items():
                _add_into(into, key, numbers)
        for facility_id, ms in other.booked.items():
            self.booked[facility_id] = self.booked.get(facility_id, 0) + ms
        for facility_id, ms in other.durations.items():
            self.durations[facility_id] = self.durations.get(facility_id, 0) + ms
        for facility_id, by_state in other.states.items():
            mine_by_state = self.states.setdefault(facility_id, {})
            for state, n in by_state.items():
                mine_by_state[state] = mine_by_state.get(state, 0) + n
        for hour, ms in enumerate(other.heat):
            self.heat[hour] += ms

    def to_json(self) -> str:
        return json.dumps({
            "hours": {str(h): vp for h, vp in enumerate(self.hours) if vp != [0, 0]},
            "categories": self.categories, "purposes": self.purposes, "platforms": self.platforms,
            "booked": {str(k): v for k, v in self.booked.items()},
            "heat": {str(h): ms for h, ms in enumerate(self.heat) if ms},
            "states": {str(k): v for k, v in self.states.items()},
            "durations": {str(k): v for k, v in self.durations.items()},
            "points": self.points,
        }, separators=(",", ":"), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text_: str) -> DayFigures:
        raw = json.loads(text_)
        day = cls(categories=raw["categories"], purposes=raw["purposes"], platforms=raw["platforms"],
                  booked={int(k): v for k, v in raw["booked"].items()},
                  states={int(k): v for k, v in raw["states"].items()},
                  durations={int(k): v for k, v in raw["durations"].items()}, points=raw["points"])
        for hour, vp in raw["hours"].items():
            day.hours[int(hour)] = vp
        for hour, ms in raw["heat"].items():
            day.heat[int(hour)] = ms
        return day


def _add_into(into: dict[str, list[int]], key: str, numbers: Sequence[int]) -> None:
    mine = into.get(key)
    if mine is None:
        into[key] = list(numbers)
    else:
        for i, x in enumerate(numbers):
            mine[i] += x


# -- counting days from the rows -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Days:
    """A run of consecutive local days of one base, to be counted from the rows."""

    base_id: int
    zone: dt.tzinfo
    days: tuple[dt.date, ...]
    dialect: str
    only_base: bool  # the database holds this base alone: every ledger entry is the base's

    @functools.cached_property
    def bounds(self) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
        return tuple(day_bounds(day, self.zone) for day in self.days)

    @property
    def start(self) -> dt.datetime:
        return self.bounds[0][0]

    @property
    def end(self) -> dt.datetime:
        return self.bounds[-1][1]

    @functools.cached_property
    def local(self) -> LocalTime:
        return LocalTime.of(self.zone, self.start, self.end)

    def index(self, day: dt.date) -> int:
        return (day - self.days[0]).days


def count_days(conn: Connection, run: Days) -> list[DayFigures]:
    """The figures of each day of `run`, counted from the rows."""
    out = [DayFigures() for _ in run.days]
    _count_visits(conn, run, out)
    _count_bookings(conn, run, out)
    _count_points(conn, run, out)
    return out


def _seconds(moment: Any, dialect: str) -> ColumnElement[Any]:
    """Seconds since 1970 of a stored instant, as the database computes it. SQLite's day numbers carry a little
    float noise: its seconds are rounded to the millisecond, as stored."""
    if dialect == "sqlite":
        return func.round((func.julianday(moment) - 2440587.5) * 86400.0, 3)
    return func.extract("epoch", moment)


def _sqlite_text(moment: dt.datetime) -> str:
    """An instant as SQLite stores it (naive UTC text), for comparing with stored text."""
    return f"{moment.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S}"


def _bucket(moment: Any, size: int, dialect: str) -> ColumnElement[Any]:
    """The UTC bucket of a stored instant; `_bucket_start` turns it into its first second. On SQLite an hour
    is the stored text's first 13 characters ("2026-11-28 02"), cheaper than converting every instant."""
    if dialect == "sqlite":
        if size == HOUR:
            return func.substr(moment, 1, 13)
        return cast(func.strftime("%s", moment), Integer) // size
    return func.floor(func.extract("epoch", moment) / size)


@functools.lru_cache(maxsize=16384)
def _hour_start(text_: str) -> float:
    return dt.datetime.fromisoformat(text_ + ":00").replace(tzinfo=dt.UTC).timestamp()


def _bucket_start(value: Any, size: int) -> float:
    return _hour_start(value) if isinstance(value, str) else float(value) * size


def _day_table(run: Days) -> Any:
    """The run's days as a table (i, s, e): the day's index and its first and following instants."""
    return values(column("i", Integer), column("s", UtcDateTime()), column("e", UtcDateTime()), name="days").data(
        [(i, s, e) for i, (s, e) in enumerate(run.bounds)]).cte("days")


def _count_visits(conn: Connection, run: Days, out: list[DayFigures]) -> None:
    size = run.local.bucket
    in_run = (Visit.base_id == run.base_id, Visit.checked_in_at >= run.start, Visit.checked_in_at < run.end)

    def placed(value: Any) -> tuple[DayFigures, int]:
        day, hour, _weekday = run.local.place(_bucket_start(value, size))
        return out[run.index(day)], hour

    if run.dialect == "sqlite":
        # SQLite groups by sorting every row. Instead the counts come from slices of the indexes alone: visits per
        # UTC bucket of the (base, time) index, per day and category or purpose of the (base, field, time)
        # indexes; 人次 adds the rest of each party, and parties of several are a small share, read as rows.
        for t, n in _visit_counts(conn, run):
            local_day, hour, _weekday = run.local.place(t)
            out[run.index(local_day)].hours[hour][0] += n
        for field_, name in ((Visit.category, "categories"), (Visit.purpose, "purposes")):
            keys = [c.value for c in Category] if name == "categories" else [p.value for p in Purpose]
            for i, key, n in _counts_by_day(conn, run, field_, keys):
                if n:
                    getattr(out[i], name)[key] = [int(n), int(n)]
        bucket = _bucket(Visit.checked_in_at, size, run.dialect)
        for b, category, purpose, extra in conn.execute(
                select(bucket, Visit.category, Visit.purpose, func.sum(Visit.party_size - 1))
                .where(*in_run, Visit.party_size > 1).group_by(bucket, Visit.category, Visit.purpose)).all():
            figures, hour = placed(b)
            figures.hours[hour][1] += int(extra)
            _add_into(figures.categories, category, (0, int(extra)))
            _add_into(figures.purposes, purpose, (0, int(extra)))
        for figures in out:
            for counts in figures.hours:
                counts[1] += counts[0]
    else:
        bucket = _bucket(Visit.checked_in_at, size, run.dialect)
        for b, category, purpose, n, people in conn.execute(
                select(bucket, Visit.category, Visit.purpose, func.count(), func.sum(Visit.party_size))
                .where(*in_run).group_by(bucket, Visit.category, Visit.purpose)).all():
            figures, hour = placed(b)
            figures.hours[hour][0] += int(n)
            figures.hours[hour][1] += int(people)
            _add_into(figures.categories, category, (int(n), int(people)))
            _add_into(figures.purposes, purpose, (int(n), int(people)))

    days = _day_table(run)
    for i, platform, bits, n, people in conn.execute(
            select(days.c.i, Visit.platform, Visit.station_services, func.count(), func.sum(Visit.party_size))
            .select_from(days)
            .join(Visit, and_(Visit.base_id == run.base_id, Visit.checked_in_at >= days.c.s,
                              Visit.checked_in_at < days.c.e))
            .where(Visit.platform.is_not(None)).group_by(days.c.i, Visit.platform, Visit.station_services)):
        n = int(n)
        _add_into(out[i].platforms, str(platform), (n, int(people), *(n if bits & bit else 0 for bit in _BITS)))


def _visit_counts(conn: Connection, run: Days) -> list[tuple[float, int]]:
    """(first second, visits) of every UTC bucket of the run with visits, each bucket counting its own slice of
    the (base, time) index (SQLite)."""
    size = run.local.bucket
    step = f"+{size} seconds"
    first = _sqlite_text(run.start)
    buckets = select(literal(first, String).label("t"), func.datetime(first, step).label("u")).cte(
        "bucket", recursive=True)
    buckets = buckets.union_all(select(buckets.c.u, func.datetime(buckets.c.u, step))
                                .where(buckets.c.u < _sqlite_text(run.end)))
    visits = select(func.count()).where(Visit.base_id == run.base_id, Visit.checked_in_at >= buckets.c.t,
                                        Visit.checked_in_at < buckets.c.u).scalar_subquery()
    # Empty buckets are dropped here: a WHERE on the count would make SQLite count every bucket twice.
    rows = conn.execute(select(buckets.c.t, visits)).all()
    return [(dt.datetime.fromisoformat(t).replace(tzinfo=dt.UTC).timestamp(), int(n)) for t, n in rows if n]


def _counts_by_day(conn: Connection, run: Days, field_: Any, keys: Sequence[str]) -> list[tuple[int, str, int]]:
    """(day index, value, visits) for each day of the run and value of `field_` (category or purpose), each
    counted on the (base, field, time) index (SQLite)."""
    days = _day_table(run)
    known = union_all(*(select(literal(k, String).label("key")) for k in keys)).subquery("keys")
    count = select(func.count()).where(Visit.base_id == run.base_id, field_ == known.c.key,
                                       Visit.checked_in_at >= days.c.s, Visit.checked_in_at < days.c.e
                                       ).scalar_subquery()
    every = select(days.c.i, known.c.key, count).select_from(days).join(known, true())  # each day × each value
    return [(int(i), str(k), int(n)) for i, k, n in conn.execute(every)]


def _count_bookings(conn: Connection, run: Days, out: list[DayFigures]) -> None:
    completed = BookingState.COMPLETED.value
    start_s, end_s = run.start.timestamp(), run.end.timestamp()
    first_day = (run.days[0] - _EPOCH_DAY).days
    duration = (_seconds(Booking.finished_at, run.dialect)
                - _seconds(func.coalesce(Booking.checked_in_at, Booking.starts_at), run.dialect))
    # One pass over the bookings that start in the run or run into it, grouped by their exact times: units
    # booked for the same slot (seats, ports) make one row.
    for facility_id, state, begins, ends, n, seconds in conn.execute(
            select(Unit.facility_id, Booking.state, _seconds(Booking.starts_at, run.dialect),
                   _seconds(Booking.ends_at, run.dialect), func.count(),
                   func.sum(case((Booking.state == completed, duration), else_=None)))
            .join(Unit, Unit.id == Booking.unit_id).join(Facility, Facility.id == Unit.facility_id)
            .where(Facility.base_id == run.base_id, Booking.starts_at < run.end,
                   Booking.starts_at >= run.start - _LONGEST_BOOKING)
            .group_by(Unit.facility_id, Booking.state, Booking.starts_at, Booking.ends_at)).all():
        begins, ends, n = float(begins), float(ends), int(n)
        if begins >= start_s:
            day = out[run.index(run.local.place(begins)[0])]
            by_state = day.states.setdefault(facility_id, {})
            by_state[state] = by_state.get(state, 0) + n
            if state == completed:
                day.durations[facility_id] = day.durations.get(facility_id, 0) + round(float(seconds or 0) * 1000)
        low, high = max(begins, start_s), min(ends, end_s)
        if state in USED and high > low:
            for days, hour, seconds_ in run.local.pieces(low, high):
                day = out[days - first_day]
                ms = round(seconds_ * 1000) * n
                day.booked[facility_id] = day.booked.get(facility_id, 0) + ms
                day.heat[hour] += ms


def _count_points(conn: Connection, run: Days, out: list[DayFigures]) -> None:
    days = _day_table(run)
    query = (select(days.c.i, PointsEntry.kind, func.count(), func.sum(PointsEntry.amount)).select_from(days)
             .join(PointsEntry, and_(PointsEntry.at >= days.c.s, PointsEntry.at < days.c.e))
             .group_by(days.c.i, PointsEntry.kind))
    if not run.only_base:
        query = query.join(Member, Member.id == PointsEntry.member_id).where(Member.base_id == run.base_id)
    for i, kind, n, total in conn.execute(query):
        out[i].points[str(kind)] = [int(n), int(total)]


# -- kept days -------------------------------------------------------------------------------------------------

def kept(s: Session, base_id: int, zone_name: str, zone: dt.tzinfo, first: dt.date,
         last: dt.date) -> dict[dt.date, int]:
    """The ids of the kept rows of the base's days first..last that are valid: of this version, counted in this
    zone with the bounds its rules give today."""
    rows = s.execute(select(ReportDay.id, ReportDay.day, ReportDay.starts_at, ReportDay.ends_at).where(
        ReportDay.base_id == base_id, ReportDay.zone == zone_name, ReportDay.day >= first, ReportDay.day <= last,
        ReportDay.version == VERSION)).all()
    return {day: row_id for row_id, day, starts, ends in rows if (starts, ends) == day_bounds(day, zone)}


def read_kept(s: Session, ids: Sequence[int]) -> dict[dt.date, DayFigures]:
    found: dict[dt.date, DayFigures] = {}
    for chunk in range(0, len(ids), 500):
        for day, figures in s.execute(select(ReportDay.day, ReportDay.figures).where(
                ReportDay.id.in_(ids[chunk:chunk + 500]))):
            found[day] = DayFigures.from_json(figures)
    return found


def keep(s: Session, base_id: int, zone_name: str, zone: dt.tzinfo, days: Sequence[dt.date],
         only_base: bool) -> int:
    """Count and keep those of `days` (closed days of the base, a few weeks at most, in order) not kept yet, in
    the caller's write transaction; returns how many were counted."""
    if not days:
        return 0
    conn = s.connection()
    if conn.dialect.name == "postgresql":
        # The triggers' deletes wait until this transaction ends, and it reads the rows after any change whose
        # trigger ran first: a day kept here is either up to date or deleted by that change's trigger afterwards.
        conn.execute(text("LOCK TABLE report_day IN SHARE ROW EXCLUSIVE MODE"))
    valid = kept(s, base_id, zone_name, zone, days[0], days[-1])
    todo = [d for d in days if d not in valid]
    if not todo:
        return 0
    conn.execute(delete(ReportDay).where(ReportDay.base_id == base_id, ReportDay.zone == zone_name,
                                         ReportDay.day.in_(todo)))
    rows: list[dict[str, Any]] = []
    for run_days in consecutive(todo):
        run = Days(base_id, zone, tuple(run_days), conn.dialect.name, only_base)
        for day, (starts, ends), figures in zip(run.days, run.bounds, count_days(conn, run), strict=True):
            rows.append(dict(base_id=base_id, zone=zone_name, day=day, starts_at=starts, ends_at=ends,
                             version=VERSION, figures=figures.to_json()))
    conn.execute(insert(ReportDay), rows)
    return len(rows)


def consecutive(days: Sequence[dt.date], longest: int | None = None) -> Iterator[list[dt.date]]:
    """`days` (in order) as runs of consecutive days, each at most `longest` long."""
    run: list[dt.date] = []
    for day in days:
        if run and (day - run[-1] != dt.timedelta(days=1) or (longest is not None and len(run) >= longest)):
            yield run
            run = []
        run.append(day)
    if run:
        yield run


def single_base(s: Session) -> bool:
    return s.execute(select(func.count()).select_from(ServiceBase)).scalar_one() == 1


# -- desk check ------------------------------------------------------------------------------------------------

SAMPLE = 12


@invariant("report_days_match_the_rows")
def _report_days_match(s: Session) -> list[str]:
    """A sample of the kept days (the newest ones, which change most, and some others) counted again."""
    ids = s.execute(select(ReportDay.id).order_by(ReportDay.day.desc(), ReportDay.id)).scalars().all()
    sample = list(ids[:SAMPLE // 2])
    rest = list(ids[SAMPLE // 2:])
    sample += random.Random(len(ids)).sample(rest, min(len(rest), SAMPLE - len(sample)))
    problems = []
    single = single_base(s)
    conn = s.connection()
    for row in s.execute(select(ReportDay).where(ReportDay.id.in_(sample))).scalars():
        try:
            zone: dt.tzinfo = zoneinfo.ZoneInfo(row.zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue  # a zone this computer does not know: the report never reads the row here
        if row.version != VERSION or (row.starts_at, row.ends_at) != day_bounds(row.day, zone):
            continue  # never read as it is: counted again when a report needs the day
        run = Days(row.base_id, zone, (row.day,), conn.dialect.name, single)
        if DayFigures.from_json(row.figures) != count_days(conn, run)[0]:
            problems.append(f"report_day {row.id} (base {row.base_id}, {row.day}) differs from the rows")
    return problems


__all__ = [
    "HOUR", "KEEP_AT_ONCE", "MS_PER_HOUR", "USED", "VERSION", "DayFigures", "Days", "LocalTime", "consecutive",
    "count_days", "day_bounds", "keep", "kept", "read_kept", "single_base", "spread_hours",
]
