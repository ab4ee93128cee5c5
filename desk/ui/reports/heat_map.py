"""UI layer: a heat map painted with QPainter — rows × columns of shades of the report's red (#C0392B), e.g. hours
booked by weekday and hour of the day — with row labels on the left, column labels beneath (thinned when they do
not fit) and the scale (least … most) above, as the printed report draws it.

Labels and numbers in, already translated; the number of every cell is in its tooltip and, all together, in the
widget's accessible description.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desk.ui.charts import labels_that_fit, tooltip_event

ACCENT = QColor("#C0392B")
NOTHING = (0.985, 0.955, 0.95)  # the near-white tint of an empty cell, as in the PDF
TEXT = QColor("#202124")
MUTED = QColor("#5f6368")
ROW_HEIGHT = 22
SWATCHES = 5


def shade(share: float) -> QColor:
    """From the near-white tint (nothing) to the accent (the most)."""
    share = min(1.0, max(0.0, share))
    low = NOTHING
    high = (ACCENT.redF(), ACCENT.greenF(), ACCENT.blueF())
    return QColor.fromRgbF(*(a + (b - a) * share for a, b in zip(low, high, strict=True)))


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


class HeatMap(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._rows: tuple[str, ...] = ()
        self._columns: tuple[str, ...] = ()
        self._values: tuple[tuple[float, ...], ...] = ()
        self._unit = ""
        self._empty_text = ""
        self._value_text: Callable[[float], str] = _plain

    # -- public --------------------------------------------------------------------------------------------------

    def set_data(self, rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[float]],
                 unit: str = "") -> None:
        """`values[r][c]` is the figure of row `rows[r]` and column `columns[c]`; `unit` names them in the tooltips."""
        if len(values) != len(rows) or any(len(v) != len(columns) for v in values):
            raise ValueError("one value per row and column")
        self._rows, self._columns = tuple(rows), tuple(columns)
        self._values = tuple(tuple(float(x) for x in v) for v in values)
        self._unit = unit
        self._describe()
        self.updateGeometry()
        self.update()

    def set_empty_text(self, text: str) -> None:
        """Shown instead of the cells while every value is zero."""
        self._empty_text = text
        self.update()

    def set_value_text(self, formatter: Callable[[float], str]) -> None:
        self._value_text = formatter
        self._describe()
        self.update()

    def rows(self) -> tuple[str, ...]:
        return self._rows

    def columns(self) -> tuple[str, ...]:
        return self._columns

    def values(self) -> tuple[tuple[float, ...], ...]:
        return self._values

    def shown_columns(self) -> list[int]:
        """The columns whose label is drawn at the current width (every second, third, ... when crowded)."""
        grid = self._grid_rect()
        if not self._columns or grid.width() <= 0:
            return []
        return labels_that_fit(QFontMetrics(self._small_font()), self._columns, grid.width() / len(self._columns), " ")

    def cell_rect(self, row: int, column: int) -> QRectF:
        grid = self._grid_rect()
        cell = grid.width() / max(len(self._columns), 1)
        return QRectF(grid.left() + column * cell, grid.top() + row * ROW_HEIGHT, cell, ROW_HEIGHT)

    def tooltip_at(self, x: float, y: float) -> str:
        grid = self._grid_rect()
        if not self._columns or not self._rows or not grid.contains(x, y):
            return ""
        column = min(int((x - grid.left()) / (grid.width() / len(self._columns))), len(self._columns) - 1)
        row = min(int((y - grid.top()) / ROW_HEIGHT), len(self._rows) - 1)
        return self._cell_text(row, column)

    # -- Qt ------------------------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(640, self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self._height())

    def event(self, event: QEvent) -> bool:
        return tooltip_event(self, event, self.tooltip_at) or super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = self._small_font()
        painter.setFont(font)
        metrics = QFontMetrics(font)
        figures = [v for row in self._values for v in row]
        most = max(figures, default=0.0)
        if most <= 0:
            painter.setPen(MUTED)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty_text)
            painter.end()
            return
        self._draw_scale(painter, metrics, most)
        grid = self._grid_rect()
        cell = grid.width() / len(self._columns)
        numbered = all(metrics.horizontalAdvance(self._value_text(v)) <= cell - 4 for v in figures if v)
        for r, (name, values) in enumerate(zip(self._rows, self._values, strict=True)):
            top = grid.top() + r * ROW_HEIGHT
            painter.setPen(MUTED)
            painter.drawText(QRectF(0, top, grid.left() - 6, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(grid.left() - 6)))
            for c, value in enumerate(values):
                share = value / most
                rect = QRectF(grid.left() + c * cell, top, cell, ROW_HEIGHT)
                painter.setPen(QPen(QColor("#ffffff"), 1))
                painter.setBrush(shade(share))
                painter.drawRect(rect)
                if numbered and value:
                    painter.setPen(QColor("#ffffff") if share > 0.55 else TEXT)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._value_text(value))
        painter.setPen(MUTED)
        bottom = grid.top() + len(self._rows) * ROW_HEIGHT + 3
        shown = self.shown_columns()
        every = shown[1] - shown[0] if len(shown) > 1 else 1
        for c in shown:
            center = grid.left() + (c + 0.5) * cell
            half = cell * every / 2
            painter.drawText(QRectF(center - half, bottom, 2 * half, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self._columns[c])
        painter.end()

    # -- drawing -------------------------------------------------------------------------------------------------

    def _draw_scale(self, painter: QPainter, metrics: QFontMetrics, most: float) -> None:
        """"0 ▢▢▢▢▢ 12.5" at the top right: the least and the most figure with the shades between."""
        least_text = self._value_text(0.0)
        most_text = self._value_text(most)
        swatch = 14
        width = (metrics.horizontalAdvance(least_text) + 6 + SWATCHES * swatch + 6
                 + metrics.horizontalAdvance(most_text))
        x = max(self.width() - width - 2, 0)
        height = metrics.height()
        painter.setPen(MUTED)
        painter.drawText(QRectF(x, 0, metrics.horizontalAdvance(least_text), height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, least_text)
        x += metrics.horizontalAdvance(least_text) + 6
        painter.setPen(Qt.PenStyle.NoPen)
        for step in range(SWATCHES):
            painter.setBrush(shade(step / (SWATCHES - 1)))
            painter.drawRect(QRectF(x + step * swatch, height / 2 - 5, swatch, 10))
        x += SWATCHES * swatch + 6
        painter.setPen(MUTED)
        painter.drawText(QRectF(x, 0, metrics.horizontalAdvance(most_text) + 2, height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, most_text)

    # -- geometry ------------------------------------------------------------------------------------------------

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 7.0))
        return font

    def _height(self) -> int:
        metrics = QFontMetrics(self._small_font())
        return metrics.height() + 6 + ROW_HEIGHT * max(len(self._rows), 1) + 3 + metrics.height() + 2

    def _grid_rect(self) -> QRectF:
        metrics = QFontMetrics(self._small_font())
        left = max((metrics.horizontalAdvance(r) for r in self._rows), default=0) + 10
        top = metrics.height() + 6
        return QRectF(left, top, max(self.width() - left - 2, 0), ROW_HEIGHT * len(self._rows))

    def _cell_text(self, row: int, column: int, separator: str = "\n") -> str:
        value = self._value_text(self._values[row][column])
        what = f"{self._unit}: {value}" if self._unit else value
        return f"{self._rows[row]} {self._columns[column]}{separator}{what}"

    def _describe(self) -> None:
        self.setAccessibleDescription("; ".join(
            self._cell_text(r, c, ", ") for r in range(len(self._rows)) for c in range(len(self._columns))
            if self._values[r][c]))


__all__ = ["HeatMap", "shade"]
