"""Races on one balance, on both backends: several processes, each with its own engine, released together by a
barrier. The database settles them: a balance that covers only some spends is never driven below zero, the stored
balance equals the sum of the entries, one submission key writes one entry, and an entry is reversed once."""

from __future__ import annotations

from collections import Counter

from booking_fixtures import person
from racing import race
from sqlalchemy import func, select

from desk.domain.staff import Actor
from desk.services.audit import verify_chain
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.points import PointsService, new_key
from desk.storage.models import PointsEntry

PROCESSES = 8
SPEND = 30
BALANCE = 100  # covers three spends of 30, not eight


# -- what each process does (module level, so the spawned processes can import it) --------------------------------

def _spend(ctx: ServiceContext, actor: Actor, job: tuple[int, str]) -> object:
    member_id, key = job
    return PointsService(ctx).spend(actor, member_id, SPEND, "兑换：汇上佳超市 满50减10", key).balance


def _reverse(ctx: ServiceContext, actor: Actor, job: tuple[int, str]) -> object:
    entry_id, key = job
    return PointsService(ctx).reverse(actor, entry_id, "录错人", key).entry_id


def _entries(ctx: ServiceContext, member_id: int) -> list[int]:
    with ctx.db.read() as s:
        return list(s.execute(select(PointsEntry.amount).where(PointsEntry.member_id == member_id)
                              .order_by(PointsEntry.id)).scalars())


def test_eight_desks_spending_one_balance_never_drive_it_below_zero(ctx: ServiceContext, admin: Actor) -> None:
    points = PointsService(ctx)
    member = points.join(admin, person(ctx, admin, "张伟明"))
    points.earn(admin, member.id, BALANCE, "志愿服务", new_key())
    outcomes = race(ctx, [(_spend, admin, (member.id, new_key())) for _ in range(PROCESSES)])
    counts = Counter(outcome for outcome, _ in outcomes)
    assert counts == {"ok": BALANCE // SPEND, "insufficient_points": PROCESSES - BALANCE // SPEND}
    assert points.balance(member.id) == BALANCE - (BALANCE // SPEND) * SPEND
    assert sum(_entries(ctx, member.id)) == points.balance(member.id)
    assert CheckService(ctx).run() == []
    with ctx.db.read() as s:
        assert verify_chain(s) == []


def test_one_submission_sent_by_eight_desks_is_written_once(ctx: ServiceContext, admin: Actor) -> None:
    points = PointsService(ctx)
    member = points.join(admin, person(ctx, admin, "李娜"))
    points.earn(admin, member.id, BALANCE, "志愿服务", new_key())
    key = new_key()
    outcomes = race(ctx, [(_spend, admin, (member.id, key)) for _ in range(PROCESSES)])
    assert [outcome for outcome, _ in outcomes] == ["ok"] * PROCESSES  # every retry answered with the same entry
    assert {detail for _, detail in outcomes} == {repr(BALANCE - SPEND)}
    assert _entries(ctx, member.id) == [BALANCE, -SPEND]
    assert CheckService(ctx).run() == []


def test_eight_desks_reversing_one_entry_reverse_it_once(ctx: ServiceContext, admin: Actor) -> None:
    points = PointsService(ctx)
    member = points.join(admin, person(ctx, admin, "王芳"))
    earned = points.earn(admin, member.id, 40, "志愿服务", new_key())
    outcomes = race(ctx, [(_reverse, admin, (earned.entry_id, new_key())) for _ in range(PROCESSES)])
    counts = Counter(outcome for outcome, _ in outcomes)
    assert counts == {"ok": 1, "already_reversed": PROCESSES - 1}
    assert points.balance(member.id) == 0
    with ctx.db.read() as s:
        assert s.execute(select(func.count()).select_from(PointsEntry)
                         .where(PointsEntry.reverses_id == earned.entry_id)).scalar_one() == 1
    assert CheckService(ctx).run() == []
