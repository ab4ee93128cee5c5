"""Domain layer: vouchers (兑换券) — their states and what a redemption attempt can come to."""

from __future__ import annotations

import enum

TERMS_MAX = 500
VOID_REASON_MAX = 60


class VoucherStatus(enum.StrEnum):
    ISSUED = "issued"  # points spent, slip printed, not yet redeemed
    REDEEMED = "redeemed"  # used at the merchant: final
    VOID = "void"  # 作废 by staff: points refunded, stock restored
    EXPIRED = "expired"  # past its last day unredeemed (points refunded or not, per setting)


class Outcome(enum.StrEnum):
    """What the redemption station says, each with its own banner and sound."""

    REDEEMED = "redeemed"  # ✔ redeemed by this scan
    ALREADY_REDEEMED = "already_redeemed"  # when, where, by whom
    EXPIRED = "expired"  # the last day it was valid
    VOIDED = "voided"
    WRONG_MERCHANT = "wrong_merchant"  # a genuine voucher of another merchant
    NOT_GENUINE = "not_genuine"  # bad signature, unknown key or serial, garbage
    TYPO = "typo"  # a typed serial whose check symbol does not match
    VALID = "valid"  # verify only: it can be redeemed now


def yuan(fen: int | None) -> str:
    """¥ amounts as staff write them: 10 → "0.10", 1000 → "10.00"."""
    if fen is None:
        return ""
    return f"{fen // 100}.{fen % 100:02d}"
