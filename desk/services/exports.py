"""Services layer: what every export shares — the file formats, a file written beside its target and moved into
place, the XLSX writer (real dates, times and numbers, header frozen, column widths) and the CSV writer (UTF-8 with
a BOM so Excel reads the Chinese) — and the exports of the visit log: a date range as XLSX or CSV, the day's 台账
as PDF. Phones are always masked. Every export is audited: who exported which days, how many rows, in which
format. The other areas' 台账 (bookings, charging, points ledger, vouchers) are in desk.services.ledger_exports.

The rows are read in one read transaction and streamed into the file; the audit event is written after the file
is complete, in a short write transaction of its own. Holding a write transaction while a large range is read
would keep every other desk from checking anyone in. A file is written beside its target and moved into place at
the end, so a failed export leaves no half-written file; if the audit cannot be written, the file is removed.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from desk.domain.errors import BadFormat, EndBeforeStart, ExportFailed, RangeTooLong
from desk.domain.staff import Actor, Role
from desk.printing.ledger_table import Cell
from desk.printing.register import VisitWords, render_register
from desk.printing.xlsx_writer import write_sheet
from desk.services import audit
from desk.services.bases import current_base
from desk.services.context import ServiceContext
from desk.services.visit_log import RegisterRow, register_rows

FORMATS = (".xlsx", ".csv")
MAX_DAYS = 366  # the longest range of a 台账 export: a year, leap day included
_WIDTHS = (12, 17, 17, 10, 18, 14, 12, 10, 10, 6, 20, 10, 12)  # characters, in the order of `_header`


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    from_day: dt.date
    to_day: dt.date


def export_format(path: Path, formats: Sequence[str] = FORMATS) -> str:
    """The suffix (".xlsx", ".csv", ...) from the file name; anything not in `formats` is refused."""
    suffix = path.suffix.lower()
    if suffix not in formats:
        raise BadFormat("path", expected="export_file", formats=" ".join(formats))
    return suffix


def check_range(from_day: dt.date, to_day: dt.date, longest: int = MAX_DAYS) -> None:
    """Refuse a range that ends before it starts or spans more than `longest` days (both ends counted)."""
    if to_day < from_day:
        raise EndBeforeStart("to_day")
    if (to_day - from_day).days + 1 > longest:
        raise RangeTooLong("to_day", days=longest)


class ExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def visits(self, actor: Actor, from_day: dt.date, to_day: dt.date, path: Path,
               words: VisitWords | None = None) -> ExportResult:
        """The visits of the local days `from_day`..`to_day` (both included) into an .xlsx or .csv file."""
        actor.require(Role.ADMIN, Role.DESK, action="export_visits")
        suffix = export_format(path)
        if to_day < from_day:
            raise EndBeforeStart("to_day")
        w = words or VisitWords()
        with file_problems(path), replacing(path) as part, self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            rows = register_rows(s, base, from_day, to_day)
            count = _write_xlsx(part, rows, w) if suffix == ".xlsx" else _write_csv(part, rows, w)
        self._audit(actor, path, f"{from_day}–{to_day}: {count} row(s) as {suffix[1:]} ({path.name})")
        return ExportResult(path, count, from_day, to_day)

    def register_pdf(self, actor: Actor, day: dt.date, path: Path, words: VisitWords | None = None) -> ExportResult:
        """The 台账 of one local day as a PDF file."""
        actor.require(Role.ADMIN, Role.DESK, action="export_visits")
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            base_name = base.name
            rows = list(register_rows(s, base, day, day))
        pdf = render_register(base_name, f"{day:%Y-%m-%d}", rows, words)
        with file_problems(path), replacing(path) as part:
            part.write_bytes(pdf)
        self._audit(actor, path, f"{day}: {len(rows)} row(s) as pdf register ({path.name})")
        return ExportResult(path, len(rows), day, day)

    def _audit(self, actor: Actor, path: Path, summary: str) -> None:
        with removed_on_failure(path), self._ctx.db.write() as s:
            audit.record(s, self._ctx.clock.now(), actor, "visits_exported", "visit", "", summary)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A scratch file beside `path`, moved onto `path` when the block succeeds and removed when it fails."""
    part = path.with_name(f".{path.name}.part")
    part.touch()  # a folder that cannot be written fails here, before any row is read
    try:
        yield part
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


@contextlib.contextmanager
def removed_on_failure(path: Path) -> Iterator[None]:
    """Around the audit of a finished export: an export nobody can account for must not stay behind."""
    try:
        yield
    except BaseException:
        path.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def file_problems(path: Path) -> Iterator[None]:
    """A file the system will not let us write (no such folder, no permission, disk full) as an ExportFailed."""
    try:
        yield
    except OSError as error:
        raise ExportFailed("path", location=str(path), detail=error.strerror or str(error)) from None


# -- the writers every export shares ---------------------------------------------------------------------------

def write_xlsx(path: Path, sheet_name: str, header: Sequence[str], widths: Sequence[float],
               rows: Iterable[Sequence[Cell]]) -> int:
    """One sheet: the header row (bold, shaded, frozen), column widths in characters, then one row per item of
    `rows`, streamed. Dates and times are real Excel dates (a time as its wall-clock time in the base's zone: the
    rows carry it already), numbers are numbers, money is a number with two decimals, text is always text (never a
    formula). Returns the number of rows."""
    return write_sheet(path, sheet_name, header, widths, rows)


def _inert(text: str) -> str:
    """Typed text that a spreadsheet would take for a formula (=, +, -, @ first) is prefixed with an apostrophe,
    which Excel shows as plain text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _csv_text(value: Cell) -> str | int:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, str):
        return _inert(value)
    return value


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """The header and one line per item of `rows`; dates as YYYY-MM-DD, times as YYYY-MM-DD HH:MM. Returns the
    number of rows."""
    count = 0
    # utf-8-sig writes the BOM that tells Excel the file is UTF-8 (without it, Chinese opens as mojibake).
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_text(value) for value in row])
            count += 1
    return count


# -- the visit log ---------------------------------------------------------------------------------------------

def _header(w: VisitWords) -> list[str]:
    return [w.day, w.arrived, w.left, w.minutes, w.name, w.phone, w.category, w.platform, w.purpose, w.party_size,
            w.services, w.checkout_kind, w.staff]


def _minutes(row: RegisterRow) -> int | None:
    if row.checked_out_at is None:
        return None
    return int((row.checked_out_at - row.checked_in_at).total_seconds() // 60)


def _cells(row: RegisterRow, w: VisitWords) -> tuple[Cell, ...]:
    return (row.day, row.checked_in_at, row.checked_out_at, _minutes(row), w.who(row), row.masked_phone,
            w.category_of(row), w.platform_of(row), w.purpose_of(row), row.party_size, w.services_of(row),
            w.checkout_of(row), row.staff_name)


def _write_xlsx(path: Path, rows: Iterable[RegisterRow], w: VisitWords) -> int:
    return write_xlsx(path, w.sheet, _header(w), _WIDTHS, (_cells(row, w) for row in rows))


def _write_csv(path: Path, rows: Iterable[RegisterRow], w: VisitWords) -> int:
    return write_csv(path, _header(w), (_cells(row, w) for row in rows))
