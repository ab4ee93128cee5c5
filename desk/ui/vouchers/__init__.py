"""UI layer: vouchers (兑换券) at the desk — the reward catalogue that issues them, the slip preview that prints
them, the member's vouchers, and the banner of the redemption station — and the words they share."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.printing.voucher_slip import SlipLabels, SlipLayout

# lupdate finds strings in calls named `translate("Context", "literal")`.
translate = QCoreApplication.translate


def layout_name(layout: SlipLayout) -> str:
    """The paper a layout is for, as staff choose it."""
    return {
        SlipLayout.RECEIPT_80: translate("Vouchers", "80 mm 小票"),
        SlipLayout.RECEIPT_58: translate("Vouchers", "58 mm 小票"),
        SlipLayout.A4: translate("Vouchers", "A4 纸（每页 8 张）"),
    }[layout]


def slip_labels() -> SlipLabels:
    """Every printed word of a slip in the desk's language."""
    return SlipLabels(
        title=translate("Vouchers", "积分兑换券"),
        reprint=translate("Vouchers", "重印"),
        merchant=translate("Vouchers", "兑换商家"),
        reward=translate("Vouchers", "兑换内容"),
        points=translate("Vouchers", "所用积分"),
        points_amount=translate("Vouchers", "{points} 分"),
        face_value=translate("Vouchers", "面值"),
        face_value_amount=translate("Vouchers", "¥{amount}"),
        member=translate("Vouchers", "会员"),
        serial=translate("Vouchers", "券码（扫码失败时手工输入）"),
        issued=translate("Vouchers", "发券日期"),
        expires=translate("Vouchers", "有效期至"),
        terms=translate("Vouchers", "使用说明"),
        terms_inline=translate("Vouchers", "{terms}：{text}"),
        notice=translate("Vouchers", "凭此券到联盟商家扫码核销，仅限使用一次"),
    )
