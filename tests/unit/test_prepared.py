"""Prepared statements (storage.prepared): the busiest writes run on the driver, with SQLAlchemy's SQL and type
conversions, inside the caller's transaction, and driver errors still come out as SQLAlchemy's exceptions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy import exc as sa_exc

from desk.domain.staff import Actor
from desk.services.context import ServiceContext
from desk.storage.models import AuditEvent, Closure, ServiceBase
from desk.storage.prepared import Prepared

_COLUMNS = ("seq", "at", "staff_id", "actor", "action", "entity", "entity_id", "summary", "prev_hash", "hash")
INSERT_EVENT = Prepared(insert(AuditEvent).values({c: bindparam(c) for c in _COLUMNS}).returning(AuditEvent.seq))
READ_EVENT = Prepared(select(AuditEvent.seq, AuditEvent.at, AuditEvent.actor, AuditEvent.summary)
                      .where(AuditEvent.seq == bindparam("seq")))
RENAME_EVENT = Prepared(update(AuditEvent).where(AuditEvent.seq == bindparam("seq"), AuditEvent.actor == "nobody")
                        .values(actor=bindparam("who")))
SEQ = 1_000_000  # far beyond the events the set-up writes


def _event(seq: int, at: dt.datetime) -> dict[str, object]:
    return {"seq": seq, "at": at, "staff_id": None, "actor": "nobody", "action": "test", "entity": "test",
            "entity_id": "1", "summary": "三个字 and more", "prev_hash": "0" * 64, "hash": "1" * 64}


def test_a_row_written_and_read_on_the_driver_is_what_sqlalchemy_reads(ctx: ServiceContext, admin: Actor) -> None:
    at = dt.datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    with ctx.db.write_core() as conn:
        assert INSERT_EVENT.run(conn, _event(SEQ, at)).one() == (SEQ,)
    with ctx.db.write_core() as conn:
        row = READ_EVENT.run(conn, {"seq": SEQ}).one()
    with ctx.db.read() as s:
        orm = s.get(AuditEvent, SEQ)
        assert orm is not None
        assert (row.seq, row.at, row.actor, row.summary) == (orm.seq, orm.at, orm.actor, orm.summary)
    assert row.at == at and row.at.tzinfo is not None  # an aware instant, back in UTC


def test_a_conditional_update_reports_its_row_count(ctx: ServiceContext, admin: Actor) -> None:
    now = ctx.clock.now()
    with ctx.db.write_core() as conn:
        INSERT_EVENT.run(conn, _event(SEQ, now))
        assert RENAME_EVENT.run(conn, {"seq": SEQ, "who": "somebody"}).rowcount == 1
        assert RENAME_EVENT.run(conn, {"seq": SEQ, "who": "again"}).rowcount == 0  # the condition no longer holds
        assert READ_EVENT.run(conn, {"seq": SEQ + 1}).first() is None


def test_it_runs_in_the_callers_transaction(ctx: ServiceContext, admin: Actor) -> None:
    class Undo(Exception):
        pass

    with pytest.raises(Undo), ctx.db.write_core() as conn:
        INSERT_EVENT.run(conn, _event(SEQ, ctx.clock.now()))
        raise Undo
    with ctx.db.read() as s:
        assert s.get(AuditEvent, SEQ) is None


def test_a_driver_error_is_sqlalchemys_exception_and_writes_nothing(ctx: ServiceContext, admin: Actor) -> None:
    now = ctx.clock.now()
    with ctx.db.write_core() as conn:
        INSERT_EVENT.run(conn, _event(SEQ, now))
    with pytest.raises(sa_exc.IntegrityError), ctx.db.write_core() as conn:
        INSERT_EVENT.run(conn, _event(SEQ + 1, now))
        INSERT_EVENT.run(conn, _event(SEQ, now))  # the same key again
    with ctx.db.read() as s:
        assert s.get(AuditEvent, SEQ + 1) is None  # the whole transaction went


def test_dates_and_a_repeated_parameter_convert_both_ways(ctx: ServiceContext, admin: Actor) -> None:
    with ctx.db.read() as s:
        base_id = s.execute(select(ServiceBase.id)).scalar_one()
    closed = Prepared(select(Closure.reason, Closure.start_date).where(
        Closure.base_id == bindparam("base"), Closure.start_date <= bindparam("day"),
        Closure.end_date >= bindparam("day")))
    with ctx.db.write() as s:
        s.add(Closure(base_id=base_id, start_date=dt.date(2026, 12, 24), end_date=dt.date(2026, 12, 26),
                      reason="设备检修", created_at=ctx.clock.now()))
    with ctx.db.write_core() as conn:
        assert closed.run(conn, {"base": base_id, "day": dt.date(2026, 12, 25)}).rows == [
            ("设备检修", dt.date(2026, 12, 24))]
        assert closed.run(conn, {"base": base_id, "day": dt.date(2026, 12, 27)}).rows == []


def test_an_in_parameter_is_refused_when_first_run(ctx: ServiceContext, admin: Actor) -> None:
    changing = Prepared(select(AuditEvent.seq).where(AuditEvent.seq.in_(bindparam("seqs", expanding=True))))
    with pytest.raises(ValueError, match="IN parameter"), ctx.db.write_core() as conn:
        changing.run(conn, {"seqs": [1, 2]})
