"""Races over vouchers, on both backends: separate processes with their own engines released together. Eight
stations scanning one slip redeem it once; eight desks issuing the last items of a reward's stock, or spending
one member's balance on vouchers, never oversell and never drive the balance below zero."""

from __future__ import annotations

from collections import Counter

from booking_fixtures import person
from racing import race
from sqlalchemy import func, insert, select

from desk.domain.staff import Actor
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.points import PointsService, new_key
from desk.services.vouchers import VoucherService
from desk.storage.models import Merchant, Reward, Voucher

PROCESSES = 8


def _redeem(ctx: ServiceContext, actor: Actor, text: str) -> object:
    return VoucherService(ctx).redeem(actor, text).outcome.value


def _issue(ctx: ServiceContext, actor: Actor, job: tuple[int, int]) -> object:
    member_id, reward_id = job
    return VoucherService(ctx).issue(actor, member_id, reward_id, new_key()).voucher.id


def _reward(ctx: ServiceContext, points: int, stock: int | None) -> int:
    now = ctx.clock.now()
    with ctx.db.write() as s:
        merchant = s.execute(insert(Merchant).returning(Merchant.id),
                             {"name": "汇上佳超市", "active": True, "created_at": now}).scalar_one()
        return int(s.execute(insert(Reward).returning(Reward.id), {
            "merchant_id": merchant, "title": "满50减10", "terms": "", "points": points, "face_value_fen": 1000,
            "stock": stock, "monthly_limit": None, "validity_days": 30, "active": True,
            "created_at": now}).scalar_one())


def _member(ctx: ServiceContext, admin: Actor, name: str, points: int) -> int:
    service = PointsService(ctx)
    member = service.join(admin, person(ctx, admin, name))
    service.earn(admin, member.id, points, "志愿服务", new_key())
    return member.id


def test_eight_stations_scanning_one_slip_redeem_it_once(ctx: ServiceContext, admin: Actor) -> None:
    member = _member(ctx, admin, "张伟明", 50)
    issued = VoucherService(ctx).issue(admin, member, _reward(ctx, 10, None), new_key())
    outcomes = race(ctx, [(_redeem, admin, issued.slip.qr_text) for _ in range(PROCESSES)])
    assert Counter(detail for _, detail in outcomes) == {"'redeemed'": 1, "'already_redeemed'": PROCESSES - 1}
    assert CheckService(ctx).run() == []


def test_the_last_items_of_a_reward_go_to_as_many_desks_as_there_are_items(ctx: ServiceContext,
                                                                          admin: Actor) -> None:
    reward = _reward(ctx, 5, 3)
    members = [_member(ctx, admin, f"会员{i}", 20) for i in range(PROCESSES)]
    outcomes = race(ctx, [(_issue, admin, (m, reward)) for m in members])
    assert Counter(outcome for outcome, _ in outcomes) == {"ok": 3, "out_of_stock": PROCESSES - 3}
    with ctx.db.read() as s:
        assert s.execute(select(Reward.stock).where(Reward.id == reward)).scalar_one() == 0
        assert s.execute(select(func.count()).select_from(Voucher)).scalar_one() == 3
    assert sum(PointsService(ctx).balance(m) for m in members) == PROCESSES * 20 - 3 * 5
    assert CheckService(ctx).run() == []


def test_eight_desks_spending_one_balance_on_vouchers_never_overdraw_it(ctx: ServiceContext, admin: Actor) -> None:
    member = _member(ctx, admin, "李娜", 25)  # enough for two vouchers of 10
    reward = _reward(ctx, 10, None)
    outcomes = race(ctx, [(_issue, admin, (member, reward)) for _ in range(PROCESSES)])
    assert Counter(outcome for outcome, _ in outcomes) == {"ok": 2, "insufficient_points": PROCESSES - 2}
    assert PointsService(ctx).balance(member) == 5
    assert CheckService(ctx).run() == []
