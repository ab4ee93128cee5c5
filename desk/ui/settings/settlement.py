"""UI layer: settings section "商家结算" (admins only) — choose an alliance merchant and a period (a month, a
quarter or custom dates), see its redeemed vouchers not settled yet with their totals, 结算 them after a
confirmation (a voucher is never settled twice: the service takes only unsettled ones), and save the 结算单 as PDF
or Excel; the statements settled so far are listed, newest first, and can be saved again.

The preview and every document are made on the background worker; settling is one short service call."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QObject, Qt, QUrl
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
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
from desk.domain.staff import Role
from desk.domain.vouchers import yuan
from desk.printing.points_notice import PeriodWords
from desk.printing.settlement import SettlementLabels, statement_number
from desk.services.settlements import SettlementSummary
from desk.services.vouchers import SettlementRow, VoucherRow
from desk.ui import boxes
from desk.ui import projects as project_ui
from desk.ui.pages import PageContext
from desk.ui.projects import html, save_failed_text
from desk.ui.settings import SectionSpec, register_section
from desk.ui.settings._common import (
    RowsModel,
    base_zone,
    fit_columns,
    format_datetime,
    from_qdate,
    make_table,
    selected_row,
    to_qdate,
)
from desk.ui.widgets import DATE_EDIT_FORMAT, ErrorLabel, Retranslating
from desk.ui.wording import error_text

HINT_STYLE = "color: #5f6368;"
STATUS_STYLE = "color: #1e6b34;"
YEARS_BACK = 10
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ACTIVE_ROLE = Qt.ItemDataRole.UserRole + 1  # a merchant item: still in the alliance
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # its name as stored, without the "left" note
_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s]+')


# lupdate finds strings in calls named `translate("Context", "literal")`.
translate = QCoreApplication.translate


def period_words() -> PeriodWords:
    """How a period is named on screen and on the statement, in the current language."""
    return PeriodWords(month=translate("SettlementSection", "{year}年{month}月"),
                       quarter=translate("SettlementSection", "{year}年第{quarter}季度"),
                       year=translate("SettlementSection", "{year}年"),
                       custom=translate("SettlementSection", "{start} 至 {end}"))


class SettlementVouchersModel(RowsModel[VoucherRow]):
    """The vouchers a settlement would take."""

    CODE, REWARD, MEMBER, REDEEMED, REDEEMED_BY, POINTS, FACE_VALUE = range(7)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zone: dt.tzinfo = dt.UTC

    def headers(self) -> list[str]:
        return [self.tr("券号"), self.tr("兑换项目"), self.tr("会员"), self.tr("核销时间"), self.tr("核销人"),
                self.tr("积分"), self.tr("面值（元）")]

    def cell(self, row: VoucherRow, column: int) -> str:
        if column == self.CODE:
            return row.code
        if column == self.REWARD:
            return row.reward_title
        if column == self.MEMBER:
            return row.masked_name
        if column == self.REDEEMED:
            return format_datetime(row.redeemed_at, self.zone)
        if column == self.REDEEMED_BY:
            return row.redeemed_by
        if column == self.POINTS:
            return str(row.points)
        return yuan(row.face_value_fen) if row.face_value_fen is not None else "—"

    def column_alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return RIGHT if column in (self.POINTS, self.FACE_VALUE) else None


class SettlementStatementsModel(RowsModel[SettlementSummary]):
    """The statements settled so far."""

    NUMBER, MERCHANT, PERIOD, COUNT, POINTS, FACE_VALUE, SETTLED_AT, SETTLED_BY = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zone: dt.tzinfo = dt.UTC

    def headers(self) -> list[str]:
        return [self.tr("结算单号"), self.tr("商家"), self.tr("结算期间"), self.tr("张数"), self.tr("积分"),
                self.tr("面值（元）"), self.tr("结算时间"), self.tr("经办人")]

    def cell(self, row: SettlementSummary, column: int) -> str:
        if column == self.NUMBER:
            return statement_number(row.id)
        if column == self.MERCHANT:
            return row.merchant_name
        if column == self.PERIOD:
            return period_words().text(row.period)
        if column == self.COUNT:
            return str(row.count)
        if column == self.POINTS:
            return str(row.points)
        if column == self.FACE_VALUE:
            return yuan(row.face_value_fen)
        if column == self.SETTLED_AT:
            return format_datetime(row.settled_at, self.zone)
        return row.settled_by

    def column_alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return RIGHT if column in (self.COUNT, self.POINTS, self.FACE_VALUE) else None


class SettlementSection(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._settlements = context.services.settlements
        self._zone = base_zone(context.services.bases.profile().timezone)
        self._asked = 0  # the preview last asked for; an older answer arriving late is dropped
        self._pending: SettlementRow | None = None  # the preview shown, once it has arrived
        self._busy = False

        today = self._today()
        last_month = Period.containing(today, PeriodKind.MONTH).previous()
        self._intro = QLabel()
        self._intro.setObjectName("settlement_intro")
        self._intro.setWordWrap(True)
        self._new_box = QGroupBox()
        self._merchant = QComboBox()
        self._merchant.setObjectName("settlement_merchant")
        self._merchant.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._kind = QComboBox()
        self._kind.setObjectName("settlement_kind")
        for kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.CUSTOM):
            self._kind.addItem("", kind.value)
        self._year = QSpinBox()
        self._year.setObjectName("settlement_year")
        self._year.setRange(today.year - YEARS_BACK, today.year)
        self._year.setValue(last_month.start.year)
        self._number = QComboBox()
        self._number.setObjectName("settlement_number")
        self._start = self._date_edit("settlement_start", last_month.start)
        self._end = self._date_edit("settlement_end", last_month.end)
        self._to = QLabel()
        self._summary = QLabel()
        self._summary.setObjectName("settlement_summary")
        self._summary.setWordWrap(True)
        self._pending_model = SettlementVouchersModel(self)
        self._pending_table = make_table("settlement_vouchers", self._pending_model)
        self._settle = QPushButton()
        self._settle.setObjectName("settle")
        self._preview_pdf = QPushButton()
        self._preview_pdf.setObjectName("save_preview_pdf")
        self._past_box = QGroupBox()
        self._statement_model = SettlementStatementsModel(self)
        self._statements = make_table("settlement_statements", self._statement_model)
        self._save_pdf = QPushButton()
        self._save_pdf.setObjectName("save_statement_pdf")
        self._save_xlsx = QPushButton()
        self._save_xlsx.setObjectName("save_statement_xlsx")
        self._error = ErrorLabel()
        self._error.setObjectName("settlement_error")
        self._result = QLabel()
        self._result.setObjectName("settlement_result")
        self._result.setWordWrap(True)
        self._result.setOpenExternalLinks(True)
        self._result.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self._labels = {key: QLabel() for key in ("merchant", "period")}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        merchant_line = QHBoxLayout()
        merchant_line.addWidget(self._merchant)
        merchant_line.addStretch(1)
        period_line = QHBoxLayout()
        for widget in (self._kind, self._year, self._number, self._start, self._to, self._end):
            period_line.addWidget(widget)
        period_line.addStretch(1)
        form.addRow(self._labels["merchant"], merchant_line)
        form.addRow(self._labels["period"], period_line)
        self._labels["merchant"].setBuddy(self._merchant)
        self._labels["period"].setBuddy(self._kind)
        new_buttons = QHBoxLayout()
        new_buttons.addWidget(self._settle)
        new_buttons.addWidget(self._preview_pdf)
        new_buttons.addStretch(1)
        new_layout = QVBoxLayout(self._new_box)
        new_layout.addLayout(form)
        new_layout.addWidget(self._summary)
        new_layout.addWidget(self._pending_table, 1)
        new_layout.addLayout(new_buttons)
        past_buttons = QHBoxLayout()
        past_buttons.addWidget(self._save_pdf)
        past_buttons.addWidget(self._save_xlsx)
        past_buttons.addStretch(1)
        past_layout = QVBoxLayout(self._past_box)
        past_layout.addWidget(self._statements, 1)
        past_layout.addLayout(past_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self._new_box, 3)
        layout.addWidget(self._error)
        layout.addWidget(self._result)
        layout.addWidget(self._past_box, 2)

        self._fill_numbers(PeriodKind.MONTH)
        self._number.setCurrentIndex(last_month.start.month - 1)
        self._show_period_fields(PeriodKind.MONTH)
        self._merchant.currentIndexChanged.connect(self._on_period_changed)
        self._kind.currentIndexChanged.connect(self._on_kind_changed)
        self._year.valueChanged.connect(self._on_period_changed)
        self._number.currentIndexChanged.connect(self._on_period_changed)
        self._start.dateChanged.connect(self._on_period_changed)
        self._end.dateChanged.connect(self._on_period_changed)
        self._settle.clicked.connect(self._on_settle_clicked)
        self._preview_pdf.clicked.connect(self._on_preview_pdf_clicked)
        self._save_pdf.clicked.connect(self._on_save_pdf_clicked)
        self._save_xlsx.clicked.connect(self._on_save_xlsx_clicked)
        self._statements.selectionModel().selectionChanged.connect(self._on_statements_selection_changed)
        self._result.hide()
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self._intro.setText(self.tr(
            "按联盟商家和期间汇总已核销、尚未结算的兑换券（张数、积分、面值）。结算后这些兑换券标记为已结算，"
            "不会再次结算；之后核销的兑换券进入下一张结算单。会员姓名打码，不显示电话。"))
        self._new_box.setTitle(self.tr("新结算"))
        self._past_box.setTitle(self.tr("已结算的结算单"))
        self._labels["merchant"].setText(self.tr("商家(&M)"))
        self._labels["period"].setText(self.tr("结算期间(&P)"))
        self._kind.setItemText(0, self.tr("月度"))
        self._kind.setItemText(1, self.tr("季度"))
        self._kind.setItemText(2, self.tr("自定义"))
        self._to.setText(self.tr("至"))
        self._relabel_numbers()
        self._relabel_merchants()
        self._settle.setText(self.tr("结算…"))
        self._preview_pdf.setText(self.tr("保存预览 PDF…"))
        self._save_pdf.setText(self.tr("保存 PDF…"))
        self._save_xlsx.setText(self.tr("保存 Excel…"))
        self._pending_model.relabel()
        self._statement_model.relabel()
        if self._pending is not None:
            self._show_summary(self._pending)
        fit_columns(self._pending_table)
        fit_columns(self._statements)

    def refresh(self) -> None:
        """Merchants and statements as they are now, and the preview again (another desk may have redeemed or
        settled since)."""
        self._zone = base_zone(self._context.services.bases.profile().timezone)
        self._pending_model.zone = self._statement_model.zone = self._zone
        chosen = self._merchant.currentData()
        self._merchant.blockSignals(True)
        self._merchant.clear()
        for merchant in self._settlements.merchants():
            self._merchant.addItem(merchant.name, merchant.id)
            self._merchant.setItemData(self._merchant.count() - 1, merchant.active, ACTIVE_ROLE)
            self._merchant.setItemData(self._merchant.count() - 1, merchant.name, NAME_ROLE)
        self._merchant.setCurrentIndex(max(0, self._merchant.findData(chosen)))
        self._merchant.blockSignals(False)
        self._relabel_merchants()
        self._load_statements()
        self._on_period_changed()

    # -- public --------------------------------------------------------------------------------------------------

    def period(self) -> Period:
        """The period chosen; EndBeforeStart or OutOfRange for custom dates that make none."""
        kind = PeriodKind(str(self._kind.currentData()))
        if kind is PeriodKind.CUSTOM:
            self._start.interpretText()
            self._end.interpretText()
            return Period.custom(from_qdate(self._start.date()), from_qdate(self._end.date()))
        self._year.interpretText()
        number = int(self._number.currentData() or 1)
        return Period.month(self._year.value(), number) if kind is PeriodKind.MONTH else \
            Period.quarter(self._year.value(), number)

    def choose(self, merchant_id: int, period: Period) -> None:
        """Choose a merchant and a period as staff would with the fields."""
        self._merchant.setCurrentIndex(self._merchant.findData(merchant_id))
        self._kind.setCurrentIndex(self._kind.findData(period.kind.value if period.kind in (
            PeriodKind.MONTH, PeriodKind.QUARTER) else PeriodKind.CUSTOM.value))
        if period.kind is PeriodKind.MONTH:
            self._year.setValue(period.start.year)
            self._number.setCurrentIndex(period.start.month - 1)
        elif period.kind is PeriodKind.QUARTER:
            self._year.setValue(period.start.year)
            self._number.setCurrentIndex((period.start.month - 1) // 3)
        else:
            self._start.setDate(to_qdate(period.start))
            self._end.setDate(to_qdate(period.end))

    def summary_text(self) -> str:
        return self._summary.text()

    def result_text(self) -> str:
        return self._result.text() if self._result.isVisibleTo(self) else ""

    def error_text(self) -> str:
        return self._error.text() if self._error.isVisibleTo(self) else ""

    def pending(self) -> SettlementRow | None:
        """The preview on screen, once it has arrived."""
        return self._pending

    def statements(self) -> list[SettlementSummary]:
        return self._statement_model.rows()

    def select_statement(self, settlement_id: int) -> None:
        for row, summary in enumerate(self._statement_model.rows()):
            if summary.id == settlement_id:
                self._statements.selectRow(row)
                return

    # -- helpers -------------------------------------------------------------------------------------------------

    def _today(self) -> dt.date:
        return self._context.clock.now().astimezone(self._zone).date()

    @staticmethod
    def _date_edit(name: str, value: dt.date) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_EDIT_FORMAT)
        edit.setDate(to_qdate(value))
        return edit

    def _fill_numbers(self, kind: PeriodKind) -> None:
        self._number.blockSignals(True)
        self._number.clear()
        for number in range(1, 13 if kind is PeriodKind.MONTH else 5):
            self._number.addItem("", number)
        self._number.blockSignals(False)
        self._relabel_numbers()

    def _relabel_numbers(self) -> None:
        month = PeriodKind(str(self._kind.currentData())) is not PeriodKind.QUARTER
        for index in range(self._number.count()):
            number = int(self._number.itemData(index))
            text = (QLocale().monthName(number, QLocale.FormatType.LongFormat) if month
                    else self.tr("第 %1 季度").replace("%1", str(number)))
            self._number.setItemText(index, text)

    def _relabel_merchants(self) -> None:
        for index in range(self._merchant.count()):
            name = str(self._merchant.itemData(index, NAME_ROLE))
            active = bool(self._merchant.itemData(index, ACTIVE_ROLE))
            self._merchant.setItemText(index, name if active else self.tr("%1（已停用）").replace("%1", name))

    def _show_period_fields(self, kind: PeriodKind) -> None:
        custom = kind is PeriodKind.CUSTOM
        for chooser in (self._year, self._number):
            chooser.setVisible(not custom)
        for day in (self._start, self._to, self._end):
            day.setVisible(custom)

    def _show_summary(self, pending: SettlementRow) -> None:
        period_text = period_words().text(pending.period)
        if not pending.count:
            text = self.tr("%1，%2：没有待结算的兑换券。").replace("%1", pending.merchant_name).replace(
                "%2", period_text)
        else:
            text = (self.tr("%1，%2：待结算 %n 张兑换券", "", pending.count).replace("%1", pending.merchant_name)
                    .replace("%2", period_text)
                    + self.tr("，共 %1 分，面值 ¥%2。").replace("%1", str(pending.points)).replace(
                        "%2", yuan(pending.face_value_fen)))
        self._summary.setStyleSheet("")
        self._summary.setText(text)

    def _update_buttons(self) -> None:
        ready = self._pending is not None and not self._busy
        self._settle.setEnabled(ready and self._pending is not None and self._pending.count > 0)
        self._preview_pdf.setEnabled(ready)
        chosen = self._statement_model.row_at(selected_row(self._statements)) is not None
        self._save_pdf.setEnabled(chosen and not self._busy)
        self._save_xlsx.setEnabled(chosen and not self._busy)

    def _load_statements(self, select: int | None = None) -> None:
        keep = self._statement_model.row_at(selected_row(self._statements))
        self._statement_model.set_rows(self._settlements.statements())
        chosen = select if select is not None else keep.id if keep is not None else None
        if chosen is not None:
            self.select_statement(chosen)
        fit_columns(self._statements)
        self._update_buttons()

    def _labels_for_documents(self) -> SettlementLabels:
        return SettlementLabels(
            title=self.tr("{base} 联盟商家结算单"), preview_mark=self.tr("预览（未结算）"),
            preview_note=self.tr("此为预览，尚未结算，不作结算凭证。"), merchant=self.tr("商家：{merchant}"),
            plaque=self.tr("牌匾编号：{plaque}"), contact=self.tr("联系人：{contact}"),
            period_line=self.tr("结算期间：{period}"), range=self.tr("（{start} 至 {end}）"),
            number_line=self.tr("结算单号：{number}"), settled_line=self.tr("结算时间：{at}　经办：{by}"),
            generated=self.tr("生成时间：{at}"), number=self.tr("序号"), code=self.tr("券号"),
            reward=self.tr("兑换项目"), member=self.tr("会员"), issued=self.tr("兑换时间"),
            redeemed=self.tr("核销时间"), redeemed_by=self.tr("核销人"), points=self.tr("积分"),
            face_value=self.tr("面值（元）"), total_row=self.tr("合计 {count} 张"), total_label=self.tr("合计（张）"),
            nobody=self.tr("本期没有待结算的兑换券。"),
            base_signature=self.tr("基地经办人（签字）：________________　　日期：____________"),
            merchant_signature=self.tr("商家确认（签字/盖章）：________________　　日期：____________"),
            page=self.tr("第 {page} 页，共 {pages} 页"), sheet=self.tr("结算单"), period=period_words())

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_kind_changed(self, _index: int) -> None:
        kind = PeriodKind(str(self._kind.currentData()))
        self._show_period_fields(kind)
        if kind is not PeriodKind.CUSTOM:
            ended = Period.containing(self._today(), kind).previous()  # the month or quarter just ended
            self._fill_numbers(kind)
            number = ended.start.month if kind is PeriodKind.MONTH else (ended.start.month - 1) // 3 + 1
            self._year.blockSignals(True)
            self._year.setValue(ended.start.year)
            self._year.blockSignals(False)
            self._number.blockSignals(True)
            self._number.setCurrentIndex(number - 1)
            self._number.blockSignals(False)
        self._on_period_changed()

    def _on_period_changed(self, *_args: object) -> None:
        self._error.show_text("")
        self._pending = None
        self._pending_model.set_rows([])
        self._asked += 1
        asked = self._asked
        self._update_buttons()
        merchant_id = self._merchant.currentData()
        if merchant_id is None:
            self._summary.setStyleSheet(HINT_STYLE)
            self._summary.setText(self.tr("还没有联盟商家。请先在“联盟商家与兑换项目”中添加商家。"))
            return
        try:
            period = self.period()
        except DeskError as error:
            self._summary.setText("")
            self._error.show_text(error_text(error))
            return
        self._summary.setStyleSheet(HINT_STYLE)
        self._summary.setText(self.tr("正在统计…"))
        settlements = self._settlements
        self._context.tasks.run(lambda: settlements.preview(int(merchant_id), period),
                                lambda pending: self._on_previewed(asked, pending),
                                lambda error: self._on_preview_failed(asked, error))

    def _on_previewed(self, asked: int, pending: SettlementRow) -> None:
        if not isValid(self) or asked != self._asked:
            return
        self._pending = pending
        self._pending_model.set_rows(pending.vouchers)
        fit_columns(self._pending_table)
        self._show_summary(pending)
        self._update_buttons()

    def _on_preview_failed(self, asked: int, error: DeskError) -> None:
        if not isValid(self) or asked != self._asked:
            return
        self._summary.setText("")
        self._error.show_text(error_text(error))

    def _on_settle_clicked(self) -> None:
        pending = self._pending
        if pending is None or not pending.count or self._busy:
            return
        self._error.show_text("")
        self._result.hide()
        text = (self.tr("%1，%2").replace("%1", pending.merchant_name).replace(
                    "%2", period_words().text(pending.period)) + "\n\n"
                + self.tr("将 %n 张兑换券（%1 分，¥%2）标记为已结算，之后不会再次结算。", "", pending.count)
                .replace("%1", str(pending.points)).replace("%2", yuan(pending.face_value_fen)))
        if not boxes.confirm(self, self.tr("商家结算"), text):
            return
        try:
            settled = self._settlements.settle(self._context.actor, pending.merchant_id, pending.period)
        except DeskError as error:
            # Another desk may have settled it meanwhile: show what is left and the statements as they are now.
            self._load_statements()
            self._on_period_changed()
            self._error.show_text(error_text(error))
            return
        assert settled.id is not None
        # Said from what was settled, not from the preview: a voucher redeemed since the preview is in it too.
        self._result.setStyleSheet(STATUS_STYLE)
        self._result.setText(
            self.tr("已结算：结算单 %1，%n 张兑换券", "", settled.count).replace("%1", statement_number(settled.id))
            + self.tr("，共 %1 分，面值 ¥%2。可在下方保存 PDF 或 Excel。").replace("%1", str(settled.points)).replace(
                "%2", yuan(settled.face_value_fen)))
        self._result.show()
        self._load_statements(select=settled.id)
        self._on_period_changed()

    def _on_statements_selection_changed(self, *_args: object) -> None:
        self._update_buttons()

    def _on_preview_pdf_clicked(self) -> None:
        if self._pending is not None:
            self._save(self._pending, "pdf")

    def _on_save_pdf_clicked(self) -> None:
        self._save_statement("pdf")

    def _on_save_xlsx_clicked(self) -> None:
        self._save_statement("xlsx")

    def _save_statement(self, kind: str) -> None:
        summary = self._statement_model.row_at(selected_row(self._statements))
        if summary is None:
            return
        # Only what names the statement: the service reads a settled one back from the database.
        self._save(SettlementRow(summary.id, summary.merchant_id, summary.merchant_name, summary.period, (),
                                 summary.count, summary.points, summary.face_value_fen), kind)

    def _save(self, settlement: SettlementRow, kind: str) -> None:
        if self._busy:
            return
        self._error.show_text("")
        self._result.hide()
        period_text = period_words().text(settlement.period)
        name = (self.tr("结算单预览-%1-%2") if settlement.id is None else self.tr("结算单-%1-%2")).replace(
            "%1", settlement.merchant_name).replace("%2", period_text)
        suffix = "." + kind
        suggested = project_ui.documents_folder() / (_UNSAFE_IN_FILE_NAMES.sub("_", name) + suffix)
        if kind == "pdf":
            path = project_ui.choose_save_file(self, self.tr("保存结算单"), suggested, self.tr("PDF 文件 (*.pdf)"),
                                               suffix)
        else:
            path = project_ui.choose_save_file(self, self.tr("保存结算单"), suggested,
                                               self.tr("Excel 工作簿 (*.xlsx)"), suffix)
        if path is None:
            return
        labels = self._labels_for_documents()
        settlements = self._settlements
        actor = self._context.actor
        export: Callable[[], bytes] = ((lambda: settlements.export_pdf(actor, settlement, labels)) if kind == "pdf"
                                       else (lambda: settlements.export_xlsx(actor, settlement, labels)))

        def work() -> Path | OSError:
            data = export()
            try:
                path.write_bytes(data)
            except OSError as error:  # a read-only folder or a full USB stick: say so, it is not a bug
                return error
            return path

        self._busy = True
        self._update_buttons()
        self._result.setStyleSheet(HINT_STYLE)
        self._result.setText(self.tr("正在生成结算单…"))
        self._result.show()
        self._context.tasks.run(work, self._on_saved, self._on_save_failed)

    def _on_saved(self, saved: Path | OSError) -> None:
        if not isValid(self):  # logged out while the worker ran
            return
        self._busy = False
        self._update_buttons()
        if isinstance(saved, OSError):
            self._result.hide()
            self._error.show_text(save_failed_text(saved))
            return
        link = QUrl.fromLocalFile(str(saved)).toString()
        self._result.setStyleSheet(STATUS_STYLE)
        self._result.setText(self.tr("结算单已保存：%1 <a href=\"%2\">打开</a>").replace(
            "%1", html(str(saved))).replace("%2", link))
        self._result.show()

    def _on_save_failed(self, error: DeskError) -> None:
        if not isValid(self):
            return
        self._busy = False
        self._update_buttons()
        self._result.hide()
        self._error.show_text(error_text(error))


register_section(SectionSpec(
    key="settlement",
    title=str(QT_TRANSLATE_NOOP("Settings", "商家结算")),
    order=380,
    roles=frozenset({Role.ADMIN}),
    factory=SettlementSection,
))
