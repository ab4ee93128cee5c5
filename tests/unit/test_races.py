"""Races between desks, on both backends: several processes, each with its own engine, released together by a
barrier, doing what two desks might do at the same second. The database must settle every race: exactly one
winner where only one may win, nothing lost where all may win, and an unbroken audit chain either way."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from racing import race

from desk.domain.staff import Actor, Role
from desk.services.audit import AuditRow, AuditService, verify_chain
from desk.services.auth import AuthService
from desk.services.bases import BaseService
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.staff import StaffService
from desk.storage.models import LoginThrottle

PROCESSES = 8
CHANGES_EACH = 20
PASSWORD = "hongse-desk-2026"


# -- what each process does (module level, so the spawned processes can import it) --------------------------------

def _add_same_username(ctx: ServiceContext, admin: Actor, index: int) -> object:
    return StaffService(ctx).add(admin, "lixiaomei", f"李晓梅{index}", Role.DESK, PASSWORD, PASSWORD).id


def _add_closures(ctx: ServiceContext, admin: Actor, index: int) -> object:
    bases = BaseService(ctx)
    first = dt.date(2027, 1, 1) + dt.timedelta(days=index * 100)
    for n in range(CHANGES_EACH):
        day = first + dt.timedelta(days=n)
        bases.add_closure(admin, day, day, f"第{index}台 第{n}次")
    return CHANGES_EACH


def _disable_the_other_admin(ctx: ServiceContext, me: Actor, other_id: int) -> object:
    return StaffService(ctx).set_active(me, other_id, False).id


def _fail_login(ctx: ServiceContext, _actor: Actor, _index: int) -> object:
    return AuthService(ctx).login("zhaoliu", "not-the-password")


def _all_audit_rows(ctx: ServiceContext) -> list[AuditRow]:
    return AuditService(ctx).recent(100_000)


def _assert_chain_intact(ctx: ServiceContext) -> None:
    with ctx.db.read() as s:
        assert verify_chain(s) == []
    assert CheckService(ctx).run() == []


# -- the races -----------------------------------------------------------------------------------------------------

def test_same_username_added_at_once_by_many_desks(ctx: ServiceContext, admin: Actor) -> None:
    outcomes = race(ctx, [(_add_same_username, admin, i) for i in range(PROCESSES)])

    assert Counter(outcome for outcome, _ in outcomes) == {"ok": 1, "username_taken": PROCESSES - 1}
    rows = [r for r in StaffService(ctx).list_staff(admin) if r.username == "lixiaomei"]
    assert len(rows) == 1
    winner = next(i for i, (outcome, _) in enumerate(outcomes) if outcome == "ok")
    assert rows[0].display_name == f"李晓梅{winner}"
    _assert_chain_intact(ctx)


def test_audited_changes_from_many_desks_all_land(ctx: ServiceContext, admin: Actor) -> None:
    outcomes = race(ctx, [(_add_closures, admin, i) for i in range(PROCESSES)])

    assert outcomes == [("ok", repr(CHANGES_EACH))] * PROCESSES
    closures = BaseService(ctx).closures()
    assert len(closures) == len({c.reason for c in closures}) == PROCESSES * CHANGES_EACH
    with ctx.db.read() as s:
        assert verify_chain(s) == []
    added = [row for row in _all_audit_rows(ctx) if row.action == "closure_added"]
    assert len(added) == PROCESSES * CHANGES_EACH
    _assert_chain_intact(ctx)


def test_two_admins_disabling_each_other_at_once(ctx: ServiceContext, admin: Actor) -> None:
    second = StaffService(ctx).add(admin, "zhaoli", "赵丽", Role.ADMIN, PASSWORD, PASSWORD)
    other = AuthService(ctx).login("zhaoli", PASSWORD)
    assert admin.staff_id is not None

    outcomes = race(ctx, [(_disable_the_other_admin, admin, second.id),
                           (_disable_the_other_admin, other, admin.staff_id)])

    assert sorted(outcome for outcome, _ in outcomes) == ["last_admin", "ok"]
    active_admins = [r for r in StaffService(ctx).list_staff(admin) if r.role is Role.ADMIN and r.active]
    assert len(active_admins) == 1
    _assert_chain_intact(ctx)


def test_failed_logins_at_once_are_all_counted(ctx: ServiceContext, admin: Actor) -> None:
    """Failures typed at several desks at once each count: none is lost, none crashes, the fifth locks."""
    outcomes = race(ctx, [(_fail_login, admin, i) for i in range(PROCESSES)])

    assert Counter(outcome for outcome, _ in outcomes) == {"login_failed": 4, "account_locked": PROCESSES - 4}
    with ctx.db.read() as s:
        throttle = s.get(LoginThrottle, "zhaoliu")
        assert throttle is not None and throttle.failures == 5 and throttle.locked_until is not None
    actions = Counter(row.action for row in _all_audit_rows(ctx) if row.entity_id == "zhaoliu")
    assert actions == {"login_failed": 4, "login_locked": 1, "login_refused_locked": PROCESSES - 5}
    _assert_chain_intact(ctx)
