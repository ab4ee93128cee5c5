"""`desk voucher` and `desk keys` in-process on temp data folders (SQLite): what they print, their exit codes and
what they leave in the database and the key folders. The round trip: issue through the service → `voucher slip`
writes the PDF → its QR decoded → `voucher verify` → `voucher redeem` (exit 0) → `voucher redeem` again (exit 1).
Every refusal is one line on stderr, a non-zero exit and nothing changed."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from booking_fixtures import person
from sqlalchemy import insert

from desk import cli
from desk.domain.clock import Clock, FixedClock, SystemClock
from desk.domain.staff import COMMAND_LINE
from desk.domain.voucher_code import serial_code
from desk.domain.voucher_payload import Payload, sign
from desk.domain.vouchers import VoucherStatus
from desk.services.context import ServiceContext
from desk.services.points import PointsService, new_key
from desk.services.startup import open_database
from desk.services.voucher_keys import VoucherKeys
from desk.services.vouchers import Issued, VoucherService
from desk.storage.location import DB_FILE_NAME, resolve
from desk.storage.models import Merchant, Reward

# The wording needs Qt's translators; an offscreen application keeps the test independent of a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHOP, TEA = "汇上佳超市", "蜜语奶茶"
MEMBER_NAME = "张伟明"
ZONE = dt.timezone(dt.timedelta(hours=8))  # the base's (Asia/Shanghai)
pytestmark = pytest.mark.usefixtures("cli_process")  # see tests/conftest.py


class Run:
    """`desk ARGS --data-dir <folder>` in this process: exit code, stdout and stderr."""

    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
        self._capsys, self._monkeypatch, self.data_dir = capsys, monkeypatch, data_dir

    def __call__(self, *args: str, data_dir: Path | None = None, stdin: str = "") -> tuple[int, str, str]:
        self._capsys.readouterr()
        self._monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = cli.main([*args, "--data-dir", str(data_dir or self.data_dir)])
        out, err = self._capsys.readouterr()
        return code, out, err


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "desk-a"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Run:
    return Run(capsys, monkeypatch, data_dir)


@contextlib.contextmanager
def opened(data_dir: Path, clock: Clock | None = None, db: str | None = None) -> Iterator[ServiceContext]:
    ctx, _result = open_database(resolve(db, data_dir), clock or SystemClock(), create=False)
    try:
        yield ctx
    finally:
        ctx.db.dispose()


@dataclass(frozen=True)
class Station:
    """A base with two merchants, a reward at each and a member with points; vouchers are issued on demand."""

    data_dir: Path
    shop: int
    tea: int
    rice: int  # 汇上佳超市's reward
    milk_tea: int  # 蜜语奶茶's reward
    member: int

    def issue(self, reward: int | None = None, clock: Clock | None = None) -> Issued:
        with opened(self.data_dir, clock) as ctx:
            return VoucherService(ctx).issue(COMMAND_LINE, self.member, reward or self.rice, new_key())

    def status(self, voucher_id: int) -> str:
        return str(rows(self.data_dir, f"SELECT status FROM voucher WHERE id = {voucher_id}")[0][0])

    def state(self) -> tuple[object, ...]:
        """What any refused or read-only command must leave as it was."""
        return (rows(self.data_dir, "SELECT id, status, redeemed_at, reprints FROM voucher ORDER BY id"),
                rows(self.data_dir, "SELECT count(*) FROM audit_event"),
                rows(self.data_dir, "SELECT balance FROM member"))


@pytest.fixture
def station(run: Run, data_dir: Path) -> Station:
    code, _out, err = run("init", "--base-name", "明华红色港湾党群服务基地", "--base-code", "MH")
    assert (code, err) == (0, "")
    with opened(data_dir) as ctx:
        now = ctx.clock.now()
        with ctx.db.write() as s:
            shop, tea = (s.execute(insert(Merchant).returning(Merchant.id), {
                "name": name, "active": True, "created_at": now, "address": address}).scalar_one()
                for name, address in ((SHOP, "明华商圈中心广场 1 号楼"), (TEA, "明华商圈中心广场 3 号楼")))
            rice, milk_tea = (s.execute(insert(Reward).returning(Reward.id), {
                "merchant_id": merchant, "title": title, "terms": "不找零，不兑现金", "points": points,
                "face_value_fen": face, "stock": None, "monthly_limit": None, "validity_days": 30, "active": True,
                "created_at": now}).scalar_one()
                for merchant, title, points, face in ((shop, "满50减10", 10, 1000), (tea, "奶茶一杯", 8, 1200)))
        points = PointsService(ctx)
        member = points.join(COMMAND_LINE, person(ctx, COMMAND_LINE, MEMBER_NAME)).id
        points.earn(COMMAND_LINE, member, 200, "社区便民服务日", new_key())
    return Station(data_dir, shop, tea, rice, milk_tea, member)


def rows(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(data_dir / DB_FILE_NAME)) as conn:
        return conn.execute(sql).fetchall()


PASSPHRASE = "港湾 desk 2026"


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("desk: ")
    assert "Traceback" not in err
    return lines[0]


def decoded_qr(pdf: Path, tmp_path: Path) -> str | None:
    """The QR text of a slip as a scanner reads it from the printed page (203 dpi), or None without poppler."""
    if shutil.which("pdftoppm") is None:
        return None
    import zxingcpp
    from PIL import Image

    prefix = tmp_path / "scan"
    subprocess.run(["pdftoppm", "-r", "203", "-png", "-singlefile", str(pdf), str(prefix)], check=True)
    codes = zxingcpp.read_barcodes(Image.open(prefix.with_suffix(".png")))
    assert len(codes) == 1
    return str(codes[0].text)


def typo(code: str) -> str:
    """The serial with one symbol replaced by another valid one: the check symbol catches it."""
    replacement = "X" if code[0] != "X" else "Y"
    return replacement + code[1:]


# --- the round trip ------------------------------------------------------------------------------------------

def test_issue_slip_verify_redeem_then_redeem_again(run: Run, station: Station, tmp_path: Path) -> None:
    issued = station.issue()
    code = issued.voucher.code
    pdf = tmp_path / "凭条.pdf"

    status, out, err = run("voucher", "slip", code, "-o", str(pdf))
    assert (status, err) == (0, "")
    assert code in out and str(pdf) in out and "重印" in out
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert rows(station.data_dir, f"SELECT reprints FROM voucher WHERE id = {issued.voucher.id}") == [(1,)]
    assert rows(station.data_dir, "SELECT action FROM audit_event ORDER BY seq DESC LIMIT 1") == [
        ("voucher_reprinted",)]
    # The reprint carries the same signed text as the first slip: the signature is deterministic.
    scanned = decoded_qr(pdf, tmp_path) or issued.slip.qr_text
    assert scanned == issued.slip.qr_text

    before = station.state()
    status, out, err = run("voucher", "verify", scanned)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"兑换券 {code}：{SHOP} 满50减10，10 积分，面值 ¥10.00。",
        f"会员 张*明 {issued.voucher.member_no}，{issued.voucher.issued_at.astimezone(ZONE).date()} 发券，"
        f"有效期至 {issued.voucher.expires_on}，状态：未使用。",
        "可以核销。",
    ]
    assert station.state() == before  # verify changes nothing

    status, out, err = run("voucher", "redeem", scanned)
    assert (status, err) == (0, "")
    assert out == f"已核销兑换券 {code}：{SHOP} 满50减10，10 积分，会员 张*明。\n"
    assert station.status(issued.voucher.id) == "redeemed"

    after = station.state()
    status, out, err = run("voucher", "redeem", scanned)
    assert status == 1 and out == ""
    line = one_error_line(err)
    assert line.startswith("desk: 未核销：这张券已于 ") and f"在 {SHOP} 核销过（命令行）" in line
    assert station.state() == after

    status, out, _err = run("voucher", "verify", code)
    assert status == 1 and out.splitlines()[-1].startswith("这张券已于 ")


# --- list ----------------------------------------------------------------------------------------------------

def test_list_shows_masked_members_newest_first_and_filters(run: Run, station: Station) -> None:
    first, second = station.issue(), station.issue(station.milk_tea)
    third = station.issue()
    with opened(station.data_dir) as ctx:
        VoucherService(ctx).void(COMMAND_LINE, third.voucher.id, "会员改选其他商品")

    status, out, err = run("voucher", "list")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["券码", "状态", "商家", "兑换内容", "积分", "会员", "发券日期", "有效期至", "核销或作废"]
    assert [line.split()[0] for line in lines[2:]] == [third.voucher.code, second.voucher.code, first.voucher.code]
    assert "已作废" in lines[2] and "会员改选其他商品" in lines[2]
    assert MEMBER_NAME not in out and "张*明" in out

    status, out, _err = run("voucher", "list", "--status", "issued", "--merchant", SHOP)
    assert status == 0 and [line.split()[0] for line in out.splitlines()[2:]] == [first.voucher.code]
    status, out, _err = run("voucher", "list", "--merchant", str(station.tea))
    assert status == 0 and [line.split()[0] for line in out.splitlines()[2:]] == [second.voucher.code]
    status, out, _err = run("voucher", "list", "--limit", "1")
    assert status == 0 and [line.split()[0] for line in out.splitlines()[2:]] == [third.voucher.code]
    status, out, _err = run("voucher", "list", "--status", "redeemed")
    assert (status, out) == (0, "没有符合条件的兑换券。\n")


def test_list_json_has_the_same_keys_in_every_row(run: Run, station: Station) -> None:
    issued = station.issue()
    station.issue(station.milk_tea)
    with opened(station.data_dir) as ctx:
        VoucherService(ctx).redeem(COMMAND_LINE, issued.voucher.code)

    status, out, err = run("voucher", "list", "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert [list(row) for row in data] == [KEYS, KEYS]
    newest, oldest = data
    assert (newest["merchant"], newest["face_value"], newest["status"], newest["redeemed_at"]) == (
        TEA, "12.00", "issued", None)
    assert (oldest["code"], oldest["status"], oldest["member"], oldest["points"]) == (
        issued.voucher.code, "redeemed", "张*明", 10)
    assert dt.datetime.fromisoformat(oldest["redeemed_at"]).utcoffset() == dt.timedelta(hours=8)
    assert MEMBER_NAME not in out

    status, out, _err = run("voucher", "list", "--json", "--status", "void")
    assert (status, json.loads(out)) == (0, [])


KEYS = ["id", "code", "status", "merchant_id", "merchant", "reward", "points", "face_value", "member_no", "member",
        "issued_at", "expires_on", "redeemed_at", "redeemed_by", "void_reason", "reprints", "settled"]


def test_list_refuses_a_bad_limit_or_an_unknown_merchant(run: Run, station: Station) -> None:
    status, _out, err = run("voucher", "list", "--limit", "0")
    assert status == 1 and "--limit" in one_error_line(err)
    status, _out, err = run("voucher", "list", "--merchant", "没有这家店")
    assert status == 1 and "没有编号或名称为 没有这家店 的联盟商家" in one_error_line(err)
    with pytest.raises(SystemExit) as exited:
        run("voucher", "list", "--status", "used")
    assert exited.value.code == 2


# --- verify and redeem: every way a code is refused -------------------------------------------------------------

def _expired(station: Station) -> str:
    long_ago = FixedClock(dt.datetime.now(dt.UTC) - dt.timedelta(days=45))
    return station.issue(clock=long_ago).voucher.code


def _voided(station: Station) -> str:
    issued = station.issue()
    with opened(station.data_dir) as ctx:
        VoucherService(ctx).void(COMMAND_LINE, issued.voucher.id, "打印机卡纸，作废重开")
    return issued.voucher.code


def _other_key(station: Station) -> str:
    """A well-formed slip of this base signed with a key this station does not know."""
    issued = station.issue()
    stranger = VoucherKeys(station.data_dir.parent / "elsewhere").current()
    return sign(Payload(issued.voucher.id, "MH", station.shop, issued.voucher.expires_on, stranger.key_id),
                stranger.private_key)


def _tampered(station: Station) -> str:
    text = station.issue().slip.qr_text
    middle = len(text) // 2
    return text[:middle] + ("A" if text[middle] != "A" else "B") + text[middle + 1:]


REFUSALS = {
    "expired": (_expired, "这张券已过期：有效期到 "),
    "voided": (_voided, "这张券已作废（打印机卡纸，作废重开），不能使用。"),
    "wrong_merchant": (lambda st: station_code(st), f"这张券只能在 {SHOP} 使用，不能在 {TEA} 核销。"),
    "typo": (lambda st: typo(st.issue().voucher.code), "券码有误：有一位输错或两位颠倒了"),
    "tampered": (_tampered, "不是真券"),
    "other_key": (_other_key, "不是本基地认识的券：签名密钥 "),
    "not_a_voucher": (lambda st: "https://weixin.qq.com/r/abcdef", "这不是券码"),
    "unknown_serial": (lambda st: serial_code(987_654), "没有这张券"),
    "long_text": (lambda st: "RHV1:" + "A" * 10_000, "这不是兑换券的二维码"),
}


def station_code(station: Station) -> str:
    return station.issue().voucher.code


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_verify_says_why_a_code_cannot_be_redeemed_and_changes_nothing(run: Run, station: Station,
                                                                        case: str) -> None:
    make, expected = REFUSALS[case]
    text = make(station)
    merchant = ["--merchant", TEA] if case == "wrong_merchant" else []
    before = station.state()
    status, out, err = run("voucher", "verify", text, *merchant)
    assert (status, err) == (1, "")
    assert expected in out.splitlines()[-1]
    assert station.state() == before


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_redeem_refuses_in_one_line_and_changes_nothing(run: Run, station: Station, case: str) -> None:
    make, expected = REFUSALS[case]
    text = make(station)
    merchant = ["--merchant", TEA] if case == "wrong_merchant" else []
    before = station.state()
    status, out, err = run("voucher", "redeem", text, *merchant)
    assert status == 1 and out == ""
    line = one_error_line(err)
    assert line.startswith("desk: 未核销：") and expected in line
    assert station.state() == before


def test_redeem_a_typed_serial_at_its_merchant_named_by_name(run: Run, station: Station) -> None:
    issued = station.issue()
    status, out, err = run("voucher", "redeem", issued.voucher.code.lower().replace("-", " "), "--merchant", SHOP)
    assert (status, err) == (0, "") and issued.voucher.code in out
    assert station.status(issued.voucher.id) == "redeemed"


def test_an_empty_code_is_one_line(run: Run, station: Station) -> None:
    for action in ("verify", "redeem", "slip"):
        extra = ["-o", "x.pdf"] if action == "slip" else []
        status, _out, err = run("voucher", action, "  ", *extra)
        assert status == 1 and "请给出券码" in one_error_line(err)


def test_voucher_commands_without_a_database_are_one_line(run: Run, data_dir: Path) -> None:
    for args in (("voucher", "list"), ("voucher", "verify", "HY7K-3M9Q"), ("voucher", "redeem", "HY7K-3M9Q")):
        status, out, err = run(*args)
        assert status == 1 and out == "" and "desk init" in one_error_line(err)
    assert not (data_dir / DB_FILE_NAME).exists()


# --- slip ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", ["80mm", "58mm", "a4"])
def test_slip_in_each_layout(run: Run, station: Station, tmp_path: Path, layout: str) -> None:
    issued = station.issue()
    pdf = tmp_path / f"slip-{layout}.pdf"
    status, out, err = run("voucher", "slip", issued.slip.qr_text, "-o", str(pdf), "--layout", layout)
    assert (status, err) == (0, "") and layout in out
    assert pdf.read_bytes().startswith(b"%PDF-")
    if layout != "a4":
        assert decoded_qr(pdf, tmp_path) in (None, issued.slip.qr_text)


def test_slip_refusals_write_nothing(run: Run, station: Station, tmp_path: Path) -> None:
    issued = station.issue()
    code = issued.voucher.code
    cases = [
        (("-o", str(tmp_path / "slip.png")), "只能写成 .pdf 文件"),
        (("-o", str(tmp_path / "no-such-folder" / "slip.pdf")), "不存在"),
        (("-o", str(tmp_path)), "是文件夹"),
    ]
    for args, expected in cases:
        status, _out, err = run("voucher", "slip", code, *args)
        assert status == 1 and expected in one_error_line(err)
    with opened(station.data_dir) as ctx:
        VoucherService(ctx).redeem(COMMAND_LINE, code)
    before = station.state()
    status, _out, err = run("voucher", "slip", code, "-o", str(tmp_path / "slip.pdf"))
    assert status == 1 and "状态是“已核销”，只有未使用的券才能重印凭条" in one_error_line(err)
    status, _out, err = run("voucher", "slip", typo(code), "-o", str(tmp_path / "slip.pdf"))
    assert status == 1 and "券码有误" in one_error_line(err)
    assert station.state() == before
    assert not list(tmp_path.glob("slip*"))


# --- keys ----------------------------------------------------------------------------------------------------

def test_keys_list_before_any_key(run: Run, tmp_path: Path) -> None:
    status, out, err = run("keys", "list", data_dir=tmp_path / "new")
    assert (status, err) == (0, "") and "还没有兑换券签名密钥" in out


def test_desks_share_the_signing_key_and_a_merchant_station_only_verifies(run: Run, station: Station,
                                                                         tmp_path: Path) -> None:
    issued = station.issue()  # the first issue made this desk's signing key
    db = str(station.data_dir / DB_FILE_NAME)
    private, public = tmp_path / "desk-key.json", tmp_path / "public.json"

    status, out, err = run("keys", "export", str(private), "--private")  # no terminal to ask at
    assert status == 1 and "--passphrase-stdin" in one_error_line(err) and not private.exists()
    status, out, err = run("keys", "export", str(private), "--private", "--passphrase-stdin", stdin="太短了\n")
    assert status == 1 and "口令至少要 10 个字符" in one_error_line(err) and not private.exists()
    status, out, err = run("keys", "export", str(private), "--private", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert status == 0 and str(private) in out and "用口令加密" in out
    assert one_error_line(err).startswith("desk: 注意：这个文件含加密的签名私钥")
    assert "PRIVATE" not in private.read_text()
    if os.name == "posix":
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
    status, _out, err = run("keys", "export", str(public))
    assert (status, err) == (0, "") and "PRIVATE" not in public.read_text()

    # Another desk of the base: the same database, its own data folder.
    second = tmp_path / "desk-b"
    for extra, expected in (((), "--passphrase-stdin"), (("--passphrase-stdin",), "口令不对")):
        status, out, err = run("keys", "import", str(private), *extra, "--db", db, data_dir=second,
                               stdin="港湾 desk 2025\n")
        assert status == 1 and expected in one_error_line(err)
        assert not (second / "keys").exists()
    status, out, err = run("keys", "import", str(private), "--passphrase-stdin", "--db", db, data_dir=second,
                           stdin=PASSPHRASE + "\n")
    assert (status, err) == (0, "") and "本机今后用签名密钥" in out
    again = tmp_path / "again.pdf"
    status, _out, err = run("voucher", "slip", issued.voucher.code, "-o", str(again), "--db", db, data_dir=second)
    assert (status, err) == (0, "")
    assert decoded_qr(again, tmp_path) in (None, issued.slip.qr_text)

    # A merchant station: public keys only.
    merchant = tmp_path / "merchant"
    status, out, err = run("keys", "import", str(public), "--db", db, data_dir=merchant)
    assert (status, err) == (0, "") and "本机只有公钥：可以验券和核销，不能发券。" in out
    status, out, _err = run("keys", "list", data_dir=merchant)
    signing = VoucherKeys(station.data_dir).keys()[0].key_id
    assert status == 0 and out.splitlines()[2].split() == [signing, "只验证已发的券", "无"]
    status, out, _err = run("voucher", "verify", issued.slip.qr_text, "--db", db, data_dir=merchant)
    assert status == 0 and out.endswith("可以核销。\n")
    for args, expected in ((("voucher", "slip", issued.voucher.code, "-o", str(tmp_path / "m.pdf"), "--db", db),
                            "本机只有公钥，不能签发或重印兑换券"),
                           (("keys", "export", str(tmp_path / "m.json"), "--private"), "没有签名私钥可以导出"),
                           (("keys", "rotate"), "本机只有公钥，不能生成签名密钥")):
        status, _out, err = run(*args, data_dir=merchant)
        assert status == 1 and expected in one_error_line(err)
    status, out, err = run("voucher", "redeem", issued.slip.qr_text, "--merchant", SHOP, "--db", db, data_dir=merchant)
    assert (status, err) == (0, "")


def test_rotation_keeps_old_slips_valid_and_merchants_need_the_new_key(run: Run, station: Station,
                                                                       tmp_path: Path) -> None:
    old = station.issue()
    merchant, db = tmp_path / "merchant", str(station.data_dir / DB_FILE_NAME)
    public = tmp_path / "public-1.json"
    assert run("keys", "export", str(public))[0] == 0
    assert run("keys", "import", str(public), "--db", db, data_dir=merchant)[0] == 0

    status, out, err = run("keys", "rotate")
    assert (status, err) == (0, "") and "已生成新的签名密钥" in out and "只留公钥" in out
    new = station.issue()
    status, out, _err = run("voucher", "verify", old.slip.qr_text)
    assert status == 0 and out.endswith("可以核销。\n")
    status, out, _err = run("voucher", "verify", new.slip.qr_text, "--db", db, data_dir=merchant)
    assert status == 1 and "签名密钥" in out and "desk keys import" in out

    fresh = tmp_path / "public-2.json"
    assert run("keys", "export", str(fresh))[0] == 0
    status, out, _err = run("keys", "import", str(fresh), "--db", db, data_dir=merchant)
    assert status == 0 and "已导入新密钥（1 个）" in out
    status, _out, _err = run("voucher", "verify", new.slip.qr_text, "--db", db, data_dir=merchant)
    assert status == 0


def test_key_files_that_are_refused(run: Run, station: Station, tmp_path: Path) -> None:
    station.issue()
    keys_folder = station.data_dir / "keys"
    before = sorted(p.name for p in keys_folder.iterdir())
    garbage = tmp_path / "garbage.json"
    garbage.write_text('{"format": "something else"}', encoding="utf-8")
    cases = (
        (("keys", "import", str(garbage)), "不是有效的兑换券密钥文件"),
        (("keys", "import", str(tmp_path / "missing.json")), "找不到文件"),
        (("keys", "export", str(garbage)), "已存在，未覆盖"),
        (("keys", "export", str(tmp_path / "no-such-folder" / "k.json")), "不存在"),
    )
    for args, expected in cases:
        status, out, err = run(*args)
        assert status == 1 and out == "" and expected in one_error_line(err)
    assert sorted(p.name for p in keys_folder.iterdir()) == before
    assert garbage.read_text(encoding="utf-8") == '{"format": "something else"}'


# --- on the demo ---------------------------------------------------------------------------------------------

def test_demo_vouchers_from_the_command_line(run: Run) -> None:
    status, out, err = run("init", "--demo")
    assert (status, err) == (0, "")
    assert "兑换券：10 个兑换项目，已发 " in out
    status, out, _err = run("voucher", "list", "--status", "void", "--json")
    voided = json.loads(out)
    assert status == 0 and voided and all(row["void_reason"] for row in voided)
    status, out, _err = run("voucher", "list", "--status", "redeemed", "--merchant", SHOP, "--json")
    redeemed = json.loads(out)
    assert status == 0 and redeemed and {row["redeemed_by"] for row in redeemed} == {"汇上佳收银员"}
    status, out, _err = run("voucher", "verify", redeemed[0]["code"])
    assert status == 1 and "汇上佳收银员" in out.splitlines()[-1]
    unused = json.loads(run("voucher", "list", "--status", "issued", "--json")[1])
    status, out, err = run("voucher", "redeem", unused[0]["code"])
    assert (status, err) == (0, "")
    assert run("check")[0] == 0
    assert [row[0] for row in rows(run.data_dir, "SELECT status FROM voucher WHERE id = "
                                                 f"{unused[0]['id']}")] == [VoucherStatus.REDEEMED.value]


def test_the_layouts_offered_are_the_slip_layouts() -> None:
    from desk.printing.voucher_slip import SlipLayout

    assert cli.SLIP_LAYOUTS == tuple(layout.value for layout in SlipLayout)
    assert cli.SLIP_LAYOUTS[0] == SlipLayout.RECEIPT_80.value
