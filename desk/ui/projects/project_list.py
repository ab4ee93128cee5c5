"""UI layer: the project list of the 项目 page — one project in two lines, so that the list and the claim list fit
side by side in the window: the title with claimed/slots and the status on the right, and beneath it the kind,
the time and the points rule. Every word comes from the list model's columns (ProjectListModel), so the view
shows what the model says and a language change only repaints."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desk.ui.projects.models import OPEN_COLOR, QUIET, ProjectListModel

AnyIndex = QModelIndex | QPersistentModelIndex
PAD_X, PAD_Y, GAP = 8, 5, 3
SECOND_LINE = QColor("#5f6368")


def _cell(index: AnyIndex, column: int) -> QModelIndex:
    return index.model().index(index.row(), column)


def _text(index: AnyIndex, column: int) -> str:
    return str(_cell(index, column).data() or "")


class ProjectListDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        normal = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        quiet = foreground is not None and foreground.color() == QUIET  # a finished project
        first_colour = normal if selected or not quiet else QUIET
        second_colour = normal if selected else (QUIET if quiet else SECOND_LINE)
        status_colour = normal if selected else (
            QUIET if quiet else OPEN_COLOR if _is_open(index) else SECOND_LINE)

        rect = opt.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        bold = QFont(opt.font)
        bold.setBold(True)
        bold_metrics, metrics = QFontMetrics(bold), QFontMetrics(opt.font)
        line = max(bold_metrics.height(), metrics.height())

        painter.save()
        claimed = _text(index, ProjectListModel.CLAIMED)
        status = _text(index, ProjectListModel.STATUS)
        status_width = metrics.horizontalAdvance(status)
        claimed_width = metrics.horizontalAdvance(claimed)
        right_width = claimed_width + 2 * PAD_X + status_width
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.setFont(opt.font)
        painter.setPen(status_colour)
        painter.drawText(top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), status)
        painter.setPen(first_colour)
        painter.drawText(top.adjusted(0, 0, -(status_width + 2 * PAD_X), 0),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), claimed)
        painter.setFont(bold)
        title = bold_metrics.elidedText(_text(index, ProjectListModel.TITLE), Qt.TextElideMode.ElideRight,
                                        max(0, rect.width() - right_width - PAD_X))
        painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
        painter.setFont(opt.font)
        painter.setPen(second_colour)
        columns = (ProjectListModel.KIND, ProjectListModel.TIME, ProjectListModel.POINTS)
        details = " · ".join(part for part in (_text(index, column) for column in columns) if part)
        bottom = QRect(rect.left(), rect.top() + line + GAP, rect.width(), line)
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         metrics.elidedText(details, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        bold = QFont(option.font)
        bold.setBold(True)
        line = max(QFontMetrics(bold).height(), QFontMetrics(option.font).height())
        return QSize(320, 2 * line + GAP + 2 * PAD_Y)


def _is_open(index: AnyIndex) -> bool:
    foreground = _cell(index, ProjectListModel.STATUS).data(Qt.ItemDataRole.ForegroundRole)
    return foreground is not None and foreground.color() == OPEN_COLOR


def make_project_list(model: ProjectListModel, parent: QWidget | None = None) -> QListView:
    view = QListView(parent)
    view.setObjectName("projects_list")
    view.setModel(model)
    view.setModelColumn(ProjectListModel.TITLE)
    view.setItemDelegate(ProjectListDelegate(view))
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setUniformItemSizes(True)
    view.setAlternatingRowColors(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setMinimumWidth(300)
    return view
