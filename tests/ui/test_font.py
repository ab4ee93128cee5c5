"""Chinese renders with the bundled font, whatever fonts the PC has."""

from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

from desk.resources import CJK_FONT_FAMILY
from desk.ui.fonts import install_cjk_font


def test_bundled_font_becomes_the_application_font(qapp: QApplication) -> None:
    assert install_cjk_font(qapp) == CJK_FONT_FAMILY
    assert CJK_FONT_FAMILY in QFontDatabase.families()
    assert qapp.font().family() == CJK_FONT_FAMILY
    metrics = QFontMetrics(qapp.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "红色港湾前台积分兑换")
