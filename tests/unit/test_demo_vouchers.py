"""The demo's 兑换券: rewards of the alliance merchants and nine weeks of vouchers made by the real VoucherService —
paid for by the ledger at their moments, most redeemed, a few voided and expired, one month settled — that keep
`desk check` passing and work at the redemption station."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter, defaultdict

from sqlalchemy import select

from desk.domain.points import EntryKind
from desk.domain.staff import Actor
from desk.domain.vouchers import Outcome, VoucherStatus
from desk.services.auth import AuthService
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.demo import (
    DEMO_EXPIRED,
    DEMO_PASSWORD,
    DEMO_REWARDS,
    DEMO_VOIDED,
    DEMO_VOUCHER_DAYS,
    seed_demo,
)
from desk.services.staff import StaffService
from desk.services.voucher_keys import VoucherKeys
from desk.services.vouchers import VoucherService
from desk.storage.models import AuditEvent, Merchant, PointsEntry, Reward, Settlement, Staff, Voucher

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_demo_vouchers_are_paid_redeemed_voided_expired_and_settled(ctx: ServiceContext) -> None:
    summary = seed_demo(ctx)
    now = ctx.clock.now()
    today = now.astimezone(ZONE).date()

    assert CheckService(ctx).run() == []
    with ctx.db.read() as s:
        vouchers = s.execute(select(Voucher).order_by(Voucher.id)).scalars().all()
        rewards = {r.id: r for r in s.execute(select(Reward)).scalars()}
        merchants = {m.id: m for m in s.execute(select(Merchant)).scalars()}
        entries = {e.id: e for e in s.execute(select(PointsEntry)).scalars()}
        staff = {st.id: st.username for st in s.execute(select(Staff)).scalars()}
        settlements = s.execute(select(Settlement)).scalars().all()
        actions = Counter(s.execute(select(AuditEvent.action)).scalars())

    assert (summary.rewards, summary.vouchers) == (len(DEMO_REWARDS), len(vouchers)) and len(vouchers) >= 30
    statuses = Counter(v.status for v in vouchers)
    assert summary.vouchers_redeemed == statuses[VoucherStatus.REDEEMED] > len(vouchers) // 2
    assert statuses[VoucherStatus.VOID] == DEMO_VOIDED and statuses[VoucherStatus.EXPIRED] >= DEMO_EXPIRED
    assert statuses[VoucherStatus.ISSUED] > 0

    # The merchants are described, and the rewards are the ones offered.
    assert all(m.address and m.contact_person and m.category and m.plaque_no and m.joined_on
               for m in merchants.values())
    offered = {(merchants[r.merchant_id].name, r.title): r for r in rewards.values()}
    assert set(offered) == {(d.merchant, d.title) for d in DEMO_REWARDS}
    shop_offer = offered[("汇上佳超市", "满50减10")]
    assert (shop_offer.points, shop_offer.face_value_fen, shop_offer.monthly_limit) == (10, 1000, 2)
    assert any(r.stock is None for r in rewards.values()) and not offered[("书香社区书店", "图书 8 折券")].active

    taken: Counter[int] = Counter()
    per_month: Counter[tuple[int, int, int, int]] = Counter()
    for voucher in vouchers:
        reward = rewards[voucher.reward_id]
        merchant = merchants[voucher.merchant_id]
        issued = voucher.issued_at.astimezone(ZONE)
        # Paid for at its moment by a spend of its points, as the desk writes it.
        spend = entries[voucher.spend_entry_id or 0]
        assert (spend.kind, spend.amount, spend.member_id, spend.at) == (
            EntryKind.SPEND, -voucher.points, voucher.member_id, voucher.issued_at)
        assert (spend.reason, spend.ref_kind, spend.ref_id) == (
            f"兑换：{merchant.name} {reward.title}", "voucher", voucher.id)
        assert (voucher.points, voucher.merchant_id) == (reward.points, reward.merchant_id)
        assert voucher.expires_on == issued.date() + dt.timedelta(days=reward.validity_days - 1)
        assert today - dt.timedelta(days=DEMO_VOUCHER_DAYS + 1) <= issued.date() <= today
        assert reward.created_at <= voucher.issued_at <= now and reward.active
        assert staff[voucher.issued_by or 0] in ("lixiaomei", "zhanghua", "chenjing")
        if voucher.status != VoucherStatus.VOID:
            per_month[(voucher.member_id, voucher.reward_id, issued.year, issued.month)] += 1
        if voucher.status == VoucherStatus.REDEEMED:
            assert voucher.redeemed_at is not None
            redeemed = voucher.redeemed_at.astimezone(ZONE)
            assert voucher.issued_at < voucher.redeemed_at <= now and redeemed.date() <= voucher.expires_on
            cashier = "huishang" if merchant.name == "汇上佳超市" else "admin"
            assert staff[voucher.redeemed_by or 0] == cashier
            if reward.title == "早餐券":
                assert dt.time(6, 30) <= redeemed.time() <= dt.time(9, 30)
        elif voucher.status in (VoucherStatus.VOID, VoucherStatus.EXPIRED):
            # The points came back when it ended, and the stock with them.
            refund = entries[voucher.refund_entry_id or 0]
            assert (refund.kind, refund.amount, refund.at) == (EntryKind.REFUND, voucher.points, voucher.voided_at)
            assert voucher.voided_at is not None and voucher.issued_at < voucher.voided_at <= now
            if voucher.status == VoucherStatus.VOID:
                assert voucher.void_reason
            else:
                assert voucher.expires_on < voucher.voided_at.astimezone(ZONE).date()
        else:
            assert voucher.expires_on >= today  # nothing past its last day is still open
        if voucher.status in (VoucherStatus.ISSUED, VoucherStatus.REDEEMED):
            taken[voucher.reward_id] += 1
    for reward in rewards.values():
        spec = next(d for d in DEMO_REWARDS if (d.merchant, d.title) == (merchants[reward.merchant_id].name,
                                                                         reward.title))
        assert reward.stock == (None if spec.stock is None else spec.stock - taken[reward.id])
    assert all(per_month[(m, r, y, mo)] <= (rewards[r].monthly_limit or 99) for m, r, y, mo in per_month)

    # Last whole month of 汇上佳超市 is settled, once.
    assert len(settlements) == 1
    settlement = settlements[0]
    assert merchants[settlement.merchant_id].name == "汇上佳超市"
    assert settlement.period_start.day == 1 and settlement.period_end < today
    assert (settlement.period_end + dt.timedelta(days=1)).day == 1
    settled = [v for v in vouchers if v.settlement_id == settlement.id]
    assert settled and settlement.vouchers == len(settled)
    assert settlement.points == sum(v.points for v in settled)
    assert settlement.face_value_fen == sum(v.face_value_fen or 0 for v in settled)
    assert all(v.status == VoucherStatus.REDEEMED and v.redeemed_at is not None
               and settlement.period_start <= v.redeemed_at.astimezone(ZONE).date() <= settlement.period_end
               for v in settled)

    # Every call was the desk's own, and audited as such.
    assert actions["voucher_issued"] == len(vouchers)
    assert actions["voucher_redeemed"] == statuses[VoucherStatus.REDEEMED]
    assert actions["voucher_voided"] == DEMO_VOIDED and actions["vouchers_settled"] == 1

    # The signing key was made in the data folder, and signed every voucher.
    keys = VoucherKeys(ctx.location.data_dir).keys()
    assert [(k.current, k.can_sign) for k in keys] == [(True, True)]
    assert {v.key_id for v in vouchers} == {keys[0].key_id}


def test_demo_ledger_entries_of_each_member_follow_time(ctx: ServiceContext) -> None:
    """The vouchers' spends and refunds sit among the other entries in time order, with running balances."""
    seed_demo(ctx)
    with ctx.db.read() as s:
        entries = s.execute(select(PointsEntry).order_by(PointsEntry.id)).scalars().all()
    by_member: defaultdict[int, list[PointsEntry]] = defaultdict(list)
    for entry in entries:
        by_member[entry.member_id].append(entry)
    for own in by_member.values():
        assert [e.at for e in own] == sorted(e.at for e in own)
        running = 0
        for entry in own:
            running += entry.amount
            assert entry.balance_after == running >= 0
    assert {EntryKind.SPEND, EntryKind.REFUND} <= {e.kind for e in entries}


def test_demo_slips_work_at_the_redemption_station(ctx: ServiceContext) -> None:
    seed_demo(ctx)
    vouchers = VoucherService(ctx)
    cashier = next(s for s in StaffService(ctx).list_staff(_admin(ctx)) if s.username == "huishang")
    open_ = vouchers.vouchers(status=VoucherStatus.ISSUED)
    redeemed = vouchers.vouchers(status=VoucherStatus.REDEEMED)
    assert open_ and redeemed

    unused = open_[0]
    text = vouchers.slip(unused.id).qr_text
    assert vouchers.verify(text).outcome is Outcome.VALID
    elsewhere = next(m for m in StaffService(ctx).merchants() if m.id != unused.merchant_id)
    assert vouchers.verify(text, elsewhere.id).outcome is Outcome.WRONG_MERCHANT

    done = next(v for v in redeemed if v.merchant_name == "汇上佳超市")
    verdict = vouchers.verify(done.code)
    assert verdict.outcome is Outcome.ALREADY_REDEEMED and verdict.voucher is not None
    assert verdict.voucher.redeemed_by == cashier.display_name
    # The cashier sees their own merchant's history.
    assert {v.merchant_name for v in vouchers.redemptions(done.merchant_id)} == {"汇上佳超市"}

    catalogue = vouchers.catalogue(unused.member_id)
    assert {o.title for o in catalogue} == {d.title for d in DEMO_REWARDS if d.active}


def _admin(ctx: ServiceContext) -> Actor:
    return AuthService(ctx).login("admin", DEMO_PASSWORD)
