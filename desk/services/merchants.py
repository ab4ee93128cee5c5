"""Services layer: the merchant alliance (积分兑换联盟) — merchants and the rewards they offer for points, kept by
administrators: add and edit (every field checked first, each refusal naming its field and writing nothing),
activate and deactivate, and restock. Desk staff may read the lists.

Stock is what is left to issue, and other desks take from it while an administrator works here (`stock = stock - 1
WHERE stock > 0` when a voucher is issued). So the stock is only ever changed by guarded updates: a restock adds in
one statement, and an edit that changes the number applies only if the stock is still what the form showed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, Row, case, func, select, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from desk.domain.errors import (
    BadAmount,
    BadContactPhone,
    BadFormat,
    DateInFuture,
    NameTaken,
    NotFound,
    OutOfRange,
    StockChanged,
    UnlimitedStock,
)
from desk.domain.people import mask_phone, normalise_phone
from desk.domain.staff import Actor, Role
from desk.domain.text import clean_text
from desk.services import audit
from desk.services.bases import current_base
from desk.services.context import ServiceContext
from desk.services.facilities import zone_named
from desk.storage.models import Merchant, Reward, Staff

MERCHANT_NAME_MAX = 60
ADDRESS_MAX = 120
CONTACT_PERSON_MAX = 40
CATEGORY_MAX = 20
PLAQUE_MAX = 20
PHONE_MIN, PHONE_MAX = 7, 20
REWARD_TITLE_MAX = 60
TERMS_MAX = 500
POINTS_MIN, POINTS_MAX = 1, 100_000
FACE_VALUE_MAX = Decimal("100000.00")  # yuan; a reward worth more is not a points exchange
STOCK_MAX = 1_000_000
MONTHLY_LIMIT_MIN, MONTHLY_LIMIT_MAX = 1, 100
VALIDITY_MIN, VALIDITY_MAX = 1, 3650
DEFAULT_VALIDITY_DAYS = 30
FALLBACK_ZONE = "Asia/Shanghai"  # before any base is set up (the command line may add merchants first)

_CENT = Decimal("0.01")
_AMOUNT = re.compile(r"^-?[0-9]+(\.[0-9]*)?$")
# A landline or service number as printed on a shop sign: 0755-12345678, 400-123-4567, 8888 6666.
_LANDLINE = re.compile(r"^[0-9][0-9 -]*[0-9]$")
_SPACES = re.compile(r"\s+")
_MOBILE_START = ("1", "+86", "0086")


# -- what the administrator types ------------------------------------------------------------------------------

@dataclass(frozen=True)
class MerchantForm:
    name: str
    address: str = ""
    contact_person: str = ""
    contact_phone: str = ""  # a mobile or a landline; "" when not known
    category: str = ""  # 餐饮, 超市, 理发 ... as the alliance names them
    plaque_no: str = ""  # 联盟牌匾编号
    joined_on: dt.date | None = None


@dataclass(frozen=True)
class RewardForm:
    title: str
    points: int
    validity_days: int = DEFAULT_VALIDITY_DAYS  # from the day of issue
    terms: str = ""  # 使用说明: several lines, printed on the slip
    face_value: Decimal | None = None  # yuan, for settlement; None when it has no cash value
    stock: int | None = None  # None = unlimited
    monthly_limit: int | None = None  # vouchers per member per calendar month; None = no limit


# -- what the service returns ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MerchantRow:
    """A merchant as lists show it: the contact phone masked."""

    id: int
    name: str
    active: bool
    address: str
    contact_person: str
    masked_phone: str
    category: str
    plaque_no: str
    joined_on: dt.date | None
    active_rewards: int  # rewards switched on (members get them only while the merchant is active too)
    rewards: int  # every reward, inactive ones included
    cashiers: int  # active merchant-role staff bound to it; they stay when the merchant is deactivated


@dataclass(frozen=True)
class MerchantDetail:
    """A merchant for its edit form: the contact phone in full."""

    row: MerchantRow
    contact_phone: str

    @property
    def id(self) -> int:
        return self.row.id

    def form(self) -> MerchantForm:
        r = self.row
        return MerchantForm(r.name, r.address, r.contact_person, self.contact_phone, r.category, r.plaque_no,
                            r.joined_on)


@dataclass(frozen=True)
class RewardRow:
    id: int
    merchant_id: int
    merchant_name: str
    merchant_active: bool
    title: str
    terms: str
    points: int
    face_value: Decimal | None  # yuan with two places
    stock: int | None  # left to issue; None = unlimited
    monthly_limit: int | None
    validity_days: int
    active: bool

    @property
    def issuable(self) -> bool:
        """What the desk may issue now, as far as the reward goes (a member's points and limit aside)."""
        return self.active and self.merchant_active and (self.stock is None or self.stock > 0)

    def form(self) -> RewardForm:
        return RewardForm(self.title, self.points, self.validity_days, self.terms, self.face_value, self.stock,
                          self.monthly_limit)


# -- checking what was typed (no database) ----------------------------------------------------------------------

def clean_contact_phone(value: str | None, field: str = "contact_phone") -> str:
    """A mobile (anything starting 1, +86 or 0086) as its 11 digits; otherwise a landline or service number of
    digits, spaces and dashes, 7–20 characters with at least 7 digits, kept as typed with runs of spaces made one
    (the area code's dash helps whoever calls). Full-width digits count as digits. "" when empty."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", value or "").strip())
    if not text:
        return ""
    if text.replace(" ", "").replace("-", "").startswith(_MOBILE_START):
        try:
            return normalise_phone(text, field) or ""
        except BadFormat:
            raise BadContactPhone(field) from None
    digits = sum(ch.isdigit() for ch in text)
    if not _LANDLINE.match(text) or not PHONE_MIN <= len(text) <= PHONE_MAX or digits < PHONE_MIN:
        raise BadContactPhone(field)
    return text


def parse_yuan(text: str | None, field: str = "face_value") -> Decimal | None:
    """An amount typed in yuan ("10", "9.9", "¥12.50", full-width digits too) as a Decimal with two places; None
    when empty. More than two decimals, or anything but a number, is refused rather than rounded."""
    value = unicodedata.normalize("NFKC", text or "").strip().removeprefix("¥").strip()
    if not value:
        return None
    if not _AMOUNT.match(value):
        raise BadAmount(field)
    return check_yuan(Decimal(value), field)


def check_yuan(value: Decimal, field: str = "face_value") -> Decimal:
    try:
        exact = value.quantize(_CENT)
    except InvalidOperation:  # NaN, infinity, or too many digits for the context
        raise BadAmount(field) from None
    if exact != value:
        raise BadAmount(field)
    if not Decimal(0) <= exact <= FACE_VALUE_MAX:
        raise OutOfRange(field, minimum="0.00", maximum=f"{FACE_VALUE_MAX}")
    return exact


def yuan_to_fen(value: Decimal | None) -> int | None:
    return None if value is None else int(value * 100)


def fen_to_yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else (Decimal(fen) / 100).quantize(_CENT)


def _in_range(value: int, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise OutOfRange(field, minimum=low, maximum=high)
    return value


def _optional_in_range(value: int | None, field: str, low: int, high: int) -> int | None:
    return None if value is None else _in_range(value, field, low, high)


def clean_merchant_form(form: MerchantForm, today: dt.date) -> MerchantForm:
    """Every field checked in the order of the form, so the first refusal is the one nearest the top."""
    name = clean_text(form.name, "merchant_name", max_length=MERCHANT_NAME_MAX)
    category = clean_text(form.category, "category", max_length=CATEGORY_MAX, required=False)
    contact_person = clean_text(form.contact_person, "contact_person", max_length=CONTACT_PERSON_MAX,
                                required=False)
    phone = clean_contact_phone(form.contact_phone)
    address = clean_text(form.address, "address", max_length=ADDRESS_MAX, required=False)
    plaque = clean_text(form.plaque_no, "plaque_no", max_length=PLAQUE_MAX, required=False)
    if form.joined_on is not None and form.joined_on > today:
        raise DateInFuture("joined_on", latest=today.isoformat())
    return MerchantForm(name, address, contact_person, phone, category, plaque, form.joined_on)


def clean_reward_form(form: RewardForm) -> RewardForm:
    title = clean_text(form.title, "title", max_length=REWARD_TITLE_MAX)
    terms = clean_text(form.terms, "terms", max_length=TERMS_MAX, required=False, multiline=True)
    points = _in_range(form.points, "points", POINTS_MIN, POINTS_MAX)
    face_value = None if form.face_value is None else check_yuan(form.face_value)
    stock = _optional_in_range(form.stock, "stock", 0, STOCK_MAX)
    monthly = _optional_in_range(form.monthly_limit, "monthly_limit", MONTHLY_LIMIT_MIN, MONTHLY_LIMIT_MAX)
    validity = _in_range(form.validity_days, "validity_days", VALIDITY_MIN, VALIDITY_MAX)
    return RewardForm(title, points, validity, terms, face_value, stock, monthly)


def check_restock(quantity: int) -> int:
    return _in_range(quantity, "restock", 1, STOCK_MAX)


# -- reading -------------------------------------------------------------------------------------------------------

_ACTIVE_REWARDS = (select(Reward.merchant_id, func.count().label("rewards"),
                          func.sum(case((Reward.active, 1), else_=0)).label("active_rewards"))
                   .group_by(Reward.merchant_id).subquery())
_CASHIERS = (select(Staff.merchant_id, func.count().label("cashiers"))
             .where(Staff.role == Role.MERCHANT.value, Staff.active, Staff.merchant_id.is_not(None))
             .group_by(Staff.merchant_id).subquery())
_MERCHANTS = (select(Merchant, func.coalesce(_ACTIVE_REWARDS.c.active_rewards, 0),
                     func.coalesce(_ACTIVE_REWARDS.c.rewards, 0), func.coalesce(_CASHIERS.c.cashiers, 0))
              .outerjoin(_ACTIVE_REWARDS, _ACTIVE_REWARDS.c.merchant_id == Merchant.id)
              .outerjoin(_CASHIERS, _CASHIERS.c.merchant_id == Merchant.id))
_REWARDS = (select(Reward.id, Reward.merchant_id, Merchant.name.label("merchant_name"),
                   Merchant.active.label("merchant_active"), Reward.title, Reward.terms, Reward.points,
                   Reward.face_value_fen, Reward.stock, Reward.monthly_limit, Reward.validity_days, Reward.active)
            .join(Merchant, Merchant.id == Reward.merchant_id))


def _merchant_row(merchant: Merchant, active_rewards: int, rewards: int, cashiers: int) -> MerchantRow:
    return MerchantRow(merchant.id, merchant.name, merchant.active, merchant.address, merchant.contact_person,
                       mask_phone(merchant.contact_phone), merchant.category, merchant.plaque_no, merchant.joined_on,
                       int(active_rewards), int(rewards), int(cashiers))


def _reward_row(row: Row[*tuple[Any, ...]]) -> RewardRow:
    return RewardRow(row.id, row.merchant_id, row.merchant_name, bool(row.merchant_active), row.title, row.terms,
                     row.points, fen_to_yuan(row.face_value_fen), row.stock, row.monthly_limit, row.validity_days,
                     bool(row.active))


def _stock_is(value: int | None) -> ColumnElement[bool]:
    return Reward.stock.is_(None) if value is None else Reward.stock == value


def _stock_text(value: int | None) -> str:
    return "unlimited" if value is None else str(value)


class MerchantService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- merchants -------------------------------------------------------------------------------------------------

    def merchants(self, actor: Actor) -> list[MerchantRow]:
        """Every merchant, active ones first, by name; phones masked."""
        actor.require(Role.ADMIN, Role.DESK, action="list_merchants")
        with self._ctx.db.read() as s:
            rows = s.execute(_MERCHANTS.order_by(Merchant.active.desc(), Merchant.name, Merchant.id)).all()
            return [_merchant_row(*row) for row in rows]

    def merchant(self, actor: Actor, merchant_id: int) -> MerchantDetail:
        actor.require(Role.ADMIN, action="edit_merchants")
        with self._ctx.db.read() as s:
            return self._detail(s, merchant_id)

    def add_merchant(self, actor: Actor, form: MerchantForm) -> MerchantDetail:
        actor.require(Role.ADMIN, action="edit_merchants")
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write() as s:
                clean = clean_merchant_form(form, self._today(s, now))
                self._refuse_merchant_name(s, clean.name, None)
                merchant = Merchant(name=clean.name, active=True, created_at=now, address=clean.address,
                                    contact_person=clean.contact_person, contact_phone=clean.contact_phone,
                                    category=clean.category, plaque_no=clean.plaque_no, joined_on=clean.joined_on)
                s.add(merchant)
                s.flush()
                audit.record(s, now, actor, "merchant_added", "merchant", merchant.id,
                             "; ".join(f"{field}: {value}" for field, value in _merchant_fields(clean) if value))
                return self._detail(s, merchant.id)
        except sa_exc.IntegrityError:
            raise NameTaken("merchant_name", name=form.name.strip()) from None  # another desk added it just now

    def edit_merchant(self, actor: Actor, merchant_id: int, form: MerchantForm) -> MerchantDetail:
        actor.require(Role.ADMIN, action="edit_merchants")
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write() as s:
                clean = clean_merchant_form(form, self._today(s, now))
                merchant = self._merchant(s, merchant_id)
                before = _merchant_fields(_form_of(merchant))
                if merchant.name != clean.name:
                    self._refuse_merchant_name(s, clean.name, merchant.id)
                changes = [f"{field}: {old or '-'} → {new or '-'}"
                           for (field, old), (_, new) in zip(before, _merchant_fields(clean), strict=True)
                           if old != new]
                if changes:
                    merchant.name, merchant.address = clean.name, clean.address
                    merchant.contact_person, merchant.contact_phone = clean.contact_person, clean.contact_phone
                    merchant.category, merchant.plaque_no = clean.category, clean.plaque_no
                    merchant.joined_on = clean.joined_on
                    s.flush()
                    audit.record(s, now, actor, "merchant_edited", "merchant", merchant.id,
                                 f"{clean.name}: " + "; ".join(changes))
                return self._detail(s, merchant.id)
        except sa_exc.IntegrityError:
            raise NameTaken("merchant_name", name=form.name.strip()) from None

    def set_merchant_active(self, actor: Actor, merchant_id: int, active: bool) -> MerchantDetail:
        """A deactivated merchant's rewards are no longer issued (vouchers already issued stay valid). Its cashiers'
        accounts are left as they are: the result counts them so the administrator can disable them too."""
        actor.require(Role.ADMIN, action="edit_merchants")
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            merchant = self._merchant(s, merchant_id)
            if merchant.active != active:
                merchant.active = active
                s.flush()
                if active:
                    audit.record(s, now, actor, "merchant_activated", "merchant", merchant.id, merchant.name)
                else:
                    audit.record(s, now, actor, "merchant_deactivated", "merchant", merchant.id, merchant.name)
            return self._detail(s, merchant.id)

    # -- rewards ---------------------------------------------------------------------------------------------------

    def rewards(self, actor: Actor, merchant_id: int | None = None) -> list[RewardRow]:
        """The rewards of one merchant, or of all (by merchant name); active ones first, then in the order added."""
        actor.require(Role.ADMIN, Role.DESK, action="list_merchants")
        query = _REWARDS
        if merchant_id is not None:
            query = query.where(Reward.merchant_id == merchant_id)
        with self._ctx.db.read() as s:
            rows = s.execute(query.order_by(Merchant.name, Merchant.id, Reward.active.desc(), Reward.id)).all()
            return [_reward_row(row) for row in rows]

    def reward(self, actor: Actor, reward_id: int) -> RewardRow:
        actor.require(Role.ADMIN, Role.DESK, action="list_merchants")
        with self._ctx.db.read() as s:
            return self._reward_row(s, reward_id)

    def add_reward(self, actor: Actor, merchant_id: int, form: RewardForm) -> RewardRow:
        actor.require(Role.ADMIN, action="edit_merchants")
        clean = clean_reward_form(form)
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write() as s:
                merchant = self._merchant(s, merchant_id, lock=False)
                self._refuse_title(s, merchant.id, clean.title, None)
                reward = Reward(merchant_id=merchant.id, title=clean.title, terms=clean.terms, points=clean.points,
                                face_value_fen=yuan_to_fen(clean.face_value), stock=clean.stock,
                                monthly_limit=clean.monthly_limit, validity_days=clean.validity_days, active=True,
                                created_at=now)
                s.add(reward)
                s.flush()
                audit.record(s, now, actor, "reward_added", "reward", reward.id,
                             f"{merchant.name}: " + "; ".join(f"{f}: {v}" for f, v in _reward_fields(clean)))
                return self._reward_row(s, reward.id)
        except sa_exc.IntegrityError:
            raise NameTaken("title", name=clean.title) from None

    def edit_reward(self, actor: Actor, reward_id: int, form: RewardForm, stock_seen: int | None) -> RewardRow:
        """Save the form of a reward. `stock_seen` is the stock the form was filled with: when the form's stock
        differs from it the administrator changed it, and it is set only if no desk has changed it meanwhile
        (StockChanged otherwise, and nothing is saved); when they are equal the stock is left to the desks."""
        actor.require(Role.ADMIN, action="edit_merchants")
        clean = clean_reward_form(form)
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write() as s:
                reward = s.execute(select(Reward).where(Reward.id == reward_id).with_for_update()
                                   ).scalar_one_or_none()
                if reward is None:
                    raise NotFound(entity="reward", key=reward_id)
                if reward.title != clean.title:
                    self._refuse_title(s, reward.merchant_id, clean.title, reward.id)
                changes: list[str] = []
                if clean.stock != stock_seen:
                    moved = s.execute(update(Reward).where(Reward.id == reward.id, _stock_is(stock_seen))
                                      .values(stock=clean.stock).returning(Reward.id)).first()
                    if moved is None:
                        now_stock = s.execute(select(Reward.stock).where(Reward.id == reward.id)).scalar_one()
                        raise StockChanged("stock", stock=now_stock)
                    changes.append(f"stock: {_stock_text(stock_seen)} → {_stock_text(clean.stock)}")
                before = _reward_fields(_reward_form_of(reward))
                changes[:0] = [f"{field}: {old} → {new}"
                               for (field, old), (_, new) in zip(before, _reward_fields(clean), strict=True)
                               if old != new and field != "stock"]
                if changes:
                    reward.title, reward.terms, reward.points = clean.title, clean.terms, clean.points
                    reward.face_value_fen = yuan_to_fen(clean.face_value)
                    reward.monthly_limit, reward.validity_days = clean.monthly_limit, clean.validity_days
                    s.flush()
                    audit.record(s, now, actor, "reward_edited", "reward", reward.id,
                                 f"{clean.title}: " + "; ".join(changes))
                return self._reward_row(s, reward.id)
        except sa_exc.IntegrityError:
            raise NameTaken("title", name=clean.title) from None

    def set_reward_active(self, actor: Actor, reward_id: int, active: bool) -> RewardRow:
        """An inactive reward is no longer issued; vouchers already issued for it stay valid."""
        actor.require(Role.ADMIN, action="edit_merchants")
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            changed = s.execute(update(Reward).where(Reward.id == reward_id, Reward.active != active)
                                .values(active=active).returning(Reward.title)).scalar_one_or_none()
            row = self._reward_row(s, reward_id)
            if changed is not None:
                summary = f"{row.merchant_name}: {row.title}"
                if active:
                    audit.record(s, now, actor, "reward_activated", "reward", reward_id, summary)
                else:
                    audit.record(s, now, actor, "reward_deactivated", "reward", reward_id, summary)
            return row

    def restock(self, actor: Actor, reward_id: int, quantity: int) -> RewardRow:
        """Add `quantity` to what is left, in one guarded statement: vouchers issued by other desks at the same
        moment are neither lost nor counted twice."""
        actor.require(Role.ADMIN, action="edit_merchants")
        n = check_restock(quantity)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            stock = s.execute(update(Reward)
                              .where(Reward.id == reward_id, Reward.stock.is_not(None),
                                     Reward.stock <= STOCK_MAX - n)
                              .values(stock=Reward.stock + n).returning(Reward.stock)).scalar_one_or_none()
            if stock is None:
                self._refuse_restock(s, reward_id)
            row = self._reward_row(s, reward_id)
            audit.record(s, now, actor, "reward_restocked", "reward", reward_id,
                         f"{row.merchant_name}: {row.title} +{n} → {stock}")
            return row

    # -- helpers -----------------------------------------------------------------------------------------------------

    def _today(self, s: Session, now: dt.datetime) -> dt.date:
        try:
            zone = current_base(s, self._ctx.base_code).timezone
        except NotFound:
            zone = FALLBACK_ZONE
        return now.astimezone(zone_named(zone)).date()

    @staticmethod
    def _merchant(s: Session, merchant_id: int, lock: bool = True) -> Merchant:
        query = select(Merchant).where(Merchant.id == merchant_id)
        merchant = s.execute(query.with_for_update() if lock else query).scalar_one_or_none()
        if merchant is None:
            raise NotFound(entity="merchant", key=merchant_id)
        return merchant

    @staticmethod
    def _detail(s: Session, merchant_id: int) -> MerchantDetail:
        row = s.execute(_MERCHANTS.where(Merchant.id == merchant_id)).one_or_none()
        if row is None:
            raise NotFound(entity="merchant", key=merchant_id)
        merchant = row[0]
        return MerchantDetail(_merchant_row(*row), merchant.contact_phone)

    @staticmethod
    def _reward_row(s: Session, reward_id: int) -> RewardRow:
        row = s.execute(_REWARDS.where(Reward.id == reward_id)).one_or_none()
        if row is None:
            raise NotFound(entity="reward", key=reward_id)
        return _reward_row(row)

    @staticmethod
    def _refuse_merchant_name(s: Session, name: str, keep: int | None) -> None:
        # Case-blind, so "KFC" and "kfc" are not two merchants; the unique index settles exact races.
        query = select(Merchant.id).where(func.lower(Merchant.name) == name.lower())
        if keep is not None:
            query = query.where(Merchant.id != keep)
        if s.execute(query.limit(1)).first() is not None:
            raise NameTaken("merchant_name", name=name)

    @staticmethod
    def _refuse_title(s: Session, merchant_id: int, title: str, keep: int | None) -> None:
        query = select(Reward.id).where(Reward.merchant_id == merchant_id, func.lower(Reward.title) == title.lower())
        if keep is not None:
            query = query.where(Reward.id != keep)
        if s.execute(query.limit(1)).first() is not None:
            raise NameTaken("title", name=title)

    @staticmethod
    def _refuse_restock(s: Session, reward_id: int) -> None:
        found = s.execute(select(Reward.stock).where(Reward.id == reward_id)).one_or_none()
        if found is None:
            raise NotFound(entity="reward", key=reward_id)
        if found.stock is None:
            raise UnlimitedStock("restock")
        raise OutOfRange("restock", minimum=1, maximum=max(STOCK_MAX - found.stock, 0))


def _form_of(merchant: Merchant) -> MerchantForm:
    return MerchantForm(merchant.name, merchant.address, merchant.contact_person, merchant.contact_phone,
                        merchant.category, merchant.plaque_no, merchant.joined_on)


def _merchant_fields(form: MerchantForm) -> list[tuple[str, str]]:
    """The fields as the audit trail words them; the phone masked, as everywhere a person is named."""
    return [("name", form.name), ("category", form.category), ("contact_person", form.contact_person),
            ("contact_phone", mask_phone(form.contact_phone)), ("address", form.address),
            ("plaque_no", form.plaque_no), ("joined_on", form.joined_on.isoformat() if form.joined_on else "")]


def _reward_form_of(reward: Reward) -> RewardForm:
    return RewardForm(reward.title, reward.points, reward.validity_days, reward.terms,
                      fen_to_yuan(reward.face_value_fen), reward.stock, reward.monthly_limit)


def _reward_fields(form: RewardForm) -> list[tuple[str, str]]:
    return [("title", form.title), ("points", str(form.points)),
            ("face_value", "-" if form.face_value is None else f"¥{form.face_value}"),
            ("stock", _stock_text(form.stock)),
            ("monthly_limit", "-" if form.monthly_limit is None else str(form.monthly_limit)),
            ("validity_days", str(form.validity_days)), ("terms", form.terms.replace("\n", " ") or "-")]
