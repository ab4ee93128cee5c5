"""UI layer: the panel of the chosen port — start a session (length, person, the e-bike safety checklist), or
stop and extend the running one, and mark the port out of order or repaired.

Keyboard: Enter on a free tile moves the focus to 开始充电 with the longest allowed length preselected, so a
second Enter starts; Enter anywhere in the start form starts too (except in the person search, which chooses a
person); Esc goes back to the tiles.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.domain.booking import FacilityKind
from desk.domain.errors import BookingTooLong, DeskError
from desk.services.bookings import BookingRow
from desk.services.charging import ChargingService, PortState, PortTile, SessionLimits
from desk.services.facilities import FacilityInfo
from desk.services.people import PersonRow
from desk.ui.charging import clock_time, duration_text, person_text, state_name
from desk.ui.pages import PageContext
from desk.ui.person_picker import PersonPicker
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating
from desk.ui.wording import error_text

PANEL_WIDTH = 290
HINT_STYLE = "color: #5f6368;"
OVERDUE_STYLE = "color: #b3261e; font-weight: bold;"
PRIMARY_STYLE = ("QPushButton { padding: 6px 12px; background: #8c1d18; color: white; border: 1px solid #8c1d18;"
                 " border-radius: 4px; font-weight: bold; }"
                 "QPushButton:focus { border: 2px solid #202124; }"
                 "QPushButton:disabled { background: #c9a3a1; border-color: #c9a3a1; }")
EXTEND_DEFAULT = 30


class _StartForm(QWidget):
    """Enter anywhere in the form (a field that does not use Enter itself lets it through) starts."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class PortPanel(Retranslating, QWidget):
    changed = Signal(int, str)  # unit id, what was done (for the page's status line)
    dismissed = Signal()  # Esc: the tiles take the keyboard again

    EMPTY, START, SESSION, BROKEN = range(4)

    def __init__(self, context: PageContext, charging: ChargingService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("port_panel")
        self.setFixedWidth(PANEL_WIDTH)
        self._context = context
        self._charging = charging
        self._tile: PortTile | None = None
        self._facility: FacilityInfo | None = None
        self._limits: SessionLimits | None = None
        self._zone: dt.tzinfo = dt.UTC

        self._title = QLabel()
        self._title.setObjectName("port_title")
        font = self._title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 2)
        self._title.setFont(font)
        self._subtitle = QLabel()
        self._subtitle.setObjectName("port_subtitle")
        self._subtitle.setWordWrap(True)
        self._subtitle.setStyleSheet(HINT_STYLE)

        # One view at a time; the hidden ones take no room (a stacked widget would be as tall as the tallest).
        self._views = [self._build_empty(), self._build_start(), self._build_session(), self._build_broken()]
        self._fault = self._build_fault()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)
        for view in self._views:
            layout.addWidget(view)
        layout.addWidget(self._fault)
        layout.addStretch(1)
        self._show(None)
        self.retranslate()

    # -- building ------------------------------------------------------------------------------------------------

    def _build_empty(self) -> QWidget:
        self._empty_hint = QLabel()
        self._empty_hint.setObjectName("port_empty_hint")
        self._empty_hint.setWordWrap(True)
        self._empty_hint.setStyleSheet(HINT_STYLE)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(self._empty_hint)
        column.addStretch(1)
        return page

    def _build_start(self) -> QWidget:
        page = _StartForm()
        page.setObjectName("start_form")
        page.submitted.connect(self._on_start_clicked)
        self._start_error = ErrorLabel()
        self._start_error.setObjectName("start_error")
        self._start_errors = FieldErrors(self._start_error)

        self._minutes = QSpinBox()
        self._minutes.setObjectName("start_minutes")
        self._minutes.setAccelerated(True)
        self._minutes_label = QLabel()
        self._minutes_label.setBuddy(self._minutes)
        self._person_label = QLabel()
        self._person_label.setObjectName("start_person_label")
        self._picker = PersonPicker(self._context.services.people)
        self._picker.person_chosen.connect(self._on_picker_person_chosen)

        self._safety = QGroupBox()
        self._safety.setObjectName("safety_checklist")
        self._battery = QCheckBox()
        self._battery.setObjectName("safety_battery")
        self._overnight = QCheckBox()
        self._overnight.setObjectName("safety_overnight")
        self._parking = QCheckBox()
        self._parking.setObjectName("safety_parking")
        checks = QVBoxLayout(self._safety)
        checks.setSpacing(4)
        for box in self._checks():
            checks.addWidget(box)

        self._start = QPushButton()
        self._start.setObjectName("start_session")
        self._start.setAutoDefault(True)
        self._start.setStyleSheet(PRIMARY_STYLE)
        self._start.clicked.connect(self._on_start_clicked)

        length = QFormLayout()
        length.setContentsMargins(0, 0, 0, 0)
        length.addRow(self._minutes_label, self._start_errors.with_label("end", self._minutes))
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(6)
        column.addLayout(length)
        column.addWidget(self._person_label)
        column.addWidget(self._start_errors.with_label("person", self._picker))
        # The checklist's message sits right under the three boxes, and the first box takes the focus.
        self._safety_box = QWidget()
        safety_column = QVBoxLayout(self._safety_box)
        safety_column.setContentsMargins(0, 0, 0, 0)
        safety_column.setSpacing(2)
        safety_error = ErrorLabel()
        safety_error.setObjectName("error_safety")
        safety_column.addWidget(self._safety)
        safety_column.addWidget(safety_error)
        self._start_errors.bind("safety", safety_error, self._battery)
        column.addWidget(self._safety_box)
        column.addWidget(self._start)
        column.addWidget(self._start_error)
        return page

    def _build_session(self) -> QWidget:
        page = QWidget()
        page.setObjectName("session_view")
        self._session_person = QLabel()
        self._session_person.setObjectName("session_person")
        self._session_person.setWordWrap(True)
        self._session_times = QLabel()
        self._session_times.setObjectName("session_times")
        self._session_times.setWordWrap(True)
        self._session_left = QLabel()
        self._session_left.setObjectName("session_left")
        self._session_error = ErrorLabel()
        self._session_error.setObjectName("session_error")

        self._extend_minutes = QSpinBox()
        self._extend_minutes.setObjectName("extend_minutes")
        self._extend = QPushButton()
        self._extend.setObjectName("extend_session")
        self._extend.setAutoDefault(True)
        self._extend.clicked.connect(self._on_extend_clicked)
        self._extend_hint = QLabel()
        self._extend_hint.setObjectName("extend_hint")
        self._extend_hint.setWordWrap(True)
        self._extend_hint.setStyleSheet(HINT_STYLE)
        self._stop = QPushButton()
        self._stop.setObjectName("stop_session")
        self._stop.setAutoDefault(True)
        self._stop.setStyleSheet(PRIMARY_STYLE)
        self._stop.clicked.connect(self._on_stop_clicked)

        extend = QHBoxLayout()
        extend.addWidget(self._extend_minutes, 1)
        extend.addWidget(self._extend)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(6)
        for label in (self._session_person, self._session_times, self._session_left):
            column.addWidget(label)
        column.addSpacing(6)
        column.addLayout(extend)
        column.addWidget(self._extend_hint)
        column.addSpacing(6)
        column.addWidget(self._stop)
        column.addWidget(self._session_error)
        return page

    def _build_broken(self) -> QWidget:
        page = QWidget()
        page.setObjectName("broken_view")
        self._broken_reason = QLabel()
        self._broken_reason.setObjectName("broken_reason")
        self._broken_reason.setWordWrap(True)
        self._repaired = QPushButton()
        self._repaired.setObjectName("mark_repaired")
        self._repaired.setAutoDefault(True)
        self._repaired.clicked.connect(self._on_repaired_clicked)
        self._broken_error = ErrorLabel()
        self._broken_error.setObjectName("broken_error")
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(6)
        column.addWidget(self._broken_reason)
        column.addWidget(self._repaired)
        column.addWidget(self._broken_error)
        return page

    def _build_fault(self) -> QWidget:
        box = QFrame()
        box.setObjectName("fault_area")
        self._fault_label = QLabel()
        self._fault_label.setObjectName("fault_label")
        self._fault_label.setStyleSheet(HINT_STYLE)
        self._fault_reason = QLineEdit()
        self._fault_reason.setObjectName("fault_reason")
        self._fault_reason.setMaxLength(60)
        self._fault_reason.returnPressed.connect(self._on_fault_clicked)
        self._mark_fault = QPushButton()
        self._mark_fault.setObjectName("mark_fault")
        self._mark_fault.setAutoDefault(True)
        self._mark_fault.clicked.connect(self._on_fault_clicked)
        self._fault_error = ErrorLabel()
        self._fault_error.setObjectName("fault_error")
        self._fault_errors = FieldErrors(self._fault_error)
        self._fault_errors.bind("reason", self._fault_error, self._fault_reason)
        row = QHBoxLayout()
        row.addWidget(self._fault_reason, 1)
        row.addWidget(self._mark_fault)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #dadce0;")
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 10, 0, 0)
        column.setSpacing(6)
        column.addWidget(line)
        column.addWidget(self._fault_label)
        column.addLayout(row)
        column.addWidget(self._fault_error)
        return box

    def retranslate(self) -> None:
        self._empty_hint.setText(self.tr("用方向键或鼠标选择一个桩位。空闲的桩位按 Enter 打开开始充电，再按 Enter 开始。"))
        self._minutes_label.setText(self.tr("时长"))
        self._minutes.setSuffix(self.tr(" 分钟"))
        self._safety.setTitle(self.tr("充电安全须知（逐项确认）"))
        self._battery.setText(self.tr("电池未改装"))
        self._overnight.setText(self.tr("不过夜充电"))
        self._parking.setText(self.tr("车辆停放在指定区域"))
        self._start.setText(self.tr("开始充电"))
        self._extend_minutes.setSuffix(self.tr(" 分钟"))
        self._extend.setText(self.tr("延长"))
        self._stop.setText(self.tr("停止充电"))
        self._repaired.setText(self.tr("已修复，恢复使用"))
        self._fault_label.setText(self.tr("故障登记"))
        self._fault_reason.setPlaceholderText(self.tr("故障原因，例如 插口松动"))
        self._mark_fault.setText(self.tr("标记故障"))
        self._show_texts()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def picker(self) -> PersonPicker:
        return self._picker

    def tile(self) -> PortTile | None:
        return self._tile

    def show_tile(self, tile: PortTile | None, facility: FacilityInfo | None, zone: dt.tzinfo) -> None:
        """Show a port. The same port in the same state (a timer re-read it) keeps what is being typed."""
        same = (tile is not None and self._tile is not None and tile.unit_id == self._tile.unit_id
                and tile.state is self._tile.state and tile.booking_id == self._tile.booking_id)
        self._zone = zone
        self._facility = facility
        if same:
            self._tile = tile
            self._show_texts()
            return
        self._show(tile)

    def activate(self) -> None:
        """Enter on the tile: the form's first choice gets the keyboard."""
        tile = self._tile
        if tile is None:
            return
        if tile.state is PortState.FREE:
            self._reset_start()
            self._start.setFocus(Qt.FocusReason.OtherFocusReason)
        elif tile.state in (PortState.CHARGING, PortState.OVERDUE):
            self._extend.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._repaired.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismissed.emit()
            return
        super().keyPressEvent(event)

    # -- showing -------------------------------------------------------------------------------------------------

    def _show(self, tile: PortTile | None) -> None:
        self._tile = tile
        for label in (self._session_error, self._broken_error):
            label.show_text("")
        self._fault_errors.clear()
        self._fault_reason.clear()
        if tile is None:
            self._set_view(self.EMPTY)
        elif tile.state is PortState.FREE:
            self._set_view(self.START)
            self._reset_start()
        elif tile.state is PortState.OUT_OF_ORDER:
            self._set_view(self.BROKEN)
        else:
            self._set_view(self.SESSION)
            self._reset_extend()
        self._fault.setVisible(tile is not None and tile.state is not PortState.OUT_OF_ORDER)
        self._show_texts()

    def _show_texts(self) -> None:
        tile = self._tile
        if tile is None:
            self._title.setText(self.tr("充电桩位"))
            self._subtitle.setText(self.tr("未选择"))
            return
        self._title.setText(tile.unit_name)
        facility = self._facility.name if self._facility else ""
        self._subtitle.setText(" · ".join(part for part in (facility, state_name(tile.state)) if part))
        if tile.state is PortState.FREE and self._facility is not None:
            required = self._facility.rules.name_required
            self._person_label.setText(self.tr("充电人") if required else self.tr("充电人（可不填，不填即匿名）"))
        if tile.state in (PortState.CHARGING, PortState.OVERDUE):
            who = person_text(tile.masked_name, tile.masked_phone, tile.anonymous)
            self._session_person.setText(self.tr("充电人：%1").replace("%1", who))
            self._session_times.setText(self.tr("%1 开始 · 预计 %2 结束").replace(
                "%1", clock_time(tile.started_at, self._zone)).replace("%2", clock_time(tile.ends_at, self._zone)))
            if tile.state is PortState.OVERDUE:
                self._session_left.setStyleSheet(OVERDUE_STYLE)
                self._session_left.setText(self.tr("已超时 %1").replace("%1", duration_text(tile.minutes_over)))
            else:
                self._session_left.setStyleSheet("")
                self._session_left.setText(self.tr("剩余 %1").replace("%1", duration_text(tile.minutes_left)))
            self._extend_hint.setText(self._extend_hint_text())
            can_extend = self._room_to_extend() > 0
            self._extend.setEnabled(can_extend)
            self._extend_minutes.setEnabled(can_extend)
        if tile.state is PortState.OUT_OF_ORDER:
            self._broken_reason.setText(self.tr("故障原因：%1").replace("%1", tile.out_of_order_reason))

    def _set_view(self, index: int) -> None:
        for number, view in enumerate(self._views):
            view.setVisible(number == index)

    def _reset_start(self) -> None:
        tile = self._tile
        self._start_errors.clear()
        for box in self._checks():
            box.setChecked(False)
        self._picker.reset()
        if tile is None:
            return
        try:
            limits = self._charging.session_limits(tile.unit_id)
        except DeskError as error:
            self._limits = None
            self._start_errors.show(error)
            return
        self._limits = limits
        self._minutes.setRange(limits.min_minutes, limits.max_minutes)
        self._minutes.setSingleStep(limits.step_minutes)
        self._minutes.setValue(limits.default_minutes)
        self._picker.set_allow_anonymous(not limits.name_required)
        self._safety_box.setVisible(limits.needs_checklist)

    def _reset_extend(self) -> None:
        rules = self._facility.rules if self._facility else None
        step = rules.slot_minutes if rules else 15
        self._extend_minutes.setRange(step, rules.max_minutes if rules else 240)
        self._extend_minutes.setSingleStep(step)
        room = self._room_to_extend()
        self._extend_minutes.setValue(min(EXTEND_DEFAULT, room) if room >= step else EXTEND_DEFAULT)

    def _room_to_extend(self) -> int:
        tile = self._tile
        if tile is None or tile.ends_at is None or tile.started_at is None or self._facility is None:
            return 0
        used = int((tile.ends_at - tile.started_at).total_seconds() // 60)
        return max(self._facility.rules.max_minutes - used, 0)

    def _extend_hint_text(self) -> str:
        if self._facility is None:
            return ""
        room = self._room_to_extend()
        if room <= 0:
            return self.tr("已达到最长 %1，不能再延长。").replace(
                "%1", duration_text(self._facility.rules.max_minutes))
        return self.tr("最多还可延长 %1").replace("%1", duration_text(room))

    def _checks(self) -> tuple[QCheckBox, QCheckBox, QCheckBox]:
        return self._battery, self._overnight, self._parking

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_picker_person_chosen(self, _person: PersonRow | None) -> None:
        self._start_errors.clear()
        self._start.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_start_clicked(self) -> None:
        tile = self._tile
        if tile is None or tile.state is not PortState.FREE:
            return
        person = self._picker.chosen()
        needs_checklist = self._limits.needs_checklist if self._limits else (
            self._facility is not None and self._facility.kind is FacilityKind.EBIKE_CHARGING)
        try:
            row = self._context.services.bookings.use_now(
                self._context.actor, tile.unit_id, self._minutes.value(),
                person_id=person.id if person is not None else None,
                safety_checked=needs_checklist and all(box.isChecked() for box in self._checks()))
        except DeskError as error:
            self._start_errors.show(error)
            return
        self.changed.emit(tile.unit_id, self.tr("%1 开始充电：%2，预计 %3 结束。").replace("%1", row.unit_name).replace(
            "%2", self._who(row)).replace("%3", clock_time(row.ends_at, self._zone)))

    def _on_extend_clicked(self) -> None:
        tile = self._tile
        if tile is None or tile.booking_id is None:
            return
        self._session_error.show_text("")
        try:
            row = self._context.services.bookings.extend(self._context.actor, tile.booking_id,
                                                         self._extend_minutes.value())
        except BookingTooLong as error:
            self._session_error.show_text(self.tr("延长后总时长会超过上限（%1）。").replace(
                "%1", duration_text(int(error.params.get("minutes", 0)))))
            return
        except DeskError as error:
            self._session_error.show_text(error_text(error))
            return
        self.changed.emit(tile.unit_id, self.tr("%1 已延长 %2，预计 %3 结束。").replace("%1", row.unit_name).replace(
            "%2", duration_text(self._extend_minutes.value())).replace("%3", clock_time(row.ends_at, self._zone)))

    def _on_stop_clicked(self) -> None:
        tile = self._tile
        if tile is None or tile.booking_id is None:
            return
        self._session_error.show_text("")
        try:
            row = self._context.services.bookings.complete(self._context.actor, tile.booking_id)
        except DeskError as error:
            self._session_error.show_text(error_text(error))
            return
        began = row.checked_in_at or row.starts_at
        used = int(((row.finished_at or began) - began).total_seconds() // 60)
        self.changed.emit(tile.unit_id, self.tr("%1 已停止充电，用时 %2。").replace("%1", row.unit_name).replace(
            "%2", duration_text(used)))

    def _on_fault_clicked(self) -> None:
        tile = self._tile
        if tile is None:
            return
        self._fault_errors.clear()
        try:
            marked = self._charging.mark_out_of_order(self._context.actor, tile.unit_id, self._fault_reason.text())
        except DeskError as error:
            self._fault_errors.show(error)
            return
        self.changed.emit(tile.unit_id, self.tr("%1 已标记故障：%2").replace("%1", marked.unit_name).replace(
            "%2", marked.out_of_order_reason))

    def _on_repaired_clicked(self) -> None:
        tile = self._tile
        if tile is None:
            return
        self._broken_error.show_text("")
        try:
            repaired = self._charging.mark_repaired(self._context.actor, tile.unit_id)
        except DeskError as error:
            self._broken_error.show_text(error_text(error))
            return
        self.changed.emit(tile.unit_id, self.tr("%1 已修复，恢复使用。").replace("%1", repaired.unit_name))

    def _who(self, row: BookingRow) -> str:
        if row.person_id is None:
            return self.tr("匿名")
        return " ".join(part for part in (row.person_name, row.masked_phone) if part)
