"""Printing layer: a report document (desk.printing.report_document) as an Excel workbook — a first sheet with the
headline figures beside the previous period's, then one sheet per table (and per heat map) of the report. Numbers
and dates are written as numbers and dates, not text; each sheet's header row is frozen and its columns sized to
what they hold."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desk.printing.report_document import Cell, ChartKind, Headline, ReportDocument, Table, needed_decimals

_SHEET_NAME_MAX = 31  # Excel's limit
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_WIDEST = 48  # characters


@dataclass(frozen=True)
class WorkbookWords:
    """The workbook's own words (the tables bring theirs)."""

    summary: str = "概况"
    figure: str = "指标"
    current: str = "本期"
    previous: str = "上期"
    change: str = "变化（%）"
    unit: str = "单位"
    base: str = "基地"
    period: str = "统计期间"
    previous_period: str = "上期期间"
    printed_at: str = "生成时间"


def report_workbook(document: ReportDocument, words: WorkbookWords | None = None,
                    previous_period: str = "") -> bytes:
    """The workbook as .xlsx bytes. `previous_period` names the period the headlines compare with."""
    from openpyxl import Workbook

    w = words or WorkbookWords()
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = _sheet_name(w.summary, set())
    _summary(summary, document, w, previous_period)
    used = {summary.title}
    for section in document.sections:
        for table in section.tables:
            sheet = book.create_sheet(_sheet_name(table.title, used))
            used.add(sheet.title)
            _write_table(sheet, table)
        for chart in section.charts:
            if chart.kind is ChartKind.HEAT:
                sheet = book.create_sheet(_sheet_name(chart.title, used))
                used.add(sheet.title)
                rows: list[tuple[Cell, ...]] = [(series.name, *(float(v) for v in series.values))
                                                for series in chart.series]
                _write_table(sheet, Table(chart.title, ("", *chart.labels), rows))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _summary(sheet: Any, document: ReportDocument, w: WorkbookWords, previous_period: str) -> None:
    rows: list[list[Cell]] = [[h.label, _number(h.value, h.decimals),
                               _number(h.previous, h.decimals) if h.previous is not None else None,
                               _change(h), h.unit] for h in document.headlines]
    rows.append([None] * 5)
    rows += [[w.base, document.organisation, None, None, None], [w.period, document.subtitle, None, None, None]]
    if previous_period:
        rows.append([w.previous_period, previous_period, None, None, None])
    rows.append([w.printed_at, document.printed_at, None, None, None])
    _write_table(sheet, Table(w.summary, (w.figure, w.current, w.previous, w.change, w.unit), rows))


def _number(value: float, decimals: int) -> float | int | None:
    if not math.isfinite(value):
        return None
    return int(value) if decimals == 0 and float(value).is_integer() else round(value, decimals)


def _change(h: Headline) -> float | None:
    if h.previous is None or not math.isfinite(h.previous) or not math.isfinite(h.value) or h.previous == 0:
        return None
    return round((h.value - h.previous) / abs(h.previous) * 100, 1)


def _sheet_name(title: str, used: set[str]) -> str:
    base = _FORBIDDEN.sub(" ", title).strip().strip("'")[:_SHEET_NAME_MAX] or "Sheet"
    name, n = base, 2
    while name.lower() in {u.lower() for u in used}:
        suffix = f" ({n})"
        name = base[:_SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    return name


def _write_table(sheet: Any, table: Table) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="EEEEEE")
    columns = len(table.header)
    rows = [list(r) for r in table.rows]
    if table.total is not None:
        rows.append(list(table.total))
    formats = [_format([row[c] for row in rows if c < len(row)]) for c in range(columns)]
    sheet.append(list(table.header))
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment = bold, fill, Alignment(horizontal="center", wrap_text=True)
    for row in rows:
        sheet.append([_value(v) for v in row])
        for c, cell in enumerate(sheet[sheet.max_row]):
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a name typed as "=..." is text, never a formula Excel would run
            if c < columns and cell.value is not None and not isinstance(cell.value, str):
                # Whole numbers stay whole in a column that also holds fractions (the summary's figures).
                cell.number_format = "#,##0" if isinstance(cell.value, int) else formats[c]
    if table.total is not None and rows:
        for cell in sheet[sheet.max_row]:
            cell.font = bold
    sheet.freeze_panes = "A2"
    for c in range(columns):
        texts = [str(table.header[c])] + [_shown(row[c]) for row in rows if c < len(row)]
        widest = max(_display_width(t) for t in texts)
        sheet.column_dimensions[get_column_letter(c + 1)].width = min(_WIDEST, max(8, widest + 2))


def _value(value: Cell) -> Cell:
    return None if isinstance(value, float) and not math.isfinite(value) else value


def _format(values: Sequence[Cell]) -> str:
    """The number format of a column: dates as dates, floats with the decimals they need, ints grouped."""
    if any(isinstance(v, dt.datetime) for v in values):
        return "yyyy-mm-dd hh:mm"
    if any(isinstance(v, dt.date) for v in values):
        return "yyyy-mm-dd"
    floats = [v for v in values if isinstance(v, float) and math.isfinite(v)]
    if floats:
        decimals = max(needed_decimals(v) for v in floats)
        return "#,##0" + ("." + "0" * decimals if decimals else "")
    if any(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "#,##0"
    return ""


def _shown(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _display_width(text: str) -> int:
    """Characters as a spreadsheet shows them: CJK and full-width ones take two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


__all__ = ["WorkbookWords", "report_workbook"]
