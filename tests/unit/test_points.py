"""The 红色积分 ledger on both backends: joining, earning, spending, adjusting, reversing, expiry, caps, submission
keys, the member card code, and the `desk check` invariants. Every refusal is checked for writing nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from booking_fixtures import person
from sqlalchemy import func, select, update

from desk.domain.clock import FixedClock
from desk.domain.errors import (
    AlreadyMember,
    AlreadyReversed,
    BadFormat,
    CannotReverse,
    ControlCharacters,
    DeskError,
    DuplicateSubmission,
    InsufficientPoints,
    NotAMember,
    NotFound,
    OutOfRange,
    PermissionDenied,
    PointsCapReached,
    Required,
    TooLong,
)
from desk.domain.points import EntryKind, member_code, parse_member_code, points_for
from desk.domain.staff import Actor, Role
from desk.services.auth import AuthService
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.people import PeopleService
from desk.services.points import MemberRow, PointsService, new_key
from desk.services.settings import SettingsService
from desk.services.staff import StaffService
from desk.storage.models import AuditEvent, Member, Person, PointsEntry

DESK_PASSWORD = "hongse-desk-2026"


@pytest.fixture
def points(ctx: ServiceContext) -> PointsService:
    return PointsService(ctx)


@pytest.fixture
def member(ctx: ServiceContext, admin: Actor, points: PointsService) -> MemberRow:
    return points.join(admin, person(ctx, admin, "张伟明"))


@pytest.fixture
def desk_actor(ctx: ServiceContext, admin: Actor) -> Actor:
    StaffService(ctx).add(admin, "lixiaomei", "李晓梅", Role.DESK, DESK_PASSWORD, DESK_PASSWORD)
    return AuthService(ctx).login("lixiaomei", DESK_PASSWORD)


def _counts(ctx: ServiceContext) -> tuple[int, int, int]:
    with ctx.db.read() as s:
        return (s.execute(select(func.count()).select_from(PointsEntry)).scalar_one(),
                s.execute(select(func.coalesce(func.sum(Member.balance), 0))).scalar_one(),
                s.execute(select(func.count()).select_from(AuditEvent)).scalar_one())


def _assert_consistent(ctx: ServiceContext) -> None:
    assert CheckService(ctx).run() == []


# -- members ---------------------------------------------------------------------------------------------------------

def test_join_gives_a_number_from_the_base_code_and_a_zero_balance(ctx: ServiceContext, admin: Actor,
                                                                   member: MemberRow, points: PointsService) -> None:
    assert member.number == f"MH{member.id:05d}"
    assert member.balance == 0 and member.name == "张伟明" and "****" in member.masked_phone
    assert PeopleService(ctx).row(member.person_id).member_no == member.number
    with pytest.raises(AlreadyMember):
        points.join(admin, member.person_id)
    with pytest.raises(NotFound):
        points.join(admin, 999_999)
    _assert_consistent(ctx)


def test_a_person_with_a_number_from_before_keeps_it(ctx: ServiceContext, admin: Actor,
                                                      points: PointsService) -> None:
    someone = person(ctx, admin, "刘洋")
    with ctx.db.write() as s:
        s.execute(update(Person).where(Person.id == someone).values(member_no="MH00777"))
    assert points.join(admin, someone).number == "MH00777"


def test_a_scanned_card_or_a_typed_number_finds_the_member(member: MemberRow, points: PointsService) -> None:
    assert points.find(member_code(member.number)) == member
    assert points.find(member.number.lower()) == member
    assert points.find("张伟") is None and points.find("1234") is None and points.find("13800001234") is None
    with pytest.raises(NotFound):
        points.find(member_code("MH99999"))
    with pytest.raises(BadFormat):
        points.find("RHM:not a number")


def test_member_code_round_trip() -> None:
    assert parse_member_code(member_code("MH00012")) == "MH00012"
    assert parse_member_code("  rhm:mh00012 ") == "MH00012"
    assert parse_member_code("hello") is None


def test_require_member_names_who_is_not_one(ctx: ServiceContext, admin: Actor, points: PointsService) -> None:
    someone = person(ctx, admin, "赵敏")
    with pytest.raises(NotAMember) as refused:
        points.require_member(someone)
    assert refused.value.params["name"] == "赵敏"


# -- earning and spending --------------------------------------------------------------------------------------------

def test_earn_and_spend_move_the_balance_and_leave_entries(ctx: ServiceContext, admin: Actor, member: MemberRow,
                                                           points: PointsService) -> None:
    earned = points.earn(admin, member.id, 12, "商圈清洁志愿服务", new_key(), ref_kind="claim", ref_id=7)
    spent = points.spend(admin, member.id, 5, "兑换：奶茶一杯", new_key())
    assert (earned.balance, spent.balance) == (12, 7)
    assert points.balance(member.id) == 7
    rows = points.ledger(member.id)
    assert [(r.kind, r.amount, r.balance_after) for r in rows] == [(EntryKind.SPEND, -5, 7), (EntryKind.EARN, 12, 12)]
    assert rows[1].ref_kind == "claim" and rows[1].ref_id == 7 and rows[0].staff == "王建国"
    with ctx.db.read() as s:
        actions = s.execute(select(AuditEvent.action).order_by(AuditEvent.seq.desc()).limit(2)).scalars().all()
    assert actions == ["points_spend", "points_earn"]
    _assert_consistent(ctx)


def test_a_spend_beyond_the_balance_is_refused_and_writes_nothing(ctx: ServiceContext, admin: Actor,
                                                                  member: MemberRow, points: PointsService) -> None:
    points.earn(admin, member.id, 10, "志愿服务", new_key())
    before = _counts(ctx)
    with pytest.raises(InsufficientPoints) as refused:
        points.spend(admin, member.id, 11, "兑换", new_key())
    assert refused.value.params == {"balance": 10, "needed": 11}
    assert _counts(ctx) == before
    assert points.spend(admin, member.id, 10, "兑换", new_key()).balance == 0


@pytest.mark.parametrize(("value", "error"), [(0, OutOfRange), (-3, OutOfRange), (100_001, OutOfRange)])
def test_zero_negative_or_huge_points_are_refused(ctx: ServiceContext, admin: Actor, member: MemberRow,
                                                  points: PointsService, value: int,
                                                  error: type[DeskError]) -> None:
    before = _counts(ctx)
    with pytest.raises(error):
        points.earn(admin, member.id, value, "志愿服务", new_key())
    with pytest.raises(error):
        points.spend(admin, member.id, value, "兑换", new_key())
    assert _counts(ctx) == before


@pytest.mark.parametrize(("reason", "error"), [("", Required), ("  ", Required), ("兑\x07换", ControlCharacters),
                                               ("长" * 121, TooLong)])
def test_bad_reasons_are_refused(ctx: ServiceContext, admin: Actor, member: MemberRow, points: PointsService,
                                 reason: str, error: type[DeskError]) -> None:
    before = _counts(ctx)
    with pytest.raises(error):
        points.earn(admin, member.id, 5, reason, new_key())
    with pytest.raises(error):
        points.adjust(admin, member.id, 5, reason, new_key())
    assert _counts(ctx) == before


def test_an_unknown_member_is_refused(ctx: ServiceContext, admin: Actor, points: PointsService) -> None:
    before = _counts(ctx)
    with pytest.raises(NotFound):
        points.earn(admin, 424242, 5, "志愿服务", new_key())
    with pytest.raises(NotFound):
        points.balance(424242)
    assert _counts(ctx) == before


# -- submission keys -------------------------------------------------------------------------------------------------

def test_the_same_submission_twice_writes_one_entry(ctx: ServiceContext, admin: Actor, member: MemberRow,
                                                    points: PointsService) -> None:
    points.earn(admin, member.id, 20, "志愿服务", new_key())
    key = new_key()
    first = points.spend(admin, member.id, 8, "兑换", key)
    before = _counts(ctx)
    again = points.spend(admin, member.id, 8, "兑换", key)
    assert again.replayed and again.entry_id == first.entry_id and again.balance == 12
    assert _counts(ctx) == before


def test_a_key_reused_for_a_different_change_is_refused(ctx: ServiceContext, admin: Actor, member: MemberRow,
                                                        points: PointsService) -> None:
    key = new_key()
    points.earn(admin, member.id, 20, "志愿服务", key)
    before = _counts(ctx)
    with pytest.raises(DuplicateSubmission):
        points.spend(admin, member.id, 3, "兑换", key)
    assert _counts(ctx) == before


# -- adjustments and reversals ---------------------------------------------------------------------------------------

def test_adjustments_are_admin_only_and_need_a_reason(ctx: ServiceContext, admin: Actor, desk_actor: Actor,
                                                      member: MemberRow, points: PointsService) -> None:
    with pytest.raises(PermissionDenied):
        points.adjust(desk_actor, member.id, 5, "补录", new_key())
    with pytest.raises(OutOfRange):
        points.adjust(admin, member.id, 0, "补录", new_key())
    assert points.adjust(admin, member.id, 15, "补录上月活动积分", new_key()).balance == 15
    assert points.adjust(admin, member.id, -5, "重复登记", new_key()).balance == 10
    before = _counts(ctx)
    with pytest.raises(InsufficientPoints):
        points.adjust(admin, member.id, -11, "重复登记", new_key())
    assert _counts(ctx) == before
    _assert_consistent(ctx)


def test_a_reversal_undoes_exactly_once(ctx: ServiceContext, admin: Actor, desk_actor: Actor, member: MemberRow,
                                        points: PointsService) -> None:
    earned = points.earn(admin, member.id, 9, "志愿服务", new_key())
    with pytest.raises(PermissionDenied):
        points.reverse(desk_actor, earned.entry_id, "录错", new_key())
    key = new_key()
    reversal = points.reverse(admin, earned.entry_id, "录错人", key)
    assert reversal.amount == -9 and reversal.balance == 0
    assert points.reverse(admin, earned.entry_id, "录错人", key).replayed  # a retry of the same reversal
    before = _counts(ctx)
    with pytest.raises(AlreadyReversed):
        points.reverse(admin, earned.entry_id, "再次冲正", new_key())
    with pytest.raises(CannotReverse):  # a reversal of a reversal
        points.reverse(admin, reversal.entry_id, "撤销冲正", new_key())
    with pytest.raises(NotFound):
        points.reverse(admin, 987_654, "不存在", new_key())
    with pytest.raises(Required):
        points.reverse(admin, earned.entry_id, "", new_key())
    assert _counts(ctx) == before
    original, reversing = points.entry(earned.entry_id), points.entry(reversal.entry_id)
    assert original.reversed_by == reversal.entry_id and reversing.reverses_id == earned.entry_id
    assert reversing.kind is EntryKind.REVERSE
    _assert_consistent(ctx)


def test_reversing_points_already_spent_is_refused(ctx: ServiceContext, admin: Actor, member: MemberRow,
                                                   points: PointsService) -> None:
    earned = points.earn(admin, member.id, 10, "志愿服务", new_key())
    points.spend(admin, member.id, 8, "兑换", new_key())
    before = _counts(ctx)
    with pytest.raises(InsufficientPoints):
        points.reverse(admin, earned.entry_id, "录错", new_key())
    assert _counts(ctx) == before


def test_reversing_a_spend_gives_the_points_back(ctx: ServiceContext, admin: Actor, member: MemberRow,
                                                 points: PointsService) -> None:
    points.earn(admin, member.id, 10, "志愿服务", new_key())
    spent = points.spend(admin, member.id, 6, "兑换", new_key())
    assert points.reverse(admin, spent.entry_id, "商家未提供", new_key()).balance == 10


# -- caps ------------------------------------------------------------------------------------------------------------

def test_daily_and_monthly_caps_refuse_earnings_beyond_them(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                                            member: MemberRow, points: PointsService) -> None:
    settings = SettingsService(ctx)
    settings.set_int(admin, "points_daily_cap", 10)
    settings.set_int(admin, "points_monthly_cap", 25)
    points.earn(admin, member.id, 8, "志愿服务", new_key())
    before = _counts(ctx)
    with pytest.raises(PointsCapReached) as refused:
        points.earn(admin, member.id, 3, "志愿服务", new_key())
    assert refused.value.params == {"period": "day", "cap": 10, "earned": 8}
    assert _counts(ctx) == before
    points.adjust(admin, member.id, 50, "补录", new_key())  # adjustments are not earnings: no cap
    clock.advance(days=1)
    points.earn(admin, member.id, 10, "志愿服务", new_key())
    clock.advance(days=1)
    with pytest.raises(PointsCapReached) as refused:
        points.earn(admin, member.id, 8, "志愿服务", new_key())
    assert refused.value.params["period"] == "month"
    # 2026-11-30 → 12-01 in Shanghai: a new month, a new cap.
    clock.advance(days=1)
    assert points.earn(admin, member.id, 8, "志愿服务", new_key()).amount == 8


def test_the_day_of_a_cap_is_the_local_day(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                           member: MemberRow, points: PointsService) -> None:
    SettingsService(ctx).set_int(admin, "points_daily_cap", 10)
    clock.set(dt.datetime(2026, 11, 28, 15, 30, tzinfo=dt.UTC))  # 23:30 in Shanghai
    points.earn(admin, member.id, 10, "志愿服务", new_key())
    clock.set(dt.datetime(2026, 11, 28, 16, 30, tzinfo=dt.UTC))  # 00:30 the next local day
    assert points.earn(admin, member.id, 10, "志愿服务", new_key()).balance == 20


# -- expiry ----------------------------------------------------------------------------------------------------------

def test_points_never_expire_by_default(ctx: ServiceContext, admin: Actor, clock: FixedClock, member: MemberRow,
                                        points: PointsService) -> None:
    points.earn(admin, member.id, 10, "志愿服务", new_key())
    clock.advance(days=3000)
    assert points.expire_due() == 0 and points.balance(member.id) == 10


def test_expiry_writes_off_what_is_left_of_the_oldest_points(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                                             member: MemberRow, points: PointsService) -> None:
    SettingsService(ctx).set_int(admin, "points_expiry_days", 30)
    points.earn(admin, member.id, 10, "志愿服务", new_key())  # expires day 30
    clock.advance(days=10)
    points.earn(admin, member.id, 7, "培训", new_key())  # expires day 40
    clock.advance(days=5)
    points.spend(admin, member.id, 4, "兑换", new_key())  # uses the oldest points first: 6 of the first 10 left
    clock.advance(days=16)  # day 31
    assert points.expire_due() == 1
    assert points.balance(member.id) == 7
    newest = points.ledger(member.id)[0]
    assert newest.kind is EntryKind.EXPIRE and newest.amount == -6 and newest.staff == ""
    assert points.expire_due() == 0  # running twice a day writes nothing more
    clock.advance(days=10)  # day 41: the second credit has expired too
    assert points.expire_due() == 1 and points.balance(member.id) == 0
    _assert_consistent(ctx)


def test_points_spent_before_expiry_do_not_expire(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                                  member: MemberRow, points: PointsService) -> None:
    SettingsService(ctx).set_int(admin, "points_expiry_days", 30)
    points.earn(admin, member.id, 10, "志愿服务", new_key())
    points.spend(admin, member.id, 10, "兑换", new_key())
    clock.advance(days=31)
    assert points.expire_due() == 0 and points.balance(member.id) == 0


# -- invariants ------------------------------------------------------------------------------------------------------

def test_desk_check_finds_a_balance_edited_behind_the_ledger(ctx: ServiceContext, admin: Actor, member: MemberRow,
                                                             points: PointsService) -> None:
    points.earn(admin, member.id, 10, "志愿服务", new_key())
    _assert_consistent(ctx)
    with ctx.db.write() as s:
        s.execute(update(Member).where(Member.id == member.id).values(balance=99))
    problems = [v.check for v in CheckService(ctx).run()]
    assert "points_balances_match_ledger" in problems


def test_ledger_pages_are_newest_first_without_gaps(ctx: ServiceContext, admin: Actor, member: MemberRow,
                                                    points: PointsService) -> None:
    for i in range(1, 8):
        points.earn(admin, member.id, i, f"第{i}次", new_key())
    first = points.ledger(member.id, limit=3)
    second = points.ledger(member.id, before_id=first[-1].id, limit=3)
    third = points.ledger(member.id, before_id=second[-1].id, limit=3)
    assert [r.amount for r in first + second + third] == [7, 6, 5, 4, 3, 2, 1]


def test_points_for_hours_round_and_cap() -> None:
    assert points_for(5, None, None, None) == 5
    assert points_for(None, 2, 3, 89) == 2  # 1 h 29 min → 1 h
    assert points_for(None, 2, 3, 90) == 4  # 1 h 30 min → 2 h
    assert points_for(None, 2, 3, 600) == 6  # capped at 3 h
    with pytest.raises(OutOfRange):
        points_for(None, 2, 3, None)
    with pytest.raises(OutOfRange):
        points_for(None, 2, 3, 0)


def test_a_retry_of_a_spend_that_emptied_the_balance_is_answered(ctx: ServiceContext, admin: Actor,
                                                                 member: MemberRow, points: PointsService) -> None:
    points.earn(admin, member.id, 5, "志愿服务", new_key())
    key = new_key()
    first = points.spend(admin, member.id, 5, "兑换", key)
    before = _counts(ctx)
    again = points.spend(admin, member.id, 5, "兑换", key)
    assert again.replayed and again.entry_id == first.entry_id and _counts(ctx) == before
