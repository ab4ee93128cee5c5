"""Vouchers on both backends: issuing (points spent and voucher made together, stock, monthly limit, inactive
rewards and merchants, submission keys), redemption outcomes (once, expired, voided, another merchant, forged and
mistyped codes), void and expiry (refunds, stock back), settlement once, and `desk check` after each."""

from __future__ import annotations

import datetime as dt

import pytest
from booking_fixtures import person
from sqlalchemy import func, insert, select, update

from desk.domain.clock import FixedClock
from desk.domain.errors import (
    InsufficientPoints,
    MonthlyLimitReached,
    NothingToSettle,
    OutOfStock,
    PermissionDenied,
    Required,
    RewardUnavailable,
    VoucherNotIssued,
)
from desk.domain.periods import Period
from desk.domain.staff import Actor, Role
from desk.domain.voucher_code import serial_code
from desk.domain.vouchers import Outcome, VoucherStatus
from desk.services.auth import AuthService
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.points import MemberRow, PointsService, new_key
from desk.services.settings import SettingsService
from desk.services.staff import StaffService
from desk.services.voucher_keys import VoucherKeys
from desk.services.vouchers import VoucherService
from desk.storage.models import AuditEvent, Member, Merchant, PointsEntry, Reward, Voucher

PASSWORD = "hongse-desk-2026"


@pytest.fixture
def vouchers(ctx: ServiceContext) -> VoucherService:
    return VoucherService(ctx)


@pytest.fixture
def merchants(ctx: ServiceContext, admin: Actor) -> dict[str, int]:
    now = ctx.clock.now()
    with ctx.db.write() as s:
        return {name: s.execute(insert(Merchant).returning(Merchant.id), {
            "name": name, "active": True, "created_at": now, "address": address}).scalar_one()
            for name, address in (("汇上佳超市", "明华路 18 号"), ("茶语时光", "明华商圈 B 座 1 层"))}


def _reward(ctx: ServiceContext, merchant_id: int, title: str, points: int, *, stock: int | None = None,
            monthly_limit: int | None = None, validity_days: int = 30, face_fen: int | None = 1000) -> int:
    with ctx.db.write() as s:
        return int(s.execute(insert(Reward).returning(Reward.id), {
            "merchant_id": merchant_id, "title": title, "terms": "限本店使用，不找零", "points": points,
            "face_value_fen": face_fen, "stock": stock, "monthly_limit": monthly_limit,
            "validity_days": validity_days, "active": True, "created_at": ctx.clock.now()}).scalar_one())


@pytest.fixture
def member(ctx: ServiceContext, admin: Actor) -> MemberRow:
    points = PointsService(ctx)
    row = points.join(admin, person(ctx, admin, "张伟明"))
    points.earn(admin, row.id, 50, "志愿服务", new_key())
    return row


def _state(ctx: ServiceContext) -> tuple[int, ...]:
    with ctx.db.read() as s:
        return (s.execute(select(func.count()).select_from(Voucher)).scalar_one(),
                s.execute(select(func.count()).select_from(PointsEntry)).scalar_one(),
                s.execute(select(func.coalesce(func.sum(Member.balance), 0))).scalar_one(),
                s.execute(select(func.coalesce(func.sum(Reward.stock), 0))).scalar_one(),
                s.execute(select(func.count()).select_from(AuditEvent)).scalar_one())


def _consistent(ctx: ServiceContext) -> None:
    assert CheckService(ctx).run() == []


# -- issuing ---------------------------------------------------------------------------------------------------------

def test_issuing_spends_the_points_and_makes_a_signed_voucher(ctx: ServiceContext, admin: Actor, vouchers:
                                                              VoucherService, merchants: dict[str, int],
                                                              member: MemberRow) -> None:
    reward = _reward(ctx, merchants["汇上佳超市"], "满50减10", 10, stock=5)
    issued = vouchers.issue(admin, member.id, reward, new_key())
    assert issued.balance == 40 and PointsService(ctx).balance(member.id) == 40
    row = issued.voucher
    assert row.status is VoucherStatus.ISSUED and row.code == serial_code(row.id) and row.masked_name == "张*明"
    assert row.expires_on == dt.date(2026, 11, 28) + dt.timedelta(days=29)  # 30 days, today included
    slip = issued.slip
    assert slip.serial_code == row.code and slip.qr_text.startswith("RHV1:") and slip.member_masked_name == "张*明"
    assert slip.merchant_name == "汇上佳超市" and not slip.reprint
    entry = PointsService(ctx).ledger(member.id)[0]
    assert entry.amount == -10 and entry.ref_kind == "voucher" and entry.ref_id == row.id
    with ctx.db.read() as s:
        assert s.execute(select(Reward.stock).where(Reward.id == reward)).scalar_one() == 4
    assert vouchers.verify(slip.qr_text).outcome is Outcome.VALID
    _consistent(ctx)


def test_the_same_issue_twice_makes_one_voucher(ctx: ServiceContext, admin: Actor, vouchers: VoucherService,
                                                merchants: dict[str, int], member: MemberRow) -> None:
    reward = _reward(ctx, merchants["汇上佳超市"], "满50减10", 10)
    key = new_key()
    first = vouchers.issue(admin, member.id, reward, key)
    before = _state(ctx)
    again = vouchers.issue(admin, member.id, reward, key)
    assert again.replayed and again.voucher.id == first.voucher.id and _state(ctx) == before


@pytest.mark.parametrize("case", ["points", "stock", "limit", "reward_inactive", "merchant_inactive"])
def test_refused_issues_spend_nothing(ctx: ServiceContext, admin: Actor, vouchers: VoucherService,
                                      merchants: dict[str, int], member: MemberRow, case: str) -> None:
    shop = merchants["汇上佳超市"]
    reward = {
        "points": lambda: _reward(ctx, shop, "电饭煲", 80),
        "stock": lambda: _reward(ctx, shop, "大米一袋", 10, stock=0),
        "limit": lambda: _reward(ctx, shop, "满50减10", 10, monthly_limit=1),
        "reward_inactive": lambda: _reward(ctx, shop, "食用油", 10),
        "merchant_inactive": lambda: _reward(ctx, shop, "酱油", 10),
    }[case]()
    if case == "limit":
        vouchers.issue(admin, member.id, reward, new_key())
    with ctx.db.write() as s:
        if case == "reward_inactive":
            s.execute(update(Reward).where(Reward.id == reward).values(active=False))
        if case == "merchant_inactive":
            s.execute(update(Merchant).where(Merchant.id == shop).values(active=False))
    before = _state(ctx)
    expected = {"points": InsufficientPoints, "stock": OutOfStock, "limit": MonthlyLimitReached,
                "reward_inactive": RewardUnavailable, "merchant_inactive": RewardUnavailable}[case]
    with pytest.raises(expected):
        vouchers.issue(admin, member.id, reward, new_key())
    assert _state(ctx) == before
    _consistent(ctx)


def test_the_monthly_limit_starts_again_next_month_and_voided_vouchers_do_not_count(
        ctx: ServiceContext, admin: Actor, clock: FixedClock, vouchers: VoucherService, merchants: dict[str, int],
        member: MemberRow) -> None:
    reward = _reward(ctx, merchants["茶语时光"], "奶茶一杯", 5, monthly_limit=1)
    first = vouchers.issue(admin, member.id, reward, new_key())
    vouchers.void(admin, first.voucher.id, "选错了")
    vouchers.issue(admin, member.id, reward, new_key())
    with pytest.raises(MonthlyLimitReached):
        vouchers.issue(admin, member.id, reward, new_key())
    clock.set(dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC))  # 00:30 on 12-01 in Shanghai
    assert vouchers.issue(admin, member.id, reward, new_key()).voucher.status is VoucherStatus.ISSUED


def test_the_catalogue_says_what_a_member_can_have(ctx: ServiceContext, admin: Actor, vouchers: VoucherService,
                                                   merchants: dict[str, int], member: MemberRow) -> None:
    cheap = _reward(ctx, merchants["茶语时光"], "奶茶一杯", 5, monthly_limit=1)
    _reward(ctx, merchants["汇上佳超市"], "电饭煲", 80)
    _reward(ctx, merchants["汇上佳超市"], "大米一袋", 10, stock=0)
    vouchers.issue(admin, member.id, cheap, new_key())
    offers = {o.title: o for o in vouchers.catalogue(member.id)}
    assert [o.title for o in vouchers.catalogue(member.id)] == ["奶茶一杯", "大米一袋", "电饭煲"]  # cheapest first
    assert offers["奶茶一杯"].taken_this_month == 1 and not offers["奶茶一杯"].available
    assert not offers["电饭煲"].affordable and not offers["大米一袋"].available
    assert [o.title for o in vouchers.catalogue(member.id, "茶语")] == ["奶茶一杯"]


# -- redemption ------------------------------------------------------------------------------------------------------

def test_a_voucher_is_redeemed_once(ctx: ServiceContext, admin: Actor, vouchers: VoucherService,
                                    merchants: dict[str, int], member: MemberRow) -> None:
    issued = vouchers.issue(admin, member.id, _reward(ctx, merchants["汇上佳超市"], "满50减10", 10), new_key())
    done = vouchers.redeem(admin, issued.slip.qr_text)
    assert done.outcome is Outcome.REDEEMED and done.ok and done.voucher is not None
    assert done.voucher.status is VoucherStatus.REDEEMED and done.voucher.redeemed_by == "王建国"
    before = _state(ctx)
    again = vouchers.redeem(admin, issued.slip.qr_text)
    assert again.outcome is Outcome.ALREADY_REDEEMED and again.voucher is not None
    assert again.voucher.redeemed_at == done.voucher.redeemed_at
    assert vouchers.redeem(admin, issued.voucher.code).outcome is Outcome.ALREADY_REDEEMED  # the typed serial too
    assert _state(ctx) == before
    _consistent(ctx)


def test_a_merchant_cashier_redeems_only_their_own_merchants_vouchers(
        ctx: ServiceContext, admin: Actor, vouchers: VoucherService, merchants: dict[str, int],
        member: MemberRow) -> None:
    StaffService(ctx).add(admin, "chayu", "茶语收银", Role.MERCHANT, PASSWORD, PASSWORD, merchants["茶语时光"])
    cashier = AuthService(ctx).login("chayu", PASSWORD)
    supermarket = vouchers.issue(admin, member.id, _reward(ctx, merchants["汇上佳超市"], "满50减10", 10), new_key())
    tea = vouchers.issue(admin, member.id, _reward(ctx, merchants["茶语时光"], "奶茶一杯", 5), new_key())
    before = _state(ctx)
    wrong = vouchers.redeem(cashier, supermarket.slip.qr_text)
    assert wrong.outcome is Outcome.WRONG_MERCHANT and _state(ctx) == before
    assert vouchers.redeem(cashier, supermarket.slip.qr_text, merchant_id=merchants["汇上佳超市"]).outcome \
        is Outcome.WRONG_MERCHANT  # a cashier cannot name another merchant
    assert vouchers.redeem(cashier, tea.voucher.code.lower().replace("-", " ")).outcome is Outcome.REDEEMED
    assert [r.id for r in vouchers.redemptions(merchants["茶语时光"])] == [tea.voucher.id]


def test_expired_and_voided_vouchers_are_not_redeemed(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                                      vouchers: VoucherService, merchants: dict[str, int],
                                                      member: MemberRow) -> None:
    shop = merchants["汇上佳超市"]
    short = vouchers.issue(admin, member.id, _reward(ctx, shop, "早餐券", 5, validity_days=1), new_key())
    voided = vouchers.issue(admin, member.id, _reward(ctx, shop, "满50减10", 10), new_key())
    vouchers.void(admin, voided.voucher.id, "会员改兑其他")
    assert vouchers.redeem(admin, voided.slip.qr_text).outcome is Outcome.VOIDED
    clock.set(dt.datetime(2026, 11, 28, 15, 59, tzinfo=dt.UTC))  # 23:59 on the last day: still valid
    assert vouchers.verify(short.slip.qr_text).outcome is Outcome.VALID
    clock.set(dt.datetime(2026, 11, 28, 16, 1, tzinfo=dt.UTC))  # the next local day
    before = _state(ctx)
    late = vouchers.redeem(admin, short.slip.qr_text)
    assert late.outcome is Outcome.EXPIRED and late.voucher is not None
    assert late.voucher.expires_on == dt.date(2026, 11, 28) and _state(ctx) == before


def _flip(text: str, index: int) -> str:
    replacement = "B" if text[index] == "A" else "A"
    return text[:index] + replacement + text[index + 1:]


def test_forged_altered_and_mistyped_codes_change_nothing(ctx: ServiceContext, admin: Actor, tmp_path: object,
                                                         vouchers: VoucherService, merchants: dict[str, int],
                                                         member: MemberRow) -> None:
    issued = vouchers.issue(admin, member.id, _reward(ctx, merchants["汇上佳超市"], "满50减10", 10), new_key())
    text = issued.slip.qr_text
    before = _state(ctx)
    for index in range(len("RHV1:"), len(text)):
        assert vouchers.redeem(admin, _flip(text, index)).outcome is Outcome.NOT_GENUINE, index
    for forged in (text[:-1], text + "A", text[:40], "RHV1:" + "A" * 200, "hello", "RHV1:", "x" * 10_000,
                   "RHV1:测试", "RHV9:" + text[5:]):
        assert vouchers.redeem(admin, forged).outcome is Outcome.NOT_GENUINE, forged[:20]
    # A slip signed with a key this database does not know: well-formed, properly signed, not ours.
    other = VoucherService(ctx, VoucherKeys(ctx.location.data_dir / "elsewhere"))
    stranger = other.slip(issued.voucher.id).qr_text
    assert vouchers.redeem(admin, stranger).outcome is Outcome.NOT_GENUINE
    code = issued.voucher.code
    typo = code[:2] + ("2" if code[2] != "2" else "3") + code[3:]
    assert vouchers.redeem(admin, typo).outcome is Outcome.TYPO
    swapped = code[0] + code[2] + code[1] + code[3:] if code[1] != code[2] else None
    if swapped is not None:
        assert vouchers.redeem(admin, swapped).outcome is Outcome.TYPO
    assert vouchers.redeem(admin, "HY7K-3M9").outcome is Outcome.NOT_GENUINE  # too short
    with pytest.raises(Required):
        vouchers.redeem(admin, "   ")
    assert _state(ctx) == before
    assert vouchers.redeem(admin, text).outcome is Outcome.REDEEMED  # the genuine slip still works


def test_a_serial_of_no_voucher_is_not_genuine(ctx: ServiceContext, admin: Actor, vouchers: VoucherService) -> None:
    assert vouchers.redeem(admin, serial_code(424_242)).outcome is Outcome.NOT_GENUINE


def test_old_slips_stay_valid_after_the_key_is_rotated(ctx: ServiceContext, admin: Actor, vouchers: VoucherService,
                                                       merchants: dict[str, int], member: MemberRow) -> None:
    issued = vouchers.issue(admin, member.id, _reward(ctx, merchants["汇上佳超市"], "满50减10", 10), new_key())
    VoucherKeys(ctx.location.data_dir).rotate()
    fresh = VoucherService(ctx)
    reprinted = fresh.reprint(admin, issued.voucher.id)
    assert reprinted.reprint and reprinted.qr_text != issued.slip.qr_text  # signed with the new key
    assert fresh.verify(issued.slip.qr_text).outcome is Outcome.VALID
    assert fresh.redeem(admin, reprinted.qr_text).outcome is Outcome.REDEEMED
    with pytest.raises(VoucherNotIssued):
        fresh.reprint(admin, issued.voucher.id)
    assert fresh.get(issued.voucher.id).reprints == 1


# -- void and expiry -------------------------------------------------------------------------------------------------

def test_void_refunds_the_points_and_restores_the_stock(ctx: ServiceContext, admin: Actor, vouchers: VoucherService,
                                                        merchants: dict[str, int], member: MemberRow) -> None:
    reward = _reward(ctx, merchants["汇上佳超市"], "满50减10", 10, stock=3)
    issued = vouchers.issue(admin, member.id, reward, new_key())
    with pytest.raises(Required):
        vouchers.void(admin, issued.voucher.id, "")
    row = vouchers.void(admin, issued.voucher.id, "会员改兑其他")
    assert row.status is VoucherStatus.VOID and row.void_reason == "会员改兑其他"
    assert PointsService(ctx).balance(member.id) == 50
    with ctx.db.read() as s:
        assert s.execute(select(Reward.stock).where(Reward.id == reward)).scalar_one() == 3
    before = _state(ctx)
    with pytest.raises(VoucherNotIssued):
        vouchers.void(admin, issued.voucher.id, "再次作废")
    assert _state(ctx) == before
    _consistent(ctx)


def test_a_redeemed_voucher_is_not_voided(ctx: ServiceContext, admin: Actor, vouchers: VoucherService,
                                          merchants: dict[str, int], member: MemberRow) -> None:
    issued = vouchers.issue(admin, member.id, _reward(ctx, merchants["汇上佳超市"], "满50减10", 10), new_key())
    vouchers.redeem(admin, issued.slip.qr_text)
    with pytest.raises(VoucherNotIssued):
        vouchers.void(admin, issued.voucher.id, "录错")


@pytest.mark.parametrize("refund", [True, False])
def test_expiry_refunds_per_setting(ctx: ServiceContext, admin: Actor, clock: FixedClock, vouchers: VoucherService,
                                    merchants: dict[str, int], member: MemberRow, refund: bool) -> None:
    SettingsService(ctx).set_bool(admin, "voucher_expiry_refund", refund)
    reward = _reward(ctx, merchants["汇上佳超市"], "早餐券", 5, validity_days=2, stock=10)
    kept = vouchers.issue(admin, member.id, _reward(ctx, merchants["茶语时光"], "奶茶一杯", 5), new_key())
    issued = vouchers.issue(admin, member.id, reward, new_key())
    assert vouchers.expire_due() == 0
    clock.advance(days=2)
    assert vouchers.expire_due() == 1 and vouchers.expire_due() == 0
    assert vouchers.get(issued.voucher.id).status is VoucherStatus.EXPIRED
    assert vouchers.get(kept.voucher.id).status is VoucherStatus.ISSUED
    assert PointsService(ctx).balance(member.id) == (45 if refund else 40)
    with ctx.db.read() as s:
        assert s.execute(select(Reward.stock).where(Reward.id == reward)).scalar_one() == 10
    _consistent(ctx)


def test_only_staff_issue_and_void(ctx: ServiceContext, admin: Actor, vouchers: VoucherService,
                                   merchants: dict[str, int], member: MemberRow) -> None:
    StaffService(ctx).add(admin, "chayu", "茶语收银", Role.MERCHANT, PASSWORD, PASSWORD, merchants["茶语时光"])
    cashier = AuthService(ctx).login("chayu", PASSWORD)
    reward = _reward(ctx, merchants["茶语时光"], "奶茶一杯", 5)
    with pytest.raises(PermissionDenied):
        vouchers.issue(cashier, member.id, reward, new_key())
    issued = vouchers.issue(admin, member.id, reward, new_key())
    with pytest.raises(PermissionDenied):
        vouchers.void(cashier, issued.voucher.id, "不要了")


# -- settlement ------------------------------------------------------------------------------------------------------

def test_a_period_is_settled_once(ctx: ServiceContext, admin: Actor, clock: FixedClock, vouchers: VoucherService,
                                  merchants: dict[str, int], member: MemberRow) -> None:
    shop = merchants["汇上佳超市"]
    reward = _reward(ctx, shop, "满50减10", 10, face_fen=1000)
    first = vouchers.issue(admin, member.id, reward, new_key())
    second = vouchers.issue(admin, member.id, reward, new_key())
    unredeemed = vouchers.issue(admin, member.id, reward, new_key())
    vouchers.redeem(admin, first.slip.qr_text)
    vouchers.redeem(admin, second.slip.qr_text)
    november = Period.month(2026, 11)
    preview = vouchers.settlement_preview(shop, november)
    assert (preview.id, preview.count, preview.points, preview.face_value_fen) == (None, 2, 20, 2000)
    settled = vouchers.settle(admin, shop, november)
    assert settled.id is not None and settled.count == 2 and {v.id for v in settled.vouchers} == {
        first.voucher.id, second.voucher.id}
    before = _state(ctx)
    with pytest.raises(NothingToSettle):
        vouchers.settle(admin, shop, november)
    assert _state(ctx) == before
    clock.advance(days=5)  # December
    vouchers.redeem(admin, unredeemed.slip.qr_text)
    assert vouchers.settlement_preview(shop, november).count == 0
    assert vouchers.settlement_preview(shop, Period.month(2026, 12)).count == 1
    assert vouchers.get(first.voucher.id).settled and not vouchers.get(unredeemed.voucher.id).settled
    _consistent(ctx)


def test_desk_check_finds_a_voucher_paid_with_the_wrong_amount(ctx: ServiceContext, admin: Actor,
                                                               vouchers: VoucherService, merchants: dict[str, int],
                                                               member: MemberRow) -> None:
    issued = vouchers.issue(admin, member.id, _reward(ctx, merchants["汇上佳超市"], "满50减10", 10), new_key())
    with ctx.db.write() as s:
        s.execute(update(Voucher).where(Voucher.id == issued.voucher.id).values(points=3))
    assert "vouchers_paid_and_settled_once" in [v.check for v in CheckService(ctx).run()]
