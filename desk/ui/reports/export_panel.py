"""UI layer: the 报表 page's files — the report of the chosen period as PDF (月报 for a month, 年报 for a year, ...)
and as an Excel workbook, and the 台账 of the period's days (到访 / 预约 / 充电 / 积分流水 / 兑换券) as XLSX, CSV or
PDF, the type taken from the save dialog's filter.

Each file is made on the worker while a busy bar runs and the buttons wait; then the panel says where the file is
with a button that opens its folder, or says why it could not be written (the services write beside the target
and move the file into place, so a failure leaves nothing half-written).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desk.domain.errors import DeskError
from desk.domain.periods import Period, PeriodKind
from desk.ui.files import documents_folder
from desk.ui.pages import PageContext
from desk.ui.reports.wording import (
    Ledger,
    ledger_name,
    ledger_words,
    pdf_button_text,
    period_text,
    report_words,
)
from desk.ui.widgets import ErrorLabel, Retranslating
from desk.ui.wording import error_text

STATUS_STYLE = "color: #1e6b34;"
_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # what Windows refuses in a file name


def choose_file(parent: QWidget, title: str, suggested: Path, formats: Sequence[tuple[str, str]]) -> Path | None:
    """Ask where to save a file; None when cancelled. `formats` are (filter text, suffix), the first offered
    first; the filter chosen in the dialog decides the type, and the name gets its suffix. Tests replace this
    function."""
    chosen, selected = QFileDialog.getSaveFileName(parent, title, str(suggested),
                                                   ";;".join(text for text, _suffix in formats), formats[0][0])
    if not chosen:
        return None
    suffix = next((s for text, s in formats if text == selected), formats[0][1])
    return with_suffix(Path(chosen), suffix, [s for _text, s in formats])


def with_suffix(path: Path, suffix: str, known: Sequence[str]) -> Path:
    """`path` as a file of type `suffix`: a known suffix is replaced, any other name gets it added."""
    if path.suffix.lower() == suffix:
        return path
    if path.suffix.lower() in known:
        return path.with_suffix(suffix)
    return path.with_name(path.name + suffix)


def open_folder(path: Path) -> None:
    """Open the folder of `path` in the system's file manager. Tests replace this function."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def safe_file_name(text: str) -> str:
    return _UNSAFE_IN_FILE_NAMES.sub("_", text).strip("_. ") or "report"


@dataclass(frozen=True)
class Target:
    """What the files are of: the period, the base (None: this desk's) and whether it is this desk's own base
    (the 台账 are of this desk's base only)."""

    period: Period
    base_code: str | None
    base_name: str
    own_base: bool


@dataclass(frozen=True)
class Saved:
    path: Path
    rows: int | None  # the rows of a 台账; None for the report


class ExportPanel(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._target: Target | None = None
        self._busy = False
        self._last: Path | None = None

        self._pdf = QPushButton()
        self._pdf.setObjectName("report_pdf")
        self._xlsx = QPushButton()
        self._xlsx.setObjectName("report_xlsx")
        self._ledgers = QPushButton()
        self._ledgers.setObjectName("report_ledgers")
        self._menu = QMenu(self)
        self._menu.setObjectName("ledger_menu")
        self._ledger_actions: dict[Ledger, QAction] = {}
        for ledger in Ledger:
            action = QAction(self)
            action.setObjectName(f"ledger_{ledger.value}")
            action.triggered.connect(lambda _checked=False, which=ledger: self.save_ledger(which))
            self._menu.addAction(action)
            self._ledger_actions[ledger] = action
        self._menu.setToolTipsVisible(True)
        self._ledgers.setMenu(self._menu)
        self._progress = QProgressBar()
        self._progress.setObjectName("export_busy")
        self._progress.setRange(0, 0)  # no steps to count: it shows that the worker is writing
        self._progress.setTextVisible(False)
        self._progress.setFixedWidth(120)
        self._progress.hide()
        self._result = QLabel()
        self._result.setObjectName("export_result")
        self._result.setWordWrap(True)
        self._result.setStyleSheet(STATUS_STYLE)
        self._result.hide()
        self._open = QPushButton()
        self._open.setObjectName("open_folder")
        self._open.hide()
        self._error = ErrorLabel()
        self._error.setObjectName("export_error")

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self._pdf)
        buttons.addWidget(self._xlsx)
        buttons.addWidget(self._ledgers)
        buttons.addSpacing(8)
        buttons.addWidget(self._progress)
        buttons.addStretch(1)
        result = QHBoxLayout()
        result.setContentsMargins(0, 0, 0, 0)
        result.addWidget(self._result, 1)
        result.addWidget(self._open)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(buttons)
        column.addLayout(result)
        column.addWidget(self._error)

        self._pdf.clicked.connect(self._on_pdf_clicked)
        self._xlsx.clicked.connect(self._on_xlsx_clicked)
        self._open.clicked.connect(self._on_open_clicked)
        self.retranslate()
        self._update_buttons()

    # -- public --------------------------------------------------------------------------------------------------

    def set_target(self, target: Target | None) -> None:
        """The period and base the files are of; None while the chosen period is refused."""
        self._target = target
        self.retranslate()
        self._update_buttons()

    def is_busy(self) -> bool:
        return self._busy

    def retranslate(self) -> None:
        self._pdf.setText(pdf_button_text(self._target.period.kind if self._target is not None else PeriodKind.CUSTOM))
        self._pdf.setToolTip(self.tr("所选期间的报表：封面、概况、图表和各表，A4 PDF"))
        self._xlsx.setText(self.tr("导出 Excel…"))
        self._xlsx.setToolTip(self.tr("所选期间的报表，每个表一个工作表"))
        self._ledgers.setText(self.tr("台账"))
        for ledger, action in self._ledger_actions.items():
            action.setText(ledger_name(ledger) + "…")
        self._ledger_actions[Ledger.VISITS].setToolTip(
            self.tr("多日的到访台账保存为 Excel 或 CSV；按“日”统计时也可保存为 PDF。"))
        self._open.setText(self.tr("打开文件夹"))
        for button in (self._pdf, self._xlsx, self._ledgers, self._open):
            # Room around the words: the style's own margins crowd an ellipsis against the frame.
            extra = 44 if button is self._ledgers else 28
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + extra)
        self._update_buttons()

    def save_report(self, kind: str) -> None:
        """The report of the chosen period as "pdf" or "xlsx"."""
        target = self._target
        if self._busy or target is None:
            return
        words = report_words()
        title = words.title(target.base_name, target.period)
        name = safe_file_name(f"{title}-{period_text(target.period, words)}")
        if kind == "pdf":
            formats = [(self.tr("PDF 文件 (*.pdf)"), ".pdf")]
            caption = self.tr("保存报表 PDF")
        else:
            formats = [(self.tr("Excel 工作簿 (*.xlsx)"), ".xlsx")]
            caption = self.tr("保存报表 Excel")
        path = choose_file(self, caption, documents_folder() / (name + formats[0][1]), formats)
        if path is None:
            return
        reports, actor = self._context.services.reports, self._context.actor
        period, base = target.period, target.base_code
        make = reports.monthly_pdf if kind == "pdf" else reports.workbook

        def work() -> Saved:  # a folder that cannot be written comes back as the service's ExportFailed
            return Saved(make(actor, period, base, path, words).path, None)

        self._run(work)

    def save_ledger(self, ledger: Ledger) -> None:
        """The 台账 of the chosen period's days; XLSX, CSV or PDF as the save dialog's filter says."""
        target = self._target
        if self._busy or target is None or not target.own_base:
            return
        period = target.period
        xlsx = (self.tr("Excel 工作簿 (*.xlsx)"), ".xlsx")
        csv = (self.tr("CSV 文件 (*.csv)"), ".csv")
        pdf = (self.tr("PDF 文件 (*.pdf)"), ".pdf")
        # The visit 台账 prints one day to a PDF (the day's signed register); longer periods are spreadsheets.
        formats = [xlsx, csv] if ledger is Ledger.VISITS and period.days > 1 else [xlsx, csv, pdf]
        days = (f"{period.start:%Y-%m-%d}" if period.days == 1
                else f"{period.start:%Y-%m-%d}_{period.end:%Y-%m-%d}")
        suggested = documents_folder() / (safe_file_name(f"{ledger_name(ledger)}-{days}") + ".xlsx")
        path = choose_file(self, self.tr("保存%1").replace("%1", ledger_name(ledger)), suggested, formats)
        if path is None:
            return
        self._run(self._ledger_work(ledger, period, path))

    # -- work ----------------------------------------------------------------------------------------------------

    def _ledger_work(self, ledger: Ledger, period: Period, path: Path) -> Callable[[], Saved]:
        services, actor, words = self._context.services, self._context.actor, ledger_words()
        start, end = period.start, period.end
        exports, ledgers = services.exports, services.ledger_exports

        def work() -> Saved:  # a folder that cannot be written comes back as the service's ExportFailed
            match ledger:
                case Ledger.VISITS if path.suffix.lower() == ".pdf":
                    result = exports.register_pdf(actor, start, path, words.visits)
                case Ledger.VISITS:
                    result = exports.visits(actor, start, end, path, words.visits)
                case Ledger.BOOKINGS:
                    result = ledgers.bookings(actor, start, end, path, words.bookings)
                case Ledger.CHARGING:
                    result = ledgers.charging(actor, start, end, path, words.charging)
                case Ledger.POINTS:
                    result = ledgers.ledger(actor, start, end, path, words.points)
                case Ledger.VOUCHERS:
                    result = ledgers.vouchers(actor, start, end, path, words.vouchers)
            return Saved(result.path, result.rows)

        return work

    def _run(self, work: Callable[[], Saved]) -> None:
        self._set_busy(True)
        self._context.tasks.run(work, self._on_saved, self._on_failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._progress.setVisible(busy)
        if busy:
            self._error.show_text("")
            self._result.hide()
            self._open.hide()
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = not self._busy and self._target is not None
        self._pdf.setEnabled(ready)
        self._xlsx.setEnabled(ready)
        own = self._target is not None and self._target.own_base
        self._ledgers.setEnabled(ready and own)
        self._ledgers.setToolTip("" if own or self._target is None
                                 else self.tr("台账只能导出本基地的记录；请在“基地”中选择本基地。"))

    def _show_error(self, text: str) -> None:
        self._result.hide()
        self._open.hide()
        self._error.show_text(text)

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_pdf_clicked(self) -> None:
        self.save_report("pdf")

    def _on_xlsx_clicked(self) -> None:
        self.save_report("xlsx")

    def _on_saved(self, saved: Saved) -> None:
        if not isValid(self):  # logged out while the worker wrote
            return
        self._set_busy(False)
        self._last = saved.path
        if saved.rows is None:
            text = self.tr("已保存：%1").replace("%1", str(saved.path))
        else:
            text = self.tr("已导出 %n 条记录：", "", saved.rows) + str(saved.path)
        self._result.setText(text)
        self._result.setToolTip(str(saved.path))
        self._result.show()
        self._open.show()

    def _on_failed(self, error: DeskError) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self._show_error(error_text(error))

    def _on_open_clicked(self) -> None:
        if self._last is not None:
            open_folder(self._last)

    # -- for the page's tests ------------------------------------------------------------------------------------

    def result_text(self) -> str:
        return self._result.text() if self._result.isVisible() else ""

    def error_text(self) -> str:
        return self._error.text() if self._error.isVisible() else ""

    def ledger_action(self, ledger: Ledger) -> QAction:
        return self._ledger_actions[ledger]


__all__ = ["ExportPanel", "Saved", "Target", "choose_file", "open_folder", "with_suffix"]
