"""UI layer: a report document (desk.printing.report_document.ReportDocument) on screen — the same values the PDF
prints: the title and period, the headline figures as cards with their change against the previous period, then
each section's heading, note, charts (columns from desk.ui.charts, the weekday × hour heat map) and tables.

Everything sits in one scroll area: a table is as tall as its rows (no scroll area inside the scroll area), as
wide as its columns, and two narrow tables share a row. Tables are read-only views over `ReportTableModel`:
numbers right-aligned with thousands separators, dates YYYY-MM-DD, the total row bold; a table without rows shows
its `empty` text.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.printing.report_document import (
    Cell,
    Chart,
    ChartKind,
    Headline,
    ReportDocument,
    Section,
    Table,
    change_text,
    format_number,
    needed_decimals,
)
from desk.ui.charts import ColumnChart, Series
from desk.ui.reports.heat_map import HeatMap
from desk.ui.settings._common import AnyIndex

ACCENT = "#C0392B"
MUTED = "#5f6368"
CARD_MIN_WIDTH = 190
CHART_HEIGHT = 220
FEW_LABELS = 12  # a lone chart of this many bars or fewer takes half the width, not bars a hand wide
NARROW_COLUMNS = 5  # tables of this many columns or fewer may share a row
PAIR_WIDTH = 760  # ... when both fit the page's width together (this, at the window's smallest, until shown)
TABLE_GAP = 24
TOTAL_FILL = QColor("#ececec")


def _kind(values: Sequence[Cell]) -> str:
    """"number", "date" or "text", from the column's filled cells (as the PDF aligns them)."""
    filled = [v for v in values if v is not None and v != ""]
    if filled and all(isinstance(v, int | float) and not isinstance(v, bool) for v in filled):
        return "number"
    if filled and all(isinstance(v, dt.date) for v in filled):
        return "date"
    return "text"


class ReportTableModel(QAbstractTableModel):
    """One table of the report: its rows and, when it has rows, its total as a last, bold row."""

    def __init__(self, table: Table, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = table
        columns = len(table.header)
        self._rows: list[tuple[Cell, ...]] = [tuple(list(row[:columns]) + [None] * (columns - len(row)))
                                              for row in table.rows]
        self._has_total = bool(table.total) and bool(self._rows)
        if self._has_total and table.total is not None:
            total = list(table.total[:columns])
            self._rows.append(tuple(total + [None] * (columns - len(total))))
        self._columns = columns
        self._kinds = [_kind([row[c] for row in self._rows]) for c in range(columns)]
        self._decimals = [max((needed_decimals(v) for row in self._rows if isinstance(v := row[c], float)
                               and math.isfinite(v)), default=0) for c in range(columns)]
        # Worded once: the view asks for every cell again at each paint and resize.
        locale = QLocale()
        self._texts = [[self._word(row[c], c, locale) for c in range(columns)] for row in self._rows]
        self._aligns = [int(self._alignment(c).value) for c in range(columns)]

    @property
    def table(self) -> Table:
        return self._table

    def is_empty(self) -> bool:
        return not self._table.rows

    def is_total(self, row: int) -> bool:
        return self._has_total and row == len(self._rows) - 1

    def text(self, row: int, column: int) -> str:
        """A cell as shown."""
        return self._texts[row][column]

    def _word(self, value: Cell, column: int, locale: QLocale) -> str:
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            return ""
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return locale.toString(value)
        if isinstance(value, float):
            return locale.toString(value, "f", self._decimals[column])
        if isinstance(value, dt.datetime):
            return f"{value:%Y-%m-%d %H:%M}"
        if isinstance(value, dt.date):
            return f"{value:%Y-%m-%d}"
        return " ".join(str(value).split())

    # -- Qt ------------------------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else self._columns

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self._columns:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self._table.header[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._aligns[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < self._columns):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._aligns[column]
        if role == Qt.ItemDataRole.FontRole and self.is_total(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and self.is_total(row):
            return QBrush(TOTAL_FILL)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _alignment(self, column: int) -> Qt.AlignmentFlag:
        kind = self._kinds[column]
        across = (Qt.AlignmentFlag.AlignRight if kind == "number" else
                  Qt.AlignmentFlag.AlignHCenter if kind == "date" else Qt.AlignmentFlag.AlignLeft)
        return across | Qt.AlignmentFlag.AlignVCenter


class DataTable(QTableView):
    """A read-only table exactly as tall as its rows and no wider than its columns, so the page's scroll area
    alone scrolls; only a table wider than the page scrolls sideways."""

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        model.setParent(self)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustIgnored)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        self.resizeColumnsToContents()
        for column in range(header.count()):
            header.resizeSection(column, max(header.sectionSize(column) + 12, 56))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit_height()

    def content_width(self) -> int:
        return self.horizontalHeader().length() + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        return QSize(self.content_width(), self._height(False))

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.content_width(), 240), self._height(False))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _height(self, scrolled: bool) -> int:
        rows = self.verticalHeader().length()
        extra = self.horizontalScrollBar().sizeHint().height() if scrolled else 0
        return self.horizontalHeader().height() + rows + 2 * self.frameWidth() + extra

    def _fit_height(self) -> None:
        scrolled = self.content_width() > self.width() if self.width() > 0 else False
        height = self._height(scrolled)
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)


class HeadlineCard(QFrame):
    """One headline figure: its label, the value with its unit, and the change against the previous period."""

    def __init__(self, headline: Headline, change: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = headline
        self.setObjectName("headline_card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#headline_card { background: #fafafa; border: 1px solid #e4e4e4;"
                           " border-radius: 6px; }")
        self.setMinimumWidth(CARD_MIN_WIDTH - 20)
        # As tall as its wrapped lines need at the width it gets (a fixed height clipped a second line).
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.label = QLabel(headline.label)
        self.label.setObjectName("headline_label")
        self.label.setStyleSheet(f"color: {MUTED};")
        self.label.setWordWrap(True)
        self.value = QLabel(self.value_text())
        self.value.setObjectName("headline_value")
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        self.unit = QLabel(headline.unit)
        self.unit.setObjectName("headline_unit")
        self.unit.setStyleSheet(f"color: {MUTED};")
        self.change = QLabel(change)
        self.change.setObjectName("headline_change")
        self.change.setStyleSheet(f"color: {MUTED};")
        self.change.setWordWrap(True)
        figure = QHBoxLayout()
        figure.setSpacing(4)
        figure.addWidget(self.value, 0, Qt.AlignmentFlag.AlignBottom)
        figure.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignBottom)
        figure.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 8)
        column.setSpacing(2)
        column.addWidget(self.label)
        column.addLayout(figure)
        column.addWidget(self.change)
        column.addStretch(1)  # a card beside a taller one keeps its lines at the top

    def value_text(self) -> str:
        value = self.headline.value
        if not math.isfinite(value):
            return "—"
        if self.headline.decimals == 0 and float(value).is_integer():
            return QLocale().toString(int(value))
        return QLocale().toString(value, "f", self.headline.decimals)


class _CardGrid(QWidget):
    """The headline cards, as many to a row as the width holds."""

    def __init__(self, cards: list[HeadlineCard], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cards = cards
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(10)
        # The grid's columns of the moment must not hold the page wide: narrower, it takes fewer to a row.
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._per_row = 0
        self._place(4)

    def minimumSizeHint(self) -> QSize:
        return QSize(CARD_MIN_WIDTH, self._grid.minimumSize().height())

    def sizeHint(self) -> QSize:
        return self._grid.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place(max(1, min(len(self._cards), (event.size().width() + 10) // CARD_MIN_WIDTH)))

    def _place(self, per_row: int) -> None:
        if per_row == self._per_row or not self._cards:
            return
        self._per_row = per_row
        for card in self._cards:
            self._grid.removeWidget(card)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        for index, card in enumerate(self._cards):
            self._grid.addWidget(card, index // per_row, index % per_row)
        for column in range(per_row):
            self._grid.setColumnStretch(column, 1)
        self.updateGeometry()


def _marked(heading: QLabel) -> QWidget:
    """A heading set larger and bold, after a short bar of the report's red (as the PDF marks its headings)."""
    font = QFont(heading.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    heading.setFont(font)
    bar = QFrame()
    bar.setFixedWidth(4)
    bar.setStyleSheet(f"background: {ACCENT}; border: none;")
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(8)
    row.addWidget(bar)
    row.addWidget(heading, 1)
    return box


class ChartBlock(QWidget):
    """A chart's title over the chart."""

    def __init__(self, chart: Chart, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.title = QLabel(chart.title)
        self.title.setObjectName("chart_title")
        self.title.setWordWrap(True)
        self.widget: ColumnChart | HeatMap
        if chart.kind is ChartKind.HEAT:
            heat = HeatMap()
            heat.set_data([s.name for s in chart.series], list(chart.labels), [list(s.values) for s in chart.series],
                          chart.unit)
            heat.set_value_text(_figure_text)
            heat.set_empty_text(empty_text)
            self.widget = heat
        else:
            # Columns for bars and for the daily line alike: one slot per day or hour reads the same way, and
            # a second series (if a chart has one) is drawn as a line over them.
            columns = ColumnChart()
            columns.set_data(list(chart.labels),
                             [Series(s.name or chart.unit, tuple(float(v) for v in s.values),
                                     color=ACCENT if i == 0 else "#7f8c8d") for i, s in enumerate(chart.series)])
            columns.set_value_text(_figure_text)
            columns.set_empty_text(empty_text)
            columns.setMinimumHeight(CHART_HEIGHT)
            columns.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            columns.setFixedHeight(CHART_HEIGHT)
            self.widget = columns
        self.widget.setObjectName(f"chart_{chart.kind.value}")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.title)
        column.addWidget(self.widget)


def _figure_text(value: float) -> str:
    return format_number(value, needed_decimals(value, 1))


class TableBlock(QWidget):
    """A table's title over the table, or over its `empty` text when it has no rows."""

    def __init__(self, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ReportTableModel(table)
        self.title = QLabel(table.title)
        self.title.setObjectName("table_title")
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.view = DataTable(self.model)
        self.view.setObjectName("report_table")
        self.empty = QLabel(table.empty)
        self.empty.setObjectName("table_empty")
        self.empty.setStyleSheet(f"color: {MUTED}; padding: 6px 0;")
        self.view.setVisible(not self.model.is_empty())
        self.empty.setVisible(self.model.is_empty())
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.title)
        column.addWidget(self.view)
        column.addWidget(self.empty)
        column.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(max(self.view.content_width(), 200) if not self.model.is_empty() else 16_777_215)

    def is_narrow(self) -> bool:
        return len(self.model.table.header) <= NARROW_COLUMNS

    def natural_width(self) -> int:
        """The width that shows every column whole."""
        return max(self.view.content_width(), self.title.sizeHint().width())


class SectionView(QWidget):
    def __init__(self, section: Section, empty_text: str, room: int = 0, parent: QWidget | None = None) -> None:
        """`room`: the width the section will have (0: unknown), which two tables side by side must fit."""
        super().__init__(parent)
        self.section = section
        self.heading = QLabel(section.heading)
        self.heading.setObjectName("section_heading")
        self.note = QLabel(section.note)
        self.note.setObjectName("section_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED};")
        self.note.setVisible(bool(section.note))
        self.charts = [ChartBlock(chart, empty_text) for chart in section.charts]
        self.tables = [TableBlock(table) for table in section.tables]

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(_marked(self.heading))
        column.addWidget(self.note)
        # Two column charts side by side; a heat map, or a chart of many days alone, has the whole width.
        row: QHBoxLayout | None = None
        for block in self.charts:
            if block.chart.kind is ChartKind.HEAT or (len(self.charts) == 1 and len(block.chart.labels) > FEW_LABELS):
                column.addWidget(block)
                row = None
                continue
            if row is None or row.count() >= 2:
                row = QHBoxLayout()
                row.setSpacing(16)
                column.addLayout(row)
            row.addWidget(block, 1)
        if row is not None and row.count() == 1:
            row.addStretch(1)  # a lone chart of a few bars keeps the width of one beside another
        # The tables two by two (first and second, third and fourth): side by side when both are narrow and
        # together fit the room (a small window's when it is not known yet), else each on its own row.
        room = room if room > 0 else PAIR_WIDTH
        for first in range(0, len(self.tables), 2):
            pair = self.tables[first:first + 2]
            together = len(pair) == 2 and all(t.is_narrow() for t in pair) and (
                sum(t.natural_width() for t in pair) + TABLE_GAP <= room)
            for line_tables in ([pair] if together else [[t] for t in pair]):
                line = QHBoxLayout()
                line.setSpacing(TABLE_GAP)
                for table in line_tables:
                    line.addWidget(table, 0, Qt.AlignmentFlag.AlignTop)
                line.addStretch(1)
                column.addLayout(line)


class DocumentView(QScrollArea):
    """The report on screen. `show_document` replaces what it shows; `show_message` shows a line instead (no
    report yet, or the period cannot be reported)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._document: ReportDocument | None = None
        self._cards: list[HeadlineCard] = []
        self._sections: list[SectionView] = []
        self._message = QLabel()
        self.show_message("")

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def document(self) -> ReportDocument | None:
        return self._document

    def cards(self) -> list[HeadlineCard]:
        return list(self._cards)

    def sections(self) -> list[SectionView]:
        return list(self._sections)

    def card(self, label: str) -> HeadlineCard:
        return next(card for card in self._cards if card.headline.label == label)

    def show_message(self, text: str) -> None:
        self._document = None
        self._cards, self._sections = [], []
        self._message = QLabel(text)
        self._message.setObjectName("report_message")
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setStyleSheet(f"color: {MUTED};")
        self._message.setWordWrap(True)
        self._replace(self._message)

    def message(self) -> str:
        return self._message.text() if self._document is None else ""

    def show_document(self, document: ReportDocument, empty_text: str) -> None:
        """`empty_text` is what a chart with no figures says."""
        # Stepping from month to month keeps the place on the page, so the same table can be compared.
        keep = self.verticalScrollBar().value() if self._document is not None else 0
        self._document = document
        page = QWidget()
        page.setObjectName("report_document")
        column = QVBoxLayout(page)
        column.setContentsMargins(4, 4, 16, 16)
        column.setSpacing(14)

        title = QLabel(document.title)
        title.setObjectName("report_title")
        title.setWordWrap(True)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel("  ·  ".join(part for part in (
            document.subtitle, document.words.printed_at.format(at=document.printed_at)) if part))
        subtitle.setObjectName("report_subtitle")
        subtitle.setWordWrap(True)
        subtitle.setStyleSheet(f"color: {MUTED};")
        heading = QLabel(document.words.headlines)
        heading.setObjectName("headlines_heading")

        self._cards = [HeadlineCard(h, change_text(h, document.words)[0]) for h in document.headlines]
        room = self.viewport().width() - 20 if self.isVisible() else 0  # the page's margins
        self._sections = [SectionView(section, empty_text, room) for section in document.sections]
        column.addWidget(title)
        column.addWidget(subtitle)
        if self._cards:
            column.addWidget(_marked(heading))
            column.addWidget(_CardGrid(self._cards))
        for section in self._sections:
            column.addSpacing(6)
            column.addWidget(section)
        column.addStretch(1)
        self._replace(page)
        QTimer.singleShot(0, self, lambda: self.verticalScrollBar().setValue(keep))  # once the page is laid out

    def _replace(self, widget: QWidget) -> None:
        old = self.takeWidget()
        self.setWidget(widget)
        if old is not None:
            old.deleteLater()


__all__ = ["DataTable", "DocumentView", "HeadlineCard", "ReportTableModel", "SectionView", "TableBlock"]
