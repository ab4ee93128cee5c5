"""Printing layer: the evacuation roll-call (疏散点名表) — everyone on site when it was printed, one line per
check-in, with an empty box to tick by hand at the assembly point. Plain rows in, PDF bytes out; the caller
words and masks everything (this module still masks a bare 11-digit phone rather than print it)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desk.domain.people import mask_phone
from desk.printing.fonts import register_cjk_font

_BARE_PHONE = re.compile(r"^\d{11}$")


@dataclass(frozen=True)
class RollCallRow:
    who: str  # the name, or the category / platform of a visitor who gave none
    masked_phone: str
    purpose: str
    party_size: int
    arrived: str  # local time of the check-in, already formatted (e.g. 09:41)


@dataclass(frozen=True)
class RollCallLabels:
    """Every printed word, so the UI can pass them in the desk's language; Chinese by default."""

    title: str = "疏散点名表"
    printed_at: str = "打印时间：{time}"
    total: str = "在场合计 {people} 人（{visits} 条登记）"
    instructions: str = "到达集合点后逐一点名，在“到场确认”栏打勾；未到者立即报告现场负责人。"
    number: str = "序号"
    who: str = "姓名或类别"
    phone: str = "电话"
    purpose: str = "事由"
    party_size: str = "人数"
    arrived: str = "到达时间"
    present: str = "到场确认"
    total_row: str = "合计"
    nobody: str = "打印时无人在场。"
    signature: str = "点名人：__________        核对时间：__________"
    page: str = "第 {page} 页"


def render_roll_call(base_name: str, printed_at: str, rows: Sequence[RollCallRow],
                     labels: RollCallLabels | None = None) -> bytes:
    """The roll-call as an A4 PDF with the embedded CJK font; `printed_at` is already formatted."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    words = labels or RollCallLabels()
    font = register_cjk_font()
    known = pdfmetrics.getFont(font).face.charToGlyph

    def printable(value: str) -> str:
        # The embedded font lacks rare characters (𠮷) and emoji: print □ so a name visibly has a character
        # there, instead of a gap that reads as a different name.
        return _escape("".join(ch if ord(ch) in known or ch.isspace() else "□" for ch in value))

    title_style = ParagraphStyle("title", fontName=font, fontSize=17, leading=23, alignment=TA_CENTER)
    line_style = ParagraphStyle("line", fontName=font, fontSize=10, leading=14, alignment=TA_CENTER)
    note_style = ParagraphStyle("note", fontName=font, fontSize=9, leading=13, textColor=colors.HexColor("#444444"))
    # CJK word wrap: a long name breaks between characters instead of running out of its cell.
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=10, leading=13, wordWrap="CJK")

    def tick_box() -> Table:
        # An empty square to tick by hand: a one-cell table keeps its size in any row height.
        return Table([[""]], colWidths=[4.5 * mm], rowHeights=[4.5 * mm],
                     style=[("BOX", (0, 0), (-1, -1), 0.8, colors.black)])

    people = sum(row.party_size for row in rows)
    story: list[Any] = [
        Paragraph(printable(f"{base_name} {words.title}"), title_style),
        Spacer(1, 2 * mm),
        Paragraph(printable(words.printed_at.format(time=printed_at) + "    "
                          + words.total.format(people=people, visits=len(rows))), line_style),
        Spacer(1, 3 * mm),
        Paragraph(printable(words.instructions), note_style),
        Spacer(1, 3 * mm),
    ]

    header = [words.number, words.who, words.phone, words.purpose, words.party_size, words.arrived, words.present]
    data: list[list[Any]] = [[Paragraph(printable(label), cell_style) for label in header]]
    for number, row in enumerate(rows, start=1):
        data.append([str(number), Paragraph(printable(row.who), cell_style), _safe_phone(row.masked_phone),
                     Paragraph(printable(row.purpose), cell_style), str(row.party_size), row.arrived, tick_box()])
    if not rows:
        data.append(["", Paragraph(printable(words.nobody), cell_style), "", "", "", "", ""])
    data.append(["", Paragraph(printable(words.total_row), cell_style), "", "", str(people), "", ""])

    widths = [12 * mm, 52 * mm, 30 * mm, 26 * mm, 14 * mm, 22 * mm, 24 * mm]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f6f6f6")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (4, 1), (5, -1), "CENTER"),
        ("ALIGN", (6, 1), (6, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    story += [table, Spacer(1, 8 * mm), Paragraph(printable(words.signature), note_style)]

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawCentredString(A4[0] / 2, 10 * mm, words.page.format(page=doc.page))
        canvas.restoreState()

    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                                 bottomMargin=18 * mm, title=f"{base_name} {words.title}", author=base_name)
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def _safe_phone(value: str) -> str:
    # A roll-call lies on a table in public: a full number must never reach the paper, whatever the caller passed.
    return mask_phone(value) if _BARE_PHONE.match(value) else value


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
