"""Printing layer: the sign-in sheet (签到表) of a service project — A4 portrait, taken to the activity on a
clipboard: the project (title, kind, time, place, slots, how points are counted) above a table with one numbered
line per claim (masked name, member number, last four digits of the phone), a wide, tall box to sign in, an hours
box where the project counts hours, and empty numbered lines up to the number of slots for people who come without
having claimed. Staff verify completions from it afterwards. The header row repeats and every page says
"第 x 页，共 y 页" and the project's title, so a loose page is still known.

Plain values in, PDF bytes out; the caller words the kind and the points rule. Names are printed masked: a name
that arrives unmasked is masked here, and only the last four digits of a phone are ever printed."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desk.domain.people import mask_name
from desk.printing.fonts import register_cjk_font
from desk.printing.pages import CjkText, numbered_canvas

# A project open to "anyone who comes" may have hundreds of slots: past this many empty lines, more paper helps
# nobody; staff add a second sheet by hand.
BLANK_ROWS_MAX = 100


@dataclass(frozen=True)
class SignSheetRow:
    masked_name: str
    member_no: str
    phone_last4: str


@dataclass(frozen=True)
class SignSheetProject:
    title: str
    kind_label: str  # 志愿服务, 活动, 培训, 网格上报 — worded by the caller
    starts_at: dt.datetime  # timezone-aware
    ends_at: dt.datetime
    location: str
    slots: int
    points_text: str  # "每次 10 分" / "每小时 5 分，最多 4 小时" — worded by the caller
    counts_hours: bool = False  # points per hour: the sheet gets an hours column
    zone: str = "Asia/Shanghai"  # the base's zone: the times are printed in it


@dataclass(frozen=True)
class SignSheet:
    base_name: str
    project: SignSheetProject
    rows: Sequence[SignSheetRow] = ()
    printed_at: dt.datetime | None = None  # timezone-aware; printed in the project's zone


@dataclass(frozen=True)
class SignSheetLabels:
    """Every printed word, so the window can pass them in its language; Chinese by default."""

    title: str = "{title} 签到表"
    kind: str = "类型"
    time: str = "时间"
    location: str = "地点"
    slots: str = "名额"
    slots_value: str = "{slots} 人（已认领 {claimed} 人）"
    points: str = "积分"
    instructions: str = "请本人签名确认到场；未认领者在空白行登记后签名。"
    hours_note: str = "时长由工作人员核实后填写。"
    number: str = "序号"
    name: str = "姓名"
    member_no: str = "会员号"
    phone: str = "手机尾号"
    signature: str = "签到（签名）"
    hours: str = "时长（小时）"
    staff: str = "负责人：__________        核验人：__________        核验日期：__________"
    printed_at: str = "打印时间：{time}"
    page: str = "第 {page} 页，共 {pages} 页"
    same_day: str = "{day}（{weekday}）{start}–{end}"
    days: str = "{day}（{weekday}）{start} 至 {end_day}（{end_weekday}）{end}"
    weekdays: tuple[str, ...] = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

    def time_range(self, starts_at: dt.datetime, ends_at: dt.datetime) -> str:
        """The project's time in its zone: one day with a start and end time, or the two days and times."""
        start_day, end_day, end = starts_at.date(), ends_at.date(), f"{ends_at:%H:%M}"
        if ends_at.time() == dt.time(0, 0) and end_day > start_day:
            # Ending at midnight ends the day before, at 24:00, not on the next day at 00:00.
            end_day, end = end_day - dt.timedelta(days=1), "24:00"
        values = {"day": f"{start_day:%Y-%m-%d}", "weekday": self.weekdays[start_day.weekday()],
                  "start": f"{starts_at:%H:%M}", "end": end, "end_day": f"{end_day:%Y-%m-%d}",
                  "end_weekday": self.weekdays[end_day.weekday()]}
        return (self.same_day if end_day == start_day else self.days).format(**values)


def sign_sheet_pdf(sheet: SignSheet, labels: SignSheetLabels | None = None) -> bytes:
    """The sheet as an A4 portrait PDF with the embedded CJK font."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    w = labels or SignSheetLabels()
    project = sheet.project
    zone = zoneinfo.ZoneInfo(project.zone)
    font = register_cjk_font()
    text = CjkText(font)
    glyphs, printable = text.glyphs, text.printable
    page_size = A4


    title_style = ParagraphStyle("title", fontName=font, fontSize=17, leading=23, alignment=TA_CENTER,
                                 wordWrap="CJK")
    base_style = ParagraphStyle("base", fontName=font, fontSize=10, leading=14, alignment=TA_CENTER,
                                textColor=colors.HexColor("#444444"))
    note_style = ParagraphStyle("note", fontName=font, fontSize=9, leading=13, textColor=colors.HexColor("#444444"),
                                wordWrap="CJK")
    # CJK word wrap: a long title, place or name breaks between characters instead of running out of its cell.
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=10, leading=13, wordWrap="CJK")
    key_style = ParagraphStyle("key", parent=cell_style, textColor=colors.HexColor("#444444"))
    head_style = ParagraphStyle("head", parent=cell_style, alignment=TA_CENTER)

    starts_at, ends_at = project.starts_at.astimezone(zone), project.ends_at.astimezone(zone)
    facts = [
        (w.kind, project.kind_label, w.slots, w.slots_value.format(slots=project.slots, claimed=len(sheet.rows))),
        (w.time, w.time_range(starts_at, ends_at), w.points, project.points_text),
        (w.location, project.location, "", ""),
    ]
    facts_table = Table(
        [[Paragraph(printable(a), key_style), Paragraph(printable(b), cell_style),
          Paragraph(printable(c), key_style), Paragraph(printable(d), cell_style)] for a, b, c, d in facts],
        colWidths=[14 * mm, 84 * mm, 14 * mm, 62 * mm])
    facts_table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("SPAN", (1, 2), (3, 2)),  # the place may be long: it has the whole line
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))

    story: list[Any] = []
    if sheet.base_name:
        story += [Paragraph(printable(sheet.base_name), base_style), Spacer(1, 1 * mm)]
    story += [
        Paragraph(printable(w.title.format(title=project.title)), title_style),
        Spacer(1, 3 * mm),
        facts_table,
        Spacer(1, 2 * mm),
        Paragraph(printable(w.instructions + (w.hours_note if project.counts_hours else "")), note_style),
        Spacer(1, 3 * mm),
    ]

    header = [w.number, w.name, w.member_no, w.phone, w.signature]
    # 174 mm: the page's 180 mm between the margins less the frame's padding.
    # The number's column holds the longest member number there can be (16 characters).
    widths = [12 * mm, 26 * mm, 38 * mm, 20 * mm]
    if project.counts_hours:
        header.append(w.hours)
        widths += [54 * mm, 24 * mm]
    else:
        widths += [78 * mm]
    data: list[list[Any]] = [[Paragraph(printable(label), head_style) for label in header]]
    blanks = min(max(project.slots - len(sheet.rows), 0), BLANK_ROWS_MAX)
    lines = [*sheet.rows, *([None] * blanks)]
    for number, row in enumerate(lines, start=1):
        cells: list[Any] = [str(number), "", "", "", ""]
        if row is not None:
            cells[1:4] = [Paragraph(printable(_masked(row.masked_name)), cell_style), row.member_no,
                          _last4(row.phone_last4)]
        if project.counts_hours:
            cells.append("")
        data.append(cells)
    # Tall lines: a signature needs room, and a pen on a clipboard writes large (a long name makes its line
    # taller still).
    table = Table(data, colWidths=widths, minRowHeights=[0] + [11 * mm] * len(lines), repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (3, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    story += [table, Spacer(1, 8 * mm), Paragraph(printable(w.staff), note_style)]
    if sheet.printed_at is not None:
        printed = f"{sheet.printed_at.astimezone(zone):%Y-%m-%d %H:%M}"
        story += [Spacer(1, 2 * mm), Paragraph(printable(w.printed_at.format(time=printed)), note_style)]

    title = glyphs(project.title)

    def footer(canvas: Any, number: int, pages: int) -> None:
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(15 * mm, 9 * mm, _clip(title, font, 8, 120 * mm))
        canvas.drawRightString(page_size[0] - 15 * mm, 9 * mm, w.page.format(page=number, pages=pages))

    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=page_size, leftMargin=15 * mm, rightMargin=15 * mm,
                                 topMargin=14 * mm, bottomMargin=16 * mm,
                                 title=w.title.format(title=project.title), author=sheet.base_name)
    document.build(story, canvasmaker=numbered_canvas(footer))
    return out.getvalue()


def _masked(name: str) -> str:
    # A sheet lies on a table where everyone signs: a full name never reaches it, whatever the caller passed.
    return name if "*" in name else mask_name(name)


def _last4(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    return digits[-4:]


def _clip(text: str, font: str, size: float, width: float) -> str:
    """`text` shortened with an ellipsis to fit `width` points (a footer line has no room to wrap)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


__all__ = ["BLANK_ROWS_MAX", "SignSheet", "SignSheetLabels", "SignSheetProject", "SignSheetRow", "sign_sheet_pdf"]
