"""Services layer: the 台账 of bookings, charging sessions, the points ledger and vouchers over a range of the
base's local days, as XLSX, CSV or a PDF to file or print. Phones are always masked; every export is audited (who,
which days, how many rows, which format and file). Desk staff and administrators only.

As the visit exports (desk.services.exports): the rows are read in one read transaction and streamed into the
spreadsheet (a PDF is laid out after the read, from the rows held), the file is written beside its target and
moved into place when complete, and the audit event follows in a short write transaction of its own; a refused or
failed export leaves no file and no audit event. Each method is one call the window's worker thread can make.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desk.domain.staff import Actor, Role
from desk.printing.ledger_table import render_ledger_table
from desk.printing.ledgers import (
    BookingWords,
    ChargingWords,
    LedgerWords,
    PointsLedgerWords,
    VoucherLedgerWords,
)
from desk.services import audit
from desk.services.bases import current_base
from desk.services.context import ServiceContext
from desk.services.exports import (
    ExportResult,
    check_range,
    export_format,
    file_problems,
    removed_on_failure,
    replacing,
    write_csv,
    write_xlsx,
)
from desk.services.ledgers import booking_rows, charging_rows, points_rows, voucher_rows
from desk.storage.models import ServiceBase

FORMATS = (".xlsx", ".csv", ".pdf")

# (session, base, now) → the rows of the range, streamed
_Read = Callable[[Session, ServiceBase, dt.datetime], Iterable[Any]]


class LedgerExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def bookings(self, actor: Actor, from_day: dt.date, to_day: dt.date, path: Path,
                 words: BookingWords | None = None) -> ExportResult:
        """预约台账: the bookings starting on the local days `from_day`..`to_day` (both included), every state,
        into an .xlsx, .csv or .pdf file (the suffix decides)."""
        return self._export(actor, "bookings", from_day, to_day, path, words or BookingWords(),
                            lambda s, base, _now: booking_rows(s, base, from_day, to_day))

    def charging(self, actor: Actor, from_day: dt.date, to_day: dt.date, path: Path,
                 words: ChargingWords | None = None) -> ExportResult:
        """充电台账: the sessions of the charging piles and sockets starting on the days."""
        return self._export(actor, "charging", from_day, to_day, path, words or ChargingWords(),
                            lambda s, base, now: charging_rows(s, base, from_day, to_day, now))

    def ledger(self, actor: Actor, from_day: dt.date, to_day: dt.date, path: Path,
               words: PointsLedgerWords | None = None) -> ExportResult:
        """积分流水台账: the points ledger entries dated on the days, of the members of this base."""
        return self._export(actor, "ledger", from_day, to_day, path, words or PointsLedgerWords(),
                            lambda s, base, _now: points_rows(s, base, from_day, to_day))

    def vouchers(self, actor: Actor, from_day: dt.date, to_day: dt.date, path: Path,
                 words: VoucherLedgerWords | None = None) -> ExportResult:
        """兑换券台账: the vouchers issued at this base on the days, each as it stands now."""
        return self._export(actor, "vouchers", from_day, to_day, path, words or VoucherLedgerWords(),
                            lambda s, base, _now: voucher_rows(s, base, from_day, to_day))

    def _export(self, actor: Actor, area: str, from_day: dt.date, to_day: dt.date, path: Path,
                words: LedgerWords[Any], read: _Read) -> ExportResult:
        actor.require(Role.ADMIN, Role.DESK, action=f"export_{area}")
        suffix = export_format(path, FORMATS)
        check_range(from_day, to_day)
        now = self._ctx.clock.now()
        columns = words.columns()
        header = [column.header for column in columns]
        with file_problems(path), replacing(path) as part:
            with self._ctx.db.read() as s:
                base = current_base(s, self._ctx.base_code)
                base_name, zone = base.name, zoneinfo.ZoneInfo(base.timezone)
                rows = read(s, base, now)
                if suffix == ".xlsx":
                    count = write_xlsx(part, words.sheet, header, [c.chars for c in columns],
                                       (words.cells(row) for row in rows))
                elif suffix == ".csv":
                    count = write_csv(part, header, (words.cells(row) for row in rows))
                else:
                    held = list(rows)
            if suffix == ".pdf":  # laid out after the read transaction has ended
                count = len(held)
                part.write_bytes(render_ledger_table(
                    base_name, words.register, from_day, to_day, columns, [words.cells(row) for row in held],
                    words.total(held), now.astimezone(zone), words.table))
        summary = f"{from_day}–{to_day}: {count} row(s) as {suffix[1:]} ({path.name})"
        with removed_on_failure(path), self._ctx.db.write() as s:
            _record(s, now, actor, area, summary)
        return ExportResult(path, count, from_day, to_day)


def _record(s: Session, now: dt.datetime, actor: Actor, area: str, summary: str) -> None:
    """The audit event of one export, written out per area so the audit log's labels can be checked."""
    match area:
        case "bookings":
            audit.record(s, now, actor, "bookings_exported", "booking", "", summary)
        case "charging":
            audit.record(s, now, actor, "charging_exported", "booking", "", summary)
        case "ledger":
            audit.record(s, now, actor, "points_ledger_exported", "points_entry", "", summary)
        case "vouchers":
            audit.record(s, now, actor, "vouchers_exported", "voucher", "", summary)
        case _:
            raise ValueError(f"no audit action for the export of {area!r}")
