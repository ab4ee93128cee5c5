"""UI layer: small charts painted with QPainter (PySide6-Essentials has no QtCharts) — columns with comparison
lines (visitors per hour today against the weekday's average, per day of a month, ...) and horizontal bars
(visitors by category, ...).

The charts know nothing of the services: labels and numbers in, already translated. Labels that do not fit are
thinned out (every second, third, ... label) or elided, never drawn over each other; the numbers behind every
column or bar are in its tooltip and, all together, in the chart's accessible description.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

TEXT = QColor("#202124")
MUTED = QColor("#5f6368")
GRID = QColor("#e8eaed")
AXIS = QColor("#dadce0")
PRIMARY = "#8c1d18"  # the program's red, as in its icons
COMPARISON = "#5f6368"
TRACK = QColor("#e0e2e6")


def labels_that_fit(metrics: QFontMetrics, labels: Sequence[str], slot: float, gap: str) -> list[int]:
    """The indexes of the labels to draw when each has `slot` pixels: every one, or every second, third, ... so
    the widest (and `gap`) never overlaps its neighbour."""
    widest = max(metrics.horizontalAdvance(label) for label in labels) + metrics.horizontalAdvance(gap)
    every = max(1, math.ceil(widest / slot))
    return list(range(0, len(labels), every))


def plain_number(value: float) -> str:
    """A count as a whole number, anything else with one decimal (an average of 2.25 people is "2.3")."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


@dataclass(frozen=True)
class Series:
    """One row of numbers, one per label. In a ColumnChart the first series is drawn as columns, the others as
    lines over them."""

    name: str
    values: tuple[float, ...]
    color: str = PRIMARY  # "#rrggbb"
    dashed: bool = False


def nice_ceiling(value: float) -> tuple[float, float]:
    """The top of an axis and its step: 1, 2 or 5 times a power of ten, four steps or fewer up to `value`."""
    if value <= 0:
        return 1.0, 1.0
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1.0)  # counts of people: no half steps
    return math.ceil(value / step) * step, step


def tooltip_event(widget: QWidget, event: QEvent, text_at: Callable[[float, float], str]) -> bool:
    """Answer Qt's tooltip event with what a chart says at the point under the mouse (nothing where it says
    nothing); False for every other event, which the widget handles as usual."""
    if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
        return False
    text = text_at(event.pos().x(), event.pos().y())
    if text:
        QToolTip.showText(event.globalPos(), text, widget)
    else:
        QToolTip.hideText()
        event.ignore()
    return True


class _Chart(QWidget):
    """What both charts share: a small font of the widget's, the empty text, and tooltips by position."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._empty_text = ""
        self._value_text: Callable[[float], str] = plain_number

    def set_empty_text(self, text: str) -> None:
        """Shown instead of the chart while every value is zero."""
        self._empty_text = text
        self.update()

    def set_value_text(self, formatter: Callable[[float], str]) -> None:
        self._value_text = formatter
        self._describe()
        self.update()

    def tooltip_at(self, x: float, y: float) -> str:
        raise NotImplementedError

    def _describe(self) -> None:
        raise NotImplementedError

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 7.0))
        return font

    def _draw_empty(self, painter: QPainter) -> None:
        painter.setPen(MUTED)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty_text)

    def event(self, event: QEvent) -> bool:
        return tooltip_event(self, event, self.tooltip_at) or super().event(event)


class ColumnChart(_Chart):
    """One slot per label: a column for the first series, a line with dots for each other series, a legend on
    top and a value axis on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: tuple[str, ...] = ()
        self._tooltip_labels: tuple[str, ...] = ()
        self._series: tuple[Series, ...] = ()

    def set_data(self, labels: Sequence[str], series: Sequence[Series],
                 tooltip_labels: Sequence[str] | None = None) -> None:
        """`labels` under the slots (short: "9时"); `tooltip_labels` name the slots in full ("9:00–10:00")."""
        if any(len(s.values) != len(labels) for s in series):
            raise ValueError("every series needs one value per label")
        self._labels = tuple(labels)
        self._tooltip_labels = tuple(tooltip_labels) if tooltip_labels is not None else self._labels
        self._series = tuple(series)
        self._describe()
        self.update()

    def labels(self) -> tuple[str, ...]:
        return self._labels

    def series(self) -> tuple[Series, ...]:
        return self._series

    def shown_labels(self) -> list[int]:
        """The indexes of the labels drawn under the axis at the current width (the others are left out)."""
        plot = self._plot_rect()
        if not self._labels or plot.width() <= 0:
            return []
        return labels_that_fit(QFontMetrics(self._small_font()), self._labels, plot.width() / len(self._labels), "  ")

    def slot_rect(self, index: int) -> QRectF:
        """Where the slot of label `index` is drawn (the full height of the plot)."""
        plot = self._plot_rect()
        slot = plot.width() / max(len(self._labels), 1)
        return QRectF(plot.left() + index * slot, plot.top(), slot, plot.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 150)

    def sizeHint(self) -> QSize:
        return QSize(480, 220)

    def tooltip_at(self, x: float, y: float) -> str:
        plot = self._plot_rect()
        if not self._labels or not plot.contains(int(x), int(y)):
            return ""
        index = min(int((x - plot.left()) / (plot.width() / len(self._labels))), len(self._labels) - 1)
        return self._slot_text(index, "\n")

    # -- drawing -------------------------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._small_font())
        if not self._labels or not any(v for s in self._series for v in s.values):
            self._draw_empty(painter)
            painter.end()
            return
        plot = self._plot_rect()
        top, step = self._scale()
        metrics = QFontMetrics(painter.font())
        self._draw_legend(painter, metrics)

        def y_of(value: float) -> float:
            return plot.bottom() - value / top * plot.height()

        # The value axis: gridlines at each step, numbers right-aligned left of the plot.
        tick = 0.0
        while tick <= top + 1e-9:
            y = y_of(tick)
            painter.setPen(QPen(AXIS if tick == 0 else GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED)
            text = plain_number(tick)
            painter.drawText(QRectF(0, y - metrics.height() / 2, plot.left() - 6, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            tick += step

        slot = plot.width() / len(self._labels)
        if self._series:
            columns = self._series[0]
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(columns.color))
            width = max(2.0, slot * 0.62)
            for i, value in enumerate(columns.values):
                if value <= 0:
                    continue
                x = plot.left() + i * slot + (slot - width) / 2
                painter.drawRect(QRectF(x, y_of(value), width, plot.bottom() - y_of(value)))
        for line in self._series[1:]:
            pen = QPen(QColor(line.color), 2)
            if line.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            points = [QPointF(plot.left() + (i + 0.5) * slot, y_of(v)) for i, v in enumerate(line.values)]
            painter.drawPolyline(points)
            painter.setPen(QPen(QColor(line.color), 1))
            painter.setBrush(QColor(line.color))
            for point in points:
                painter.drawEllipse(point, 2.5, 2.5)

        painter.setPen(MUTED)
        for i in self.shown_labels():
            center = plot.left() + (i + 0.5) * slot
            half = slot * max(1, self._label_every()) / 2
            painter.drawText(QRectF(center - half, plot.bottom() + 4, 2 * half, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self._labels[i])
        painter.end()

    def _draw_legend(self, painter: QPainter, metrics: QFontMetrics) -> None:
        x = float(self._plot_rect().left())
        y = 2.0
        height = metrics.height()
        for index, series in enumerate(self._series):
            painter.setPen(Qt.PenStyle.NoPen)
            if index == 0:
                painter.setBrush(QColor(series.color))
                painter.drawRect(QRectF(x, y + height / 2 - 5, 10, 10))
            else:
                pen = QPen(QColor(series.color), 2)
                if series.dashed:
                    pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(QPointF(x - 2, y + height / 2), QPointF(x + 12, y + height / 2))
            x += 16
            room = self.width() - x - 4
            text = metrics.elidedText(series.name, Qt.TextElideMode.ElideRight, int(max(room, 0)))
            painter.setPen(TEXT)
            painter.drawText(QRectF(x, y, room, height), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             text)
            x += metrics.horizontalAdvance(text) + 18

    # -- geometry ------------------------------------------------------------------------------------------------

    def _scale(self) -> tuple[float, float]:
        return nice_ceiling(max((v for s in self._series for v in s.values), default=0.0))

    def _plot_rect(self) -> QRect:
        metrics = QFontMetrics(self._small_font())
        top, _step = self._scale()
        axis = metrics.horizontalAdvance(plain_number(top)) + 10
        legend = metrics.height() + 8
        return QRect(axis, legend, max(self.width() - axis - 6, 0),
                     max(self.height() - legend - metrics.height() - 8, 0))

    def _label_every(self) -> int:
        shown = self.shown_labels()
        return shown[1] - shown[0] if len(shown) > 1 else 1

    def _slot_text(self, index: int, separator: str) -> str:
        values = [f"{s.name} {self._value_text(s.values[index])}" for s in self._series]
        return separator.join([self._tooltip_labels[index], *values])

    def _describe(self) -> None:
        self.setAccessibleDescription("; ".join(self._slot_text(i, ", ") for i in range(len(self._labels))))


class BarChart(_Chart):
    """Horizontal bars, one row per label: the label and its number on a line, the bar beneath them. Label and
    number share the line (the label elided only when both cannot fit), so long category names in any language
    still leave the bars the whole width."""

    ROW_GAP = 8
    TIGHT_GAP = 3
    BAR = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: tuple[str, ...] = ()
        self._values: tuple[float, ...] = ()
        self._texts: tuple[str, ...] = ()
        self._color = PRIMARY

    def set_data(self, labels: Sequence[str], values: Sequence[float], texts: Sequence[str] | None = None,
                 color: str = PRIMARY) -> None:
        """`texts` are written beside the labels (e.g. "12 人次 · 9 次"); the plain numbers by default."""
        if len(values) != len(labels) or (texts is not None and len(texts) != len(labels)):
            raise ValueError("every label needs one value")
        self._labels = tuple(labels)
        self._values = tuple(float(v) for v in values)
        self._texts = tuple(texts) if texts is not None else tuple(self._value_text(v) for v in self._values)
        self._color = color
        self._describe()
        self.updateGeometry()
        self.update()

    def labels(self) -> tuple[str, ...]:
        return self._labels

    def values(self) -> tuple[float, ...]:
        return self._values

    def texts(self) -> tuple[str, ...]:
        return self._texts

    def row_height(self) -> int:
        """The pitch of a row at the chart's height: the gap between rows closes up to TIGHT_GAP on a short
        screen, so the lists beside the chart keep their lines."""
        line = QFontMetrics(self._small_font()).height() + 3 + self.BAR
        rows = max(len(self._labels), 1)
        return max(line + self.TIGHT_GAP, min(line + self.ROW_GAP, self.height() // rows))

    def minimumSizeHint(self) -> QSize:
        line = QFontMetrics(self._small_font()).height() + 3 + self.BAR
        return QSize(180, max(len(self._labels), 1) * (line + self.TIGHT_GAP))

    def sizeHint(self) -> QSize:
        line = QFontMetrics(self._small_font()).height() + 3 + self.BAR
        return QSize(320, max(len(self._labels), 1) * (line + self.ROW_GAP))

    def fits(self) -> bool:
        """Every label and number is shown whole at the current width."""
        metrics = QFontMetrics(self._small_font())
        return all(metrics.horizontalAdvance(label) + 12 + metrics.horizontalAdvance(text) <= self.width()
                   for label, text in zip(self._labels, self._texts, strict=True))

    def tooltip_at(self, x: float, y: float) -> str:
        index = int(y // self.row_height())
        if not 0 <= index < len(self._labels) or y < 0:
            return ""
        return f"{self._labels[index]}: {self._texts[index]}"

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._small_font())
        if not self._labels or not any(self._values):
            self._draw_empty(painter)
            painter.end()
            return
        metrics = QFontMetrics(painter.font())
        top = max(self._values)
        row = self.row_height()
        width = self.width()
        for i, (label, value, text) in enumerate(zip(self._labels, self._values, self._texts, strict=True)):
            y = i * row
            number = metrics.horizontalAdvance(text)
            room = max(width - number - 12, 0)
            painter.setPen(TEXT)
            painter.drawText(QRectF(0, y, room, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight, room))
            painter.setPen(MUTED)
            painter.drawText(QRectF(width - number, y, number, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            bar_top = y + metrics.height() + 3
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TRACK)
            painter.drawRoundedRect(QRectF(0, bar_top, width, self.BAR), 3, 3)
            if value > 0 and top:
                painter.setBrush(QColor(self._color))
                painter.drawRoundedRect(QRectF(0, bar_top, max(width * value / top, self.BAR), self.BAR), 3, 3)
        painter.end()

    def _describe(self) -> None:
        self.setAccessibleDescription("; ".join(f"{label}: {text}"
                                                for label, text in zip(self._labels, self._texts, strict=False)))


__all__ = ["BarChart", "ColumnChart", "Series", "nice_ceiling", "plain_number"]
