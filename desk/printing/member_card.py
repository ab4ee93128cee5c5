"""Printing layer: the 红色积分 member card slip — printed on the desk's 80 mm receipt printer when a person joins
(or loses their card): the base, the masked name, the member number in large type and the card's QR code, which
the desk's USB scanner reads at check-in, bookings, claims and exchanges. The page is as tall as its content.

The QR code is reportlab's own (`reportlab.graphics.barcode.qr`): it is drawn as vector squares, so it stays sharp
at any printer resolution, and it needs nothing beyond reportlab, which every PDF here already uses."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from desk.domain.people import mask_name
from desk.domain.points import member_code
from desk.printing.fonts import register_cjk_font

SLIP_WIDTH_MM = 80.0
MARGIN_MM = 4.0  # receipt printers leave about 4 mm unprinted on each side
QR_MODULES_MM = 34.0  # the code itself, without its quiet zone: ≥ 30 mm reads at a glance with any USB scanner
QR_QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
QR_LEVEL = "M"  # 15 % of the code may be smudged or creased (a card lives in a wallet)


@dataclass(frozen=True)
class MemberCard:
    base_name: str
    name: str  # the full name: the slip prints it masked
    number: str
    joined_on: dt.date


@dataclass(frozen=True)
class CardLabels:
    """Every printed word, so the window can pass them in its language; Chinese by default."""

    title: str = "红色积分会员卡"
    name: str = "会员：{name}"
    number: str = "会员号"
    joined: str = "入会日期：{date}"
    hint: str = "凭此卡在前台签到、预约、认领项目与兑换积分"


def member_card_pdf(card: MemberCard, labels: CardLabels | None = None) -> bytes:
    """The card as a PDF page 80 mm wide, with the embedded CJK font."""
    from reportlab.graphics.barcode.qr import QrCode
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import (
        BaseDocTemplate,
        Flowable,
        Frame,
        HRFlowable,
        PageTemplate,
        Paragraph,
        Spacer,
    )

    words = labels or CardLabels()
    font = register_cjk_font()
    known = pdfmetrics.getFont(font).face.charToGlyph
    width = SLIP_WIDTH_MM * mm
    inner = width - 2 * MARGIN_MM * mm

    def printable(value: str) -> str:
        # The embedded font lacks rare characters (𠮷) and emoji: print □ so a name visibly has a character
        # there, instead of a gap that reads as a different name.
        text = "".join(ch if ord(ch) in known or ch.isspace() else "□" for ch in value)
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def rule() -> HRFlowable:
        return HRFlowable(width=inner, thickness=0.6, color=colors.HexColor("#555555"), dash=(2, 2),
                          spaceBefore=0, spaceAfter=0)

    def style(name: str, size: float, color: str = "#000000") -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.3, alignment=TA_CENTER,
                              wordWrap="CJK", textColor=colors.HexColor(color))

    # The number is what staff read out and type when a scanner fails: as large as the slip allows.
    number_size = 24.0
    while number_size > 12 and pdfmetrics.stringWidth(card.number, font, number_size) > inner:
        number_size -= 1

    qr = QrCode(member_code(card.number), qrLevel=QR_LEVEL, qrBorder=QR_QUIET_ZONE)
    qr.qr.make()
    modules = qr.qr.getModuleCount()
    qr.width = qr.height = QR_MODULES_MM * mm * (modules + 2 * QR_QUIET_ZONE) / modules
    qr.hAlign = "CENTER"

    story: list[Flowable] = [
        Paragraph(printable(card.base_name), style("base", 10, "#333333")),
        Spacer(1, 1.5 * mm),
        Paragraph(printable(words.title), style("title", 16)),
        Spacer(1, 1 * mm),
        rule(),
        Spacer(1, 2 * mm),
        Paragraph(printable(words.name.format(name=mask_name(card.name))), style("name", 12)),
        Spacer(1, 1.5 * mm),
        Paragraph(printable(words.number), style("number_label", 9, "#444444")),
        Paragraph(printable(card.number), style("number", number_size)),
        qr,
        Paragraph(printable(words.joined.format(date=f"{card.joined_on:%Y-%m-%d}")), style("joined", 10)),
        Spacer(1, 2 * mm),
        rule(),
        Spacer(1, 1.5 * mm),
        Paragraph(printable(words.hint), style("hint", 9, "#333333")),
    ]
    # The page is cut to the content: measure it first (wrap is cheap), plus a little slack so rounding never
    # pushes the last line onto a second slip.
    height = sum(item.wrap(inner, 1000 * mm)[1] for item in story) + 2 * MARGIN_MM * mm + 2 * mm

    out = io.BytesIO()
    # A frame without padding: the measured height is exactly what the page needs.
    frame = Frame(MARGIN_MM * mm, MARGIN_MM * mm, inner, height - 2 * MARGIN_MM * mm, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    document = BaseDocTemplate(out, pagesize=(width, height), pageTemplates=[PageTemplate("slip", [frame])],
                               title=f"{words.title} {card.number}", author=card.base_name)
    document.build(story)
    return out.getvalue()


__all__ = ["CardLabels", "MemberCard", "member_card_pdf"]
