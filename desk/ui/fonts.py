"""UI layer: the bundled CJK font, loaded at start so Chinese renders on a PC without one."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desk.resources import CJK_FONT_FAMILY, CJK_FONT_FILE

log = logging.getLogger("desk.ui")
UI_POINT_SIZE = 11


def install_cjk_font(app: QApplication) -> str | None:
    """Register the bundled font and make it the application font; returns its family or None if missing."""
    font_id = QFontDatabase.addApplicationFont(str(CJK_FONT_FILE))
    if font_id < 0:
        log.error("could not load the bundled font %s; Chinese may show as boxes", CJK_FONT_FILE)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    family = CJK_FONT_FAMILY if CJK_FONT_FAMILY in families else families[0]
    font = QFont(family, UI_POINT_SIZE)
    app.setFont(font)
    return family
