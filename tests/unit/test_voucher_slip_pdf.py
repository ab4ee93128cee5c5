"""The voucher redemption slip in its three layouts, checked the way a merchant meets it: rasterised at the 203 dpi
of a receipt printer and read back with an independent QR decoder (zxing-cpp); its words read back with
pdftotext (serial, reward, merchant, masked member, never a full name); the reprint mark only on reprints; long
texts wrapped and capped inside the paper; A4 eight cards a page."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from desk.printing.voucher_slip import SlipLabels, SlipLayout, VoucherSlip, voucher_slip_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="poppler-utils is not installed")

PRINTER_DPI = 203
MM_PER_PT = 25.4 / 72
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
TERMS = ("1. 本券仅限在汇上佳超市（汇洋广场店）使用，满50元减10元，不设找零，不可兑换现金。\n"
         "2. 请在有效期内使用，过期作废。\n"
         "3. 本券一经核销即失效，复印件无效。")
# Printable width of the paper (receipts) and of one card (A4), in mm from the left edge.
PRINTABLE_MM = {SlipLayout.RECEIPT_80: (4.0, 76.0), SlipLayout.RECEIPT_58: (5.0, 53.0)}


def payload(seed: int, length: int = 110) -> str:
    """A signed payload as the voucher service writes it: a versioned prefix and base32."""
    rng = random.Random(seed)
    return "HGV1:" + "".join(rng.choice(BASE32) for _ in range(length))


def make_slip(seed: int = 1, **changes: object) -> VoucherSlip:
    values: dict[str, object] = dict(
        base_name="明华红色港湾党群服务基地", merchant_name="汇上佳超市（汇洋广场店）",
        merchant_address="明华路88号汇洋广场一层东侧", reward_title="满50减10 购物券", points=200,
        face_value_yuan=Decimal("10"), member_masked_name="张*明", serial_code="HY7K-3M9Q",
        qr_text=payload(seed), issued_on=dt.date(2026, 11, 28), expires_on=dt.date(2026, 12, 28), terms=TERMS,
        reprint=False)
    values.update(changes)
    return VoucherSlip(**values)  # type: ignore[arg-type]


def write(pdf: bytes, tmp_path: Path, name: str = "slip.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def text_of(path: Path) -> str:
    # Reading order, not -layout: on an A4 card the two columns would interleave line by line.
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages(path: Path) -> list[tuple[float, float]]:
    """Width and height in mm of every page."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(path)], check=True, capture_output=True,
                          text=True).stdout
    return [(float(w) * MM_PER_PT, float(h) * MM_PER_PT)
            for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def words(path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """Every word pdftotext finds: page number, its box in mm from the top-left corner, its text."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    found = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for box in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)',
                               page):
            x0, y0, x1, y1 = (float(value) * MM_PER_PT for value in box.groups()[:4])
            found.append((number, x0, y0, x1, y1, box[5]))
    return found


def rasterise(path: Path, tmp_path: Path, dpi: int = PRINTER_DPI) -> list[Path]:
    prefix = tmp_path / f"{path.stem}-{dpi}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(prefix)], check=True)
    return sorted(tmp_path.glob(f"{prefix.name}-*.png"))


def decoded(png: Path) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(Image.open(png))]


def module_px(png: Path) -> float:
    """Pixels per QR module: the top-left finder pattern is seven modules across, a solid dark run in the
    code's first row."""
    image = Image.open(png).convert("L")
    code = zxingcpp.read_barcodes(image)[0]
    top = min(code.position.top_left.y, code.position.top_right.y)
    left = min(code.position.top_left.x, code.position.bottom_left.x)
    y = top + 1
    x = left
    while image.getpixel((x, y)) >= 128:  # type: ignore[operator]
        x += 1
    start = x
    while image.getpixel((x, y)) < 128:  # type: ignore[operator]
        x += 1
    return (x - start) / 7


@pytest.mark.parametrize("layout", list(SlipLayout))
def test_the_printed_code_scans_as_the_signed_payload(layout: SlipLayout, tmp_path: Path) -> None:
    slip = make_slip(seed=7)
    path = write(voucher_slip_pdf([slip], layout), tmp_path)

    [png] = rasterise(path, tmp_path)

    assert decoded(png) == [slip.qr_text]
    # Each module at least three dots of a 203 dpi printer (0.37 mm): what a USB imager resolves on paper.
    assert module_px(png) >= 3


@pytest.mark.parametrize("layout", list(SlipLayout))
def test_the_slip_says_what_it_is_for_whom_and_where(layout: SlipLayout, tmp_path: Path) -> None:
    text = text_of(write(voucher_slip_pdf([make_slip()], layout), tmp_path))

    joined = flat(text)
    for expected in ("明华红色港湾党群服务基地", "积分兑换券", "汇上佳超市（汇洋广场店）", "明华路88号汇洋广场一层东侧",
                     "满50减10购物券", "200分", "¥10.00", "张*明", "2026-11-28", "2026-12-28",
                     "凭此券到联盟商家扫码核销，仅限使用一次", "本券一经核销即失效，复印件无效。"):
        assert expected in joined, expected
    assert "HY7K-3M9Q" in text  # in one piece, to be typed when a scanner fails
    assert "重印" not in text


@pytest.mark.parametrize("layout", list(SlipLayout))
def test_a_full_name_or_phone_is_masked_all_the_same(layout: SlipLayout, tmp_path: Path) -> None:
    pdf = voucher_slip_pdf([make_slip(member_masked_name="张伟明"),
                            make_slip(member_masked_name="13812345678")], layout)
    joined = flat(text_of(write(pdf, tmp_path)))

    assert "张*明" in joined and "张伟明" not in joined
    assert "138****5678" in joined and "13812345678" not in joined


@pytest.mark.parametrize("layout", list(SlipLayout))
def test_only_a_reprint_is_marked_as_one(layout: SlipLayout, tmp_path: Path) -> None:
    first = text_of(write(voucher_slip_pdf([make_slip()], layout), tmp_path, "first.pdf"))
    again = text_of(write(voucher_slip_pdf([make_slip(reprint=True)], layout), tmp_path, "again.pdf"))

    assert "重印" not in first
    assert "重印" in again


@pytest.mark.parametrize("layout", [SlipLayout.RECEIPT_80, SlipLayout.RECEIPT_58])
def test_a_receipt_is_one_slip_a_page_cut_to_its_content(layout: SlipLayout, tmp_path: Path) -> None:
    short = make_slip(face_value_yuan=None, terms="")
    path = write(voucher_slip_pdf([make_slip(), short], layout), tmp_path)

    sizes = pages(path)
    paper = 80 if layout is SlipLayout.RECEIPT_80 else 58
    assert len(sizes) == 2
    assert all(width == pytest.approx(paper, abs=0.01) for width, _ in sizes)
    assert 100 < sizes[1][1] < sizes[0][1] < 230  # a slip's length, not an A4 page; no terms, less paper
    assert "面值" not in text_of(write(voucher_slip_pdf([short], layout), tmp_path, "short.pdf"))


def test_a4_prints_eight_cards_a_page_and_every_code_scans(tmp_path: Path) -> None:
    slips = [make_slip(seed=100 + number, serial_code=f"HY7K-3M{number}Q") for number in range(10)]
    path = write(voucher_slip_pdf(slips, SlipLayout.A4), tmp_path)

    assert [(round(w), round(h)) for w, h in pages(path)] == [(210, 297), (210, 297)]
    pngs = rasterise(path, tmp_path)
    scanned = [decoded(png) for png in pngs]
    assert [len(codes) for codes in scanned] == [8, 2]
    assert sorted(code for codes in scanned for code in codes) == sorted(slip.qr_text for slip in slips)
    text = text_of(path)
    assert all(slip.serial_code in text for slip in slips)


LONG = dict(
    base_name="明华商圈红色港湾党群服务基地暖新驿站（汇洋广场分站）",
    merchant_name="汇上佳超市连锁有限公司明华商圈汇洋广场旗舰店（原汇洋百货一楼生鲜区）Huishangjia Supermarket Flagship",
    merchant_address="浙江省杭州市明华区明华路888号汇洋广场购物中心一层东侧靠近三号门停车场出入口旁边",
    reward_title="满100减30元全场通用购物券（生鲜、烟酒、奶粉及特价商品除外）Supercalifragilisticexpialidocious",
    member_masked_name="欧阳**𠮷",
    terms="\n".join([TERMS] * 6) + "\nThe last line of these terms never fits on the slip.",
)


@pytest.mark.parametrize("layout", list(SlipLayout))
def test_long_texts_wrap_inside_the_paper_and_long_terms_are_cut_short(layout: SlipLayout, tmp_path: Path) -> None:
    slip = make_slip(seed=3, reprint=True, **LONG)
    path = write(voucher_slip_pdf([slip], layout), tmp_path)

    found = words(path)
    assert found
    if layout is SlipLayout.A4:
        card_w, card_h, margin = 105.0, 297 / 4, 6.0
        for _, x0, y0, x1, y1, word in found:
            assert x0 >= margin - 0.5 and x1 <= card_w - margin + 0.5, word  # the first card, left column
            assert y0 >= margin - 0.5 and y1 <= card_h - margin + 0.5, word
    else:
        left, right = PRINTABLE_MM[layout]
        for _, x0, _, x1, _, word in found:
            assert x0 >= left - 0.3 and x1 <= right + 0.3, word
    text = text_of(path)
    assert "…" in text  # the terms are capped, and say so
    assert "never fits" not in text
    assert "□" in text  # 𠮷 is not in the embedded font: a visible box, never a gap in the name
    [png] = rasterise(path, tmp_path)
    assert decoded(png) == [slip.qr_text]


def test_the_58mm_slip_is_laid_out_for_its_width_not_shrunk(tmp_path: Path) -> None:
    narrow = write(voucher_slip_pdf([make_slip()], SlipLayout.RECEIPT_58), tmp_path, "58.pdf")
    wide = write(voucher_slip_pdf([make_slip()], SlipLayout.RECEIPT_80), tmp_path, "80.pdf")

    def lines(path: Path) -> int:
        return len({round(y0, 1) for _, _, y0, _, _, _ in words(path)})

    # The same words take more lines on narrower paper, at a size still read without glasses.
    assert lines(narrow) > lines(wide)
    heights = [y1 - y0 for _, _, y0, _, y1, word in words(narrow) if "本券一经核销" in word]
    assert heights and min(heights) >= 2.2  # mm: 7 pt type, not a scaled-down 80 mm slip


@pytest.mark.parametrize("qr_text", [
    "HGV1:ABC",  # a short code
    payload(5, length=300),  # a larger version, with version information blocks
    "hgv1:mixed-case payload, byte mode",
])
def test_codes_of_any_size_and_mode_scan_on_the_narrowest_paper(qr_text: str, tmp_path: Path) -> None:
    path = write(voucher_slip_pdf([make_slip(qr_text=qr_text)], SlipLayout.RECEIPT_58), tmp_path)

    [png] = rasterise(path, tmp_path)

    assert decoded(png) == [qr_text]
    assert module_px(png) >= 3


def test_labels_come_from_the_caller(tmp_path: Path) -> None:
    labels = SlipLabels(title="Points voucher", reprint="REPRINT", merchant="Merchant", reward="Reward",
                        points="Points used", points_amount="{points} points", face_value="Face value",
                        face_value_amount="CNY {amount}", member="Member", serial="Code (type it if the scan fails)",
                        issued="Issued", expires="Valid until", terms="Terms", terms_inline="{terms}: {text}",
                        notice="Scan at an alliance merchant to redeem. Valid once only.")
    for layout in SlipLayout:
        path = write(voucher_slip_pdf([make_slip(reprint=True)], layout, labels), tmp_path, f"{layout.value}.pdf")
        text = text_of(path)
        joined = flat(text)
        assert "Pointsvoucher" in joined and "REPRINT" in joined and "200points" in joined
        assert "CNY10.00" in joined and "Validuntil" in joined and "Validonceonly." in joined
        assert "积分兑换券" not in text and "重印" not in text


def test_nothing_to_print_is_refused() -> None:
    with pytest.raises(ValueError):
        voucher_slip_pdf([], SlipLayout.RECEIPT_80)


@pytest.mark.parametrize("length", [2000, 10_000])
def test_a_payload_too_long_for_the_paper_is_refused_plainly(length: int) -> None:
    with pytest.raises(ValueError):
        voucher_slip_pdf([make_slip(qr_text="A" * length)], SlipLayout.RECEIPT_58)
