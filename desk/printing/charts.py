"""Printing layer: a report's charts as reportlab Drawings — grouped vertical bars, lines over an ordered axis, and
a heat map of shades of the base's red — drawn from shapes, so every label is in the embedded CJK font, placed
where nothing overlaps, and a chart with no figures still prints its axes.

Labels that do not fit are thinned (an ordered axis such as hours or days) or turned and shortened (names under
bars); a value axis always takes in zero, so negative figures (points taken back) hang below it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.shapes import (
    AttrMap,
    AttrMapValue,
    Circle,
    Drawing,
    Group,
    Line,
    PolyLine,
    Rect,
    String,
    isColorOrNone,
    isNumber,
)
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from desk.printing.pages import CjkText
from desk.printing.report_document import Chart, ChartKind, format_number, needed_decimals

ACCENT = "#C0392B"
# The accent first; the others are quiet so a second series (an average, last month) reads as the comparison.
PALETTE = ("#C0392B", "#7F8C8D", "#E6A19A", "#7B241C", "#B8BEC2", "#34495E")
_INK = "#222222"
_MUTED = "#666666"
_GRID = "#E3E3E3"
_AXIS = "#8A8A8A"

_TITLE_SIZE = 10.5
_AXIS_SIZE = 7.5
_LEGEND_SIZE = 8
_VALUE_SIZE = 7
_PLOT_HEIGHT = 150.0
_MAX_TURNED = 72.0  # the longest a turned label may be, in points, before it is shortened with "…"
_TURN = 45.0  # degrees
_MAX_VALUE_LABELS = 16  # bars beyond which value labels would crowd the chart
_HEAT_ROW = 15.0
_MAX_ROW_LABEL = 80.0


class Figure(Drawing):
    """A Drawing in a document's flow, with the space it keeps above and below (none above at a page's top)."""

    _attrMap = AttrMap(BASE=Drawing, spaceBefore=AttrMapValue(isNumber), spaceAfter=AttrMapValue(isNumber))

    def __init__(self, width: float, height: float, space_before: float = 0, space_after: float = 0) -> None:
        super().__init__(width, height)
        self.spaceBefore = space_before
        self.spaceAfter = space_after


class _OutlinedString(String):
    """A String whose outline is stroked as well as filled: bold for a font that has a single weight."""

    _attrMap = AttrMap(BASE=String, strokeColor=AttrMapValue(isColorOrNone), strokeWidth=AttrMapValue(isNumber))


def text_shape(font: str, x: float, y: float, text: str, size: float, colour: str = _INK, anchor: str = "start",
               bold: bool = False) -> String:
    """A line of text for a Drawing in `font` (the caller makes it printable)."""
    if not bold:
        return String(x, y, text, fontName=font, fontSize=size, fillColor=colors.HexColor(colour),
                      textAnchor=anchor)
    return _OutlinedString(x, y, text, fontName=font, fontSize=size, fillColor=colors.HexColor(colour),
                           textAnchor=anchor, textRenderMode=2, strokeColor=colors.HexColor(colour),
                           strokeWidth=size * 0.035)


def chart_drawing(chart: Chart, width: float, font: str) -> Any:
    """The chart as a Drawing `width` points wide; its height follows from the kind and its labels."""
    painter = _Painter(font, width)
    if chart.kind is ChartKind.HEAT:
        return painter.heat(chart)
    return painter.bars_or_line(chart)


@dataclass(frozen=True)
class _Axis:
    low: float
    high: float
    step: float
    decimals: int

    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [self.low + i * self.step for i in range(count + 1)]


@dataclass(frozen=True)
class _Ticks:
    """The labels under a plot: each label's lines, every how many labels one is printed, whether they are
    turned, and the height they take below the plot."""

    lines: list[list[str]]
    every: int
    turned: bool
    height: float


def _clean(values: Sequence[float], count: int) -> list[float | None]:
    """A series' values fitted to `count` labels: missing and non-finite figures are gaps, extra ones dropped."""
    out: list[float | None] = []
    for index in range(count):
        value = values[index] if index < len(values) else None
        out.append(float(value) if value is not None and math.isfinite(value) else None)
    return out


def _nice_axis(low: float, high: float, integral: bool, target: int = 5) -> _Axis:
    """Round ticks (1, 2, 2.5 or 5 times a power of ten) covering zero and every figure."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + (5.0 if integral else 1.0)
    raw = (high - low) / target
    magnitude = 10 ** math.floor(math.log10(raw))
    steps = (1.0, 2.0, 5.0, 10.0) if integral else (1.0, 2.0, 2.5, 5.0, 10.0)
    step = next(m * magnitude for m in steps if m * magnitude >= raw * (1 - 1e-9))
    if integral:
        step = max(1.0, step)
        if step != int(step):  # 2.5, 25 …: counts step in whole numbers
            step = float(math.ceil(step))
    return _Axis(math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step, step,
                 needed_decimals(step, 3))


class _Painter:
    def __init__(self, font: str, width: float) -> None:
        self.font = font
        self.width = width
        self.text = CjkText(font)
        self._colour = colors.HexColor

    # -- text -----------------------------------------------------------------------------------------------------

    def measure(self, text: str, size: float) -> float:
        return float(stringWidth(text, self.font, size))

    def shorten(self, text: str, size: float, room: float) -> str:
        text = self.text.glyphs(text)
        if self.measure(text, size) <= room:
            return text
        while text and self.measure(text + "…", size) > room:
            text = text[:-1]
        return text + "…"

    def string(self, x: float, y: float, text: str, size: float, colour: str = _INK, anchor: str = "start",
               bold: bool = False) -> Any:
        return text_shape(self.font, x, y, text, size, colour, anchor, bold)

    # -- the parts every chart shares -----------------------------------------------------------------------------

    def heading(self, chart: Chart, keys: list[tuple[str, str, str]]) -> tuple[list[Any], float]:
        """The title at the top left and the legend (`keys`: name, colour, "bar" | "line" | "dash") at the right,
        or on lines of their own under the title when they do not fit beside it. Returns the shapes and the
        height they take from the top."""
        shapes: list[Any] = []
        entries: list[tuple[str, str, str, float]] = []
        for name, colour, mark in keys:
            label = self.shorten(name, _LEGEND_SIZE, self.width / 3)
            entries.append((label, colour, mark, 14 + 4 + self.measure(label, _LEGEND_SIZE)))
        legend_width = sum(entry[3] for entry in entries) + 12 * max(0, len(entries) - 1)
        title = self.text.glyphs(chart.title)
        title_width = self.measure(title, _TITLE_SIZE)
        rows: list[list[tuple[str, str, str, float]]] = []
        if entries and title_width + 24 + legend_width <= self.width:
            rows = [entries]
            beside = True
        else:
            beside = False
            for entry in entries:  # wrapped to the drawing's width, right-aligned
                if not rows or sum(e[3] + 12 for e in rows[-1]) + entry[3] > self.width:
                    rows.append([])
                rows[-1].append(entry)
        height = _TITLE_SIZE + 4 + (0 if beside else 13 * len(rows))
        shapes.append(self.string(0, -_TITLE_SIZE, self.shorten(chart.title, _TITLE_SIZE, self.width), _TITLE_SIZE))
        for line, row in enumerate(rows):
            y = -_TITLE_SIZE + 1 if beside else -_TITLE_SIZE - 13 * (line + 1)
            x = self.width - (sum(e[3] for e in row) + 12 * (len(row) - 1))
            for label, colour, mark, entry_width in row:
                shapes += self.key(x, y + 2.5, colour, mark)
                shapes.append(self.string(x + 18, y, label, _LEGEND_SIZE, _MUTED))
                x += entry_width + 12
        return shapes, height + 6

    def key(self, x: float, y: float, colour: str, mark: str) -> list[Any]:

        if mark == "bar":
            return [Rect(x, y - 3, 14, 7, fillColor=self._colour(colour), strokeColor=None)]
        line = Line(x, y + 0.5, x + 14, y + 0.5, strokeColor=self._colour(colour), strokeWidth=1.6)
        if mark == "dash":
            line.strokeDashArray = (3, 2)
            line.strokeWidth = 1.2
        return [line]

    def category_labels(self, labels: Sequence[str], slot: float, turn: bool) -> _Ticks:
        """How the labels under the plot are printed. Labels that do not fit side by side are thinned on an
        ordered axis (hours, days); under bars, Chinese names go on two lines where that is enough, and are
        otherwise turned and shortened."""
        texts = [self.text.glyphs(label) for label in labels]
        widest = max((self.measure(t, _AXIS_SIZE) for t in texts), default=0.0)
        line = _AXIS_SIZE + 2
        if widest + 8 <= slot or not texts:
            return _Ticks([[t] for t in texts], 1, False, line + 4)
        if not turn:
            return _Ticks([[t] for t in texts], math.ceil((widest + 6) / slot), False, line + 4)
        # Halved: "党建书吧" over "阅览座位"; only Chinese, where a break between any two characters reads well.
        halves = [[t] if self.measure(t, _AXIS_SIZE) + 8 <= slot else [t[:(len(t) + 1) // 2], t[(len(t) + 1) // 2:]]
                  for t in texts]
        if all(len(lines) == 1 or (any(ord(ch) >= 0x2E80 for ch in lines[0] + lines[1])
                                   and max(self.measure(part, _AXIS_SIZE) for part in lines) + 8 <= slot)
               for lines in halves):
            return _Ticks(halves, 1, False, 2 * line + 4)
        texts = [self.shorten(t, _AXIS_SIZE, _MAX_TURNED) for t in texts]
        longest = max(self.measure(t, _AXIS_SIZE) for t in texts)
        every = max(1, math.ceil(_AXIS_SIZE * 1.5 / slot))
        rise = math.sin(math.radians(_TURN))
        return _Ticks([[t] for t in texts], every, True, longest * rise + _AXIS_SIZE + 6)

    def draw_ticks(self, drawing: Any, ticks: _Ticks, left: float, slot: float, top: float) -> None:
        """The labels under a plot whose floor is at `top`, one per `slot` from `left`."""
        for index, lines in enumerate(ticks.lines):
            if index % ticks.every:
                continue
            x = left + slot * (index + 0.5)
            if ticks.turned:
                turned = Group(self.string(0, 0, lines[0], _AXIS_SIZE, _MUTED, "end"))
                turned.translate(x + _AXIS_SIZE * 0.3, top - 5)
                turned.rotate(_TURN)
                drawing.add(turned)
                continue
            for number, line in enumerate(lines):
                drawing.add(self.string(x, top - _AXIS_SIZE - 3 - number * (_AXIS_SIZE + 2), line, _AXIS_SIZE,
                                        _MUTED, "middle"))

    # -- bars and lines -------------------------------------------------------------------------------------------

    def bars_or_line(self, chart: Chart) -> Any:

        bars = chart.kind is ChartKind.BARS
        count = len(chart.labels)
        series = [_clean(s.values, count) for s in chart.series]
        figures = [v for values in series for v in values if v is not None]
        integral = all(float(v).is_integer() for v in figures)
        axis = _nice_axis(min(figures, default=0.0), max(figures, default=0.0), integral)
        value_decimals = max((needed_decimals(v, 1) for v in figures), default=0)

        keys = [(s.name, PALETTE[i % len(PALETTE)], "bar" if bars else ("line" if i % 2 == 0 else "dash"))
                for i, s in enumerate(chart.series)] if len(chart.series) > 1 else []
        shapes, top = self.heading(chart, keys)

        tick_texts = [format_number(t, axis.decimals) for t in axis.ticks()]
        left = max(self.measure(t, _AXIS_SIZE) for t in tick_texts) + 6
        unit = self.text.glyphs(chart.unit)
        unit_row = _AXIS_SIZE + 5 if unit else 3
        plot_width_guess = self.width - left - 4
        slot = plot_width_guess / count if count else plot_width_guess
        ticks = self.category_labels(chart.labels, slot, turn=bars)
        bottom = ticks.height
        if ticks.turned:  # the first turned label reaches left of its bar: keep it on the drawing
            reach = self.measure(ticks.lines[0][0], _AXIS_SIZE) * math.cos(math.radians(_TURN))
            left = max(left, reach - slot / 2 + 2)
        plot_width = self.width - left - 4
        slot = plot_width / count if count else plot_width

        groups = max(1, len(series))
        group_width = slot * (0.6 if groups == 1 else 0.75)
        bar_width = min(group_width / groups, 28.0)
        value_texts = [[format_number(v, value_decimals) if v is not None else "" for v in values]
                       for values in series]
        labelled = bars and 0 < count * groups <= _MAX_VALUE_LABELS and all(
            self.measure(t, _VALUE_SIZE) <= slot / groups - 1 for row in value_texts for t in row)
        pad_top = _VALUE_SIZE + 4 if labelled else 2
        pad_bottom = _VALUE_SIZE + 4 if labelled and axis.low < 0 else 0

        height = top + unit_row + _PLOT_HEIGHT + bottom
        plot_bottom = bottom
        low_y, high_y = plot_bottom + pad_bottom, plot_bottom + _PLOT_HEIGHT - pad_top

        def y_of(value: float) -> float:
            return low_y + (value - axis.low) / (axis.high - axis.low) * (high_y - low_y)

        drawing = Figure(self.width, height)
        frame = Group(*shapes)
        frame.translate(0, height)
        drawing.add(frame)
        if unit:
            drawing.add(self.string(0, high_y + pad_top + 4, unit, _AXIS_SIZE, _MUTED))
        for tick, text in zip(axis.ticks(), tick_texts, strict=True):
            y = y_of(tick)
            zero = abs(tick) < axis.step / 1e6
            drawing.add(Line(left, y, left + plot_width, y, strokeColor=self._colour(_AXIS if zero else _GRID),
                             strokeWidth=0.8 if zero else 0.5))
            drawing.add(self.string(left - 4, y - _AXIS_SIZE / 3, text, _AXIS_SIZE, _MUTED, "end"))
        drawing.add(Line(left, plot_bottom, left, high_y + pad_top, strokeColor=self._colour(_AXIS),
                         strokeWidth=0.6))
        if low_y > plot_bottom:  # the plot's floor when the lowest tick sits above it
            drawing.add(Line(left, plot_bottom, left + plot_width, plot_bottom,
                             strokeColor=self._colour(_GRID), strokeWidth=0.5))

        self.draw_ticks(drawing, ticks, left, slot, plot_bottom)

        zero_y = y_of(0.0)
        for number, values in enumerate(series):
            colour = self._colour(PALETTE[number % len(PALETTE)])
            if bars:
                for index, value in enumerate(values):
                    if value is None:
                        continue
                    x = left + slot * (index + 0.5) - bar_width * groups / 2 + bar_width * number
                    y = y_of(value)
                    drawing.add(Rect(x + 0.5, min(y, zero_y), bar_width - 1, abs(y - zero_y), fillColor=colour,
                                     strokeColor=None))
                    if labelled:
                        below = value < 0
                        drawing.add(self.string(x + bar_width / 2, y - _VALUE_SIZE - 2 if below else y + 2,
                                                value_texts[number][index], _VALUE_SIZE, _INK, "middle"))
                continue
            runs: list[list[float]] = [[]]
            for index, value in enumerate(values):
                if value is None:
                    if runs[-1]:
                        runs.append([])
                    continue
                runs[-1] += [left + slot * (index + 0.5), y_of(value)]
            dashed = number % 2 == 1
            weight = (1.2 if dashed else 1.6) if count <= 60 else 0.9  # a year of days: a fine line reads better
            for run in runs:
                if len(run) >= 4:
                    line = PolyLine(run, strokeColor=colour, strokeWidth=weight,
                                    strokeLineJoin=1, strokeLineCap=1)
                    if dashed:
                        line.strokeDashArray = (3, 2)
                    drawing.add(line)
                if count <= 31 or len(run) == 2:
                    for point in range(0, len(run), 2):
                        drawing.add(Circle(run[point], run[point + 1], 1.8, fillColor=colour, strokeColor=None))
        return drawing

    # -- heat map -------------------------------------------------------------------------------------------------

    def shade(self, share: float) -> Any:
        """From a near-white tint (nothing) to the accent (the most)."""
        low, high = (0.985, 0.955, 0.95), self._colour(ACCENT)
        share = min(1.0, max(0.0, share))
        return self._colour("#{:02X}{:02X}{:02X}".format(
            *(round(255 * (a + (b - a) * share)) for a, b in zip(low, (high.red, high.green, high.blue),
                                                                   strict=True))))

    def heat(self, chart: Chart) -> Any:

        columns = len(chart.labels)
        rows = [_clean(s.values, columns) for s in chart.series]
        figures = [v for values in rows for v in values if v is not None]
        low, high = min(0.0, min(figures, default=0.0)), max(figures, default=0.0)
        if high == low:
            high = low + 1
        decimals = max((needed_decimals(v, 1) for v in figures), default=0)

        shapes, top = self.heading(chart, [])
        # The scale beside the title: the least and the most figure with five shades between.
        unit = self.text.glyphs(chart.unit)
        least = format_number(low, decimals) + (unit if unit else "")
        most = format_number(max(figures, default=0.0), decimals) + (unit if unit else "")
        swatch = 11.0
        scale_width = self.measure(least, _LEGEND_SIZE) + self.measure(most, _LEGEND_SIZE) + 5 * swatch + 8
        x = self.width - scale_width
        y = -_TITLE_SIZE + 1
        shapes.append(self.string(x, y, least, _LEGEND_SIZE, _MUTED))
        x += self.measure(least, _LEGEND_SIZE) + 4
        for step in range(5):
            shapes.append(Rect(x + step * swatch, y - 1, swatch, 8, fillColor=self.shade(step / 4),
                               strokeColor=None))
        shapes.append(self.string(x + 5 * swatch + 4, y, most, _LEGEND_SIZE, _MUTED))

        names = [self.shorten(s.name, _AXIS_SIZE, _MAX_ROW_LABEL) for s in chart.series]
        left = max((self.measure(n, _AXIS_SIZE) for n in names), default=0.0) + 6
        grid_width = self.width - left
        cell = grid_width / columns if columns else grid_width
        ticks = self.category_labels(chart.labels, cell, turn=False)
        bottom = ticks.height
        body = _HEAT_ROW * max(len(rows), 1)
        height = top + body + bottom
        drawing = Figure(self.width, height)
        frame = Group(*shapes)
        frame.translate(0, height)
        drawing.add(frame)

        grid_top = bottom + body
        if not rows or not columns:
            drawing.add(Rect(left, bottom, grid_width, body, fillColor=None, strokeColor=self._colour(_GRID),
                             strokeWidth=0.5))
        value_texts = [[format_number(v, decimals) if v else "" for v in values] for values in rows]
        numbered = all(self.measure(t, 6.5) <= cell - 3 for row in value_texts for t in row)
        for number, values in enumerate(rows):
            y = grid_top - _HEAT_ROW * (number + 1)
            drawing.add(self.string(left - 5, y + _HEAT_ROW / 2 - _AXIS_SIZE / 3, names[number], _AXIS_SIZE,
                                    _MUTED, "end"))
            for index, value in enumerate(values):
                share = 0.0 if value is None else (value - low) / (high - low)
                fill = self._colour("#FFFFFF") if value is None else self.shade(share)
                drawing.add(Rect(left + cell * index, y, cell, _HEAT_ROW, fillColor=fill,
                                 strokeColor=self._colour("#FFFFFF"), strokeWidth=0.8))
                if numbered and value_texts[number][index]:
                    drawing.add(self.string(left + cell * (index + 0.5), y + _HEAT_ROW / 2 - 2.2,
                                            value_texts[number][index], 6.5,
                                            "#FFFFFF" if share > 0.55 else _INK, "middle"))
        self.draw_ticks(drawing, ticks, left, cell, bottom)
        return drawing


__all__ = ["ACCENT", "PALETTE", "Figure", "chart_drawing", "text_shape"]
