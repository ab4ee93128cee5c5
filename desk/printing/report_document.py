"""Printing layer: a report as a printable document — cover, headline figures, then sections of a chart and a
table — rendered to A4 PDF with the embedded CJK font.

The document knows nothing of visits or points: the services turn their figures into these values (already in
the reader's language), so one renderer prints the monthly report and any later report alike.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import functools
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from desk.printing.fonts import register_cjk_font
from desk.printing.pages import CjkText, numbered_canvas

Cell = str | int | float | dt.date | None  # a table cell: numbers stay numbers (right-aligned, grouped)


class ChartKind(enum.Enum):
    BARS = "bars"  # one bar per label (several series side by side)
    LINE = "line"  # one line per series over the labels (e.g. hours of the day)
    HEAT = "heat"  # rows × columns of shades (e.g. weekday × hour); `series[i].values` is row i


@dataclass(frozen=True)
class Series:
    name: str  # shown in the legend (may be empty when there is one series)
    values: Sequence[float]


@dataclass(frozen=True)
class Chart:
    kind: ChartKind
    title: str
    labels: Sequence[str]  # the x axis (BARS, LINE) or the columns (HEAT)
    series: Sequence[Series]
    unit: str = ""  # e.g. "人次", "%": printed on the value axis / in the legend


@dataclass(frozen=True)
class Table:
    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    total: Sequence[Cell] | None = None  # an optional bold last row
    empty: str = "—"  # what the table says when it has no rows


@dataclass(frozen=True)
class Headline:
    """One headline figure: "到访人次 1,234 ↑ 12%". `previous` None means no comparison (first period)."""

    label: str
    value: float
    previous: float | None = None
    unit: str = ""
    decimals: int = 0


@dataclass(frozen=True)
class Section:
    heading: str
    charts: Sequence[Chart] = ()
    tables: Sequence[Table] = ()
    note: str = ""  # a sentence under the heading (what the figures count)


@dataclass(frozen=True)
class DocumentWords:
    """The renderer's own words; `{...}` are filled in by the renderer."""

    page: str = "第 {page} 页，共 {pages} 页"
    headlines: str = "本期概况"
    change_up: str = "较上期 ↑ {percent}"
    change_down: str = "较上期 ↓ {percent}"
    change_same: str = "与上期持平"
    change_new: str = "上期为 0"
    printed_at: str = "生成时间：{at}"
    change_none: str = "无上期数据"  # a headline with no previous period to compare with


@dataclass(frozen=True)
class ReportDocument:
    title: str  # e.g. "红色港湾 明华服务基地 工作月报"
    subtitle: str  # the period, e.g. "2026年11月"
    organisation: str  # the base's name (cover and every page's footer)
    printed_at: str  # already formatted in the base's zone
    headlines: Sequence[Headline] = ()
    sections: Sequence[Section] = ()
    words: DocumentWords = field(default_factory=DocumentWords)


def format_number(value: float, decimals: int = 0) -> str:
    """A figure with thousands separators: 1,234 or 1,234.5; never "-0"; "—" for a figure that is not one."""
    if not math.isfinite(value):
        return "—"
    if isinstance(value, int) and not decimals:
        return f"{value:,}"
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]
    return text


def format_cell(value: Cell, decimals: int = 0) -> str:
    """A table cell as printed: numbers grouped (floats to `decimals`), dates YYYY-MM-DD, nothing as blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, float):
        return format_number(value, decimals)
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return " ".join(str(value).split("\n"))


def change_text(headline: Headline, words: DocumentWords) -> tuple[str, int]:
    """The headline's change against the previous period and its direction (1 up, -1 down, 0 otherwise). Figures
    equal as printed are "the same"; a change too small to print as a percent still says which way it went."""
    if headline.previous is None or not math.isfinite(headline.previous) or not math.isfinite(headline.value):
        return words.change_none, 0
    now, before = round(headline.value, headline.decimals), round(headline.previous, headline.decimals)
    if now == before:
        return words.change_same, 0
    if before == 0:
        return words.change_new, 0
    percent = abs(now - before) / abs(before) * 100
    shown = format_number(percent, 1)
    if shown.endswith(".0"):
        shown = shown[:-2]
    if shown == "0":
        shown = "<0.1"
    template = words.change_up if now > before else words.change_down
    return template.format(percent=shown + "%"), 1 if now > before else -1


def needed_decimals(value: float, most: int = 2) -> int:
    """The fewest decimals (up to `most`) that print `value` as it is: 12 → 0, 12.5 → 1, 1/3 → `most`."""
    for decimals in range(most + 1):
        if abs(round(value, decimals) - value) < 1e-9:
            return decimals
    return most


def render_report_pdf(document: ReportDocument) -> bytes:
    """The document as an A4 portrait PDF with the embedded CJK font: a cover (title, period, organisation,
    printed-at), then the headline figures as cards and the sections (heading, note, charts, tables); every page
    after the cover carries the title at its head and the organisation and "第 x 页，共 y 页" at its foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate

    printer = _Printer(document)
    story: list[Any] = [printer.cover()]
    body = printer.headlines() + [item for section in document.sections for item in printer.section(section)]
    if body:
        story += [NextPageTemplate("body"), PageBreak(), *body]

    page_width, page_height = A4
    out = io.BytesIO()
    template = BaseDocTemplate(out, pagesize=A4, title=f"{document.title} {document.subtitle}".strip(),
                               author=document.organisation, leftMargin=_SIDE, rightMargin=_SIDE, topMargin=_TOP,
                               bottomMargin=_BOTTOM)
    template.addPageTemplates([
        PageTemplate("cover", [Frame(0, 0, page_width, page_height, 0, 0, 0, 0, id="cover")]),
        PageTemplate("body", [Frame(_SIDE, _BOTTOM, printer.width, printer.height, 0, 0, 0, 0, id="body")]),
    ])
    template.build(story, canvasmaker=numbered_canvas(printer.page_marks))
    return out.getvalue()


# -- how the document looks -------------------------------------------------------------------------------------

_MM = 72 / 25.4
_SIDE, _TOP, _BOTTOM = 18 * _MM, 22 * _MM, 20 * _MM
_ACCENT = "#C0392B"
_INK = "#222222"
_MUTED = "#5F5F5F"
_FAINT = "#8C8C8C"
_RULE = "#DDDDDD"
_ZEBRA = "#F6F6F6"
_HEAD_FILL = "#F8ECEA"  # a tint of the accent behind a table's header
_TOTAL_FILL = "#ECECEC"
_CARD_FILL = "#FAFAFA"
_CARD_LINE = "#E4E4E4"

# A table's type size and the room left and right of a cell's text step down together until its columns fit the
# page's width.
_TABLE_SIZES = ((9.0, 5.0), (8.0, 4.0), (7.0, 3.0), (6.5, 2.0))
_PAD_V = 3.0  # points above and below a cell's text
_LONGEST_CELL = 200  # characters: a cell never grows taller than a page
_FOLLOWING_ROWS = 3  # a table starts on a page only with its header and this many rows


class _Printer:
    """The document's flowables, all in the one embedded font; only the accent colour is red."""

    def __init__(self, document: ReportDocument) -> None:
        from reportlab.lib import colors
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.document = document
        self.words = document.words
        self.font = register_cjk_font()
        self.text = CjkText(self.font)
        self.page_width, self.page_height = A4
        self.width = self.page_width - 2 * _SIDE
        self.height = self.page_height - _TOP - _BOTTOM
        self._string_width = stringWidth
        self.colour = colors.HexColor
        self._unit_widths: dict[str, float] = {}
        self._styles: dict[tuple[float, str, str, float], Any] = {}

    # -- text -----------------------------------------------------------------------------------------------------

    def measure(self, text: str, size: float) -> float:
        """Width of already printable text at `size`; one measurement per distinct text."""
        unit = self._unit_widths.get(text)
        if unit is None:
            unit = self._unit_widths[text] = float(self._string_width(text, self.font, 1.0))
        return unit * size

    def lines(self, text: str, size: float, width: float, most: int = 0) -> list[str]:
        """`text` broken into lines no wider than `width` — between any two characters, at a space where there is
        one — and, past `most` lines (0: no limit), cut short with "…"."""
        text = self.text.glyphs(" ".join(text.split()))
        lines: list[str] = []
        line = ""
        for char in text:
            if line and self.measure(line + char, size) > width:
                space = line.rfind(" ")
                if char != " " and space > len(line) // 2:
                    lines.append(line[:space])
                    line = line[space + 1:]
                else:
                    lines.append(line.rstrip())
                    line = ""
                if char == " ":
                    continue
            line += char
        lines.append(line)
        if most and len(lines) > most:
            lines = lines[:most]
            last = lines[-1]
            while last and self.measure(last + "…", size) > width:
                last = last[:-1]
            lines[-1] = last + "…"
        return lines

    def string(self, x: float, y: float, text: str, size: float, colour: str = _INK, anchor: str = "start",
               bold: bool = False) -> Any:
        """A line of text for a Drawing; `bold` strokes the outline too, as the font has a single weight."""
        from desk.printing.charts import text_shape

        return text_shape(self.font, x, y, text, size, colour, anchor, bold)

    def paragraph(self, text: str, size: float, colour: str = _INK, align: str = "LEFT", leading: float = 0) -> Any:
        """A paragraph that wraps between any two characters (CJK word wrap), so a long name never runs out of
        its cell."""
        from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        key = (size, colour, align, leading or size * 1.35)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = ParagraphStyle(
                f"p{len(self._styles)}", fontName=self.font, fontSize=size, leading=key[3],
                textColor=self.colour(colour), wordWrap="CJK",
                alignment={"LEFT": TA_LEFT, "RIGHT": TA_RIGHT, "CENTER": TA_CENTER}[align])
        return Paragraph(self.text.printable(text), style)

    # -- cover, page marks, headings ------------------------------------------------------------------------------

    def cover(self) -> Any:
        """The first page, drawn whole: an accent band at the head, the title in the upper half with a short red
        rule and the period under it, the organisation and the printed-at line towards the foot."""
        from reportlab.graphics.shapes import Line, Rect

        from desk.printing.charts import Figure

        d = self.document
        width, height = self.page_width, self.page_height - 2  # the frame must hold the drawing
        drawing = Figure(width, height)
        drawing.add(Rect(0, height - 6 * _MM, width, 6 * _MM + 2, fillColor=self.colour(_ACCENT), strokeColor=None))
        centre, room = width / 2, width - 2 * 30 * _MM
        y = height * 0.64
        for line in self.lines(d.title, 26, room, most=4):
            drawing.add(self.string(centre, y, line, 26, _INK, "middle", bold=True))
            y -= 38
        y -= 2
        drawing.add(Line(centre - 22 * _MM, y, centre + 22 * _MM, y, strokeColor=self.colour(_ACCENT),
                         strokeWidth=1.8))
        y -= 34
        for line in self.lines(d.subtitle, 17, room, most=2):
            drawing.add(self.string(centre, y, line, 17, "#444444", "middle"))
            y -= 24
        y = 52 * _MM
        for line in self.lines(d.organisation, 15, room, most=2):
            drawing.add(self.string(centre, y, line, 15, "#333333", "middle"))
            y -= 21
        printed = self.words.printed_at.format(at=d.printed_at)
        drawing.add(self.string(centre, y - 6, self.lines(printed, 10, room, most=1)[0], 10, _FAINT, "middle"))
        return drawing

    def page_marks(self, canvas: Any, number: int, pages: int) -> None:
        """The head and foot of every page after the cover."""
        if number == 1:
            return
        d = self.document
        left, right = _SIDE, self.page_width - _SIDE
        canvas.setStrokeColor(self.colour(_RULE))
        canvas.setLineWidth(0.5)
        canvas.setFillColor(self.colour(_FAINT))
        canvas.setFont(self.font, 8.5)
        head = self.page_height - 13 * _MM
        subtitle = self.text.glyphs(d.subtitle)
        canvas.drawRightString(right, head, subtitle)
        room = self.width - self.measure(subtitle, 8.5) - 12
        canvas.drawString(left, head, self.lines(d.title, 8.5, room, most=1)[0])
        canvas.line(left, head - 2.5 * _MM, right, head - 2.5 * _MM)
        foot = 10 * _MM
        canvas.line(left, foot + 4 * _MM, right, foot + 4 * _MM)
        page = self.text.glyphs(self.words.page.format(page=number, pages=pages))
        canvas.drawRightString(right, foot, page)
        room = self.width - self.measure(page, 8.5) - 12
        canvas.drawString(left, foot, self.lines(d.organisation, 8.5, room, most=1)[0])

    def heading(self, text: str) -> Any:
        """A section's heading: large, drawn bold, with a short red bar at its left."""
        from reportlab.graphics.shapes import Rect

        from desk.printing.charts import Figure

        size, leading = 13.0, 18.0
        lines = self.lines(text, size, self.width - 10)
        height = leading * len(lines)
        drawing = Figure(self.width, height, 16, 6)
        drawing.add(Rect(0, 2, 3.2, height - 3, fillColor=self.colour(_ACCENT), strokeColor=None))
        for index, line in enumerate(lines):
            drawing.add(self.string(10, height - leading * (index + 1) + 4.5, line, size, _INK, bold=True))
        return drawing

    def caption(self, text: str) -> Any:
        """A table's title: drawn bold, in the text size."""
        from desk.printing.charts import Figure

        size, leading = 10.0, 14.0
        lines = self.lines(text, size, self.width)
        drawing = Figure(self.width, leading * len(lines), 8, 4)
        for index, line in enumerate(lines):
            drawing.add(self.string(0, leading * (len(lines) - index - 1) + 3.5, line, size, _INK, bold=True))
        return drawing

    # -- headline figures -----------------------------------------------------------------------------------------

    def headlines(self) -> list[Any]:
        """The headline heading and the figure cards, a row of cards at a time (so a page may end between
        rows)."""
        figures = list(self.document.headlines)
        if not figures:
            return []
        columns = 4 if len(figures) % 4 == 0 or (len(figures) > 6 and len(figures) % 3 == 1) else 3
        gap = 8.0
        card_width = (self.width - gap * (columns - 1)) / columns
        labels = [self.lines(figure.label, 9, card_width - 20, most=2) for figure in figures]
        label_lines = max(len(lines) for lines in labels)
        card_height = 12 + 12 * label_lines + 6 + 22 + 8 + 9 + 10
        story: list[Any] = [self.heading(self.words.headlines)]
        for first in range(0, len(figures), columns):
            row = self._card_row(figures[first:first + columns], labels[first:first + columns], card_width,
                                 card_height, gap)
            row.spaceAfter = gap
            story.append(row)
        return story

    def _card_row(self, figures: Sequence[Headline], labels: Sequence[list[str]], card_width: float,
                  card_height: float, gap: float) -> Any:
        from reportlab.graphics.shapes import Rect

        from desk.printing.charts import Figure

        drawing = Figure(self.width, card_height)
        for index, (figure, label) in enumerate(zip(figures, labels, strict=True)):
            x = index * (card_width + gap)
            drawing.add(Rect(x, 0, card_width, card_height, fillColor=self.colour(_CARD_FILL),
                             strokeColor=self.colour(_CARD_LINE), strokeWidth=0.6))
            drawing.add(Rect(x, card_height - 2.2, card_width, 2.2, fillColor=self.colour(_ACCENT),
                             strokeColor=None))
            y = card_height - 12 - 9
            for line in label:
                drawing.add(self.string(x + 10, y, line, 9, _MUTED))
                y -= 12
            value = format_number(figure.value, figure.decimals)
            unit = self.text.glyphs(figure.unit)
            room = card_width - 20 - (self.measure(unit, 9) + 3 if unit else 0)
            size = 21.0
            while size > 11 and self.measure(value, size) > room:
                size -= 1
            y = 10 + 9 + 8 + 2
            drawing.add(self.string(x + 10, y, value, size, _INK, bold=True))
            if unit:
                drawing.add(self.string(x + 10 + self.measure(value, size) + 3, y, unit, 9, _MUTED))
            change, direction = change_text(figure, self.words)
            colour = _ACCENT if direction > 0 else _MUTED if direction < 0 else _FAINT
            drawing.add(self.string(x + 10, 11, self.lines(change, 8.5, card_width - 20, most=1)[0], 8.5, colour))
        return drawing

    # -- sections -------------------------------------------------------------------------------------------------

    def section(self, section: Section) -> list[Any]:
        """Heading, note, charts, then tables; the heading never stands alone at a page's foot."""
        from reportlab.platypus import CondPageBreak

        from desk.printing.charts import chart_drawing

        lead: list[Any] = [self.heading(section.heading)]
        if section.note:
            note = self.paragraph(section.note, 9, _MUTED)
            note.spaceAfter = 4
            lead.append(note)
        charts = []
        for chart in section.charts:
            drawing = chart_drawing(chart, self.width, self.font)
            if drawing.height > self.height:  # a heat map of very many rows: shrunk to the page
                scale = self.height / drawing.height
                drawing.scale(scale, scale)
                drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
            drawing.spaceBefore, drawing.spaceAfter = 8, 8
            charts.append(drawing)
        tables = [_TableLayout(self, table) for table in section.tables]
        need = sum(item.wrap(self.width, self.height)[1] + 6 for item in lead) + 16
        if charts:
            need += charts[0].height + 8
        elif tables:
            need += tables[0].least_height()
        story: list[Any] = [CondPageBreak(need), *lead, *charts]
        for layout in tables:
            story += [CondPageBreak(layout.least_height()), layout.caption, _table_block()(layout)]
        return story


class _TableLayout:
    """A table worked out once: every cell's text, the columns' widths and type size, every row's height. From
    it the pages' tables are cut in time proportional to the rows each prints."""

    def __init__(self, printer: _Printer, table: Table) -> None:
        self.printer = printer
        self.frame_height = printer.height
        self.caption = printer.caption(table.title)
        columns = len(table.header) or max((len(row) for row in table.rows), default=1)
        header = [str(h) for h in table.header] + [""] * (columns - len(table.header))
        rows = [list(row[:columns]) + [None] * (columns - len(row)) for row in table.rows]
        total = list(table.total[:columns]) + [None] * (columns - len(table.total)) if table.total else None
        self.empty = not rows
        kinds = [_column_kind([row[c] for row in rows] + (total[c:c + 1] if total else [])) for c in range(columns)]
        decimals = [max((needed_decimals(v) for row in [*rows, *([total] if total else [])]
                         if isinstance(v := row[c], float)), default=0) for c in range(columns)]
        text = printer.text
        texts = [[text.glyphs(format_cell(row[c], decimals[c])[:_LONGEST_CELL]) for c in range(columns)]
                 for row in rows]
        total_texts = [text.glyphs(format_cell(total[c], decimals[c])) for c in range(columns)] if total else None
        self.aligns = ["RIGHT" if kind == "number" else "CENTER" if kind == "date" else "LEFT" for kind in kinds]
        self.size, self.side, self.widths = self._fit(header, [*texts, *([total_texts] if total_texts else [])],
                                                      kinds)
        self.columns = columns
        size = self.size
        line = size * 1.2 + 2 * _PAD_V

        # Each header sits over its figures: right over numbers, centred over dates, left over text.
        self.header = [printer.paragraph(h, size, _INK, align, size * 1.25)
                       for h, align in zip(header, self.aligns, strict=True)]
        self.header_height = max(self._height(cell, width, line) for cell, width in zip(self.header, self.widths,
                                                                                        strict=True))
        self.kinds = kinds
        self.rows: list[list[Any]] = []
        heights: list[float] = []
        for row in texts:
            cells, height = self._row(row, bold=False)
            self.rows.append(cells)
            heights.append(height)
        if self.empty:
            self.rows.append([printer.paragraph(table.empty, size, _FAINT, "CENTER")] + [""] * (columns - 1))
            heights.append(self._height(self.rows[-1][0], sum(self.widths), line))
        self.total = total_texts is not None
        if total_texts is not None:
            cells, height = self._row(total_texts, bold=True)
            self.rows.append(cells)
            heights.append(height)
        self.heights = heights
        self.tops = [0.0]  # the rows' heights summed: tops[i] is where row i starts below the header
        for height in heights:
            self.tops.append(self.tops[-1] + height)

    def least_height(self) -> float:
        """The caption, the header and the first few rows: a table starts on a page only with these."""
        rows = self.tops[min(_FOLLOWING_ROWS, len(self.heights))]
        return self.caption.height + self.caption.spaceBefore + self.caption.spaceAfter + self.header_height + rows

    def _height(self, cell: Any, width: float, line: float) -> float:
        return max(line, cell.wrap(width - 2 * self.side, self.frame_height)[1] + 2 * _PAD_V)

    def _row(self, values: list[str], bold: bool) -> tuple[list[Any], float]:
        """A row's cells and its height. Text that does not fit its column wraps; a number or a date never
        breaks — in a table too wide for the page it prints smaller instead."""
        printer, size = self.printer, self.size
        line = size * 1.2 + 2 * _PAD_V
        cells: list[Any] = []
        height = line
        for value, width, align, kind in zip(values, self.widths, self.aligns, self.kinds, strict=True):
            room = width - 2 * self.side
            natural = printer.measure(value, size)
            if natural <= room:
                cells.append(self._line(value, size, bold) if bold else value)
            elif kind != "text":
                cells.append(self._line(value, size * room / natural, bold))
            else:
                cell = printer.paragraph(value, size, _INK, align, size * 1.2)
                height = max(height, self._height(cell, width, line))
                cells.append(cell)
        return cells, height

    def _line(self, value: str, size: float, bold: bool) -> Any:
        """One line of text as a drawing, as tall as a plain cell's line with its baseline where a plain cell's
        is, so the row lines up."""
        from desk.printing.charts import Figure

        leading = self.size * 1.2
        drawing = Figure(self.printer.measure(value, size), leading)
        drawing.add(self.printer.string(0, leading - self.size, value, size, _INK, bold=bold))
        return drawing

    def _fit(self, header: list[str], rows: list[list[str]], kinds: list[str]) -> tuple[float, float, list[float]]:
        """The largest type size (with the room beside a cell's text) at which the columns fit the page's width,
        and their widths: each column as wide as its widest cell and its header where there is room; else the
        text columns and the headers wrap while numbers and dates keep one line; the room left over is shared
        out so every table spans the page."""
        printer = self.printer
        room = printer.width
        columns = len(header)
        cells = [max((printer.measure(row[c], 1.0) for row in rows), default=0.0) for c in range(columns)]
        heads = [printer.measure(printer.text.glyphs(h), 1.0) for h in header]
        widest_char = [max((printer.measure(ch, 1.0) for ch in printer.text.glyphs(h)), default=0.0)
                       for h in header]
        widths: list[float] = []
        size, side = _TABLE_SIZES[0]
        for size, side in _TABLE_SIZES:
            pad = 2 * side
            desire = [max(cells[c], heads[c]) * size + pad for c in range(columns)]
            head_least = [max(heads[c] / 2, widest_char[c] * 2) * size + size + pad for c in range(columns)]
            least = []
            for c in range(columns):
                if kinds[c] == "text":
                    least.append(min(desire[c], max(4 * size + pad, head_least[c])))
                else:
                    least.append(min(desire[c], max(cells[c] * size + pad, head_least[c])))
            if sum(desire) <= room:  # the spare room shared evenly: a narrow column stays close to its header
                spare = (room - sum(desire)) / columns
                widths = [w + spare for w in desire]
                break
            if sum(least) <= room:
                over = sum(desire) - room
                give = sum(d - m for d, m in zip(desire, least, strict=True))
                widths = [d - (d - m) * over / give for d, m in zip(desire, least, strict=True)]
                break
            widths = [m * room / sum(least) for m in least]
        return size, side, widths

    def table(self, first: int, end: int) -> Any:
        """The header and rows first..end-1 as one reportlab Table with every width and height given."""
        from reportlab.platypus import Table as PdfTable
        from reportlab.platypus import TableStyle

        colour = self.printer.colour
        last = end - 1
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), self.printer.font, self.size, self.size * 1.2),
            ("TEXTCOLOR", (0, 0), (-1, -1), colour(_INK)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), self.side),
            ("RIGHTPADDING", (0, 0), (-1, -1), self.side),
            ("TOPPADDING", (0, 0), (-1, -1), _PAD_V),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_V),
            ("BACKGROUND", (0, 0), (-1, 0), colour(_HEAD_FILL)),
            ("LINEBELOW", (0, 0), (-1, 0), 0.9, colour(_ACCENT)),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, colour("#BBBBBB")),
        ]
        for column, align in enumerate(self.aligns):
            commands.append(("ALIGN", (column, 1), (column, -1), align))
        zebra = [colour("#FFFFFF"), colour(_ZEBRA)]
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), zebra if first % 2 == 0 else zebra[::-1]))
        if self.empty and first == 0:
            commands.append(("SPAN", (0, 1), (-1, 1)))
        if self.total and last == len(self.rows) - 1:
            commands += [("BACKGROUND", (0, -1), (-1, -1), colour(_TOTAL_FILL)),
                         ("LINEABOVE", (0, -1), (-1, -1), 0.8, colour("#777777"))]
        table = PdfTable([self.header, *self.rows[first:end]], colWidths=self.widths,
                         rowHeights=[self.header_height, *self.heights[first:end]])
        table.setStyle(TableStyle(commands))
        return table


def _column_kind(values: Sequence[Cell]) -> str:
    """"number" (right-aligned), "date" (centred) or "text", from the column's filled cells."""
    filled = [v for v in values if v is not None and v != ""]
    if filled and all(isinstance(v, int | float) and not isinstance(v, bool) for v in filled):
        return "number"
    if filled and all(isinstance(v, dt.date) for v in filled):
        return "date"
    return "text"


@functools.cache
def _table_block() -> type:
    """The flowable of a long table (made on first use, so reading a document's values never loads reportlab)."""
    from reportlab.platypus import Flowable

    class TableBlock(Flowable):
        """A table from row `first` on that cuts itself at the foot of a page: where it is cut is found by
        bisecting the rows' summed heights, and only the rows of that page are handed to reportlab, whose own
        splitting re-measures every remaining row at every page."""

        def __init__(self, layout: _TableLayout, first: int = 0) -> None:
            super().__init__()
            self.layout = layout
            self.first = first

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            layout = self.layout
            self.width = sum(layout.widths)
            self.height = layout.header_height + layout.tops[-1] - layout.tops[self.first]
            return self.width, self.height

        def split(self, available_width: float, available_height: float) -> list[Any]:
            layout = self.layout
            count = len(layout.rows)
            room = available_height - layout.header_height
            end = bisect.bisect_right(layout.tops, layout.tops[self.first] + room + 1e-6) - 1
            if end >= count:  # the rest fits after all (the frame measures with its own rounding)
                return [layout.table(self.first, count)]
            at_top = available_height >= layout.frame_height - 1
            if end - self.first < min(_FOLLOWING_ROWS, count - self.first) and not at_top:
                return []  # to the next page, header and rows together
            end = max(end, self.first + 1)  # a row taller than a page still gets a page of its own
            if layout.total and end == count - 1 and end - self.first > 1:
                end -= 1  # the totals row does not go over alone
            if end >= count:
                return [layout.table(self.first, count)]
            return [layout.table(self.first, end), TableBlock(layout, end)]

        def draw(self) -> None:
            table = self.layout.table(self.first, len(self.layout.rows))
            table.wrapOn(self.canv, self.width, self.height)
            table.drawOn(self.canv, 0, 0)

    return TableBlock
