"""Services layer: exports of the visit log — a date range as XLSX (real dates and numbers, header frozen) or CSV
(UTF-8 with a BOM so Excel reads the Chinese), and the day's 台账 as PDF. Phones are always masked. Every export
is audited: who exported which days, how many rows, in which format.

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desk.domain.errors import BadFormat, EndBeforeStart
from desk.domain.staff import Actor, Role
from desk.printing.register import VisitWords, render_register
from desk.services import audit
from desk.services.bases import current_base
from desk.services.context import ServiceContext
from desk.services.visit_log import RegisterRow, register_rows

FORMATS = (".xlsx", ".csv")
_WIDTHS = (12, 17, 17, 10, 18, 14, 12, 10, 10, 6, 20, 10, 12)  # characters, in the order of `_header`


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    from_day: dt.date
    to_day: dt.date


def export_format(path: Path) -> str:
    """".xlsx" or ".csv" from the file name; anything else is refused."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise BadFormat("path", expected="export_file")
    return suffix


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
        with _replacing(path) as part, self._ctx.db.read() as s:
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
        with _replacing(path) as part:
            part.write_bytes(pdf)
        self._audit(actor, path, f"{day}: {len(rows)} row(s) as pdf register ({path.name})")
        return ExportResult(path, len(rows), day, day)

    def _audit(self, actor: Actor, path: Path, summary: str) -> None:
        try:
            with self._ctx.db.write() as s:
                audit.record(s, self._ctx.clock.now(), actor, "visits_exported", "visit", "", summary)
        except BaseException:
            path.unlink(missing_ok=True)  # an export nobody can account for must not stay behind
            raise


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A scratch file beside `path`, moved onto `path` when the block succeeds and removed when it fails."""
    part = path.with_name(f".{path.name}.part")
    part.touch()  # a folder that cannot be written fails here, before any row is read
    try:
        yield part
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def _header(w: VisitWords) -> list[str]:
    return [w.day, w.arrived, w.left, w.minutes, w.name, w.phone, w.category, w.platform, w.purpose, w.party_size,
            w.services, w.checkout_kind, w.staff]


def _minutes(row: RegisterRow) -> int | None:
    if row.checked_out_at is None:
        return None
    return int((row.checked_out_at - row.checked_in_at).total_seconds() // 60)


def _naive(moment: dt.datetime | None) -> dt.datetime | None:
    """Spreadsheets have no time zones: the wall-clock time in the base's zone (the rows carry it already)."""
    return moment.replace(tzinfo=None, microsecond=0) if moment is not None else None


def _write_xlsx(path: Path, rows: Iterable[RegisterRow], w: VisitWords) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(w.sheet)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="EEEEEE")
    header = []
    for text in _header(w):
        title = WriteOnlyCell(sheet, value=text)
        title.font, title.fill, title.alignment = bold, fill, Alignment(horizontal="center")
        header.append(title)
    sheet.append(header)

    def cell(value: object, number_format: str | None = None) -> WriteOnlyCell:
        made = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str) and value.startswith("="):
            made.data_type = "s"  # a name typed as "=..." is text, never a formula Excel would run
        if number_format is not None and value is not None:
            made.number_format = number_format
        return made

    count = 0
    for row in rows:
        sheet.append([
            cell(row.day, "yyyy-mm-dd"), cell(_naive(row.checked_in_at), "yyyy-mm-dd hh:mm"),
            cell(_naive(row.checked_out_at), "yyyy-mm-dd hh:mm"), cell(_minutes(row)), cell(w.who(row)),
            cell(row.masked_phone), cell(w.category_of(row)), cell(w.platform_of(row)), cell(w.purpose_of(row)),
            cell(row.party_size), cell(w.services_of(row)), cell(w.checkout_of(row)), cell(row.staff_name),
        ])
        count += 1
    book.save(path)
    return count


def _inert(text: str) -> str:
    """Typed text that a spreadsheet would take for a formula (=, +, -, @ first) is prefixed with an apostrophe,
    which Excel shows as plain text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _write_csv(path: Path, rows: Iterable[RegisterRow], w: VisitWords) -> int:
    def moment(value: dt.datetime | None) -> str:
        return f"{value:%Y-%m-%d %H:%M}" if value is not None else ""

    count = 0
    # utf-8-sig writes the BOM that tells Excel the file is UTF-8 (without it, Chinese opens as mojibake).
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(_header(w))
        for row in rows:
            minutes = _minutes(row)
            writer.writerow([
                f"{row.day:%Y-%m-%d}", moment(row.checked_in_at), moment(row.checked_out_at),
                "" if minutes is None else minutes, _inert(w.who(row)), row.masked_phone, w.category_of(row),
                w.platform_of(row), w.purpose_of(row), row.party_size, w.services_of(row), w.checkout_of(row),
                _inert(row.staff_name),
            ])
            count += 1
    return count
