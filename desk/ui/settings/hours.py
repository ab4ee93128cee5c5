"""UI layer: settings section "开放时间与闭馆日" — the weekly hours and the days the base is closed (admins only)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError
from desk.domain.hours import REASON_MAX
from desk.domain.staff import Role
from desk.services.bases import ClosureRow
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
from desk.ui.week_editor import WeekEditor
from desk.ui.widgets import DATE_EDIT_FORMAT, ErrorLabel, FieldErrors, Retranslating


class ClosureModel(RowsModel[ClosureRow]):
    START, END, REASON = range(3)

    def headers(self) -> list[str]:
        return [self.tr("开始"), self.tr("结束"), self.tr("原因")]

    def cell(self, row: ClosureRow, column: int) -> str:
        if column == self.START:
            return format_date(row.start)
        if column == self.END:
            return format_date(row.end)
        return row.reason


class HoursSection(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context

        # weekly hours
        self._week = WeekEditor()
        self._week.setObjectName("week_editor")
        self._save_week = QPushButton()
        self._save_week.setObjectName("save_hours")
        self._week_notice = QLabel()
        self._week_notice.setObjectName("hours_notice")
        self._week_error = ErrorLabel()
        self._week_error.setObjectName("hours_error")
        self._week_errors = FieldErrors(self._week_error)
        self._week.bind_errors(self._week_errors)
        self._week_group = QGroupBox()
        week_layout = QVBoxLayout(self._week_group)
        week_layout.addWidget(self._week)
        week_layout.addWidget(self._week_error)
        week_buttons = QHBoxLayout()
        week_buttons.addWidget(self._week_notice, 1)
        week_buttons.addWidget(self._save_week)
        week_layout.addLayout(week_buttons)
        week_layout.addStretch(1)

        # closures
        self._model = ClosureModel(self)
        self._table = make_table("closures_table", self._model)
        self._show_past = QCheckBox()
        self._show_past.setObjectName("show_past_closures")
        self._remove = QPushButton()
        self._remove.setObjectName("remove_closure")
        self._remove.setEnabled(False)
        self._start = QDateEdit()
        self._start.setObjectName("closure_start")
        self._end = QDateEdit()
        self._end.setObjectName("closure_end")
        for edit in (self._start, self._end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_EDIT_FORMAT)
        self._reason = QLineEdit()
        self._reason.setObjectName("closure_reason")
        self._reason.setMaxLength(REASON_MAX)
        self._add = QPushButton()
        self._add.setObjectName("add_closure")
        self._closure_notice = QLabel()
        self._closure_notice.setObjectName("closure_notice")
        self._closure_error = ErrorLabel()
        self._closure_error.setObjectName("closure_error")
        self._closure_errors = FieldErrors(self._closure_error)

        self._closures_group = QGroupBox()
        closures_layout = QVBoxLayout(self._closures_group)
        # The filter above the list and the action below it: side by side they held the section too wide for a
        # 1024-pixel window in English.
        list_row = QHBoxLayout()
        list_row.addStretch(1)
        list_row.addWidget(self._remove)
        closures_layout.addWidget(self._show_past)
        closures_layout.addWidget(self._table, 1)
        closures_layout.addLayout(list_row)
        self._add_group = QGroupBox()
        add_form = QFormLayout(self._add_group)
        add_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form_labels = [QLabel(), QLabel(), QLabel()]
        add_form.addRow(self._form_labels[0], self._closure_errors.with_label("closure_start", self._start))
        add_form.addRow(self._form_labels[1], self._closure_errors.with_label("closure_end", self._end))
        add_form.addRow(self._form_labels[2], self._closure_errors.with_label("closure_reason", self._reason))
        add_buttons = QHBoxLayout()
        add_buttons.addWidget(self._closure_notice, 1)
        add_buttons.addWidget(self._add)
        add_form.addRow(self._closure_error)
        add_form.addRow(add_buttons)
        closures_layout.addWidget(self._add_group)

        layout = QHBoxLayout(self)
        layout.addWidget(self._week_group)
        layout.addWidget(self._closures_group, 1)

        self._save_week.clicked.connect(self._on_save_week_clicked)
        self._show_past.toggled.connect(self._on_show_past_toggled)
        self._add.clicked.connect(self._on_add_clicked)
        self._reason.returnPressed.connect(self._on_add_clicked)
        self._remove.clicked.connect(self._on_remove_clicked)
        self._table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._reset_dates()
        self.retranslate()


    def retranslate(self) -> None:
        self._week_group.setTitle(self.tr("每周开放时间"))
        self._save_week.setText(self.tr("保存开放时间"))
        self._closures_group.setTitle(self.tr("闭馆日"))
        self._show_past.setText(self.tr("显示已过去的闭馆日"))
        self._remove.setText(self.tr("删除所选"))
        self._add_group.setTitle(self.tr("新增闭馆日"))
        for label, text in zip(self._form_labels, (self.tr("开始日期"), self.tr("结束日期"), self.tr("原因")),
                               strict=True):
            label.setText(text)
        self._reason.setPlaceholderText(self.tr("例如：线路检修"))
        self._add.setText(self.tr("添加"))
        self._model.relabel()
        fit_columns(self._table)

    # -- loading -------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        profile = self._context.services.bases.profile()
        self._week.set_week(profile.week)
        self._load_closures()

    def _today(self) -> dt.date:
        zone = base_zone(self._context.services.bases.profile().timezone)
        return self._context.clock.now().astimezone(zone).date()

    def _reset_dates(self) -> None:
        today = to_qdate(self._today())
        self._start.setDate(today)
        self._end.setDate(today)

    def _load_closures(self, select_id: int | None = None) -> None:
        since = None if self._show_past.isChecked() else self._today()
        self._model.set_rows(self._context.services.bases.closures(since))
        fit_columns(self._table)
        for index, row in enumerate(self._model.rows()):
            if row.id == select_id:
                self._table.selectRow(index)
        self._remove.setEnabled(selected_row(self._table) >= 0)

    def selected_closure(self) -> ClosureRow | None:
        return self._model.row_at(selected_row(self._table))

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_save_week_clicked(self) -> None:
        self._week_errors.clear()
        self._week_notice.clear()
        try:
            profile = self._context.services.bases.set_week(self._context.actor, self._week.week())
        except DeskError as error:
            self._week_errors.show(error)
            return
        self._week.set_week(profile.week)
        self._week_notice.setText(self.tr("开放时间已保存。"))

    def _on_show_past_toggled(self, _checked: bool) -> None:
        self._load_closures()

    def _on_add_clicked(self) -> None:
        self._closure_errors.clear()
        self._closure_notice.clear()
        try:
            row = self._context.services.bases.add_closure(
                self._context.actor, from_qdate(self._start.date()), from_qdate(self._end.date()),
                self._reason.text())
        except DeskError as error:
            self._closure_errors.show(error)
            return
        self._reason.clear()
        self._load_closures(select_id=row.id)
        self._closure_notice.setText(self.tr("已添加闭馆日。"))

    def _on_remove_clicked(self) -> None:
        closure = self.selected_closure()
        if closure is None:
            return
        text = self.tr("删除闭馆日“%1”（%2 至 %3）？删除后这几天按每周开放时间开放。").replace(
            "%1", closure.reason).replace("%2", format_date(closure.start)).replace("%3", format_date(closure.end))
        if not boxes.confirm(self, self.tr("删除闭馆日"), text):
            return
        self._closure_errors.clear()
        self._closure_notice.clear()
        try:
            self._context.services.bases.remove_closure(self._context.actor, closure.id)
        except DeskError as error:
            self._closure_errors.show(error)
        self._load_closures()

    def _on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._remove.setEnabled(selected_row(self._table) >= 0)


register_section(SectionSpec(
    key="hours",
    title=str(QT_TRANSLATE_NOOP("Settings", "开放时间与闭馆日")),
    order=200,
    roles=frozenset({Role.ADMIN}),
    factory=HoursSection,
))
