"""Benchmarks: the booking page's free/occupied map of one day for every facility (≈ 50 units) with the data set's
bookings stored (300 k over the years, from `area_bookings`), vs the same two queries with raw sqlite3."""

from __future__ import annotations

import datetime as dt
import sqlite3
import zoneinfo

from dataset import working_copy
from registry import BenchEnv, bench, paired_medians

from desk.domain.booking import FacilityKind
from desk.domain.clock import SystemClock
from desk.services.charging import ChargingService
from desk.services.day_board import LOOK_BACK, DayBoardService
from desk.services.facilities import FacilityService
from desk.services.startup import open_database

ACTIVE = ("booked", "checked_in")
# How SQLAlchemy's DateTime stores an instant in SQLite (naive UTC text): the floor binds the same strings.
SQLITE_INSTANT = "%Y-%m-%d %H:%M:%S.%f"

UNITS = """
SELECT u.id, u.facility_id, u.name, u.capacity, u.out_of_order_reason
FROM unit u JOIN facility f ON f.id = u.facility_id
WHERE f.base_id = ? AND f.active AND u.active
ORDER BY u.facility_id, u.sort_order, u.id
"""
BOOKINGS = """
SELECT unit_id, starts_at, ends_at FROM booking
WHERE unit_id IN ({units}) AND state IN ('booked', 'checked_in')
  AND starts_at >= ? AND starts_at < ? AND ends_at > ?
ORDER BY unit_id, starts_at
"""


def _busiest_day(conn: sqlite3.Connection, zone: zoneinfo.ZoneInfo) -> tuple[dt.date, int]:
    """The local day with the most bookings held (booked or checked in): the page's worst case."""
    offset = dt.datetime.now(zone).utcoffset() or dt.timedelta(0)
    row = conn.execute(
        f"SELECT date(starts_at, '{int(offset.total_seconds())} seconds') AS day, count(*) FROM booking "
        "WHERE state IN ('booked', 'checked_in') GROUP BY day ORDER BY 2 DESC, 1 DESC LIMIT 1").fetchone()
    if row is None:
        row = conn.execute(
            f"SELECT date(starts_at, '{int(offset.total_seconds())} seconds') AS day, count(*) FROM booking "
            "GROUP BY day ORDER BY 2 DESC, 1 DESC LIMIT 1").fetchone()
    if row is None:
        raise RuntimeError("the data set holds no bookings yet (tests/bench/dataset.py: area_bookings, "
                           "Scale.bookings): day_availability has nothing to measure")
    return dt.date.fromisoformat(row[0]), int(row[1])


@bench("day_availability", goal_ms=30, order=60)
def day_availability(env: BenchEnv) -> tuple[float, float]:
    """`DayBoardService.availability(day)` (base, week, closures, overrides, facilities, units, the day's held
    bookings; frozen rows per unit and slot) vs the units and bookings queries alone in raw sqlite3."""
    location = working_copy(env.dataset, env.new_folder("day_availability"))
    assert location.sqlite_path is not None
    ctx, _ = open_database(location, SystemClock(), create=False)
    boards = DayBoardService(ctx)
    conn = sqlite3.connect(location.sqlite_path)
    try:
        base_id, zone_name = conn.execute("SELECT id, timezone FROM service_base ORDER BY id LIMIT 1").fetchone()
        zone = zoneinfo.ZoneInfo(zone_name)
        day, held = _busiest_day(conn, zone)
        units = conn.execute(UNITS, (base_id,)).fetchall()
        if not units:
            raise RuntimeError("the data set has no facilities or units: day_availability has nothing to measure")
        stored = conn.execute("SELECT count(*) FROM booking").fetchone()[0]
        start = dt.datetime.combine(day, dt.time(0), zone).astimezone(dt.UTC)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), zone).astimezone(dt.UTC)
        bounds = tuple(moment.strftime(SQLITE_INSTANT) for moment in (start - LOOK_BACK, end, start))
        query = BOOKINGS.format(units=", ".join("?" * len(units)))

        def floor() -> None:
            unit_rows = conn.execute(UNITS, (base_id,)).fetchall()
            conn.execute(query, (*(u[0] for u in unit_rows), *bounds)).fetchall()

        result = boards.availability(day)
        assert sum(len(f.units) for f in result) == len(units)
        env.note(f"day_availability: {day} ({held} held bookings that day), {len(units)} units in "
                 f"{len(result)} facilities, {stored:,} bookings stored")
        return paired_medians(lambda: boards.availability(day), floor, env.repeats, warmup=2)
    finally:
        conn.close()
        ctx.db.dispose()


@bench("charging_board", goal_ms=30, order=64)
def charging_board(env: BenchEnv) -> tuple[float, float]:
    """`ChargingService.board` of both charging facilities (the charging page refreshes it every minute, on the
    GUI thread) vs raw sqlite3 reading the ports' running sessions and coming bookings by the same indexes."""
    location = working_copy(env.dataset, env.new_folder("charging_board"))
    assert location.sqlite_path is not None
    ctx, _ = open_database(location, SystemClock(), create=False)
    charging = ChargingService(ctx)
    conn = sqlite3.connect(location.sqlite_path)
    try:
        facilities = [f for f in FacilityService(ctx).catalogue()
                      if f.kind in (FacilityKind.EBIKE_CHARGING, FacilityKind.PHONE_CHARGING)]
        ports = [u.id for f in facilities for u in f.units]
        if not ports:
            raise RuntimeError("the data set has no charging ports: charging_board has nothing to measure")
        stored = conn.execute(f"SELECT count(*) FROM booking WHERE unit_id IN ({', '.join('?' * len(ports))})",
                              ports).fetchone()[0]
        now = dt.datetime.now(dt.UTC)
        bounds = ((now - dt.timedelta(days=1)).strftime(SQLITE_INSTANT), now.strftime(SQLITE_INSTANT))
        query = (f"SELECT * FROM booking WHERE unit_id IN ({', '.join('?' * len(ports))}) AND id IN ("
                 "SELECT id FROM booking WHERE state = 'checked_in' UNION ALL SELECT id FROM booking WHERE "
                 f"unit_id IN ({', '.join('?' * len(ports))}) AND state = 'booked' AND starts_at > ? AND ends_at > ?)")

        def work() -> None:
            for facility in facilities:
                charging.board(facility.id)

        def floor() -> None:
            conn.execute(query, (*ports, *ports, *bounds)).fetchall()

        env.note(f"charging_board: {len(ports)} ports in {len(facilities)} facilities, {stored:,} sessions and "
                 "bookings stored on them")
        return paired_medians(work, floor, env.repeats, warmup=2)
    finally:
        conn.close()
        ctx.db.dispose()
