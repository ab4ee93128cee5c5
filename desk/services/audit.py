"""Services layer: the audit trail (操作日志).

`record` is called inside the transaction that makes the change, so the event and the change commit together.
It locks the chain head row (PostgreSQL) — SQLite's BEGIN IMMEDIATE already serialises writers — so events from
several desks form one unbroken chain.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, bindparam, insert, select, update
from sqlalchemy.orm import Session

from desk.domain.audit import GENESIS, event_hash
from desk.domain.staff import Actor
from desk.services.context import ServiceContext
from desk.storage.models import AuditEvent, AuditHead
from desk.storage.prepared import Prepared

SUMMARY_MAX = 500

# Every audited change runs these: compiled once and sent straight to the driver (see storage.prepared).
_LOCK_HEAD = Prepared(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1).with_for_update())
_INSERT_EVENT = Prepared(insert(AuditEvent).values(
    {column: bindparam(column) for column in ("seq", "at", "staff_id", "actor", "action", "entity", "entity_id",
                                              "summary", "prev_hash", "hash")}))
# Advances the head only from the head this process saw last: the update takes the head's lock and checks it in
# one statement, and a head another desk (or a rolled-back transaction) moved meanwhile makes it change nothing.
_ADVANCE_FROM = Prepared(update(AuditHead).where(
    AuditHead.id == 1, AuditHead.seq == bindparam("old_seq"), AuditHead.hash == bindparam("old_hash"))
    .values(seq=bindparam("new_seq"), hash=bindparam("new_hash")))
# The head each database's engine saw last (one desk writes most of its own chain: then it need not read it).
_LAST_HEAD: weakref.WeakKeyDictionary[Engine, tuple[int, str]] = weakref.WeakKeyDictionary()


def record(
    session: Session | Connection,
    now: dt.datetime,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: object,
    summary: str = "",
) -> int:
    # Every audited change pays for this: two prepared statements when the head is the one this process wrote
    # last, three when another desk wrote since. Pending ORM changes go first (an event may name a row just added).
    if isinstance(session, Session):
        if session.new or session.dirty or session.deleted:
            session.flush()
        conn = session.connection()
    else:
        conn = session
    who = actor.username if actor else "system"
    text = summary[:SUMMARY_MAX]
    last = _LAST_HEAD.get(conn.engine)
    if last is not None:
        prev_seq, prev_hash = last
        seq = prev_seq + 1
        digest = event_hash(prev_hash, seq, now, who, action, entity, str(entity_id), text)
        moved = _ADVANCE_FROM.run(conn, {"old_seq": prev_seq, "old_hash": prev_hash, "new_seq": seq,
                                         "new_hash": digest}).rowcount
    if last is None or moved != 1:
        prev_seq, prev_hash = _LOCK_HEAD.run(conn).one()
        seq = prev_seq + 1
        digest = event_hash(prev_hash, seq, now, who, action, entity, str(entity_id), text)
        _ADVANCE_FROM.run(conn, {"old_seq": prev_seq, "old_hash": prev_hash, "new_seq": seq, "new_hash": digest})
    _INSERT_EVENT.run(conn, {
        "seq": seq, "at": now, "staff_id": actor.staff_id if actor else None, "actor": who, "action": action,
        "entity": entity, "entity_id": str(entity_id), "summary": text, "prev_hash": prev_hash, "hash": digest,
    })
    _LAST_HEAD[conn.engine] = (seq, digest)
    return seq


def lock_chain(session: Session) -> None:
    """Take the chain head's lock now rather than at the first `record`: a transaction that is audited whatever
    its outcome calls this before reading rows it may then write, so two desks cannot both act on the old value."""
    session.execute(select(AuditHead.id).where(AuditHead.id == 1).with_for_update())


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    summary: str


def verify_chain(session: Session) -> list[str]:
    """Recompute every hash; returns one line per problem (empty when the chain is intact)."""
    problems: list[str] = []
    prev = GENESIS
    expected_seq = 1
    rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()
    for event in rows:
        if event.seq != expected_seq:
            problems.append(f"audit event {expected_seq} is missing (next is {event.seq})")
        if event.prev_hash != prev:
            problems.append(f"audit event {event.seq} does not follow the event before it")
        digest = event_hash(event.prev_hash, event.seq, event.at, event.actor, event.action, event.entity,
                            event.entity_id, event.summary)
        if digest != event.hash:
            problems.append(f"audit event {event.seq} was changed after it was written")
        prev = event.hash
        expected_seq = event.seq + 1
        session.expunge(event)
    head = session.get(AuditHead, 1)
    if head is None:
        problems.append("audit chain head is missing")
    elif head.seq != expected_seq - 1 or head.hash != prev:
        problems.append(f"audit trail ends at event {expected_seq - 1} but its head says {head.seq}: events were deleted")
    return problems


class AuditService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def recent(self, limit: int = 200) -> list[AuditRow]:
        return self.page(None, limit)

    def page(self, before_seq: int | None, limit: int) -> list[AuditRow]:
        """Up to `limit` events older than `before_seq` (the newest when None), newest first: keyset paging,
        so a long log pages as fast at the end as at the start."""
        query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
        if before_seq is not None:
            query = query.where(AuditEvent.seq < before_seq)
        with self._ctx.db.read() as s:
            rows = s.execute(query).scalars()
            return [AuditRow(e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, e.summary) for e in rows]
