"""UI layer: the right half of the 项目 page — the chosen project's details, the claim field (a scanned member card,
a phone, its last four digits or a name claims the project for that member), the claim list, and verification:
tick who came (and the hours where the project counts them), then 确认完成并发放积分 credits everyone at once.

Verification starts with the first tick: the panel makes the submission key then and sends it with every try, so
a double click or a retry after an error writes each credit once. A credit the service refuses (a cap reached)
leaves its row unticked with the reason beside it; the others are credited. A single row can be completed, a
claim cancelled before the start, a member who did not come marked absent. The sign-in sheet PDF is made on the
background worker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desk.domain.errors import DeskError, NotAMember
from desk.domain.people import parse_query
from desk.domain.points import ClaimState, ProjectStatus
from desk.printing.sign_sheet import (
    SignSheet,
    SignSheetLabels,
    SignSheetProject,
    SignSheetRow,
    sign_sheet_pdf,
)
from desk.services.people import PersonRow
from desk.services.points import new_key
from desk.services.projects import ClaimRow, GroupResult, ProjectRow
from desk.ui import boxes
from desk.ui import projects as project_ui
from desk.ui.pages import PageContext
from desk.ui.points import amount_text
from desk.ui.projects import (
    html,
    long_range,
    moment,
    project_points,
    save_failed_text,
    weekday,
)
from desk.ui.projects.models import HOURS_MAX, HOURS_MIN, HOURS_STEP, ClaimsModel
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import category_name, error_text, project_kind_name, project_status_name

AnyIndex = QModelIndex | QPersistentModelIndex
HINT_STYLE = "color: #5f6368;"
STATUS_STYLE = "color: #1e6b34; font-weight: bold;"
TITLE_STYLE = "font-weight: bold; font-size: 15px;"
PRIMARY_STYLE = ("QPushButton { padding: 3px 12px; background: #8c1d18; color: white; border: 1px solid #8c1d18;"
                 " border-radius: 4px; font-weight: bold; }"
                 "QPushButton:disabled { background: #d9b8b6; border-color: #d9b8b6; }"
                 "QPushButton:focus { border: 2px solid #202124; }")
VISIBLE_MATCHES = 4
DESCRIPTION_SHOWN = 90  # characters; the whole text is in the tooltip
RETIME_MS = 60_000  # a project that starts while the page is open becomes verifiable without a click
MONDAY = dt.date(2026, 11, 23)  # any Monday: the sign sheet's weekday names start there


class HoursDelegate(QStyledItemDelegate):
    """The hours cell: a spin box in half hours."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        if index.column() != ClaimsModel.HOURS:
            return super().createEditor(parent, option, index)
        editor = QDoubleSpinBox(parent)
        editor.setObjectName("hours_editor")
        editor.setRange(HOURS_MIN, HOURS_MAX)
        editor.setSingleStep(HOURS_STEP)
        editor.setDecimals(1)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QDoubleSpinBox):
            editor.setValue(float(index.data(Qt.ItemDataRole.EditRole)))
            editor.selectAll()
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QDoubleSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class ClaimPanel(Retranslating, QWidget):
    changed = Signal(bool)  # something was written; True when points were credited

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claim_panel")
        self._context = context
        self._projects = context.services.projects
        self._project: ProjectRow | None = None
        self._zone: dt.tzinfo = dt.UTC
        self._base_name = ""
        self._matches_for = ""  # the text the match list belongs to
        self._group_key: str | None = None
        self._single_keys: dict[int, str] = {}
        self._shown_verifying = False  # whether the rows were last shown verifiable (the clock moves on)

        self._title = QLabel()
        self._title.setObjectName("project_heading")
        self._title.setStyleSheet(TITLE_STYLE)
        self._title.setWordWrap(True)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._facts = QLabel()
        self._facts.setObjectName("project_facts")
        self._facts.setWordWrap(True)
        self._description = QLabel()
        self._description.setObjectName("project_description_text")
        self._description.setWordWrap(True)
        self._description.setStyleSheet(HINT_STYLE)

        self._claim_field = QLineEdit()
        self._claim_field.setObjectName("claim_field")
        self._claim_field.setClearButtonEnabled(True)
        self._claim_field.setMinimumHeight(32)
        self._claim_button = QPushButton()
        self._claim_button.setObjectName("claim_button")
        self._claim_button.setMinimumHeight(32)
        self._matches = QListWidget()
        self._matches.setObjectName("claim_matches")
        self._matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the field
        self._matches.setUniformItemSizes(True)
        row_height = self._matches.fontMetrics().height() + 8
        self._matches.setFixedHeight(VISIBLE_MATCHES * row_height + 2 * self._matches.frameWidth() + 2)
        self._matches.hide()
        self._claim_error = ErrorLabel()
        self._claim_error.setObjectName("claim_error")
        self._claim_hint = QLabel()
        self._claim_hint.setObjectName("claim_hint")
        self._claim_hint.setWordWrap(True)
        self._claim_hint.setStyleSheet(HINT_STYLE)
        self._claim_hint.hide()

        self._list_title = QLabel()
        self._list_title.setObjectName("claims_title")
        font = self._list_title.font()
        font.setBold(True)
        self._list_title.setFont(font)
        self._print = QPushButton()
        self._print.setObjectName("print_sheet")
        self._model = ClaimsModel(self)
        self._table = QTableView()
        self._table.setObjectName("claims_table")
        self._table.setModel(self._model)
        self._table.setItemDelegate(HoursDelegate(self._table))
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                    | QAbstractItemView.EditTrigger.EditKeyPressed
                                    | QAbstractItemView.EditTrigger.AnyKeyPressed
                                    | QAbstractItemView.EditTrigger.SelectedClicked)
        self._table.setAlternatingRowColors(True)
        self._table.setWordWrap(False)
        self._table.verticalHeader().hide()
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(36)
        header.setDefaultSectionSize(60)  # the note column starts narrow: a long reason is elided, in a tooltip
        header.setStretchLastSection(True)
        self._empty = QLabel()
        self._empty.setObjectName("claims_empty")
        self._empty.setWordWrap(True)
        self._empty.setStyleSheet(HINT_STYLE)

        self._tick_all = QPushButton()
        self._tick_all.setObjectName("tick_all")
        self._cancel = QPushButton()
        self._cancel.setObjectName("cancel_claim")
        self._absent = QPushButton()
        self._absent.setObjectName("mark_absent")
        self._complete_one = QPushButton()
        self._complete_one.setObjectName("complete_one")
        self._verify_hint = QLabel()
        self._verify_hint.setObjectName("verify_hint")
        self._verify_hint.setWordWrap(True)
        self._verify_hint.setStyleSheet(HINT_STYLE)
        self._confirm = QPushButton()
        self._confirm.setObjectName("confirm_group")
        self._confirm.setStyleSheet(PRIMARY_STYLE)
        self._confirm.setMinimumHeight(30)
        self._error = ErrorLabel()
        self._error.setObjectName("claims_error")
        self._status = QLabel()
        self._status.setObjectName("claims_status")
        self._status.setWordWrap(True)
        self._status.setStyleSheet(STATUS_STYLE)
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._status.hide()
        self._result = QLabel()
        self._result.setObjectName("group_result")
        self._result.setWordWrap(True)
        self._result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._result.hide()
        self._sheet_result = QLabel()
        self._sheet_result.setObjectName("sheet_result")
        self._sheet_result.setWordWrap(True)
        self._sheet_result.setOpenExternalLinks(True)
        self._sheet_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self._sheet_result.hide()

        claim_row = QHBoxLayout()
        claim_row.addWidget(self._claim_field, 1)
        claim_row.addWidget(self._claim_button)
        list_row = QHBoxLayout()
        list_row.addWidget(self._list_title, 1)
        list_row.addWidget(self._print)
        row_actions = QHBoxLayout()
        for button in (self._tick_all, self._cancel, self._absent, self._complete_one):
            row_actions.addWidget(button)
        row_actions.addStretch(1)
        confirm_row = QHBoxLayout()
        confirm_row.addWidget(self._verify_hint, 1)
        confirm_row.addWidget(self._confirm, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self._title)
        layout.addWidget(self._facts)
        layout.addWidget(self._description)
        layout.addLayout(claim_row)
        layout.addWidget(self._matches)
        layout.addWidget(self._claim_error)
        layout.addWidget(self._claim_hint)
        layout.addSpacing(4)
        layout.addLayout(list_row)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._empty)
        layout.addLayout(row_actions)
        layout.addLayout(confirm_row)
        layout.addWidget(self._error)
        layout.addWidget(self._status)
        layout.addWidget(self._result)
        layout.addWidget(self._sheet_result)

        self._claim_field.returnPressed.connect(self._on_claim_return_pressed)
        self._claim_field.textEdited.connect(self._on_claim_text_edited)
        self._claim_field.installEventFilter(self)
        self._claim_button.clicked.connect(self._on_claim_return_pressed)
        self._matches.itemDoubleClicked.connect(self._on_matches_item_double_clicked)
        self._table.installEventFilter(self)
        self._table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._model.dataChanged.connect(self._on_model_data_changed)
        self._model.modelReset.connect(self._update_buttons)
        self._tick_all.clicked.connect(self._on_tick_all_clicked)
        self._cancel.clicked.connect(self._on_cancel_clicked)
        self._absent.clicked.connect(self._on_absent_clicked)
        self._complete_one.clicked.connect(self._on_complete_one_clicked)
        self._confirm.clicked.connect(self._on_confirm_clicked)
        self._print.clicked.connect(self._on_print_clicked)
        self._confirm_key = QShortcut(QKeySequence("Ctrl+Return"), self)
        self._confirm_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._confirm_key.activated.connect(self._on_confirm_shortcut)
        self._retimer = QTimer(self)
        self._retimer.setInterval(RETIME_MS)
        self._retimer.timeout.connect(self._on_retimer_timeout)
        self._retimer.start()
        self.setFocusProxy(self._claim_field)
        self.show_project(None)
        self.retranslate()

    def retranslate(self) -> None:
        self._claim_field.setPlaceholderText(self.tr("认领：扫会员卡或输入手机号/姓名"))
        self._claim_field.setToolTip(self.tr("扫描会员卡，或输入手机号、尾号 4 位、姓名后按 Enter；多人匹配时用 ↑ ↓ 选择"))
        self._claim_button.setText(self.tr("认领 (Enter)"))
        self._print.setText(self.tr("打印签到表…"))
        self._print.setToolTip(self.tr("把认领名单保存为 PDF 签到表（姓名打码），打印后带到活动现场签到"))
        self._tick_all.setToolTip(self.tr("勾选全部已认领的人；再点一次全部取消"))
        self._cancel.setText(self.tr("取消认领"))
        self._cancel.setToolTip(self.tr("项目开始前取消选中的认领，名额退回"))
        self._absent.setText(self.tr("登记缺席"))
        self._absent.setToolTip(self.tr("项目开始后，认领了但没有来的人"))
        self._complete_one.setText(self.tr("单独完成"))
        self._complete_one.setToolTip(self.tr("只为选中的一位核验完成并发放积分"))
        self._confirm.setToolTip(self.tr("为勾选的人核验完成并发放积分 (Ctrl+Enter)"))
        self._model.relabel()
        self._show_project_text()
        self._update_buttons()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def claim_field(self) -> QLineEdit:
        return self._claim_field

    @property
    def model(self) -> ClaimsModel:
        return self._model

    @property
    def table(self) -> QTableView:
        return self._table

    @property
    def project(self) -> ProjectRow | None:
        return self._project

    def set_base(self, name: str, zone: dt.tzinfo) -> None:
        self._base_name = name
        self._zone = zone

    def show_project(self, project: ProjectRow | None) -> None:
        """Show a project (None: nothing chosen) and read its claims."""
        if project is None or self._project is None or project.id != self._project.id:
            self._group_key = None
            self._single_keys.clear()
            self._model.clear()
            self._clear_messages()
            self._hide_matches()
        self._project = project
        self._show_project_text()
        self.reload()

    def reload(self) -> None:
        """Read the claims again (after a change here or at another desk)."""
        project = self._project
        if project is None:
            self._model.clear()
        else:
            try:
                rows = self._projects.claims(project.id)
            except DeskError as error:
                self._error.show_text(error_text(error))
                rows = []
            keep = self._selected_claim()
            self._shown_verifying = self._verifying()
            self._model.set_rows(rows, verifying=self._shown_verifying, hourly=project.by_the_hour,
                                 default_hours=self._default_hours(project))
            if keep is not None and (row := self._model.row_of(keep.id)) >= 0:
                self._table.selectRow(row)
        self._fit_columns()
        self._show_counts()
        self._update_buttons()

    def clear_messages(self) -> None:
        self._clear_messages()

    # -- helpers -------------------------------------------------------------------------------------------------

    def _now(self) -> dt.datetime:
        return self._context.clock.now()

    def _started(self) -> bool:
        return self._project is not None and self._now() >= self._project.starts_at

    def _finished(self) -> bool:
        return self._project is not None and self._project.status is ProjectStatus.FINISHED

    def _verifying(self) -> bool:
        return self._started() and not self._finished()

    @staticmethod
    def _default_hours(project: ProjectRow) -> float:
        """What the hours cell offers first: the project's length in half hours, at most its cap."""
        length = (project.ends_at - project.starts_at).total_seconds() / 3600
        cap = float(project.max_hours or HOURS_MAX)
        return max(HOURS_MIN, min(cap, round(length / HOURS_STEP) * HOURS_STEP))

    def _show_project_text(self) -> None:
        project = self._project
        for widget in (self._facts, self._claim_field, self._claim_button, self._list_title, self._print,
                       self._table):
            widget.setEnabled(project is not None)
        if project is None:
            self._title.setText(self.tr("在左侧选择一个项目"))
            self._facts.setText(self.tr("选择项目后，可在这里为会员认领、打印签到表、核验到场并发放积分。"))
            self._description.hide()
            return
        self._title.setText(project.title)
        line1 = [project_kind_name(project.kind.value), long_range(project.starts_at, project.ends_at, self._zone)]
        if project.location:
            line1.append(project.location)
        line2 = [self.tr("报名截止 %1").replace("%1", moment(project.signup_deadline, self._zone)),
                 self.tr("积分：%1").replace("%1", project_points(project)),
                 self.tr("报名已截止") if project.status is ProjectStatus.OPEN
                 and project.signup_deadline <= self._now() else project_status_name(project.status.value)]
        self._facts.setText(" · ".join(line1) + "\n" + " · ".join(line2))
        text = " ".join(project.description.split())
        self._description.setText(text if len(text) <= DESCRIPTION_SHOWN else text[:DESCRIPTION_SHOWN] + "…")
        self._description.setToolTip(project.description if len(text) > DESCRIPTION_SHOWN else "")
        self._description.setVisible(bool(text))

    def _show_counts(self) -> None:
        project = self._project
        if project is None:
            self._list_title.setText(self.tr("认领名单"))
            self._empty.hide()
            return
        self._list_title.setText(self.tr("认领名单 · 已认领 %1/%2 · 已完成 %3").replace(
            "%1", str(project.claimed)).replace("%2", str(project.slots)).replace("%3", str(project.completed_count)))
        self._empty.setText(self.tr("还没有人认领。扫描会员卡或输入手机号/姓名，按 Enter 认领。"))
        self._empty.setVisible(self._model.rowCount() == 0)

    def _fit_columns(self) -> None:
        metrics = self._table.fontMetrics()
        header = self._table.horizontalHeader()
        samples = {ClaimsModel.NAME: ["张明华"], ClaimsModel.NUMBER: ["MH00001"], ClaimsModel.PHONE: ["138****5678"],
                   ClaimsModel.STATE: ["已完成"], ClaimsModel.HOURS: ["12.5"], ClaimsModel.POINTS: ["+100"]}
        for column in range(self._model.columnCount() - 1):
            texts = [str(self._model.headerData(column, Qt.Orientation.Horizontal) or "")]
            texts += samples.get(column, [])
            texts += [self._model.cell(row, column) for row in self._model.rows()]
            width = max(metrics.horizontalAdvance(text) for text in texts) + 14
            header.resizeSection(column, min(width, 140))
        header.resizeSection(ClaimsModel.CAME, max(header.sectionSize(ClaimsModel.CAME), 40))
        self._table.setColumnHidden(ClaimsModel.HOURS, not self._model.hourly)

    def _selected_claim(self) -> ClaimRow | None:
        rows = self._table.selectionModel().selectedRows()
        return self._model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self._selected_claim()
        claimed = row is not None and row.state is ClaimState.CLAIMED and not self._finished()
        started = self._started()
        self._cancel.setEnabled(claimed and not started)
        self._absent.setEnabled(claimed and started)
        self._complete_one.setEnabled(claimed and started)
        checkable = [r for r in self._model.rows() if self._model.checkable(r)]
        ticked = self._model.ticked()
        self._tick_all.setEnabled(bool(checkable))
        self._tick_all.setText(self.tr("全部取消勾选") if checkable and len(ticked) == len(checkable)
                               else self.tr("全部勾选"))
        self._confirm.setEnabled(bool(ticked))
        self._confirm.setText(self.tr("确认完成并发放积分（%n 人）", "", len(ticked)) if ticked
                              else self.tr("确认完成并发放积分"))
        if self._project is None:
            hint = ""
        elif self._finished():
            hint = self.tr("项目已结束，名单只供查看。")
        elif not started:
            hint = self.tr("项目 %1 开始；开始后勾选到场的人，核验完成并发放积分。").replace(
                "%1", moment(self._project.starts_at, self._zone))
        elif not checkable:
            hint = self.tr("没有待核验的认领。")
        elif self._model.hourly:
            hint = self.tr("勾选到场的人，在“时长”栏填写实际小时数（空格键勾选，直接输入数字改时长）。")
        else:
            hint = self.tr("勾选到场的人（空格键勾选），然后确认完成并发放积分。")
        self._verify_hint.setText(hint)
        self._verify_hint.setVisible(bool(hint))

    def _clear_messages(self) -> None:
        self._claim_error.show_text("")
        self._set_claim_hint("")
        self._error.show_text("")
        self._say("")
        self._result.hide()
        self._sheet_result.hide()

    def _say(self, text: str) -> None:
        self._status.setText(text)
        self._status.setVisible(bool(text))

    def _set_claim_hint(self, text: str) -> None:
        self._claim_hint.setText(text)
        self._claim_hint.setVisible(bool(text))

    def _name_of(self, claim_id: int) -> str:
        row = self._model.row_at(self._model.row_of(claim_id))
        if row is None:
            return ""
        return row.name or row.member_no

    # -- claiming ------------------------------------------------------------------------------------------------

    def _hide_matches(self) -> None:
        self._matches.clear()
        self._matches.hide()
        self._matches_for = ""

    def _on_claim_text_edited(self, _text: str) -> None:
        if self._matches.isVisible():
            self._hide_matches()  # what it listed belongs to the text before
        self._claim_error.show_text("")
        self._set_claim_hint("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self._claim_field:
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._matches.isVisible():
                    step = 1 if key == Qt.Key.Key_Down else -1
                    row = max(0, min(self._matches.count() - 1, self._matches.currentRow() + step))
                    self._matches.setCurrentRow(row)
                    return True
                if key == Qt.Key.Key_Down and self._model.rowCount():
                    self._table.setFocus()  # ↓ from the field goes into the claim list
                    if not self._table.selectionModel().hasSelection():
                        self._table.selectRow(0)
                    return True
                if key == Qt.Key.Key_Escape and (self._claim_field.text() or self._matches.isVisible()):
                    self._claim_field.clear()
                    self._hide_matches()
                    self._set_claim_hint("")
                    self._claim_error.show_text("")
                    return True
            elif watched is self._table:
                if key == Qt.Key.Key_Space and self._table.state() != QAbstractItemView.State.EditingState:
                    claim = self._selected_claim()
                    if claim is not None and self._model.checkable(claim):
                        self._model.set_ticked(claim.id, claim not in self._model.ticked())
                    return True
                if key == Qt.Key.Key_Escape:
                    self._claim_field.setFocus()
                    self._claim_field.selectAll()
                    return True
        return super().eventFilter(watched, event)

    def _on_claim_return_pressed(self) -> None:
        text = self._claim_field.text()
        if self._matches.isVisible() and text == self._matches_for:
            item = self._matches.currentItem()
            if item is not None:
                self._claim_for(item.data(Qt.ItemDataRole.UserRole))
            return
        self._search(text)

    def _on_matches_item_double_clicked(self, item: QListWidgetItem) -> None:
        self._claim_for(item.data(Qt.ItemDataRole.UserRole))

    def _search(self, text: str) -> None:
        self._clear_messages()
        self._hide_matches()
        if self._project is None:
            return
        try:
            query = parse_query(text)
            found = self._context.services.people.search(text) if query.kind in ("phone", "last4", "name") else []
        except DeskError as error:
            self._claim_error.show_text(error_text(error))
            return
        if query.kind == "empty":
            self._set_claim_hint(self.tr("请扫描会员卡，或输入手机号、尾号 4 位或姓名后按 Enter。"))
        elif query.kind == "digits":
            self._set_claim_hint(self.tr("请继续输入：完整的 11 位手机号，或手机尾号 4 位。"))
        elif not found:
            self._set_claim_hint(self.tr("没有找到。新访客请先在“签到”页登记，再到“积分”页加入红色积分。"))
        elif len(found) == 1:
            self._claim_for(found[0])
        else:
            for person in found:
                parts = [person.name, person.masked_phone, category_name(person.category.value),
                         person.member_no or self.tr("非会员")]
                item = QListWidgetItem("  ".join(p for p in parts if p))
                item.setData(Qt.ItemDataRole.UserRole, person)
                self._matches.addItem(item)
            self._matches.setCurrentRow(0)
            self._matches.show()
            self._matches_for = text
            self._set_claim_hint(self.tr("找到 %n 位，用 ↑ ↓ 选择，Enter 认领。", "", len(found)))

    def _claim_for(self, person: PersonRow) -> None:
        project = self._project
        if project is None:
            return
        self._clear_messages()
        try:
            member = self._context.services.points.require_member(person.id)
            claim = self._projects.claim(self._context.actor, project.id, member.id)
        except NotAMember as error:
            self._claim_error.show_text(error_text(error))
            self._set_claim_hint(self.tr("请到“积分”页查找此人，点“加入红色积分”后再认领。"))
            self._claim_field.selectAll()
            return
        except DeskError as error:
            self._claim_error.show_text(error_text(error))
            self._claim_field.selectAll()
            return
        self._hide_matches()
        self._claim_field.clear()
        self.changed.emit(False)
        if (row := self._model.row_of(claim.id)) >= 0:
            self._table.selectRow(row)
        self._say(self.tr("已认领：%1（会员号 %2）").replace("%1", claim.name).replace("%2", claim.member_no))
        self._claim_field.setFocus()

    # -- claim actions -------------------------------------------------------------------------------------------

    def _on_model_data_changed(self, *_args: object) -> None:
        if self._model.ticked() and self._group_key is None:
            self._group_key = new_key()  # verification starts: one key for this group, kept for retries
        self._update_buttons()

    def _on_tick_all_clicked(self) -> None:
        checkable = [r for r in self._model.rows() if self._model.checkable(r)]
        self._model.tick_all(len(self._model.ticked()) < len(checkable))

    def _on_cancel_clicked(self) -> None:
        row = self._selected_claim()
        if row is None:
            return
        self._clear_messages()
        try:
            self._projects.cancel_claim(self._context.actor, row.id)
        except DeskError as error:
            self._error.show_text(error_text(error))
            return
        self.changed.emit(False)
        self._say(self.tr("已取消 %1 的认领，名额已退回。").replace("%1", row.name or row.member_no))

    def _on_absent_clicked(self) -> None:
        row = self._selected_claim()
        if row is None:
            return
        self._clear_messages()
        # Final for this claim (no points can follow), so asked first, unlike a cancellation.
        text = self.tr("登记 %1 缺席？登记后不能再为这条认领发放积分。").replace("%1", row.name or row.member_no)
        if not boxes.confirm(self, self.tr("登记缺席"), text):
            return
        try:
            self._projects.mark_absent(self._context.actor, row.id)
        except DeskError as error:
            self._error.show_text(error_text(error))
            return
        self.changed.emit(False)
        self._say(self.tr("已登记 %1 缺席。").replace("%1", row.name or row.member_no))

    def _on_complete_one_clicked(self) -> None:
        row = self._selected_claim()
        if row is None:
            return
        self._clear_messages()
        key = self._single_keys.setdefault(row.id, new_key())
        try:
            done = self._projects.complete(self._context.actor, row.id, self._model.minutes(row.id), key)
        except DeskError as error:
            self._error.show_text(error_text(error))
            return
        self._model.set_ticked(row.id, False)
        self.changed.emit(True)
        self._say(self.tr("已核验完成：%1 %2 积分，余额 %3。").replace("%1", row.name or row.member_no).replace(
            "%2", amount_text(done.points)).replace("%3", str(done.balance)))

    def _on_confirm_shortcut(self) -> None:
        if self._confirm.isEnabled():
            self._on_confirm_clicked()

    def _on_confirm_clicked(self) -> None:
        project = self._project
        ticked = self._model.ticked()
        if project is None or not ticked:
            return
        self._clear_messages()
        if self._table.state() == QAbstractItemView.State.EditingState:
            self._table.setFocus()  # commits an hours cell still being typed in
        attended = {row.id: self._model.minutes(row.id) for row in ticked}
        key = self._group_key or new_key()
        self._group_key = key
        try:
            result = self._projects.complete_group(self._context.actor, project.id, attended, key)
        except DeskError as error:
            # Nothing was written, or the outcome is unknown: the key stays, so trying again writes once.
            self._error.show_text(error_text(error))
            return
        names = {row.id: row.name or row.member_no for row in ticked}
        self._group_key = None  # the next verification is a new submission
        self._model.set_notes({claim_id: error_text(error) for claim_id, error in result.refused})
        self.changed.emit(bool(result.credited))
        self._show_result(result, names)

    def _show_result(self, result: GroupResult, names: dict[int, str]) -> None:
        lines = []
        if result.credited:
            done = [self.tr("%1 %2（余额 %3）").replace("%1", names.get(c.claim_id, "")).replace(
                "%2", amount_text(c.points)).replace("%3", str(c.balance)) for c in result.credited]
            lines.append(self.tr("已发放积分 %n 人：", "", len(done)) + self.tr("、").join(done))
        if result.refused:
            refused = [self.tr("%1：%2").replace("%1", names.get(claim_id, "")).replace(
                "%2", error_text(error)) for claim_id, error in result.refused]
            lines.append(self.tr("未发放 %n 人（仍未勾选，原因见“说明”栏）：", "", len(refused)) + "\n"
                         + "\n".join(refused))
        self._result.setText("\n".join(lines))
        self._result.setStyleSheet(STATUS_STYLE if not result.refused else "color: #8c4a1d; font-weight: bold;")
        self._result.setVisible(bool(lines))

    def _on_retimer_timeout(self) -> None:
        if self._project is not None and self._verifying() != self._shown_verifying:
            self.reload()

    # -- the sign-in sheet ---------------------------------------------------------------------------------------

    def _sheet_labels(self) -> SignSheetLabels:
        return SignSheetLabels(
            title=self.tr("{title} 签到表"), kind=self.tr("类型"), time=self.tr("时间"), location=self.tr("地点"),
            slots=self.tr("名额"), slots_value=self.tr("{slots} 人（已认领 {claimed} 人）"), points=self.tr("积分"),
            instructions=self.tr("请本人签名确认到场；未认领者在空白行登记后签名。"),
            hours_note=self.tr("时长由工作人员核实后填写。"), number=self.tr("序号"), name=self.tr("姓名"),
            member_no=self.tr("会员号"), phone=self.tr("手机尾号"), signature=self.tr("签到（签名）"),
            hours=self.tr("时长（小时）"),
            staff=self.tr("负责人：__________        核验人：__________        核验日期：__________"),
            printed_at=self.tr("打印时间：{time}"), page=self.tr("第 {page} 页，共 {pages} 页"),
            same_day=self.tr("{day}（{weekday}）{start}–{end}"),
            days=self.tr("{day}（{weekday}）{start} 至 {end_day}（{end_weekday}）{end}"),
            weekdays=tuple(weekday(MONDAY + dt.timedelta(days=n)) for n in range(7)),
        )

    def _on_print_clicked(self) -> None:
        project = self._project
        if project is None:
            return
        self._clear_messages()
        now = self._now().astimezone(self._zone)
        suggested = project_ui.documents_folder() / self.tr("签到表-%1-%2.pdf").replace(
            "%1", _file_part(project.title)).replace("%2", f"{project.starts_at.astimezone(self._zone):%Y%m%d}")
        path = project_ui.choose_save_file(self, self.tr("保存签到表"), suggested, self.tr("PDF 文件 (*.pdf)"), ".pdf")
        if path is None:
            return
        try:
            sheet = self._projects.sign_sheet(project.id)  # who has claimed now, including other desks' claims
        except DeskError as error:
            self._error.show_text(error_text(error))
            return
        zone_name = getattr(self._zone, "key", "UTC")  # a ZoneInfo's name; UTC when the base's is unusable
        printable = SignSheet(
            base_name=self._base_name,
            project=SignSheetProject(
                title=sheet.project.title, kind_label=project_kind_name(sheet.project.kind.value),
                starts_at=sheet.project.starts_at, ends_at=sheet.project.ends_at, location=sheet.project.location,
                slots=sheet.project.slots, points_text=project_points(sheet.project),
                counts_hours=sheet.project.by_the_hour, zone=zone_name),
            rows=[SignSheetRow(line.masked_name, line.member_no, line.phone_last4) for line in sheet.lines],
            printed_at=now)
        labels = self._sheet_labels()

        def work() -> Path | OSError:
            pdf = sign_sheet_pdf(printable, labels)
            try:
                path.write_bytes(pdf)
            except OSError as error:  # a read-only folder or a full USB stick: say so, it is not a bug
                return error
            return path

        self._print.setEnabled(False)
        self._sheet_result.setText(self.tr("正在生成签到表…"))
        self._sheet_result.show()
        self._context.tasks.run(work, self._on_sheet_saved, self._on_sheet_failed)

    def _on_sheet_saved(self, saved: Path | OSError) -> None:
        if not isValid(self):  # logged out while the worker ran
            return
        self._print.setEnabled(self._project is not None)
        if isinstance(saved, OSError):
            self._sheet_result.hide()
            self._error.show_text(save_failed_text(saved))
            return
        link = QUrl.fromLocalFile(str(saved)).toString()
        self._sheet_result.setText(self.tr("签到表已保存：%1 <a href=\"%2\">打开</a>").replace(
            "%1", html(str(saved))).replace("%2", link))

    def _on_sheet_failed(self, error: DeskError) -> None:
        if not isValid(self):
            return
        self._print.setEnabled(self._project is not None)
        self._sheet_result.hide()
        self._error.show_text(error_text(error))


def _file_part(title: str) -> str:
    """A title as part of a file name: the characters Windows refuses replaced."""
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in title).strip()[:30] or "project"

