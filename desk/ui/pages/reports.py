"""UI layer: the page "报表" — the figures of a day, week, month, quarter, year or custom range for a base, shown
as the same document the PDF prints (headline figures against the previous period, charts, tables), and the
files made from them: the report as PDF and Excel, the 台账 of the period's days.

The figures are read on the worker (a year takes up to a second) while a busy bar runs; the window never waits.
At most one read runs at a time: a new choice meanwhile replaces any waiting one, and the answer of a read that
was overtaken is dropped when it arrives, so what is shown is always the period the bar shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QFrame, QHBoxLayout, QProgressBar, QVBoxLayout, QWidget
from shiboken6 import isValid

from desk.domain.errors import DeskError
from desk.domain.periods import Period
from desk.domain.staff import Role
from desk.printing.report_document import ReportDocument
from desk.services.reports import PeriodReport
from desk.ui.pages import PageContext, PageSpec, register_page
from desk.ui.reports.document_view import DocumentView
from desk.ui.reports.export_panel import ExportPanel, Target
from desk.ui.reports.period_bar import PeriodBar
from desk.ui.reports.wording import report_words
from desk.ui.settings._common import base_zone
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import error_text


@dataclass(frozen=True)
class _Request:
    number: int
    period: Period
    base_code: str | None


class ReportsPage(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._services = context.services
        profile = self._services.bases.profile()
        self._own_code = profile.code
        self._base_names: dict[str, str] = {profile.code: profile.name}
        self._zone = base_zone(profile.timezone)
        self._requests = 0  # numbers every request; an answer to an older one is dropped
        self._running: _Request | None = None
        self._waiting: _Request | None = None
        self._report: PeriodReport | None = None

        self._bar = PeriodBar(self._today())
        self._bar.setObjectName("period_bar")
        self._busy = QProgressBar()
        self._busy.setObjectName("report_busy")
        self._busy.setRange(0, 0)
        self._busy.setTextVisible(False)
        self._busy.setFixedSize(60, 10)
        self._busy.hide()
        self._exports = ExportPanel(context)
        self._exports.setObjectName("export_panel")
        self._error = ErrorLabel()
        self._error.setObjectName("report_error")
        self._view = DocumentView()
        self._view.setObjectName("report_view")
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setStyleSheet("color: #e0e0e0;")

        busy_row = QHBoxLayout()
        busy_row.setContentsMargins(0, 0, 0, 0)
        busy_row.addWidget(self._exports, 1)
        busy_row.addWidget(self._busy)
        busy_row.addSpacing(12)
        busy_row.addWidget(self._bar.side, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(self._bar)
        layout.addLayout(busy_row)
        layout.addWidget(self._error)
        layout.addWidget(rule)
        layout.addWidget(self._view, 1)

        self._bar.changed.connect(self._on_bar_changed)
        self._bar.refresh_requested.connect(self._on_bar_refresh_requested)
        self._set_bases()
        self.retranslate()
        self._update_target()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def bar(self) -> PeriodBar:
        return self._bar

    @property
    def view(self) -> DocumentView:
        return self._view

    @property
    def exports(self) -> ExportPanel:
        return self._exports

    @property
    def document(self) -> ReportDocument | None:
        return self._view.document

    @property
    def report(self) -> PeriodReport | None:
        """The figures on screen."""
        return self._report

    def is_loading(self) -> bool:
        return self._running is not None

    def refresh(self) -> None:
        """Shown again: the bases may have changed and the figures certainly have; read them afresh."""
        self._zone = base_zone(self._services.bases.profile().timezone)
        self._bar.set_today(self._today())
        self._set_bases()
        self.load()

    def load(self) -> None:
        """Read the figures of the period and base the bar shows (replacing a read that has not started)."""
        period = self._bar.period()
        self._update_target()
        self._requests += 1
        if period is None:  # nothing to read; an answer still on its way is dropped
            self._waiting = None
            self._report = None
            self._view.show_message(self.tr("请先选择有效的统计期间。"))
            return
        self._waiting = _Request(self._requests, period, self._bar.base_code())
        self._busy.show()
        if self._view.document is None:
            self._view.show_message(self.tr("正在统计…"))
        if self._running is None:
            self._start()

    def retranslate(self) -> None:
        self._busy.setToolTip(self.tr("正在统计…"))
        if self._report is not None:
            self.load()  # the report's words are the window's: read it again in the new language

    # -- reading -------------------------------------------------------------------------------------------------

    def _today(self) -> dt.date:
        return self._context.clock.now().astimezone(self._zone).date()

    def _set_bases(self) -> None:
        codes = self._services.bases.base_codes()
        self._bar.set_bases([(code, self._base_names.get(code, code)) for code in codes], self._bar.base_code()
                            or self._own_code)

    def _start(self) -> None:
        request, self._waiting = self._waiting, None
        if request is None:
            return
        self._running = request
        self._busy.show()
        self._error.show_text("")
        reports, words = self._services.reports, report_words()

        def work() -> tuple[PeriodReport, ReportDocument]:
            from desk.services.monthly_report import report_document

            report = reports.figures(request.period, request.base_code)
            previous = reports.figures(request.period.previous(), report.base_code)
            return report, report_document(report, previous, words)

        self._context.tasks.run(work, lambda answer: self._on_loaded(request, answer),
                                lambda error: self._on_failed(request, error))

    def _finish(self, request: _Request) -> bool:
        """True when `request` is still the latest; starts the waiting one otherwise."""
        self._running = None
        if self._waiting is not None:
            self._start()
            return False
        self._busy.hide()
        return request.number == self._requests

    def _on_loaded(self, request: _Request, answer: tuple[PeriodReport, ReportDocument]) -> None:
        if not isValid(self) or not self._finish(request):
            return
        report, document = answer
        self._report = report
        self._base_names[report.base_code] = report.base_name
        self._bar.name_base(report.base_code, report.base_name)
        self._view.show_document(document, self.tr("本期无数据"))
        self._update_target()

    def _on_failed(self, request: _Request, error: DeskError) -> None:
        if not isValid(self) or not self._finish(request):
            return
        self._report = None
        self._error.show_text(error_text(error))
        self._view.show_message(self.tr("无法统计这一期间。"))

    def _update_target(self) -> None:
        period = self._bar.period()
        if period is None:
            self._exports.set_target(None)
            return
        code = self._bar.base_code() or self._own_code
        self._exports.set_target(Target(period, code, self._base_names.get(code, code), code == self._own_code))

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_bar_changed(self) -> None:
        self.load()

    def _on_bar_refresh_requested(self) -> None:
        self.refresh()


register_page(PageSpec(
    key="reports",
    title=str(QT_TRANSLATE_NOOP("Pages", "报表")),
    icon="reports.svg",
    order=80,
    roles=frozenset({Role.ADMIN, Role.DESK}),
    factory=ReportsPage,
))
