"""Printing layer: the 结算单 (merchant settlement statement) — an A4 portrait PDF for the base and the merchant to
sign: the base, the merchant (plaque number and contact when known), the period, when and by whom it was settled
(or 预览（未结算） in red on every page when it is only a preview), one line per voucher (serial code, reward,
masked member, issued and redeemed times in the base's zone, who redeemed it, points, face value), a totals row,
signature lines for the base and the merchant, and the header row and "第 x 页，共 y 页" on every page. The same
figures as an Excel workbook with numbers and times typed. Every word comes from `SettlementLabels`, Chinese by
default; the window passes them in its language. Members come in already masked (desk.services.settlements)."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desk.domain.periods import Period, PeriodKind
from desk.domain.vouchers import yuan
from desk.printing.fonts import register_cjk_font
from desk.printing.pages import CjkText, numbered_canvas, page_tables, split_rows
from desk.printing.points_notice import PeriodWords

if TYPE_CHECKING:
    from desk.services.settlements import SettlementStatement

_XLSX_WIDTHS = (11, 13, 28, 10, 18, 18, 12, 9, 12)  # characters, in the order of the columns
_XLSX_TIME = "yyyy-mm-dd hh:mm"
_XLSX_MONEY = "#,##0.00"
_FONT_SIZE = 9
_PAD = 3  # points above and below a cell's text
_SIDE_PAD = 4  # points left and right of it
_PREVIEW_RED = "#b3261e"
_SPACE_RUN = re.compile(r" {2,}")


@dataclass(frozen=True)
class SettlementLabels:
    """Every printed word of the statement and its workbook. `{...}` are filled in by this module."""

    title: str = "{base} 联盟商家结算单"
    preview_mark: str = "预览（未结算）"
    preview_note: str = "此为预览，尚未结算，不作结算凭证。"
    merchant: str = "商家：{merchant}"
    plaque: str = "牌匾编号：{plaque}"
    contact: str = "联系人：{contact}"
    period_line: str = "结算期间：{period}"
    range: str = "（{start} 至 {end}）"  # after a month, quarter or year; a custom period already says it
    number_line: str = "结算单号：{number}"
    settled_line: str = "结算时间：{at}　经办：{by}"
    generated: str = "生成时间：{at}"
    number: str = "序号"
    code: str = "券号"
    reward: str = "兑换项目"
    member: str = "会员"
    issued: str = "兑换时间"
    redeemed: str = "核销时间"
    redeemed_by: str = "核销人"
    points: str = "积分"
    face_value: str = "面值（元）"
    no_value: str = "—"  # a reward without a cash value
    total_row: str = "合计 {count} 张"
    total_label: str = "合计（张）"  # the workbook's: the count stands beside it as a number
    nobody: str = "本期没有待结算的兑换券。"
    base_signature: str = "基地经办人（签字）：________________　　日期：____________"
    merchant_signature: str = "商家确认（签字/盖章）：________________　　日期：____________"
    page: str = "第 {page} 页，共 {pages} 页"
    sheet: str = "结算单"
    period: PeriodWords = field(default_factory=PeriodWords)

    def period_text(self, period: Period) -> str:
        text = self.period_line.format(period=self.period.text(period))
        if period.kind is not PeriodKind.CUSTOM:
            text += self.range.format(start=f"{period.start:%Y-%m-%d}", end=f"{period.end:%Y-%m-%d}")
        return text

    def header(self) -> list[str]:
        return [self.number, self.code, self.reward, self.member, self.issued, self.redeemed, self.redeemed_by,
                self.points, self.face_value]


def statement_number(settlement_id: int) -> str:
    """The number printed on a settled statement (JS000012): the same on the PDF, the workbook and the window."""
    return f"JS{settlement_id:06d}"


def _lines(statement: SettlementStatement, w: SettlementLabels) -> list[str]:
    """The lines under the title: who, which period, and whether it was settled."""
    row = statement.settlement
    who = [w.merchant.format(merchant=statement.merchant_name)]
    if statement.plaque_no:
        who.append(w.plaque.format(plaque=statement.plaque_no))
    if statement.contact_person:
        who.append(w.contact.format(contact=statement.contact_person))
    lines = ["\u3000\u3000".join(who), w.period_text(row.period)]
    if row.id is not None and statement.settled_at is not None:
        lines.append(w.number_line.format(number=statement_number(row.id)) + "\u3000\u3000"
                     + w.settled_line.format(at=f"{statement.settled_at:%Y-%m-%d %H:%M}",
                                             by=statement.settled_by or "—"))
    else:
        lines.append(w.generated.format(at=f"{statement.generated_at:%Y-%m-%d %H:%M}"))
    return lines


def settlement_pdf(statement: SettlementStatement, labels: SettlementLabels | None = None) -> bytes:
    """The statement as an A4 portrait PDF with the embedded CJK font."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        TableStyle,
    )

    w = labels or SettlementLabels()
    font = register_cjk_font()
    text = CjkText(font)
    glyphs, printable = text.glyphs, text.printable
    page_size, side, top, bottom = A4, 15 * mm, 15 * mm, 18 * mm
    row = statement.settlement
    zone = statement.zone


    def spaced(value: str) -> str:
        # A paragraph prints an ideographic space or a run of spaces as one narrow space: keep their width with
        # non-breaking spaces, so the parts of a line and the signature blanks stand apart in every language.
        text = printable(value).replace("\u3000", "&nbsp;" * 3)
        return _SPACE_RUN.sub(lambda run: "&nbsp;" * len(run.group()), text)

    title_style = ParagraphStyle("title", fontName=font, fontSize=18, leading=24, alignment=TA_CENTER)
    mark_style = ParagraphStyle("mark", fontName=font, fontSize=14, leading=20, alignment=TA_CENTER,
                                textColor=colors.HexColor(_PREVIEW_RED))
    line_style = ParagraphStyle("line", fontName=font, fontSize=10.5, leading=16, alignment=TA_LEFT)
    sign_style = ParagraphStyle("sign", fontName=font, fontSize=11, leading=18, alignment=TA_LEFT)
    # CJK word wrap: a long reward title or name breaks between characters instead of running out of its cell.
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=_FONT_SIZE, leading=_FONT_SIZE * 1.2,
                                wordWrap="CJK")
    head_style = ParagraphStyle("head", parent=cell_style, alignment=TA_CENTER)

    title = w.title.format(base=statement.base_name)
    intro: list[Any] = [Paragraph(printable(title), title_style)]
    if statement.preview:
        intro.append(Paragraph(printable(w.preview_mark), mark_style))
    intro.append(Spacer(1, 3 * mm))
    intro += [Paragraph(spaced(text), line_style) for text in _lines(statement, w)]
    intro.append(Spacer(1, 3 * mm))

    times = [t for v in row.vouchers for t in (v.issued_at, v.redeemed_at) if t is not None]
    years = {t.astimezone(zone).year for t in times} | {row.period.start.year, row.period.end.year}
    # Within one year (the period line names it) a time without its year leaves the reward title room;
    # a statement that crosses a new year keeps the years, so no date can be misread.
    time_format = "%m-%d %H:%M" if len(years) == 1 else "%Y-%m-%d %H:%M"
    time_width = (21 if len(years) == 1 else 28) * mm
    # 174 mm: the page's 180 mm between the margins less the frame's padding; the reward title takes the rest.
    fixed = [10 * mm, 20 * mm, None, 16 * mm, time_width, time_width, 22 * mm, 12 * mm, 19 * mm]
    widths: list[float] = [width if width is not None else 174 * mm - sum(x or 0 for x in fixed) for width in fixed]

    def fitted(value: str, width: float) -> Any:
        # Plain text where it fits on one line (almost always), a wrapping paragraph where it does not: a
        # paragraph per cell would make a large statement many times slower.
        text = glyphs(value)
        return text if stringWidth(text, font, _FONT_SIZE) <= width - 2 * _SIDE_PAD else \
            Paragraph(printable(value), cell_style)

    def moment(value: dt.datetime | None) -> str:
        return "" if value is None else f"{value.astimezone(zone):{time_format}}"

    header = [Paragraph(printable(label), head_style) for label in w.header()]
    body: list[list[Any]] = [
        [str(number), voucher.code, fitted(voucher.reward_title, widths[2]), fitted(voucher.masked_name, widths[3]),
         moment(voucher.issued_at), moment(voucher.redeemed_at), fitted(voucher.redeemed_by, widths[6]),
         str(voucher.points), yuan(voucher.face_value_fen) if voucher.face_value_fen is not None else w.no_value]
        for number, voucher in enumerate(row.vouchers, start=1)]
    if not row.vouchers:
        body.append([Paragraph(printable(w.nobody), cell_style), "", "", "", "", "", "", "", ""])
    body.append([Paragraph(printable(w.total_row.format(count=row.count)), cell_style), "", "", "", "", "", "",
                 str(row.points), "¥" + yuan(row.face_value_fen)])

    def style(lines: int, last: bool) -> TableStyle:
        """The grid of a page's table: the header row, then `lines` rows, the totals row last on the last."""
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), font, _FONT_SIZE),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 1), (1, -1), "CENTER"),
            ("ALIGN", (3, 1), (5, -1), "CENTER"),
            ("ALIGN", (7, 1), (-1, -1), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), _SIDE_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _SIDE_PAD),
            ("TOPPADDING", (0, 0), (-1, -1), _PAD),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD),
        ]
        if last:
            commands += [("BACKGROUND", (0, lines), (-1, lines), colors.HexColor("#f6f6f6")),
                         ("SPAN", (0, lines), (6, lines))]
        if not row.vouchers:
            commands.append(("SPAN", (0, 1), (-1, 1)))
        return TableStyle(commands)

    # One table per page, cut here, with every row's height worked out here: reportlab measures a table's rows
    # and splits a long table in time that grows with the square of its rows (see desk.printing.points_notice).
    frame_width = page_size[0] - 2 * side - 12
    frame_height = page_size[1] - top - bottom - 12
    line = _FONT_SIZE * 1.2 + 2 * _PAD  # reportlab's leading for plain text in a cell, and the padding

    def height(cells: list[Any], cell_widths: list[float]) -> float:
        tallest = line
        for cell, width in zip(cells, cell_widths, strict=True):
            if isinstance(cell, Paragraph):
                tallest = max(tallest, cell.wrap(width - 2 * _SIDE_PAD, frame_height)[1] + 2 * _PAD)
        return tallest

    header_height = height(header, widths)
    heights = [height(cells, widths) for cells in body[:-1]] if row.vouchers else \
        [height([body[0][0]], [sum(widths)])]
    heights.append(height([body[-1][0]], [sum(widths[:7])]))
    first_room = frame_height - sum(item.wrap(frame_width, frame_height)[1] for item in intro) - header_height - 1
    pages = split_rows(body, heights, first_room, frame_height - header_height - 1)
    story = [*intro, *page_tables(header, pages, widths, header_height, style)]
    # The signatures stay together, on the last table's page when they fit, else on a page of their own.
    signatures: list[Any] = [Spacer(1, 12 * mm), Paragraph(spaced(w.base_signature), sign_style),
                             Spacer(1, 10 * mm), Paragraph(spaced(w.merchant_signature), sign_style)]
    story.append(KeepTogether(signatures))

    period_text = w.period.text(row.period)
    footer_left = glyphs(f"{statement.merchant_name} · {period_text}")
    # A long merchant name is cut short rather than run into the page number on the right.
    footer_room = page_size[0] - 2 * side - stringWidth(w.page.format(page=999, pages=999), font, 9) - 6 * mm
    while len(footer_left) > 1 and stringWidth(footer_left, font, 9) > footer_room:
        footer_left = footer_left[:-2] + "…"

    def footer(canvas: Any, number: int, pages: int) -> None:
        # A statement is filed sheet by sheet: each names the merchant and period, and a preview says so on
        # every sheet.
        canvas.setFont(font, 9)
        canvas.setFillColor(colors.HexColor("#333333"))
        canvas.drawString(side, 10 * mm, footer_left)
        canvas.drawRightString(page_size[0] - side, 10 * mm, w.page.format(page=number, pages=pages))
        if statement.preview:
            canvas.setFillColor(colors.HexColor(_PREVIEW_RED))
            canvas.drawCentredString(page_size[0] / 2, page_size[1] - 9 * mm,
                                   glyphs(w.preview_mark + "　" + w.preview_note))

    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=page_size, leftMargin=side, rightMargin=side, topMargin=top,
                                 bottomMargin=bottom, title=f"{title} {statement.merchant_name} {period_text}",
                                 author=statement.base_name)
    document.build(story, canvasmaker=numbered_canvas(footer))
    return out.getvalue()


def settlement_xlsx(statement: SettlementStatement, labels: SettlementLabels | None = None) -> bytes:
    """The statement as an .xlsx workbook: title lines, the header (frozen with the titles above it), one row per
    voucher with points as whole numbers, face values in yuan as numbers and times as Excel date-times in the
    base's zone, and a totals row."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    w = labels or SettlementLabels()
    row = statement.settlement
    zone = statement.zone
    book = Workbook(write_only=True)
    sheet = book.create_sheet(w.sheet)
    titles = [w.title.format(base=statement.base_name), *_lines(statement, w)]
    if statement.preview:
        titles.insert(1, w.preview_mark + "　" + w.preview_note)
    header_row = len(titles) + 1
    sheet.freeze_panes = f"A{header_row + 1}"
    for index, width in enumerate(_XLSX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="EEEEEE")

    def cell(value: object, *, font: Font | None = None, filled: bool = False, number_format: str = "",
             ) -> WriteOnlyCell:
        made = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            made.data_type = "s"  # a title typed as "=..." stays text, never a formula Excel would run
        if font is not None:
            made.font = font
        if filled:
            made.fill = fill
        if number_format:
            made.number_format = number_format
        return made

    def moment(value: dt.datetime | None) -> WriteOnlyCell:
        # Excel has no time zones: the local time of the base, as on the printed statement.
        local = None if value is None else value.astimezone(zone).replace(tzinfo=None)
        return cell(local, number_format=_XLSX_TIME)

    def money(fen: int | None, font: Font | None = None) -> WriteOnlyCell:
        return cell(None if fen is None else Decimal(fen) / 100, font=font, number_format=_XLSX_MONEY)

    for number, text in enumerate(titles):
        red = statement.preview and number == 1
        sheet.append([cell(text, font=Font(bold=True, size=14) if number == 0 else
                           Font(bold=True, color="B3261E") if red else None)])
    header = []
    for text in w.header():
        title = cell(text, font=bold, filled=True)
        title.alignment = Alignment(horizontal="center")
        header.append(title)
    sheet.append(header)
    for number, voucher in enumerate(row.vouchers, start=1):
        sheet.append([cell(number), cell(voucher.code), cell(voucher.reward_title), cell(voucher.masked_name),
                      moment(voucher.issued_at), moment(voucher.redeemed_at), cell(voucher.redeemed_by),
                      cell(voucher.points), money(voucher.face_value_fen)])
    if not row.vouchers:
        sheet.append([cell(None), cell(w.nobody)])
    sheet.append([cell(w.total_label, font=bold), cell(row.count, font=bold), *[cell(None)] * 5,
                  cell(row.points, font=bold), money(row.face_value_fen, bold)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = ["SettlementLabels", "settlement_pdf", "settlement_xlsx", "statement_number"]
