"""UI layer: the slip preview (兑换券预览) — opens the moment a voucher is issued or reprinted, shows the slip as it
will print, prints it through the Qt print dialog to any installed printer, or saves it as a PDF.

The preview is exactly what prints: the worker makes the slip PDF once (desk.printing.voucher_slip, the file
that is saved and archived), and both the picture on screen and the pages sent to the printer are painted from
those PDF bytes by the same code (desk.ui.vouchers.pdf_pages). Qt cannot render a PDF itself without its large
add-on package, and drawing the slip a second time with Qt would make a printout that only resembles the file.

Making the PDF, painting the preview and spooling to the printer all run on the background worker; the desk
never waits for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desk.printing.voucher_slip import SlipLabels, SlipLayout, VoucherSlip, voucher_slip_pdf
from desk.ui.files import choose_pdf_file
from desk.ui.pages import PageContext
from desk.ui.vouchers import layout_name, slip_labels
from desk.ui.vouchers.layouts import NO_PRINTER, SlipLayouts, default_printer
from desk.ui.vouchers.pdf_pages import PdfPages, UnsupportedPdf
from desk.ui.widgets import ErrorLabel, Retranslating

# Shown at a fixed scale, so a 58 mm slip looks narrower than an 80 mm one, as on paper. Receipts at about the
# size of the real slip on a desk monitor; A4 smaller, so a whole sheet's width fits the dialog.
RECEIPT_DPI = 140
SHEET_DPI = 66
HINT_STYLE = "color: #5f6368;"
PREFERRED_HEIGHT = 780
DONE_STYLE = "color: #1e6b34;"
PAPER_STYLE = "QLabel { background: white; border: 1px solid #c4c7c5; }"
SCROLL_STYLE = "QScrollArea { background: #e8eaed; border: none; } QWidget#slip_pages { background: #e8eaed; }"


def choose_printer(parent: QWidget, printer: QPrinter) -> bool:
    """The Qt print dialog for `printer`; True when the person chose to print. Tests replace this function."""
    dialog = QPrintDialog(printer, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted




@dataclass(frozen=True)
class Rendered:
    """What the worker made of the slips: the PDF and the pages painted from it."""

    layout: SlipLayout
    pdf: bytes
    pages: PdfPages | None
    images: tuple[QImage, ...]
    problem: str = ""  # why the PDF could not be shown (it can still be saved)


def render(slips: Sequence[VoucherSlip], layout: SlipLayout, labels: SlipLabels, scale: float) -> Rendered:
    """On the worker: the slip PDF and its pages as pictures (`scale`: device pixels per screen pixel)."""
    pdf = voucher_slip_pdf(slips, layout, labels)
    try:
        pages = PdfPages(pdf)
    except UnsupportedPdf as error:
        return Rendered(layout, pdf, None, (), str(error))
    dpi = (SHEET_DPI if layout is SlipLayout.A4 else RECEIPT_DPI) * scale
    images = []
    for index in range(len(pages)):
        image = pages.image(index, dpi)
        image.setDevicePixelRatio(scale)
        images.append(image)
    return Rendered(layout, pdf, pages, tuple(images))


class SlipPreviewDialog(Retranslating, QDialog):
    def __init__(self, context: PageContext, slips: Sequence[VoucherSlip], layout: SlipLayout | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slip_preview")
        self._context = context
        self._slips = tuple(slips)
        self._printer_name = default_printer()
        layouts = SlipLayouts(context.services.ctx.location.data_dir)
        self._rendered: Rendered | None = None
        self._generation = 0
        self._busy = 0

        self._summary = QLabel()
        self._summary.setObjectName("preview_summary")
        self._summary.setWordWrap(True)
        font = self._summary.font()
        font.setBold(True)
        self._summary.setFont(font)
        self._printer_hint = QLabel()
        self._printer_hint.setObjectName("preview_printer")
        self._printer_hint.setWordWrap(True)
        self._printer_hint.setStyleSheet(HINT_STYLE)
        self._layout_label = QLabel()
        self._layout = QComboBox()
        self._layout.setObjectName("slip_layout")
        for choice in SlipLayout:
            self._layout.addItem("", choice.value)
        self._layout_label.setBuddy(self._layout)
        self._layout.setCurrentIndex(self._layout.findData(
            (layout or layouts.layout_for(self._printer_name)).value))

        self._pages = QWidget()
        self._pages.setObjectName("slip_pages")
        self._pages_column = QVBoxLayout(self._pages)
        self._pages_column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._pages_column.setSpacing(12)
        self._page_labels: list[QLabel] = []
        self._waiting = QLabel()
        self._waiting.setObjectName("preview_waiting")
        self._waiting.setStyleSheet(HINT_STYLE)
        self._waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pages_column.addWidget(self._waiting)
        self._scroll = QScrollArea()
        self._scroll.setObjectName("preview_scroll")
        self._scroll.setWidget(self._pages)
        self._scroll.setWidgetResizable(True)
        self._scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setStyleSheet(SCROLL_STYLE)

        self._status = QLabel()
        self._status.setObjectName("preview_status")
        self._status.setWordWrap(True)
        self._status.setStyleSheet(DONE_STYLE)
        self._status.setOpenExternalLinks(True)
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self._status.hide()
        self._error = ErrorLabel()
        self._error.setObjectName("preview_error")

        self._print = QPushButton()
        self._print.setObjectName("print_slip")
        self._print.setDefault(True)  # Enter prints: the usual next step after issuing
        self._save = QPushButton()
        self._save.setObjectName("save_slip")
        self._save.setAutoDefault(False)
        self._close = QPushButton()
        self._close.setObjectName("close_preview")
        self._close.setAutoDefault(False)

        paper_row = QHBoxLayout()
        paper_row.addWidget(self._layout_label)
        paper_row.addWidget(self._layout)
        paper_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self._print)
        buttons.addWidget(self._save)
        buttons.addStretch(1)
        buttons.addWidget(self._close)
        layout_box = QVBoxLayout(self)
        layout_box.addWidget(self._summary)
        layout_box.addWidget(self._printer_hint)
        layout_box.addLayout(paper_row)
        layout_box.addWidget(self._scroll, 1)
        layout_box.addWidget(self._status)
        layout_box.addWidget(self._error)
        layout_box.addLayout(buttons)

        self._print.clicked.connect(self._on_print_clicked)
        self._save.clicked.connect(self._on_save_clicked)
        self._close.clicked.connect(self.reject)
        self._layout.currentIndexChanged.connect(self._on_layout_current_index_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self._on_print_clicked)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self._on_save_clicked)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        # As tall as a receipt wants, but never past the bottom of a 768-pixel desk monitor.
        self.resize(620, min(PREFERRED_HEIGHT, screen.height() - 60) if screen is not None else PREFERRED_HEIGHT)
        self.retranslate()
        self._render()
        self._print.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, context: PageContext, slips: Sequence[VoucherSlip],
            layout: SlipLayout | None = None) -> SlipPreviewDialog:
        """Open the preview window-modally and return at once; the slip appears as soon as the worker drew it."""
        dialog = cls(context, slips, layout, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def rendered(self) -> Rendered | None:
        """The PDF and pictures shown now; None while the worker is still drawing."""
        return self._rendered

    def layout_choice(self) -> SlipLayout:
        return SlipLayout(self._layout.currentData())

    def page_images(self) -> list[QImage]:
        return list(self._rendered.images) if self._rendered else []

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("兑换券预览"))
        first = self._slips[0]
        reprint = self.tr("（重印）") if first.reprint else ""
        if len(self._slips) == 1:
            self._summary.setText(self.tr("券码 %1 · %2 · %3").replace("%1", first.serial_code).replace(
                "%2", first.merchant_name).replace("%3", first.reward_title) + reprint)
        else:
            self._summary.setText(self.tr("%n 张兑换券", "", len(self._slips)) + reprint)
        if self._printer_name == NO_PRINTER:
            self._printer_hint.setText(self.tr("这台电脑没有安装打印机：请另存为 PDF，在其他电脑上打印。"))
        else:
            self._printer_hint.setText(self.tr("默认打印机：%1。打印时可以选择其他打印机；预览就是打印出来的样子。")
                                       .replace("%1", self._printer_name))
        self._layout_label.setText(self.tr("纸张(&L)"))
        for index in range(self._layout.count()):
            self._layout.setItemText(index, layout_name(SlipLayout(self._layout.itemData(index))))
        self._waiting.setText(self.tr("正在生成兑换券…"))
        self._print.setText(self.tr("打印(&P)…"))
        self._print.setToolTip(self.tr("用 Qt 打印对话框选择打印机后打印 (Ctrl+P)"))
        self._save.setText(self.tr("另存为 PDF(&S)…"))
        self._save.setToolTip(self.tr("保存兑换券 PDF，可存档或在其他电脑上打印 (Ctrl+S)"))
        self._close.setText(self.tr("关闭"))

    # -- rendering -----------------------------------------------------------------------------------------------

    def _render(self) -> None:
        self._generation += 1
        generation = self._generation
        self._rendered = None
        self._set_busy(+1)
        self._show_waiting(True)
        slips, layout, labels = self._slips, self.layout_choice(), slip_labels()
        scale = self.devicePixelRatioF()
        self._context.tasks.run(lambda: render(slips, layout, labels, scale),
                                lambda rendered: self._on_rendered(generation, rendered))

    def _on_rendered(self, generation: int, rendered: Rendered) -> None:
        if not isValid(self):
            return
        self._set_busy(-1)
        if generation != self._generation:  # the paper was changed while the worker drew the old one
            return
        self._rendered = rendered
        self._show_waiting(False)
        for label in self._page_labels:
            self._pages_column.removeWidget(label)
            label.deleteLater()
        self._page_labels = []
        for number, image in enumerate(rendered.images):
            label = QLabel()
            label.setObjectName(f"slip_page_{number + 1}")
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet(PAPER_STYLE)
            # The picture plus the 1 px paper edge on each side, so the edge does not cover the slip.
            label.setFixedSize(label.pixmap().deviceIndependentSize().toSize() + QSize(2, 2))
            self._pages_column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            label.show()  # now, not on the layout's next pass: the slip appears with its buttons enabled
            self._page_labels.append(label)
        if rendered.problem:
            self._error.show_text(self.tr("无法显示预览（%1）。请另存为 PDF，用 PDF 阅读器打印。").replace(
                "%1", rendered.problem))
        self._update_buttons()

    def _show_waiting(self, waiting: bool) -> None:
        self._waiting.setVisible(waiting)

    def _set_busy(self, step: int) -> None:
        self._busy += step
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self._rendered is not None and self._busy == 0
        self._print.setEnabled(ready and self._rendered is not None and self._rendered.pages is not None)
        self._save.setEnabled(ready)
        self._layout.setEnabled(self._busy == 0)

    def _on_layout_current_index_changed(self, _index: int) -> None:
        self._status.hide()
        self._error.show_text("")
        self._render()

    # -- printing and saving -------------------------------------------------------------------------------------

    def _on_print_clicked(self) -> None:
        rendered = self._rendered
        if rendered is None or rendered.pages is None or not self._print.isEnabled():
            return
        self._status.hide()
        self._error.show_text("")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("兑换券 %1").replace("%1", self._slips[0].serial_code))
        if self._printer_name != NO_PRINTER:
            printer.setPrinterName(self._printer_name)
        if not choose_printer(self, printer):
            return
        pages = rendered.pages

        def work() -> str | OSError:
            try:
                pages.print_to(printer)
            except OSError as error:  # the printer went away or refused the job: say so, it is not a bug
                return error
            return printer.printerName() or printer.outputFileName()

        self._set_busy(+1)
        self._context.tasks.run(work, self._on_printed)

    def _on_printed(self, result: str | OSError) -> None:
        if not isValid(self):
            return
        self._set_busy(-1)
        if isinstance(result, OSError):
            self._error.show_text(self.tr("打印失败：%1。请检查打印机后再试，或另存为 PDF。").replace(
                "%1", str(result)))
            return
        self._status.setText(self.tr("已发送到打印机 %1。").replace("%1", result))
        self._status.show()

    def _on_save_clicked(self) -> None:
        rendered = self._rendered
        if rendered is None or not self._save.isEnabled():
            return
        self._status.hide()
        self._error.show_text("")
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        suggested = Path(folder) / self.tr("兑换券-%1.pdf").replace("%1", self._slips[0].serial_code)
        path = choose_pdf_file(self, self.tr("保存兑换券"), suggested, self.tr("PDF 文件 (*.pdf)"))
        if path is None:
            return
        pdf = rendered.pdf

        def work() -> Path | OSError:
            try:
                path.write_bytes(pdf)
            except OSError as error:  # a read-only folder or a full USB stick: say so, it is not a bug
                return error
            return path

        self._set_busy(+1)
        self._context.tasks.run(work, self._on_saved)

    def _on_saved(self, saved: Path | OSError) -> None:
        if not isValid(self):
            return
        self._set_busy(-1)
        if isinstance(saved, OSError):
            self._error.show_text(self.tr("无法保存到 %1（%2）。请换一个文件夹再试。").replace(
                "%1", str(saved.filename or "")).replace("%2", saved.strerror or str(saved)))
            return
        link = QUrl.fromLocalFile(str(saved)).toString()
        self._status.setText(self.tr("已保存：%1 <a href=\"%2\">打开</a>").replace(
            "%1", _html(str(saved))).replace("%2", link))
        self._status.show()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
