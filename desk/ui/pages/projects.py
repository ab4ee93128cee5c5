"""UI layer: the 项目 page — the base's service projects (认领项目) on the left: title, kind, time, claimed of
slots, how points are counted, status; new, edit, close or reopen sign-up, finish. On the right the chosen
project: claim it for a member by scanning their card (or typing a phone or name), the claim list, verification of
who came with the points credited at once, and the printed sign-in sheet.

The keyboard path: the claim field has the focus whenever the page is shown; a scanned card claims at once. ↑ ↓ in
the project list choose the project, Enter there goes to the claim field, F2 edits, Ctrl+N makes a new one. After
every change the window re-reads topic "projects" everywhere, and "points" after credits.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QItemSelection, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk.domain.errors import DeskError
from desk.domain.points import ClaimState, ProjectStatus
from desk.domain.staff import Role
from desk.services.projects import ProjectRow
from desk.ui import boxes
from desk.ui.pages import PageContext, PageSpec, register_page
from desk.ui.projects.claims import ClaimPanel
from desk.ui.projects.form import ProjectDialog
from desk.ui.projects.models import ProjectListModel
from desk.ui.projects.project_list import make_project_list
from desk.ui.settings._common import base_zone
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import error_text

HINT_STYLE = "color: #5f6368;"
STATUS_STYLE = "color: #1e6b34; font-weight: bold;"
HEADING_STYLE = "font-weight: bold; font-size: 15px;"
LIST_SHARE, PANEL_SHARE = 2, 3  # the splitter's first split of the page's width: the claim list needs more


class ProjectsPage(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._projects = context.services.projects
        self._zone: dt.tzinfo = base_zone(context.services.bases.profile().timezone)
        self._split_once = False  # the splitter is divided by share the first time the page has a width

        self._heading = QLabel()
        self._heading.setObjectName("projects_heading")
        self._heading.setStyleSheet(HEADING_STYLE)
        self._show_finished = QCheckBox()
        self._show_finished.setObjectName("show_finished")
        self._new = QPushButton()
        self._new.setObjectName("new_project")
        self._model = ProjectListModel(self)
        self._list = make_project_list(self._model)
        self._empty = QLabel()
        self._empty.setObjectName("projects_empty")
        self._empty.setWordWrap(True)
        self._empty.setStyleSheet(HINT_STYLE)
        self._empty.hide()
        self._edit = QPushButton()
        self._edit.setObjectName("edit_project")
        self._toggle = QPushButton()
        self._toggle.setObjectName("toggle_signup")
        self._finish = QPushButton()
        self._finish.setObjectName("finish_project")
        self._error = ErrorLabel()
        self._error.setObjectName("projects_error")
        self._status = QLabel()
        self._status.setObjectName("projects_status")
        self._status.setWordWrap(True)
        self._status.setStyleSheet(STATUS_STYLE)
        self._status.hide()
        self._panel = ClaimPanel(context)

        top = QHBoxLayout()
        top.addWidget(self._heading)
        top.addStretch(1)
        top.addWidget(self._show_finished)
        top.addWidget(self._new)
        actions = QHBoxLayout()
        actions.addWidget(self._edit)
        actions.addWidget(self._toggle)
        actions.addWidget(self._finish)
        actions.addStretch(1)
        left = QWidget()
        left.setObjectName("projects_left")
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self._list, 1)
        column.addWidget(self._empty)
        column.addLayout(actions)
        column.addWidget(self._error)
        column.addWidget(self._status)
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setObjectName("projects_splitter")
        self._splitter.setChildrenCollapsible(False)
        self._splitter.addWidget(left)
        self._splitter.addWidget(self._panel)
        self._splitter.setStretchFactor(0, LIST_SHARE)
        self._splitter.setStretchFactor(1, PANEL_SHARE)
        layout = QVBoxLayout(self)
        layout.addWidget(self._splitter)

        self._new_key = QShortcut(QKeySequence("Ctrl+N"), self)
        self._new_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._new_key.activated.connect(self._on_new_clicked)
        self._new.clicked.connect(self._on_new_clicked)
        self._edit.clicked.connect(self._on_edit_clicked)
        self._toggle.clicked.connect(self._on_toggle_clicked)
        self._finish.clicked.connect(self._on_finish_clicked)
        self._show_finished.toggled.connect(self._on_show_finished_toggled)
        self._list.selectionModel().selectionChanged.connect(self._on_list_selection_changed)
        self._list.doubleClicked.connect(self._on_edit_clicked)
        self._list.installEventFilter(self)
        self._panel.changed.connect(self._on_panel_changed)
        self.setFocusProxy(self._panel)
        self.retranslate()
        self._set_base()
        self.reload_projects()

    def retranslate(self) -> None:
        self._heading.setText(self.tr("服务项目"))
        self._show_finished.setText(self.tr("显示已结束"))
        self._new.setText(self.tr("新建项目…"))
        self._new.setToolTip(self.tr("新建一个可认领的服务项目 (Ctrl+N)"))
        self._edit.setText(self.tr("编辑…"))
        self._edit.setToolTip(self.tr("修改选中的项目 (F2)"))
        self._finish.setText(self.tr("结束项目…"))
        self._finish.setToolTip(self.tr("项目结束后不能再认领、核验或修改"))
        self._empty.setText(self.tr("还没有项目。点“新建项目…”添加志愿服务、活动、培训或网格上报。"))
        self._model.relabel()
        self._update_buttons()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def model(self) -> ProjectListModel:
        return self._model

    @property
    def project_list(self) -> QListView:
        return self._list

    @property
    def panel(self) -> ClaimPanel:
        return self._panel

    def refresh(self) -> None:
        """Shown again (navigation): the base's zone may have changed, other desks may have written."""
        self._zone = base_zone(self._context.services.bases.profile().timezone)
        self._set_base()
        self.reload_projects()
        self._panel.claim_field.setFocus()

    def reload_projects(self) -> None:
        """Projects or claims changed (here, at another desk): read the list and the chosen project again."""
        keep = self._selected()
        self._model.zone = self._zone
        self._model.now = self._context.clock.now()
        try:
            rows = self._projects.list_projects(include_finished=self._show_finished.isChecked())
        except DeskError as error:
            self._error.show_text(error_text(error))
            return
        self._model.set_rows(rows)
        self._empty.setVisible(not rows)
        row = self._model.row_of(keep.id) if keep is not None else -1
        if row < 0 and rows:
            row = 0
        selection = self._list.selectionModel()
        selection.blockSignals(True)  # the panel is shown once, below, not again for the selection
        if row >= 0:
            self._list.setCurrentIndex(self._model.index(row, ProjectListModel.TITLE))
        selection.blockSignals(False)
        self._list.viewport().update()
        self._show_selected()

    def select_project(self, project_id: int) -> bool:
        row = self._model.row_of(project_id)
        if row >= 0:
            self._list.setCurrentIndex(self._model.index(row, ProjectListModel.TITLE))
        return row >= 0

    # -- helpers -------------------------------------------------------------------------------------------------

    def _set_base(self) -> None:
        self._panel.set_base(self._context.services.bases.profile().name, self._zone)

    def _selected(self) -> ProjectRow | None:
        chosen = self._list.selectionModel().selectedIndexes()
        return self._model.row_at(chosen[0].row()) if chosen else None

    def _show_selected(self) -> None:
        self._panel.show_project(self._selected())
        self._update_buttons()

    def _update_buttons(self) -> None:
        project = self._selected()
        editable = project is not None and project.status is not ProjectStatus.FINISHED
        self._edit.setEnabled(editable)
        self._toggle.setEnabled(editable)
        self._finish.setEnabled(editable)
        closed = project is not None and project.status is ProjectStatus.CLOSED
        self._toggle.setText(self.tr("重新开放报名") if closed else self.tr("关闭报名"))
        self._toggle.setToolTip(self.tr("重新接受认领（报名截止前）") if closed else self.tr("暂停接受认领；已认领的照常核验"))

    def _clear_messages(self) -> None:
        self._error.show_text("")
        self._status.setText("")
        self._status.hide()

    def _say(self, text: str) -> None:
        self._status.setText(text)
        self._status.setVisible(bool(text))

    def _changed(self, credited: bool = False) -> None:
        """Tell every page that shows projects (this one included), and points after credits, to read again."""
        reload = getattr(self.window(), "reload", None)
        if not callable(reload):
            self.reload_projects()
            return
        reload("projects")
        if credited:
            reload("points")

    # -- slots ---------------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._panel.claim_field.setFocus()
                self._panel.claim_field.selectAll()
                return True
            if event.key() == Qt.Key.Key_F2:
                self._on_edit_clicked()
                return True
        return super().eventFilter(watched, event)

    def _on_list_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_selected()

    def _on_show_finished_toggled(self, _checked: bool) -> None:
        self._clear_messages()
        self.reload_projects()

    def _on_new_clicked(self) -> None:
        self._clear_messages()
        ProjectDialog.ask(self, self._context, self._zone, None, self._on_project_saved)

    def _on_edit_clicked(self, *_args: object) -> None:
        project = self._selected()
        if project is None or project.status is ProjectStatus.FINISHED:
            return
        self._clear_messages()
        ProjectDialog.ask(self, self._context, self._zone, project, self._on_project_saved)

    def _on_project_saved(self, project: ProjectRow) -> None:
        self._changed()
        self.select_project(project.id)
        self._say(self.tr("已保存项目“%1”。").replace("%1", project.title))
        self._panel.claim_field.setFocus()

    def _on_toggle_clicked(self) -> None:
        project = self._selected()
        if project is None:
            return
        new = ProjectStatus.OPEN if project.status is ProjectStatus.CLOSED else ProjectStatus.CLOSED
        self._set_status(project, new)

    def _on_finish_clicked(self) -> None:
        project = self._selected()
        if project is None:
            return
        pending = sum(1 for row in self._panel.model.rows() if row.state is ClaimState.CLAIMED)
        text = self.tr("结束“%1”？结束后不能再认领、核验或修改。").replace("%1", project.title)
        if pending:
            text += "\n" + self.tr("还有 %n 人已认领但未核验，结束后不能再为他们发放积分。", "", pending)
        if not boxes.confirm(self, self.tr("结束项目"), text):
            return
        self._set_status(project, ProjectStatus.FINISHED)

    def _set_status(self, project: ProjectRow, status: ProjectStatus) -> None:
        self._clear_messages()
        try:
            row = self._projects.set_status(self._context.actor, project.id, status)
        except DeskError as error:
            self._error.show_text(error_text(error))
            return
        self._changed()
        messages = {ProjectStatus.OPEN: self.tr("“%1”已重新开放报名。"),
                    ProjectStatus.CLOSED: self.tr("“%1”已关闭报名，已认领的照常核验。"),
                    ProjectStatus.FINISHED: self.tr("“%1”已结束。勾选“显示已结束”可以再查看。")}
        self._say(messages[row.status].replace("%1", row.title))

    def _on_panel_changed(self, credited: bool) -> None:
        self._clear_messages()
        self._changed(credited)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._split_once:
            self._split_once = True
            width = max(self.width(), 2)
            self._splitter.setSizes([width * LIST_SHARE // (LIST_SHARE + PANEL_SHARE),
                                     width * PANEL_SHARE // (LIST_SHARE + PANEL_SHARE)])
        # After the window is laid out: a focus set before that is lost on some platforms.
        QTimer.singleShot(0, self._panel.claim_field, self._panel.claim_field.setFocus)


register_page(PageSpec(
    key="projects",
    title=str(QT_TRANSLATE_NOOP("Pages", "项目")),
    icon="projects.svg",
    order=60,
    roles=frozenset({Role.ADMIN, Role.DESK}),
    factory=ProjectsPage,
))
