"""Benchmarks: the period report on the big data set (1.2 M visits over the last year, 300 k bookings, 500 k ledger
entries, 100 k vouchers, 500 k project claims).

`year_report_queries`: `ReportService.figures` of the 365 local days ending on the data set's newest day (every
table of the report, one read transaction) — against one plain aggregate pass over each table's rows of that
year in raw sqlite3 (what reading them once costs). The first report of the year counts every row and keeps the
closed days (`report_day`); it is timed and noted on its own (cold), and the median is of the reports after it,
which read the kept days and count only today, 服务人数, the projects and the vouchers. The same figures on the
database without its statistics (a desk's own database is never ANALYZEd) are noted beside it.

`monthly_report_pdf`: what the 月报 button does for the last whole month — the figures of the month and of the
month before, the document and the rendered PDF — against the same raw passes for the two months."""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
from pathlib import Path

from dataset import BASE_TZ, working_copy
from registry import BenchEnv, bench, paired_medians, timed_ms

from desk.domain.clock import SystemClock
from desk.domain.periods import Period, PeriodKind
from desk.services.context import ServiceContext
from desk.services.reports import ReportService, headline
from desk.services.startup import open_database
from desk.storage.location import Location

SQLITE_INSTANT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores an instant in SQLite (naive UTC text)
# One aggregate pass over each table's rows of a period: the least any report of that period has to read.
FLOOR = (
    "SELECT count(*), sum(party_size) FROM visit WHERE base_id = :base AND checked_in_at >= :start "
    "AND checked_in_at < :end",
    "SELECT count(*), sum(julianday(ends_at) - julianday(starts_at)) FROM booking WHERE starts_at >= :start "
    "AND starts_at < :end",
    "SELECT count(*), sum(amount) FROM points_entry WHERE at >= :start AND at < :end",
    "SELECT count(*), sum(points) FROM voucher WHERE base_id = :base AND issued_at >= :start AND issued_at < :end",
    "SELECT count(*) FROM project_claim WHERE project_id IN (SELECT id FROM project WHERE base_id = :base "
    "AND starts_at >= :start AND starts_at < :end)",
)


def _newest_day(path: Path) -> dt.date:
    conn = sqlite3.connect(path)
    try:
        (text,) = conn.execute("SELECT max(checked_in_at) FROM visit").fetchone()
    finally:
        conn.close()
    return dt.datetime.strptime(text, SQLITE_INSTANT).replace(tzinfo=dt.UTC).astimezone(BASE_TZ).date()


def _floor(conn: sqlite3.Connection, periods: list[Period]) -> None:
    base = int(conn.execute("SELECT id FROM service_base ORDER BY id LIMIT 1").fetchone()[0])
    for period in periods:
        start, end = (moment.astimezone(dt.UTC).strftime(SQLITE_INSTANT) for moment in period.bounds(BASE_TZ))
        for statement in FLOOR:
            conn.execute(statement, {"base": base, "start": start, "end": end}).fetchall()


def _open(env: BenchEnv, name: str) -> tuple[Location, ServiceContext, sqlite3.Connection]:
    location = working_copy(env.dataset, env.new_folder(name))
    assert location.sqlite_path is not None
    ctx, _ = open_database(location, SystemClock(), create=False)
    return location, ctx, sqlite3.connect(location.sqlite_path)


@bench("year_report_queries", goal_ms=1000, order=90)
def year_report_queries(env: BenchEnv) -> tuple[float, float]:
    """`ReportService.figures` of a year vs one raw aggregate pass over each of its tables' rows of that year."""
    location, ctx, conn = _open(env, "year_report_queries")
    assert location.sqlite_path is not None
    reports = ReportService(ctx)
    try:
        last = _newest_day(location.sqlite_path)
        year = Period.custom(last - dt.timedelta(days=364), last)
        cold = timed_ms(lambda: reports.figures(year))  # the first report counts and keeps the closed days
        h = headline(reports.figures(year))
        env.note(f"year_report_queries: {year.start}–{year.end}, {h.visits:,} visits ({h.people:,} 人次, "
                 f"{h.served:,} people), {h.bookings:,} bookings, {h.points_earned:,} points earned, "
                 f"{h.vouchers_issued:,} vouchers issued")
        env.note(f"year_report_queries: the first report (cold: counts the year and keeps its closed days) "
                 f"{cold:.1f} ms; the median is of the reports after it")
        result = paired_medians(lambda: reports.figures(year), lambda: _floor(conn, [year]), env.repeats)
    finally:
        conn.close()
        ctx.db.dispose()
    without = _without_statistics(location, year, env.repeats)
    env.note(f"year_report_queries: without the statistics {without:.1f} ms")
    return result


@bench("monthly_report_pdf", goal_ms=3000, order=91)
def monthly_report_pdf(env: BenchEnv) -> tuple[float, float]:
    """The last whole month's report as a PDF (its figures, the previous month's, the document, the rendering;
    the file written and audited) vs one raw aggregate pass over each table's rows of the two months."""
    from desk.domain.staff import COMMAND_LINE

    location, ctx, conn = _open(env, "monthly_report_pdf")
    assert location.sqlite_path is not None
    reports = ReportService(ctx)
    out = env.new_folder("monthly_report_pdf_out") / "report.pdf"
    try:
        month = Period.containing(_newest_day(location.sqlite_path), PeriodKind.MONTH).previous()
        reports.monthly_pdf(COMMAND_LINE, month, None, out)
        env.note(f"monthly_report_pdf: {month.start:%Y-%m}, {out.stat().st_size / 1e3:.0f} kB")
        return paired_medians(lambda: reports.monthly_pdf(COMMAND_LINE, month, None, out),
                              lambda: _floor(conn, [month, month.previous()]), env.repeats)
    finally:
        conn.close()
        ctx.db.dispose()


def _without_statistics(location: Location, period: Period, repeats: int) -> float:
    """The same figures after dropping what ANALYZE wrote, on fresh connections (they read the statistics once)."""
    assert location.sqlite_path is not None
    conn = sqlite3.connect(location.sqlite_path)
    try:
        conn.execute("DROP TABLE IF EXISTS sqlite_stat1")
        conn.commit()
    finally:
        conn.close()
    ctx, _ = open_database(location, SystemClock(), create=False)
    try:
        reports = ReportService(ctx)
        reports.figures(period)
        return statistics.median(timed_ms(lambda: reports.figures(period)) for _ in range(repeats))
    finally:
        ctx.db.dispose()
