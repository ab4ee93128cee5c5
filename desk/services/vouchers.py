"""Services layer: vouchers (兑换券) — issuing at the desk, single-use redemption at the merchant, void, expiry and
settlement.

Issuing is one transaction: the member's row is locked (so a monthly limit holds against two desks), the reward's
stock is taken with a guarded update (`stock = stock - 1 WHERE stock > 0`), the voucher is inserted and its points
are spent through the ledger (`points.post`, the guarded balance update). Any refusal rolls all of it back: no
points spent without a voucher, no voucher without the spend. The submission key of the spend makes a double
click issue one voucher.

Redemption is one conditional update with a row-count check — `status = 'redeemed' WHERE id = :id AND status =
'issued' AND expires_on >= :today AND merchant_id = :merchant` — never read-then-write: of eight stations scanning
one slip at once, exactly one redeems it. What the others are told is read afterwards.

The QR text is signed with Ed25519 (desk.domain.voucher_payload); the private key lives in the data folder
(VoucherKeys), never in the database. A slip can be printed again at any time: the signature is deterministic,
and after a key rotation a reprint is signed with the new key while the old slip stays valid.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, bindparam, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from desk.domain.errors import (
    DeskError,
    DuplicateSubmission,
    MonthlyLimitReached,
    NotFound,
    NothingToSettle,
    OutOfStock,
    RewardUnavailable,
    SerialMalformed,
    SerialTypo,
    VoucherCodeError,
    VoucherNotIssued,
)
from desk.domain.people import mask_name
from desk.domain.periods import Period
from desk.domain.points import EntryKind
from desk.domain.staff import Actor, Role
from desk.domain.text import clean_text
from desk.domain.voucher_code import parse_serial, serial_code
from desk.domain.voucher_payload import Payload, looks_like_voucher, sign, verify
from desk.domain.vouchers import VOID_REASON_MAX, Outcome, VoucherStatus
from desk.printing.voucher_slip import VoucherSlip
from desk.services import audit
from desk.services.checks import invariant
from desk.services.context import ServiceContext
from desk.services.points import Replay, post, read_policy
from desk.services.settings import read_bool
from desk.services.voucher_keys import VoucherKeys
from desk.storage.models import (
    Member,
    Merchant,
    Person,
    PointsEntry,
    Reward,
    ServiceBase,
    Settlement,
    Staff,
    Voucher,
)
from desk.storage.prepared import Prepared

EXPIRY_REFUND_SETTING = "voucher_expiry_refund"  # expired unredeemed vouchers give their points back
STAFF_ROLES = (Role.ADMIN, Role.DESK)

_ISSUED = VoucherStatus.ISSUED.value
# Every scan at a station runs these two (see storage.prepared).
_REDEEM = Prepared(update(Voucher)
                   .where(Voucher.id == bindparam("voucher"), Voucher.status == _ISSUED,
                          Voucher.expires_on >= bindparam("today"), Voucher.merchant_id == bindparam("at_merchant"))
                   .values(status=VoucherStatus.REDEEMED.value, redeemed_at=bindparam("now"),
                           redeemed_by=bindparam("staff")))
_TAKE_STOCK = (update(Reward).where(Reward.id == bindparam("reward"), Reward.stock.is_not(None), Reward.stock > 0)
               .values(stock=Reward.stock - 1))
_RETURN_STOCK = (update(Reward).where(Reward.id == bindparam("reward"), Reward.stock.is_not(None))
                 .values(stock=Reward.stock + 1))
_INSERT_VOUCHER = insert(Voucher).returning(Voucher.id)
# A voucher as the lists show it, built once (every redemption and list reads it).
VOUCHER_ROWS: Select[*tuple[Any, ...]] = (
    select(Voucher.id, Voucher.status, Voucher.member_id, Person.member_no, Person.name, Voucher.merchant_id,
           Merchant.name.label("merchant_name"), Reward.title, Voucher.points, Voucher.face_value_fen,
           Voucher.issued_at, Voucher.expires_on, Voucher.redeemed_at, Staff.display_name, Voucher.void_reason,
           Voucher.reprints, Voucher.settlement_id)
    .join(Member, Member.id == Voucher.member_id).join(Person, Person.id == Member.person_id)
    .join(Merchant, Merchant.id == Voucher.merchant_id).join(Reward, Reward.id == Voucher.reward_id)
    .outerjoin(Staff, Staff.id == Voucher.redeemed_by))
_ROW_OF = VOUCHER_ROWS.where(Voucher.id == bindparam("voucher_id"))
# The same and the base's code, which a scanned payload must match: one read before a redemption's update.
_JUDGED = Prepared(VOUCHER_ROWS.add_columns(ServiceBase.code).join(ServiceBase, ServiceBase.id == Voucher.base_id)
                   .where(Voucher.id == bindparam("voucher_id")))


@dataclass(frozen=True)
class RewardOffer:
    """A reward in the desk's catalogue, as it stands for one member."""

    reward_id: int
    merchant_id: int
    merchant_name: str
    title: str
    terms: str
    points: int
    face_value_fen: int | None
    stock: int | None  # None: unlimited
    monthly_limit: int | None
    validity_days: int
    taken_this_month: int  # by this member (voided vouchers not counted)
    affordable: bool

    @property
    def available(self) -> bool:
        """Can be issued to this member now (stock, limit and balance)."""
        return (self.affordable and (self.stock is None or self.stock > 0)
                and (self.monthly_limit is None or self.taken_this_month < self.monthly_limit))


@dataclass(frozen=True)
class VoucherRow:
    id: int
    code: str  # the serial short code
    status: VoucherStatus
    member_id: int
    member_no: str
    masked_name: str
    merchant_id: int
    merchant_name: str
    reward_title: str
    points: int
    face_value_fen: int | None
    issued_at: dt.datetime
    expires_on: dt.date
    redeemed_at: dt.datetime | None
    redeemed_by: str
    void_reason: str
    reprints: int
    settled: bool


@dataclass(frozen=True)
class Issued:
    voucher: VoucherRow
    slip: VoucherSlip
    balance: int  # the member's balance after the spend
    replayed: bool = False


@dataclass(frozen=True)
class Verdict:
    """What a scan or a typed code comes to. `voucher` is None when no voucher of this database was named."""

    outcome: Outcome
    voucher: VoucherRow | None = None
    error: DeskError | None = None  # why a code is not genuine or has a typo

    @property
    def ok(self) -> bool:
        return self.outcome in (Outcome.REDEEMED, Outcome.VALID)


@dataclass(frozen=True)
class SettlementRow:
    id: int | None  # None: a preview, not settled yet
    merchant_id: int
    merchant_name: str
    period: Period
    vouchers: tuple[VoucherRow, ...]
    count: int
    points: int
    face_value_fen: int


class VoucherService:
    def __init__(self, ctx: ServiceContext, keys: VoucherKeys | None = None) -> None:
        self._ctx = ctx
        self._keys = keys or VoucherKeys(ctx.location.data_dir)
        self._base: tuple[int, str, str, zoneinfo.ZoneInfo] | None = None

    # -- the catalogue -------------------------------------------------------------------------------------------

    def catalogue(self, member_id: int | None = None, text: str = "") -> list[RewardOffer]:
        """Active rewards of active merchants, matching `text` in the title or merchant name, cheapest first."""
        query = (select(Reward, Merchant.name).join(Merchant, Merchant.id == Reward.merchant_id)
                 .where(Reward.active, Merchant.active).order_by(Reward.points, Merchant.name, Reward.title))
        needle = text.strip()
        if needle:
            like = f"%{needle.replace('%', '').replace('_', '')}%"
            query = query.where(Reward.title.like(like) | Merchant.name.like(like))
        with self._ctx.db.read() as s:
            conn = s.connection()
            _base_id, _code, _name, zone = self._base_of(conn)
            balance, taken = 0, {}
            if member_id is not None:
                found = conn.execute(select(Member.balance).where(Member.id == member_id)).scalar_one_or_none()
                if found is None:
                    raise NotFound("member", entity="member", key=member_id)
                balance = int(found)
                start, end = _month_bounds(self._ctx.clock.now(), zone)
                taken = {reward: count for reward, count in conn.execute(
                    select(Voucher.reward_id, func.count()).where(
                        Voucher.member_id == member_id, Voucher.issued_at >= start, Voucher.issued_at < end,
                        Voucher.status != VoucherStatus.VOID.value).group_by(Voucher.reward_id))}
            return [RewardOffer(r.id, r.merchant_id, merchant, r.title, r.terms, r.points, r.face_value_fen, r.stock,
                                r.monthly_limit, r.validity_days, int(taken.get(r.id, 0)), balance >= r.points)
                    for r, merchant in s.execute(query)]

    # -- issuing -------------------------------------------------------------------------------------------------

    def issue(self, actor: Actor, member_id: int, reward_id: int, key: str) -> Issued:
        """Spend the member's points on a reward and make the voucher, in one transaction; the same key again
        answers with the voucher already issued."""
        actor.require(*STAFF_ROLES, action="issue_voucher")
        now = self._ctx.clock.now()
        signing = self._keys.current()  # before the transaction: a station without the private key refuses here
        try:
            with self._ctx.db.write_core() as conn:
                try:
                    voucher_id, balance = self._issue(conn, actor, now, member_id, reward_id, key, signing.key_id)
                except Replay as replay:
                    voucher_id = self._voucher_of_entry(conn, replay.entry_id)
                    return self._issued(conn, voucher_id, replayed=True)
                audit.record(conn, now, actor, "voucher_issued", "voucher", voucher_id, serial_code(voucher_id))
                issued = self._issued(conn, voucher_id)
                return Issued(issued.voucher, issued.slip, balance)
        except IntegrityError:
            with self._ctx.db.read() as s:  # another desk issued with this key a moment earlier
                conn = s.connection()
                entry = conn.execute(select(PointsEntry.id).where(PointsEntry.idem_key == key)).scalar_one_or_none()
                if entry is None:
                    raise
                return self._issued(conn, self._voucher_of_entry(conn, entry), replayed=True)

    def _issue(self, conn: Connection, actor: Actor, now: dt.datetime, member_id: int, reward_id: int, key: str,
               key_id: str) -> tuple[int, int]:
        found = conn.execute(select(PointsEntry.id).where(PointsEntry.idem_key == key)).scalar_one_or_none()
        if found is not None:
            raise Replay(found)
        base_id, _code, _name, zone = self._base_of(conn)
        # The member's row first (as every balance change takes it): two desks issuing to one member queue here,
        # so the monthly limit below is counted by one of them at a time.
        if conn.execute(select(Member.id).where(Member.id == member_id).with_for_update()).first() is None:
            raise NotFound("member", entity="member", key=member_id)
        offer = conn.execute(select(
            Reward.title, Reward.active, Reward.merchant_id, Reward.points, Reward.face_value_fen, Reward.stock,
            Reward.monthly_limit, Reward.validity_days, Merchant.name.label("merchant_name"),
            Merchant.active.label("merchant_active"),
        ).join(Merchant, Merchant.id == Reward.merchant_id).where(Reward.id == reward_id)).one_or_none()
        if offer is None:
            raise NotFound("reward", entity="reward", key=reward_id)
        merchant_name, merchant_active = offer.merchant_name, offer.merchant_active
        if not merchant_active or not offer.active:
            raise RewardUnavailable("reward", title=offer.title, merchant=merchant_name,
                                    reason="merchant" if not merchant_active else "reward")
        if offer.monthly_limit is not None:
            start, end = _month_bounds(now, zone)
            taken = conn.execute(select(func.count()).select_from(Voucher).where(
                Voucher.member_id == member_id, Voucher.reward_id == reward_id, Voucher.issued_at >= start,
                Voucher.issued_at < end, Voucher.status != VoucherStatus.VOID.value)).scalar_one()
            if taken >= offer.monthly_limit:
                raise MonthlyLimitReached("reward", title=offer.title, limit=offer.monthly_limit)
        if offer.stock is not None and conn.execute(_TAKE_STOCK, {"reward": reward_id}).rowcount != 1:
            raise OutOfStock("reward", title=offer.title)
        local_today = now.astimezone(zone).date()
        voucher_id = conn.execute(_INSERT_VOUCHER, {
            "base_id": base_id, "reward_id": reward_id, "merchant_id": offer.merchant_id, "member_id": member_id,
            "points": offer.points, "face_value_fen": offer.face_value_fen, "status": _ISSUED, "key_id": key_id,
            "issued_at": now, "issued_by": actor.staff_id,
            "expires_on": local_today + dt.timedelta(days=offer.validity_days - 1),
            "spend_entry_id": None, "redeemed_at": None, "redeemed_by": None, "voided_at": None, "void_reason": "",
            "refund_entry_id": None, "reprints": 0, "settlement_id": None,
        }).scalar_one()
        spent = post(conn, now, actor, member_id, -offer.points, EntryKind.SPEND,
                     f"兑换：{merchant_name} {offer.title}"[:120], key, ref_kind="voucher", ref_id=voucher_id,
                     look_up_key=False)
        conn.execute(update(Voucher).where(Voucher.id == voucher_id).values(spend_entry_id=spent.entry_id))
        return voucher_id, spent.balance

    def slip(self, voucher_id: int) -> VoucherSlip:
        """The slip of a voucher as first printed (for the preview)."""
        with self._ctx.db.read() as s:
            return self._slip(s.connection(), voucher_id, reprint=False)

    def reprint(self, actor: Actor, voucher_id: int) -> VoucherSlip:
        """The slip again, marked 重印 and audited; only while the voucher can still be redeemed."""
        actor.require(*STAFF_ROLES, action="reprint_voucher")
        now = self._ctx.clock.now()
        with self._ctx.db.write_core() as conn:
            changed = conn.execute(update(Voucher).where(Voucher.id == voucher_id, Voucher.status == _ISSUED)
                                   .values(reprints=Voucher.reprints + 1)).rowcount
            if changed != 1:
                status = conn.execute(select(Voucher.status).where(Voucher.id == voucher_id)).scalar_one_or_none()
                if status is None:
                    raise NotFound(entity="voucher", key=voucher_id)
                raise VoucherNotIssued(status=status)
            audit.record(conn, now, actor, "voucher_reprinted", "voucher", voucher_id, serial_code(voucher_id))
            return self._slip(conn, voucher_id, reprint=True)

    # -- redemption ----------------------------------------------------------------------------------------------

    def verify(self, text: str, merchant_id: int | None = None) -> Verdict:
        """What a code is and whether it can be redeemed (at `merchant_id`, when given); changes nothing."""
        return self._judge(text, merchant_id, None)

    def redeem(self, actor: Actor, text: str, merchant_id: int | None = None) -> Verdict:
        """Redeem the voucher a scanned QR text or typed serial names, once. A merchant cashier redeems for their
        own merchant only; other staff name the merchant (or redeem wherever the voucher belongs)."""
        if actor.role is Role.MERCHANT:
            merchant_id = actor.merchant_id
        return self._judge(text, merchant_id, actor)

    def _judge(self, text: str, merchant_id: int | None, actor: Actor | None) -> Verdict:
        try:
            voucher_id, payload = self._read_code(text)
        except SerialTypo as error:
            return Verdict(Outcome.TYPO, error=error)
        except (VoucherCodeError, SerialMalformed) as error:
            return Verdict(Outcome.NOT_GENUINE, error=error)
        now = self._ctx.clock.now()
        with self._ctx.db.write_core() if actor is not None else self._read_connection() as conn:
            found = _JUDGED.run(conn, {"voucher_id": voucher_id}).first()
            if found is None or (payload is not None and (payload.merchant_id != found.merchant_id
                                                          or payload.base_code != found.code)):
                return Verdict(Outcome.NOT_GENUINE, error=NotFound("code", entity="voucher", key=text.strip()[:20]))
            row = voucher_row(found)
            today = now.astimezone(self._base_of(conn)[3]).date()
            at = merchant_id if merchant_id is not None else row.merchant_id
            if actor is not None and row.status is VoucherStatus.ISSUED and row.expires_on >= today and \
                    row.merchant_id == at:
                # The conditional update decides; what was read above only chose to try it.
                redeemed = _REDEEM.run(conn, {"voucher": voucher_id, "today": today, "at_merchant": at,
                                                  "now": now, "staff": actor.staff_id}).rowcount
                if redeemed == 1:
                    audit.record(conn, now, actor, "voucher_redeemed", "voucher", voucher_id,
                                 f"{row.code} @ {row.merchant_name}")
                    return Verdict(Outcome.REDEEMED, dataclasses.replace(
                        row, status=VoucherStatus.REDEEMED, redeemed_at=now, redeemed_by=actor.display_name))
                row = self._row(conn, voucher_id)  # another station was quicker: say what it made of it
            return Verdict(_outcome(row, today, at), row)

    def _read_code(self, text: str) -> tuple[int, Payload | None]:
        """The voucher a QR text (signature checked) or a typed serial names."""
        if looks_like_voucher(text):
            payload = verify(text, self._keys.public_keys())
            return payload.serial, payload
        return parse_serial(text), None

    # -- void and expiry -----------------------------------------------------------------------------------------

    def void(self, actor: Actor, voucher_id: int, reason: str) -> VoucherRow:
        """作废 an unredeemed voucher: the points come back as a refund entry, the stock is restored."""
        actor.require(*STAFF_ROLES, action="void_voucher")
        text = clean_text(reason, "reason", max_length=VOID_REASON_MAX)
        now = self._ctx.clock.now()
        with self._ctx.db.write_core() as conn:
            self._end(conn, actor, now, voucher_id, VoucherStatus.VOID, text, refund=True)
            audit.record(conn, now, actor, "voucher_voided", "voucher", voucher_id,
                         f"{serial_code(voucher_id)}: {text}")
            return self._row(conn, voucher_id)

    def expire_due(self) -> int:
        """Run by the daily timer: issued vouchers past their last day become expired; their points come back
        when the setting says so, and the stock is restored. Returns how many."""
        now = self._ctx.clock.now()
        with self._ctx.db.write_core() as conn:
            today = now.astimezone(self._base_of(conn)[3]).date()
            due = conn.execute(select(Voucher.id, Voucher.member_id).where(
                Voucher.status == _ISSUED, Voucher.expires_on < today).order_by(Voucher.member_id, Voucher.id)).all()
            if not due:
                return 0
            refund = read_bool(conn, EXPIRY_REFUND_SETTING)
            # The members' rows in member order first, as a group completion takes them (no deadlock between two).
            conn.execute(select(Member.id).where(Member.id.in_(sorted({m for _, m in due})))
                         .order_by(Member.id).with_for_update())
            for voucher_id, _member in due:
                self._end(conn, None, now, voucher_id, VoucherStatus.EXPIRED, "", refund=refund)
            audit.record(conn, now, None, "vouchers_expired", "voucher", "",
                         f"{len(due)} expired{', points refunded' if refund else ''}")
            return len(due)

    def _end(self, conn: Connection, actor: Actor | None, now: dt.datetime, voucher_id: int, status: VoucherStatus,
             reason: str, *, refund: bool) -> None:
        ended = conn.execute(update(Voucher).where(Voucher.id == voucher_id, Voucher.status == _ISSUED)
                             .values(status=status.value, voided_at=now, void_reason=reason)
                             .returning(Voucher.member_id, Voucher.points, Voucher.reward_id)).first()
        if ended is None:
            current = conn.execute(select(Voucher.status).where(Voucher.id == voucher_id)).scalar_one_or_none()
            if current is None:
                raise NotFound(entity="voucher", key=voucher_id)
            raise VoucherNotIssued(status=current)
        member_id, points, reward_id = ended
        conn.execute(_RETURN_STOCK, {"reward": reward_id})
        if refund:
            label = "作废退回" if status is VoucherStatus.VOID else "过期退回"
            back = post(conn, now, actor, member_id, points, EntryKind.REFUND,
                        f"{label}：{serial_code(voucher_id)}", f"{status.value}:{voucher_id}", ref_kind="voucher",
                        ref_id=voucher_id, policy=read_policy(conn))
            conn.execute(update(Voucher).where(Voucher.id == voucher_id).values(refund_entry_id=back.entry_id))

    # -- reading -------------------------------------------------------------------------------------------------

    def get(self, voucher_id: int) -> VoucherRow:
        with self._ctx.db.read() as s:
            return self._row(s.connection(), voucher_id)

    def find(self, text: str) -> VoucherRow:
        """The voucher a QR text or serial names (signature checked), whatever its state."""
        voucher_id, _payload = self._read_code(text)
        return self.get(voucher_id)

    def vouchers(self, *, status: VoucherStatus | None = None, member_id: int | None = None,
                 merchant_id: int | None = None, before_id: int | None = None, limit: int = 100) -> list[VoucherRow]:
        """Newest first, a page at a time (keyset on the id)."""
        query = VOUCHER_ROWS
        if status is not None:
            query = query.where(Voucher.status == status.value)
        if member_id is not None:
            query = query.where(Voucher.member_id == member_id)
        if merchant_id is not None:
            query = query.where(Voucher.merchant_id == merchant_id)
        if before_id is not None:
            query = query.where(Voucher.id < before_id)
        with self._ctx.db.read() as s:
            return [voucher_row(r) for r in s.execute(query.order_by(Voucher.id.desc()).limit(limit))]

    def redemptions(self, merchant_id: int, limit: int = 100) -> list[VoucherRow]:
        """A merchant's redeemed vouchers, latest first (what a cashier may see)."""
        with self._ctx.db.read() as s:
            return [voucher_row(r) for r in s.execute(
                VOUCHER_ROWS.where(Voucher.merchant_id == merchant_id,
                                    Voucher.status == VoucherStatus.REDEEMED.value)
                .order_by(Voucher.redeemed_at.desc()).limit(limit))]

    # -- settlement ----------------------------------------------------------------------------------------------

    def settlement_preview(self, merchant_id: int, period: Period) -> SettlementRow:
        """The merchant's redeemed vouchers of the period not settled yet."""
        with self._ctx.db.read() as s:
            conn = s.connection()
            name = self._merchant_name(conn, merchant_id)
            rows = [voucher_row(r) for r in conn.execute(
                VOUCHER_ROWS.where(*self._unsettled(conn, merchant_id, period)).order_by(Voucher.redeemed_at))]
        return settlement_row(None, merchant_id, name, period, rows)

    def settle(self, actor: Actor, merchant_id: int, period: Period) -> SettlementRow:
        """Mark the period's redeemed, unsettled vouchers as settled, once: a voucher is never settled twice (the
        update takes only vouchers without a settlement)."""
        actor.require(Role.ADMIN, action="settle_vouchers")
        now = self._ctx.clock.now()
        with self._ctx.db.write_core() as conn:
            name = self._merchant_name(conn, merchant_id)
            settlement_id = conn.execute(insert(Settlement).returning(Settlement.id), {
                "merchant_id": merchant_id, "period_start": period.start, "period_end": period.end, "vouchers": 0,
                "points": 0, "face_value_fen": 0, "created_at": now, "created_by": actor.staff_id}).scalar_one()
            taken = conn.execute(update(Voucher).where(*self._unsettled(conn, merchant_id, period))
                                 .values(settlement_id=settlement_id)
                                 .returning(Voucher.points, Voucher.face_value_fen)).all()
            if not taken:
                raise NothingToSettle(merchant=name)
            points, value = sum(p for p, _ in taken), sum(v or 0 for _, v in taken)
            conn.execute(update(Settlement).where(Settlement.id == settlement_id)
                         .values(vouchers=len(taken), points=points, face_value_fen=value))
            audit.record(conn, now, actor, "vouchers_settled", "settlement", settlement_id,
                         f"{name} {period.start}–{period.end}: {len(taken)}, {points} points, {value} fen")
            rows = [voucher_row(r) for r in conn.execute(
                VOUCHER_ROWS.where(Voucher.settlement_id == settlement_id).order_by(Voucher.redeemed_at))]
        return settlement_row(settlement_id, merchant_id, name, period, rows)

    def _unsettled(self, conn: Connection, merchant_id: int, period: Period) -> list[ColumnElement[bool]]:
        start, end = period.bounds(self._base_of(conn)[3])
        return [Voucher.merchant_id == merchant_id, Voucher.status == VoucherStatus.REDEEMED.value,
                Voucher.redeemed_at >= start, Voucher.redeemed_at < end, Voucher.settlement_id.is_(None)]

    # -- helpers -------------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _read_connection(self) -> Iterator[Connection]:
        with self._ctx.db.read() as s:
            yield s.connection()

    def _base_of(self, conn: Connection) -> tuple[int, str, str, zoneinfo.ZoneInfo]:
        if self._base is None:  # a base's id, code, name and zone do not change while the program runs
            query = select(ServiceBase.id, ServiceBase.code, ServiceBase.name, ServiceBase.timezone).order_by(
                ServiceBase.id).limit(1)
            if self._ctx.base_code:
                query = query.where(ServiceBase.code == self._ctx.base_code)
            found = conn.execute(query).first()
            if found is None:
                raise NotFound(entity="base", key=self._ctx.base_code or "")
            self._base = (found.id, found.code, found.name, zoneinfo.ZoneInfo(found.timezone))
        return self._base

    @staticmethod
    def _merchant_name(conn: Connection, merchant_id: int) -> str:
        name = conn.execute(select(Merchant.name).where(Merchant.id == merchant_id)).scalar_one_or_none()
        if name is None:
            raise NotFound("merchant", entity="merchant", key=merchant_id)
        return str(name)

    @staticmethod
    def _voucher_of_entry(conn: Connection, entry_id: int) -> int:
        voucher_id = conn.execute(select(Voucher.id).where(Voucher.spend_entry_id == entry_id)).scalar_one_or_none()
        if voucher_id is None:  # the key belongs to a spend that is not a voucher's
            raise DuplicateSubmission("points")
        return int(voucher_id)

    def _issued(self, conn: Connection, voucher_id: int, replayed: bool = False) -> Issued:
        row = self._row(conn, voucher_id)
        balance = conn.execute(select(Member.balance).where(Member.id == row.member_id)).scalar_one()
        return Issued(row, self._slip(conn, voucher_id, reprint=False), int(balance), replayed)

    def _row(self, conn: Connection, voucher_id: int) -> VoucherRow:
        found = conn.execute(_ROW_OF, {"voucher_id": voucher_id}).first()
        if found is None:
            raise NotFound(entity="voucher", key=voucher_id)
        return voucher_row(found)

    def _slip(self, conn: Connection, voucher_id: int, *, reprint: bool) -> VoucherSlip:
        found = conn.execute(
            select(Voucher.id, Voucher.merchant_id, Voucher.expires_on, Voucher.face_value_fen, Voucher.points,
                   Voucher.issued_at, Reward.title, Reward.terms, Merchant.name, Merchant.address, Person.name)
            .join(Reward, Reward.id == Voucher.reward_id).join(Merchant, Merchant.id == Voucher.merchant_id)
            .join(Member, Member.id == Voucher.member_id).join(Person, Person.id == Member.person_id)
            .where(Voucher.id == voucher_id)).first()
        if found is None:
            raise NotFound(entity="voucher", key=voucher_id)
        (number, merchant_id, expires_on, face_value_fen, points, issued_at, title, terms, merchant, address,
         person) = found
        _base_id, base_code, base_name, zone = self._base_of(conn)
        signing = self._keys.current()
        text = sign(Payload(number, base_code, merchant_id, expires_on, signing.key_id), signing.private_key)
        face = Decimal(face_value_fen) / 100 if face_value_fen is not None else None
        return VoucherSlip(base_name, merchant, address, title, points, face, mask_name(person), serial_code(number),
                           text, issued_at.astimezone(zone).date(), expires_on, terms, reprint)


def _outcome(row: VoucherRow, today: dt.date, merchant_id: int) -> Outcome:
    """What a voucher not redeemed by this scan is, seen from `merchant_id` on `today`."""
    if row.status is VoucherStatus.REDEEMED:
        return Outcome.ALREADY_REDEEMED
    if row.status is VoucherStatus.VOID:
        return Outcome.VOIDED
    if row.status is VoucherStatus.EXPIRED or row.expires_on < today:
        return Outcome.EXPIRED
    if row.merchant_id != merchant_id:
        return Outcome.WRONG_MERCHANT
    return Outcome.VALID


def voucher_row(r: Row[*tuple[Any, ...]]) -> VoucherRow:
    (voucher_id, status, member_id, member_no, name, merchant_id, merchant_name, title, points, face, issued_at,
     expires_on, redeemed_at, redeemed_by, void_reason, reprints, settlement_id) = r[:17]
    return VoucherRow(voucher_id, serial_code(voucher_id), VoucherStatus(status), member_id, member_no or "",
                      mask_name(name), merchant_id, merchant_name, title, points, face, issued_at, expires_on,
                      redeemed_at, redeemed_by or "", void_reason, reprints, settlement_id is not None)


def settlement_row(settlement_id: int | None, merchant_id: int, name: str, period: Period,
                rows: list[VoucherRow]) -> SettlementRow:
    return SettlementRow(settlement_id, merchant_id, name, period, tuple(rows), len(rows),
                         sum(r.points for r in rows), sum(r.face_value_fen or 0 for r in rows))


def _month_bounds(now: dt.datetime, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    local = now.astimezone(zone).date().replace(day=1)
    following = (local + dt.timedelta(days=32)).replace(day=1)
    return (dt.datetime.combine(local, dt.time(0, 0), zone), dt.datetime.combine(following, dt.time(0, 0), zone))


@invariant("vouchers_paid_and_settled_once")
def _vouchers_paid(s: Session) -> list[str]:
    """Every voucher was paid by exactly its points; a refunded one got exactly its points back; a settled one is
    redeemed."""
    spend, refund = aliased(PointsEntry), aliased(PointsEntry)
    bad = s.execute(
        select(Voucher.id).outerjoin(spend, spend.id == Voucher.spend_entry_id)
        .outerjoin(refund, refund.id == Voucher.refund_entry_id)
        .where((spend.id.is_(None)) | (spend.amount != -Voucher.points) | (spend.member_id != Voucher.member_id)
               | and_(refund.id.is_not(None), refund.amount != Voucher.points))
        .order_by(Voucher.id).limit(50)).scalars().all()
    return [f"voucher {v}: its spend or refund does not match its points" for v in bad]
