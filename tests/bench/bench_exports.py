"""Benchmarks: the 台账 exports on the big data set (300 k bookings over the years).

`ledger_export_month`: `LedgerExportService.bookings` of the busiest local month to .xlsx (base, one read
transaction streaming the month's bookings with unit, facility, person and staff, every cell typed, the workbook
written beside the target and moved into place, the export audited) against the cheapest way to put the same rows
into a file: one raw sqlite3 query of the month written as CSV with the csv module. The same month as a PDF 台账 is
timed once and noted."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import zoneinfo
from pathlib import Path

from dataset import working_copy
from registry import BenchEnv, bench, paired_medians, timed_ms

from desk.domain.clock import SystemClock
from desk.domain.staff import COMMAND_LINE
from desk.services.ledger_exports import LedgerExportService
from desk.services.startup import open_database

SQLITE_INSTANT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores an instant in SQLite (naive UTC text)
MONTH_ROWS = """
SELECT b.id, b.starts_at, b.ends_at, b.state, b.cancel_reason, b.party_size, b.checked_in_at, b.person_id,
       u.name, f.name, p.name, p.phone, s.display_name
FROM booking b JOIN unit u ON u.id = b.unit_id JOIN facility f ON f.id = u.facility_id
LEFT JOIN person p ON p.id = b.person_id LEFT JOIN staff s ON s.id = b.created_by
WHERE f.base_id = ? AND b.starts_at >= ? AND b.starts_at < ?
ORDER BY b.starts_at, b.id
"""


def _busiest_month(conn: sqlite3.Connection, zone: zoneinfo.ZoneInfo) -> tuple[dt.date, dt.date, int]:
    """The local calendar month with the most bookings: its first and last day, and how many."""
    offset = int((dt.datetime.now(zone).utcoffset() or dt.timedelta(0)).total_seconds())
    row = conn.execute(
        f"SELECT strftime('%Y-%m', starts_at, '{offset} seconds') AS month, count(*) FROM booking "
        "GROUP BY month ORDER BY 2 DESC, 1 DESC LIMIT 1").fetchone()
    if row is None:
        raise RuntimeError("the data set holds no bookings (tests/bench/dataset.py: area_bookings)")
    first = dt.date.fromisoformat(row[0] + "-01")
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return first, last, int(row[1])


@bench("ledger_export_month", goal_ms=2000, order=90)
def ledger_export_month(env: BenchEnv) -> tuple[float, float]:
    folder = env.new_folder("ledger_export_month")
    location = working_copy(env.dataset, folder / "data")
    assert location.sqlite_path is not None
    ctx, _ = open_database(location, SystemClock(), create=False)
    conn = sqlite3.connect(location.sqlite_path)
    try:
        base_id, zone_name = conn.execute("SELECT id, timezone FROM service_base ORDER BY id LIMIT 1").fetchone()
        zone = zoneinfo.ZoneInfo(zone_name)
        first, last, stored = _busiest_month(conn, zone)
        start = dt.datetime.combine(first, dt.time(0), zone).astimezone(dt.UTC).strftime(SQLITE_INSTANT)
        end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), zone).astimezone(dt.UTC).strftime(
            SQLITE_INSTANT)
        exports = LedgerExportService(ctx)
        target, dump = folder / "bookings.xlsx", folder / "floor.csv"

        def work() -> None:
            exports.bookings(COMMAND_LINE, first, last, target)

        def floor() -> None:
            with dump.open("w", encoding="utf-8-sig", newline="") as out:
                csv.writer(out).writerows(conn.execute(MONTH_ROWS, (base_id, start, end)))

        result = exports.bookings(COMMAND_LINE, first, last, target)
        floor()
        assert result.rows == stored == len(dump.read_text(encoding="utf-8-sig").splitlines()), (
            "the export and the raw query disagree on the month's bookings")
        pdf_ms = timed_ms(lambda: exports.bookings(COMMAND_LINE, first, last, folder / "bookings.pdf"))
        env.note(f"ledger_export_month: {first:%Y-%m}, {result.rows:,} bookings, xlsx "
                 f"{target.stat().st_size / 1e6:.1f} MB; the same month as a PDF 台账 "
                 f"({_pages(folder / 'bookings.pdf')} pages): {pdf_ms:,.0f} ms")
        return paired_medians(work, floor, env.repeats, warmup=1)
    finally:
        conn.close()
        ctx.db.dispose()


def _pages(path: Path) -> int:
    return path.read_bytes().count(b"/Type /Page\n")
