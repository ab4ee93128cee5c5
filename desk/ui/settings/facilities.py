"""UI layer: settings section "设施与预约规则" (admins only) — the facilities of the base and, for the chosen one,
its booking rules, active or not (with the reason staff see), its units and its own opening hours; plus the
no-show rule and the people suspended by it. Custom facilities are added here too."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.domain.booking import Rules
from desk.domain.errors import DeskError
from desk.domain.facility_rules import FACILITY_NAME_MAX, REASON_MAX, UNIT_NAME_MAX
from desk.domain.staff import Role
from desk.services.facility_admin import FacilityDetail, SuspendedPerson, UnitDetail
from desk.ui import boxes
from desk.ui.pages import PageContext
from desk.ui.settings import SectionSpec, register_section
from desk.ui.settings._common import (
    RowsModel,
    base_zone,
    fit_columns,
    format_datetime,
    make_table,
    selected_row,
)
from desk.ui.week_editor import WeekEditor
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating

SPIN_MAX = 9999  # the domain sets the real bounds and says so next to the field


class FacilityModel(RowsModel[FacilityDetail]):
    NAME, STATE, UNITS = range(3)

    def headers(self) -> list[str]:
        return [self.tr("设施"), self.tr("状态"), self.tr("单元")]

    def cell(self, row: FacilityDetail, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.STATE:
            return self.tr("开放预约") if row.active else self.tr("停用：%1").replace("%1", row.inactive_reason)
        return str(sum(u.active for u in row.units))

    def row_of(self, facility_id: int) -> int:
        return next((i for i, row in enumerate(self._rows) if row.id == facility_id), -1)


class UnitModel(RowsModel[UnitDetail]):
    NAME, CAPACITY, STATE = range(3)

    def headers(self) -> list[str]:
        return [self.tr("名称"), self.tr("容纳人数"), self.tr("状态")]

    def cell(self, row: UnitDetail, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.CAPACITY:
            return str(row.capacity)
        if not row.active:
            return self.tr("已停用")
        if row.out_of_order_reason:
            return self.tr("故障：%1").replace("%1", row.out_of_order_reason)
        return self.tr("在用")

    def row_of(self, unit_id: int) -> int:
        return next((i for i, row in enumerate(self._rows) if row.id == unit_id), -1)


class SuspendedModel(RowsModel[SuspendedPerson]):
    NAME, PHONE, UNTIL = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zone: dt.tzinfo = dt.UTC

    def headers(self) -> list[str]:
        return [self.tr("姓名"), self.tr("电话"), self.tr("暂停至")]

    def cell(self, row: SuspendedPerson, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.PHONE:
            return row.masked_phone
        return format_datetime(row.until, self.zone)


def _spin(name: str, low: int = 0) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(low, SPIN_MAX)
    spin.setMinimumWidth(120)
    spin.setMaximumWidth(220)
    return spin


class FacilitiesSection(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._admin = context.services.facility_admin
        self._current: FacilityDetail | None = None

        # -- the list of facilities, and a new one
        self._model = FacilityModel(self)
        self._table = make_table("facilities_table", self._model)
        self._new_name = QLineEdit()
        self._new_name.setObjectName("new_facility_name")
        self._new_name.setMaxLength(FACILITY_NAME_MAX)
        self._add = QPushButton()
        self._add.setObjectName("add_facility")
        self._list_error = ErrorLabel()
        self._list_error.setObjectName("facility_list_error")
        self._list_errors = FieldErrors(self._list_error)
        self._list_group = QGroupBox()
        list_layout = QVBoxLayout(self._list_group)
        list_layout.addWidget(self._table, 1)
        # The new name gets the group's whole width: beside the button it was squeezed once the settings list
        # took its place on the left.
        list_layout.addWidget(self._list_errors.with_label("facility_name", self._new_name))
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self._add)
        list_layout.addLayout(add_row)
        list_layout.addWidget(self._list_error)

        # -- rules and state of the chosen facility
        self._name = QLineEdit()
        self._name.setObjectName("facility_name")
        self._name.setMaxLength(FACILITY_NAME_MAX)
        self._rename = QPushButton()
        self._rename.setObjectName("rename_facility")
        self._slot = _spin("slot_minutes")
        self._min = _spin("min_minutes")
        self._max = _spin("max_minutes")
        self._buffer = _spin("buffer_minutes")
        self._horizon = _spin("horizon_days")
        self._grace = _spin("grace_minutes")
        self._quota_minutes = _spin("quota_minutes")
        self._quota_count = _spin("quota_count")
        self._name_required = QCheckBox()
        self._name_required.setObjectName("name_required")
        self._group_booking = QCheckBox()
        self._group_booking.setObjectName("group_booking")
        self._save_rules = QPushButton()
        self._save_rules.setObjectName("save_rules")
        self._rules_notice = QLabel()
        self._rules_notice.setObjectName("rules_notice")
        self._rules_notice.setWordWrap(True)
        self._rules_error = ErrorLabel()
        self._rules_error.setObjectName("rules_error")
        self._rules_errors = FieldErrors(self._rules_error)
        self._state = QLabel()
        self._state.setObjectName("facility_state")
        self._state.setWordWrap(True)
        self._reason = QLineEdit()
        self._reason.setObjectName("inactive_reason")
        self._reason.setMaxLength(REASON_MAX)
        self._toggle = QPushButton()
        self._toggle.setObjectName("toggle_facility")

        self._rules_page = QWidget()
        rules_layout = QVBoxLayout(self._rules_page)
        self._rules_form = QFormLayout()
        self._rules_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        name_row = QWidget()
        name_line = QHBoxLayout(name_row)
        name_line.setContentsMargins(0, 0, 0, 0)
        name_line.addWidget(self._name, 1)
        name_line.addWidget(self._rename)
        self._rule_labels: dict[str, QLabel] = {}
        rows: list[tuple[str, QWidget]] = [
            ("facility_name", name_row), ("slot_minutes", self._slot), ("min_minutes", self._min),
            ("max_minutes", self._max), ("buffer_minutes", self._buffer), ("horizon_days", self._horizon),
            ("grace_minutes", self._grace), ("quota_minutes", self._quota_minutes),
            ("quota_count", self._quota_count)]
        for field, widget in rows:
            label = QLabel()
            self._rule_labels[field] = label
            self._rules_form.addRow(label, self._rules_errors.with_label(field, widget))
        self._rules_form.addRow("", self._name_required)
        self._rules_form.addRow("", self._group_booking)
        rules_layout.addLayout(self._rules_form)
        rules_buttons = QHBoxLayout()
        rules_buttons.addWidget(self._rules_notice, 1)
        rules_buttons.addWidget(self._save_rules)
        rules_layout.addWidget(self._rules_error)
        rules_layout.addLayout(rules_buttons)
        self._state_group = QGroupBox()
        state_layout = QVBoxLayout(self._state_group)
        state_layout.addWidget(self._state)
        state_row = QHBoxLayout()
        state_row.addWidget(self._rules_errors.with_label("inactive_reason", self._reason), 1)
        state_row.addWidget(self._toggle)
        state_layout.addLayout(state_row)
        rules_layout.addWidget(self._state_group)
        rules_layout.addStretch(1)

        # -- units
        self._units_model = UnitModel(self)
        self._units_table = make_table("units_table", self._units_model)
        self._unit_name = QLineEdit()
        self._unit_name.setObjectName("unit_name")
        self._unit_name.setMaxLength(UNIT_NAME_MAX)
        self._unit_capacity = _spin("unit_capacity")
        self._unit_capacity.setValue(1)
        self._add_unit = QPushButton()
        self._add_unit.setObjectName("add_unit")
        self._save_unit = QPushButton()
        self._save_unit.setObjectName("save_unit")
        self._toggle_unit = QPushButton()
        self._toggle_unit.setObjectName("toggle_unit")
        self._unit_notice = QLabel()
        self._unit_notice.setObjectName("unit_notice")
        self._unit_notice.setWordWrap(True)
        self._unit_error = ErrorLabel()
        self._unit_error.setObjectName("unit_error")
        self._unit_errors = FieldErrors(self._unit_error)
        self._units_page = QWidget()
        units_layout = QVBoxLayout(self._units_page)
        units_layout.addWidget(self._units_table, 1)
        unit_form = QFormLayout()
        unit_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._unit_name_label, self._unit_capacity_label = QLabel(), QLabel()
        unit_form.addRow(self._unit_name_label, self._unit_errors.with_label("unit_name", self._unit_name))
        unit_form.addRow(self._unit_capacity_label, self._unit_errors.with_label("capacity", self._unit_capacity))
        units_layout.addLayout(unit_form)
        unit_buttons = QHBoxLayout()
        for button in (self._add_unit, self._save_unit, self._toggle_unit):
            unit_buttons.addWidget(button)
        unit_buttons.addStretch(1)
        units_layout.addLayout(unit_buttons)
        units_layout.addWidget(self._unit_error)
        units_layout.addWidget(self._unit_notice)

        # -- own hours
        self._follow_base = QRadioButton()
        self._follow_base.setObjectName("follow_base_hours")
        self._use_own = QRadioButton()
        self._use_own.setObjectName("own_hours")
        self._week = WeekEditor()
        self._week.setObjectName("facility_week")
        self._save_hours = QPushButton()
        self._save_hours.setObjectName("save_facility_hours")
        self._hours_notice = QLabel()
        self._hours_notice.setObjectName("facility_hours_notice")
        self._hours_notice.setWordWrap(True)
        self._hours_error = ErrorLabel()
        self._hours_error.setObjectName("facility_hours_error")
        self._hours_errors = FieldErrors(self._hours_error)
        self._week.bind_errors(self._hours_errors)
        self._hours_page = QWidget()
        hours_layout = QVBoxLayout(self._hours_page)
        hours_layout.addWidget(self._follow_base)
        hours_layout.addWidget(self._use_own)
        hours_layout.addWidget(self._week)
        hours_layout.addWidget(self._hours_error)
        hours_buttons = QHBoxLayout()
        hours_buttons.addWidget(self._hours_notice, 1)
        hours_buttons.addWidget(self._save_hours)
        hours_layout.addLayout(hours_buttons)
        hours_layout.addStretch(1)

        # -- the no-show rule and suspended people (the whole base)
        self._limit = _spin("no_show_limit")
        self._days = _spin("no_show_suspension_days")
        self._save_no_show = QPushButton()
        self._save_no_show.setObjectName("save_no_show")
        self._no_show_intro = QLabel()
        self._no_show_intro.setObjectName("no_show_intro")
        self._no_show_intro.setWordWrap(True)
        self._no_show_notice = QLabel()
        self._no_show_notice.setObjectName("no_show_notice")
        self._no_show_notice.setWordWrap(True)
        self._no_show_error = ErrorLabel()
        self._no_show_error.setObjectName("no_show_error")
        self._no_show_errors = FieldErrors(self._no_show_error)
        self._suspended_model = SuspendedModel(self)
        self._suspended_table = make_table("suspended_table", self._suspended_model)
        self._lift = QPushButton()
        self._lift.setObjectName("lift_suspension")
        self._no_show_page = QWidget()
        no_show_layout = QVBoxLayout(self._no_show_page)
        no_show_layout.addWidget(self._no_show_intro)
        no_show_form = QFormLayout()
        self._limit_label, self._days_label = QLabel(), QLabel()
        no_show_form.addRow(self._limit_label, self._no_show_errors.with_label("no_show_limit", self._limit))
        no_show_form.addRow(self._days_label, self._no_show_errors.with_label("no_show_suspension_days", self._days))
        no_show_layout.addLayout(no_show_form)
        no_show_buttons = QHBoxLayout()
        no_show_buttons.addWidget(self._no_show_notice, 1)
        no_show_buttons.addWidget(self._save_no_show)
        no_show_layout.addLayout(no_show_buttons)
        no_show_layout.addWidget(self._no_show_error)
        self._suspended_label = QLabel()
        no_show_layout.addWidget(self._suspended_label)
        no_show_layout.addWidget(self._suspended_table, 1)
        lift_row = QHBoxLayout()
        lift_row.addStretch(1)
        lift_row.addWidget(self._lift)
        no_show_layout.addLayout(lift_row)

        self._tabs = QTabWidget()
        self._tabs.setObjectName("facility_tabs")
        for page in (self._rules_page, self._units_page, self._hours_page, self._no_show_page):
            self._tabs.addTab(page, "")

        layout = QHBoxLayout(self)
        self._list_group.setMinimumWidth(230)  # the facility names and their state stay readable
        layout.addWidget(self._list_group, 2)
        layout.addWidget(self._tabs, 3)

        self._table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._add.clicked.connect(self._on_add_clicked)
        self._new_name.returnPressed.connect(self._on_add_clicked)
        self._rename.clicked.connect(self._on_rename_clicked)
        self._save_rules.clicked.connect(self._on_save_rules_clicked)
        self._toggle.clicked.connect(self._on_toggle_clicked)
        self._units_table.selectionModel().selectionChanged.connect(self._on_units_table_selection_changed)
        self._add_unit.clicked.connect(self._on_add_unit_clicked)
        self._save_unit.clicked.connect(self._on_save_unit_clicked)
        self._toggle_unit.clicked.connect(self._on_toggle_unit_clicked)
        self._follow_base.toggled.connect(self._on_follow_base_toggled)
        self._save_hours.clicked.connect(self._on_save_hours_clicked)
        self._save_no_show.clicked.connect(self._on_save_no_show_clicked)
        self._suspended_table.selectionModel().selectionChanged.connect(self._on_suspended_table_selection_changed)
        self._lift.clicked.connect(self._on_lift_clicked)
        self.retranslate()
        self._show_facility(None)

    def retranslate(self) -> None:
        self._list_group.setTitle(self.tr("设施"))
        self._new_name.setPlaceholderText(self.tr("新设施名称，例如：调解室"))
        self._add.setText(self.tr("新增设施"))
        for index, text in enumerate((self.tr("预约规则"), self.tr("单元"), self.tr("开放时间"), self.tr("未到与暂停"))):
            self._tabs.setTabText(index, text)
        labels = {
            "facility_name": self.tr("名称"), "slot_minutes": self.tr("时段步长"), "min_minutes": self.tr("最短时长"),
            "max_minutes": self.tr("最长时长"), "buffer_minutes": self.tr("前后间隔"),
            "horizon_days": self.tr("可提前预约"), "grace_minutes": self.tr("签到宽限"),
            "quota_minutes": self.tr("每人每日时长"), "quota_count": self.tr("每人每日次数")}
        for field, label in self._rule_labels.items():
            label.setText(labels[field])
        self._rename.setText(self.tr("改名"))
        for spin in (self._slot, self._min, self._max, self._buffer, self._grace, self._quota_minutes):
            spin.setSuffix(self.tr(" 分钟"))
        self._horizon.setSuffix(self.tr(" 天"))
        self._quota_count.setSuffix(self.tr(" 次"))
        for spin in (self._quota_minutes, self._quota_count):
            spin.setSpecialValueText(self.tr("不限"))
        self._horizon.setToolTip(self.tr("0 表示只能预约当天"))
        self._grace.setToolTip(self.tr("开始后这么久仍未签到，预约记为未到，位置释放给别人"))
        # Short texts beside the boxes (a check box does not wrap); what they mean is in the tooltips.
        self._name_required.setText(self.tr("须登记姓名"))
        self._name_required.setToolTip(self.tr("不勾选则可匿名预约，例如母婴室"))
        self._group_booking.setText(self.tr("团体预约"))
        self._group_booking.setToolTip(self.tr("一次预约多人，例如党员活动室、红色影院"))
        self._save_rules.setText(self.tr("保存规则"))
        self._state_group.setTitle(self.tr("开放预约"))
        self._reason.setPlaceholderText(self.tr("停用原因"))
        self._reason.setToolTip(self.tr("停用原因，例如：设备检修；工作人员在预约时看到"))
        self._unit_name_label.setText(self.tr("单元名称"))
        self._unit_capacity_label.setText(self.tr("容纳人数"))
        self._unit_capacity.setSuffix(self.tr(" 人"))
        self._add_unit.setText(self.tr("新增单元"))
        self._save_unit.setText(self.tr("保存所选单元"))
        self._follow_base.setText(self.tr("跟随基地的开放时间"))
        self._use_own.setText(self.tr("单独设置本设施的开放时间"))
        self._save_hours.setText(self.tr("保存开放时间"))
        self._no_show_intro.setText(self.tr(
            "预约后超过签到宽限仍未签到，记为未到。30 天内未到达到次数的人，暂停预约资格若干天，到期自动恢复。"
            "此规则适用于所有设施。"))
        self._limit_label.setText(self.tr("30 天内未到"))
        self._limit.setSuffix(self.tr(" 次"))
        self._days_label.setText(self.tr("暂停预约"))
        self._days.setSuffix(self.tr(" 天"))
        self._save_no_show.setText(self.tr("保存"))
        self._suspended_label.setText(self.tr("正在暂停预约的人"))
        self._lift.setText(self.tr("解除暂停…"))
        self._show_state()
        self._update_unit_buttons()
        for model, view in ((self._model, self._table), (self._units_model, self._units_table),
                            (self._suspended_model, self._suspended_table)):
            model.relabel()
            fit_columns(view)

    # -- public --------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._load()
        self._load_no_show()

    def select(self, facility_id: int) -> None:
        row = self._model.row_of(facility_id)
        if row >= 0:
            self._table.selectRow(row)

    def current(self) -> FacilityDetail | None:
        return self._current

    # -- loading -------------------------------------------------------------------------------------------------

    def _load(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (self._current.id if self._current else None)
        self._model.set_rows(self._admin.facilities(self._context.actor))
        fit_columns(self._table)
        if keep is None and self._model.rows():
            keep = self._model.rows()[0].id
        if keep is not None:
            self.select(keep)
        self._show_facility(self._model.row_at(selected_row(self._table)))

    def _load_no_show(self) -> None:
        rule = self._admin.no_show_rule()
        self._limit.setValue(rule.limit)
        self._days.setValue(rule.suspension_days)
        self._suspended_model.zone = base_zone(self._context.services.bases.profile().timezone)
        self._suspended_model.set_rows(self._admin.suspended_people(self._context.actor))
        fit_columns(self._suspended_table)
        self._lift.setEnabled(selected_row(self._suspended_table) >= 0)

    def _replace(self, detail: FacilityDetail) -> None:
        """Show a facility the service just returned, in the list and in the tabs."""
        rows = [detail if row.id == detail.id else row for row in self._model.rows()]
        if detail.id not in [row.id for row in rows]:
            rows.append(detail)
        self._model.set_rows(rows)
        fit_columns(self._table)
        self.select(detail.id)
        self._show_facility(detail)

    def _show_facility(self, detail: FacilityDetail | None) -> None:
        self._current = detail
        for page in (self._rules_page, self._units_page, self._hours_page):
            page.setEnabled(detail is not None)
        if detail is None:
            self._units_model.set_rows([])
            return
        rules = detail.rules
        self._name.setText(detail.name)
        for spin, value in ((self._slot, rules.slot_minutes), (self._min, rules.min_minutes),
                            (self._max, rules.max_minutes), (self._buffer, rules.buffer_minutes),
                            (self._horizon, rules.horizon_days), (self._grace, rules.grace_minutes),
                            (self._quota_minutes, rules.quota_minutes or 0),
                            (self._quota_count, rules.quota_count or 0)):
            spin.setValue(value)
        self._name_required.setChecked(rules.name_required)
        self._group_booking.setChecked(detail.group_booking)
        self._reason.setText(detail.inactive_reason)
        self._show_state()
        keep = row.id if (row := self._units_model.row_at(selected_row(self._units_table))) else None
        self._units_model.set_rows(detail.units)
        fit_columns(self._units_table)
        if keep is not None and (index := self._units_model.row_of(keep)) >= 0:
            self._units_table.selectRow(index)
        self._update_unit_buttons()
        (self._use_own if detail.own_hours else self._follow_base).setChecked(True)
        self._week.set_week(detail.week)
        self._week.setEnabled(detail.own_hours)

    def _show_state(self) -> None:
        detail = self._current
        if detail is None:
            self._state.clear()
            self._toggle.setText(self.tr("停用预约"))
            return
        if detail.active:
            self._state.setText(self.tr("正在开放预约。"))
            self._toggle.setText(self.tr("停用预约"))
        else:
            self._state.setText(self.tr("已停用：%1。新的预约会被拒绝。").replace("%1", detail.inactive_reason))
            self._toggle.setText(self.tr("恢复预约"))
        self._reason.setEnabled(detail.active)

    def _selected_unit(self) -> UnitDetail | None:
        return self._units_model.row_at(selected_row(self._units_table))

    def _update_unit_buttons(self) -> None:
        unit = self._selected_unit()
        self._save_unit.setEnabled(unit is not None)
        self._toggle_unit.setEnabled(unit is not None)
        self._toggle_unit.setText(self.tr("启用所选") if unit is not None and not unit.active else self.tr("停用所选"))

    def _rules(self) -> Rules:
        return Rules(self._slot.value(), self._min.value(), self._max.value(), self._buffer.value(),
                     self._horizon.value(), self._grace.value(), self._quota_minutes.value() or None,
                     self._quota_count.value() or None, self._name_required.isChecked())

    def _clear_messages(self) -> None:
        self._rules_errors.clear()
        self._rules_notice.clear()

    # -- slots: the list ---------------------------------------------------------------------------------------

    def _on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        detail = self._model.row_at(selected_row(self._table))
        if detail is not None and (self._current is None or detail.id != self._current.id):
            self._clear_messages()
            self._unit_errors.clear()
            self._unit_notice.clear()
            self._hours_errors.clear()
            self._hours_notice.clear()
            self._units_table.clearSelection()
            self._show_facility(detail)

    def _on_add_clicked(self) -> None:
        self._list_errors.clear()
        try:
            detail = self._admin.add_facility(self._context.actor, self._new_name.text())
        except DeskError as error:
            self._list_errors.show(error)
            return
        self._new_name.clear()
        self._replace(detail)
        self._tabs.setCurrentWidget(self._rules_page)
        self._rules_notice.setText(self.tr("已新增“%1”，请设置它的预约规则和单元。").replace("%1", detail.name))

    # -- slots: rules and state --------------------------------------------------------------------------------

    def _on_rename_clicked(self) -> None:
        if self._current is None:
            return
        self._clear_messages()
        try:
            detail = self._admin.rename_facility(self._context.actor, self._current.id, self._name.text())
        except DeskError as error:
            self._rules_errors.show(error)
            return
        self._replace(detail)
        self._rules_notice.setText(self.tr("名称已保存。"))

    def _on_save_rules_clicked(self) -> None:
        if self._current is None:
            return
        self._clear_messages()
        try:
            detail = self._admin.edit_rules(self._context.actor, self._current.id, self._rules(),
                                            self._group_booking.isChecked())
        except DeskError as error:
            self._rules_errors.show(error)
            return
        self._replace(detail)
        self._rules_notice.setText(self.tr("规则已保存，对此后的新预约生效。"))

    def _on_toggle_clicked(self) -> None:
        detail = self._current
        if detail is None:
            return
        self._clear_messages()
        if detail.active:
            text = self.tr("停用“%1”？停用后不能再预约，已有的预约保留。").replace("%1", detail.name)
            if not boxes.confirm(self, self.tr("停用预约"), text):
                return
        try:
            updated = self._admin.set_active(self._context.actor, detail.id, not detail.active, self._reason.text())
        except DeskError as error:
            self._rules_errors.show(error)
            return
        self._replace(updated)
        if updated.active:
            self._rules_notice.setText(self.tr("已恢复预约。"))
        elif updated.upcoming:
            self._rules_notice.setText(self.tr(
                "已停用。还有 %n 个未结束的预约，请通知预约人或在预约页取消。", "", updated.upcoming))
        else:
            self._rules_notice.setText(self.tr("已停用。"))

    # -- slots: units ------------------------------------------------------------------------------------------

    def _on_units_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        unit = self._selected_unit()
        if unit is not None:
            self._unit_name.setText(unit.name)
            self._unit_capacity.setValue(unit.capacity)
        self._update_unit_buttons()

    def _after_unit_change(self, detail: FacilityDetail, text: str) -> None:
        self._replace(detail)
        self._unit_notice.setText(text)

    def _on_add_unit_clicked(self) -> None:
        if self._current is None:
            return
        self._unit_errors.clear()
        self._unit_notice.clear()
        known = {unit.id for unit in self._current.units}
        try:
            detail = self._admin.add_unit(self._context.actor, self._current.id, self._unit_name.text(),
                                          self._unit_capacity.value())
        except DeskError as error:
            self._unit_errors.show(error)
            return
        added = next(unit for unit in detail.units if unit.id not in known)
        self._after_unit_change(detail, self.tr("已新增单元 %1。").replace("%1", added.name))
        self._units_table.selectRow(self._units_model.row_of(added.id))

    def _on_save_unit_clicked(self) -> None:
        unit = self._selected_unit()
        if unit is None:
            return
        self._unit_errors.clear()
        self._unit_notice.clear()
        try:
            detail = self._admin.edit_unit(self._context.actor, unit.id, self._unit_name.text(),
                                           self._unit_capacity.value())
        except DeskError as error:
            self._unit_errors.show(error)
            return
        self._after_unit_change(detail, self.tr("单元已保存。"))

    def _on_toggle_unit_clicked(self) -> None:
        unit = self._selected_unit()
        if unit is None:
            return
        self._unit_errors.clear()
        self._unit_notice.clear()
        if unit.active:
            text = self.tr("停用单元 %1？停用后它不再出现在预约看板上。").replace("%1", unit.name)
            if not boxes.confirm(self, self.tr("停用单元"), text):
                return
        try:
            detail = self._admin.set_unit_active(self._context.actor, unit.id, not unit.active)
        except DeskError as error:
            self._unit_errors.show(error)
            return
        self._after_unit_change(detail, (self.tr("已启用 %1。") if not unit.active else self.tr("已停用 %1。"))
                                .replace("%1", unit.name))

    # -- slots: hours ------------------------------------------------------------------------------------------

    def _on_follow_base_toggled(self, checked: bool) -> None:
        self._week.setEnabled(not checked)

    def _on_save_hours_clicked(self) -> None:
        if self._current is None:
            return
        self._hours_errors.clear()
        self._hours_notice.clear()
        week = None if self._follow_base.isChecked() else self._week.week()
        try:
            detail = self._admin.set_hours(self._context.actor, self._current.id, week)
        except DeskError as error:
            self._hours_errors.show(error)
            return
        self._replace(detail)
        self._hours_notice.setText(self.tr("开放时间已保存。"))

    # -- slots: no-shows ---------------------------------------------------------------------------------------

    def _on_save_no_show_clicked(self) -> None:
        self._no_show_errors.clear()
        self._no_show_notice.clear()
        try:
            rule = self._admin.set_no_show_rule(self._context.actor, self._limit.value(), self._days.value())
        except DeskError as error:
            self._no_show_errors.show(error)
            return
        self._no_show_notice.setText(self.tr("已保存：30 天内未到 %1 次，暂停预约 %2 天。").replace(
            "%1", str(rule.limit)).replace("%2", str(rule.suspension_days)))

    def _on_suspended_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._lift.setEnabled(selected_row(self._suspended_table) >= 0)

    def _on_lift_clicked(self) -> None:
        row = self._suspended_model.row_at(selected_row(self._suspended_table))
        if row is None:
            return
        text = self.tr("现在解除 %1 的预约暂停？此前的未到记录不再计入下次暂停。").replace("%1", row.name or row.masked_phone)
        if not boxes.confirm(self, self.tr("解除暂停"), text):
            return
        self._no_show_errors.clear()
        try:
            self._admin.lift_suspension(self._context.actor, row.id)
        except DeskError as error:
            self._no_show_errors.show(error)
            return
        self._load_no_show()
        self._no_show_notice.setText(self.tr("已解除 %1 的预约暂停。").replace("%1", row.name or row.masked_phone))


register_section(SectionSpec(
    key="facilities",
    title=str(QT_TRANSLATE_NOOP("Settings", "设施与预约规则")),
    order=220,
    roles=frozenset({Role.ADMIN}),
    factory=FacilitiesSection,
))
