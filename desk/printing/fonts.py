"""Printing layer: the bundled CJK font, registered once per process and embedded in every PDF, so Chinese
renders the same in any viewer and on any printer (reportlab's built-in CID fonts are not embedded)."""

from __future__ import annotations

from functools import cache

from desk.resources import CJK_FONT_FILE

PDF_FONT = "DeskCJK"


@cache
def register_cjk_font() -> str:
    """Register the font with reportlab (≈70 ms, once) and return its name for canvas.setFont / styles."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(PDF_FONT, str(CJK_FONT_FILE), subfontIndex=0))
    return PDF_FONT
