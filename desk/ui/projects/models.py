"""UI layer: the table models of the 项目 page — the project list, a project's claims (with the tick of who came
and the hours worked, for group verification) and a member's projects. Rows are the frozen rows the project
service returned; cells are worded at display time, so a language change only repaints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desk.domain.points import ClaimState, ProjectStatus
from desk.services.projects import ClaimRow, MemberClaimRow, ProjectRow
from desk.ui.points import amount_text
from desk.ui.projects import MINUTES_PER_HOUR, hours_text, moment, project_points, short_range
from desk.ui.settings._common import RowsModel
from desk.ui.wording import claim_state_name, project_kind_name, project_status_name

AnyIndex = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
QUIET = QColor("#80868b")
REFUSED = QColor("#b3261e")
OPEN_COLOR = QColor("#1e6b34")
HOURS_MIN, HOURS_MAX, HOURS_STEP = 0.5, 24.0, 0.5


class ProjectListModel(RowsModel[ProjectRow]):
    """The base's projects, soonest first."""

    TITLE, KIND, TIME, CLAIMED, POINTS, STATUS = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zone: dt.tzinfo = dt.UTC
        self.now = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # set with the rows, from the clock

    @property
    def today(self) -> dt.date:
        return self.now.astimezone(self.zone).date()

    def signup_over(self, row: ProjectRow) -> bool:
        """Open, but its sign-up deadline has passed: no claim is taken any more."""
        return row.status is ProjectStatus.OPEN and row.signup_deadline <= self.now

    def headers(self) -> list[str]:
        return [self.tr("项目"), self.tr("类型"), self.tr("时间"), self.tr("认领/名额"), self.tr("积分"),
                self.tr("状态")]

    def cell(self, row: ProjectRow, column: int) -> str:
        if column == self.TITLE:
            return row.title
        if column == self.KIND:
            return project_kind_name(row.kind.value)
        if column == self.TIME:
            return short_range(row.starts_at, row.ends_at, self.zone, self.today)
        if column == self.CLAIMED:
            return f"{row.claimed}/{row.slots}"
        if column == self.POINTS:
            return project_points(row)
        if self.signup_over(row):
            return self.tr("报名已截止")
        return project_status_name(row.status.value)

    def cell_tooltip(self, row: ProjectRow, column: int) -> str | None:
        if column == self.TITLE:  # the list shows the title's cell: its tooltip says what may be elided
            lines = [row.title, " · ".join(self.cell(row, c) for c in (self.KIND, self.TIME, self.POINTS)),
                     " · ".join((self.cell(row, self.CLAIMED), self.cell(row, self.STATUS))), row.location]
            return "\n".join(line for line in lines if line)
        if column == self.TIME:
            return self.tr("报名截止：%1").replace("%1", moment(row.signup_deadline, self.zone))
        return None

    def column_alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return RIGHT if column == self.CLAIMED else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and not index.parent().isValid():
            row = self.row_at(index.row())
            if row is not None and row.status is ProjectStatus.FINISHED:
                return QBrush(QUIET)
            if row is not None and index.column() == self.STATUS and row.status is ProjectStatus.OPEN \
                    and not self.signup_over(row):
                return QBrush(OPEN_COLOR)
            return None
        if role == Qt.ItemDataRole.UserRole and index.isValid() and not index.parent().isValid():
            row = self.row_at(index.row())
            return row.id if row is not None else None
        return super().data(index, role)

    def row_of(self, project_id: int) -> int:
        return next((number for number, row in enumerate(self._rows) if row.id == project_id), -1)


class ClaimsModel(QAbstractTableModel):
    """A project's claims. While verification is possible (`verifying`), each claimed row has a tick (who came)
    and, where the project counts hours, an hours cell to edit; a refused row keeps its reason (`notes`)."""

    CAME, NAME, NUMBER, PHONE, STATE, HOURS, POINTS, NOTE = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ClaimRow] = []
        self._ticked: set[int] = set()
        self._hours: dict[int, float] = {}
        self._notes: dict[int, str] = {}
        self._verifying = False
        self._hourly = False
        self._default_hours = 1.0

    # -- public --------------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ClaimRow], *, verifying: bool, hourly: bool, default_hours: float) -> None:
        """New rows: ticks, hours and notes of claims still claimed are kept (a reload after another desk's
        change does not undo what staff ticked)."""
        self.beginResetModel()
        self._rows = list(rows)
        claimed = {row.id for row in self._rows if row.state is ClaimState.CLAIMED}
        self._verifying = verifying
        self._hourly = hourly
        self._default_hours = default_hours
        self._ticked &= claimed if verifying else set()
        self._hours = {claim: hours for claim, hours in self._hours.items() if claim in claimed}
        self._notes = {claim: note for claim, note in self._notes.items() if claim in claimed}
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._ticked.clear()
        self._hours.clear()
        self._notes.clear()
        self.endResetModel()

    def rows(self) -> list[ClaimRow]:
        return list(self._rows)

    def row_at(self, row: int) -> ClaimRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, claim_id: int) -> int:
        return next((number for number, row in enumerate(self._rows) if row.id == claim_id), -1)

    @property
    def hourly(self) -> bool:
        return self._hourly

    def checkable(self, row: ClaimRow) -> bool:
        return self._verifying and row.state is ClaimState.CLAIMED

    def ticked(self) -> list[ClaimRow]:
        return [row for row in self._rows if row.id in self._ticked]

    def set_ticked(self, claim_id: int, ticked: bool) -> None:
        number = self.row_of(claim_id)
        row = self.row_at(number)
        if row is None or not self.checkable(row):
            return
        if ticked:
            self._ticked.add(claim_id)
            self._notes.pop(claim_id, None)  # ticked again: the earlier refusal is no longer what it says
        else:
            self._ticked.discard(claim_id)
        self.dataChanged.emit(self.index(number, 0), self.index(number, self.columnCount() - 1))

    def tick_all(self, ticked: bool) -> None:
        for row in self._rows:
            if self.checkable(row):
                self.set_ticked(row.id, ticked)

    def hours(self, claim_id: int) -> float:
        return self._hours.get(claim_id, self._default_hours)

    def minutes(self, claim_id: int) -> int | None:
        """What the service is sent for a claim: the minutes worked where hours count, else None."""
        return round(self.hours(claim_id) * MINUTES_PER_HOUR) if self._hourly else None

    def set_notes(self, notes: dict[int, str]) -> None:
        """Reasons for claims left unticked by a refusal (or cleared with an empty dict)."""
        self._notes = dict(notes)
        self._ticked -= set(notes)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    def note(self, claim_id: int) -> str:
        return self._notes.get(claim_id, "")

    def relabel(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    def cell(self, row: ClaimRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.NUMBER:
            return row.member_no
        if column == self.PHONE:
            return row.masked_phone
        if column == self.STATE:
            return claim_state_name(row.state.value)
        if column == self.HOURS:
            if row.state is ClaimState.COMPLETED:
                return hours_text(row.minutes)
            if self.checkable(row) and self._hourly:
                return hours_text(round(self.hours(row.id) * MINUTES_PER_HOUR))
            return ""
        if column == self.POINTS:
            return amount_text(row.points) if row.points else ""
        if column == self.NOTE:
            return self.note(row.id)
        return ""

    # -- Qt ------------------------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else 8

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.row_at(index.row())
        if row is not None and self.checkable(row):
            if index.column() == self.CAME:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            elif index.column() == self.HOURS and self._hourly:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if row is None or not 0 <= column < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self.hours(row.id) if column == self.HOURS else self.cell(row, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CAME and self.checkable(row):
            return Qt.CheckState.Checked if row.id in self._ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.NOTE:
                return QBrush(REFUSED)
            if row.state in (ClaimState.CANCELLED, ClaimState.ABSENT):
                return QBrush(QUIET)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NOTE and self.note(row.id):
                return self.note(row.id)
            if column == self.CAME and self.checkable(row):
                return self.tr("勾选到场的人（空格键勾选）")
            if column == self.HOURS and self.checkable(row) and self._hourly:
                return self.tr("实际服务时长，单位小时（可输入 0.5 的倍数）")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.HOURS, self.POINTS):
            return int(RIGHT.value)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.parent().isValid():
            return False
        row = self.row_at(index.row())
        if row is None or not self.checkable(row):
            return False
        if index.column() == self.CAME and role == Qt.ItemDataRole.CheckStateRole:
            self.set_ticked(row.id, _checked(value))
            return True
        if index.column() == self.HOURS and role == Qt.ItemDataRole.EditRole and self._hourly:
            try:
                hours = float(value)
            except (TypeError, ValueError):
                return False
            if not HOURS_MIN <= hours <= HOURS_MAX:
                return False
            self._hours[row.id] = round(hours / HOURS_STEP) * HOURS_STEP
            self._ticked.add(row.id)  # hours entered for someone means they came
            self._notes.pop(row.id, None)
            self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
            return True
        return False

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = [self.tr("到场"), self.tr("姓名"), self.tr("会员号"), self.tr("电话"), self.tr("状态"),
                   self.tr("时长"), self.tr("积分"), self.tr("说明")]
        return headers[section] if 0 <= section < len(headers) else None


def _checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value


class MemberClaimsModel(RowsModel[MemberClaimRow]):
    """A member's claimed and completed projects, newest first."""

    TITLE, DATE, STATE, POINTS = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zone: dt.tzinfo = dt.UTC

    def headers(self) -> list[str]:
        return [self.tr("项目"), self.tr("日期"), self.tr("状态"), self.tr("积分")]

    def cell(self, row: MemberClaimRow, column: int) -> str:
        if column == self.TITLE:
            return row.title
        if column == self.DATE:
            return moment(row.starts_at, self.zone)
        if column == self.STATE:
            return claim_state_name(row.state.value)
        return amount_text(row.points) if row.points else ""

    def cell_tooltip(self, row: MemberClaimRow, column: int) -> str | None:
        return row.title if column == self.TITLE else None

    def column_alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return RIGHT if column == self.POINTS else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and not index.parent().isValid():
            row = self.row_at(index.row())
            quiet = row is not None and row.state in (ClaimState.CANCELLED, ClaimState.ABSENT)
            return QBrush(QUIET) if quiet else None
        return super().data(index, role)


