"""UI layer: the 积分公示 dialog — choose a month or a quarter of a year, see how many members the notice lists
(and the points earned and used), and save it as an A4 PDF for the board or as an Excel workbook for the report
upward. The figures, the document and the audit event are the points notice service's; the preview and the files
are made on the background worker, so a large base does not freeze the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desk.domain.errors import DeskError
from desk.domain.periods import Period, PeriodKind
from desk.printing.points_notice import NoticeLabels, PeriodWords
from desk.services.points_notice import PointsNotice, PointsNoticeService
from desk.ui import projects as project_ui
from desk.ui.pages import PageContext
from desk.ui.projects import html, save_failed_text
from desk.ui.settings._common import base_zone
from desk.ui.widgets import ErrorLabel, Retranslating, grow_to_fit
from desk.ui.wording import error_text

HINT_STYLE = "color: #5f6368;"
STATUS_STYLE = "color: #1e6b34;"
DIALOG_WIDTH = 500
YEARS_BACK = 10


class PointsNoticeDialog(Retranslating, QDialog):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("points_notice_dialog")
        self._context = context
        self._notices = PointsNoticeService(context.services.ctx)
        self._zone = base_zone(context.services.bases.profile().timezone)
        self._asked = 0  # the preview last asked for; an older answer arriving late is dropped
        self._busy = False

        today = context.clock.now().astimezone(self._zone).date()
        self._intro = QLabel()
        self._intro.setObjectName("notice_intro")
        self._intro.setWordWrap(True)
        self._kind = QComboBox()
        self._kind.setObjectName("notice_kind")
        self._kind.addItem("", PeriodKind.MONTH.value)
        self._kind.addItem("", PeriodKind.QUARTER.value)
        self._year = QSpinBox()
        self._year.setObjectName("notice_year")
        self._year.setRange(today.year - YEARS_BACK, today.year)
        # The board shows the month just ended: that is what staff post at the start of a month.
        last_month = Period.containing(today, PeriodKind.MONTH).previous()
        self._year.setValue(last_month.start.year)
        self._number = QComboBox()
        self._number.setObjectName("notice_number")
        self._preview = QLabel()
        self._preview.setObjectName("notice_preview")
        self._preview.setWordWrap(True)
        self._save_pdf = QPushButton()
        self._save_pdf.setObjectName("save_pdf")
        self._save_pdf.setDefault(True)
        self._save_xlsx = QPushButton()
        self._save_xlsx.setObjectName("save_xlsx")
        self._close = QPushButton()
        self._close.setObjectName("close_button")
        self._error = ErrorLabel()
        self._error.setObjectName("notice_error")
        self._result = QLabel()
        self._result.setObjectName("notice_result")
        self._result.setWordWrap(True)
        self._result.setOpenExternalLinks(True)
        self._result.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self._result.hide()
        self._labels = {key: QLabel() for key in ("kind", "year", "number")}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        period_line = QHBoxLayout()
        period_line.addWidget(self._year)
        period_line.addWidget(self._number)
        period_line.addStretch(1)
        kind_line = QHBoxLayout()
        kind_line.addWidget(self._kind)
        kind_line.addStretch(1)
        form.addRow(self._labels["kind"], kind_line)
        form.addRow(self._labels["year"], period_line)
        self._labels["kind"].setBuddy(self._kind)
        self._labels["year"].setBuddy(self._year)
        buttons = QHBoxLayout()
        buttons.addWidget(self._save_pdf)
        buttons.addWidget(self._save_xlsx)
        buttons.addStretch(1)
        buttons.addWidget(self._close)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addLayout(form)
        layout.addWidget(self._preview)
        layout.addWidget(self._error)
        layout.addWidget(self._result)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(DIALOG_WIDTH)

        self._fill_numbers(PeriodKind.MONTH)
        self._number.setCurrentIndex(last_month.start.month - 1)
        self._kind.currentIndexChanged.connect(self._on_kind_changed)
        self._year.valueChanged.connect(self._on_period_changed)
        self._number.currentIndexChanged.connect(self._on_period_changed)
        self._save_pdf.clicked.connect(self._on_save_pdf_clicked)
        self._save_xlsx.clicked.connect(self._on_save_xlsx_clicked)
        self._close.clicked.connect(self.reject)
        self.retranslate()
        self._on_period_changed()

    @classmethod
    def ask(cls, parent: QWidget | None, context: PageContext) -> PointsNoticeDialog:
        """Open the dialog window-modally and return at once."""
        dialog = cls(context, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog._kind.setFocus()  # a focus set before the dialog is shown does not hold
        return dialog

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("积分公示"))
        self._intro.setText(self.tr("列出本期积分有变动的会员：本期获得、本期使用和期末余额；姓名打码，电话只显示尾号 4 位。"
                                    "PDF 用于张贴公示，Excel 用于向上级报送。"))
        self._labels["kind"].setText(self.tr("公示周期(&K)"))
        self._labels["year"].setText(self.tr("期间(&Y)"))
        self._kind.setItemText(0, self.tr("月度"))
        self._kind.setItemText(1, self.tr("季度"))
        self._relabel_numbers()
        self._save_pdf.setText(self.tr("保存 PDF…"))
        self._save_xlsx.setText(self.tr("保存 Excel…"))
        self._close.setText(self.tr("关闭"))

    # -- public --------------------------------------------------------------------------------------------------

    def period(self) -> Period:
        kind = PeriodKind(str(self._kind.currentData()))
        self._year.interpretText()
        number = int(self._number.currentData() or 1)
        return Period.month(self._year.value(), number) if kind is PeriodKind.MONTH else \
            Period.quarter(self._year.value(), number)

    def choose(self, kind: PeriodKind, year: int, number: int) -> None:
        """Choose a period as staff would with the three fields."""
        self._kind.setCurrentIndex(self._kind.findData(kind.value))
        self._year.setValue(year)
        self._number.setCurrentIndex(max(0, self._number.findData(number)))

    def preview_text(self) -> str:
        return self._preview.text()

    def result_text(self) -> str:
        return self._result.text() if self._result.isVisibleTo(self) else ""

    def error_text(self) -> str:
        return self._error.text() if self._error.isVisibleTo(self) else ""

    # -- helpers -------------------------------------------------------------------------------------------------

    def _fill_numbers(self, kind: PeriodKind) -> None:
        self._number.blockSignals(True)
        self._number.clear()
        for number in range(1, 13 if kind is PeriodKind.MONTH else 5):
            self._number.addItem("", number)
        self._number.blockSignals(False)
        self._relabel_numbers()

    def _relabel_numbers(self) -> None:
        month = PeriodKind(str(self._kind.currentData())) is PeriodKind.MONTH
        for index in range(self._number.count()):
            number = int(self._number.itemData(index))
            text = (QLocale().monthName(number, QLocale.FormatType.LongFormat) if month
                    else self.tr("第 %1 季度").replace("%1", str(number)))
            self._number.setItemText(index, text)

    def _period_words(self) -> PeriodWords:
        return PeriodWords(month=self.tr("{year}年{month}月"), quarter=self.tr("{year}年第{quarter}季度"),
                           year=self.tr("{year}年"), custom=self.tr("{start} 至 {end}"))

    def _notice_labels(self) -> NoticeLabels:
        return NoticeLabels(
            title=self.tr("{base} 红色积分公示"), period_line=self.tr("统计期间：{period}"),
            range=self.tr("（{start} 至 {end}）"), generated=self.tr("生成日期：{date}"), number=self.tr("序号"),
            name=self.tr("姓名"), phone=self.tr("手机尾号"), member_no=self.tr("会员号"),
            earned=self.tr("本期获得"), spent=self.tr("本期使用"), balance=self.tr("期末余额"),
            total_row=self.tr("合计（{members} 人）"), nobody=self.tr("本期没有积分变动。"),
            board=self.tr("公示期 7 天，如有异议请联系前台。"), issuer=self.tr("公示单位：{base}"),
            page=self.tr("第 {page} 页，共 {pages} 页"), sheet=self.tr("积分公示"), period=self._period_words())

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self._save_pdf, self._save_xlsx):
            widget.setEnabled(not busy)

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_kind_changed(self, _index: int) -> None:
        kind = PeriodKind(str(self._kind.currentData()))
        today = self._context.clock.now().astimezone(self._zone).date()
        self._fill_numbers(kind)
        ended = Period.containing(today, kind).previous()  # the month or quarter just ended
        number = ended.start.month if kind is PeriodKind.MONTH else (ended.start.month - 1) // 3 + 1
        self._year.blockSignals(True)
        self._year.setValue(ended.start.year)
        self._year.blockSignals(False)
        self._number.setCurrentIndex(number - 1)
        self._on_period_changed()

    def _on_period_changed(self, *_args: object) -> None:
        self._error.show_text("")
        self._result.hide()
        period = self.period()
        self._asked += 1
        asked = self._asked
        self._preview.setStyleSheet(HINT_STYLE)
        self._preview.setText(self.tr("正在统计…"))
        notices = self._notices
        self._context.tasks.run(lambda: notices.notice(period),
                                lambda notice: self._on_previewed(asked, notice),
                                lambda error: self._on_preview_failed(asked, error))

    def _on_previewed(self, asked: int, notice: PointsNotice) -> None:
        if not isValid(self) or asked != self._asked:
            return
        totals = notice.totals
        period_text = self._period_words().text(notice.period)
        if not totals.members:
            text = self.tr("%1：本期没有积分变动，公示将是空的。").replace("%1", period_text)
        else:
            text = (self.tr("%1：公示 %n 位会员", "", totals.members).replace("%1", period_text)
                    + self.tr("，本期共获得 %1 分、使用 %2 分。").replace("%1", str(totals.earned)).replace(
                        "%2", str(totals.spent)))
        self._preview.setStyleSheet("")
        self._preview.setText(text)
        grow_to_fit(self)

    def _on_preview_failed(self, asked: int, error: DeskError) -> None:
        if not isValid(self) or asked != self._asked:
            return
        self._preview.setText("")
        self._error.show_text(error_text(error))

    def _on_save_pdf_clicked(self) -> None:
        self._save("pdf")

    def _on_save_xlsx_clicked(self) -> None:
        self._save("xlsx")

    def _save(self, kind: str) -> None:
        if self._busy:
            return
        self._error.show_text("")
        self._result.hide()
        period = self.period()
        period_text = self._period_words().text(period)
        suffix = "." + kind
        suggested = project_ui.documents_folder() / (self.tr("积分公示-%1").replace("%1", period_text) + suffix)
        if kind == "pdf":
            path = project_ui.choose_save_file(self, self.tr("保存积分公示"), suggested, self.tr("PDF 文件 (*.pdf)"),
                                               suffix)
        else:
            path = project_ui.choose_save_file(self, self.tr("保存积分公示"), suggested,
                                               self.tr("Excel 工作簿 (*.xlsx)"), suffix)
        if path is None:
            return
        labels = self._notice_labels()
        notices = self._notices
        actor = self._context.actor
        export: Callable[[], bytes] = ((lambda: notices.export_pdf(actor, period, labels)) if kind == "pdf"
                                       else (lambda: notices.export_xlsx(actor, period, labels)))

        def work() -> Path | OSError:
            data = export()
            try:
                path.write_bytes(data)
            except OSError as error:  # a read-only folder or a full USB stick: say so, it is not a bug
                return error
            return path

        self._set_busy(True)
        self._result.setStyleSheet(HINT_STYLE)
        self._result.setText(self.tr("正在生成积分公示…"))
        self._result.show()
        self._context.tasks.run(work, self._on_saved, self._on_save_failed)

    def _on_saved(self, saved: Path | OSError) -> None:
        if not isValid(self):  # closed while the worker ran
            return
        self._set_busy(False)
        if isinstance(saved, OSError):
            self._result.hide()
            self._error.show_text(save_failed_text(saved))
        else:
            link = QUrl.fromLocalFile(str(saved)).toString()
            self._result.setStyleSheet(STATUS_STYLE)
            self._result.setText(self.tr("积分公示已保存：%1 <a href=\"%2\">打开</a>").replace(
                "%1", html(str(saved))).replace("%2", link))
        grow_to_fit(self)

    def _on_save_failed(self, error: DeskError) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self._result.hide()
        self._error.show_text(error_text(error))
        grow_to_fit(self)

