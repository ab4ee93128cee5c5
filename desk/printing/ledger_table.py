"""Printing layer: a 台账 as a PDF — one table of any area (bookings, charging sessions, the points ledger,
vouchers) on A4 landscape with the embedded CJK font: the title (base and register), the date range, the header
row repeated on every page, a total line under the last row, and "第 x 页，共 y 页" on every page.

A month of a busy base is thousands of rows: every row's height is worked out here (a cell is one line of plain
text unless its text is wider than its column, and only then a wrapping paragraph) and the table is cut into one
table per page (desk.printing.pages), so rendering time grows with the rows, not with their square."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desk.printing.fonts import register_cjk_font
from desk.printing.pages import CjkText, numbered_canvas, page_tables, split_rows

# What a cell holds, in every export of a 台账 (PDF, XLSX, CSV). A datetime carries the base's zone.
Cell = str | int | Decimal | dt.date | dt.datetime | None

_FONT_SIZE = 8.5
_LEADING = 10.5
_PAD = 2.5  # points above and below a cell's text
_SIDE_PAD = 3  # points left and right of it


@dataclass(frozen=True)
class Column:
    """One column of a 台账: its header, its width on paper (mm) and in a spreadsheet (characters), how its
    cells line up, and how a time in it is printed (a column next to a date column needs only the hour)."""

    header: str
    mm: float
    chars: float
    align: str = "LEFT"  # "LEFT", "CENTER" or "RIGHT"
    time_format: str = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class TableWords:
    """The words every printed 台账 shares. `{...}` are filled in by this module."""

    title: str = "{base} {register}"
    range_line: str = "日期：{start} 至 {end}"
    one_day: str = "日期：{day}"
    printed: str = "打印时间：{time}"
    nobody: str = "此期间没有记录。"
    page: str = "第 {page} 页，共 {pages} 页"


def cell_text(value: Cell, time_format: str = "%Y-%m-%d %H:%M") -> str:
    """A cell as printed: dates as YYYY-MM-DD, money with two decimals, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime(time_format)
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def render_ledger_table(base_name: str, register: str, from_day: dt.date, to_day: dt.date,
                        columns: Sequence[Column], rows: Sequence[Sequence[Cell]], total: str,
                        printed_at: dt.datetime, words: TableWords | None = None) -> bytes:
    """The 台账 `register` (e.g. 预约台账) of `base_name` for the days `from_day`..`to_day` as PDF bytes; `rows`
    hold one cell per column, `total` is the line under the last row."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle

    w = words or TableWords()
    font = register_cjk_font()
    text = CjkText(font)
    glyphs, printable = text.glyphs, text.printable
    page_size, side, top, bottom = landscape(A4), 10 * mm, 12 * mm, 15 * mm

    title_style = ParagraphStyle("title", fontName=font, fontSize=17, leading=23, alignment=TA_CENTER)
    line_style = ParagraphStyle("line", fontName=font, fontSize=10, leading=14, alignment=TA_CENTER)
    # CJK word wrap: a long name or reason breaks between characters instead of running out of its cell.
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=_FONT_SIZE, leading=_LEADING, wordWrap="CJK")
    head_style = ParagraphStyle("head", parent=cell_style, alignment=TA_CENTER)

    title = w.title.format(base=base_name, register=register)
    if from_day == to_day:
        days = w.one_day.format(day=f"{from_day:%Y-%m-%d}")
    else:
        days = w.range_line.format(start=f"{from_day:%Y-%m-%d}", end=f"{to_day:%Y-%m-%d}")
    intro: list[Any] = [
        Paragraph(printable(title), title_style),
        Spacer(1, 2 * mm),
        # An ideographic space: a paragraph collapses ordinary ones.
        Paragraph(printable(days + "\u3000\u3000" + w.printed.format(time=f"{printed_at:%Y-%m-%d %H:%M}")),
                  line_style),
        Spacer(1, 3 * mm),
    ]

    # The columns are stretched or shrunk together to the page's width between the margins (less the frame's
    # padding), so an area's widths need only be right in proportion.
    frame_width = page_size[0] - 2 * side - 12
    frame_height = page_size[1] - top - bottom - 12
    scale = frame_width / sum(c.mm * mm for c in columns)
    widths = [c.mm * mm * scale for c in columns]
    rooms = [width - 2 * _SIDE_PAD for width in widths]
    line = _FONT_SIZE * 1.2 + 2 * _PAD  # reportlab's leading for plain text in a cell, and the padding

    def paragraph_height(paragraph: Any, width: float) -> float:
        return max(line, paragraph.wrap(width - 2 * _SIDE_PAD, frame_height)[1] + 2 * _PAD)

    # Plain text where a cell fits on one line (almost always), a wrapping paragraph where it does not: a
    # paragraph per cell would make a month's register many times slower.
    body: list[list[Any]] = []
    heights: list[float] = []
    for row in rows:
        cells: list[Any] = []
        height = line
        for value, column, room, width in zip(row, columns, rooms, widths, strict=True):
            shown = glyphs(cell_text(value, column.time_format))
            if shown and stringWidth(shown, font, _FONT_SIZE) > room:
                paragraph = Paragraph(printable(shown), cell_style)
                height = max(height, paragraph_height(paragraph, width))
                cells.append(paragraph)
            else:
                cells.append(shown)
        body.append(cells)
        heights.append(height)
    blank = [""] * (len(columns) - 1)
    if not rows:
        nobody = Paragraph(printable(w.nobody), cell_style)
        body.append([nobody, *blank])
        heights.append(paragraph_height(nobody, sum(widths)))
    closing = Paragraph(printable(total), cell_style)
    body.append([closing, *blank])
    heights.append(paragraph_height(closing, sum(widths)))

    header = [Paragraph(printable(c.header), head_style) for c in columns]
    header_height = max(paragraph_height(cell, width) for cell, width in zip(header, widths, strict=True))

    def style(lines: int, last: bool) -> TableStyle:
        """The grid of a page's table: the header row, then `lines` rows, the total line last on the last."""
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), font, _FONT_SIZE),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), _SIDE_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _SIDE_PAD),
            ("TOPPADDING", (0, 0), (-1, -1), _PAD),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD),
        ]
        commands += [("ALIGN", (index, 1), (index, -1), c.align) for index, c in enumerate(columns)
                     if c.align != "LEFT"]
        if last:
            commands += [("SPAN", (0, lines), (-1, lines)), ("ALIGN", (0, lines), (-1, lines), "LEFT"),
                         ("BACKGROUND", (0, lines), (-1, lines), colors.HexColor("#f6f6f6"))]
            if not rows:
                commands.append(("SPAN", (0, 1), (-1, 1)))
        return TableStyle(commands)

    first_room = frame_height - sum(item.wrap(frame_width, frame_height)[1] for item in intro) - header_height - 1
    pages = split_rows(body, heights, first_room, frame_height - header_height - 1)
    story = [*intro, *page_tables(header, pages, widths, header_height, style)]

    def footer(canvas: Any, number: int, pages: int) -> None:
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawCentredString(page_size[0] / 2, 8 * mm, w.page.format(page=number, pages=pages))
        canvas.drawRightString(page_size[0] - side, 8 * mm, glyphs(title))

    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=page_size, leftMargin=side, rightMargin=side, topMargin=top,
                                 bottomMargin=bottom, title=f"{title} {days}", author=base_name)
    document.build(story, canvasmaker=numbered_canvas(footer))
    return out.getvalue()


__all__ = ["Cell", "Column", "TableWords", "cell_text", "render_ledger_table"]
