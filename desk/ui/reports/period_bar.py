"""UI layer: the 报表 page's top bar — the kind of period (日/周/月/季度/年/自定义) with a picker that fits it (a date
for a day or a week, month and year, quarter and year, the year, or from/to dates), ◀ ▶ to step to the period
before or after, the base, and 刷新.

`changed` is emitted once for every new period or base the bar holds; a custom range that ends before it starts
(or is longer than a report may be) is refused next to the field, and nothing is emitted.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import EndBeforeStart, OutOfRange
from desk.domain.periods import MAX_DAYS, Period, PeriodKind
from desk.ui.reports.wording import kind_name
from desk.ui.settings._common import from_qdate, to_qdate
from desk.ui.widgets import DATE_EDIT_FORMAT, ErrorLabel, Retranslating

FIRST_YEAR = 2000
LAST_YEAR = 2100
HINT_STYLE = "color: #5f6368;"


def following(period: Period) -> Period:
    """The period just after: the next day, week, month, quarter or year; for a custom range the range of the
    same number of days starting the day after it ends."""
    if period.kind is PeriodKind.CUSTOM:
        start = period.end + dt.timedelta(days=1)
        return Period.custom(start, start + dt.timedelta(days=period.days - 1))
    return Period.containing(period.end + dt.timedelta(days=1), period.kind)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_EDIT_FORMAT)
    edit.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
    return edit


class PeriodBar(Retranslating, QWidget):
    changed = Signal()  # a new period or base; read them with `period()` and `base_code()`
    refresh_requested = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._kind = QComboBox()
        self._kind.setObjectName("period_kind")
        for kind in PeriodKind:
            self._kind.addItem("", kind.value)
        self._day = _date_edit("period_day")
        self._year = QSpinBox()
        self._year.setObjectName("period_year")
        self._year.setRange(FIRST_YEAR, LAST_YEAR)
        self._year.setGroupSeparatorShown(False)
        self._month = QComboBox()
        self._month.setObjectName("period_month")
        for month in range(1, 13):
            self._month.addItem("", month)
        self._quarter = QComboBox()
        self._quarter.setObjectName("period_quarter")
        for quarter in range(1, 5):
            self._quarter.addItem("", quarter)
        self._from = _date_edit("period_from")
        self._to_label = QLabel()
        self._to = _date_edit("period_to")
        self._previous = QPushButton("◀")
        self._previous.setObjectName("period_previous")
        self._next = QPushButton("▶")
        self._next.setObjectName("period_next")
        for button in (self._previous, self._next):
            button.setFixedWidth(34)
        self._span = QLabel()
        self._span.setObjectName("period_span")
        self._span.setStyleSheet(HINT_STYLE)
        self._base_label = QLabel()
        self._base = QComboBox()
        self._base.setObjectName("report_base")
        # Wide enough for ten characters and growing with the room there is: in a narrow window a long base name
        # is elided; the list shows it whole.
        self._base.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._base.setMinimumContentsLength(10)
        self._base.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._refresh = QPushButton()
        self._refresh.setObjectName("report_refresh")
        self._error = ErrorLabel()
        self._error.setObjectName("period_error")
        self._error.setWordWrap(False)
        self._error.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self._kind)
        row.addSpacing(4)
        row.addWidget(self._previous)
        for widget in (self._day, self._year, self._month, self._quarter, self._from, self._to_label, self._to):
            row.addWidget(widget)
        row.addWidget(self._next)
        row.addSpacing(8)
        row.addWidget(self._span)
        row.addStretch(1)
        # The base chooser and Refresh sit where the page puts `side` (beside its file buttons), so the period row
        # keeps room for the whole date range even in a 1024-pixel window.
        self.side = QWidget()
        self.side.setObjectName("period_side")
        side = QHBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(6)
        side.addWidget(self._base_label)
        side.addWidget(self._base)
        side.addWidget(self._refresh)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self._error)

        self._quiet = False
        self._kind.setCurrentIndex(list(PeriodKind).index(PeriodKind.MONTH))
        self._show(Period.containing(today, PeriodKind.MONTH))
        self._last: tuple[Period | None, str | None] = (self.period(), None)

        self._kind.currentIndexChanged.connect(self._on_kind_changed)
        for date_edit in (self._day, self._from, self._to):
            date_edit.dateChanged.connect(self._on_picker_changed)
        self._year.valueChanged.connect(self._on_picker_changed)
        self._month.currentIndexChanged.connect(self._on_picker_changed)
        self._quarter.currentIndexChanged.connect(self._on_picker_changed)
        self._previous.clicked.connect(self._on_previous_clicked)
        self._next.clicked.connect(self._on_next_clicked)
        self._base.currentIndexChanged.connect(self._on_picker_changed)
        self._refresh.clicked.connect(self.refresh_requested.emit)
        self.retranslate()

    # -- public --------------------------------------------------------------------------------------------------

    def kind(self) -> PeriodKind:
        return PeriodKind(self._kind.currentData())

    def period(self) -> Period | None:
        """The period the pickers show; None while a custom range is refused."""
        try:
            return self._read()
        except (EndBeforeStart, OutOfRange):
            return None

    def base_code(self) -> str | None:
        code = self._base.currentData()
        return str(code) if code else None

    def set_bases(self, bases: list[tuple[str, str]], chosen: str | None) -> None:
        """The bases to choose from, as (code, shown name); `chosen` stays chosen when it is still there."""
        current = chosen or self.base_code()
        self._quiet = True
        self._base.clear()
        for code, name in bases:
            self._base.addItem(name, code)
        index = self._base.findData(current)
        self._base.setCurrentIndex(max(index, 0))
        self._quiet = False
        self._base.setEnabled(len(bases) > 1)
        self._last = (self.period(), self.base_code())

    def name_base(self, code: str, name: str) -> None:
        """Show a base by its name once a report has told it (the list may know its code alone)."""
        index = self._base.findData(code)
        if index >= 0:
            self._base.setItemText(index, name)

    def set_today(self, today: dt.date) -> None:
        """The base's today, which a new kind of period starts from when the period shown holds it."""
        self._today = today

    def set_kind(self, kind: PeriodKind) -> None:
        self._kind.setCurrentIndex(list(PeriodKind).index(kind))

    def set_period(self, period: Period) -> None:
        """Show `period` (its kind too) and emit `changed` once."""
        self._quiet = True
        self._kind.setCurrentIndex(list(PeriodKind).index(period.kind))
        self._show(period)
        self._quiet = False
        self._on_picker_changed()

    def step(self, forward: bool) -> None:
        period = self.period()
        if period is None:
            return
        try:
            chosen = following(period) if forward else period.previous()
        except (EndBeforeStart, OutOfRange):
            return
        if chosen.start.year < FIRST_YEAR or chosen.end.year > LAST_YEAR:
            return  # beyond the years the pickers hold
        self.set_period(chosen)

    def retranslate(self) -> None:
        for index, kind in enumerate(PeriodKind):
            self._kind.setItemText(index, kind_name(kind))
        locale = QLocale()
        for index in range(12):
            self._month.setItemText(index, locale.standaloneMonthName(index + 1, QLocale.FormatType.LongFormat))
        for index in range(4):
            self._quarter.setItemText(index, self.tr("第 %1 季度").replace("%1", str(index + 1)))
        self._to_label.setText(self.tr("至"))
        self._previous.setToolTip(self.tr("上一期"))
        self._next.setToolTip(self.tr("下一期"))
        self._day.setToolTip(self.tr("选择日期；按周统计时为这一天所在的周（周一至周日）"))
        self._base_label.setText(self.tr("基地"))
        self._refresh.setText(self.tr("刷新"))
        self._show_span()

    # -- reading and showing -------------------------------------------------------------------------------------

    def _read(self) -> Period:
        kind = self.kind()
        match kind:
            case PeriodKind.DAY | PeriodKind.WEEK:
                return Period.containing(from_qdate(self._day.date()), kind)
            case PeriodKind.MONTH:
                return Period.month(self._year.value(), int(self._month.currentData()))
            case PeriodKind.QUARTER:
                return Period.quarter(self._year.value(), int(self._quarter.currentData()))
            case PeriodKind.YEAR:
                return Period.year(self._year.value())
            case PeriodKind.CUSTOM:
                return Period.custom(from_qdate(self._from.date()), from_qdate(self._to.date()))

    def _show(self, period: Period) -> None:
        """Put `period` into the pickers of its kind, and show only those."""
        kind = period.kind
        for widget in (self._day, self._year, self._month, self._quarter, self._from, self._to):
            widget.blockSignals(True)
        self._day.setDate(to_qdate(period.start))
        self._year.setValue(period.start.year)
        self._month.setCurrentIndex(period.start.month - 1)
        self._quarter.setCurrentIndex((period.start.month - 1) // 3)
        self._from.setDate(to_qdate(period.start))
        self._to.setDate(to_qdate(period.end))
        for widget in (self._day, self._year, self._month, self._quarter, self._from, self._to):
            widget.blockSignals(False)
        self._day.setVisible(kind in (PeriodKind.DAY, PeriodKind.WEEK))
        self._year.setVisible(kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR))
        self._month.setVisible(kind is PeriodKind.MONTH)
        self._quarter.setVisible(kind is PeriodKind.QUARTER)
        for custom in (self._from, self._to_label, self._to):
            custom.setVisible(kind is PeriodKind.CUSTOM)
        self._error.show_text("")
        self._show_span()

    def _show_span(self) -> None:
        period = self.period()
        if period is None or period.kind is PeriodKind.CUSTOM:
            self._span.clear()
            return
        if period.days == 1:
            text = QLocale().dayName(period.start.isoweekday(), QLocale.FormatType.LongFormat)
        else:
            text = self.tr("%1 至 %2").replace("%1", f"{period.start:%Y-%m-%d}").replace("%2", f"{period.end:%Y-%m-%d}")
        self._span.setText(text)

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_kind_changed(self, _index: int) -> None:
        """A new kind keeps the moment: the month of the day shown, the year of the month shown, ..."""
        previous = self._last[0]
        if previous is None:
            anchor = from_qdate(self._from.date())
        else:  # from this month to a week: this week, not the month's first week
            anchor = self._today if self._today in previous else previous.start
        self._quiet = True
        kind = self.kind()
        if kind is PeriodKind.CUSTOM:
            shown = previous if previous is not None else Period.custom(anchor, anchor)
            self._show(Period.custom(shown.start, shown.end))
        else:
            self._show(Period.containing(anchor, kind))
        self._quiet = False
        self._on_picker_changed()

    def _on_picker_changed(self, *_args: object) -> None:
        if self._quiet:
            return
        try:
            period: Period | None = self._read()
        except EndBeforeStart:
            period = None
            self._error.show_text(self.tr("结束日期不能早于开始日期，请检查。"))
        except OutOfRange:
            period = None
            self._error.show_text(self.tr("一份报表最多 %n 天，请缩短日期范围。", "", MAX_DAYS))
        else:
            self._error.show_text("")
        self._show_span()
        for button in (self._previous, self._next):
            button.setEnabled(period is not None)
        if period is None:
            self._last = (None, self.base_code())
            self.changed.emit()  # the page says there is nothing to show and turns its buttons off
            return
        now = (period, self.base_code())
        if now != self._last:
            self._last = now
            self.changed.emit()

    def _on_previous_clicked(self) -> None:
        self.step(forward=False)

    def _on_next_clicked(self) -> None:
        self.step(forward=True)

    # -- for the page's tests and layout checks ----------------------------------------------------------------------

    def error_text(self) -> str:
        return self._error.text() if self._error.isVisible() else ""

    def pickers(self) -> list[QWidget]:
        """The pickers shown for the current kind."""
        return [w for w in (self._day, self._year, self._month, self._quarter, self._from, self._to)
                if not w.isHidden()]


__all__ = ["PeriodBar", "following"]
