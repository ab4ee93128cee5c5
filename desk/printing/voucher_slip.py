"""Printing layer: the voucher redemption slip (积分兑换券) a member takes to an alliance merchant, whose cashier
scans its QR code (or types the serial short code when the scanner fails) to redeem it once.

Three layouts: an 80 mm and a 58 mm receipt (one slip per page, the page as tall as its content) and A4 with
eight slips per page (2 × 4 A7 cards with cut lines). Plain values in, PDF bytes out; the caller masks the member
and words the labels.

The page is drawn straight on a reportlab canvas rather than through platypus: wrapping, capping the terms
with an ellipsis and fitting the receipt's height are measured here line by line anyway, and the QR code must
sit exactly on the printer's dot grid. The QR matrix comes from reportlab's encoder; the mask is chosen here
(`_qr_rows`), because reportlab's own choice takes most of a slip's rendering time."""

from __future__ import annotations

import datetime as dt
import enum
import io
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from desk.domain.people import mask_name, mask_phone
from desk.printing.fonts import register_cjk_font

POINTS_PER_MM = 72 / 25.4
SERIAL_FONT = "Courier-Bold"  # monospaced: every character of the short code gets the same, unmistakable cell
QR_LEVEL = "M"  # 15 % of the code may be smudged or creased (a slip lives in a pocket until it is used)
QR_QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
# The smallest module a USB imager reads reliably from thermal paper; a 203 dpi printer rounds it up to 3 dots.
MIN_MODULE_MM = 0.33
TERMS_ELLIPSIS = "…"

_QR_ALPHANUMERIC = re.compile(r"[0-9A-Z $%*+\-./:]*")
_BARE_PHONE = re.compile(r"\d{11}")
_DARK_RUN = re.compile(r"1+")
_SAME_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER_LIKE = ("10111010000", "00001011101")  # dark-light-dark×3-light-dark beside four light modules
# A line may not start with closing punctuation nor end with an opening one (Chinese typesetting rules).
_NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—,.;:?!)]}%")
_NO_LINE_END = set("（《「『【〔〈“‘([{¥$")
_PHRASE_END = re.compile(r"(?<=[，。；：、！？,;:!?])")
_TOKENS = re.compile(r"\s+|[\u2e80-\U0010ffff]|[^\s\u2e80-\U0010ffff]+")


class SlipLayout(enum.Enum):
    """The paper a desk prints on (chosen in settings per printer); values are the CLI's `--layout` words."""

    RECEIPT_80 = "80mm"
    RECEIPT_58 = "58mm"
    A4 = "a4"


@dataclass(frozen=True)
class VoucherSlip:
    base_name: str
    merchant_name: str
    merchant_address: str
    reward_title: str
    points: int
    face_value_yuan: Decimal | None
    member_masked_name: str  # already masked by the caller; a bare full name or phone is masked here again
    serial_code: str  # e.g. HY7K-3M9Q
    qr_text: str  # the signed payload the merchant station verifies
    issued_on: dt.date
    expires_on: dt.date
    terms: str
    reprint: bool = False


@dataclass(frozen=True)
class SlipLabels:
    """Every printed word, so the window can pass them in its language; Chinese by default."""

    title: str = "积分兑换券"
    reprint: str = "重印"
    merchant: str = "兑换商家"
    reward: str = "兑换内容"
    points: str = "所用积分"
    points_amount: str = "{points} 分"
    face_value: str = "面值"
    face_value_amount: str = "¥{amount}"
    member: str = "会员"
    serial: str = "券码（扫码失败时手工输入）"
    issued: str = "发券日期"
    expires: str = "有效期至"
    terms: str = "使用说明"
    terms_inline: str = "{terms}：{text}"  # A4 cards run the label into the text to save a line
    notice: str = "凭此券到联盟商家扫码核销，仅限使用一次"


@dataclass(frozen=True)
class _Style:
    """Sizes of one layout, in points unless named _mm. 58 mm paper is not a shrunken 80 mm: its column holds
    about 20 characters at these sizes, so every text is wrapped for it rather than scaled down."""

    width_mm: float  # of the page (receipts) or of one card (A4)
    margin_mm: float
    dpi: int  # of the printer the QR code is laid out for
    qr_target_mm: float  # the code without its quiet zone, as large as this and no larger
    qr_column_mm: float  # the most the code and its quiet zone may take across
    base: float
    title: float
    reprint: float
    label: float
    merchant: float
    address: float
    reward: float
    row: float
    serial: float
    serial_label: float
    terms: float
    notice: float
    terms_lines: int
    muted: str  # colour of labels: greys dither into a fuzz on thermal paper, so receipts print them black


_RECEIPT_80 = _Style(width_mm=80, margin_mm=4, dpi=203, qr_target_mm=34, qr_column_mm=72,
                     base=9, title=18, reprint=13, label=8, merchant=12, address=8.5, reward=14, row=10,
                     serial=24, serial_label=8, terms=8, notice=9.5, terms_lines=8, muted="#000000")
# 58 mm paper prints about 48 mm across.
_RECEIPT_58 = _Style(width_mm=58, margin_mm=5, dpi=203, qr_target_mm=30, qr_column_mm=48,
                     base=7.5, title=15, reprint=11, label=7, merchant=10, address=7.5, reward=11.5, row=8.5,
                     serial=20, serial_label=7, terms=7, notice=8, terms_lines=10, muted="#000000")
# A4 cards are A7 (105 × 74.25 mm): the QR code and the serial on the left, the words on the right. Office
# printers are 600 dpi; 6 mm of margin keeps every card clear of a printer's unprintable page edge.
_A4_CARD = _Style(width_mm=105, margin_mm=6, dpi=600, qr_target_mm=27, qr_column_mm=32,
                  base=7, title=13, reprint=10, label=6.5, merchant=9.5, address=7, reward=10.5, row=8,
                  serial=16, serial_label=6.5, terms=6.5, notice=6.5, terms_lines=8, muted="#444444")
_A4_COLUMNS, _A4_ROWS = 2, 4
_A4_GUTTER_MM = 5  # between the QR column and the words


def voucher_slip_pdf(slips: Sequence[VoucherSlip], layout: SlipLayout, labels: SlipLabels | None = None) -> bytes:
    """The slips as one PDF with the embedded CJK font: receipts one slip per page, A4 eight per page."""
    from reportlab.pdfgen.canvas import Canvas

    if not slips:
        raise ValueError("no voucher slips to print")
    words = labels or SlipLabels()
    font = register_cjk_font()
    out = io.BytesIO()
    title = words.title if len(slips) > 1 else f"{words.title} {slips[0].serial_code}"
    canvas = Canvas(out, pagesize=(1, 1), pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(slips[0].base_name)
    if layout is SlipLayout.A4:
        _draw_a4(canvas, font, slips, words)
    else:
        style = _RECEIPT_80 if layout is SlipLayout.RECEIPT_80 else _RECEIPT_58
        for slip in slips:
            _draw_receipt(canvas, font, style, slip, words)
    canvas.save()
    return out.getvalue()


# --- layouts -------------------------------------------------------------------------------------------------


def _draw_receipt(canvas: Any, font: str, style: _Style, slip: VoucherSlip, words: SlipLabels) -> None:
    mm = POINTS_PER_MM
    width = style.width_mm * mm
    inner = width - 2 * style.margin_mm * mm
    text = _TextKit(font, style)
    serial_size = _fit_size(slip.serial_code, _serial_font(slip.serial_code, font), style.serial, inner)

    blocks: list[_Block] = [
        text.lines(slip.base_name, style.base, inner, align="center", max_lines=2),
        _Gap(1 * mm),
        text.lines(words.title, style.title, inner, align="center", bold=True, max_lines=2),
    ]
    if slip.reprint:
        blocks += [_Gap(1.5 * mm), _Band(_printable(words.reprint, font), font, style.reprint, inner)]
    blocks += [
        _Gap(2 * mm), _Rule(), _Gap(2 * mm),
        text.lines(words.merchant, style.label, inner, muted=True),
        text.lines(slip.merchant_name, style.merchant, inner, max_lines=3),
        text.lines(slip.merchant_address, style.address, inner, max_lines=3),
        _Gap(2 * mm),
        text.lines(words.reward, style.label, inner, muted=True),
        text.lines(slip.reward_title, style.reward, inner, bold=True, max_lines=3),
        _Gap(2 * mm),
        *text.rows(_amount_rows(slip, words), style.row, inner),
        _Gap(1 * mm),
        _Qr(slip.qr_text, style, quiet_above=QR_QUIET_ZONE, quiet_below=QR_QUIET_ZONE - 1),
        text.lines(words.serial, style.serial_label, inner, align="center", muted=True, max_lines=2),
        _Gap(0.5 * mm),
        _TextLines([slip.serial_code], _serial_font(slip.serial_code, font), serial_size, serial_size * 1.2,
                   "center", "#000000", bold=True),
        _Gap(2.5 * mm),
        *text.rows(_date_rows(slip, words), style.row, inner),
        _Gap(2 * mm), _Rule(), _Gap(2 * mm),
    ]
    if slip.terms.strip():
        blocks += [
            text.lines(words.terms, style.label, inner, muted=True),
            text.lines(slip.terms, style.terms, inner, max_lines=style.terms_lines),
            _Gap(2 * mm),
        ]
    blocks.append(text.lines(words.notice, style.notice, inner, align="center", bold=True, max_lines=3))

    # The page is cut to the content; a little more paper below so the printer's tear bar misses the last line.
    top_margin, bottom_margin = style.margin_mm * mm, (style.margin_mm + 4) * mm
    height = top_margin + sum(block.height for block in blocks) + bottom_margin
    canvas.setPageSize((width, height))
    page = _Page(canvas, height, style.dpi)
    _stack(page, blocks, style.margin_mm * mm, top_margin, inner)
    canvas.showPage()


def _draw_a4(canvas: Any, font: str, slips: Sequence[VoucherSlip], words: SlipLabels) -> None:
    from reportlab.lib.pagesizes import A4

    style = _A4_CARD
    card_w, card_h = style.width_mm * POINTS_PER_MM, A4[1] / _A4_ROWS
    per_page = _A4_COLUMNS * _A4_ROWS
    for first in range(0, len(slips), per_page):
        page_slips = slips[first:first + per_page]
        canvas.setPageSize(A4)
        page = _Page(canvas, A4[1], style.dpi)
        for index, slip in enumerate(page_slips):
            column, row = index % _A4_COLUMNS, index // _A4_COLUMNS
            _draw_card(page, font, style, slip, words, column * card_w, row * card_h, card_w, card_h)
        _cut_lines(page, len(page_slips), card_w, card_h)
        canvas.showPage()


def _draw_card(page: _Page, font: str, style: _Style, slip: VoucherSlip, words: SlipLabels, left: float,
               top: float, card_w: float, card_h: float) -> None:
    """One A7 card: QR code, serial and the redemption rule on the left; what the voucher is on the right. The
    terms take whatever height the right column has left, so a card never runs into the next one."""
    mm = POINTS_PER_MM
    margin = style.margin_mm * mm
    inner_h = card_h - 2 * margin
    qr_w = style.qr_column_mm * mm
    right_x = left + margin + qr_w + _A4_GUTTER_MM * mm
    right_w = left + card_w - margin - right_x
    text = _TextKit(font, style)
    serial_font = _serial_font(slip.serial_code, font)
    serial_size = _fit_size(slip.serial_code, serial_font, style.serial, qr_w)

    qr_column: list[_Block] = [
        # The card's margin and the gutter are the quiet zone on three sides; only below is one needed.
        _Qr(slip.qr_text, style, quiet_above=0, quiet_below=QR_QUIET_ZONE),
        text.lines(words.serial, style.serial_label, qr_w, align="center", muted=True, max_lines=2),
        _Gap(0.5 * mm),
        _TextLines([slip.serial_code], serial_font, serial_size, serial_size * 1.2, "center", "#000000", bold=True),
        _Gap(1.5 * mm),
        text.lines(words.notice, style.notice, qr_w, align="center", bold=True, max_lines=3),
    ]
    _stack(page, qr_column, left + margin, top + margin, qr_w)

    words_column: list[_Block] = [
        text.lines(slip.base_name, style.base, right_w, muted=True, max_lines=1),
        _TitleWithMark(text.lines(words.title, style.title, right_w, bold=True, max_lines=1),
                       _printable(words.reprint, font) if slip.reprint else None, font, style.reprint, right_w),
        _Gap(1 * mm),
        text.lines(slip.merchant_name, style.merchant, right_w, max_lines=2),
        text.lines(slip.merchant_address, style.address, right_w, muted=True, max_lines=2),
        _Gap(1 * mm),
        text.lines(slip.reward_title, style.reward, right_w, bold=True, max_lines=2),
        _Gap(1 * mm),
        *text.rows([*_amount_rows(slip, words), *_date_rows(slip, words)], style.row, right_w),
    ]
    if slip.terms.strip():
        used = sum(block.height for block in words_column) + 1 * mm
        lines = min(style.terms_lines, int((inner_h - used) // (style.terms * 1.3)))
        if lines > 0:
            terms = words.terms_inline.format(terms=words.terms, text=slip.terms)
            words_column += [_Gap(1 * mm), text.lines(terms, style.terms, right_w, muted=True, max_lines=lines)]
    _stack(page, words_column, right_x, top + margin, right_w)


def _cut_lines(page: _Page, count: int, card_w: float, card_h: float) -> None:
    """Dashed lines between the cards on this page, only where there are cards to cut apart."""
    canvas = page.canvas
    rows = math.ceil(count / _A4_COLUMNS)
    canvas.saveState()
    canvas.setStrokeColor(_color("#999999"))
    canvas.setLineWidth(0.5)
    canvas.setDash(3, 3)
    page_w = card_w * _A4_COLUMNS
    canvas.line(card_w, page.height, card_w, page.height - rows * card_h)
    for row in range(1, rows + 1 if rows < _A4_ROWS else _A4_ROWS):
        y = page.height - row * card_h
        canvas.line(0, y, page_w, y)
    canvas.restoreState()


def _amount_rows(slip: VoucherSlip, words: SlipLabels) -> list[tuple[str, str]]:
    rows = [(words.points, words.points_amount.format(points=slip.points))]
    if slip.face_value_yuan is not None:
        rows.append((words.face_value, words.face_value_amount.format(amount=f"{slip.face_value_yuan:.2f}")))
    rows.append((words.member, _safe_member(slip.member_masked_name)))
    return rows


def _date_rows(slip: VoucherSlip, words: SlipLabels) -> list[tuple[str, str]]:
    return [(words.issued, f"{slip.issued_on:%Y-%m-%d}"), (words.expires, f"{slip.expires_on:%Y-%m-%d}")]


def _safe_member(value: str) -> str:
    # A slip changes hands: a full name or phone must never reach it, whatever the caller passed.
    if _BARE_PHONE.fullmatch(value):
        return mask_phone(value)
    return value if "*" in value else mask_name(value)


# --- blocks: stacked top-down, measured before anything is drawn ---------------------------------------------


class _Page:
    """A canvas page measured from its top-left corner, as a printer feeds it."""

    def __init__(self, canvas: Any, height: float, dpi: int) -> None:
        self.canvas = canvas
        self.height = height
        self.dot = 72 / dpi

    def snap(self, value: float) -> float:
        """The nearest printer dot boundary, counted from the page's top or left edge."""
        return round(value / self.dot) * self.dot


class _Block:
    height: float = 0.0

    def draw(self, page: _Page, x: float, top: float, width: float) -> None:
        raise NotImplementedError


def _stack(page: _Page, blocks: Sequence[_Block], x: float, top: float, width: float) -> None:
    for block in blocks:
        block.draw(page, x, top, width)
        top += block.height


class _Gap(_Block):
    def __init__(self, height: float) -> None:
        self.height = height

    def draw(self, page: _Page, x: float, top: float, width: float) -> None:
        return None


class _Rule(_Block):
    height = 1.0

    def draw(self, page: _Page, x: float, top: float, width: float) -> None:
        canvas = page.canvas
        canvas.saveState()
        canvas.setLineWidth(0.6)
        canvas.setDash(2, 2)
        y = page.height - top - self.height / 2
        canvas.line(x, y, x + width, y)
        canvas.restoreState()


class _TextLines(_Block):
    def __init__(self, lines: list[str], font: str, size: float, leading: float, align: str, color: str,
                 bold: bool = False) -> None:
        from reportlab.pdfbase import pdfmetrics

        self.lines, self.font, self.size, self.leading = lines, font, size, leading
        self.align, self.color, self.bold = align, color, bold
        self.height = leading * len(lines)
        ascent, descent = pdfmetrics.getAscentDescent(font, size)
        # Centre the glyphs' box in each line's box.
        self._baseline = (leading - (ascent - descent)) / 2 + ascent

    def draw(self, page: _Page, x: float, top: float, width: float) -> None:
        if not self.lines:
            return
        canvas = page.canvas
        canvas.saveState()
        canvas.setFont(self.font, self.size)
        canvas.setFillColor(_color(self.color))
        mode = 0
        if self.bold:
            # The embedded font has a single weight: outlining the glyphs as well as filling them makes a bold
            # that survives a thermal print head.
            mode = 2
            canvas.setStrokeColor(_color(self.color))
            canvas.setLineWidth(self.size * 0.035)
        for number, line in enumerate(self.lines):
            y = page.height - (top + number * self.leading + self._baseline)
            if self.align == "center":
                canvas.drawCentredString(x + width / 2, y, line, mode=mode)
            elif self.align == "right":
                canvas.drawRightString(x + width, y, line, mode=mode)
            else:
                canvas.drawString(x, y, line, mode=mode)
        canvas.restoreState()


class _Row(_Block):
    """A label on the left and its value on the right, the value wrapped under itself when it is long."""

    def __init__(self, label: _TextLines, value: _TextLines, value_x: float) -> None:
        self.label, self.value, self.value_x = label, value, value_x
        self.height = max(label.height, value.height) if value_x else label.height + value.height

    def draw(self, page: _Page, x: float, top: float, width: float) -> None:
        self.label.draw(page, x, top, width)
        if self.value_x:
            self.value.draw(page, x + self.value_x, top, width - self.value_x)
        else:
            self.value.draw(page, x, top + self.label.height, width)


class _Band(_Block):
    """White words on a black band across the slip: a reprint is told apart at arm's length."""

    def __init__(self, words: str, font: str, size: float, width: float) -> None:
        self.words, self.font = words, font
        while size > 6 and _width(words, font, size) > width - size:
            size -= 0.5
        self.size = size
        self.height = size * 1.9

    def draw(self, page: _Page, x: float, top: float, width: float) -> None:
        _inverted_box(page, self.words, self.font, self.size, x, top, width, self.height)


class _TitleWithMark(_Block):
    """The card's title with the reprint mark at its right end, or under it when both do not fit on a line."""

    def __init__(self, title: _TextLines, mark: str | None, font: str, size: float, width: float) -> None:
        self.title, self.mark, self.font, self.size = title, mark, font, size
        self.mark_w = _width(mark, font, size) + size if mark else 0.0
        self.mark_h = size * 1.6
        title_w = max((_width(line, title.font, title.size) for line in title.lines), default=0.0)
        self.beside = mark is not None and title_w + self.mark_w + size <= width
        self.height = title.height + (self.mark_h + 2 if mark and not self.beside else 0)

    def draw(self, page: _Page, x: float, top: float, width: float) -> None:
        self.title.draw(page, x, top, width)
        if not self.mark:
            return
        if self.beside:
            mark_top = top + (self.title.height - self.mark_h) / 2
            _inverted_box(page, self.mark, self.font, self.size, x + width - self.mark_w, mark_top, self.mark_w,
                          self.mark_h)
        else:
            _inverted_box(page, self.mark, self.font, self.size, x, top + self.title.height + 1, self.mark_w,
                          self.mark_h)


def _inverted_box(page: _Page, words: str, font: str, size: float, x: float, top: float, width: float,
                  height: float) -> None:
    from reportlab.pdfbase import pdfmetrics

    canvas = page.canvas
    canvas.saveState()
    canvas.setFillColor(_color("#000000"))
    canvas.roundRect(x, page.height - top - height, width, height, radius=min(height / 5, 3), stroke=0, fill=1)
    canvas.setFillColor(_color("#ffffff"))
    canvas.setStrokeColor(_color("#ffffff"))
    canvas.setLineWidth(size * 0.035)
    canvas.setFont(font, size)
    ascent, descent = pdfmetrics.getAscentDescent(font, size)
    baseline = page.height - top - (height - (ascent - descent)) / 2 - ascent
    canvas.drawCentredString(x + width / 2, baseline, words, mode=2)
    canvas.restoreState()


class _Qr(_Block):
    """The QR code, each module a whole number of printer dots and the code placed on the dot grid, so every
    module prints the same size and edges stay sharp; drawn as one path of filled runs (no seams between them)."""

    def __init__(self, text: str, style: _Style, quiet_above: int, quiet_below: int) -> None:
        self.rows = _qr_rows(text)
        count = len(self.rows)
        dots = _module_dots(count, style)
        self.module = dots * 72 / style.dpi
        self.quiet_above = quiet_above
        self.height = (count + quiet_above + quiet_below) * self.module

    def draw(self, page: _Page, x: float, top: float, width: float) -> None:
        count = len(self.rows)
        left = page.snap(x + (width - count * self.module) / 2)
        code_top = page.snap(top + self.quiet_above * self.module)
        runs = [f"{run.start()} {row} {run.end() - run.start()} 1 re"
                for row, line in enumerate(self.rows) for run in _DARK_RUN.finditer(line)]
        # One unit = one module, y downwards from the code's top-left corner.
        matrix = f"{self.module:.6f} 0 0 {-self.module:.6f} {left:.6f} {page.height - code_top:.6f} cm"
        page.canvas.addLiteral(f"q 0 g {matrix}\n" + "\n".join(runs) + "\nf Q")


def _module_dots(modules: int, style: _Style) -> int:
    """Printer dots per module: as near the layout's target size as whole dots allow, never below 0.33 mm (what
    a USB imager resolves on thermal paper), and within the paper's printable width with the quiet zone."""
    dot_mm = 25.4 / style.dpi
    least = math.ceil(MIN_MODULE_MM / dot_mm - 1e-9)
    most = int(style.qr_column_mm / ((modules + 2 * QR_QUIET_ZONE) * dot_mm))
    target = int(style.qr_target_mm / (modules * dot_mm))
    if most < least:
        raise ValueError(f"a QR code of {modules} modules does not fit on this slip")
    return max(least, min(target, most))


# --- QR matrix -----------------------------------------------------------------------------------------------


def _qr_rows(text: str) -> tuple[str, ...]:
    """The QR matrix as strings of 0 (light) and 1 (dark), with the mask the standard's penalty prefers.

    reportlab's encoder lays out the code once (mask 0); the other seven masks are derived by flipping the data
    modules with whole-row bit operations, since rebuilding and scoring each mask in reportlab takes most of a
    slip's rendering time."""
    from reportlab.graphics.barcode.qrencoder import QR8bitByte, QRAlphaNum, QRCode, QRErrorCorrectLevel

    code = QRCode(None, getattr(QRErrorCorrectLevel, QR_LEVEL))
    # The signed payload is upper-case base32 with a prefix: the alphanumeric mode packs it in 5.5 bits a
    # character instead of 8, a smaller QR version and so bigger modules on the same paper.
    code.addData(QRAlphaNum(text) if _QR_ALPHANUMERIC.fullmatch(text) else QR8bitByte(text))
    code.version = code.calculate_version()
    try:
        code.makeImpl(False, 0)
    except Exception as error:  # reportlab signals a payload beyond any QR version with a bare Exception
        raise ValueError(f"{len(text)} characters do not fit in a QR code") from error
    size = code.getModuleCount()
    data = _data_area(code)
    patterns = _mask_patterns(size)
    matrix = [_row_bits(row) for row in code.modules]
    # The format information, which names the mask, lies in row 8 and column 8 next to the finder patterns.
    format_rows = [*range(9), *range(size - 8, size)]
    best: tuple[int, tuple[str, ...]] | None = None
    for mask in range(8):
        code.setupTypeInfo(False, mask)
        for row in format_rows:
            matrix[row] = _row_bits(code.modules[row])
        rows = tuple(format(bits ^ ((zero ^ other) & area), f"0{size}b")
                     for bits, zero, other, area in zip(matrix, patterns[0], patterns[mask], data, strict=True))
        score = _penalty(rows)
        if best is None or score < best[0]:
            best = (score, rows)
    assert best is not None
    return best[1]


def _row_bits(row: list[bool]) -> int:
    return int("".join("1" if module else "0" for module in row), 2)


def _data_area(code: Any) -> list[int]:
    """Per row, the bits of the modules that carry data (and so are masked); column 0 is the highest bit."""
    size = code.getModuleCount()
    rows = [0] * size
    for column, row in code.dataPosIterator():
        rows[row] |= 1 << (size - 1 - column)
    return rows


@cache
def _mask_patterns(size: int) -> tuple[tuple[int, ...], ...]:
    """The eight mask patterns of the QR standard as row bits, for a code of `size` modules."""
    conditions = (
        lambda i, j: (i + j) % 2 == 0,
        lambda i, j: i % 2 == 0,
        lambda i, j: j % 3 == 0,
        lambda i, j: (i + j) % 3 == 0,
        lambda i, j: (i // 2 + j // 3) % 2 == 0,
        lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
        lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
        lambda i, j: ((i * j) % 3 + (i + j) % 2) % 2 == 0,
    )
    return tuple(tuple(int("".join("1" if dark(i, j) else "0" for j in range(size)), 2) for i in range(size))
                 for dark in conditions)


def _penalty(rows: tuple[str, ...]) -> int:
    """The QR standard's mask penalty (ISO/IEC 18004 §7.8.3): long runs, 2×2 blocks, finder-like patterns and
    an unbalanced dark share each make a mask harder to read."""
    size = len(rows)
    # Rows and columns in one string, separated so no run or pattern crosses from one line into the next.
    lines = "|".join((*rows, *("".join(column) for column in zip(*rows, strict=True))))
    score = sum(len(run) - 2 for run in _SAME_RUN.findall(lines))  # 3 + (length - 5) per run
    # Neither pattern overlaps itself, so counting each separately finds every occurrence.
    score += 40 * sum(lines.count(pattern) for pattern in _FINDER_LIKE)
    pairs = (1 << (size - 1)) - 1
    bits = [int(row, 2) for row in rows]
    for upper, lower in itertools.pairwise(bits):
        dark, light = upper & lower, ~(upper | lower)
        score += 3 * (((dark & (dark >> 1)) | (light & (light >> 1))) & pairs).bit_count()
    dark_share = sum(row.count("1") for row in rows) * 100 / (size * size)
    score += 10 * int(abs(dark_share - 50) // 5)
    return score


# --- text ----------------------------------------------------------------------------------------------------


class _TextKit:
    """Builds wrapped text blocks in the CJK font for one layout."""

    def __init__(self, font: str, style: _Style) -> None:
        self.font, self.style = font, style

    def lines(self, value: str, size: float, width: float, align: str = "left", bold: bool = False,
              muted: bool = False, max_lines: int = 50) -> _TextLines:
        # Centred lines are headings and rules of use: they break at their commas where they can.
        lines = _wrap(_printable(value, self.font), self.font, size, width, max_lines, phrases=align == "center")
        return _TextLines(lines, self.font, size, size * 1.3, align, self.style.muted if muted else "#000000",
                          bold)

    def rows(self, pairs: Sequence[tuple[str, str]], size: float, width: float) -> list[_Block]:
        leading = size * 1.35
        label_w = max(_width(_printable(label, self.font), self.font, size) for label, _ in pairs)
        value_x = label_w + size  # the values line up in one column
        blocks: list[_Block] = []
        for label, value in pairs:
            label_lines = _TextLines(_wrap(_printable(label, self.font), self.font, size, width, 2), self.font,
                                     size, leading, "left", self.style.muted)
            value_w = width - value_x if value_x <= width * 0.55 else width
            value_lines = _TextLines(_wrap(_printable(value, self.font), self.font, size, value_w, 3), self.font,
                                     size, leading, "right", "#000000")
            blocks.append(_Row(label_lines, value_lines, value_x if value_w < width else 0.0))
        return blocks


@cache
def _known_glyphs(font: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def _printable(value: str, font: str) -> str:
    # The embedded font lacks rare characters (𠮷) and emoji: print □ so a name visibly has a character there,
    # instead of a gap that reads as a different name.
    known = _known_glyphs(font)
    return "".join(ch if ord(ch) in known or ch == "\n" else ("□" if not ch.isspace() else " ") for ch in value)


def _width(text: str, font: str, size: float) -> float:
    return _measure(font)(text) * size


@cache
def _measure(font: str) -> Callable[[str], float]:
    """Width of a text at 1 pt: from the TrueType font's width table directly (wrapping measures hundreds of
    fragments a slip), through reportlab for the standard fonts."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(font).face
    widths: dict[int, float] | None = getattr(face, "charWidths", None)
    if not widths:
        return lambda text: float(pdfmetrics.stringWidth(text, font, 1))
    table, default = widths, face.defaultWidth
    return lambda text: 0.001 * sum([table.get(ord(ch), default) for ch in text])


def _serial_font(serial: str, cjk_font: str) -> str:
    # Courier covers what a serial is made of; anything else falls back to the CJK font rather than vanish.
    return SERIAL_FONT if serial.isascii() else cjk_font


def _fit_size(text: str, font: str, size: float, width: float) -> float:
    while size > 8 and _width(text, font, size) > width:
        size -= 0.5
    return size


def _wrap(text: str, font: str, size: float, width: float, max_lines: int, phrases: bool = False) -> list[str]:
    """Greedy line breaking: between any two Chinese characters, between words of Latin text, inside a word only
    when it is wider than the line; closing punctuation never starts a line. With `phrases`, a text that needs
    several lines breaks after its commas where it can (凭此券…核销， / 仅限使用一次, not …仅限使用 / 一次).
    More than `max_lines` lines end with an ellipsis."""
    room = width / size  # in the 1 pt units of `_measure`
    measure = _measure(font)
    lines: list[str] = []
    # Blank lines between paragraphs are dropped: paper is short.
    for paragraph in filter(None, (part.strip() for part in text.replace("\r\n", "\n").split("\n"))):
        if len(lines) > max_lines:
            break
        wrapped = _wrap_paragraph(paragraph, measure, room, max_lines + 1 - len(lines))
        if phrases and len(wrapped) > 1:
            by_phrase = _wrap_phrases(paragraph, measure, room, max_lines + 1 - len(lines))
            wrapped = by_phrase if len(by_phrase) <= len(wrapped) else wrapped
        lines.extend(wrapped)
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1].rstrip()
    while last and measure(last + TERMS_ELLIPSIS) > room:
        last = last[:-1].rstrip()
    return [*lines[:max_lines - 1], last + TERMS_ELLIPSIS]


def _wrap_phrases(text: str, measure: Callable[[str], float], room: float, max_lines: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for phrase in _PHRASE_END.split(text):
        if measure(current + phrase) <= room:
            current += phrase
            continue
        if current.strip():
            lines.append(current.rstrip())
        wrapped = _wrap_paragraph(phrase.strip(), measure, room, max_lines)
        lines.extend(wrapped[:-1])
        current = wrapped[-1] if wrapped else ""
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _wrap_paragraph(text: str, measure: Callable[[str], float], room: float, max_lines: int) -> list[str]:
    tokens: list[str] = []
    for token in _TOKENS.findall(text):
        # A word wider than the line is broken between its letters.
        tokens.extend(list(token) if not token.isspace() and measure(token) > room else [token])
    lines: list[str] = []
    current, used = "", 0.0
    for token in tokens:
        if len(lines) >= max_lines:
            break
        token_w = measure(token)
        if used + token_w <= room:
            current, used = current + token, used + token_w
            continue
        if token.isspace():
            lines.append(current.rstrip())
            current, used = "", 0.0
            continue
        head, carry = current.rstrip(), ""
        if token[0] in _NO_LINE_START and len(head) > 1:
            head, carry = head[:-1], head[-1]
        while len(head) > 1 and head[-1] in _NO_LINE_END:
            head, carry = head[:-1], head[-1] + carry
        if head:
            lines.append(head)
        current = carry + token
        used = measure(current)
        while used > room and len(current) > 1:
            # Only when the carried characters and the token cannot share a line: place what fits.
            cut = len(current) - 1
            while cut > 1 and measure(current[:cut]) > room:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
            used = measure(current)
    if current.strip() and len(lines) < max_lines:
        lines.append(current.rstrip())
    return lines


def _color(value: str) -> Any:
    from reportlab.lib.colors import HexColor

    return HexColor(value)


__all__ = ["SlipLabels", "SlipLayout", "VoucherSlip", "voucher_slip_pdf"]

