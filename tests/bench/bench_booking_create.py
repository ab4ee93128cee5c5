"""Benchmarks: placing a booking and the no-show sweep, on the big data set (300 k bookings stored).

`booking_create`: `BookingService.book` of a reading-room seat (unit locked, calendar, person, quota and overlap
checked, the booking and its audit event written, committed) against a raw sqlite3 overlap check + insert + commit
with the same pragmas. `noshow_sweep`: `BookingService.sweep_no_shows` with 2 000 bookings due (marked no-show, the
people who reach the limit suspended, one audit event, committed) against one raw UPDATE + commit."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import zoneinfo
from pathlib import Path

from dataset import working_copy
from registry import BenchEnv, bench, paired_medians

from desk.domain.booking import FacilityKind
from desk.domain.clock import FixedClock, SystemClock
from desk.services.auth import AuthService
from desk.services.bookings import BookingService
from desk.services.context import ServiceContext
from desk.services.demo import DEMO_PASSWORD
from desk.services.facilities import FacilityService
from desk.services.startup import open_database
from desk.storage.engine import BUSY_TIMEOUT_MS

BOOKINGS_PER_RUN = 20  # one committed booking is a few ms: time a batch, report one
DUE = 2000
SQLITE_INSTANT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores an instant in SQLite (naive UTC text)


def _raw(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the program's pragmas (WAL, synchronous=FULL), autocommit mode."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in (f"busy_timeout = {BUSY_TIMEOUT_MS}", "foreign_keys = ON", "journal_mode = WAL",
                   "synchronous = FULL"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime(SQLITE_INSTANT)


def _free_seats(ctx: ServiceContext, conn: sqlite3.Connection, now: dt.datetime,
                needed: int) -> list[tuple[int, dt.datetime, dt.datetime]]:
    """Half-hour slots of reading-room seats in the days ahead that nothing holds yet, shuffled."""
    facilities = FacilityService(ctx)
    reading = next(f for f in facilities.catalogue() if f.kind is FacilityKind.READING_ROOM)
    zone = zoneinfo.ZoneInfo(conn.execute("SELECT timezone FROM service_base ORDER BY id LIMIT 1").fetchone()[0])
    today = now.astimezone(zone).date()
    free: list[tuple[int, dt.datetime, dt.datetime]] = []
    for ahead in range(1, reading.rules.horizon_days + 1):
        day = facilities.open_day(today + dt.timedelta(days=ahead), reading.id)
        if day.opens is None or day.closes is None:
            continue
        opens = dt.datetime.combine(day.day, day.opens, zone)
        closes = dt.datetime.combine(day.day, day.closes, zone)
        for unit in reading.units:
            held = conn.execute(
                "SELECT starts_at, ends_at FROM booking WHERE unit_id = ? AND state IN ('booked', 'checked_in') "
                "AND starts_at < ? AND ends_at > ?", (unit.id, _stamp(closes), _stamp(opens))).fetchall()
            taken = [(dt.datetime.fromisoformat(s).replace(tzinfo=dt.UTC),
                      dt.datetime.fromisoformat(e).replace(tzinfo=dt.UTC)) for s, e in held]
            start = opens
            while start + dt.timedelta(minutes=30) <= closes:
                end = start + dt.timedelta(minutes=30)
                if all(not (start < e and s < end) for s, e in taken):
                    free.append((unit.id, start, end))
                start = end
    random.Random(5).shuffle(free)
    if len(free) < needed:
        raise RuntimeError(f"only {len(free)} free seat slots in the booking window, {needed} needed")
    return free[:needed]


def _people(conn: sqlite3.Connection, count: int) -> list[int]:
    return [row[0] for row in conn.execute(
        "SELECT id FROM person WHERE anonymised_at IS NULL AND suspended_until IS NULL ORDER BY random() LIMIT ?",
        (count,))]


@bench("booking_create", goal_ratio=3, order=62)
def booking_create(env: BenchEnv) -> tuple[float, float]:
    """`BookingService.book` of a free seat for a registered person, committed with its audit event, vs a raw
    sqlite3 BEGIN IMMEDIATE + overlap SELECT + INSERT + COMMIT with the same pragmas, on the same database."""
    location = working_copy(env.dataset, env.new_folder("booking_create"))
    assert location.sqlite_path is not None
    ctx, _ = open_database(location, SystemClock(), create=False)
    conn = _raw(location.sqlite_path)
    try:
        actor = AuthService(ctx).login("lixiaomei", DEMO_PASSWORD)
        bookings = BookingService(ctx)
        runs = env.repeats + 1
        slots = _free_seats(ctx, conn, ctx.clock.now(), 2 * runs * BOOKINGS_PER_RUN)
        people = _people(conn, 2 * runs * BOOKINGS_PER_RUN)
        work_slots = iter(zip(slots[::2], people[::2], strict=True))
        floor_slots = iter(zip(slots[1::2], people[1::2], strict=True))
        stored = conn.execute("SELECT count(*) FROM booking").fetchone()[0]

        def work() -> None:
            for _ in range(BOOKINGS_PER_RUN):
                (unit, start, end), who = next(work_slots)
                bookings.book(actor, unit, start, end, who)

        def floor() -> None:
            for _ in range(BOOKINGS_PER_RUN):
                (unit, start, end), who = next(floor_slots)
                starts, ends = _stamp(start), _stamp(end)
                earliest = _stamp(start - dt.timedelta(days=1))  # the same index range the service reads
                conn.execute("BEGIN IMMEDIATE")
                clash = conn.execute(
                    "SELECT 1 FROM booking WHERE unit_id = ? AND starts_at > ? AND starts_at < ? AND ends_at > ? "
                    "AND state IN ('booked', 'checked_in') LIMIT 1", (unit, earliest, ends, starts)).fetchone()
                if clash is None:
                    conn.execute(
                        "INSERT INTO booking (unit_id, person_id, party_size, starts_at, ends_at, state, note, "
                        "cancel_reason, safety_checked, created_at, created_by) "
                        "VALUES (?, ?, 1, ?, ?, 'booked', '', '', 0, ?, ?)",
                        (unit, who, starts, ends, _stamp(dt.datetime.now(dt.UTC)), actor.staff_id))
                conn.execute("COMMIT")

        work_ms, floor_ms = paired_medians(work, floor, env.repeats, warmup=1)
        env.note(f"booking_create: {stored:,} bookings stored; {BOOKINGS_PER_RUN} seats booked per run")
        return work_ms / BOOKINGS_PER_RUN, floor_ms / BOOKINGS_PER_RUN
    finally:
        conn.close()
        ctx.db.dispose()


@bench("noshow_sweep", goal_ms=50, order=63)
def noshow_sweep(env: BenchEnv) -> tuple[float, float]:
    """`BookingService.sweep_no_shows` with 2 000 bookings past start + grace and not checked in (the latest
    ones of the data set, with a person, put back to "booked" before every run; their people's suspensions
    cleared), vs one raw sqlite3 UPDATE of the same rows + COMMIT."""
    location = working_copy(env.dataset, env.new_folder("noshow_sweep"))
    assert location.sqlite_path is not None
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    ctx, _ = open_database(location, FixedClock(now), create=False)
    conn = _raw(location.sqlite_path)
    try:
        bookings = BookingService(ctx)
        bookings.sweep_no_shows()  # whatever came due since the data set was built
        cutoff = _stamp(now - dt.timedelta(minutes=30))  # past every facility's grace
        due = [row[0] for row in conn.execute(
            "SELECT id FROM booking WHERE person_id IS NOT NULL AND starts_at <= ? "
            "ORDER BY starts_at DESC LIMIT ?", (cutoff, DUE))]
        ids = ",".join(map(str, due))
        span = conn.execute(f"SELECT min(starts_at), max(starts_at), count(DISTINCT person_id) FROM booking "
                            f"WHERE id IN ({ids})").fetchone()

        def reset() -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(f"UPDATE booking SET state = 'booked', checked_in_at = NULL, finished_at = NULL "
                         f"WHERE id IN ({ids})")
            conn.execute(f"UPDATE person SET suspended_until = NULL WHERE id IN "
                         f"(SELECT person_id FROM booking WHERE id IN ({ids}))")
            conn.execute("COMMIT")

        results = []

        def work() -> None:
            results.append(bookings.sweep_no_shows())

        def floor() -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE booking SET state = 'no_show', finished_at = ? WHERE state = 'booked' "
                         "AND starts_at <= ?", (_stamp(now), cutoff))
            conn.execute("COMMIT")

        reset()
        work_ms, floor_ms = paired_medians(work, floor, env.repeats, warmup=1, after_work=reset, after_floor=reset)
        marked = {r.no_shows for r in results}
        if marked != {DUE}:
            raise RuntimeError(f"the sweep marked {sorted(marked)} bookings, {DUE} expected")
        plan = conn.execute(f"EXPLAIN QUERY PLAN UPDATE booking SET state = 'no_show' WHERE state = 'booked' AND "
                            f"starts_at <= '{cutoff}' AND unit_id IN (SELECT id FROM unit)").fetchall()
        env.note(f"noshow_sweep: {DUE} due from {span[0][:16]} to {span[1][:16]} UTC, {span[2]} people, "
                 f"{len(results[-1].suspended)} suspended per run; plan: "
                 + "; ".join(str(row[-1]) for row in plan))
        return work_ms, floor_ms
    finally:
        conn.close()
        ctx.db.dispose()
