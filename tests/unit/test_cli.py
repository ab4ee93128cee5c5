"""The `desk` command: every subcommand in-process on a temp data folder, asserting on what it prints, its exit
code and the database it leaves; a few real processes prove no traceback reaches the terminal."""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import getpass
import io
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk import cli
from desk.domain.clock import FixedClock, SystemClock
from desk.domain.errors import AccountDisabled, AccountLocked, LoginFailed
from desk.domain.staff import MAX_FAILED_LOGINS
from desk.resources import TRANSLATIONS_DIR
from desk.services.auth import AuthService
from desk.services.context import ServiceContext
from desk.services.demo import DEMO_PASSWORD, DEMO_STAFF
from desk.services.startup import open_database
from desk.storage import engine as engine_module
from desk.storage.location import DB_FILE_NAME, resolve
from desk.storage.probe import HEAD_REVISION

# The wording needs Qt's translators; an offscreen application keeps the test independent of a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSWORD = "correct-horse-9"
SUBCOMMANDS = ("gui", "init", "user", "backup", "restore", "check")
USER_ACTIONS = ("add", "list", "disable", "enable", "reset-password")
CJK = re.compile(r"[\u4e00-\u9fff]")
pytestmark = pytest.mark.usefixtures("cli_process")  # see tests/conftest.py


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def db_path(data_dir: Path) -> Path:
    return data_dir / DB_FILE_NAME


class Run:
    """`desk ARGS --data-dir <tmp>` in this process: exit code, stdout and stderr."""

    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
        self._capsys, self._monkeypatch, self.data_dir = capsys, monkeypatch, data_dir

    def __call__(self, *args: str, stdin: str | io.StringIO = "") -> tuple[int, str, str]:
        self._capsys.readouterr()
        self._monkeypatch.setattr(sys, "stdin", stdin if isinstance(stdin, io.StringIO) else io.StringIO(stdin))
        code = cli.main([*args, "--data-dir", str(self.data_dir)])
        out, err = self._capsys.readouterr()
        return code, out, err


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Run:
    return Run(capsys, monkeypatch, data_dir)


@pytest.fixture
def demo(run: Run) -> Run:
    code, _out, err = run("init", "--demo")
    assert (code, err) == (0, "")
    return run


class Terminal(io.StringIO):
    """Standard input that is a terminal."""

    def isatty(self) -> bool:
        return True


@contextlib.contextmanager
def opened(data_dir: Path, clock: object = None) -> Iterator[ServiceContext]:
    ctx, _result = open_database(resolve(None, data_dir), clock or SystemClock(), create=False)  # type: ignore[arg-type]
    try:
        yield ctx
    finally:
        ctx.db.dispose()


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def usernames(path: Path) -> set[str]:
    return {str(r[0]) for r in rows(path, "SELECT username FROM staff")}


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("desk: ")
    assert "Traceback" not in err
    return lines[0]


# --- help ----------------------------------------------------------------------------------------------------

def test_help_lists_every_subcommand_and_action(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    for name in (*SUBCOMMANDS, "--db", "--data-dir", "--base", "--version", "DESK_DB", "DESK_DATA_DIR"):
        assert name in text
    assert "create or upgrade the database" in text

    with pytest.raises(SystemExit):
        cli.main(["user", "--help"])
    text = capsys.readouterr().out
    for action in USER_ACTIONS:
        assert action in text


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from desk import __version__

    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"desk {__version__}"


def test_user_without_an_action_is_a_usage_error(run: Run) -> None:
    with pytest.raises(SystemExit) as exited:
        run("user")
    assert exited.value.code == 2


# --- init ----------------------------------------------------------------------------------------------------

def test_init_creates_the_database_at_head(run: Run, db_path: Path) -> None:
    code, out, err = run("init")
    assert (code, err) == (0, "")
    assert "已创建数据库" in out and str(db_path) in out
    assert rows(db_path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert "desk user add" in out  # nobody can log in yet: says how to add the first administrator


def test_init_twice_is_idempotent(run: Run, db_path: Path, data_dir: Path) -> None:
    assert run("init", "--base-name", "测试基地")[0] == 0
    before = db_path.read_bytes() and rows(db_path, "SELECT seq, hash FROM audit_event")
    code, out, err = run("init", "--base-name", "另一个基地")
    assert (code, err) == (0, "")
    assert "已是最新结构版本" in out and "已有基地 HG01" in out
    assert rows(db_path, "SELECT seq, hash FROM audit_event") == before
    assert rows(db_path, "SELECT code, name FROM service_base") == [("HG01", "测试基地")]
    assert not (data_dir / "backups").exists()  # nothing to upgrade, so nothing backed up


def test_init_base_name_creates_the_base_with_default_hours(run: Run, db_path: Path) -> None:
    code, out, _err = run("init", "--base-name", "南方红色港湾", "--base-code", "nf")
    assert code == 0
    assert "已创建基地 NF 南方红色港湾" in out
    assert rows(db_path, "SELECT code, name, timezone FROM service_base") == [("NF", "南方红色港湾", "Asia/Shanghai")]
    hours = rows(db_path, "SELECT weekday, opens, closes FROM opening_hours ORDER BY weekday")
    assert [h[0] for h in hours] == list(range(7))
    assert all(str(h[1]).startswith("09:00") and str(h[2]).startswith("21:00") for h in hours)
    assert rows(db_path, "SELECT actor, action FROM audit_event") == [("cli", "base_created")]


def test_init_bad_base_code_is_one_line(run: Run) -> None:
    code, _out, err = run("init", "--base-name", "南方", "--base-code", "no!")
    assert code == 1
    assert one_error_line(err).startswith("desk: 基地代码: 基地代码需 2–8 位大写字母或数字")


def test_init_base_code_without_base_name_is_a_usage_error(run: Run) -> None:
    with pytest.raises(SystemExit) as exited:
        run("init", "--base-code", "MH")
    assert exited.value.code == 2


def test_init_demo_prints_logins_and_user_list_shows_the_staff(demo: Run, db_path: Path) -> None:
    assert usernames(db_path) == {username for username, *_ in DEMO_STAFF}
    code, out, err = demo("user", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["用户名", "姓名"]
    for username, display, role, merchant in DEMO_STAFF:
        line = next(line for line in lines if line.startswith(username + " "))
        assert display in line and f"{role.value} (" in line
        assert (merchant or "") in line
    assert "$argon2" not in out and not re.search(r"\d{7,}", out)  # no hashes, no phone numbers


def test_init_demo_output_names_every_demo_login(run: Run) -> None:
    code, out, _err = run("init", "--demo")
    assert code == 0
    assert "已装入演示数据：基地 MH，5 名工作人员" in out
    assert DEMO_PASSWORD in out
    for username, *_ in DEMO_STAFF:
        assert re.search(rf"^\s+{username}\s", out, re.M)


def test_init_demo_refuses_a_database_with_staff(demo: Run, db_path: Path) -> None:
    before = rows(db_path, "SELECT count(*) FROM staff")
    code, _out, err = demo("init", "--demo")
    assert code == 1
    assert "演示数据只能装入空数据库" in one_error_line(err)
    assert rows(db_path, "SELECT count(*) FROM staff") == before
    assert rows(db_path, "SELECT count(*) FROM service_base") == [(1,)]


def test_init_demo_refuses_a_database_that_already_has_a_base(run: Run, db_path: Path) -> None:
    assert run("init", "--base-name", "南方", "--base-code", "MH")[0] == 0
    code, _out, err = run("init", "--demo")
    assert code == 1 and "演示数据只能装入空数据库" in one_error_line(err)
    assert rows(db_path, "SELECT count(*) FROM staff") == [(0,)]


def test_init_demo_and_base_name_together_is_a_usage_error(run: Run) -> None:
    with pytest.raises(SystemExit) as exited:
        run("init", "--demo", "--base-name", "南方")
    assert exited.value.code == 2


def test_init_where_nothing_can_be_written_is_one_line(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    run.data_dir = blocker / "data"
    code, _out, err = run("init")
    assert code == 1
    assert "无法写入数据库位置" in one_error_line(err)


# --- user ----------------------------------------------------------------------------------------------------

def test_user_add_with_password_stdin_then_login_works(run: Run, data_dir: Path) -> None:
    assert run("init")[0] == 0
    code, out, err = run("user", "add", "Boss", "--role", "admin", "--display-name", "王建国", "--password-stdin",
                         stdin=PASSWORD + "\n")
    assert (code, err) == (0, "")
    assert "已添加账户 boss（王建国，管理员）" in out
    with opened(data_dir) as ctx:
        actor = AuthService(ctx).login("boss", PASSWORD)
        assert (actor.username, actor.display_name, actor.role.value) == ("boss", "王建国", "admin")
        assert not AuthService(ctx).must_change_password(actor)


def test_password_stdin_keeps_spaces_and_drops_only_the_newline(run: Run, data_dir: Path) -> None:
    assert run("init")[0] == 0
    assert run("user", "add", "spacey", "--role", "desk", "--password-stdin", stdin=f"  {PASSWORD}  \n")[0] == 0
    with opened(data_dir) as ctx:
        with pytest.raises(LoginFailed):
            AuthService(ctx).login("spacey", PASSWORD)
        assert AuthService(ctx).login("spacey", f"  {PASSWORD}  ").display_name == "spacey"


def test_duplicate_user_is_one_line(demo: Run, db_path: Path) -> None:
    code, out, err = demo("user", "add", "admin", "--role", "desk", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 1 and out == ""
    assert one_error_line(err) == "desk: 用户名: 用户名“admin”已被使用，请换一个。"
    assert rows(db_path, "SELECT role FROM staff WHERE username = 'admin'") == [("admin",)]


def test_bad_role_is_a_usage_error(demo: Run, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        demo("user", "add", "someone", "--role", "boss", "--password-stdin", stdin=PASSWORD + "\n")
    assert exited.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_merchant_role_needs_a_merchant(demo: Run, db_path: Path) -> None:
    code, _out, err = demo("user", "add", "cashier", "--role", "merchant", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 1
    assert one_error_line(err) == "desk: 商家: 商户收银员必须绑定一个联盟商家。"
    assert "cashier" not in usernames(db_path)


def test_merchant_by_name_or_number(demo: Run, db_path: Path) -> None:
    code, out, _err = demo("user", "add", "cashier", "--role", "merchant", "--merchant", "书香社区书店",
                           "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0 and "所属商家：书香社区书店" in out
    number = rows(db_path, "SELECT id FROM merchant WHERE name = '明华药房'")[0][0]
    assert demo("user", "add", "pharmacy", "--role", "merchant", "--merchant", str(number), "--password-stdin",
                stdin=PASSWORD + "\n")[0] == 0
    assert rows(db_path, "SELECT m.name FROM staff s JOIN merchant m ON m.id = s.merchant_id "
                         "WHERE s.username IN ('cashier', 'pharmacy') ORDER BY s.username") == [
        ("书香社区书店",), ("明华药房",)]
    code, _out, err = demo("user", "add", "other", "--role", "desk", "--merchant", str(number), "--password-stdin",
                           stdin=PASSWORD + "\n")
    assert code == 1 and "只有商户收银员才绑定商家" in one_error_line(err)


def test_short_password_is_refused(demo: Run, db_path: Path) -> None:
    code, _out, err = demo("user", "add", "shorty", "--role", "desk", "--password-stdin", stdin="abc\n")
    assert code == 1
    assert one_error_line(err) == "desk: 密码: 太短了：至少 8 个字符。"
    assert "shorty" not in usernames(db_path)


def test_bad_username_is_refused_before_the_password_is_asked(demo: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(getpass, "getpass", lambda _prompt="": pytest.fail("asked for a password"))
    code, _out, err = demo("user", "add", "x!", "--role", "desk", stdin=Terminal())
    assert code == 1 and one_error_line(err).startswith("desk: 用户名: 用户名需 3–32 位")


def test_user_add_without_a_terminal_or_password_stdin_is_refused(demo: Run, db_path: Path) -> None:
    code, _out, err = demo("user", "add", "quiet", "--role", "desk")
    assert code == 1 and "--password-stdin" in one_error_line(err)
    assert "quiet" not in usernames(db_path)


def test_user_add_prompts_twice_on_a_terminal(demo: Run, monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    answers = iter([PASSWORD, PASSWORD + "x", PASSWORD, PASSWORD])
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    code, _out, err = demo("user", "add", "typist", "--role", "desk", stdin=Terminal())
    assert code == 1 and one_error_line(err) == "desk: 再次输入密码: 两次输入的密码不一致，请重新输入。"
    assert demo("user", "add", "typist", "--role", "desk", stdin=Terminal())[0] == 0
    assert prompts == ["密码： ", "再次输入密码： "] * 2
    with opened(data_dir) as ctx:
        assert AuthService(ctx).login("typist", PASSWORD).username == "typist"


def test_end_of_input_at_the_password_prompt_cancels(demo: Run, monkeypatch: pytest.MonkeyPatch,
                                                      db_path: Path) -> None:
    def end_of_input(_prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", end_of_input)
    code, _out, err = demo("user", "reset-password", "chenjing", stdin=Terminal())
    assert code == 1 and "已取消" in one_error_line(err)
    assert rows(db_path, "SELECT must_change_password FROM staff WHERE username = 'chenjing'") == [(0,)]


def test_disable_enable_and_reset_password(demo: Run, data_dir: Path) -> None:
    code, out, _err = demo("user", "disable", "lixiaomei")
    assert code == 0 and "已停用账户 lixiaomei" in out
    with opened(data_dir) as ctx, pytest.raises(AccountDisabled):
        AuthService(ctx).login("lixiaomei", DEMO_PASSWORD)
    assert demo("user", "enable", "LiXiaoMei")[0] == 0
    with opened(data_dir) as ctx:
        assert AuthService(ctx).login("lixiaomei", DEMO_PASSWORD).username == "lixiaomei"

    with opened(data_dir) as ctx:  # five wrong passwords lock the account
        for _ in range(MAX_FAILED_LOGINS):
            with contextlib.suppress(LoginFailed, AccountLocked):
                AuthService(ctx).login("zhanghua", "wrong password")
    listing = demo("user", "list")[1]
    assert "已锁定" in next(line for line in listing.splitlines() if line.startswith("zhanghua"))

    code, out, _err = demo("user", "reset-password", "zhanghua", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0 and "已重置 zhanghua 的密码" in out
    with opened(data_dir) as ctx:
        actor = AuthService(ctx).login("zhanghua", PASSWORD)
        assert AuthService(ctx).must_change_password(actor)
    assert "已锁定" not in demo("user", "list")[1]


def test_disabling_the_last_admin_is_refused(demo: Run, db_path: Path) -> None:
    code, _out, err = demo("user", "disable", "admin")
    assert code == 1 and "唯一启用的管理员" in one_error_line(err)
    assert rows(db_path, "SELECT active FROM staff WHERE username = 'admin'") == [(1,)]


def test_unknown_user_is_one_line(demo: Run) -> None:
    for action in ("disable", "enable", "reset-password"):
        code, _out, err = demo("user", action, "nobody", "--password-stdin", stdin=PASSWORD + "\n") \
            if action == "reset-password" else demo("user", action, "nobody")
        assert code == 1 and one_error_line(err).startswith("desk: 用户名: 找不到")


def test_user_list_shows_last_login_in_the_base_zone(demo: Run, data_dir: Path) -> None:
    with opened(data_dir, FixedClock(dt.datetime(2026, 3, 1, 2, 30, tzinfo=dt.UTC))) as ctx:
        AuthService(ctx).login("chenjing", DEMO_PASSWORD)
    out = demo("user", "list")[1]
    line = next(line for line in out.splitlines() if line.startswith("chenjing"))
    assert line.endswith("2026-03-01 10:30")  # 02:30 UTC is 10:30 in Asia/Shanghai
    assert next(line for line in out.splitlines() if line.startswith("admin")).endswith("-")


def test_unknown_base_is_one_line(demo: Run) -> None:
    code, _out, err = demo("user", "list", "--base", "ZZ")
    assert code == 1 and one_error_line(err).startswith("desk: 基地代码: 找不到")
    assert demo("user", "list", "--base", "mh")[0] == 0


# --- backup, restore ---------------------------------------------------------------------------------------------

def test_backup_restore_round_trip(demo: Run, db_path: Path, tmp_path: Path) -> None:
    code, out, err = demo("backup", str(tmp_path / "usb") + os.sep)
    assert (code, err) == (0, "")
    backup = Path(out.strip().split(" ", 1)[1])
    assert backup.parent == tmp_path / "usb" and backup.is_file()
    assert demo("user", "add", "newcomer", "--role", "desk", "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    assert "newcomer" in usernames(db_path)

    code, out, err = demo("restore", str(backup), "--yes")
    assert (code, err) == (0, "")
    assert "检查通过" in out and "已从" in out
    assert "newcomer" not in demo("user", "list")[1]
    assert "newcomer" not in usernames(db_path)
    safety = Path(re.findall(r"恢复前的数据已备份到 (.+)。", out)[0])
    assert "newcomer" in usernames(safety)  # what the restore replaced is kept
    code, out, _err = demo("check")
    assert code == 0 and out.startswith("OK: ")


def test_backup_to_the_default_folder_and_refusing_to_overwrite(demo: Run, data_dir: Path, db_path: Path) -> None:
    code, out, _err = demo("backup")
    path = Path(out.strip().split(" ", 1)[1])
    assert code == 0 and path.parent == data_dir / "backups" and path.name.startswith("manual-")
    assert usernames(path) == usernames(db_path)
    code, _out, err = demo("backup", str(path))
    assert code == 1 and "已存在" in one_error_line(err)
    code, _out, err = demo("backup", str(db_path))
    assert code == 1 and "已存在" in one_error_line(err)
    assert usernames(db_path) == {username for username, *_ in DEMO_STAFF}


def test_restore_of_a_garbage_file_leaves_the_database_alone(demo: Run, db_path: Path, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database at all" * 100)
    before = rows(db_path, "SELECT seq, hash FROM audit_event")
    code, _out, err = demo("restore", str(garbage), "--yes")
    assert code == 1
    assert "损坏" in one_error_line(err) and str(garbage) in err
    assert rows(db_path, "SELECT seq, hash FROM audit_event") == before
    assert usernames(db_path) == {username for username, *_ in DEMO_STAFF}


def test_restore_of_a_foreign_sqlite_file_is_refused(demo: Run, db_path: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "shop.sqlite3"
    with contextlib.closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE goods (name TEXT)")
        conn.commit()
    code, _out, err = demo("restore", str(foreign), "--yes")
    assert code == 1 and "不是红色港湾前台的数据库" in one_error_line(err)
    assert usernames(db_path) == {username for username, *_ in DEMO_STAFF}


def test_restore_asks_on_a_terminal_and_refuses_without_one(demo: Run, db_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    backup = Path(demo("backup")[1].strip().split(" ", 1)[1])
    assert demo("user", "add", "keeper", "--role", "desk", "--password-stdin", stdin=PASSWORD + "\n")[0] == 0

    code, _out, err = demo("restore", str(backup))  # no terminal, no --yes
    assert code == 1 and "--yes" in one_error_line(err)
    assert "keeper" in usernames(db_path)

    monkeypatch.setattr(builtins, "input", lambda _question="": "n")
    code, out, _err = demo("restore", str(backup), stdin=Terminal())
    assert code == 1 and "已取消" in out
    assert "keeper" in usernames(db_path)

    monkeypatch.setattr(builtins, "input", lambda _question="": "y")
    assert demo("restore", str(backup), stdin=Terminal())[0] == 0
    assert "keeper" not in usernames(db_path)


def test_backup_and_restore_on_postgresql_point_to_pg_dump(run: Run) -> None:
    url = "postgresql://desk:s3cret-pw@db.example:5432/desk"
    code, out, err = run("backup", "--db", url)
    assert code == 1
    assert "pg_dump" in one_error_line(err)
    assert out.strip() == 'pg_dump -Fc -f desk.dump "postgresql://desk:***@db.example:5432/desk"'
    code, out, err = run("restore", "x.dump", "--db", url)
    assert code == 1 and "pg_restore" in out and "s3cret" not in out + err


# --- check ---------------------------------------------------------------------------------------------------

def test_check_passes_on_a_healthy_database_and_fails_after_tampering(demo: Run, db_path: Path) -> None:
    code, out, err = demo("check")
    assert (code, err) == (0, "")
    assert re.fullmatch(r"OK: \d+ 项检查全部通过。\n", out)

    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("UPDATE audit_event SET summary = 'nothing happened' WHERE seq = 1")
        conn.commit()
    code, out, _err = demo("check")
    assert code == 1
    assert out.splitlines() == ["audit_chain: audit event 1 was changed after it was written"]


# --- the database as a whole -------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [("check",), ("user", "list"), ("backup",), ("restore", "x.sqlite3", "--yes"),
                                     ("user", "disable", "admin")])
def test_missing_database_is_one_line_and_creates_nothing(run: Run, data_dir: Path, command: tuple[str, ...]) -> None:
    code, out, err = run(*command)
    assert code == 1 and out == ""
    line = one_error_line(err)
    assert "找不到数据库" in line and "desk init" in line
    assert not (data_dir / DB_FILE_NAME).exists()


def test_an_empty_file_is_not_silently_turned_into_a_database(run: Run, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    code, _out, err = run("user", "list")
    assert code == 1 and "desk init" in one_error_line(err)
    assert db_path.stat().st_size == 0


@pytest.mark.parametrize("command", [("check",), ("user", "list"), ("init",)])
def test_garbage_file_as_db_is_one_line(run: Run, tmp_path: Path, command: tuple[str, ...]) -> None:
    garbage = tmp_path / "notes.sqlite3"
    content = "会议记录：周五大扫除。\n".encode() * 200
    garbage.write_bytes(content)
    code, _out, err = run(*command, "--db", str(garbage))
    assert code == 1
    assert "损坏" in one_error_line(err)
    assert garbage.read_bytes() == content


def test_locked_database_is_one_line(demo: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")
        code, _out, err = demo("user", "add", "waiting", "--role", "desk", "--password-stdin", stdin=PASSWORD + "\n")
        other.execute("ROLLBACK")
    assert code == 1
    assert "正被其他程序占用" in one_error_line(err)
    assert "waiting" not in usernames(db_path)


def test_newer_database_is_refused_untouched(demo: Run, db_path: Path, data_dir: Path) -> None:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    for command in (("check",), ("init",), ("user", "list")):
        code, _out, err = demo(*command)
        assert code == 1
        assert "更新版本" in one_error_line(err)
    assert rows(db_path, "SELECT version_num FROM alembic_version") == [("9999",)]
    assert not (data_dir / "backups").exists()


def test_foreign_sqlite_database_is_refused(run: Run, tmp_path: Path) -> None:
    foreign = tmp_path / "shop.sqlite3"
    with contextlib.closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE goods (name TEXT)")
        conn.commit()
    code, _out, err = run("init", "--db", str(foreign))
    assert code == 1 and "不是红色港湾前台的数据库" in one_error_line(err)
    assert rows(foreign, "SELECT name FROM sqlite_master WHERE type = 'table'") == [("goods",)]


def test_unreachable_postgresql_is_one_line_without_the_password(run: Run) -> None:
    code, _out, err = run("user", "list", "--db", "postgresql://desk:s3cret-pw@127.0.0.1:1/desk")
    assert code == 1
    line = one_error_line(err)
    assert "无法连接数据库" in line and "desk:***@127.0.0.1:1/desk" in line
    assert "s3cret" not in err


def test_unknown_database_driver_is_one_line(run: Run) -> None:
    code, _out, err = run("check", "--db", "nosuchdb://user:s3cret-pw@host/desk")
    assert code == 1 and "无法连接数据库" in one_error_line(err) and "s3cret" not in err


def test_environment_variables_choose_the_database(run: Run, monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "desk.sqlite3"
    monkeypatch.setenv("DESK_DB", str(other))
    assert run("init")[0] == 0
    assert other.is_file() and not (run.data_dir / DB_FILE_NAME).exists()
    code, _out, err = run("check", "--db", str(tmp_path / "missing.sqlite3"))  # --db wins over DESK_DB
    assert code == 1 and "missing.sqlite3" in one_error_line(err)


def test_keyboard_interrupt_exits_130(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_check", interrupted)
    code, _out, err = run("check")
    assert code == 130
    assert err.strip().splitlines() == ["desk: 已中断 (interrupted)"]


QM = TRANSLATIONS_DIR / "desk_en.qm"


@pytest.mark.skipif(not QM.exists(), reason="the English translation (desk_en.qm) has not been built yet")
def test_desk_language_en_switches_the_wording(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_LANGUAGE", "en")
    code, _out, err = run("check")
    assert code == 1
    line = one_error_line(err)
    assert "desk init" in line and not CJK.search(line)


def test_gui_is_the_default_command(run: Run, monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    import desk.app

    calls: list[tuple[object, object]] = []

    def fake_run_gui(location: object, base_code: object = None) -> int:
        calls.append((location, base_code))
        return 7

    monkeypatch.setattr(desk.app, "run_gui", fake_run_gui)
    assert cli.main(["--data-dir", str(data_dir), "--base", "MH"]) == 7
    assert cli.main(["gui", "--data-dir", str(data_dir)]) == 7
    assert [(getattr(loc, "data_dir", None), code) for loc, code in calls] == [(data_dir, "MH"), (data_dir, None)]
    assert not data_dir.exists()  # opening the window is the window's business, not the command's


# --- real processes ----------------------------------------------------------------------------------------------

def _desk_script() -> list[str]:
    script = Path(sys.executable).parent / ("desk.exe" if os.name == "nt" else "desk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "desk"]


def _process(command: list[str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DESK_DB", "DESK_DATA_DIR", "DESK_LANGUAGE"}}
    return subprocess.run([*command, *args], input=stdin, capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=120)


def test_real_processes_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    script, module = _desk_script(), [sys.executable, "-m", "desk"]

    missing = _process(script, "check", *data)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert len(missing.stderr.splitlines()) == 1 and "desk init" in missing.stderr
    assert not (tmp_path / "data").exists()

    usage = _process(module, "user", "add", "someone", "--role", "boss", *data)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr and "invalid choice" in usage.stderr

    assert _process(module, "init", "--demo", *data).returncode == 0
    added = _process(script, "user", "add", "piped", "--role", "desk", "--password-stdin", *data,
                     stdin=PASSWORD + "\n")
    assert (added.returncode, added.stderr) == (0, "")
    again = _process(script, "user", "add", "piped", "--role", "desk", "--password-stdin", *data,
                     stdin=PASSWORD + "\n")
    assert again.returncode == 1 and "Traceback" not in again.stderr and len(again.stderr.splitlines()) == 1
    checked = _process(script, "check", *data)
    assert checked.returncode == 0 and checked.stdout.startswith("OK: ")


def test_importing_the_command_loads_no_heavy_library() -> None:
    probe = ("import sys, desk.cli; heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
             "{'sqlalchemy', 'alembic', 'PySide6', 'argon2', 'reportlab'}); print(heavy)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
