"""UI layer: the project form — create a service project or edit one that is not finished: title, kind,
description, place, start and end, sign-up deadline, slots, and how points are counted (fixed points per
completion, or points per hour with at most so many hours). The form calls the service itself, so a refusal is
shown next to its field while the form stays open and nothing is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk.domain import errors as e
from desk.domain.points import HOURS_MAX, POINTS_MAX, ProjectKind
from desk.services.projects import (
    LOCATION_MAX,
    POINTS_PER_HOUR_MAX,
    SLOTS_MAX,
    TITLE_MAX,
    ProjectForm,
    ProjectRow,
)
from desk.ui.pages import PageContext
from desk.ui.settings._common import from_qdate, to_qdate
from desk.ui.widgets import DATE_EDIT_FORMAT, ErrorLabel, FieldErrors, Retranslating, grow_to_fit
from desk.ui.wording import error_text, project_kind_name

HEADING_STYLE = "font-weight: bold;"
HINT_STYLE = "color: #5f6368;"
DEFAULT_START, DEFAULT_END = QTime(9, 0), QTime(11, 0)
DIALOG_WIDTH = 520


class _ProjectErrors(FieldErrors):
    """FieldErrors with the project refusals the shared wording may not know yet."""

    def show(self, error: e.DeskError) -> None:
        super().show(error)
        label = self._fields.get(error.field or "", (self._general, None))[0]
        label.show_text(error_text(error))


class ProjectDialog(Retranslating, QDialog):
    """New project (`project` None) or edit one."""

    saved = Signal(object)  # ProjectRow

    def __init__(self, context: PageContext, zone: dt.tzinfo, project: ProjectRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("project_dialog")
        self._context = context
        self._zone = zone
        self._project = project

        self._heading = QLabel()
        self._heading.setObjectName("form_heading")
        self._heading.setStyleSheet(HEADING_STYLE)
        self._heading.setWordWrap(True)
        self._title = QLineEdit()
        self._title.setObjectName("project_title")
        self._title.setMaxLength(TITLE_MAX)
        self._kind = QComboBox()
        self._kind.setObjectName("project_kind")
        for kind in ProjectKind:
            self._kind.addItem("", kind.value)
        self._description = QPlainTextEdit()
        self._description.setObjectName("project_description")
        self._description.setTabChangesFocus(True)
        self._description.setFixedHeight(self._description.fontMetrics().lineSpacing() * 3 + 14)
        self._location = QLineEdit()
        self._location.setObjectName("project_location")
        self._location.setMaxLength(LOCATION_MAX)
        self._start_day = self._date_edit("project_start_day")
        self._start_time = self._time_edit("project_start_time")
        self._end_day = self._date_edit("project_end_day")
        self._end_time = self._time_edit("project_end_time")
        self._deadline_day = self._date_edit("project_deadline_day")
        self._deadline_time = self._time_edit("project_deadline_time")
        self._slots = QSpinBox()
        self._slots.setObjectName("project_slots")
        self._slots.setRange(1, SLOTS_MAX)
        self._fixed = QRadioButton()
        self._fixed.setObjectName("points_fixed")
        self._hourly = QRadioButton()
        self._hourly.setObjectName("points_hourly")
        self._counting = QButtonGroup(self)
        self._counting.addButton(self._fixed)
        self._counting.addButton(self._hourly)
        self._points = QSpinBox()
        self._points.setObjectName("project_points")
        self._points.setRange(1, POINTS_MAX)
        self._per_hour = QSpinBox()
        self._per_hour.setObjectName("project_points_per_hour")
        self._per_hour.setRange(1, POINTS_PER_HOUR_MAX)
        self._max_hours = QSpinBox()
        self._max_hours.setObjectName("project_max_hours")
        self._max_hours.setRange(1, HOURS_MAX)
        self._counting_hint = QLabel()
        self._counting_hint.setObjectName("counting_hint")
        self._counting_hint.setWordWrap(True)
        self._counting_hint.setStyleSheet(HINT_STYLE)

        self._general = ErrorLabel()
        self._general.setObjectName("form_error")
        self._errors = _ProjectErrors(self._general)
        self._labels = {key: QLabel() for key in ("title", "kind", "description", "location", "start", "end",
                                                  "deadline", "slots", "points")}
        self._unit_labels = {key: QLabel() for key in ("points", "per_hour", "at_most", "max_hours")}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form = form
        self._add(form, "title", "title", self._title)
        self._add(form, "kind", "kind", self._kind)
        self._add(form, "description", "description", self._description)
        self._add(form, "location", "location", self._location)
        self._add(form, "start", "starts_at", _line(self._start_day, self._start_time), buddy=self._start_day)
        self._add(form, "end", "ends_at", _line(self._end_day, self._end_time), buddy=self._end_day)
        self._add(form, "deadline", "signup_deadline", _line(self._deadline_day, self._deadline_time),
                  buddy=self._deadline_day)
        self._add(form, "slots", "slots", _line(self._slots), buddy=self._slots)
        counting = QWidget()
        column = QVBoxLayout(counting)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        fixed_line = QHBoxLayout()
        fixed_line.addWidget(self._fixed)
        fixed_line.addWidget(self._errors.with_label("points", self._points))
        fixed_line.addWidget(self._unit_labels["points"])
        fixed_line.addStretch(1)
        hourly_line = QHBoxLayout()
        hourly_line.addWidget(self._hourly)
        hourly_line.addWidget(self._errors.with_label("points_per_hour", self._per_hour))
        hourly_line.addWidget(self._unit_labels["per_hour"])
        hourly_line.addStretch(1)
        # The cap on its own line, beneath the rate: the two read as one rule and fit in either language.
        cap_line = QHBoxLayout()
        cap_line.addSpacing(self._hourly.sizeHint().height())
        cap_line.addWidget(self._unit_labels["at_most"])
        cap_line.addWidget(self._errors.with_label("max_hours", self._max_hours))
        cap_line.addWidget(self._unit_labels["max_hours"])
        cap_line.addStretch(1)
        column.addLayout(fixed_line)
        column.addLayout(hourly_line)
        column.addLayout(cap_line)
        column.addWidget(self._counting_hint)
        self._labels["points"].setBuddy(self._fixed)
        form.addRow(self._labels["points"], counting)

        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self._ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setObjectName("save_button")
        self._ok.setDefault(True)
        self._back = self._buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self._back.setObjectName("cancel_button")
        self._buttons.accepted.connect(self._on_save_clicked)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading)
        layout.addLayout(form)
        layout.addWidget(self._general)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(DIALOG_WIDTH)

        self._fill()
        self._fixed.toggled.connect(self._on_counting_toggled)
        self._start_day.dateChanged.connect(self._on_start_day_changed)
        self._on_counting_toggled()
        self.retranslate()
        self._title.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, context: PageContext, zone: dt.tzinfo, project: ProjectRow | None = None,
            on_saved: Callable[[ProjectRow], None] | None = None) -> ProjectDialog:
        """Open the form window-modally and return at once; `on_saved` gets the project as saved."""
        dialog = cls(context, zone, project, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_saved is not None:
            dialog.saved.connect(on_saved)
        dialog.open()
        dialog._title.setFocus()  # a focus set before the dialog is shown does not hold
        return dialog

    def retranslate(self) -> None:
        editing = self._project is not None
        self.setWindowTitle(self.tr("编辑项目") if editing else self.tr("新建项目"))
        self._heading.setText(self.tr("修改后，已核验的积分不变；名额不能少于已认领的人数。") if editing
                              else self.tr("群众在前台认领项目，工作人员核验到场后发放积分。"))
        texts = {"title": self.tr("名称(&T)"), "kind": self.tr("类型(&K)"), "description": self.tr("说明(&D)"),
                 "location": self.tr("地点(&L)"), "start": self.tr("开始(&S)"), "end": self.tr("结束(&E)"),
                 "deadline": self.tr("报名截止(&U)"), "slots": self.tr("名额(&N)"), "points": self.tr("积分(&P)")}
        for key, label in self._labels.items():
            label.setText(texts[key])
        for index in range(self._kind.count()):
            self._kind.setItemText(index, project_kind_name(str(self._kind.itemData(index))))
        self._title.setPlaceholderText(self.tr("例如：明华商圈环境清扫"))
        self._description.setPlaceholderText(self.tr("选填：做什么、带什么、找谁报到"))
        self._location.setPlaceholderText(self.tr("选填，例如：中心广场"))
        self._slots.setSuffix(self.tr(" 人"))
        self._fixed.setText(self.tr("每次固定"))
        self._hourly.setText(self.tr("按小时计"))
        self._unit_labels["points"].setText(self.tr("分"))
        self._unit_labels["per_hour"].setText(self.tr("分/小时"))
        self._unit_labels["at_most"].setText(self.tr("每次最多计"))
        self._unit_labels["max_hours"].setText(self.tr("小时"))
        self._counting_hint.setText(self.tr("按小时计的项目，核验时填写实际时长，不足半小时不计。"))
        self._ok.setText(self.tr("保存") if editing else self.tr("新建"))
        self._back.setText(self.tr("取消"))

    def error_text(self, field: str | None = None) -> str:
        """What is shown under a field (or on the general line) now."""
        return self._errors.text_of(field or "")

    # -- building ------------------------------------------------------------------------------------------------

    @staticmethod
    def _date_edit(name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_EDIT_FORMAT)
        return edit

    @staticmethod
    def _time_edit(name: str) -> QTimeEdit:
        edit = QTimeEdit()
        edit.setObjectName(name)
        edit.setDisplayFormat("HH:mm")
        return edit

    def _add(self, form: QFormLayout, key: str, field: str, widget: QWidget, buddy: QWidget | None = None) -> None:
        box = self._errors.with_label(field, widget)
        if buddy is not None:  # the error focuses the first input of a line of several
            label = box.findChild(ErrorLabel)
            assert label is not None
            self._errors.bind(field, label, buddy)
        self._labels[key].setBuddy(buddy or widget)
        form.addRow(self._labels[key], box)

    def _fill(self) -> None:
        project = self._project
        if project is None:
            tomorrow = self._context.clock.now().astimezone(self._zone).date() + dt.timedelta(days=1)
            self._set(self._start_day, self._start_time, tomorrow, DEFAULT_START)
            self._set(self._end_day, self._end_time, tomorrow, DEFAULT_END)
            self._set(self._deadline_day, self._deadline_time, tomorrow, DEFAULT_START)
            self._slots.setValue(10)
            self._points.setValue(5)
            self._per_hour.setValue(1)
            self._max_hours.setValue(2)
            self._fixed.setChecked(True)
            return
        self._title.setText(project.title)
        self._kind.setCurrentIndex(max(0, self._kind.findData(project.kind.value)))
        self._description.setPlainText(project.description)
        self._location.setText(project.location)
        for day, time, value in ((self._start_day, self._start_time, project.starts_at),
                                 (self._end_day, self._end_time, project.ends_at),
                                 (self._deadline_day, self._deadline_time, project.signup_deadline)):
            local = value.astimezone(self._zone)
            self._set(day, time, local.date(), QTime(local.hour, local.minute))
        self._slots.setValue(project.slots)
        self._points.setValue(project.points or 5)
        self._per_hour.setValue(project.points_per_hour or 1)
        self._max_hours.setValue(project.max_hours or 2)
        (self._hourly if project.by_the_hour else self._fixed).setChecked(True)

    @staticmethod
    def _set(day: QDateEdit, time: QTimeEdit, value: dt.date, at: QTime) -> None:
        day.setDate(to_qdate(value))
        time.setTime(at)

    def _moment(self, day: QDateEdit, clock_field: QTimeEdit) -> dt.datetime:
        day.interpretText()
        clock_field.interpretText()
        at = clock_field.time()
        return dt.datetime.combine(from_qdate(day.date()), dt.time(at.hour(), at.minute()), self._zone)

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_counting_toggled(self, _checked: bool = False) -> None:
        fixed = self._fixed.isChecked()
        self._points.setEnabled(fixed)
        for widget in (self._per_hour, self._max_hours, self._unit_labels["at_most"]):
            widget.setEnabled(not fixed)

    def _on_start_day_changed(self, day: QDate) -> None:
        # The end and the deadline move with the start: a project is usually one day, signed up for by then.
        for edit in (self._end_day, self._deadline_day):
            if edit.date() < day:
                edit.setDate(day)

    def _on_save_clicked(self) -> None:
        self._errors.clear()
        for spin in (self._slots, self._points, self._per_hour, self._max_hours):
            spin.interpretText()
        fixed = self._fixed.isChecked()
        form = ProjectForm(
            title=self._title.text(), kind=ProjectKind(str(self._kind.currentData())),
            description=self._description.toPlainText(), location=self._location.text(),
            starts_at=self._moment(self._start_day, self._start_time),
            ends_at=self._moment(self._end_day, self._end_time),
            signup_deadline=self._moment(self._deadline_day, self._deadline_time),
            slots=self._slots.value(),
            points=self._points.value() if fixed else None,
            points_per_hour=None if fixed else self._per_hour.value(),
            max_hours=None if fixed else self._max_hours.value())
        projects = self._context.services.projects
        try:
            if self._project is None:
                row = projects.create(self._context.actor, form)
            else:
                row = projects.update(self._context.actor, self._project.id, form)
        except e.DeskError as error:
            self._errors.show(error)
            grow_to_fit(self)
            return
        self.saved.emit(row)
        self.accept()


def _line(*widgets: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return box

