"""UI layer: settings section "节假日与特别开放" (admins only) — a year's statutory holidays and 调休 workdays (from
chinese-calendar) with the base's resulting hours, and the date overrides an administrator sets: open with
special hours on any date (a holiday included) or closed on it; removing one returns the date to the default."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelection, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk.domain.calendar import DayKind, OpenDay
from desk.domain.errors import DeskError
from desk.domain.facility_rules import REASON_MAX
from desk.domain.staff import Role
from desk.services.facility_admin import HolidayDay, OverrideInfo
from desk.ui import boxes
from desk.ui.pages import PageContext
from desk.ui.settings import SectionSpec, register_section
from desk.ui.settings._common import (
    RowsModel,
    base_zone,
    fit_columns,
    format_date,
    from_qdate,
    make_table,
    selected_row,
    to_qdate,
)
from desk.ui.week_editor import from_qtime
from desk.ui.widgets import DATE_EDIT_FORMAT, ErrorLabel, FieldErrors, Retranslating
from desk.ui.wording import holiday_name

FIRST_YEAR, LAST_YEAR = 2004, 2100  # chinese-calendar starts in 2004
translate = QCoreApplication.translate


def hours_text(opens: dt.time | None, closes: dt.time | None) -> str:
    if opens is None or closes is None:
        return translate("HolidaysSection", "闭馆")
    return translate("HolidaysSection", "开放 %1–%2").replace("%1", f"{opens:%H:%M}").replace("%2", f"{closes:%H:%M}")


class HolidayModel(RowsModel[HolidayDay]):
    DAY, KIND, NAME, RESULT = range(4)

    def headers(self) -> list[str]:
        return [self.tr("日期"), self.tr("类别"), self.tr("节日"), self.tr("本基地当天")]

    def cell(self, row: HolidayDay, column: int) -> str:
        if column == self.DAY:
            return format_date(row.day)
        if column == self.KIND:
            return self.tr("法定节假日") if row.kind is DayKind.HOLIDAY else self.tr("调休上班")
        if column == self.NAME:
            return holiday_name(row.name)
        return self.result(row.result)

    def result(self, day: OpenDay) -> str:
        text = hours_text(day.opens, day.closes)
        if day.kind is DayKind.OVERRIDE:
            return self.tr("%1（特别安排）").replace("%1", text)
        if day.kind is DayKind.CLOSURE:
            return self.tr("%1（闭馆日：%2）").replace("%1", text).replace("%2", day.reason)
        if day.kind is DayKind.MAKEUP_WORKDAY:
            return self.tr("%1（按星期一）").replace("%1", text)
        return text


class OverrideModel(RowsModel[OverrideInfo]):
    DAY, HOURS, REASON, INSTEAD = range(4)

    def headers(self) -> list[str]:
        return [self.tr("日期"), self.tr("安排"), self.tr("原因"), self.tr("原本")]

    def cell(self, row: OverrideInfo, column: int) -> str:
        if column == self.DAY:
            return format_date(row.day)
        if column == self.HOURS:
            return hours_text(row.opens, row.closes)
        if column == self.REASON:
            return row.reason
        return {
            DayKind.HOLIDAY: self.tr("法定节假日"),
            DayKind.MAKEUP_WORKDAY: self.tr("调休上班"),
            DayKind.CLOSURE: self.tr("闭馆日"),
        }.get(row.replaces, self.tr("按每周开放时间"))

    def row_of(self, day: dt.date) -> int:
        return next((i for i, row in enumerate(self._rows) if row.day == day), -1)


class HolidaysSection(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._admin = context.services.facility_admin
        self._has_data = True

        # -- the year's holidays
        self._year_label = QLabel()
        self._year = QSpinBox()
        self._year.setObjectName("holiday_year")
        self._year.setRange(FIRST_YEAR, LAST_YEAR)
        self._year.setValue(self._today().year)
        self._year.setMinimumWidth(100)
        self._no_data = QLabel()
        self._no_data.setObjectName("holiday_no_data")
        self._no_data.setWordWrap(True)
        self._no_data.setStyleSheet("color: #7a4b00;")
        self._no_data.hide()
        self._holidays = HolidayModel(self)
        self._holiday_table = make_table("holidays_table", self._holidays)
        self._holiday_group = QGroupBox()
        holiday_layout = QVBoxLayout(self._holiday_group)
        year_row = QHBoxLayout()
        year_row.addWidget(self._year_label)
        year_row.addWidget(self._year)
        year_row.addStretch(1)
        holiday_layout.addLayout(year_row)
        holiday_layout.addWidget(self._no_data)
        holiday_layout.addWidget(self._holiday_table, 1)

        # -- overrides
        self._overrides = OverrideModel(self)
        self._override_table = make_table("overrides_table", self._overrides)
        self._remove = QPushButton()
        self._remove.setObjectName("remove_override")
        self._remove.setEnabled(False)
        self._day = QDateEdit()
        self._day.setObjectName("override_day")
        self._day.setCalendarPopup(True)
        self._day.setDisplayFormat(DATE_EDIT_FORMAT)
        self._open = QCheckBox()
        self._open.setObjectName("override_open")
        self._opens = QTimeEdit()
        self._opens.setObjectName("override_opens")
        self._closes = QTimeEdit()
        self._closes.setObjectName("override_closes")
        for edit, value in ((self._opens, QTime(9, 0)), (self._closes, QTime(12, 0))):
            edit.setDisplayFormat("HH:mm")
            edit.setTime(value)
        self._reason = QLineEdit()
        self._reason.setObjectName("override_reason")
        self._reason.setMaxLength(REASON_MAX)
        self._set = QPushButton()
        self._set.setObjectName("set_override")
        self._notice = QLabel()
        self._notice.setObjectName("override_notice")
        self._notice.setWordWrap(True)
        self._error = ErrorLabel()
        self._error.setObjectName("override_error")
        self._errors = FieldErrors(self._error)

        self._override_group = QGroupBox()
        override_layout = QVBoxLayout(self._override_group)
        override_layout.addWidget(self._override_table, 1)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self._remove)
        override_layout.addLayout(remove_row)
        self._form_group = QGroupBox()
        form = QFormLayout(self._form_group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above the fields when narrow
        times = QWidget()
        times_line = QHBoxLayout(times)
        times_line.setContentsMargins(0, 0, 0, 0)
        times_line.addWidget(self._open)
        times_line.addWidget(self._errors.with_label("override_opens", self._opens))
        times_line.addWidget(QLabel("–"))
        times_line.addWidget(self._errors.with_label("override_closes", self._closes))
        times_line.addStretch(1)
        self._form_labels = [QLabel(), QLabel(), QLabel()]
        form.addRow(self._form_labels[0], self._errors.with_label("override_day", self._day))
        form.addRow(self._form_labels[1], times)
        form.addRow(self._form_labels[2], self._errors.with_label("override_reason", self._reason))
        form.addRow(self._error)
        set_row = QHBoxLayout()
        set_row.addWidget(self._notice, 1)
        set_row.addWidget(self._set)
        form.addRow(set_row)
        override_layout.addWidget(self._form_group)

        layout = QHBoxLayout(self)
        layout.addWidget(self._holiday_group, 3)
        layout.addWidget(self._override_group, 2)

        self._year.valueChanged.connect(self._on_year_value_changed)
        self._holiday_table.selectionModel().selectionChanged.connect(self._on_holiday_table_selection_changed)
        self._override_table.selectionModel().selectionChanged.connect(self._on_override_table_selection_changed)
        self._open.toggled.connect(self._on_open_toggled)
        self._set.clicked.connect(self._on_set_clicked)
        self._reason.returnPressed.connect(self._on_set_clicked)
        self._remove.clicked.connect(self._on_remove_clicked)
        self._day.setDate(to_qdate(self._today()))
        self._open.setChecked(True)
        self.retranslate()

    def retranslate(self) -> None:
        self._holiday_group.setTitle(self.tr("法定节假日与调休"))
        self._year_label.setText(self.tr("年份"))
        self._override_group.setTitle(self.tr("特别安排"))
        self._form_group.setTitle(self.tr("设置某一天"))
        for label, text in zip(self._form_labels, (self.tr("日期"), self.tr("开放时间"), self.tr("原因")),
                               strict=True):
            label.setText(text)
        self._open.setText(self.tr("开放"))
        self._open.setToolTip(self.tr("不勾选表示当天闭馆"))
        self._reason.setPlaceholderText(self.tr("例如：国庆特别开放"))
        self._set.setText(self.tr("保存这一天"))
        self._remove.setText(self.tr("删除所选…"))
        self._show_no_data()
        for model, view in ((self._holidays, self._holiday_table), (self._overrides, self._override_table)):
            model.relabel()
            fit_columns(view)

    # -- loading -------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._load()

    def _today(self) -> dt.date:
        zone = base_zone(self._context.services.bases.profile().timezone)
        return self._context.clock.now().astimezone(zone).date()

    def _load(self, select_day: dt.date | None = None) -> None:
        year = self._admin.holiday_year(self._context.actor, self._year.value())
        self._has_data = year.has_data
        self._holidays.set_rows(year.days)
        fit_columns(self._holiday_table)
        self._show_no_data()
        self._overrides.set_rows(self._admin.overrides(self._context.actor, self._year.value()))
        fit_columns(self._override_table)
        if select_day is not None and (row := self._overrides.row_of(select_day)) >= 0:
            self._override_table.selectRow(row)
        self._remove.setEnabled(selected_row(self._override_table) >= 0)

    def _show_no_data(self) -> None:
        self._no_data.setText(self.tr(
            "节假日日历（chinese-calendar）还没有 %1 年的放假安排，这一年按每周开放时间开放。"
            "国务院公布放假安排后请升级程序；在此之前可在右侧逐日设置特别安排。").replace("%1", str(self._year.value())))
        self._no_data.setVisible(not self._has_data)

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_year_value_changed(self, _year: int) -> None:
        self._load()

    def _on_holiday_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self._holidays.row_at(selected_row(self._holiday_table))
        if row is not None:
            self._day.setDate(to_qdate(row.day))
            if row.kind is DayKind.HOLIDAY and not self._reason.text():
                self._reason.setText(self.tr("%1特别开放").replace("%1", holiday_name(row.name)))

    def _on_override_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._remove.setEnabled(selected_row(self._override_table) >= 0)

    def _on_open_toggled(self, checked: bool) -> None:
        self._opens.setEnabled(checked)
        self._closes.setEnabled(checked)

    def _on_set_clicked(self) -> None:
        self._errors.clear()
        self._notice.clear()
        is_open = self._open.isChecked()
        day = from_qdate(self._day.date())
        try:
            row = self._admin.set_override(
                self._context.actor, day, from_qtime(self._opens.time()) if is_open else None,
                from_qtime(self._closes.time()) if is_open else None, self._reason.text())
        except DeskError as error:
            self._errors.show(error)
            return
        self._reason.clear()
        if row.day.year != self._year.value():
            self._year.setValue(row.day.year)  # reloads
        self._load(select_day=row.day)
        self._notice.setText(self.tr("已保存 %1：%2。").replace("%1", format_date(row.day)).replace(
            "%2", hours_text(row.opens, row.closes)))

    def _on_remove_clicked(self) -> None:
        row = self._overrides.row_at(selected_row(self._override_table))
        if row is None:
            return
        text = self.tr("删除 %1 的特别安排？删除后这一天按每周开放时间、闭馆日和法定节假日安排。").replace(
            "%1", format_date(row.day))
        if not boxes.confirm(self, self.tr("删除特别安排"), text):
            return
        self._errors.clear()
        self._notice.clear()
        try:
            self._admin.remove_override(self._context.actor, row.day)
        except DeskError as error:
            self._errors.show(error)
        self._load()


register_section(SectionSpec(
    key="holidays",
    title=str(QT_TRANSLATE_NOOP("Settings", "节假日与特别开放")),
    order=210,
    roles=frozenset({Role.ADMIN}),
    factory=HolidaysSection,
))
