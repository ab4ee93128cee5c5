"""UI layer: settings section "打印" (administrators and desk staff) — the paper each printer of this PC takes for
voucher slips: an 80 mm or 58 mm receipt roll, or A4 sheets with eight slips each. Issuing a voucher lays the slip
out for the default printer's paper. Saved at once on this PC (desk.ui.vouchers.layouts), not in the database:
printers belong to the machine."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.staff import Role
from desk.printing.voucher_slip import SlipLayout
from desk.ui.pages import PageContext
from desk.ui.settings import SectionSpec, register_section
from desk.ui.vouchers import layout_name
from desk.ui.vouchers.layouts import NO_PRINTER, SlipLayouts, default_printer, printers
from desk.ui.widgets import ErrorLabel, Retranslating

HINT_STYLE = "color: #5f6368;"
DONE_STYLE = "color: #1e6b34;"


class PrintingSection(Retranslating, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layouts = SlipLayouts(context.services.ctx.location.data_dir)
        self._printers: list[str] = []
        self._default = NO_PRINTER
        self._combos: dict[str, QComboBox] = {}
        self._labels: dict[str, QLabel] = {}

        self._intro = QLabel()
        self._intro.setObjectName("printing_intro")
        self._intro.setWordWrap(True)
        self._box = QGroupBox()
        self._form = QFormLayout(self._box)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self._hint = QLabel()
        self._hint.setObjectName("printing_hint")
        self._hint.setWordWrap(True)
        self._hint.setStyleSheet(HINT_STYLE)
        self._rescan = QPushButton()
        self._rescan.setObjectName("printing_rescan")
        self._status = QLabel()
        self._status.setObjectName("printing_status")
        self._status.setWordWrap(True)
        self._status.setStyleSheet(DONE_STYLE)
        self._status.hide()
        self._error = ErrorLabel()
        self._error.setObjectName("printing_error")
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self._box)
        layout.addWidget(self._hint)
        rescan_row = QHBoxLayout()
        rescan_row.addWidget(self._rescan)
        rescan_row.addStretch(1)
        layout.addLayout(rescan_row)
        layout.addWidget(self._status)
        layout.addWidget(self._error)
        layout.addStretch(1)
        self._box.setMaximumWidth(720)
        self._rescan.clicked.connect(self.refresh)
        self.refresh()

    # -- public --------------------------------------------------------------------------------------------------

    def combo(self, printer: str) -> QComboBox:
        return self._combos[printer]

    def refresh(self) -> None:
        """The printers installed now (one may have been added since), each with its paper."""
        self._printers = printers() or [NO_PRINTER]
        self._default = default_printer()
        while self._form.rowCount():
            self._form.removeRow(0)
        self._combos, self._labels = {}, {}
        for number, printer in enumerate(self._printers):
            combo = QComboBox()
            combo.setObjectName(f"printer_layout_{number}")
            for choice in SlipLayout:
                combo.addItem("", choice.value)
            combo.setCurrentIndex(combo.findData(self._layouts.layout_for(printer).value))
            combo.currentIndexChanged.connect(lambda _index, name=printer: self._on_combo_changed(name))
            label = QLabel()
            label.setBuddy(combo)
            self._combos[printer], self._labels[printer] = combo, label
            self._form.addRow(label, combo)
        self.retranslate()

    def retranslate(self) -> None:
        self._intro.setText(self.tr("兑换券按打印机的纸张排版：80 mm 或 58 mm 小票纸一张一券，A4 纸每页 8 张（裁开使用）。"
                                    "兑换时按默认打印机的纸张生成兑换券，预览里也可以临时改用其他纸张。"))
        self._box.setTitle(self.tr("这台电脑的打印机"))
        for printer, label in self._labels.items():
            if printer == NO_PRINTER:
                label.setText(self.tr("没有打印机（另存为 PDF）"))
            elif printer == self._default:
                label.setText(self.tr("%1（默认）").replace("%1", printer))
            else:
                label.setText(printer)
        for combo in self._combos.values():
            for index in range(combo.count()):
                combo.setItemText(index, layout_name(SlipLayout(combo.itemData(index))))
        self._hint.setText(self.tr("设置只保存在这台电脑上。新装了打印机后点“重新查找打印机”。"))
        self._rescan.setText(self.tr("重新查找打印机"))

    # -- slots ---------------------------------------------------------------------------------------------------

    def _on_combo_changed(self, printer: str) -> None:
        layout = SlipLayout(self._combos[printer].currentData())
        self._status.hide()
        self._error.show_text("")
        try:
            self._layouts.choose(printer, layout)
        except OSError as error:  # a read-only data folder: say so, it is not a bug
            self._error.show_text(self.tr("无法保存设置（%1）。").replace("%1", error.strerror or str(error)))
            return
        name = self._labels[printer].text()
        self._status.setText(self.tr("已保存：%1 使用 %2。").replace("%1", name).replace("%2", layout_name(layout)))
        self._status.show()


register_section(SectionSpec(
    key="printing",
    title=str(QT_TRANSLATE_NOOP("Settings", "打印")),
    order=380,
    roles=frozenset({Role.ADMIN, Role.DESK}),
    factory=PrintingSection,
))
