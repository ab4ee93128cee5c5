"""Printing layer: the daily visit register (到访登记台账) — the day's visits in check-in order on A4 landscape,
in the layout bases file on paper: 日期, 姓名, 电话, 类别, 事由, 到达, 离开, 经办人. The header repeats on every
page and each page is numbered "第 x 页，共 y 页". Also the words every visit export uses (`VisitWords`), Chinese
by default; the window passes them in its language."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desk.domain.people import ALL_STATION_SERVICES, StationService, mask_phone
from desk.printing.fonts import register_cjk_font
from desk.printing.pages import CjkText, numbered_canvas

if TYPE_CHECKING:
    from desk.services.visit_log import RegisterRow

_BARE_PHONE = re.compile(r"1[3-9]\d{9}")

CATEGORY_WORDS = {"party_member": "党员", "resident": "群众", "new_employment": "新就业群体",
                  "merchant_staff": "商户", "volunteer": "志愿者"}
PURPOSE_WORDS = {"reading": "阅读", "nursing": "母婴室", "charging": "充电", "legal_aid": "法律咨询", "rest": "休息",
                 "meeting": "会议活动", "enquiry": "办事咨询", "other": "其他"}
PLATFORM_WORDS = {"meituan": "美团", "eleme": "饿了么", "sf": "顺丰", "jd": "京东", "didi": "滴滴",
                  "other": "其他平台"}
SERVICE_WORDS = {StationService.HOT_WATER: "热水", StationService.MICROWAVE: "微波炉", StationService.REST: "休息",
                 StationService.CHARGING: "充电", StationService.TOILET: "卫生间"}
CHECKOUT_WORDS = {"manual": "手动", "automatic": "闭馆自动"}


@dataclass(frozen=True)
class VisitWords:
    """Every word of the register and of the XLSX/CSV exports. `{...}` are filled in by this module."""

    title: str = "到访登记台账"
    date_line: str = "日期：{day}"
    total: str = "共 {visits} 条登记，合计 {people} 人次"
    nobody: str = "当日没有到访登记。"
    page: str = "第 {page} 页，共 {pages} 页"
    anonymous: str = "（{what}）"  # the name column of a visitor who gave no name
    group: str = "{name} 等 {count} 人"  # the name column of a party of several
    automatic: str = "{time} 自动"  # a check-out made by the closing-time rule
    sheet: str = "到访记录"
    day: str = "日期"
    name: str = "姓名"
    phone: str = "电话"
    category: str = "类别"
    platform: str = "平台"
    purpose: str = "事由"
    party_size: str = "人数"
    arrived: str = "到达"
    left: str = "离开"
    minutes: str = "时长（分钟）"
    checkout_kind: str = "离开方式"
    services: str = "驿站服务"
    staff: str = "经办人"
    categories: Mapping[str, str] = field(default_factory=lambda: dict(CATEGORY_WORDS))
    purposes: Mapping[str, str] = field(default_factory=lambda: dict(PURPOSE_WORDS))
    platforms: Mapping[str, str] = field(default_factory=lambda: dict(PLATFORM_WORDS))
    station_services: Mapping[int, str] = field(default_factory=lambda: {int(k): v for k, v in SERVICE_WORDS.items()})
    checkout_kinds: Mapping[str, str] = field(default_factory=lambda: dict(CHECKOUT_WORDS))

    def category_of(self, row: RegisterRow) -> str:
        return self.categories.get(row.category.value, row.category.value)

    def purpose_of(self, row: RegisterRow) -> str:
        return self.purposes.get(row.purpose.value, row.purpose.value)

    def platform_of(self, row: RegisterRow) -> str:
        return self.platforms.get(row.platform.value, row.platform.value) if row.platform else ""

    def services_of(self, row: RegisterRow) -> str:
        return "、".join(self.station_services.get(int(s), str(int(s))) for s in ALL_STATION_SERVICES
                        if row.services & s)

    def checkout_of(self, row: RegisterRow) -> str:
        return self.checkout_kinds.get(row.checkout_kind.value, "") if row.checkout_kind else ""

    def who(self, row: RegisterRow, with_party: bool = False) -> str:
        """The name, or for a visitor who gave none the platform (couriers) or the category, in brackets."""
        text = row.name or self.anonymous.format(what=self.platform_of(row) or self.category_of(row))
        if with_party and row.party_size > 1:
            text = self.group.format(name=text, count=row.party_size)
        return text


def render_register(base_name: str, day: str, rows: Sequence[RegisterRow], words: VisitWords | None = None,
                    ) -> bytes:
    """The register of one day as an A4 landscape PDF with the embedded CJK font; `day` is already formatted."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    w = words or VisitWords()
    font = register_cjk_font()
    text = CjkText(font)
    glyphs, printable = text.glyphs, text.printable
    page_size = landscape(A4)


    title_style = ParagraphStyle("title", fontName=font, fontSize=17, leading=23, alignment=TA_CENTER)
    line_style = ParagraphStyle("line", fontName=font, fontSize=10, leading=14, alignment=TA_CENTER)
    # CJK word wrap: a long name breaks between characters instead of running out of its cell.
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=9.5, leading=12, wordWrap="CJK")

    people = sum(row.party_size for row in rows)
    story: list[Any] = [
        Paragraph(printable(f"{base_name} {w.title}"), title_style),
        Spacer(1, 2 * mm),
        # An ideographic space: a paragraph collapses ordinary ones.
        Paragraph(printable(w.date_line.format(day=day) + "\u3000\u3000"
                            + w.total.format(visits=len(rows), people=people)), line_style),
        Spacer(1, 4 * mm),
    ]
    header = [w.day, w.name, w.phone, w.category, w.purpose, w.arrived, w.left, w.staff]
    data: list[list[Any]] = [[Paragraph(printable(label), cell_style) for label in header]]
    for row in rows:
        left = ""
        if row.checked_out_at is not None:
            left = f"{row.checked_out_at:%H:%M}"
            if row.checkout_kind is not None and row.checkout_kind.value == "automatic":
                left = w.automatic.format(time=left)
        data.append([
            f"{row.day:%Y-%m-%d}", Paragraph(printable(w.who(row, with_party=True)), cell_style),
            _masked(row.masked_phone), Paragraph(printable(w.category_of(row)), cell_style),
            Paragraph(printable(w.purpose_of(row)), cell_style), f"{row.checked_in_at:%H:%M}",
            Paragraph(printable(left), cell_style), Paragraph(printable(row.staff_name), cell_style),
        ])
    if not rows:
        data.append(["", Paragraph(printable(w.nobody), cell_style), "", "", "", "", "", ""])
    widths = [24 * mm, 64 * mm, 30 * mm, 30 * mm, 30 * mm, 18 * mm, 30 * mm, 33 * mm]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (5, 1), (5, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    story.append(table)

    def footer(canvas: Any, number: int, pages: int) -> None:
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawCentredString(page_size[0] / 2, 8 * mm, w.page.format(page=number, pages=pages))
        canvas.drawRightString(page_size[0] - 12 * mm, 8 * mm, glyphs(base_name))

    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=page_size, leftMargin=12 * mm, rightMargin=12 * mm,
                                 topMargin=12 * mm, bottomMargin=15 * mm, title=f"{base_name} {w.title} {day}",
                                 author=base_name)
    document.build(story, canvasmaker=numbered_canvas(footer))
    return out.getvalue()


def _masked(value: str) -> str:
    # A register is filed and shown to inspectors: a full number never reaches the paper, whatever was passed.
    return mask_phone(value) if _BARE_PHONE.fullmatch(value) else value
