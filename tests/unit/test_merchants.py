"""The merchant alliance on both backends: merchants and rewards added, edited, switched on and off and restocked
by administrators only; every field checked (each refusal names its field and writes nothing); contact phones
masked in lists and in the audit trail; the stock changed only by guarded updates, so a restock or an edit made
while other desks issue vouchers neither loses nor resurrects one."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

import pytest
from racing import race
from sqlalchemy import func, select, update

from desk.domain.clock import FixedClock
from desk.domain.errors import (
    BadAmount,
    BadContactPhone,
    ControlCharacters,
    DateInFuture,
    DeskError,
    NameTaken,
    NotFound,
    OutOfRange,
    PermissionDenied,
    Required,
    StockChanged,
    TooLong,
    UnlimitedStock,
)
from desk.domain.staff import Actor, Role
from desk.services.audit import AuditRow, AuditService, verify_chain
from desk.services.context import ServiceContext
from desk.services.merchants import (
    STOCK_MAX,
    MerchantForm,
    MerchantService,
    RewardForm,
    clean_contact_phone,
    parse_yuan,
)
from desk.services.staff import StaffService
from desk.storage.models import AuditEvent, AuditHead, Merchant, Reward

TODAY = dt.date(2026, 11, 28)  # the `clock` fixture: 10:00 at the base

SHOP = MerchantForm(name="汇上佳超市", address="明华商圈 3 号楼 1 层", contact_person="陈立新",
                    contact_phone="138 1234 5678", category="超市", plaque_no="MH-LM-001",
                    joined_on=dt.date(2026, 3, 1))
TEA = RewardForm(title="奶茶一杯", points=30, validity_days=30, terms="限中杯\n不与其他优惠同享",
                 face_value=Decimal("12.00"), stock=20, monthly_limit=2)


@pytest.fixture
def service(ctx: ServiceContext) -> MerchantService:
    return MerchantService(ctx)


@pytest.fixture
def desk(ctx: ServiceContext, admin: Actor) -> Actor:
    row = StaffService(ctx).add(admin, "lixiaomei", "李晓梅", Role.DESK, "desk-pass-1", "desk-pass-1")
    return Actor(row.id, row.username, row.display_name, Role.DESK)


@dataclass(frozen=True)
class Snapshot:
    merchants: tuple[tuple[object, ...], ...]
    rewards: tuple[tuple[object, ...], ...]
    audit_seq: int
    audit_events: int


def snapshot(ctx: ServiceContext) -> Snapshot:
    """Every merchant and reward row as stored, and the audit trail's length: what a refusal must not change."""
    with ctx.db.read() as s:
        return Snapshot(
            tuple(tuple(r) for r in s.execute(select(
                Merchant.id, Merchant.name, Merchant.active, Merchant.address, Merchant.contact_person,
                Merchant.contact_phone, Merchant.category, Merchant.plaque_no, Merchant.joined_on
            ).order_by(Merchant.id))),
            tuple(tuple(r) for r in s.execute(select(
                Reward.id, Reward.merchant_id, Reward.title, Reward.terms, Reward.points, Reward.face_value_fen,
                Reward.stock, Reward.monthly_limit, Reward.validity_days, Reward.active).order_by(Reward.id))),
            s.execute(select(AuditHead.seq)).scalar_one(),
            s.execute(select(func.count()).select_from(AuditEvent)).scalar_one(),
        )


def _last(ctx: ServiceContext) -> AuditRow:
    return AuditService(ctx).recent(1)[0]


def _stored_stock(ctx: ServiceContext, reward_id: int) -> int | None:
    with ctx.db.read() as s:
        return s.execute(select(Reward.stock).where(Reward.id == reward_id)).scalar_one()


def _issue_one(ctx: ServiceContext, reward_id: int) -> bool:
    """What the voucher service does to the stock when a desk issues a voucher: one guarded statement."""
    with ctx.db.write() as s:
        taken = s.execute(update(Reward).where(Reward.id == reward_id, Reward.stock.is_not(None), Reward.stock > 0)
                          .values(stock=Reward.stock - 1).returning(Reward.id)).first()
        return taken is not None


# -- merchants ---------------------------------------------------------------------------------------------------

def test_a_merchant_is_added_listed_with_a_masked_phone_and_audited(
        ctx: ServiceContext, service: MerchantService, admin: Actor) -> None:
    detail = service.add_merchant(admin, SHOP)

    assert detail.contact_phone == "13812345678"  # the edit form shows it in full
    assert detail.form() == replace(SHOP, contact_phone="13812345678")
    [row] = service.merchants(admin)
    assert row == detail.row
    assert (row.name, row.active, row.masked_phone, row.category, row.plaque_no, row.joined_on) == (
        "汇上佳超市", True, "138****5678", "超市", "MH-LM-001", dt.date(2026, 3, 1))
    assert (row.active_rewards, row.rewards, row.cashiers) == (0, 0, 0)
    event = _last(ctx)
    assert (event.action, event.entity, event.entity_id) == ("merchant_added", "merchant", str(detail.id))
    assert "138****5678" in event.summary and "13812345678" not in event.summary


def test_only_the_name_is_required(service: MerchantService, admin: Actor) -> None:
    detail = service.add_merchant(admin, MerchantForm(name="  老街坊面馆  "))
    assert detail.form() == MerchantForm(name="老街坊面馆")
    assert detail.row.masked_phone == "" and detail.row.joined_on is None


def test_only_an_admin_changes_and_a_desk_may_read(
        ctx: ServiceContext, service: MerchantService, admin: Actor, desk: Actor) -> None:
    merchant = service.add_merchant(admin, SHOP)
    reward = service.add_reward(admin, merchant.id, TEA)
    cashier = Actor(None, "huishang", "汇上佳收银员", Role.MERCHANT, merchant.id)
    before = snapshot(ctx)
    calls: list[Callable[[Actor], object]] = [
        lambda who: service.add_merchant(who, replace(SHOP, name="书香社区书店")),
        lambda who: service.edit_merchant(who, merchant.id, replace(SHOP, address="新地址")),
        lambda who: service.set_merchant_active(who, merchant.id, False),
        lambda who: service.merchant(who, merchant.id),  # the full phone: admins only
        lambda who: service.add_reward(who, merchant.id, replace(TEA, title="咖啡一杯")),
        lambda who: service.edit_reward(who, reward.id, replace(TEA, points=10), TEA.stock),
        lambda who: service.set_reward_active(who, reward.id, False),
        lambda who: service.restock(who, reward.id, 5)]
    for who in (desk, cashier):
        for call in calls:
            with pytest.raises(PermissionDenied):
                call(who)
    assert snapshot(ctx) == before
    assert [m.name for m in service.merchants(desk)] == ["汇上佳超市"]
    assert [r.title for r in service.rewards(desk)] == ["奶茶一杯"]
    for call in (lambda: service.merchants(cashier), lambda: service.rewards(cashier)):
        with pytest.raises(PermissionDenied):
            call()


@pytest.mark.parametrize(("change", "error", "field"), [
    (dict(name=""), Required, "merchant_name"),
    (dict(name="   "), Required, "merchant_name"),
    (dict(name="超" * 61), TooLong, "merchant_name"),
    (dict(name="汇上佳\u200b超市"), ControlCharacters, "merchant_name"),
    (dict(category="超" * 21), TooLong, "category"),
    (dict(contact_person="陈" * 41), TooLong, "contact_person"),
    (dict(contact_phone="138 1234 567"), BadContactPhone, "contact_phone"),
    (dict(contact_phone="0755-1234abc"), BadContactPhone, "contact_phone"),
    (dict(address="址" * 121), TooLong, "address"),
    (dict(address="明华\n商圈"), ControlCharacters, "address"),
    (dict(plaque_no="M" * 21), TooLong, "plaque_no"),
    (dict(joined_on=TODAY + dt.timedelta(days=1)), DateInFuture, "joined_on"),
])
def test_a_bad_merchant_field_is_named_and_nothing_is_written(
        ctx: ServiceContext, service: MerchantService, admin: Actor, change: dict[str, object],
        error: type[DeskError], field: str) -> None:
    existing = service.add_merchant(admin, replace(SHOP, name="书香社区书店"))
    before = snapshot(ctx)
    with pytest.raises(error) as added:
        service.add_merchant(admin, replace(SHOP, **change))
    assert added.value.field == field
    with pytest.raises(error) as edited:
        service.edit_merchant(admin, existing.id, replace(SHOP, **change))
    assert edited.value.field == field
    assert snapshot(ctx) == before


def test_joined_on_is_checked_against_the_day_at_the_base(
        ctx: ServiceContext, service: MerchantService, admin: Actor, clock: FixedClock) -> None:
    service.add_merchant(admin, replace(SHOP, name="今天入盟", joined_on=TODAY))
    clock.advance(hours=15)  # 17:00 UTC is already 01:00 on the 29th in Shanghai
    detail = service.add_merchant(admin, replace(SHOP, name="零点后入盟", joined_on=TODAY + dt.timedelta(days=1)))
    assert detail.row.joined_on == dt.date(2026, 11, 29)
    with pytest.raises(DateInFuture) as caught:
        service.add_merchant(admin, replace(SHOP, name="后天入盟", joined_on=TODAY + dt.timedelta(days=2)))
    assert caught.value.params == {"latest": "2026-11-29"}


@pytest.mark.parametrize(("typed", "stored"), [
    ("13812345678", "13812345678"),
    ("138 1234 5678", "13812345678"),
    ("+86 138-1234-5678", "13812345678"),
    ("0086 13812345678", "13812345678"),
    ("１３８１２３４５６７８", "13812345678"),  # an input method in full-width mode
    ("0755-12345678", "0755-12345678"),
    ("0755  1234   5678", "0755 1234 5678"),
    ("010-8888 6666", "010-8888 6666"),
    ("400-123-4567", "400-123-4567"),
    ("88886666", "88886666"),
    ("8888666", "8888666"),  # seven digits: the shortest local number
    ("０７５５－１２３４５６７８", "0755-12345678"),
    ("", ""),
    ("   ", ""),
])
def test_contact_phones_a_mobile_or_a_landline(typed: str, stored: str) -> None:
    assert clean_contact_phone(typed) == stored


@pytest.mark.parametrize("typed", [
    "1381234567",  # a mobile a digit short
    "238123456789012345678",  # 21 characters
    "0755-1234567890123456",  # 21 characters
    "123456",  # starts like a mobile
    "888666",  # six digits
    "0755-",  # ends with a dash
    "-0755 88886666",
    "(0755)88886666",  # brackets: type 0755-88886666
    "0755/88886666",
    "0755-8888666x",
    "0755-8888-----",
    "+852 2345 6789",  # not a mainland number
    "电话",
])
def test_contact_phones_refused(typed: str) -> None:
    with pytest.raises(BadContactPhone) as caught:
        clean_contact_phone(typed)
    assert caught.value.field == "contact_phone"


def test_a_merchant_name_is_used_once_whatever_its_case_or_state(
        ctx: ServiceContext, service: MerchantService, admin: Actor) -> None:
    shop = service.add_merchant(admin, SHOP)
    kfc = service.add_merchant(admin, MerchantForm(name="KFC 明华店"))
    service.set_merchant_active(admin, shop.id, False)
    before = snapshot(ctx)
    for form in (MerchantForm(name="汇上佳超市"), MerchantForm(name=" 汇上佳超市 "), MerchantForm(name="kfc 明华店")):
        with pytest.raises(NameTaken) as caught:
            service.add_merchant(admin, form)
        assert caught.value.field == "merchant_name"
    with pytest.raises(NameTaken):
        service.edit_merchant(admin, kfc.id, MerchantForm(name="汇上佳超市"))
    assert snapshot(ctx) == before
    # its own name, in another case, is not taken
    assert service.edit_merchant(admin, kfc.id, MerchantForm(name="KFC 明华店".lower())).row.name == "kfc 明华店"


def test_an_edit_is_audited_with_what_changed_and_an_unchanged_form_writes_nothing(
        ctx: ServiceContext, service: MerchantService, admin: Actor) -> None:
    shop = service.add_merchant(admin, SHOP)
    edited = service.edit_merchant(admin, shop.id, replace(SHOP, contact_phone="0755-12345678", category="便利店"))
    assert (edited.contact_phone, edited.row.category, edited.row.masked_phone) == (
        "0755-12345678", "便利店", "075****5678")
    event = _last(ctx)
    assert (event.action, event.entity, event.entity_id) == ("merchant_edited", "merchant", str(shop.id))
    assert "category: 超市 → 便利店" in event.summary
    assert "contact_phone: 138****5678 → 075****5678" in event.summary
    assert "address" not in event.summary
    before = snapshot(ctx)
    service.edit_merchant(admin, shop.id, edited.form())
    assert snapshot(ctx) == before


def test_deactivating_a_merchant_keeps_its_cashiers_and_stops_its_rewards(
        ctx: ServiceContext, service: MerchantService, admin: Actor) -> None:
    shop = service.add_merchant(admin, SHOP)
    tea = service.add_reward(admin, shop.id, TEA)
    staff = StaffService(ctx)
    cashier = staff.add(admin, "huishang", "汇上佳收银员", Role.MERCHANT, "shop-pass-1", "shop-pass-1", shop.id)
    assert service.merchant(admin, shop.id).row.cashiers == 1

    off = service.set_merchant_active(admin, shop.id, False)

    assert (off.row.active, off.row.cashiers) == (False, 1)
    assert staff.find(admin, "huishang") == cashier  # the account is the administrator's call, not this one's
    assert (_last(ctx).action, _last(ctx).summary) == ("merchant_deactivated", "汇上佳超市")
    reward = service.reward(admin, tea.id)
    assert (reward.active, reward.merchant_active, reward.issuable) == (True, False, False)
    before = snapshot(ctx)
    assert service.set_merchant_active(admin, shop.id, False) == off  # already off: nothing written
    assert snapshot(ctx) == before
    on = service.set_merchant_active(admin, shop.id, True)
    assert on.row.active and service.reward(admin, tea.id).issuable
    assert _last(ctx).action == "merchant_activated"
    # active merchants first
    service.set_merchant_active(admin, shop.id, False)
    service.add_merchant(admin, MerchantForm(name="阳光理发店"))
    assert [m.name for m in service.merchants(admin)] == ["阳光理发店", "汇上佳超市"]


def test_unknown_merchants_and_rewards(ctx: ServiceContext, service: MerchantService, admin: Actor) -> None:
    before = snapshot(ctx)
    for call in (lambda: service.merchant(admin, 999), lambda: service.edit_merchant(admin, 999, SHOP),
                 lambda: service.set_merchant_active(admin, 999, False),
                 lambda: service.add_reward(admin, 999, TEA), lambda: service.reward(admin, 999),
                 lambda: service.edit_reward(admin, 999, TEA, None), lambda: service.set_reward_active(admin, 999, True),
                 lambda: service.restock(admin, 999, 1)):
        with pytest.raises(NotFound):
            call()
    assert snapshot(ctx) == before


# -- rewards -----------------------------------------------------------------------------------------------------

def test_rewards_are_added_with_the_face_value_in_fen_and_listed_with_their_merchant(
        ctx: ServiceContext, service: MerchantService, admin: Actor) -> None:
    shop = service.add_merchant(admin, SHOP)
    noodles = service.add_merchant(admin, MerchantForm(name="老街坊面馆"))
    tea = service.add_reward(admin, shop.id, replace(TEA, face_value=Decimal("9.9")))
    bowl = service.add_reward(admin, noodles.id, RewardForm(title="牛肉面一碗", points=80))
    off = service.add_reward(admin, shop.id, RewardForm(title="满50减10", points=50, face_value=Decimal("10"),
                                                        stock=0, monthly_limit=1, validity_days=60))

    assert (tea.merchant_name, tea.title, tea.terms, tea.points, tea.face_value, tea.stock, tea.monthly_limit,
            tea.validity_days, tea.active, tea.issuable) == (
        "汇上佳超市", "奶茶一杯", "限中杯\n不与其他优惠同享", 30, Decimal("9.90"), 20, 2, 30, True, True)
    assert (bowl.face_value, bowl.stock, bowl.monthly_limit, bowl.validity_days, bowl.terms) == (
        None, None, None, 30, "")
    assert not off.issuable  # nothing left to issue
    with ctx.db.read() as s:
        assert s.execute(select(Reward.face_value_fen).order_by(Reward.id)).scalars().all() == [990, None, 1000]
    assert [r.title for r in service.rewards(admin, shop.id)] == ["奶茶一杯", "满50减10"]
    assert [(r.merchant_name, r.title) for r in service.rewards(admin)] == [
        ("汇上佳超市", "奶茶一杯"), ("汇上佳超市", "满50减10"), ("老街坊面馆", "牛肉面一碗")]
    assert [(m.name, m.active_rewards, m.rewards) for m in service.merchants(admin)] == [
        ("汇上佳超市", 2, 2), ("老街坊面馆", 1, 1)]
    event = _last(ctx)
    assert (event.action, event.entity, event.entity_id) == ("reward_added", "reward", str(off.id))
    assert event.summary.startswith("汇上佳超市: title: 满50减10; points: 50; face_value: ¥10.00; stock: 0")


@pytest.mark.parametrize(("change", "error", "field"), [
    (dict(title=""), Required, "title"),
    (dict(title="茶" * 61), TooLong, "title"),
    (dict(title="奶茶\n一杯"), ControlCharacters, "title"),
    (dict(terms="条" * 501), TooLong, "terms"),
    (dict(terms="限中杯\x07"), ControlCharacters, "terms"),
    (dict(points=0), OutOfRange, "points"),
    (dict(points=-30), OutOfRange, "points"),
    (dict(points=100_001), OutOfRange, "points"),
    (dict(face_value=Decimal("-0.01")), OutOfRange, "face_value"),
    (dict(face_value=Decimal("100000.01")), OutOfRange, "face_value"),
    (dict(face_value=Decimal("9.999")), BadAmount, "face_value"),
    (dict(face_value=Decimal("NaN")), BadAmount, "face_value"),
    (dict(face_value=Decimal("Infinity")), BadAmount, "face_value"),
    (dict(stock=-1), OutOfRange, "stock"),
    (dict(stock=STOCK_MAX + 1), OutOfRange, "stock"),
    (dict(monthly_limit=0), OutOfRange, "monthly_limit"),
    (dict(monthly_limit=101), OutOfRange, "monthly_limit"),
    (dict(validity_days=0), OutOfRange, "validity_days"),
    (dict(validity_days=3651), OutOfRange, "validity_days"),
])
def test_a_bad_reward_field_is_named_and_nothing_is_written(
        ctx: ServiceContext, service: MerchantService, admin: Actor, change: dict[str, object],
        error: type[DeskError], field: str) -> None:
    shop = service.add_merchant(admin, SHOP)
    existing = service.add_reward(admin, shop.id, TEA)
    before = snapshot(ctx)
    with pytest.raises(error) as added:
        service.add_reward(admin, shop.id, replace(TEA, title="咖啡一杯", **change) if "title" not in change
                           else replace(TEA, **change))
    assert added.value.field == field
    with pytest.raises(error) as edited:
        service.edit_reward(admin, existing.id, replace(TEA, **change), existing.stock)
    assert edited.value.field == field
    assert snapshot(ctx) == before


def test_the_bounds_themselves_are_allowed(service: MerchantService, admin: Actor) -> None:
    shop = service.add_merchant(admin, SHOP)
    low = service.add_reward(admin, shop.id, RewardForm("最少", points=1, validity_days=1, face_value=Decimal(0),
                                                        stock=0, monthly_limit=1, terms="条" * 500))
    high = service.add_reward(admin, shop.id, RewardForm("最多", points=100_000, validity_days=3650,
                                                         face_value=Decimal("100000.00"), stock=STOCK_MAX,
                                                         monthly_limit=100))
    assert (low.points, low.face_value, low.stock, low.monthly_limit, low.validity_days) == (1, Decimal("0.00"),
                                                                                             0, 1, 1)
    assert (high.points, high.face_value, high.stock, high.monthly_limit) == (100_000, Decimal("100000.00"),
                                                                              STOCK_MAX, 100)


@pytest.mark.parametrize(("typed", "value"), [
    ("10", Decimal("10.00")), ("9.9", Decimal("9.90")), ("12.50", Decimal("12.50")), ("¥12.5", Decimal("12.50")),
    ("￥ 8", Decimal("8.00")), ("１０.５", Decimal("10.50")), ("0", Decimal("0.00")), ("10.", Decimal("10.00")),
    ("", None), ("  ", None),
])
def test_face_values_typed_in_yuan(typed: str, value: Decimal | None) -> None:
    assert parse_yuan(typed) == value


@pytest.mark.parametrize(("typed", "error"), [
    ("abc", BadAmount), ("1.234", BadAmount), ("1e3", BadAmount), ("1,000", BadAmount), (".5", BadAmount),
    ("十元", BadAmount), ("-1", OutOfRange), ("100000.01", OutOfRange),
])
def test_face_values_refused(typed: str, error: type[DeskError]) -> None:
    with pytest.raises(error) as caught:
        parse_yuan(typed)
    assert caught.value.field == "face_value"


def test_a_title_is_used_once_per_merchant(ctx: ServiceContext, service: MerchantService, admin: Actor) -> None:
    shop = service.add_merchant(admin, SHOP)
    tea = service.add_reward(admin, shop.id, TEA)
    cake = service.add_reward(admin, shop.id, replace(TEA, title="蛋糕一块"))
    service.set_reward_active(admin, tea.id, False)
    other = service.add_merchant(admin, MerchantForm(name="蜜语奶茶"))
    assert service.add_reward(admin, other.id, TEA).title == "奶茶一杯"  # another merchant may offer the same
    before = snapshot(ctx)
    with pytest.raises(NameTaken) as caught:
        service.add_reward(admin, shop.id, replace(TEA, title=" 奶茶一杯 "))  # deactivated, still taken
    assert (caught.value.field, caught.value.params) == ("title", {"name": "奶茶一杯"})
    with pytest.raises(NameTaken):
        service.edit_reward(admin, cake.id, replace(TEA, title="奶茶一杯"), cake.stock)
    assert snapshot(ctx) == before


def test_a_reward_edit_is_audited_and_an_unchanged_form_writes_nothing(
        ctx: ServiceContext, service: MerchantService, admin: Actor) -> None:
    shop = service.add_merchant(admin, SHOP)
    tea = service.add_reward(admin, shop.id, TEA)
    edited = service.edit_reward(admin, tea.id, replace(TEA, points=25, face_value=None, monthly_limit=None,
                                                        terms="限中杯"), tea.stock)
    assert (edited.points, edited.face_value, edited.monthly_limit, edited.terms, edited.stock) == (
        25, None, None, "限中杯", 20)
    event = _last(ctx)
    assert (event.action, event.entity, event.entity_id) == ("reward_edited", "reward", str(tea.id))
    assert "points: 30 → 25" in event.summary and "face_value: ¥12.00 → -" in event.summary
    assert "stock" not in event.summary
    with ctx.db.read() as s:
        assert s.execute(select(Reward.face_value_fen)).scalar_one() is None
    before = snapshot(ctx)
    service.edit_reward(admin, tea.id, edited.form(), edited.stock)
    assert snapshot(ctx) == before


def test_switching_a_reward_off_and_on(ctx: ServiceContext, service: MerchantService, admin: Actor) -> None:
    shop = service.add_merchant(admin, SHOP)
    tea = service.add_reward(admin, shop.id, TEA)
    off = service.set_reward_active(admin, tea.id, False)
    assert (off.active, off.issuable) == (False, False)
    assert (_last(ctx).action, _last(ctx).summary) == ("reward_deactivated", "汇上佳超市: 奶茶一杯")
    assert service.merchants(admin)[0].active_rewards == 0
    before = snapshot(ctx)
    assert service.set_reward_active(admin, tea.id, False) == off
    assert snapshot(ctx) == before
    assert service.set_reward_active(admin, tea.id, True).issuable
    assert _last(ctx).action == "reward_activated"


# -- stock -------------------------------------------------------------------------------------------------------

def test_a_restock_adds_to_what_is_left_and_is_audited(
        ctx: ServiceContext, service: MerchantService, admin: Actor) -> None:
    shop = service.add_merchant(admin, SHOP)
    tea = service.add_reward(admin, shop.id, replace(TEA, stock=0))
    row = service.restock(admin, tea.id, 15)
    assert (row.stock, row.issuable) == (15, True)
    event = _last(ctx)
    assert (event.action, event.entity, event.entity_id, event.summary) == (
        "reward_restocked", "reward", str(tea.id), "汇上佳超市: 奶茶一杯 +15 → 15")


@pytest.mark.parametrize(("quantity", "maximum"), [(0, STOCK_MAX), (-5, STOCK_MAX), (STOCK_MAX + 1, STOCK_MAX),
                                                   (STOCK_MAX - 19, STOCK_MAX - 20)])
def test_a_restock_out_of_range_writes_nothing(
        ctx: ServiceContext, service: MerchantService, admin: Actor, quantity: int, maximum: int) -> None:
    shop = service.add_merchant(admin, SHOP)
    tea = service.add_reward(admin, shop.id, TEA)  # 20 in stock
    before = snapshot(ctx)
    with pytest.raises(OutOfRange) as caught:
        service.restock(admin, tea.id, quantity)
    assert (caught.value.field, caught.value.params) == ("restock", {"minimum": 1, "maximum": maximum})
    assert snapshot(ctx) == before
    assert service.restock(admin, tea.id, STOCK_MAX - 20).stock == STOCK_MAX  # up to the limit exactly


def test_an_unlimited_reward_is_not_restocked(ctx: ServiceContext, service: MerchantService, admin: Actor) -> None:
    shop = service.add_merchant(admin, SHOP)
    tea = service.add_reward(admin, shop.id, replace(TEA, stock=None))
    before = snapshot(ctx)
    with pytest.raises(UnlimitedStock) as caught:
        service.restock(admin, tea.id, 5)
    assert caught.value.field == "restock"
    assert snapshot(ctx) == before


def test_a_restock_while_desks_issue_counts_every_voucher(
        ctx: ServiceContext, service: MerchantService, admin: Actor) -> None:
    """The administrator's screen says 5 left; two vouchers are issued at other desks before the restock of 10
    lands: 13 are left, not the 15 a read-then-write from the screen's number would store."""
    shop = service.add_merchant(admin, SHOP)
    tea = service.add_reward(admin, shop.id, replace(TEA, stock=5))
    on_screen = service.reward(admin, tea.id)
    assert _issue_one(ctx, tea.id) and _issue_one(ctx, tea.id)
    assert service.restock(admin, tea.id, 10).stock == 13
    assert _issue_one(ctx, tea.id)
    assert _stored_stock(ctx, tea.id) == 12
    # An edit of other fields from the old screen leaves the stock to the desks ...
    assert service.edit_reward(admin, tea.id, replace(on_screen.form(), points=35), on_screen.stock).stock == 12
    # ... and setting the stock from a number that is no longer true is refused, nothing saved.
    before = snapshot(ctx)
    with pytest.raises(StockChanged) as caught:
        service.edit_reward(admin, tea.id, replace(on_screen.form(), points=40, stock=50), on_screen.stock)
    assert (caught.value.field, caught.value.params) == ("stock", {"stock": 12})
    assert snapshot(ctx) == before
    current = service.reward(admin, tea.id)
    assert service.edit_reward(admin, tea.id, replace(current.form(), stock=50), current.stock).stock == 50
    assert "stock: 12 → 50" in _last(ctx).summary


def test_a_sold_out_reward_takes_again_after_a_restock(ctx: ServiceContext, service: MerchantService,
                                                       admin: Actor) -> None:
    shop = service.add_merchant(admin, SHOP)
    tea = service.add_reward(admin, shop.id, replace(TEA, stock=1))
    assert _issue_one(ctx, tea.id)
    assert not _issue_one(ctx, tea.id)  # the guard keeps it at zero
    assert _stored_stock(ctx, tea.id) == 0
    service.restock(admin, tea.id, 1)
    assert _issue_one(ctx, tea.id) and _stored_stock(ctx, tea.id) == 0


def test_switching_between_limited_and_unlimited_stock(ctx: ServiceContext, service: MerchantService,
                                                       admin: Actor) -> None:
    shop = service.add_merchant(admin, SHOP)
    tea = service.add_reward(admin, shop.id, replace(TEA, stock=None))
    limited = service.edit_reward(admin, tea.id, replace(TEA, stock=30), None)
    assert limited.stock == 30 and "stock: unlimited → 30" in _last(ctx).summary
    with pytest.raises(StockChanged) as caught:  # someone else made it unlimited meanwhile? no: it is 30 now
        service.edit_reward(admin, tea.id, replace(TEA, stock=40), None)
    assert caught.value.params == {"stock": 30}
    unlimited = service.edit_reward(admin, tea.id, replace(TEA, stock=None), 30)
    assert unlimited.stock is None and unlimited.issuable


# -- races between processes ------------------------------------------------------------------------------------

TAKES = 12
RESTOCKS = 6


def _take_many(ctx: ServiceContext, _actor: Actor, reward_id: int) -> object:
    return sum(_issue_one(ctx, reward_id) for _ in range(TAKES))


def _restock_many(ctx: ServiceContext, actor: Actor, reward_id: int) -> object:
    return [MerchantService(ctx).restock(actor, reward_id, 2).stock for _ in range(RESTOCKS)]


def test_desks_issuing_while_the_admin_restocks_lose_no_voucher(
        ctx: ServiceContext, service: MerchantService, admin: Actor) -> None:
    shop = service.add_merchant(admin, SHOP)
    tea = service.add_reward(admin, shop.id, replace(TEA, stock=10))
    outcomes = race(ctx, [(_take_many, admin, tea.id)] * 3 + [(_restock_many, admin, tea.id)] * 2)
    assert Counter(outcome for outcome, _ in outcomes) == {"ok": 5}
    taken = sum(int(detail) for _, detail in outcomes[:3])
    restocked = 2 * RESTOCKS * 2
    assert _stored_stock(ctx, tea.id) == 10 + restocked - taken >= 0
    assert taken >= 10  # what was there at the start is always issued
    with ctx.db.read() as s:
        assert s.execute(select(func.count()).select_from(AuditEvent)
                         .where(AuditEvent.action == "reward_restocked")).scalar_one() == 2 * RESTOCKS
        assert verify_chain(s) == []
