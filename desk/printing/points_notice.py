"""Printing layer: the 积分公示 (points notice) — for the notice board an A4 PDF (title, period, one line per
member: masked name, last four digits of the phone, member number, earned, used, balance at the end; a totals row;
the header row and a footer with the objection line and "第 x 页，共 y 页" on every page), and the same figures as
an Excel workbook for the report upward. Every word comes from `NoticeLabels`, Chinese by default; the window
passes them in its language. The notice comes in already masked (see desk.services.points_notice)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desk.domain.periods import Period, PeriodKind
from desk.printing.fonts import register_cjk_font
from desk.printing.pages import CjkText, numbered_canvas, page_tables, split_rows

if TYPE_CHECKING:
    from desk.services.points_notice import PointsNotice

_XLSX_WIDTHS = (8, 14, 11, 16, 12, 12, 12)  # characters, in the order of the columns
_PAD = 3  # points above and below a cell's text
_SIDE_PAD = 6  # points left and right of it


@dataclass(frozen=True)
class PeriodWords:
    """How a period is named; `{year}`, `{month}`, `{quarter}`, `{start}`, `{end}` are filled in."""

    month: str = "{year}年{month}月"
    quarter: str = "{year}年第{quarter}季度"
    year: str = "{year}年"
    custom: str = "{start} 至 {end}"

    def text(self, period: Period) -> str:
        parts = period.parts()
        template = {PeriodKind.MONTH: self.month, PeriodKind.QUARTER: self.quarter, PeriodKind.YEAR: self.year,
                    PeriodKind.CUSTOM: self.custom}[parts.kind]
        return template.format(year=parts.year, month=parts.number, quarter=parts.number,
                               start=f"{period.start:%Y-%m-%d}", end=f"{period.end:%Y-%m-%d}")


@dataclass(frozen=True)
class NoticeLabels:
    """Every printed word of the notice and its workbook. `{...}` are filled in by this module."""

    title: str = "{base} 红色积分公示"
    period_line: str = "统计期间：{period}"
    range: str = "（{start} 至 {end}）"  # after a month, quarter or year; a custom period already says it
    generated: str = "生成日期：{date}"
    number: str = "序号"
    name: str = "姓名"
    phone: str = "手机尾号"
    member_no: str = "会员号"
    earned: str = "本期获得"
    spent: str = "本期使用"
    balance: str = "期末余额"
    total_row: str = "合计（{members} 人）"
    nobody: str = "本期没有积分变动。"
    board: str = "公示期 7 天，如有异议请联系前台。"
    issuer: str = "公示单位：{base}"
    page: str = "第 {page} 页，共 {pages} 页"
    sheet: str = "积分公示"
    period: PeriodWords = field(default_factory=PeriodWords)

    def period_text(self, period: Period) -> str:
        text = self.period_line.format(period=self.period.text(period))
        if period.kind is not PeriodKind.CUSTOM:
            text += self.range.format(start=f"{period.start:%Y-%m-%d}", end=f"{period.end:%Y-%m-%d}")
        return text

    def header(self) -> list[str]:
        return [self.number, self.name, self.phone, self.member_no, self.earned, self.spent, self.balance]


def points_notice_pdf(notice: PointsNotice, labels: NoticeLabels | None = None) -> bytes:
    """The notice as an A4 portrait PDF with the embedded CJK font."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle

    w = labels or NoticeLabels()
    font = register_cjk_font()
    text = CjkText(font)
    glyphs, printable = text.glyphs, text.printable
    page_size, side, top, bottom = A4, 15 * mm, 15 * mm, 18 * mm

    title_style = ParagraphStyle("title", fontName=font, fontSize=18, leading=24, alignment=TA_CENTER)
    line_style = ParagraphStyle("line", fontName=font, fontSize=10.5, leading=15, alignment=TA_CENTER)
    issuer_style = ParagraphStyle("issuer", fontName=font, fontSize=10.5, leading=16, alignment=TA_RIGHT)
    # CJK word wrap: a long name or label breaks between characters instead of running out of its cell.
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=10, leading=13, wordWrap="CJK")
    head_style = ParagraphStyle("head", parent=cell_style, alignment=TA_CENTER)

    generated = f"{notice.generated_at:%Y-%m-%d}"
    title = w.title.format(base=notice.base_name)
    intro: list[Any] = [
        Paragraph(printable(title), title_style),
        Spacer(1, 2 * mm),
        # An ideographic space: a paragraph collapses ordinary ones.
        Paragraph(printable(w.period_text(notice.period) + "\u3000\u3000" + w.generated.format(date=generated)),
                  line_style),
        Spacer(1, 4 * mm),
    ]
    # 174 mm: the page's 180 mm between the margins less the frame's padding.
    # The number's column holds the longest member number there can be (16 characters).
    widths = [14 * mm, 28 * mm, 20 * mm, 38 * mm, 24 * mm, 24 * mm, 26 * mm]
    name_room = widths[1] - 2 * _SIDE_PAD

    def name_cell(value: str) -> Any:
        # Plain text where the name fits on one line (almost always), a wrapping paragraph where it does not:
        # a paragraph per row would make a district's notice many times slower.
        text = glyphs(value)
        return text if stringWidth(text, font, 10) <= name_room else Paragraph(printable(value), cell_style)

    header = [Paragraph(printable(label), head_style) for label in w.header()]
    body: list[list[Any]] = [
        [str(number), name_cell(row.masked_name), row.phone_last4, row.member_no, str(row.earned), str(row.spent),
         str(row.balance)]
        for number, row in enumerate(notice.rows, start=1)]
    if not notice.rows:
        body.append([Paragraph(printable(w.nobody), cell_style), "", "", "", "", "", ""])
    totals = notice.totals
    body.append([Paragraph(printable(w.total_row.format(members=totals.members)), cell_style), "", "", "",
                 str(totals.earned), str(totals.spent), str(totals.balance)])

    def style(lines: int, last: bool) -> TableStyle:
        """The grid of a page's table: the header row, then `lines` rows, the totals row last on the last."""
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), font, 10),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
            ("ALIGN", (2, 1), (3, -1), "CENTER"),
            ("ALIGN", (4, 1), (-1, -1), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), _SIDE_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _SIDE_PAD),
            ("RIGHTPADDING", (4, 1), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), _PAD),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD),
        ]
        if last:
            commands += [("BACKGROUND", (0, lines), (-1, lines), colors.HexColor("#f6f6f6")),
                         ("SPAN", (0, lines), (3, lines))]
        if not notice.rows:
            commands.append(("SPAN", (0, 1), (-1, 1)))
        return TableStyle(commands)

    # One table per page, cut here, with every row's height worked out here: reportlab measures a table's rows
    # and splits a long table in time that grows with the square of its rows — minutes for a notice of thousands
    # of members. Cells are one line of text, except a name, the "nobody" line and the totals label, which wrap.
    frame_width = page_size[0] - 2 * side - 12
    frame_height = page_size[1] - top - bottom - 12
    line = 10 * 1.2 + 2 * _PAD  # reportlab's leading for plain text in a 10 pt cell, and the padding

    def height(cell: Any, width: float) -> float:
        if isinstance(cell, Paragraph):
            return max(line, cell.wrap(width - 2 * _SIDE_PAD, frame_height)[1] + 2 * _PAD)
        return line

    header_height = max(height(cell, width) for cell, width in zip(header, widths, strict=True))
    if notice.rows:
        heights = [height(row[1], widths[1]) for row in body[:-1]]
    else:
        heights = [height(body[0][0], sum(widths))]
    heights.append(height(body[-1][0], sum(widths[:4])))
    first_room = frame_height - sum(item.wrap(frame_width, frame_height)[1] for item in intro) - header_height - 1
    pages = split_rows(body, heights, first_room, frame_height - header_height - 1)
    story = [*intro, *page_tables(header, pages, widths, header_height, style)]
    story += [Spacer(1, 8 * mm),
              Paragraph(printable(w.issuer.format(base=notice.base_name)), issuer_style),
              Paragraph(printable(generated), issuer_style)]

    def footer(canvas: Any, number: int, pages: int) -> None:
        # A notice is pinned up sheet by sheet: each carries the objection line and its page number.
        canvas.setFont(font, 9)
        canvas.setFillColor(colors.HexColor("#333333"))
        canvas.drawString(15 * mm, 10 * mm, glyphs(w.board))
        canvas.drawRightString(page_size[0] - 15 * mm, 10 * mm, w.page.format(page=number, pages=pages))

    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=page_size, leftMargin=side, rightMargin=side, topMargin=top,
                                 bottomMargin=bottom,
                                 title=f"{title} {w.period.text(notice.period)}", author=notice.base_name)
    document.build(story, canvasmaker=numbered_canvas(footer))
    return out.getvalue()


def points_notice_xlsx(notice: PointsNotice, labels: NoticeLabels | None = None) -> bytes:
    """The notice as an .xlsx workbook: two title rows, the header (frozen with the titles above it), one row per
    member with the figures as whole numbers, a totals row."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    w = labels or NoticeLabels()
    # Write-only: a district's notice of tens of thousands of members is streamed, not held as cell objects.
    book = Workbook(write_only=True)
    sheet = book.create_sheet(w.sheet)
    sheet.freeze_panes = "A4"
    for index, width in enumerate(_XLSX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="EEEEEE")

    def cell(value: object, *, font: Font | None = None, filled: bool = False) -> WriteOnlyCell:
        made = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            made.data_type = "s"  # a name or number typed as "=..." stays text, never a formula Excel would run
        if font is not None:
            made.font = font
        if filled:
            made.fill = fill
        return made

    generated = f"{notice.generated_at:%Y-%m-%d}"
    sheet.append([cell(w.title.format(base=notice.base_name), font=Font(bold=True, size=14))])
    sheet.append([cell(w.period_text(notice.period) + "  " + w.generated.format(date=generated))])
    header = []
    for text in w.header():
        title = cell(text, font=bold, filled=True)
        title.alignment = Alignment(horizontal="center")
        header.append(title)
    sheet.append(header)
    for number, row in enumerate(notice.rows, start=1):
        sheet.append([cell(number), cell(row.masked_name), cell(row.phone_last4), cell(row.member_no),
                      cell(row.earned), cell(row.spent), cell(row.balance)])
    if not notice.rows:
        sheet.append([cell(None), cell(w.nobody)])
    totals = notice.totals
    sheet.append([cell(None), cell(w.total_row.format(members=totals.members), font=bold), cell(None), cell(None),
                  cell(totals.earned, font=bold), cell(totals.spent, font=bold), cell(totals.balance, font=bold)])
    sheet.append([])
    sheet.append([cell(None), cell(w.board)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = ["NoticeLabels", "PeriodWords", "points_notice_pdf", "points_notice_xlsx"]
