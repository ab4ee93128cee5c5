"""Services layer: 红色积分 members and the append-only points ledger.

Every change of a balance is one `points_entry` and one guarded update of the member's stored balance, in the
same transaction: `UPDATE member SET balance = balance + :amount WHERE id = :id AND balance + :amount >= 0`. The
database settles two desks spending one balance (the row is locked by the update; the loser's condition fails),
and the CHECK constraint on the balance backs it up. The stored balance equals the sum of the entries;
`desk check` verifies it for every member.

Each submission carries an idempotency key (the UI makes one per dialog): the same key again returns the entry
already written instead of writing a second one, also when two desks race with one key.

Expiry (setting `points_expiry_days`, 0 = never): credits carry `expires_at`; debits use the soonest-expiring
points first, so what has expired by now is what the credits expiring by now exceed all debits so far by (exact
while the expiry period stays the same). The daily timer writes that as one `expire` entry per member.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, case, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from desk.domain.errors import (
    AlreadyMember,
    AlreadyReversed,
    CannotReverse,
    DuplicateSubmission,
    InsufficientPoints,
    NotAMember,
    NotFound,
    PointsCapReached,
)
from desk.domain.people import Category, mask_phone
from desk.domain.points import (
    POINTS_MAX,
    REASON_MAX,
    EntryKind,
    check_points,
    check_signed_points,
    member_number,
    parse_member_code,
)
from desk.domain.staff import Actor, Role
from desk.domain.text import clean_text
from desk.services import audit
from desk.services.bases import current_base
from desk.services.checks import invariant
from desk.services.context import ServiceContext
from desk.services.settings import INTEGER_SETTINGS
from desk.storage.models import Member, Person, PointsEntry, ServiceBase, Setting, Staff

EXPIRY_DAYS_SETTING = "points_expiry_days"  # 0: points never expire
DAILY_CAP_SETTING = "points_daily_cap"  # 0: no cap; earned points per member per local day
MONTHLY_CAP_SETTING = "points_monthly_cap"  # 0: no cap; per local calendar month
LEDGER_PAGE = 50

_GUARDED_CHANGE = (update(Member).where(Member.id == bindparam("member_id"),
                                        Member.balance + bindparam("amount") >= 0)
                   .values(balance=Member.balance + bindparam("amount")).returning(Member.balance))
_INSERT_ENTRY = insert(PointsEntry).returning(PointsEntry.id)
_BY_KEY = select(PointsEntry.id, PointsEntry.member_id, PointsEntry.amount, PointsEntry.kind).where(
    PointsEntry.idem_key == bindparam("key"))
_BALANCE = select(Member.balance).where(Member.id == bindparam("member_id"))
_SETTINGS = select(Setting.key, Setting.value).where(
    Setting.key.in_([EXPIRY_DAYS_SETTING, DAILY_CAP_SETTING, MONTHLY_CAP_SETTING]))


def new_key() -> str:
    """An idempotency key for one submission (a dialog makes one when it opens, and reuses it on retry)."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class MemberRow:
    id: int
    person_id: int
    number: str
    name: str
    masked_phone: str
    category: Category
    balance: int
    joined_at: dt.datetime


@dataclass(frozen=True)
class EntryRow:
    id: int
    member_id: int
    amount: int
    kind: EntryKind
    reason: str
    ref_kind: str
    ref_id: int | None
    reverses_id: int | None
    reversed_by: int | None  # the entry that reversed this one
    balance_after: int
    expires_at: dt.datetime | None
    at: dt.datetime
    staff: str  # display name; "" for the system (expiry)


@dataclass(frozen=True)
class Posted:
    """An entry just written, or found again by its key (`replayed`)."""

    entry_id: int
    member_id: int
    amount: int
    balance: int
    replayed: bool = False


@dataclass(frozen=True)
class PointsPolicy:
    expiry_days: int
    daily_cap: int
    monthly_cap: int


def read_policy(conn: Connection) -> PointsPolicy:
    stored = {key: int(value) for key, value in conn.execute(_SETTINGS)}

    def value(key: str) -> int:
        return stored.get(key, INTEGER_SETTINGS[key][0])

    return PointsPolicy(value(EXPIRY_DAYS_SETTING), value(DAILY_CAP_SETTING), value(MONTHLY_CAP_SETTING))


def post(conn: Connection, now: dt.datetime, actor: Actor | None, member_id: int, amount: int, kind: EntryKind,
         reason: str, key: str, *, ref_kind: str = "", ref_id: int | None = None, reverses_id: int | None = None,
         policy: PointsPolicy | None = None, zone: dt.tzinfo | None = None, look_up_key: bool = True) -> Posted:
    """Write one entry inside the caller's transaction: the guarded balance update, the entry, its audit event.
    Earnings are held to the daily and monthly caps (`zone` gives the local day). Other areas (project
    completions, vouchers) post through here. A key already used raises `Replay` for the caller to answer.

    A caller whose transaction holds nothing else may skip the key lookup (`look_up_key=False`): the unique key
    then fails the insert instead, and the caller answers from the entry after the rollback."""
    if look_up_key:
        found = conn.execute(_BY_KEY, {"key": key}).first()
        if found is not None:
            raise Replay(found.id)
    if policy is None and amount > 0:  # a debit needs neither the caps nor the expiry period
        policy = read_policy(conn)
    if kind is EntryKind.EARN and policy is not None and (policy.daily_cap or policy.monthly_cap):
        earned = earned_so_far(conn, [member_id], now, zone or dt.UTC).get(member_id, (0, 0))
        refuse_over_cap(policy, earned, amount)
    balance = conn.execute(_GUARDED_CHANGE, {"member_id": member_id, "amount": amount}).scalar_one_or_none()
    if balance is None:
        if not look_up_key:  # a retry of a spend that emptied the balance is answered, not refused
            found = conn.execute(_BY_KEY, {"key": key}).first()
            if found is not None:
                raise Replay(found.id)
        current = conn.execute(_BALANCE, {"member_id": member_id}).scalar_one_or_none()
        if current is None:
            raise NotFound("member", entity="member", key=member_id)
        raise InsufficientPoints("points", balance=current, needed=-amount)
    expires_at = (now + dt.timedelta(days=policy.expiry_days)
                  if policy is not None and amount > 0 and policy.expiry_days else None)
    entry_id = conn.execute(_INSERT_ENTRY, {
        "member_id": member_id, "amount": amount, "kind": kind.value, "reason": reason, "ref_kind": ref_kind,
        "ref_id": ref_id, "reverses_id": reverses_id, "balance_after": balance, "expires_at": expires_at,
        "at": now, "staff_id": actor.staff_id if actor else None, "idem_key": key,
    }).scalar_one()
    audit.record(conn, now, actor, f"points_{kind.value}", "points_entry", entry_id,
                 f"member {member_id} {amount:+d} → {balance}: {reason}")
    return Posted(entry_id, member_id, amount, balance)


class Replay(Exception):
    """The submission's key is already in the ledger: answer with that entry, write nothing."""

    def __init__(self, entry_id: int) -> None:
        super().__init__(entry_id)
        self.entry_id = entry_id


_EARNED = (select(PointsEntry.member_id,
                  func.coalesce(func.sum(case((PointsEntry.at >= bindparam("day_start"), PointsEntry.amount),
                                              else_=0)), 0),
                  func.coalesce(func.sum(PointsEntry.amount), 0))
           .where(PointsEntry.member_id.in_(bindparam("member_ids", expanding=True)),
                  PointsEntry.kind == EntryKind.EARN.value, PointsEntry.at >= bindparam("month_start"))
           .group_by(PointsEntry.member_id))


def earned_so_far(conn: Connection, member_ids: list[int], now: dt.datetime,
                  zone: dt.tzinfo) -> dict[int, tuple[int, int]]:
    """Points each member earned in the local day and the local calendar month of `now`, in one query (a group
    completion asks for sixty members at once)."""
    local = now.astimezone(zone).date()
    day_start = dt.datetime.combine(local, dt.time(0, 0), zone)
    month_start = dt.datetime.combine(local.replace(day=1), dt.time(0, 0), zone)
    rows = conn.execute(_EARNED, {"member_ids": member_ids, "day_start": day_start, "month_start": month_start})
    return {int(member_id): (int(today), int(month)) for member_id, today, month in rows}


def refuse_over_cap(policy: PointsPolicy, earned: tuple[int, int], amount: int) -> None:
    """The earning caps: `earned` is (today, this month) before this credit."""
    today, month = earned
    if policy.daily_cap and today + amount > policy.daily_cap:
        raise PointsCapReached("points", period="day", cap=policy.daily_cap, earned=today)
    if policy.monthly_cap and month + amount > policy.monthly_cap:
        raise PointsCapReached("points", period="month", cap=policy.monthly_cap, earned=month)


def replayed(conn: Connection, entry_id: int, member_id: int, amount: int) -> Posted:
    """The answer to a submission whose key was used before: that entry when it is the same change, else a
    refusal (a key reused for something else is a bug in the caller, never silently accepted)."""
    row = conn.execute(select(PointsEntry.member_id, PointsEntry.amount, Member.balance)
                       .join(Member, Member.id == PointsEntry.member_id)
                       .where(PointsEntry.id == entry_id)).one()
    if row.member_id != member_id or row.amount != amount:
        raise DuplicateSubmission("points")
    return Posted(entry_id, member_id, amount, row.balance, replayed=True)


class PointsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._zone: zoneinfo.ZoneInfo | None = None

    # -- members -------------------------------------------------------------------------------------------------

    def join(self, actor: Actor, person_id: int) -> MemberRow:
        """Make a person a member: a member number (the base's code and the member's id) and a zero balance.
        A person who already has a number from before keeps it."""
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            person = s.execute(select(Person).where(Person.id == person_id).with_for_update()).scalar_one_or_none()
            if person is None or person.anonymised_at is not None:
                raise NotFound("person", entity="person", key=person_id)
            existing = s.execute(select(Member.id).where(Member.person_id == person_id)).scalar_one_or_none()
            if existing is not None:
                raise AlreadyMember("person", number=person.member_no or "")
            base = current_base(s, self._ctx.base_code)
            member = Member(person_id=person.id, base_id=base.id, balance=0, joined_at=now, joined_by=actor.staff_id)
            s.add(member)
            s.flush()
            if not person.member_no:
                person.member_no = self._free_number(s, base.code, member.id)
            audit.record(s, now, actor, "member_joined", "member", member.id, person.member_no)
            return _member_row(member, person)

    @staticmethod
    def _free_number(s: Session, base_code: str, member_id: int) -> str:
        # A number typed in before the scheme existed may already hold the plain form: lengthen it then.
        for candidate in (member_number(base_code, member_id), f"{base_code.upper()}{member_id:08d}"):
            if s.execute(select(Person.id).where(Person.member_no == candidate)).first() is None:
                return candidate
        raise AlreadyMember("person", number=member_number(base_code, member_id))

    def member(self, member_id: int) -> MemberRow:
        with self._ctx.db.read() as s:
            found = s.execute(select(Member, Person).join(Person, Person.id == Member.person_id)
                              .where(Member.id == member_id)).one_or_none()
            if found is None:
                raise NotFound("member", entity="member", key=member_id)
            return _member_row(*found)

    def member_of_person(self, person_id: int) -> MemberRow | None:
        with self._ctx.db.read() as s:
            found = s.execute(select(Member, Person).join(Person, Person.id == Member.person_id)
                              .where(Member.person_id == person_id)).one_or_none()
            return _member_row(*found) if found else None

    def find(self, text: str) -> MemberRow | None:
        """The member a scanned card or a typed member number names; None when the text is neither (a name or
        phone to search for). A card of no member here raises NotFound."""
        number = parse_member_code(text)
        if number is None:
            return None
        with self._ctx.db.read() as s:
            found = s.execute(select(Member, Person).join(Person, Person.id == Member.person_id)
                              .where(Person.member_no == number)).one_or_none()
            if found is None:
                raise NotFound("code", entity="member", key=number)
            return _member_row(*found)

    def require_member(self, person_id: int) -> MemberRow:
        row = self.member_of_person(person_id)
        if row is None:
            with self._ctx.db.read() as s:
                name = s.execute(select(Person.name).where(Person.id == person_id)).scalar_one_or_none()
            raise NotAMember("person", name=name or "")
        return row

    def balance(self, member_id: int) -> int:
        with self._ctx.db.read() as s:
            value = s.connection().execute(_BALANCE, {"member_id": member_id}).scalar_one_or_none()
        if value is None:
            raise NotFound("member", entity="member", key=member_id)
        return int(value)

    def ledger(self, member_id: int, before_id: int | None = None, limit: int = LEDGER_PAGE) -> list[EntryRow]:
        """The member's entries, newest first, a page at a time (keyset on the entry id)."""
        reversal = aliased(PointsEntry)
        query = (select(PointsEntry, reversal.id, Staff.display_name)
                 .outerjoin(reversal, reversal.reverses_id == PointsEntry.id)
                 .outerjoin(Staff, Staff.id == PointsEntry.staff_id)
                 .where(PointsEntry.member_id == member_id))
        if before_id is not None:
            query = query.where(PointsEntry.id < before_id)
        with self._ctx.db.read() as s:
            rows = s.execute(query.order_by(PointsEntry.id.desc()).limit(limit)).all()
            return [_entry_row(entry, reversed_by, staff) for entry, reversed_by, staff in rows]

    def entry(self, entry_id: int) -> EntryRow:
        reversal = aliased(PointsEntry)
        with self._ctx.db.read() as s:
            found = s.execute(select(PointsEntry, reversal.id, Staff.display_name)
                              .outerjoin(reversal, reversal.reverses_id == PointsEntry.id)
                              .outerjoin(Staff, Staff.id == PointsEntry.staff_id)
                              .where(PointsEntry.id == entry_id)).one_or_none()
            if found is None:
                raise NotFound(entity="points_entry", key=entry_id)
            return _entry_row(*found)

    # -- changes -------------------------------------------------------------------------------------------------

    def spend(self, actor: Actor, member_id: int, points: int, reason: str, key: str, *, ref_kind: str = "",
              ref_id: int | None = None) -> Posted:
        """Take points off a balance; refused (nothing written) when the balance does not cover them."""
        amount = -check_points(points)
        text = clean_text(reason, "reason", max_length=REASON_MAX)
        return self._post(actor, member_id, amount, EntryKind.SPEND, text, key, ref_kind=ref_kind, ref_id=ref_id)

    def earn(self, actor: Actor, member_id: int, points: int, reason: str, key: str, *, ref_kind: str = "",
             ref_id: int | None = None) -> Posted:
        """Credit earned points (held to the daily and monthly caps)."""
        text = clean_text(reason, "reason", max_length=REASON_MAX)
        return self._post(actor, member_id, check_points(points), EntryKind.EARN, text, key, ref_kind=ref_kind,
                          ref_id=ref_id)

    def adjust(self, actor: Actor, member_id: int, amount: int, reason: str, key: str) -> Posted:
        """A manual correction by an administrator, either sign, always with a reason."""
        actor.require(Role.ADMIN, action="adjust_points")
        value = check_signed_points(amount)
        text = clean_text(reason, "reason", max_length=REASON_MAX)
        return self._post(actor, member_id, value, EntryKind.ADJUST, text, key)

    def reverse(self, actor: Actor, entry_id: int, reason: str, key: str) -> Posted:
        """Undo one entry with an entry of the opposite amount that points at it. A reversal is not reversed, an
        entry is reversed once, and a reversal that would take the balance below zero is refused."""
        actor.require(Role.ADMIN, action="reverse_points")
        text = clean_text(reason, "reason", max_length=REASON_MAX)
        now = self._ctx.clock.now()
        with self._ctx.db.read() as s:  # an entry never changes: what it reverses can be read before locking
            original = s.execute(select(PointsEntry.member_id, PointsEntry.amount, PointsEntry.kind)
                                 .where(PointsEntry.id == entry_id)).one_or_none()
        if original is None:
            raise NotFound(entity="points_entry", key=entry_id)
        try:
            with self._ctx.db.write_core() as conn:
                # The member's row first: a second desk reversing the same entry waits here and then finds the
                # reversal, instead of failing on the balance the first one already changed.
                conn.execute(select(Member.id).where(Member.id == original.member_id).with_for_update())
                try:
                    return self._replay_or_post(conn, now, actor, original.member_id, -original.amount,
                                                EntryKind.REVERSE, text, key, reverses_id=entry_id,
                                                original_kind=EntryKind(original.kind))
                except Replay as replay:
                    return replayed(conn, replay.entry_id, original.member_id, -original.amount)
        except IntegrityError:
            return self._after_conflict(key, original.member_id, -original.amount, entry_id)

    def _after_conflict(self, key: str, member_id: int, amount: int, reversed_id: int | None = None) -> Posted:
        """The insert found its key taken (a retry, or another desk with the same submission a moment earlier), or
        the entry reversed by another desk meanwhile: answer from what is written."""
        with self._ctx.db.read() as s:
            conn = s.connection()
            found = conn.execute(_BY_KEY, {"key": key}).first()
            if found is not None:
                return replayed(conn, found.id, member_id, amount)
            if reversed_id is not None:
                raise AlreadyReversed(entry=reversed_id)
        raise DuplicateSubmission("points")

    def _post(self, actor: Actor, member_id: int, amount: int, kind: EntryKind, reason: str, key: str, *,
              ref_kind: str = "", ref_id: int | None = None) -> Posted:
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write_core() as conn:
                try:
                    return self._replay_or_post(conn, now, actor, member_id, amount, kind, reason, key,
                                                ref_kind=ref_kind, ref_id=ref_id)
                except Replay as replay:
                    return replayed(conn, replay.entry_id, member_id, amount)
        except IntegrityError:
            return self._after_conflict(key, member_id, amount)

    def _replay_or_post(self, conn: Connection, now: dt.datetime, actor: Actor, member_id: int, amount: int,
                        kind: EntryKind, reason: str, key: str, *, ref_kind: str = "", ref_id: int | None = None,
                        reverses_id: int | None = None, original_kind: EntryKind | None = None) -> Posted:
        if not key or len(key) > 64:
            raise DuplicateSubmission("points")
        if reverses_id is not None:
            if original_kind is EntryKind.REVERSE:
                raise CannotReverse(kind=original_kind.value)
            # A retry of this very reversal is answered below; a different key for it is refused here.
            by_key = conn.execute(_BY_KEY, {"key": key}).first()
            if by_key is None and conn.execute(select(PointsEntry.id).where(
                    PointsEntry.reverses_id == reverses_id)).first() is not None:
                raise AlreadyReversed(entry=reverses_id)
        # A plain change holds nothing else in its transaction: a repeated key fails the insert and
        # `_after_conflict` answers it, one statement fewer on every spend.
        return post(conn, now, actor, member_id, amount, kind, reason, key, ref_kind=ref_kind, ref_id=ref_id,
                    reverses_id=reverses_id, zone=self._zone_of(conn), look_up_key=reverses_id is not None)

    def _zone_of(self, conn: Connection) -> zoneinfo.ZoneInfo:
        if self._zone is None:  # a base's zone does not change while the program runs
            query = select(ServiceBase.timezone).order_by(ServiceBase.id).limit(1)
            if self._ctx.base_code:
                query = query.where(ServiceBase.code == self._ctx.base_code)
            self._zone = zoneinfo.ZoneInfo(conn.execute(query).scalar_one_or_none() or "Asia/Shanghai")
        return self._zone

    # -- expiry (daily timer) ------------------------------------------------------------------------------------

    def expire_due(self) -> int:
        """Write an `expire` entry for every member with points past their expiry; returns how many members.
        Safe to run any number of times a day: expired points already written off are debits like any other."""
        now = self._ctx.clock.now()
        with self._ctx.db.write_core() as conn:
            policy = read_policy(conn)
            due_members = list(_due_to_expire(conn, now))
            # Every balance this run changes, locked up front and in member order, as a group completion does:
            # two multi-member writes never hold one member each and wait for the other's.
            conn.execute(select(Member.id).where(Member.id.in_([m for m, _ in due_members]))
                         .order_by(Member.id).with_for_update())
            written = 0
            for member_id, due in due_members:
                post(conn, now, None, member_id, -int(due), EntryKind.EXPIRE,
                     f"expired by {now.astimezone(self._zone_of(conn)):%Y-%m-%d}", new_key(), policy=policy)
                written += 1
            return written


def _due_to_expire(conn: Connection, now: dt.datetime) -> Iterator[tuple[int, int]]:
    members_with_expired = select(PointsEntry.member_id).where(PointsEntry.expires_at <= now).distinct()
    credit_expired = func.sum(case((and_(PointsEntry.amount > 0, PointsEntry.expires_at <= now),
                                    PointsEntry.amount), else_=0))
    debits = func.sum(case((PointsEntry.amount < 0, -PointsEntry.amount), else_=0))
    rows = conn.execute(
        select(PointsEntry.member_id, (credit_expired - debits).label("due"))
        .where(PointsEntry.member_id.in_(members_with_expired))
        .group_by(PointsEntry.member_id)
        .having(credit_expired - debits > 0)
        .order_by(PointsEntry.member_id)
    ).all()
    yield from ((int(member_id), int(due)) for member_id, due in rows)


def _member_row(member: Member, person: Person) -> MemberRow:
    return MemberRow(member.id, person.id, person.member_no or "", person.name or "", mask_phone(person.phone),
                     Category(person.category), member.balance, member.joined_at)


def _entry_row(entry: PointsEntry, reversed_by: int | None, staff: str | None) -> EntryRow:
    return EntryRow(entry.id, entry.member_id, entry.amount, EntryKind(entry.kind), entry.reason, entry.ref_kind,
                    entry.ref_id, entry.reverses_id, reversed_by, entry.balance_after, entry.expires_at, entry.at,
                    staff or "")


@invariant("points_balances_match_ledger")
def _balances_match_ledger(s: Session) -> list[str]:
    """Every stored balance equals the sum of the member's entries, and every entry's balance_after is what the
    entries up to it add up to."""
    sums = (select(PointsEntry.member_id, func.sum(PointsEntry.amount).label("total"))
            .group_by(PointsEntry.member_id).subquery())
    wrong = s.execute(
        select(Member.id, Member.balance, func.coalesce(sums.c.total, 0))
        .outerjoin(sums, sums.c.member_id == Member.id)
        .where(Member.balance != func.coalesce(sums.c.total, 0))
        .order_by(Member.id)
    ).all()
    problems = [f"member {m}: stored balance {b}, entries add up to {t}" for m, b, t in wrong]
    running = func.sum(PointsEntry.amount).over(partition_by=PointsEntry.member_id, order_by=PointsEntry.id)
    steps = select(PointsEntry.id, PointsEntry.member_id, PointsEntry.balance_after,
                   running.label("running")).subquery()
    off = s.execute(select(steps.c.id, steps.c.member_id, steps.c.balance_after, steps.c.running)
                    .where(steps.c.balance_after != steps.c.running).order_by(steps.c.id).limit(20)).all()
    problems += [f"entry {e} of member {m}: balance after {b}, running sum {r}" for e, m, b, r in off]
    return problems


@invariant("points_reversals_exact")
def _reversals_exact(s: Session) -> list[str]:
    original = aliased(PointsEntry)
    bad = s.execute(
        select(PointsEntry.id, PointsEntry.reverses_id)
        .join(original, original.id == PointsEntry.reverses_id)
        .where((PointsEntry.amount != -original.amount) | (PointsEntry.member_id != original.member_id)
               | (original.kind == EntryKind.REVERSE.value))
        .order_by(PointsEntry.id)
    ).all()
    return [f"entry {e} does not exactly reverse entry {o}" for e, o in bad]


__all__ = [
    "POINTS_MAX",
    "EntryRow",
    "MemberRow",
    "PointsService",
    "Posted",
    "Replay",
    "earned_so_far",
    "new_key",
    "post",
    "read_policy",
    "refuse_over_cap",
]
