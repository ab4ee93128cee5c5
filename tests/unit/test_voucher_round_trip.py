"""The whole life of a slip, as a merchant meets it: issue at the desk → the 80 mm and 58 mm slip PDFs →
printed at a receipt printer's 203 dpi (pdftoppm) → scanned by an independent QR decoder (zxing-cpp) → the
decoded text redeems the voucher once; a second scan is refused as already redeemed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from booking_fixtures import person
from PIL import Image
from sqlalchemy import insert

from desk.domain.staff import Actor
from desk.domain.vouchers import Outcome
from desk.printing.voucher_slip import SlipLayout, voucher_slip_pdf
from desk.services.context import ServiceContext
from desk.services.points import PointsService, new_key
from desk.services.vouchers import VoucherService
from desk.storage.models import Merchant, Reward

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")


def _scan(pdf: bytes, folder: Path) -> list[str]:
    path = folder / "slip.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "203", "-png", "-singlefile", str(path), str(folder / "printed")], check=True)
    return [code.text for code in zxingcpp.read_barcodes(Image.open(folder / "printed.png"))]


@pytest.mark.parametrize("layout", [SlipLayout.RECEIPT_80, SlipLayout.RECEIPT_58])
def test_a_printed_slip_scans_and_redeems_once(ctx: ServiceContext, admin: Actor, tmp_path: Path,
                                               layout: SlipLayout) -> None:
    now = ctx.clock.now()
    with ctx.db.write() as s:
        merchant = s.execute(insert(Merchant).returning(Merchant.id), {
            "name": "汇上佳超市", "active": True, "created_at": now, "address": "明华路 18 号"}).scalar_one()
        reward = s.execute(insert(Reward).returning(Reward.id), {
            "merchant_id": merchant, "title": "满50减10", "terms": "限本店使用，不找零", "points": 10,
            "face_value_fen": 1000, "stock": None, "monthly_limit": None, "validity_days": 30, "active": True,
            "created_at": now}).scalar_one()
    points = PointsService(ctx)
    member = points.join(admin, person(ctx, admin, "张伟明"))
    points.earn(admin, member.id, 30, "志愿服务", new_key())
    vouchers = VoucherService(ctx)
    issued = vouchers.issue(admin, member.id, reward, new_key())

    scanned = _scan(voucher_slip_pdf([issued.slip], layout), tmp_path)

    assert scanned == [issued.slip.qr_text]
    assert vouchers.redeem(admin, scanned[0]).outcome is Outcome.REDEEMED
    assert vouchers.redeem(admin, scanned[0]).outcome is Outcome.ALREADY_REDEEMED
