"""The audit chain's head as one desk remembers it: two statements when nobody else wrote, and still one unbroken
chain when another desk wrote in between or a transaction that recorded an event was rolled back."""

from __future__ import annotations

import pytest

from desk.domain.staff import Actor
from desk.services import audit
from desk.services.context import ServiceContext
from desk.storage.engine import Database
from desk.storage.models import AuditEvent


class Undo(Exception):
    pass


def _record(db: Database, ctx: ServiceContext, admin: Actor, what: str) -> int:
    with db.write_core() as conn:
        return audit.record(conn, ctx.clock.now(), admin, "test", "test", what, what)


def test_two_desks_writing_in_turn_keep_one_chain(ctx: ServiceContext, admin: Actor) -> None:
    other = Database(ctx.location)  # a second desk: its own engine, its own remembered head
    try:
        seqs = []
        for i in range(6):
            seqs.append(_record(ctx.db if i % 3 else other, ctx, admin, f"event {i}"))
        assert seqs == list(range(seqs[0], seqs[0] + 6))
    finally:
        other.dispose()
    with ctx.db.read() as s:
        assert audit.verify_chain(s) == []


def test_a_rolled_back_event_leaves_no_gap(ctx: ServiceContext, admin: Actor) -> None:
    first = _record(ctx.db, ctx, admin, "kept")
    with pytest.raises(Undo), ctx.db.write_core() as conn:
        audit.record(conn, ctx.clock.now(), admin, "test", "test", "undone", "undone")
        raise Undo
    assert _record(ctx.db, ctx, admin, "after") == first + 1
    with ctx.db.read() as s:
        assert audit.verify_chain(s) == []
        assert s.get(AuditEvent, first + 1) is not None and s.get(AuditEvent, first + 1).summary == "after"
