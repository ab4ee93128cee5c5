"""Foundation services on both backends: first-start setup, login and lockout, staff accounts, the base profile,
opening hours and closures, the audit trail and `desk check`, backups and restore.

Every mutation is checked for the audit events it writes; every refused call for writing nothing at all.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from desk.domain.clock import FixedClock
from desk.domain.errors import (
    AccountDisabled,
    AccountLocked,
    AlreadySetUp,
    BackupNotSupported,
    BadFormat,
    ControlCharacters,
    DatabaseCorrupt,
    DeskError,
    EndBeforeStart,
    LastAdmin,
    LoginFailed,
    MerchantNotAllowed,
    MerchantRequired,
    NotADeskDatabase,
    NotFound,
    PasswordsDiffer,
    PermissionDenied,
    Required,
    TooLong,
    TooShort,
    UsernameTaken,
    WrongPassword,
)
from desk.domain.hours import DEFAULT_WEEK, DayHours
from desk.domain.staff import Actor, Role
from desk.services.audit import AuditService
from desk.services.auth import AuthService
from desk.services.backups import KEEP_DAILY, BackupService
from desk.services.bases import BaseService, SetupForm
from desk.services.checks import CheckService, Violation
from desk.services.context import ServiceContext
from desk.services.staff import StaffService
from desk.storage.models import (
    AuditEvent,
    Closure,
    LoginThrottle,
    Merchant,
    OpeningHours,
    ServiceBase,
    Staff,
)
from desk.storage.probe import HEAD_REVISION

ADMIN_PASSWORD = "correct-horse-1"  # the admin fixture's
PASSWORD = "hongse-desk-2026"
OTHER_PASSWORD = "another-pass-99"

SETUP = SetupForm(
    base_name="汇洋红色港湾党群服务基地", base_code="HY", address="汇洋广场北门", week=DEFAULT_WEEK,
    admin_username="admin", admin_display_name="王建国", password=ADMIN_PASSWORD, password_repeat=ADMIN_PASSWORD,
)


# -- helpers -------------------------------------------------------------------------------------------------------

def _counts(ctx: ServiceContext) -> dict[str, int]:
    """Rows per table: a refused call must leave every one of them as it was."""
    with ctx.db.read() as s:
        return {model.__tablename__: int(s.execute(select(func.count()).select_from(model)).scalar_one())
                for model in (ServiceBase, OpeningHours, Closure, Merchant, Staff, LoginThrottle, AuditEvent)}


def _last_seq(ctx: ServiceContext) -> int:
    rows = AuditService(ctx).recent(1)
    return rows[0].seq if rows else 0


def _actions_since(ctx: ServiceContext, seq: int) -> list[str]:
    return [row.action for row in reversed(AuditService(ctx).recent(1000)) if row.seq > seq]


def _assert_checks_pass(ctx: ServiceContext) -> None:
    assert CheckService(ctx).run() == []


def _add_desk(ctx: ServiceContext, admin: Actor, username: str = "lixiaomei", display: str = "李晓梅") -> int:
    return StaffService(ctx).add(admin, username, display, Role.DESK, PASSWORD, PASSWORD).id


def _desk_actor(ctx: ServiceContext, admin: Actor) -> Actor:
    _add_desk(ctx, admin)
    return AuthService(ctx).login("lixiaomei", PASSWORD)


def _add_merchant(ctx: ServiceContext, name: str = "汇上佳超市") -> int:
    with ctx.db.write() as s:
        merchant = Merchant(name=name, active=True, created_at=ctx.clock.now())
        s.add(merchant)
        s.flush()
        return merchant.id


def _staff_row(ctx: ServiceContext, admin: Actor, username: str) -> Any:
    return next(row for row in StaffService(ctx).list_staff(admin) if row.username == username)


def _fail_login(ctx: ServiceContext, username: str, times: int) -> list[DeskError]:
    errors: list[DeskError] = []
    for _ in range(times):
        with pytest.raises(DeskError) as error:
            AuthService(ctx).login(username, "not-the-password")
        errors.append(error.value)
    return errors


# -- first start ---------------------------------------------------------------------------------------------------

def test_setup_creates_base_hours_and_admin(ctx: ServiceContext) -> None:
    bases = BaseService(ctx)
    assert bases.needs_setup()

    admin = bases.setup(SETUP)

    assert (admin.username, admin.display_name, admin.role) == ("admin", "王建国", Role.ADMIN)
    assert not bases.needs_setup()
    profile = bases.profile()
    assert (profile.code, profile.name, profile.address, profile.timezone, profile.is_demo) == (
        "HY", "汇洋红色港湾党群服务基地", "汇洋广场北门", "Asia/Shanghai", False)
    assert profile.week == DEFAULT_WEEK
    staff = StaffService(ctx).list_staff(admin)
    assert [(r.username, r.role, r.active, r.must_change_password) for r in staff] == [
        ("admin", Role.ADMIN, True, False)]
    assert _actions_since(ctx, 0) == ["base_set_up", "staff_added"]
    _assert_checks_pass(ctx)


def test_second_setup_is_refused(ctx: ServiceContext, admin: Actor) -> None:
    before = _counts(ctx)
    with pytest.raises(AlreadySetUp):
        BaseService(ctx).setup(SETUP)
    assert _counts(ctx) == before


@pytest.mark.parametrize(("change", "error", "field"), [
    pytest.param({"base_name": ""}, Required, "base_name", id="base-name-empty"),
    pytest.param({"base_name": "港" * 61}, TooLong, "base_name", id="base-name-too-long"),
    pytest.param({"base_code": "明华"}, BadFormat, "base_code", id="base-code-format"),
    pytest.param({"admin_username": "王"}, BadFormat, "username", id="username-format"),
    pytest.param({"admin_display_name": "王\x07建国"}, ControlCharacters, "display_name", id="display-name-bell"),
    pytest.param({"password": "short", "password_repeat": "short"}, TooShort, "password", id="password-short"),
    pytest.param({"password_repeat": "correct-horse-2"}, PasswordsDiffer, "password_repeat", id="passwords-differ"),
    pytest.param({"week": (DayHours(0, dt.time(21), dt.time(9)), *DEFAULT_WEEK[1:])}, EndBeforeStart, "hours_0",
                 id="hours-end-before-start"),
])
def test_setup_rejects_bad_input_and_writes_nothing(ctx: ServiceContext, change: dict[str, Any],
                                                    error: type[DeskError], field: str) -> None:
    before = _counts(ctx)
    form = SetupForm(**{**SETUP.__dict__, **change})
    with pytest.raises(error) as raised:
        BaseService(ctx).setup(form)
    assert raised.value.field == field
    assert _counts(ctx) == before
    assert BaseService(ctx).needs_setup()


# -- login ---------------------------------------------------------------------------------------------------------

def test_login_is_audited_and_ignores_case(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> None:
    seq = _last_seq(ctx)
    clock.advance(hours=1)

    actor = AuthService(ctx).login(" Admin ", ADMIN_PASSWORD)

    assert actor == admin
    assert _actions_since(ctx, seq) == ["login"]
    assert _staff_row(ctx, admin, "admin").last_login_at == clock.now()
    _assert_checks_pass(ctx)


def test_unknown_user_and_wrong_password_fail_alike(ctx: ServiceContext, admin: Actor) -> None:
    seq = _last_seq(ctx)
    unknown, wrong = (_fail_login(ctx, name, 1)[0] for name in ("zhaoliu", "admin"))

    assert type(unknown) is type(wrong) is LoginFailed
    assert (unknown.field, unknown.params, str(unknown)) == (wrong.field, wrong.params, str(wrong))
    rows = [r for r in AuditService(ctx).recent() if r.seq > seq]
    assert sorted((r.action, r.entity_id) for r in rows) == [("login_failed", "admin"), ("login_failed", "zhaoliu")]
    _assert_checks_pass(ctx)


@pytest.mark.parametrize("username", ["admin", "zhaoliu"], ids=["known", "unknown"])
def test_five_failures_lock_for_fifteen_minutes(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                                username: str) -> None:
    seq = _last_seq(ctx)
    errors = _fail_login(ctx, username, 5)
    assert [type(e) for e in errors] == [LoginFailed] * 4 + [AccountLocked]
    assert errors[-1].params == {"minutes": 15}

    # While locked even the right password is refused, and the minutes count down.
    with pytest.raises(AccountLocked) as locked:
        AuthService(ctx).login(username, ADMIN_PASSWORD)
    assert locked.value.params == {"minutes": 15}
    clock.advance(minutes=14)
    with pytest.raises(AccountLocked) as locked:
        AuthService(ctx).login(username, ADMIN_PASSWORD)
    assert locked.value.params == {"minutes": 1}
    if username == "admin":
        assert _staff_row(ctx, admin, "admin").locked

    clock.advance(minutes=1)
    if username == "admin":
        assert AuthService(ctx).login(username, ADMIN_PASSWORD) == admin
        last = "login"
    else:
        with pytest.raises(LoginFailed):  # a fresh count, not an instant new lock
            AuthService(ctx).login(username, ADMIN_PASSWORD)
        last = "login_failed"
    assert _actions_since(ctx, seq) == (
        ["login_failed"] * 4 + ["login_locked", "login_refused_locked", "login_refused_locked", last])
    _assert_checks_pass(ctx)


def test_disabled_account_is_refused(ctx: ServiceContext, admin: Actor) -> None:
    staff_id = _add_desk(ctx, admin)
    StaffService(ctx).set_active(admin, staff_id, False)
    seq = _last_seq(ctx)

    with pytest.raises(AccountDisabled):
        AuthService(ctx).login("lixiaomei", PASSWORD)
    with pytest.raises(LoginFailed):  # a wrong password still says nothing about the account
        AuthService(ctx).login("lixiaomei", OTHER_PASSWORD)
    assert _actions_since(ctx, seq) == ["login_refused_disabled", "login_failed"]

    StaffService(ctx).set_active(admin, staff_id, True)
    assert AuthService(ctx).login("lixiaomei", PASSWORD).staff_id == staff_id
    _assert_checks_pass(ctx)


@pytest.mark.parametrize(("username", "password"), [("", PASSWORD), ("admin", "")])
def test_login_requires_both_fields(ctx: ServiceContext, admin: Actor, username: str, password: str) -> None:
    before = _counts(ctx)
    with pytest.raises(Required):
        AuthService(ctx).login(username, password)
    assert _counts(ctx) == before


# -- staff ---------------------------------------------------------------------------------------------------------

def test_add_staff_and_refuse_a_taken_username(ctx: ServiceContext, admin: Actor) -> None:
    seq = _last_seq(ctx)
    row = StaffService(ctx).add(admin, " LiXiaoMei ", " 李晓梅 ", Role.DESK, PASSWORD, PASSWORD)
    assert (row.username, row.display_name, row.role, row.active, row.locked, row.must_change_password) == (
        "lixiaomei", "李晓梅", Role.DESK, True, False, False)
    assert _actions_since(ctx, seq) == ["staff_added"]

    before = _counts(ctx)
    with pytest.raises(UsernameTaken) as taken:
        StaffService(ctx).add(admin, "LIXIAOMEI", "另一个李晓梅", Role.DESK, PASSWORD, PASSWORD)
    assert taken.value.params == {"username": "lixiaomei"}
    assert taken.value.field == "username"
    assert _counts(ctx) == before
    _assert_checks_pass(ctx)


@pytest.mark.parametrize(("change", "error", "field"), [
    pytest.param({"username": ""}, Required, "username", id="username-empty"),
    pytest.param({"username": "a" * 33}, TooLong, "username", id="username-too-long"),
    pytest.param({"username": "li xiaomei"}, BadFormat, "username", id="username-space"),
    pytest.param({"username": "李晓梅"}, BadFormat, "username", id="username-chinese"),
    pytest.param({"username": "ab"}, BadFormat, "username", id="username-too-short"),
    pytest.param({"display_name": "   "}, Required, "display_name", id="display-name-blank"),
    pytest.param({"display_name": "李" * 41}, TooLong, "display_name", id="display-name-too-long"),
    pytest.param({"display_name": "李晓\x07梅"}, ControlCharacters, "display_name", id="display-name-bell"),
    pytest.param({"display_name": "李晓\u202e梅"}, ControlCharacters, "display_name", id="display-name-bidi"),
    pytest.param({"password": "", "repeated": ""}, Required, "password", id="password-empty"),
    pytest.param({"password": "short1", "repeated": "short1"}, TooShort, "password", id="password-short"),
    pytest.param({"password": "x" * 129, "repeated": "x" * 129}, TooLong, "password", id="password-too-long"),
    pytest.param({"password": "hongse\x07desk", "repeated": "hongse\x07desk"}, ControlCharacters, "password",
                 id="password-bell"),
    pytest.param({"repeated": OTHER_PASSWORD}, PasswordsDiffer, "password_repeat", id="passwords-differ"),
])
def test_add_staff_rejects_bad_input_and_writes_nothing(ctx: ServiceContext, admin: Actor, change: dict[str, Any],
                                                        error: type[DeskError], field: str) -> None:
    arguments = {"username": "lixiaomei", "display_name": "李晓梅", "role": Role.DESK,
                 "password": PASSWORD, "repeated": PASSWORD, **change}
    before = _counts(ctx)
    with pytest.raises(error) as raised:
        StaffService(ctx).add(admin, **arguments)
    assert raised.value.field == field
    assert _counts(ctx) == before


def test_desk_role_cannot_manage_staff_or_the_base(ctx: ServiceContext, admin: Actor) -> None:
    desk = _desk_actor(ctx, admin)
    staff, bases = StaffService(ctx), BaseService(ctx)
    calls = {
        "add_staff": lambda: staff.add(desk, "zhanghua", "张华", Role.DESK, PASSWORD, PASSWORD),
        "list_staff": lambda: staff.list_staff(desk),
        "edit_staff": lambda: staff.update(desk, admin.staff_id or 0, "王建国", Role.DESK),
        "disable_staff": lambda: staff.set_active(desk, admin.staff_id or 0, False),
        "reset_password": lambda: staff.reset_password(desk, admin.staff_id or 0, PASSWORD, PASSWORD),
        "edit_base": lambda: bases.update_profile(desk, "新名字", "", "Asia/Shanghai"),
        "edit_hours": lambda: bases.set_week(desk, DEFAULT_WEEK),
        "edit_closures": lambda: bases.add_closure(desk, dt.date(2026, 12, 1), dt.date(2026, 12, 1), "检修"),
        "backup": lambda: BackupService(ctx).backup_now(desk),
    }
    before = _counts(ctx)
    for action, call in calls.items():
        with pytest.raises(PermissionDenied) as denied:
            call()
        assert denied.value.params == {"action": action}
    assert _counts(ctx) == before


def test_last_admin_cannot_be_disabled_or_demoted(ctx: ServiceContext, admin: Actor) -> None:
    staff = StaffService(ctx)
    admin_id = admin.staff_id or 0
    before = _counts(ctx)
    with pytest.raises(LastAdmin):
        staff.set_active(admin, admin_id, False)
    with pytest.raises(LastAdmin):
        staff.update(admin, admin_id, "王建国", Role.DESK)
    assert _counts(ctx) == before

    second = staff.add(admin, "zhaoli", "赵丽", Role.ADMIN, PASSWORD, PASSWORD)
    seq = _last_seq(ctx)
    assert staff.update(admin, admin_id, "王建国", Role.DESK).role is Role.DESK
    assert _actions_since(ctx, seq) == ["staff_edited"]
    with pytest.raises(LastAdmin):  # now the second administrator is the only one
        staff.set_active(admin, second.id, False)
    _assert_checks_pass(ctx)


def test_merchant_role_needs_a_merchant_and_other_roles_refuse_one(ctx: ServiceContext, admin: Actor) -> None:
    staff = StaffService(ctx)
    merchant_id = _add_merchant(ctx)
    before = _counts(ctx)
    with pytest.raises(MerchantRequired):
        staff.add(admin, "huishang", "收银员", Role.MERCHANT, PASSWORD, PASSWORD)
    with pytest.raises(MerchantNotAllowed):
        staff.add(admin, "huishang", "收银员", Role.DESK, PASSWORD, PASSWORD, merchant_id=merchant_id)
    with pytest.raises(NotFound):
        staff.add(admin, "huishang", "收银员", Role.MERCHANT, PASSWORD, PASSWORD, merchant_id=merchant_id + 99)
    assert _counts(ctx) == before

    row = staff.add(admin, "huishang", "收银员", Role.MERCHANT, PASSWORD, PASSWORD, merchant_id=merchant_id)
    assert (row.role, row.merchant_id, row.merchant_name) == (Role.MERCHANT, merchant_id, "汇上佳超市")
    with pytest.raises(MerchantNotAllowed):
        staff.update(admin, row.id, "收银员", Role.DESK, merchant_id=merchant_id)
    desk_id = _add_desk(ctx, admin)
    with pytest.raises(MerchantRequired):
        staff.update(admin, desk_id, "李晓梅", Role.MERCHANT)
    seq = _last_seq(ctx)
    assert staff.update(admin, row.id, "收银员", Role.DESK).merchant_id is None
    assert _actions_since(ctx, seq) == ["staff_edited"]
    _assert_checks_pass(ctx)


def test_reset_password_forces_a_change_and_lifts_a_lockout(ctx: ServiceContext, admin: Actor) -> None:
    staff, auth = StaffService(ctx), AuthService(ctx)
    staff_id = _add_desk(ctx, admin)
    _fail_login(ctx, "lixiaomei", 5)
    assert _staff_row(ctx, admin, "lixiaomei").locked
    seq = _last_seq(ctx)

    row = staff.reset_password(admin, staff_id, OTHER_PASSWORD, OTHER_PASSWORD)

    assert (row.locked, row.must_change_password) == (False, True)
    with pytest.raises(LoginFailed):
        auth.login("lixiaomei", PASSWORD)
    desk = auth.login("lixiaomei", OTHER_PASSWORD)
    assert auth.must_change_password(desk)
    auth.change_own_password(desk, OTHER_PASSWORD, "my-own-secret-1", "my-own-secret-1")
    assert not auth.must_change_password(desk)
    assert auth.login("lixiaomei", "my-own-secret-1") == desk
    assert _actions_since(ctx, seq) == ["password_reset", "login_failed", "login", "password_changed", "login"]
    _assert_checks_pass(ctx)


def test_reset_own_password_does_not_force_a_change(ctx: ServiceContext, admin: Actor) -> None:
    row = StaffService(ctx).reset_password(admin, admin.staff_id or 0, OTHER_PASSWORD, OTHER_PASSWORD)
    assert not row.must_change_password


def test_change_own_password_checks_the_current_one(ctx: ServiceContext, admin: Actor) -> None:
    auth = AuthService(ctx)
    before = _counts(ctx)
    with pytest.raises(WrongPassword) as wrong:
        auth.change_own_password(admin, "not-my-password", OTHER_PASSWORD, OTHER_PASSWORD)
    assert wrong.value.field == "current_password"
    with pytest.raises(PasswordsDiffer):
        auth.change_own_password(admin, ADMIN_PASSWORD, OTHER_PASSWORD, PASSWORD)
    with pytest.raises(Required):
        auth.change_own_password(admin, "", OTHER_PASSWORD, OTHER_PASSWORD)
    assert _counts(ctx) == before
    assert auth.login("admin", ADMIN_PASSWORD) == admin


# -- base ----------------------------------------------------------------------------------------------------------

def test_edit_base_profile(ctx: ServiceContext, admin: Actor) -> None:
    bases = BaseService(ctx)
    seq = _last_seq(ctx)
    profile = bases.update_profile(admin, " 南方红色港湾 ", "南方大道 88 号", "Asia/Urumqi")
    assert (profile.name, profile.address, profile.timezone, profile.code) == (
        "南方红色港湾", "南方大道 88 号", "Asia/Urumqi", "MH")
    assert bases.profile() == profile
    assert _actions_since(ctx, seq) == ["base_edited"]
    assert "南方红色港湾" in AuditService(ctx).recent(1)[0].summary

    seq = _last_seq(ctx)
    bases.update_profile(admin, "南方红色港湾", "南方大道 88 号", "Asia/Urumqi")
    assert _actions_since(ctx, seq) == []  # nothing changed, nothing to log

    before = _counts(ctx)
    with pytest.raises(BadFormat):
        bases.update_profile(admin, "南方红色港湾", "", "Mars/Olympus")
    with pytest.raises(Required):
        bases.update_profile(admin, "", "", "Asia/Shanghai")
    assert _counts(ctx) == before
    assert bases.profile() == profile
    _assert_checks_pass(ctx)


def test_opening_hours(ctx: ServiceContext, admin: Actor) -> None:
    bases = BaseService(ctx)
    week = (*DEFAULT_WEEK[:5], DayHours(5, dt.time(9, 30), dt.time(18)), DayHours(6, None, None))
    seq = _last_seq(ctx)
    assert bases.set_week(admin, week).week == week
    assert bases.profile().week == week
    assert _actions_since(ctx, seq) == ["hours_changed"]

    seq = _last_seq(ctx)
    bases.set_week(admin, list(reversed(week)))  # the same week in another order
    assert _actions_since(ctx, seq) == []

    before = _counts(ctx)
    for bad, error, field in (
        ((*week[:2], DayHours(2, dt.time(18), dt.time(9)), *week[3:]), EndBeforeStart, "hours_2"),
        ((*week[:2], DayHours(2, dt.time(9), dt.time(9)), *week[3:]), EndBeforeStart, "hours_2"),
        ((*week[:2], DayHours(2, dt.time(9), None), *week[3:]), Required, "hours_2"),
        (week[:6], Required, "hours"),
    ):
        with pytest.raises(error) as raised:
            bases.set_week(admin, bad)
        assert raised.value.field == field
    assert _counts(ctx) == before
    assert bases.profile().week == week
    _assert_checks_pass(ctx)


def test_closures(ctx: ServiceContext, admin: Actor) -> None:
    bases = BaseService(ctx)
    seq = _last_seq(ctx)
    later = bases.add_closure(admin, dt.date(2027, 1, 1), dt.date(2027, 1, 3), "元旦假期")
    first = bases.add_closure(admin, dt.date(2026, 12, 5), dt.date(2026, 12, 5), " 消防设施年检 ")
    assert [(c.start, c.end, c.reason) for c in bases.closures()] == [
        (dt.date(2026, 12, 5), dt.date(2026, 12, 5), "消防设施年检"),
        (dt.date(2027, 1, 1), dt.date(2027, 1, 3), "元旦假期"),
    ]
    assert [c.id for c in bases.closures(since=dt.date(2026, 12, 6))] == [later.id]

    bases.remove_closure(admin, first.id)
    assert [c.id for c in bases.closures()] == [later.id]
    assert _actions_since(ctx, seq) == ["closure_added", "closure_added", "closure_removed"]

    before = _counts(ctx)
    with pytest.raises(EndBeforeStart) as raised:
        bases.add_closure(admin, dt.date(2026, 12, 9), dt.date(2026, 12, 8), "检修")
    assert raised.value.field == "closure_end"
    with pytest.raises(Required):
        bases.add_closure(admin, dt.date(2026, 12, 9), dt.date(2026, 12, 9), "")
    with pytest.raises(NotFound):
        bases.remove_closure(admin, first.id)
    assert _counts(ctx) == before
    _assert_checks_pass(ctx)


# -- audit trail and checks ----------------------------------------------------------------------------------------

def test_check_reports_an_edited_audit_event(ctx: ServiceContext, admin: Actor) -> None:
    _add_desk(ctx, admin)
    _assert_checks_pass(ctx)
    with ctx.db.write() as s:
        s.execute(text("UPDATE audit_event SET summary = 'nothing happened' WHERE seq = 2"))
    assert CheckService(ctx).run() == [Violation("audit_chain", "audit event 2 was changed after it was written")]


def test_check_reports_a_deleted_last_event(ctx: ServiceContext, admin: Actor) -> None:
    _add_desk(ctx, admin)
    last = _last_seq(ctx)
    with ctx.db.write() as s:
        s.execute(text("DELETE FROM audit_event WHERE seq = :seq"), {"seq": last})
    assert CheckService(ctx).run() == [Violation(
        "audit_chain", f"audit trail ends at event {last - 1} but its head says {last}: events were deleted")]


def test_check_reports_a_deleted_event_in_the_middle(ctx: ServiceContext, admin: Actor) -> None:
    _add_desk(ctx, admin)
    with ctx.db.write() as s:
        s.execute(text("DELETE FROM audit_event WHERE seq = 2"))
    messages = [v.message for v in CheckService(ctx).run()]
    assert "audit event 2 is missing (next is 3)" in messages
    assert "audit event 3 does not follow the event before it" in messages


# -- backups -------------------------------------------------------------------------------------------------------

@pytest.fixture
def sqlite_only(location: Any) -> None:
    if not location.is_sqlite:
        pytest.skip("file backups are for SQLite; PostgreSQL is backed up with its own tools")


def _usernames(ctx: ServiceContext, admin: Actor) -> list[str]:
    return [row.username for row in StaffService(ctx).list_staff(admin)]


@pytest.mark.usefixtures("sqlite_only")
def test_backup_verify_and_restore_round_trip(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> None:
    backups = BackupService(ctx)
    backup = backups.backup_now(admin)
    assert backup.parent == ctx.location.backups_dir and backup.is_file()
    assert backups.verify(backup) == HEAD_REVISION
    assert [info.path for info in backups.list_backups()] == [backup]
    assert _actions_since(ctx, _last_seq(ctx) - 1) == ["backup_made"]

    clock.advance(minutes=5)
    _add_desk(ctx, admin, "zhanghua", "张华")
    assert "zhanghua" in _usernames(ctx, admin)

    safety = backups.restore(admin, backup)

    assert _usernames(ctx, admin) == ["admin"]
    assert AuditService(ctx).recent(1)[0].action == "database_restored"
    _assert_checks_pass(ctx)
    assert AuthService(ctx).login("admin", ADMIN_PASSWORD) == admin
    # The data replaced by the restore is kept.
    with sqlite3.connect(safety) as conn:
        assert ("zhanghua",) in conn.execute("SELECT username FROM staff").fetchall()


@pytest.mark.usefixtures("sqlite_only")
@pytest.mark.parametrize("kind", ["garbage", "foreign", "empty"])
def test_restore_refuses_a_bad_file_and_changes_nothing(ctx: ServiceContext, admin: Actor, tmp_path: Path,
                                                        kind: str) -> None:
    _add_desk(ctx, admin)
    source = tmp_path / f"{kind}.sqlite3"
    if kind == "garbage":
        source.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 32)
        expected: type[DeskError] = DatabaseCorrupt
    else:
        with sqlite3.connect(source) as conn:
            if kind == "foreign":
                conn.execute("CREATE TABLE staff (id INTEGER PRIMARY KEY, username TEXT)")
                conn.execute("INSERT INTO staff (username) VALUES ('intruder')")
        expected = NotADeskDatabase
    before = (_counts(ctx), _usernames(ctx, admin), sorted(ctx.location.data_dir.rglob("*")))

    with pytest.raises(expected):
        BackupService(ctx).restore(admin, source)

    assert (_counts(ctx), _usernames(ctx, admin), sorted(ctx.location.data_dir.rglob("*"))) == before
    _assert_checks_pass(ctx)


@pytest.mark.usefixtures("sqlite_only")
def test_daily_backup_once_a_day_and_the_newest_fourteen_kept(ctx: ServiceContext, admin: Actor,
                                                              clock: FixedClock) -> None:
    backups = BackupService(ctx)
    first = backups.daily_backup_if_due()
    assert first is not None and first.name == "daily-20261128.sqlite3"
    assert backups.daily_backup_if_due() is None  # the same day again
    manual = backups.backup_now(admin)

    for _ in range(20):
        clock.advance(days=1)
        assert backups.daily_backup_if_due() is not None
        assert backups.daily_backup_if_due() is None

    daily = sorted(p.name for p in ctx.location.backups_dir.glob("daily-*"))
    assert len(daily) == KEEP_DAILY == 14
    assert daily[0] == "daily-20261205.sqlite3" and daily[-1] == "daily-20261218.sqlite3"
    assert manual.exists()  # pruning keeps hand-made backups
    assert backups.verify(ctx.location.backups_dir / daily[-1]) == HEAD_REVISION


def test_backups_not_supported_on_postgresql(ctx: ServiceContext, admin: Actor, tmp_path: Path) -> None:
    if ctx.location.is_sqlite:
        pytest.skip("PostgreSQL only")
    backups = BackupService(ctx)
    assert not backups.supported
    with pytest.raises(BackupNotSupported):
        backups.backup_now(admin)
    with pytest.raises(BackupNotSupported):
        backups.restore(admin, tmp_path / "any.sqlite3")
    assert backups.daily_backup_if_due() is None
