"""Benchmarks: 兑换券 on the big data set (100 k vouchers over the ledger of 50 k members).

`voucher_issue_slip`: `VoucherService.issue` (the member's row locked, the offer read, the voucher inserted, its
points spent through the ledger with the guarded balance update, audited, committed) and the 80 mm slip rendered as
PDF, against the same rows written with raw sqlite3 (BEGIN IMMEDIATE + guarded balance update + voucher insert +
entry insert + COMMIT) and the same slip rendered from prepared values — the PDF cannot be made cheaper, so the
ratio is the service's overhead on top of the paper.

`voucher_redeem`: `VoucherService.redeem` of a scanned QR text (the Ed25519 signature verified, the voucher read,
the conditional update, its audit event, committed) against raw sqlite3 BEGIN IMMEDIATE + `UPDATE voucher SET
status = 'redeemed', ... WHERE id = ? AND status = 'issued'` + COMMIT with the same pragmas."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from dataset import working_copy
from registry import BenchEnv, bench, paired_medians, timed_ms

from desk.domain.audit import event_hash
from desk.domain.clock import SystemClock
from desk.domain.voucher_code import serial_code
from desk.domain.voucher_payload import Payload, sign, verify
from desk.domain.vouchers import Outcome
from desk.printing.voucher_slip import SlipLayout, VoucherSlip, voucher_slip_pdf
from desk.services.auth import AuthService
from desk.services.context import ServiceContext
from desk.services.demo import DEMO_PASSWORD
from desk.services.points import new_key
from desk.services.startup import open_database
from desk.services.voucher_keys import VoucherKeys
from desk.services.vouchers import VoucherService
from desk.storage.engine import BUSY_TIMEOUT_MS
from desk.storage.location import Location

ISSUES_PER_RUN = 5  # an issue with its slip is tens of ms: time a few, report one
REDEEMS_PER_RUN = 20
SQLITE_INSTANT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores an instant in SQLite (naive UTC text)
ZONE = dt.timezone(dt.timedelta(hours=8))  # the base's (Asia/Shanghai)

FLOOR_SPEND = "UPDATE member SET balance = balance - ? WHERE id = ? AND balance >= ? RETURNING balance"
FLOOR_VOUCHER = (
    "INSERT INTO voucher (base_id, reward_id, merchant_id, member_id, points, face_value_fen, status, key_id, "
    "issued_at, issued_by, expires_on, spend_entry_id, redeemed_at, redeemed_by, voided_at, void_reason, "
    "refund_entry_id, reprints, settlement_id) VALUES (1, ?, ?, ?, ?, ?, 'issued', ?, ?, ?, ?, NULL, NULL, NULL, "
    "NULL, '', NULL, 0, NULL) RETURNING id")
FLOOR_ENTRY = ("INSERT INTO points_entry (member_id, amount, kind, reason, ref_kind, ref_id, reverses_id, "
               "balance_after, expires_at, at, staff_id, idem_key) VALUES (?, ?, 'spend', ?, 'voucher', ?, NULL, ?, "
               "NULL, ?, ?, ?) RETURNING id")
FLOOR_REDEEM = ("UPDATE voucher SET status = 'redeemed', redeemed_at = ?, redeemed_by = ? "
                "WHERE id = ? AND status = 'issued'")
# What VoucherService.redeem sends, in raw sqlite3 (see `same_statements` below).
FACTS = ("SELECT v.id, v.status, v.merchant_id, v.expires_on, v.redeemed_at, m.name, s.display_name, b.code "
         "FROM voucher v JOIN merchant m ON m.id = v.merchant_id JOIN service_base b ON b.id = v.base_id "
         "LEFT JOIN staff s ON s.id = v.redeemed_by WHERE v.id = ?")
REDEEM = ("UPDATE voucher SET status = 'redeemed', redeemed_at = ?, redeemed_by = ? WHERE id = ? AND "
          "status = 'issued' AND expires_on >= ? AND merchant_id = ?")
ROW = ("SELECT v.id, v.status, v.member_id, p.member_no, p.name, v.merchant_id, m.name, r.title, v.points, "
       "v.face_value_fen, v.issued_at, v.expires_on, v.redeemed_at, s.display_name, v.void_reason, v.reprints, "
       "v.settlement_id FROM voucher v JOIN member mb ON mb.id = v.member_id JOIN person p ON p.id = mb.person_id "
       "JOIN merchant m ON m.id = v.merchant_id JOIN reward r ON r.id = v.reward_id "
       "LEFT JOIN staff s ON s.id = v.redeemed_by WHERE v.id = ?")


def _raw(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the program's pragmas (WAL, synchronous=FULL), autocommit mode."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in (f"busy_timeout = {BUSY_TIMEOUT_MS}", "foreign_keys = ON", "journal_mode = WAL",
                   "synchronous = FULL"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime(SQLITE_INSTANT)


def _open(env: BenchEnv, name: str) -> tuple[Location, ServiceContext, sqlite3.Connection]:
    location = working_copy(env.dataset, env.new_folder(name))
    assert location.sqlite_path is not None
    ctx, _ = open_database(location, SystemClock(), create=False)
    return location, ctx, _raw(location.sqlite_path)


def _on_cpu(samples: list[float], per_run: int, fn: Callable[[], None]) -> Callable[[], None]:
    """`fn`, noting the processor time it took per item: the commit's fsync is most of a floor and varies with
    the disk, the processor time says what the program itself costs."""
    def timed() -> None:
        started = time.process_time()
        fn()
        samples.append((time.process_time() - started) * 1000 / per_run)
    return timed


@bench("voucher_issue_slip", goal_ms=30, order=80)
def voucher_issue_slip(env: BenchEnv) -> tuple[float, float]:
    """`VoucherService.issue` of an unlimited reward to a member whose points cover it, committed, and its 80 mm
    slip as PDF, vs raw sqlite3 BEGIN IMMEDIATE + guarded balance update + voucher and entry inserts + COMMIT and
    the same slip rendered from prepared values."""
    _location, ctx, conn = _open(env, "voucher_issue_slip")
    try:
        actor = AuthService(ctx).login("lixiaomei", DEMO_PASSWORD)
        vouchers = VoucherService(ctx)
        reward, merchant, points, face, title, terms, shop, address = conn.execute(
            "SELECT r.id, r.merchant_id, r.points, r.face_value_fen, r.title, r.terms, m.name, m.address "
            "FROM reward r JOIN merchant m ON m.id = r.merchant_id WHERE r.active AND m.active "
            "AND r.stock IS NULL AND r.monthly_limit IS NULL AND r.points <= 20 "
            "ORDER BY r.points DESC, r.id LIMIT 1").fetchone()
        members = [row[0] for row in conn.execute(
            "SELECT id FROM member WHERE balance >= ? ORDER BY id", (points,)).fetchall()]
        random.Random(9).shuffle(members)
        # Each member pays once: a member's balance covers the reward at least once.
        paired = (env.repeats + 1) * ISSUES_PER_RUN * 2
        needed = paired + env.repeats * ISSUES_PER_RUN
        if len(members) < needed:
            raise RuntimeError(f"only {len(members)} members can pay {points} points, {needed} needed")
        work_members, floor_members = iter(members[:paired:2]), iter(members[1:paired:2])
        alone_members = iter(members[paired:needed])
        signing = VoucherKeys(ctx.location.data_dir).current()
        base_name, base_code = conn.execute("SELECT name, code FROM service_base WHERE id = 1").fetchone()
        slips: list[VoucherSlip] = []

        def work() -> None:
            for _ in range(ISSUES_PER_RUN):
                issued = vouchers.issue(actor, next(work_members), reward, new_key())
                voucher_slip_pdf([issued.slip], SlipLayout.RECEIPT_80)
                slips.append(issued.slip)

        def floor() -> None:
            for _ in range(ISSUES_PER_RUN):
                member = next(floor_members)
                now = dt.datetime.now(dt.UTC)
                today = now.astimezone(ZONE).date()
                expires = today + dt.timedelta(days=29)
                conn.execute("BEGIN IMMEDIATE")
                (balance,) = conn.execute(FLOOR_SPEND, (points, member, points)).fetchone()
                (voucher,) = conn.execute(FLOOR_VOUCHER, (reward, merchant, member, points, face, signing.key_id,
                                                          _stamp(now), actor.staff_id, expires)).fetchone()
                (entry,) = conn.execute(FLOOR_ENTRY, (member, -points, f"兑换：{shop} {title}", voucher, balance,
                                                      _stamp(now), actor.staff_id, new_key())).fetchone()
                conn.execute("UPDATE voucher SET spend_entry_id = ? WHERE id = ?", (entry, voucher))
                conn.execute("COMMIT")
                text = sign(Payload(voucher, base_code, merchant, expires, signing.key_id), signing.private_key)
                voucher_slip_pdf([VoucherSlip(
                    base_name, shop, address, title, points, Decimal(face) / 100 if face is not None else None,
                    "张*明", serial_code(voucher), text, today, expires, terms)], SlipLayout.RECEIPT_80)

        cpu: dict[str, list[float]] = {"work": [], "floor": []}
        stored = conn.execute("SELECT count(*) FROM voucher").fetchone()[0]
        work_ms, floor_ms = paired_medians(_on_cpu(cpu["work"], ISSUES_PER_RUN, work),
                                           _on_cpu(cpu["floor"], ISSUES_PER_RUN, floor), env.repeats, warmup=1)
        # The two halves apart: the service's issue alone, and the PDF alone.
        issue_ms = statistics.median(timed_ms(lambda: vouchers.issue(actor, next(alone_members), reward, new_key()))
                                     for _ in range(env.repeats * ISSUES_PER_RUN))
        pdf_ms = statistics.median(timed_ms(lambda s=s: voucher_slip_pdf([s], SlipLayout.RECEIPT_80))
                                   for s in slips[-env.repeats * ISSUES_PER_RUN:])
        env.note(f"voucher_issue_slip: {stored:,} vouchers stored; reward of {points} points; issue alone "
                 f"{issue_ms:.2f} ms, 80 mm slip alone {pdf_ms:.2f} ms; processor time an issue with its slip: "
                 f"service {statistics.median(cpu['work'][1:]):.2f} ms, floor "
                 f"{statistics.median(cpu['floor'][1:]):.2f} ms")
        return work_ms / ISSUES_PER_RUN, floor_ms / ISSUES_PER_RUN
    finally:
        conn.close()
        ctx.db.dispose()


@bench("voucher_redeem", goal_ms=10, goal_ratio=3, order=81)
def voucher_redeem(env: BenchEnv) -> tuple[float, float]:
    """`VoucherService.redeem` of a scanned QR text (signature verified, conditional update, audit event,
    committed) vs raw sqlite3 BEGIN IMMEDIATE + conditional UPDATE + COMMIT of another unused voucher."""
    _location, ctx, conn = _open(env, "voucher_redeem")
    try:
        actor = AuthService(ctx).login("admin", DEMO_PASSWORD)
        vouchers = VoucherService(ctx)
        today = dt.datetime.now(dt.UTC).astimezone(ZONE).date()
        # A data set cached days ago has let some of its unused vouchers lapse: valid again, in this copy only.
        conn.execute("UPDATE voucher SET expires_on = ? WHERE status = 'issued' AND expires_on < ?",
                     ((today + dt.timedelta(days=7)).isoformat(), today.isoformat()))
        unused = [row[0] for row in conn.execute(
            "SELECT id FROM voucher WHERE status = 'issued' ORDER BY id").fetchall()]
        needed = (env.repeats + 1) * REDEEMS_PER_RUN * 2
        if len(unused) < needed + 1 + REDEEMS_PER_RUN:
            raise RuntimeError(f"only {len(unused)} unused vouchers, {needed + 1 + REDEEMS_PER_RUN} needed")
        random.Random(10).shuffle(unused)
        # The slips as the scanner reads them: signed again with this station's key (the data set's own key
        # is not in the copy's data folder).
        texts = iter([vouchers.slip(v).qr_text for v in unused[:needed // 2]])
        floor_ids = iter(unused[needed // 2:needed])
        outcomes: list[Outcome] = []

        def work() -> None:
            for _ in range(REDEEMS_PER_RUN):
                outcomes.append(vouchers.redeem(actor, next(texts)).outcome)

        def floor() -> None:
            for _ in range(REDEEMS_PER_RUN):
                conn.execute("BEGIN IMMEDIATE")
                changed = conn.execute(FLOOR_REDEEM, (_stamp(dt.datetime.now(dt.UTC)), actor.staff_id,
                                                      next(floor_ids))).rowcount
                conn.execute("COMMIT")
                assert changed == 1

        cpu: dict[str, list[float]] = {"work": [], "floor": []}
        stored = conn.execute("SELECT count(*) FROM voucher").fetchone()[0]
        work_ms, floor_ms = paired_medians(_on_cpu(cpu["work"], REDEEMS_PER_RUN, work),
                                           _on_cpu(cpu["floor"], REDEEMS_PER_RUN, floor), env.repeats, warmup=1)
        if set(outcomes) != {Outcome.REDEEMED}:
            raise RuntimeError(f"the redemptions came to {sorted(set(outcomes))}")
        sample = vouchers.slip(unused[needed]).qr_text
        keys = VoucherKeys(ctx.location.data_dir).public_keys()
        verify_ms = statistics.median(timed_ms(lambda: verify(sample, keys)) for _ in range(50))
        same = [(v, vouchers.slip(v).qr_text) for v in unused[needed + 1:needed + 1 + REDEEMS_PER_RUN]]

        def same_statements() -> None:
            """The service's signature check and statements with their commit in raw sqlite3: what is left of
            its time is the Python around them (SQLAlchemy, building rows)."""
            for voucher, text in same:
                now = dt.datetime.now(dt.UTC)
                verify(text, keys)
                conn.execute("BEGIN IMMEDIATE")
                facts = conn.execute(FACTS, (voucher,)).fetchone()
                conn.execute(REDEEM, (_stamp(now), actor.staff_id, voucher, today.isoformat(), facts[2]))
                seq, prev = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
                summary = f"{serial_code(voucher)} @ {facts[5]}"
                digest = event_hash(prev, seq + 1, now, actor.username, "voucher_redeemed", "voucher",
                                    str(voucher), summary)
                conn.execute("INSERT INTO audit_event (seq, at, staff_id, actor, action, entity, entity_id, summary, "
                             "prev_hash, hash) VALUES (?, ?, ?, ?, 'voucher_redeemed', 'voucher', ?, ?, ?, ?)",
                             (seq + 1, _stamp(now), actor.staff_id, actor.username, str(voucher), summary, prev,
                              digest))
                conn.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (seq + 1, digest))
                conn.execute(ROW, (voucher,)).fetchone()
                conn.execute("COMMIT")

        raw_ms = timed_ms(same_statements) / len(same)
        env.note(f"voucher_redeem: {stored:,} vouchers stored; signature check alone {verify_ms:.3f} ms; the "
                 f"service's signature check, statements and commit in raw sqlite3 {raw_ms:.2f} ms a redemption; "
                 f"processor time a redemption: service {statistics.median(cpu['work'][1:]):.2f} ms, floor "
                 f"{statistics.median(cpu['floor'][1:]):.2f} ms")
        return work_ms / REDEEMS_PER_RUN, floor_ms / REDEEMS_PER_RUN
    finally:
        conn.close()
        ctx.db.dispose()
