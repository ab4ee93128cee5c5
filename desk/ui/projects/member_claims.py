"""UI layer: a member's projects — what they claimed and completed (title, date, state, points credited), newest
first, from the project service. Self-contained, for the member panel of the 积分 page: `show_member(member_id)`
with None to empty it; `reload_projects()` reads it again after a change anywhere."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desk.domain.errors import DeskError
from desk.ui.pages import PageContext
from desk.ui.projects.models import MemberClaimsModel
from desk.ui.settings._common import base_zone, make_table
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import error_text

HINT_STYLE = "color: #5f6368;"


class MemberClaimsView(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("member_claims")
        self._context = context
        self._member_id: int | None = None
        self._model = MemberClaimsModel(self)
        self._model.zone = base_zone(context.services.bases.profile().timezone)
        self._table: QTableView = make_table("member_claims_table", self._model)
        self._table.setWordWrap(False)
        header = self._table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(MemberClaimsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self._empty = QLabel()
        self._empty.setObjectName("member_claims_empty")
        self._empty.setWordWrap(True)
        self._empty.setStyleSheet(HINT_STYLE)
        self._empty.hide()
        self._error = ErrorLabel()
        self._error.setObjectName("member_claims_error")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._empty)
        layout.addWidget(self._error)
        self.retranslate()

    def retranslate(self) -> None:
        self._empty.setText(self.tr("还没有认领过项目。可在“项目”页扫描会员卡认领。"))
        self._model.relabel()
        self._fit_columns()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def model(self) -> MemberClaimsModel:
        return self._model

    @property
    def table(self) -> QTableView:
        return self._table

    def set_zone(self, zone: dt.tzinfo) -> None:
        """The base's zone changed (settings): dates are shown in it."""
        self._model.zone = zone
        self._model.relabel()

    def show_member(self, member_id: int | None) -> None:
        """List this member's claims; None empties the view (nobody, or a person who is not a member)."""
        self._member_id = member_id
        self.reload_projects()

    def reload_projects(self) -> None:
        """Projects or claims changed (here or at another desk): read the shown member's again."""
        self._error.show_text("")
        rows = []
        if self._member_id is not None:
            try:
                rows = self._context.services.projects.member_claims(self._member_id)
            except DeskError as error:
                self._error.show_text(error_text(error))
        self._model.set_rows(rows)
        self._empty.setVisible(self._member_id is not None and not rows and not self._error.isVisibleTo(self))
        self._fit_columns()

    reload_points = reload_projects  # a credit changes a claim's points

    # -- helpers -------------------------------------------------------------------------------------------------

    def _fit_columns(self) -> None:
        metrics = self._table.fontMetrics()
        header = self._table.horizontalHeader()
        samples = {MemberClaimsModel.DATE: "2026-11-28 20:55", MemberClaimsModel.STATE: "已完成",
                   MemberClaimsModel.POINTS: "+1000"}
        for column, sample in samples.items():
            title = str(self._model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
            header.resizeSection(column, widest + 24)
