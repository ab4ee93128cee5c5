"""Printing layer: one sheet of typed cells streamed into an .xlsx file — the header row bold and shaded and frozen,
column widths set, dates and times as real Excel dates, whole numbers and money as numbers, text always as text
(a name typed as "=..." never becomes a formula).

XlsxWriter in constant-memory mode: a year of a busy base is a hundred thousand rows, which openpyxl (without
lxml) writes at a few thousand rows a second; XlsxWriter streams each row to disk as it comes, several times
faster, and never holds more than one row."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from desk.printing.ledger_table import Cell

# Characters XML 1.0 cannot hold at all (control characters other than tab and line breaks).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def sheet_name(text: str) -> str:
    """A name Excel accepts for a sheet: none of []:*?/\\, at most 31 characters, not empty."""
    return _SHEET_NAME.sub("_", text)[:31] or "Sheet1"


def write_sheet(path: Path, name: str, header: Sequence[str], widths: Sequence[float],
                rows: Iterable[Sequence[Cell]]) -> int:
    """The header and one row per item of `rows` (streamed) as a one-sheet .xlsx at `path`; returns the number of
    rows. `widths` are in characters, as Excel counts them."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                           "strings_to_urls": False, "strings_to_numbers": False})
    try:
        sheet = book.add_worksheet(sheet_name(name))
        heading = book.add_format({"bold": True, "bg_color": "#EEEEEE"})
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        money = book.add_format({"num_format": "0.00"})
        for column, width in enumerate(widths):
            sheet.set_column(column, column, width)
        sheet.freeze_panes(1, 0)
        for column, text in enumerate(header):
            sheet.write_string(0, column, _ILLEGAL.sub("", text), heading)
        count = 0
        for count, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, str):
                    sheet.write_string(count, column, _ILLEGAL.sub("", value))
                elif isinstance(value, dt.datetime):
                    # The wall-clock time the sheet shows: a zone is dropped, as are fractions of a second.
                    sheet.write_datetime(count, column, value.replace(tzinfo=None, microsecond=0), moment)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(count, column, value, day)
                elif isinstance(value, Decimal):
                    sheet.write_number(count, column, float(value), money)
                else:
                    sheet.write_number(count, column, int(value))
    finally:
        book.close()
    return count
