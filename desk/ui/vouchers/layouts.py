"""UI layer: which slip layout each printer takes — an 80 mm or 58 mm receipt or A4 — remembered on this desk
PC, keyed by the printer's name, in the preferences file of the data folder beside the language
(desk.services.preferences): the paper belongs to the machine, not to the database that several desks share.

A printer nobody has chosen for is guessed from its default paper: a narrow roll is a receipt printer."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinterInfo

from desk.printing.voucher_slip import SlipLayout
from desk.services.preferences import FILE_NAME

PREFERENCES_KEY = "slip_layouts"
NO_PRINTER = ""  # what slips are laid out for on a PC without any printer: saved as PDF, printed elsewhere
DEFAULT_LAYOUT = SlipLayout.RECEIPT_80  # the usual front-desk receipt printer
_WIDEST_58_MM_PAPER = 62
_WIDEST_80_MM_PAPER = 90


class SlipLayouts:
    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / FILE_NAME

    def _load(self) -> dict[str, object]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def chosen(self, printer: str) -> SlipLayout | None:
        """The layout saved for `printer`, or None when nobody has chosen one."""
        layouts = self._load().get(PREFERENCES_KEY)
        value = layouts.get(printer) if isinstance(layouts, dict) else None
        try:
            return SlipLayout(value) if isinstance(value, str) else None
        except ValueError:
            return None

    def layout_for(self, printer: str) -> SlipLayout:
        return self.chosen(printer) or guess_layout(printer)

    def choose(self, printer: str, layout: SlipLayout) -> None:
        """Remember `layout` for `printer`; the rest of the preferences file (the language) is kept."""
        data = self._load()
        layouts = data.get(PREFERENCES_KEY)
        layouts = dict(layouts) if isinstance(layouts, dict) else {}
        layouts[printer] = layout.value
        data[PREFERENCES_KEY] = layouts
        self._path.parent.mkdir(parents=True, exist_ok=True)
        partial = self._path.with_suffix(".partial")
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(partial, self._path)


def printers() -> list[str]:
    """The installed printers, the default one first."""
    names = QPrinterInfo.availablePrinterNames()
    default = QPrinterInfo.defaultPrinterName()
    return sorted(names, key=lambda name: (name != default, name.casefold()))


def default_printer() -> str:
    """The printer slips go to unless another is chosen in the print dialog; NO_PRINTER when none is installed."""
    return QPrinterInfo.defaultPrinterName() or NO_PRINTER


def guess_layout(printer: str) -> SlipLayout:
    if printer == NO_PRINTER:
        return DEFAULT_LAYOUT
    size = QPrinterInfo.printerInfo(printer).defaultPageSize()
    if size.isValid():
        width = size.size(QPageSize.Unit.Millimeter).width()
        if width <= _WIDEST_58_MM_PAPER:
            return SlipLayout.RECEIPT_58
        if width <= _WIDEST_80_MM_PAPER:
            return SlipLayout.RECEIPT_80
        return SlipLayout.A4
    return SlipLayout.RECEIPT_58 if "58" in printer else DEFAULT_LAYOUT
