"""UI layer: the 母婴室 panel — free or in use since when and until when, start and end a stay without a name,
and the cleaning and disinfection log (登记 with one click; the last entry and a short list)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError, SlotTaken
from desk.services.charging import ChargingService, CleaningEntry, NursingState, whole_minutes
from desk.ui.charging import clock_time, duration_text
from desk.ui.pages import PageContext
from desk.ui.widgets import ErrorLabel, FieldErrors, Retranslating
from desk.ui.wording import error_text

LOG_ROWS = 3
FREE_STYLE = "color: #1e6b34; font-weight: bold;"
BUSY_STYLE = "color: #1a56b8; font-weight: bold;"
OVER_STYLE = "color: #b3261e; font-weight: bold;"
CLOSED_STYLE = "color: #5f6368; font-weight: bold;"
HINT_STYLE = "color: #5f6368;"


class NursingPanel(Retranslating, QGroupBox):
    changed = Signal(str)  # what was done, for the page's status line

    def __init__(self, context: PageContext, charging: ChargingService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nursing_panel")
        self._context = context
        self._charging = charging
        self._state: NursingState | None = None
        self._log: list[CleaningEntry] = []
        self._zone: dt.tzinfo = dt.UTC

        self._state_label = QLabel()
        self._state_label.setObjectName("nursing_state")
        font = self._state_label.font()
        font.setPointSizeF(font.pointSizeF() + 2)
        self._state_label.setFont(font)
        self._detail = QLabel()
        self._detail.setObjectName("nursing_detail")
        self._detail.setWordWrap(True)
        self._occupy = QPushButton()
        self._occupy.setObjectName("nursing_occupy")
        self._occupy.setAutoDefault(True)
        self._occupy.clicked.connect(self._on_occupy_clicked)
        self._release = QPushButton()
        self._release.setObjectName("nursing_release")
        self._release.setAutoDefault(True)
        self._release.clicked.connect(self._on_release_clicked)
        self._error = ErrorLabel()
        self._error.setObjectName("nursing_error")

        self._note = QLineEdit()
        self._note.setObjectName("nursing_clean_note")
        self._note.setMaxLength(60)
        self._note.returnPressed.connect(self._on_clean_clicked)
        self._clean = QPushButton()
        self._clean.setObjectName("nursing_clean")
        self._clean.setAutoDefault(True)
        self._clean.clicked.connect(self._on_clean_clicked)
        self._last = QLabel()
        self._last.setObjectName("nursing_last_clean")
        self._last.setWordWrap(True)
        self._log_list = QListWidget()
        self._log_list.setObjectName("nursing_log")
        self._log_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._log_list.setUniformItemSizes(True)
        row_height = self._log_list.fontMetrics().height() + 6
        self._log_list.setFixedHeight(LOG_ROWS * row_height + 2 * self._log_list.frameWidth() + 4)
        self._clean_error = ErrorLabel()
        self._clean_errors = FieldErrors(self._clean_error)
        self._clean_errors.bind("note", self._clean_error, self._note)

        buttons = QHBoxLayout()
        buttons.addWidget(self._occupy)
        buttons.addWidget(self._release)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(self._state_label)
        left.addWidget(self._detail)
        left.addLayout(buttons)
        left.addWidget(self._error)
        left.addStretch(1)

        clean_row = QHBoxLayout()
        clean_row.addWidget(self._note, 1)
        clean_row.addWidget(self._clean)
        right = QVBoxLayout()
        right.setSpacing(6)
        right.addLayout(clean_row)
        right.addWidget(self._clean_error)
        right.addWidget(self._last)
        right.addWidget(self._log_list)

        row = QHBoxLayout(self)
        row.setSpacing(18)
        row.addLayout(left, 4)
        row.addLayout(right, 5)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("母婴室"))
        self._occupy.setText(self.tr("开始使用"))
        self._occupy.setToolTip(self.tr("不需要登记姓名"))
        self._release.setText(self.tr("结束使用"))
        self._note.setPlaceholderText(self.tr("备注（可不填）"))
        self._clean.setText(self.tr("清洁消毒登记"))
        self._show()

    # -- public --------------------------------------------------------------------------------------------------

    def state(self) -> NursingState | None:
        return self._state

    def reload(self, zone: dt.tzinfo) -> None:
        """Read the room again. A base without a 母婴室 shows no panel."""
        self._zone = zone
        try:
            self._state = self._charging.nursing_state()
        except DeskError:
            self._state = None
            self.hide()
            return
        self._log = self._charging.cleaning_log(self._state.unit_id, LOG_ROWS)
        self.show()
        self._show()

    def retime(self) -> None:
        """The clock moved: only "over by" can change without a write."""
        state = self._state
        if state is not None and state.expected_end is not None:
            over = whole_minutes(self._context.clock.now() - state.expected_end)
            self._state = dataclasses.replace(state, minutes_over=over)
            self._show()

    # -- showing -------------------------------------------------------------------------------------------------

    def _show(self) -> None:
        state = self._state
        if state is None:
            return
        zone = self._zone
        if state.booking is not None:
            self._state_label.setText(self.tr("使用中"))
            self._state_label.setStyleSheet(OVER_STYLE if state.minutes_over else BUSY_STYLE)
            detail = self.tr("%1 起（预计 %2 结束）").replace("%1", clock_time(state.since, zone)).replace(
                "%2", clock_time(state.expected_end, zone))
            if state.minutes_over:
                detail += "\n" + self.tr("已超时 %1").replace("%1", duration_text(state.minutes_over))
            self._detail.setText(detail)
            self._detail.setStyleSheet(OVER_STYLE if state.minutes_over else "")
        elif state.out_of_order_reason:
            self._state_label.setText(self.tr("暂停使用"))
            self._state_label.setStyleSheet(CLOSED_STYLE)
            self._detail.setText(state.out_of_order_reason)
            self._detail.setStyleSheet(HINT_STYLE)
        else:
            self._state_label.setText(self.tr("空闲"))
            self._state_label.setStyleSheet(FREE_STYLE)
            detail = self.tr("每次最长 %1").replace("%1", duration_text(state.max_minutes))
            if state.next_booking_at is not None:
                detail += "\n" + self.tr("%1 有预约").replace("%1", clock_time(state.next_booking_at, zone))
            self._detail.setText(detail)
            self._detail.setStyleSheet(HINT_STYLE)
        self._occupy.setEnabled(state.booking is None and not state.out_of_order_reason)
        self._release.setEnabled(state.booking is not None)
        if state.last_cleaning is None:
            self._last.setText(self.tr("还没有清洁消毒登记"))
        else:
            self._last.setText(self.tr("上次清洁消毒：%1").replace("%1", self._entry_text(state.last_cleaning)))
        self._log_list.clear()
        for entry in self._log:
            self._log_list.addItem(self._entry_text(entry, with_note=True))

    def _entry_text(self, entry: CleaningEntry, with_note: bool = False) -> str:
        local = entry.at.astimezone(self._zone)
        today = self._context.clock.now().astimezone(self._zone).date()
        when = f"{local:%H:%M}" if local.date() == today else f"{local:%m-%d %H:%M}"
        parts = [when, entry.staff_name or self.tr("命令行")]
        if with_note and entry.note:
            parts.append(entry.note)
        return " · ".join(parts)

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_occupy_clicked(self) -> None:
        self._error.show_text("")
        try:
            stay = self._charging.occupy(self._context.actor)
        except SlotTaken as error:  # another desk was quicker, or a booking is about to start
            self._error.show_text(self.tr("%1 在 %2–%3 已有人使用或预约，请稍后再试。").replace(
                "%1", str(error.params.get("unit", ""))).replace("%2", str(error.params.get("start", ""))).replace(
                "%3", str(error.params.get("end", ""))))
            self.reload(self._zone)
            return
        except DeskError as error:
            self._error.show_text(error_text(error))
            self.reload(self._zone)
            return
        self.reload(self._zone)
        self.changed.emit(self.tr("母婴室开始使用，预计 %1 结束。").replace("%1", clock_time(stay.ends_at, self._zone)))

    def _on_release_clicked(self) -> None:
        state = self._state
        self._error.show_text("")
        try:
            self._charging.release(self._context.actor, state.booking.id if state and state.booking else None)
        except DeskError as error:
            self._error.show_text(error_text(error))
            self.reload(self._zone)
            return
        self.reload(self._zone)
        self.changed.emit(self.tr("母婴室已结束使用。"))

    def _on_clean_clicked(self) -> None:
        state = self._state
        if state is None:
            return
        self._clean_errors.clear()
        try:
            entry = self._charging.log_cleaning(self._context.actor, state.unit_id, self._note.text())
        except DeskError as error:
            self._clean_errors.show(error)
            return
        self._note.clear()
        self.reload(self._zone)
        self.changed.emit(self.tr("已登记母婴室清洁消毒（%1）。").replace("%1", self._entry_text(entry)))
