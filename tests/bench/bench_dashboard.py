"""Benchmarks: the 今日 page's figures on the big data set (1.2 M visits, 300 k bookings, 500 k ledger entries,
100 k vouchers).

`dashboard_refresh`: `DashboardService.today` at the data set's newest instant (a busy afternoon: people on site,
sessions charging, projects closing), the read the page repeats every 30 s — against its heaviest single query,
today's and the four earlier same weekdays' visits grouped by hour and category, in raw sqlite3. The same read on
the database without its statistics (a desk's own database is never ANALYZEd) is noted beside it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from dataset import BASE_TZ, working_copy
from registry import BenchEnv, bench, paired_medians

from desk.domain.clock import FixedClock
from desk.services.dashboard import COMPARE_WEEKS, DashboardService
from desk.services.startup import open_database
from desk.storage.location import Location

SQLITE_INSTANT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores an instant in SQLite (naive UTC text)
FLOOR_DAY = ("SELECT (CAST(strftime('%s', checked_in_at) AS INTEGER) - ?) / 3600 AS hour, category, party_size "
             "FROM visit WHERE base_id = ? AND checked_in_at >= ? AND checked_in_at < ?")
FLOOR = ("SELECT hour, category, count(*), sum(party_size) FROM ("
         + " UNION ALL ".join([FLOOR_DAY] * (COMPARE_WEEKS + 1)) + ") GROUP BY hour, category")


def _newest(path: Path) -> dt.datetime:
    conn = sqlite3.connect(path)
    try:
        (text,) = conn.execute("SELECT max(checked_in_at) FROM visit").fetchone()
    finally:
        conn.close()
    return dt.datetime.strptime(text, SQLITE_INSTANT).replace(tzinfo=dt.UTC)


def _floor_arguments(conn: sqlite3.Connection, now: dt.datetime) -> list[object]:
    base = int(conn.execute("SELECT id FROM service_base ORDER BY id LIMIT 1").fetchone()[0])
    day = now.astimezone(BASE_TZ).date()
    days = [day - dt.timedelta(weeks=k) for k in range(COMPARE_WEEKS, -1, -1)]
    origin = int(dt.datetime.combine(days[0], dt.time(0), BASE_TZ).timestamp())
    arguments: list[object] = []
    for d in days:
        start = dt.datetime.combine(d, dt.time(0), BASE_TZ).astimezone(dt.UTC).replace(tzinfo=None)
        arguments += [origin, base, start.strftime(SQLITE_INSTANT),
                      (start + dt.timedelta(days=1)).strftime(SQLITE_INSTANT)]
    return arguments


@bench("dashboard_refresh", goal_ms=100, order=50)
def dashboard_refresh(env: BenchEnv) -> tuple[float, float]:
    """`DashboardService.today` (one read transaction) vs the visits-by-hour query alone in raw sqlite3."""
    location = working_copy(env.dataset, env.new_folder("dashboard_refresh"))
    assert location.sqlite_path is not None
    now = _newest(location.sqlite_path)
    ctx, _ = open_database(location, FixedClock(now), create=False)
    conn = sqlite3.connect(location.sqlite_path)
    try:
        arguments = _floor_arguments(conn, now)
        board = DashboardService(ctx).today()
        env.note(f"dashboard_refresh: {board.day}, {board.visits_today:,} visits ({board.people_today:,} 人次) so "
                 f"far, {board.on_site_visits} on site, {board.ports.in_use} ports in use, "
                 f"{len(board.closing_projects)} projects closing")
        result = paired_medians(DashboardService(ctx).today, lambda: conn.execute(FLOOR, arguments).fetchall(),
                                env.repeats, warmup=2)
    finally:
        conn.close()
        ctx.db.dispose()
    env.note(f"dashboard_refresh: without the statistics {_without_statistics(location, now, env.repeats):.1f} ms")
    return result


def _without_statistics(location: Location, now: dt.datetime, repeats: int) -> float:
    """The same read after dropping what ANALYZE wrote, on fresh connections (they read the statistics once)."""
    assert location.sqlite_path is not None
    conn = sqlite3.connect(location.sqlite_path)
    try:
        conn.execute("DROP TABLE IF EXISTS sqlite_stat1")
        conn.commit()
    finally:
        conn.close()
    ctx, _ = open_database(location, FixedClock(now), create=False)
    try:
        dashboard = DashboardService(ctx)
        median, _floor = paired_medians(dashboard.today, lambda: None, repeats, warmup=2)
        return median
    finally:
        ctx.db.dispose()
