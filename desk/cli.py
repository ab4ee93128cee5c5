"""The `desk` command: the window by default, and the administrator's subcommands
(init, user, backup, restore, check, export, report, purge, voucher, keys).

Subcommands act as the command line actor: whoever holds the data folder already holds the data. An expected
failure prints one translated line on stderr and exits 1; a usage error exits 2 (argparse). The window's
start-up time includes importing this module, so only the standard library and the location module load here;
SQLAlchemy, Alembic and Qt load inside the command that needs them.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from desk import __version__
from desk.storage.location import Location, mask_url, resolve

if TYPE_CHECKING:
    from desk.domain.errors import DeskError
    from desk.domain.vouchers import VoucherStatus
    from desk.printing.register import VisitWords
    from desk.services.context import ServiceContext
    from desk.services.staff import StaffService
    from desk.services.voucher_keys import VoucherKeys
    from desk.services.vouchers import Verdict, VoucherRow, VoucherService
    from desk.storage.migrate import MigrationResult

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130
DEFAULT_BASE_CODE = "HG01"
# `desk export AREA`: the 台账 besides visits, and what their help calls them.
LEDGER_EXPORTS = {"bookings": ("预约台账", "bookings"), "charging": ("充电台账", "charging sessions"),
                  "ledger": ("积分流水台账", "points ledger"), "vouchers": ("兑换券台账", "vouchers")}
LEDGER_FORMATS = (".xlsx", ".csv", ".pdf")  # desk.services.ledger_exports.FORMATS, without importing it
LONGEST_EXPORT_DAYS = 366  # desk.services.exports.MAX_DAYS
_T = TypeVar("_T")


class Refused(Exception):
    """An expected failure only the command line has (no terminal to ask, data already there), worded."""


class Console:
    """How a command speaks: lines on stdout, problems on stderr, in the desk's language.

    Qt (for the translators) loads with the first words, after the work that may fail fast has been tried.
    """

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._app: object | None = None

    def translate(self, context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        """`QCoreApplication.translate` in the desk's language; called by that name so pyside6-lupdate finds
        the strings (context "Cli")."""
        from PySide6.QtCore import QCoreApplication

        self._speak()
        return QCoreApplication.translate(context, text, disambiguation, n)

    def _speak(self) -> None:
        if self._app is not None:
            return
        from PySide6.QtCore import QCoreApplication

        from desk.services.preferences import Preferences
        from desk.ui.i18n import apply_language

        # Translators need an application object; a window already running in this process has one.
        self._app = QCoreApplication.instance() or QCoreApplication([])
        apply_language(Preferences(self._data_dir).language)

    def error_line(self, error: DeskError) -> str:
        from desk.domain.errors import DatabaseUnreachable
        from desk.ui.wording import error_text, field_label

        self._speak()
        text = error_text(error)
        if isinstance(error, DatabaseUnreachable) and error.params.get("detail"):
            # The driver's reason (refused, unknown host, bad password) is what an administrator acts on.
            text += " (" + " ".join(str(error.params["detail"]).split()) + ")"
        label = field_label(error.field) if error.field else ""
        return f"{label}: {text}" if label else text

    @staticmethod
    def out(line: str = "") -> None:
        print(line, file=sys.stdout, flush=True)

    @staticmethod
    def err(line: str) -> None:
        """A problem, or news that is not the command's result: stdout stays clean for pipes."""
        print(f"desk: {line}", file=sys.stderr, flush=True)


# --- arguments ----------------------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    from desk.domain.staff import Role

    parser = argparse.ArgumentParser(
        prog="desk",
        description="红色港湾前台。不带子命令时打开窗口。(The front desk of a 红色港湾 base; "
                    "opens the window when no command is given.)",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_globals(parser, default=None)
    parser.add_argument("--version", action="version", version=f"desk {__version__}")
    parser.set_defaults(handler=_gui)

    # The global options are accepted after the subcommand too (`desk check --db x`): the subcommand's copy
    # only sets a value when given, so one given before the subcommand is kept.
    common = argparse.ArgumentParser(add_help=False)
    _add_globals(common, default=argparse.SUPPRESS)

    commands = parser.add_subparsers(title="子命令 (commands)", metavar="COMMAND")

    gui = commands.add_parser("gui", parents=[common], help="打开前台窗口，默认命令 (open the window; the default)",
                              description="打开前台窗口。(Open the front-desk window.)")
    gui.set_defaults(handler=_gui)

    init = commands.add_parser(
        "init", parents=[common], help="创建或升级数据库 (create or upgrade the database)",
        description="创建数据库，或把已有数据库升级到本程序的结构版本（升级前先自动备份）。"
                    "(Create the database, or upgrade an existing one after backing it up.)")
    seed = init.add_mutually_exclusive_group()
    seed.add_argument("--demo", action="store_true",
                      help="向空数据库装入演示数据并列出演示账户 (fill an empty database with demo data)")
    seed.add_argument("--base-name", metavar="NAME",
                      help="尚无基地时创建该基地，开放时间取默认值 (create the base if there is none yet)")
    init.add_argument("--base-code", metavar="CODE",
                      help=f"新基地的代码，默认 {DEFAULT_BASE_CODE} (code of the new base; "
                           f"default {DEFAULT_BASE_CODE})")
    init.set_defaults(handler=_init)

    user = commands.add_parser(
        "user", parents=[common],
        help="管理工作人员账户：add、list、disable、enable、reset-password (manage staff accounts)",
        description="管理工作人员账户。(Manage staff accounts.)")
    actions = user.add_subparsers(title="操作 (actions)", metavar="ACTION", required=True)

    add = actions.add_parser("add", parents=[common], help="添加账户 (add an account)",
                             description="添加工作人员账户；密码在终端输入两次，或用 --password-stdin 从标准输入读一行。"
                                         "(Add a staff account; the password is typed twice or read from "
                                         "stdin.)")
    add.add_argument("username", metavar="USERNAME", help="用户名 (username)")
    add.add_argument("--role", required=True, choices=[role.value for role in Role],
                     help="角色：admin 管理员、desk 前台、merchant 商户收银员 (role)")
    add.add_argument("--merchant", metavar="ID",
                     help="商户收银员所属联盟商家的编号或名称，merchant 角色必填 (merchant id or name; merchant role only)")
    add.add_argument("--display-name", metavar="NAME", help="姓名，默认同用户名 (display name; default the username)")
    add.add_argument("--password-stdin", action="store_true",
                     help="从标准输入读取一行作为密码 (read the password from one line of stdin)")
    add.set_defaults(handler=_user_add)

    listing = actions.add_parser("list", parents=[common], help="列出账户 (list accounts)",
                                 description="列出全部工作人员账户。(List all staff accounts.)")
    listing.set_defaults(handler=_user_list)

    for name, handler, text in (
        ("disable", _user_disable, "停用账户，停用后不能登录 (disable an account)"),
        ("enable", _user_enable, "重新启用账户 (enable an account again)"),
    ):
        action = actions.add_parser(name, parents=[common], help=text, description=text)
        action.add_argument("username", metavar="USERNAME", help="用户名 (username)")
        action.set_defaults(handler=handler)

    reset = actions.add_parser(
        "reset-password", parents=[common], help="重置密码并解除锁定 (reset a password and lift a lockout)",
        description="设置临时密码并解除登录锁定；本人下次登录时须改密码。"
                    "(Set a temporary password and lift a lockout; the owner changes it at the next login.)")
    reset.add_argument("username", metavar="USERNAME", help="用户名 (username)")
    reset.add_argument("--password-stdin", action="store_true",
                       help="从标准输入读取一行作为密码 (read the password from one line of stdin)")
    reset.set_defaults(handler=_user_reset_password)

    backup = commands.add_parser(
        "backup", parents=[common], help="备份数据库 (back up the database)",
        description="用 SQLite 在线备份复制数据库，其他前台可照常工作。PostgreSQL 请用 pg_dump。"
                    "(Copy the database with SQLite's online backup; use pg_dump for PostgreSQL.)")
    backup.add_argument("dest", metavar="DEST", nargs="?",
                        help="目标文件或文件夹，默认数据文件夹下的 backups/ (file or folder; default backups/ "
                             "in the data folder)")
    backup.set_defaults(handler=_backup)

    restore = commands.add_parser(
        "restore", parents=[common], help="从备份恢复数据库 (restore the database from a backup)",
        description="检查备份文件后用它替换数据库；替换前先备份当前数据。"
                    "(Check a backup, back the current data up, then replace the database with the backup.)")
    restore.add_argument("source", metavar="SRC", help="备份文件 (backup file)")
    restore.add_argument("--yes", action="store_true", help="不再询问确认 (do not ask for confirmation)")
    restore.set_defaults(handler=_restore)

    check = commands.add_parser(
        "check", parents=[common], help="检查数据库完整性、操作日志链和数据规则 (check integrity and invariants)",
        description="检查数据库文件、操作日志的哈希链和各项数据规则；全部通过退出码为 0，否则为 1。"
                    "(Check the file, the audit chain and every invariant; exit 0 when all hold, "
                    "1 otherwise.)")
    check.set_defaults(handler=_check)

    export = commands.add_parser(
        "export", parents=[common],
        help="导出数据：visits 到访、bookings 预约、charging 充电、ledger 积分流水、vouchers 兑换券 (export data)",
        description="导出数据，电话一律打码，每次导出都记入操作日志。(Export data; phones are always masked and "
                    "every export is audited.)")
    contents = export.add_subparsers(title="内容 (what)", metavar="WHAT", required=True)
    visits = contents.add_parser(
        "visits", parents=[common], help="到访记录，导出为 .xlsx 或 .csv (visits as .xlsx or .csv)",
        description="把一段日期（基地当地日期，含首尾两天）的到访记录按到达时间导出为 .xlsx 或 .csv 文件。"
                    "(Export the visits of a range of the base's local days, both included, in check-in order.)")
    visits.add_argument("--from", dest="from_day", metavar="YYYY-MM-DD", required=True,
                        help="开始日期 (first day)")
    visits.add_argument("--to", dest="to_day", metavar="YYYY-MM-DD", required=True,
                        help="结束日期，含当天 (last day, included)")
    visits.add_argument("-o", "--output", metavar="FILE", required=True,
                        help="目标文件，扩展名 .xlsx 或 .csv 决定格式 (file; .xlsx or .csv decides the format)")
    visits.set_defaults(handler=_export_visits)
    for area, (text, english) in LEDGER_EXPORTS.items():
        ledger = contents.add_parser(
            area, parents=[common], help=f"{text}，导出为 .xlsx、.csv 或 .pdf ({english} as .xlsx, .csv or .pdf)",
            description=f"把一段日期（基地当地日期，含首尾两天，最多 366 天）的{text}导出为 .xlsx、.csv 或 .pdf "
                        f"文件；电话打码，记入操作日志。(Export the register of {english} of a range of the base's "
                        "local days, both included, at most 366; phones masked; audited.)")
        ledger.add_argument("--from", dest="from_day", metavar="YYYY-MM-DD", required=True,
                            help="开始日期 (first day)")
        ledger.add_argument("--to", dest="to_day", metavar="YYYY-MM-DD", required=True,
                            help="结束日期，含当天 (last day, included)")
        ledger.add_argument("-o", "--output", metavar="FILE", required=True,
                            help="目标文件，扩展名 .xlsx、.csv 或 .pdf 决定格式 (file; .xlsx, .csv or .pdf decides "
                                 "the format)")
        ledger.set_defaults(handler=_export_ledger, area=area)

    purge = commands.add_parser(
        "purge", parents=[common],
        help="匿名化超过保留期限的群众姓名和电话 (anonymise visitors past the retention period)",
        description="把超过保留期限没有再来、也不是积分会员的群众的姓名和电话匿名化；到访记录和统计人数保留。"
                    "保留天数在窗口的“设置 → 个人信息保留”中设定。(Anonymise the name and phone of people who are "
                    "not points members and have not visited for the retention period; visits and counts stay.)")
    purge.add_argument("--dry-run", action="store_true",
                       help="只统计会匿名化多少人，不改动数据 (only count, change nothing)")
    purge.set_defaults(handler=_purge)
    _add_report_commands(commands, common)
    _add_voucher_commands(commands, common)
    return parser


def _add_report_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                         common: argparse.ArgumentParser) -> None:
    report = commands.add_parser(
        "report", parents=[common], help="统计报表：monthly 工作月报 (reports: the monthly report)",
        description="生成统计报表，每次生成都记入操作日志。(Make a report; every report made is audited.)")
    kinds = report.add_subparsers(title="报表 (which)", metavar="WHICH", required=True)
    monthly = kinds.add_parser(
        "monthly", parents=[common], help="工作月报，.pdf 或 .xlsx (the monthly report as .pdf or .xlsx)",
        description="一个月（基地当地日期）的工作月报：到访、设施使用、服务项目、积分和兑换券的统计，与上月对比；"
                    "--base 选择基地，默认本前台的基地。(The monthly report of a month of the base's local days, "
                    "against the month before; --base chooses the base, by default this desk's.)")
    monthly.add_argument("--month", metavar="YYYY-MM", required=True, help="月份，例如 2026-11 (the month)")
    monthly.add_argument("-o", "--output", metavar="FILE", required=True,
                         help="目标文件，扩展名 .pdf 或 .xlsx 决定格式 (file; .pdf or .xlsx decides the format)")
    monthly.set_defaults(handler=_report_monthly)


def _add_voucher_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                          common: argparse.ArgumentParser) -> None:
    from desk.domain.vouchers import VoucherStatus

    voucher = commands.add_parser(
        "voucher", parents=[common], help="兑换券：list、slip、verify、redeem (vouchers)",
        description="查看、打印、验证和核销兑换券。CODE 是扫码得到的二维码文本，或券上印的 8 位券码（如 HY7K-3M9Q）。"
                    "(List, print, verify and redeem vouchers. CODE is the scanned QR text or the printed serial "
                    "code.)")
    actions = voucher.add_subparsers(title="操作 (actions)", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", parents=[common], help="列出兑换券，最新的在前 (list vouchers, newest first)",
        description="列出兑换券，最新的在前；会员姓名打码。(List vouchers, newest first; member names masked.)")
    listing.add_argument("--status", choices=[status.value for status in VoucherStatus],
                         help="只列出此状态：issued 未使用、redeemed 已核销、void 已作废、expired 已过期 (only this status)")
    listing.add_argument("--merchant", metavar="ID", help="只列出此商家（编号或名称）的券 (only this merchant's, by id or name)")
    listing.add_argument("--limit", metavar="N", type=int, help="最多列出 N 张，默认全部 (at most N; default all)")
    listing.add_argument("--json", action="store_true",
                         help="输出 JSON 数组，键名固定，供脚本使用 (a JSON array with fixed keys, for scripts)")
    listing.set_defaults(handler=_voucher_list)

    slip = actions.add_parser(
        "slip", parents=[common], help="把兑换券凭条写成 PDF，标为重印 (write a voucher slip as PDF, marked as a reprint)",
        description="把一张未使用的兑换券的凭条写成 PDF。凭条在发券时已打印过一次，这里的凭条标为“重印”并记入操作日志。"
                    "(Write the slip of an unused voucher as a PDF; it is marked as a reprint and audited.)")
    slip.add_argument("serial", metavar="SERIAL", help="券码或二维码文本 (serial code or QR text)")
    slip.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="目标 PDF 文件 (the PDF file)")
    slip.add_argument("--layout", choices=SLIP_LAYOUTS, default=SLIP_LAYOUTS[0],
                      help="纸张：80mm、58mm 小票或 a4（每页 8 张），默认 80mm (paper; default 80mm)")
    slip.set_defaults(handler=_voucher_slip)

    verify = actions.add_parser(
        "verify", parents=[common], help="验证兑换券，不作任何改动 (check a voucher; changes nothing)",
        description="显示券的内容和现在能否核销，不作任何改动。能核销时退出码为 0，否则为 1。"
                    "(Show what the voucher is and whether it can be redeemed now; exit 0 when it can, 1 otherwise.)")
    verify.add_argument("code", metavar="CODE", help="二维码文本或券码 (QR text or serial code)")
    verify.add_argument("--merchant", metavar="ID", help="在此商家（编号或名称）核销 (redeemed at this merchant)")
    verify.set_defaults(handler=_voucher_verify)

    redeem = actions.add_parser(
        "redeem", parents=[common], help="核销兑换券，每张只能核销一次 (redeem a voucher, once)",
        description="核销兑换券。只有这一次调用核销成功时退出码为 0；已核销、过期、作废、商家不符、不是真券或券码输错时"
                    "退出码为 1，并用一行说明原因。(Redeem a voucher. Exit 0 only if this call redeemed it; otherwise "
                    "exit 1 with one line saying why.)")
    redeem.add_argument("code", metavar="CODE", help="二维码文本或券码 (QR text or serial code)")
    redeem.add_argument("--merchant", metavar="ID",
                        help="在此商家（编号或名称）核销；券属于其他商家时拒绝 (the merchant redeeming it, by id or name)")
    redeem.set_defaults(handler=_voucher_redeem)

    keys = commands.add_parser(
        "keys", parents=[common], help="兑换券签名密钥：list、export、import、rotate (voucher signing keys)",
        description="兑换券二维码的签名密钥，保存在数据文件夹的 keys/ 中，不在数据库里。同一基地的各台前台用 "
                    "export --private 和 import 共用签名密钥；商户核销机只导入公钥，能验券、不能发券。"
                    "(The keys that sign voucher QR codes live in the data folder, not in the database. Desks of one "
                    "base share the signing key with export --private and import; a merchant station imports the "
                    "public keys only.)")
    steps = keys.add_subparsers(title="操作 (actions)", metavar="ACTION", required=True)
    steps.add_parser("list", parents=[common], help="列出本机的密钥 (list this station's keys)",
                     description="列出本机认识的密钥。(List the keys this station knows.)").set_defaults(
        handler=_keys_list)
    export = steps.add_parser(
        "export", parents=[common], help="导出密钥文件 (export a key bundle)",
        description="把本机的公钥导出到文件，供商户核销机导入；加 --private 时连同签名私钥一起导出，供本基地其他前台导入。"
                    "(Export the public keys for merchant stations; with --private also the signing key, for the "
                    "other desks of this base.)")
    export.add_argument("file", metavar="FILE", help="目标文件，不会覆盖已有文件 (file; never overwritten)")
    export.add_argument("--private", action="store_true",
                        help="连同签名私钥一起导出，用口令加密 (include the signing key, sealed with a passphrase)")
    export.add_argument("--passphrase-stdin", action="store_true",
                        help="从标准输入读一行口令，不在终端提示 (read the passphrase as one line from standard input)")
    export.set_defaults(handler=_keys_export)
    load = steps.add_parser("import", parents=[common], help="导入密钥文件 (import a key bundle)",
                            description="导入另一台前台导出的密钥文件。(Import a key bundle exported by another desk.)")
    load.add_argument("file", metavar="FILE", help="密钥文件 (key bundle)")
    load.add_argument("--passphrase-stdin", action="store_true",
                      help="从标准输入读一行口令，不在终端提示 (read the passphrase as one line from standard input)")
    load.set_defaults(handler=_keys_import)
    steps.add_parser(
        "rotate", parents=[common], help="换一把新的签名密钥 (make a new signing key)",
        description="生成新的签名密钥；旧密钥只留公钥，已发出的券在有效期内照常可用。"
                    "(Make a new signing key; old slips stay valid until they expire.)").set_defaults(
        handler=_keys_rotate)


def _add_globals(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--db", metavar="URL", default=default,
                        help="SQLite 文件路径或 SQLAlchemy 地址，优先于 DESK_DB (SQLite file or SQLAlchemy URL; "
                             "overrides DESK_DB)")
    parser.add_argument("--data-dir", metavar="DIR", type=Path, default=default,
                        help="数据文件夹（数据库、备份、日志），优先于 DESK_DATA_DIR (data folder; overrides "
                             "DESK_DATA_DIR)")
    parser.add_argument("--base", metavar="CODE", default=default,
                        help="本前台服务的基地代码，默认第一个基地 (code of the base this desk works for; "
                             "default the first)")


_EPILOG = """\
环境变量 (environment):
  DESK_DB        数据库：SQLite 文件路径或 postgresql://用户:密码@主机/库名 (database path or URL)
  DESK_DATA_DIR  数据文件夹 (data folder)
  DESK_LANGUAGE  zh_CN 或 en，优先于设置 (language; overrides the preference)

退出码 (exit codes): 0 成功 (success)，1 失败并给出原因 (failed, with the reason)，
  2 命令用法错误 (usage error)，130 被中断 (interrupted)

例 (examples):
  desk init --base-name 明华红色港湾党群服务基地 --base-code MH
  desk user add admin --role admin --display-name 王建国
  desk backup D:\\备份\\
  desk restore backups/manual-20261128-180000.sqlite3
  desk export visits --from 2026-11-01 --to 2026-11-30 -o 十一月到访.xlsx
  desk export bookings --from 2026-11-01 --to 2026-11-30 -o 十一月预约台账.pdf
  desk export ledger --from 2026-01-01 --to 2026-12-31 -o 2026积分流水.xlsx
  desk export vouchers --from 2026-11-01 --to 2026-11-30 -o 十一月兑换券.csv
  desk report monthly --month 2026-11 -o 2026年11月工作月报.pdf
  desk purge --dry-run
  desk voucher redeem HY7K-3M9Q --merchant 汇上佳超市
  desk keys export 密钥-公钥.json
"""


# --- entry point --------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "base_code", None) is not None and args.base_name is None:
        parser.error("--base-code 需与 --base-name 一起使用 (--base-code needs --base-name)")
    data_dir = args.data_dir.expanduser().resolve() if args.data_dir else None
    location = resolve(args.db, data_dir)
    console = Console(location.data_dir)
    from desk.domain.errors import DeskError

    try:
        handler: Callable[[argparse.Namespace, Location, Console], int] = args.handler
        return handler(args, location, console)
    except DeskError as error:
        console.err(console.error_line(error))
        return EXIT_FAILED
    except Refused as refusal:
        console.err(str(refusal))
        return EXIT_FAILED
    except KeyboardInterrupt:
        # Not translated: Qt may be what was being loaded when Ctrl+C came.
        print("\ndesk: 已中断 (interrupted)", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED


# --- opening the database -----------------------------------------------------------------------------------

@contextlib.contextmanager
def _opened(location: Location, base_code: str | None, console: Console, *, create: bool = False,
            ) -> Iterator[tuple[ServiceContext, MigrationResult]]:
    """Open (and, as at every start, back up and upgrade) the database; only `init` may create one."""
    from desk.domain.clock import SystemClock
    from desk.domain.errors import DatabaseReadOnly
    from desk.domain.hours import clean_base_code

    code = clean_base_code(base_code) if base_code else None
    if not create:
        _require_database(location)
    try:
        location.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise DatabaseReadOnly(location=str(location.data_dir)) from None
    with _driver_problems(location):
        from desk.services.startup import open_database

        ctx, result = open_database(location, SystemClock(), create=create, base_code=code)
    try:
        if not create and result.from_revision != result.to_revision:
            console.err(_upgraded_text(console, location, result))
        yield ctx, result
    finally:
        ctx.db.dispose()


def _require_database(location: Location) -> None:
    """Refuse a missing or empty database before anything could create one (and before loading SQLAlchemy)."""
    from desk.domain.errors import DatabaseMissing

    if location.is_sqlite:
        path = location.sqlite_path
        if path is None:
            return  # an in-memory database exists only for this run
        from desk.storage.probe import DbState, probe_sqlite

        if probe_sqlite(path, display=location.display).state in (DbState.MISSING, DbState.EMPTY):
            raise DatabaseMissing(location=location.display)
        return
    with _driver_problems(location):
        from desk.storage.engine import Database
        from desk.storage.migrate import current_revision

        database = Database(location)
        try:
            if current_revision(database) is None:
                raise DatabaseMissing(location=location.display)
        finally:
            database.dispose()


@contextlib.contextmanager
def _driver_problems(location: Location) -> Iterator[None]:
    """A URL SQLAlchemy cannot use (no driver installed, unknown dialect, unparsable) cannot be reached."""
    from sqlalchemy.exc import ArgumentError

    from desk.domain.errors import DatabaseUnreachable

    try:
        yield
    except (ImportError, ArgumentError) as error:
        raise DatabaseUnreachable(location=location.display, detail=_scrub(str(error), location)) from None


def _scrub(detail: str, location: Location) -> str:
    """Driver messages may quote the URL; never print its password."""
    detail = detail.replace(location.url, location.display)
    if "://" in location.url and "@" in location.url:
        credentials = location.url.split("://", 1)[1].rsplit("@", 1)[0]
        if ":" in credentials:
            password = credentials.split(":", 1)[1]
            if password:
                detail = detail.replace(password, "***")
    return detail[:200]


def _upgraded_text(console: Console, location: Location, result: MigrationResult) -> str:
    text = _fill(console.translate("Cli", "已将数据库 %1 从结构版本 %2 升级到 %3。"),
                 location.display, result.from_revision, result.to_revision)
    if result.backup is not None:
        text += " " + _fill(console.translate("Cli", "升级前的数据已备份到 %1。"), result.backup)
    return text


# --- commands -----------------------------------------------------------------------------------------------

def _gui(args: argparse.Namespace, location: Location, console: Console) -> int:
    from desk.app import run_gui

    return int(run_gui(location, args.base))


def _init(args: argparse.Namespace, location: Location, console: Console) -> int:
    from desk.services.bases import BaseService

    with _opened(location, args.base, console, create=True) as (ctx, result):
        if result.from_revision is None:
            console.out(_fill(console.translate("Cli", "已创建数据库 %1（结构版本 %2）。"),
                              location.display, result.to_revision))
        elif result.from_revision != result.to_revision:
            console.out(_upgraded_text(console, location, result))
        else:
            console.out(_fill(console.translate("Cli", "数据库 %1 已是最新结构版本（%2），无需升级。"),
                              location.display, result.to_revision))
        if args.demo:
            _seed_demo(ctx, console)
        elif args.base_name is not None:
            _create_base(ctx, console, args.base_name, args.base_code or args.base or DEFAULT_BASE_CODE)
        if BaseService(ctx).needs_setup():
            console.out(console.translate("Cli", "还没有可登录的工作人员。添加管理员：desk user add 用户名 --role "
                                                 "admin；或打开 desk 按提示完成初始设置。"))
    return 0


def _seed_demo(ctx: ServiceContext, console: Console) -> None:
    from desk.domain.errors import AlreadySetUp
    from desk.services.bases import BaseService
    from desk.services.demo import DEMO_PASSWORD, DEMO_STAFF, seed_demo
    from desk.ui.wording import field_label, role_name

    not_empty = console.translate("Cli", "数据库里已有基地或工作人员，演示数据只能装入空数据库。"
                                         "请用 --data-dir 或 --db 另选一个位置。")
    bases = BaseService(ctx)
    if bases.base_codes() or not bases.needs_setup():
        raise Refused(not_empty)
    try:
        summary = seed_demo(ctx)
    except AlreadySetUp:
        raise Refused(not_empty) from None  # staff were added between the look and the seeding
    console.out(_fill(console.translate("Cli", "已装入演示数据：基地 %1，%2 名工作人员，%3 家联盟商家，%4 个闭馆日。"),
                      summary.base_code, summary.staff, summary.merchants, summary.closures))
    console.out(_fill(console.translate("Cli", "另有 %1 位群众、%2 条到访记录、%3 个预约、%4 名积分会员、%5 个服务项目和 %6 条积分流水。"),
                      summary.people, summary.visits, summary.bookings, summary.members, summary.projects,
                      summary.points_entries))
    console.out(_fill(console.translate("Cli", "兑换券：%1 个兑换项目，已发 %2 张兑换券，其中 %3 张已在商家核销。"),
                      summary.rewards, summary.vouchers, summary.vouchers_redeemed))
    console.out(_fill(console.translate("Cli", "演示账户（密码均为 %1）："), DEMO_PASSWORD))
    headers = [field_label("username"), field_label("display_name"), field_label("role")]
    rows = [[username, display, role_name(role.value)] for username, display, role, _merchant in DEMO_STAFF]
    for line in _table(headers, rows):
        console.out("  " + line)


def _create_base(ctx: ServiceContext, console: Console, name: str, code: str) -> None:
    from desk.services.bases import BaseService

    bases = BaseService(ctx)
    existing = bases.base_codes()
    if existing:
        console.out(_fill(console.translate("Cli", "已有基地 %1，未再创建新基地。"), ", ".join(existing)))
        return
    profile = bases.create_base(name, code)
    console.out(_fill(console.translate("Cli", "已创建基地 %1 %2，开放时间默认为每天 09:00-21:00，可在窗口的设置中修改。"),
                      profile.code, profile.name))


def _user_add(args: argparse.Namespace, location: Location, console: Console) -> int:
    from desk.domain.staff import COMMAND_LINE, Role, clean_display_name, clean_username
    from desk.services.staff import StaffService
    from desk.ui.wording import role_name

    # What was typed on the command line is checked before anyone is asked for a password twice.
    username = clean_username(args.username)
    display_name = clean_display_name(args.display_name if args.display_name is not None else username)
    role = Role(args.role)
    with _opened(location, args.base, console) as (ctx, _result):
        staff = StaffService(ctx)
        merchant_id = _merchant_id(staff, args.merchant)
        password, repeated = _new_password(args, console)
        row = staff.add(COMMAND_LINE, username, display_name, role, password, repeated, merchant_id)
    text = _fill(console.translate("Cli", "已添加账户 %1（%2，%3）。"), row.username, row.display_name,
                 role_name(row.role.value))
    if row.merchant_name:
        text += " " + _fill(console.translate("Cli", "所属商家：%1。"), row.merchant_name)
    console.out(text)
    return 0


def _merchant_id(staff: StaffService, value: str | None) -> int | None:
    """A merchant by its number or by its exact name."""
    from desk.domain.errors import NotFound

    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return int(text)
    for merchant in staff.merchants():
        if merchant.name == text:
            return merchant.id
    raise NotFound("merchant", entity="merchant", key=text)


def _new_password(args: argparse.Namespace, console: Console) -> tuple[str, str]:
    if args.password_stdin:
        # Only the line break goes: leading or trailing spaces may be part of the password.
        line = sys.stdin.readline().removesuffix("\n")
        return line, line
    if not sys.stdin.isatty():
        raise Refused(console.translate("Cli", "没有可以输入密码的终端。请加 --password-stdin，从标准输入提供一行密码。"))
    import getpass

    try:
        first = getpass.getpass(console.translate("Cli", "密码：") + " ")
        second = getpass.getpass(console.translate("Cli", "再次输入密码：") + " ")
    except EOFError:  # Ctrl+D (Ctrl+Z on Windows) at the prompt
        raise Refused(console.translate("Cli", "已取消，未作任何改动。")) from None
    return first, second


def _user_list(args: argparse.Namespace, location: Location, console: Console) -> int:
    import zoneinfo

    from desk.domain.staff import COMMAND_LINE
    from desk.services.staff import StaffService
    from desk.ui.wording import field_label, role_name

    with _opened(location, args.base, console) as (ctx, _result):
        rows = StaffService(ctx).list_staff(COMMAND_LINE)
        zone = zoneinfo.ZoneInfo(_timezone(ctx))
    if not rows:
        console.out(console.translate("Cli", "还没有工作人员账户。添加：desk user add 用户名 --role admin"))
        return 0
    yes, no, locked = (console.translate("Cli", "是"), console.translate("Cli", "否"),
                       console.translate("Cli", "已锁定"))
    table = [
        [row.username, row.display_name, f"{row.role.value} ({role_name(row.role.value)})",
         f"{row.merchant_id} {row.merchant_name}" if row.merchant_name else "",
         yes if row.active else no, locked if row.locked else "",
         row.last_login_at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if row.last_login_at else "-"]
        for row in rows
    ]
    headers = [*map(field_label, ("username", "display_name", "role", "merchant")),
               console.translate("Cli", "启用"), console.translate("Cli", "锁定"),
               console.translate("Cli", "最近登录")]
    for line in _table(headers, table):
        console.out(line)
    return 0


def _timezone(ctx: ServiceContext) -> str:
    """The zone of the chosen base; before any base exists, the default zone."""
    from desk.domain.errors import NotFound
    from desk.domain.hours import DEFAULT_TIMEZONE
    from desk.services.bases import BaseService

    try:
        return BaseService(ctx).profile().timezone
    except NotFound:
        if ctx.base_code:
            raise NotFound("base_code", entity="base", key=ctx.base_code) from None
        return DEFAULT_TIMEZONE


def _user_disable(args: argparse.Namespace, location: Location, console: Console) -> int:
    return _set_active(args, location, console, active=False)


def _user_enable(args: argparse.Namespace, location: Location, console: Console) -> int:
    return _set_active(args, location, console, active=True)


def _set_active(args: argparse.Namespace, location: Location, console: Console, *, active: bool) -> int:
    from desk.domain.staff import COMMAND_LINE
    from desk.services.staff import StaffService

    with _opened(location, args.base, console) as (ctx, _result):
        staff = StaffService(ctx)
        row = staff.set_active(COMMAND_LINE, staff.find(COMMAND_LINE, args.username).id, active)
    if active:
        console.out(_fill(console.translate("Cli", "已启用账户 %1。"), row.username))
    else:
        console.out(_fill(console.translate("Cli", "已停用账户 %1，该账户不能再登录。"), row.username))
    return 0


def _user_reset_password(args: argparse.Namespace, location: Location, console: Console) -> int:
    from desk.domain.staff import COMMAND_LINE
    from desk.services.staff import StaffService

    with _opened(location, args.base, console) as (ctx, _result):
        staff = StaffService(ctx)
        found = staff.find(COMMAND_LINE, args.username)
        password, repeated = _new_password(args, console)
        row = staff.reset_password(COMMAND_LINE, found.id, password, repeated)
    console.out(_fill(console.translate("Cli", "已重置 %1 的密码并解除锁定；本人下次登录时须改用自己的新密码。"),
                      row.username))
    return 0


def _backup(args: argparse.Namespace, location: Location, console: Console) -> int:
    from desk.domain.errors import BackupFailed, BackupNotSupported
    from desk.domain.staff import COMMAND_LINE
    from desk.services.backups import BackupService

    if not location.is_sqlite:
        console.err(console.error_line(BackupNotSupported(location=location.display)))
        console.out(f'pg_dump -Fc -f desk.dump "{_libpq_url(location)}"')
        return EXIT_FAILED
    destination = None
    if args.dest:
        destination = Path(args.dest).expanduser().resolve()
        if args.dest.endswith(("/", "\\")) or destination.is_dir():
            try:
                destination.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise BackupFailed(location=str(destination), detail=error.strerror or str(error)) from None
        elif destination.exists():
            # Never overwrite: the file may be an older backup someone keeps, or the database itself.
            raise BackupFailed(location=str(destination),
                               detail=_fill(console.translate("Cli", "%1 已存在，未覆盖"), destination))
    with _opened(location, args.base, console) as (ctx, _result):
        path = BackupService(ctx).backup_now(COMMAND_LINE, destination)
    console.out(_fill(console.translate("Cli", "已备份到 %1"), path))
    return 0


def _restore(args: argparse.Namespace, location: Location, console: Console) -> int:
    from desk.domain.errors import BackupFailed, BackupNotSupported
    from desk.domain.staff import COMMAND_LINE
    from desk.services.backups import BackupService

    if not location.is_sqlite:
        console.err(console.error_line(BackupNotSupported(location=location.display)))
        console.out(f'pg_restore --clean --if-exists -d "{_libpq_url(location)}" desk.dump')
        return EXIT_FAILED
    source = Path(args.source).expanduser().resolve()
    live = location.sqlite_path
    if live is not None and live.exists() and source.exists() and source.samefile(live):
        raise BackupFailed(location=str(source), detail=console.translate("Cli", "这就是当前数据库本身"))
    with _opened(location, args.base, console) as (ctx, _result):
        backups = BackupService(ctx)
        revision = backups.verify(source)
        console.out(_fill(console.translate("Cli", "备份文件 %1 检查通过（结构版本 %2）。"), source, revision))
        if not args.yes:
            question = _fill(console.translate(
                "Cli", "恢复会用它替换数据库 %1 中的全部数据（当前数据会先备份）。确定恢复吗？[y/N] "), location.display)
            if not _confirmed(console, question):
                console.out(console.translate("Cli", "已取消，数据库未改动。"))
                return EXIT_FAILED
        safety = backups.restore(COMMAND_LINE, source)
    console.out(_fill(console.translate("Cli", "已从 %1 恢复数据库 %2。恢复前的数据已备份到 %3。"),
                      source, location.display, safety))
    return 0


def _confirmed(console: Console, question: str) -> bool:
    if not sys.stdin.isatty():
        raise Refused(console.translate("Cli", "恢复会替换当前数据，需要确认：请在终端中运行，或加 --yes。"))
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in {"y", "yes", "是"}


def _check(args: argparse.Namespace, location: Location, console: Console) -> int:
    from desk.services.checks import CheckService

    with _opened(location, args.base, console) as (ctx, _result):
        checks = CheckService(ctx)
        violations = checks.run()
        count = len(checks.names())
    if not violations:
        console.out("OK: " + _fill(console.translate("Cli", "%1 项检查全部通过。"), count))
        return 0
    for violation in violations:
        console.out(f"{violation.check}: {violation.message}")
    return EXIT_FAILED


def _export_visits(args: argparse.Namespace, location: Location, console: Console) -> int:
    from desk.domain.staff import COMMAND_LINE
    from desk.services.exports import FORMATS, ExportService

    # Everything typed is checked before the database is opened: a mistake writes nothing.
    start = _day(console, args.from_day, "--from")
    end = _day(console, args.to_day, "--to")
    if end < start:
        raise Refused(_fill(console.translate("Cli", "--to %1 早于 --from %2，结束日期不能早于开始日期。"), end, start))
    output = Path(args.output).expanduser().resolve()
    if output.suffix.lower() not in FORMATS:
        raise Refused(_fill(console.translate("Cli", "只能导出为 .xlsx 或 .csv 文件，%1 不行。"), output.name))
    if output.is_dir():
        raise Refused(_fill(console.translate("Cli", "%1 是文件夹，请给出文件名，例如 %2。"), output,
                            output / f"visits-{start}-{end}.xlsx"))
    if not output.parent.is_dir():
        raise Refused(_fill(console.translate("Cli", "文件夹 %1 不存在。"), output.parent))
    words = _visit_words(console)
    with _opened(location, args.base, console) as (ctx, _result):
        try:
            result = ExportService(ctx).visits(COMMAND_LINE, start, end, output, words)
        except OSError as error:
            raise Refused(_fill(console.translate("Cli", "无法写入 %1：%2。"), output,
                                error.strerror or str(error))) from None
    console.out(_fill(console.translate("Cli", "已导出 %1 条到访记录（%2 至 %3）到 %4"), result.rows, start, end,
                      output))
    return 0


def _export_ledger(args: argparse.Namespace, location: Location, console: Console) -> int:
    from desk.domain.errors import ExportFailed
    from desk.domain.staff import COMMAND_LINE
    from desk.services.ledger_exports import LedgerExportService

    # Everything typed is checked before the database is opened: a mistake writes nothing.
    start = _day(console, args.from_day, "--from")
    end = _day(console, args.to_day, "--to")
    if end < start:
        raise Refused(_fill(console.translate("Cli", "--to %1 早于 --from %2，结束日期不能早于开始日期。"), end, start))
    days = (end - start).days + 1
    if days > LONGEST_EXPORT_DAYS:
        raise Refused(_fill(console.translate("Cli", "一次最多导出 %1 天，%2 至 %3 共 %4 天，请分段导出。"),
                            LONGEST_EXPORT_DAYS, start, end, days))
    output = Path(args.output).expanduser().resolve()
    if output.suffix.lower() not in LEDGER_FORMATS:
        raise Refused(_fill(console.translate("Cli", "只能导出为 .xlsx、.csv 或 .pdf 文件，%1 不行。"), output.name))
    if output.is_dir():
        raise Refused(_fill(console.translate("Cli", "%1 是文件夹，请给出文件名，例如 %2。"), output,
                            output / f"{args.area}-{start}-{end}.xlsx"))
    if not output.parent.is_dir():
        raise Refused(_fill(console.translate("Cli", "文件夹 %1 不存在。"), output.parent))
    console._speak()  # the desk's language is installed before the words are looked up
    from desk.ui import ledger_wording

    with _opened(location, args.base, console) as (ctx, _result):
        service = LedgerExportService(ctx)
        try:
            if args.area == "bookings":
                result = service.bookings(COMMAND_LINE, start, end, output, ledger_wording.booking_words())
                done = console.translate("Cli", "已导出 %1 条预约（%2 至 %3）到 %4")
            elif args.area == "charging":
                result = service.charging(COMMAND_LINE, start, end, output, ledger_wording.charging_words())
                done = console.translate("Cli", "已导出 %1 条充电记录（%2 至 %3）到 %4")
            elif args.area == "ledger":
                result = service.ledger(COMMAND_LINE, start, end, output, ledger_wording.points_ledger_words())
                done = console.translate("Cli", "已导出 %1 条积分流水（%2 至 %3）到 %4")
            else:
                result = service.vouchers(COMMAND_LINE, start, end, output, ledger_wording.voucher_ledger_words())
                done = console.translate("Cli", "已导出 %1 张兑换券（%2 至 %3）到 %4")
        except ExportFailed as error:
            raise Refused(_fill(console.translate("Cli", "无法写入 %1：%2。"), output,
                                error.params.get("detail", ""))) from None
    console.out(_fill(done, result.rows, start, end, output))
    return 0


def _day(console: Console, text: str, option: str) -> dt.date:
    import re

    # fromisoformat alone would also take 20261128 or 2026-W48-6.
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            pass
    raise Refused(_fill(console.translate("Cli", "%1 的日期 “%2” 不对，应为 YYYY-MM-DD，例如 2026-11-28。"), option, text))


def _visit_words(console: Console) -> VisitWords:
    from desk.ui.wording import visit_words

    console._speak()  # the desk's language is installed before the words are looked up
    return visit_words()


def _report_monthly(args: argparse.Namespace, location: Location, console: Console) -> int:
    import re

    from desk.domain.errors import ExportFailed
    from desk.domain.periods import Period
    from desk.domain.staff import COMMAND_LINE

    # Everything typed is checked before the database is opened: a mistake writes nothing.
    found = re.fullmatch(r"(\d{4})-(\d{2})", args.month.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise Refused(_fill(console.translate("Cli", "--month 的月份 “%1” 不对，应为 YYYY-MM，例如 2026-11。"),
                            args.month))
    period = Period.month(int(found.group(1)), int(found.group(2)))
    output = Path(args.output).expanduser().resolve()
    suffix = output.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise Refused(_fill(console.translate("Cli", "月报只能生成为 .pdf 或 .xlsx 文件，%1 不行。"), output.name))
    if output.is_dir():
        raise Refused(_fill(console.translate("Cli", "%1 是文件夹，请给出文件名，例如 %2。"), output,
                            output / f"report-{args.month.strip()}.pdf"))
    if not output.parent.is_dir():
        raise Refused(_fill(console.translate("Cli", "文件夹 %1 不存在。"), output.parent))
    console._speak()  # the desk's language is installed before the words are looked up
    from desk.ui.report_wording import report_words

    words = report_words()
    with _opened(location, args.base, console) as (ctx, _result):
        from desk.services.bases import BaseService
        from desk.services.reports import ReportService

        codes = BaseService(ctx).base_codes()
        if args.base and args.base.strip().upper() not in {code.upper() for code in codes}:
            raise Refused(_fill(console.translate("Cli", "没有代码为 %1 的基地；本数据库的基地：%2。"), args.base,
                                "、".join(codes)))
        reports = ReportService(ctx)
        try:
            made = (reports.monthly_pdf if suffix == ".pdf" else reports.workbook)(
                COMMAND_LINE, period, None, output, words)
        except ExportFailed as error:
            raise Refused(_fill(console.translate("Cli", "无法写入 %1：%2。"), output,
                                error.params.get("detail", ""))) from None
    console.out(_fill(console.translate("Cli", "已生成 %1 %2 的工作月报：%3"), made.base_code,
                      words.period_text(period), output))
    return 0


def _purge(args: argparse.Namespace, location: Location, console: Console) -> int:
    import zoneinfo

    from desk.domain.staff import COMMAND_LINE
    from desk.services.retention import RetentionService

    with _opened(location, args.base, console) as (ctx, _result):
        retention = RetentionService(ctx)
        result = retention.purge(COMMAND_LINE, dry_run=args.dry_run)
        days = retention.days
        cutoff = result.cutoff.astimezone(zoneinfo.ZoneInfo(_timezone(ctx))).date()
    if args.dry_run:
        text = console.translate("Cli", "将匿名化 %1 人的姓名和电话（最近一次到访早于 %2，且不是积分会员；保留期限 %3 天）。"
                                        "未作任何改动。")
    else:
        text = console.translate("Cli", "已匿名化 %1 人的姓名和电话（最近一次到访早于 %2，且不是积分会员；保留期限 %3 天）。")
    console.out(_fill(text, result.people, cutoff, days))
    return 0


# --- vouchers and keys --------------------------------------------------------------------------------------

VOUCHER_PAGE = 500  # rows read at a time by `voucher list` (keyset pages, newest first)
# The values of printing.voucher_slip.SlipLayout, spelled out: the parser is built at every start of the window,
# and the slip module takes tens of milliseconds to import.
SLIP_LAYOUTS = ("80mm", "58mm", "a4")


def _voucher_list(args: argparse.Namespace, location: Location, console: Console) -> int:
    import json
    import zoneinfo

    from desk.domain.vouchers import VoucherStatus
    from desk.services.vouchers import VoucherService

    if args.limit is not None and args.limit < 1:
        raise Refused(_fill(console.translate("Cli", "--limit 应为正整数，%1 不行。"), args.limit))
    status = VoucherStatus(args.status) if args.status else None
    with _opened(location, args.base, console) as (ctx, _result):
        merchant = _voucher_merchant(console, ctx, args.merchant)
        zone = zoneinfo.ZoneInfo(_timezone(ctx))
        rows = _voucher_pages(VoucherService(ctx), status, merchant[0] if merchant else None, args.limit)
        if args.json:
            # Streamed a row at a time: a station's whole history need not fit in memory.
            separator = "\n"
            sys.stdout.write("[")
            for row in rows:
                sys.stdout.write(separator + "  " + json.dumps(_voucher_json(row, zone), ensure_ascii=False))
                separator = ",\n"
            sys.stdout.write("]\n" if separator == "\n" else "\n]\n")
            sys.stdout.flush()
            return 0
        table = [_voucher_cells(console, row, zone) for row in rows]
    if not table:
        console.out(console.translate("Cli", "没有符合条件的兑换券。"))
        return 0
    headers = [console.translate("Cli", "券码"), console.translate("Cli", "状态"), console.translate("Cli", "商家"),
               console.translate("Cli", "兑换内容"), console.translate("Cli", "积分"),
               console.translate("Cli", "会员"), console.translate("Cli", "发券日期"),
               console.translate("Cli", "有效期至"), console.translate("Cli", "核销或作废")]
    for line in _table(headers, table):
        console.out(line)
    return 0


def _voucher_pages(vouchers: VoucherService, status: VoucherStatus | None, merchant_id: int | None,
                   limit: int | None) -> Iterator[VoucherRow]:
    before: int | None = None
    left = limit
    while left is None or left > 0:
        size = VOUCHER_PAGE if left is None else min(VOUCHER_PAGE, left)
        page = vouchers.vouchers(status=status, merchant_id=merchant_id, before_id=before, limit=size)
        yield from page
        if len(page) < size:
            return
        before = page[-1].id
        if left is not None:
            left -= len(page)


def _voucher_json(row: VoucherRow, zone: dt.tzinfo) -> dict[str, object]:
    """One voucher for scripts: the same keys in the same order for every row, absent values as null."""
    from desk.domain.vouchers import yuan

    return {
        "id": row.id, "code": row.code, "status": row.status.value, "merchant_id": row.merchant_id,
        "merchant": row.merchant_name, "reward": row.reward_title, "points": row.points,
        "face_value": yuan(row.face_value_fen) or None, "member_no": row.member_no or None,
        "member": row.masked_name, "issued_at": row.issued_at.astimezone(zone).isoformat(timespec="seconds"),
        "expires_on": row.expires_on.isoformat(),
        "redeemed_at": row.redeemed_at.astimezone(zone).isoformat(timespec="seconds") if row.redeemed_at else None,
        "redeemed_by": row.redeemed_by or None, "void_reason": row.void_reason or None, "reprints": row.reprints,
        "settled": row.settled,
    }


def _voucher_cells(console: Console, row: VoucherRow, zone: dt.tzinfo) -> list[str]:
    from desk.domain.vouchers import VoucherStatus

    detail = ""
    if row.status is VoucherStatus.REDEEMED and row.redeemed_at is not None:
        detail = f"{_local_minute(row.redeemed_at, zone)} {_redeemer(console, row)}"
    elif row.status is VoucherStatus.VOID:
        detail = row.void_reason
    member = f"{row.masked_name} {row.member_no}".strip()
    return [row.code, _voucher_status_name(console, row.status), row.merchant_name, row.reward_title,
            str(row.points), member, row.issued_at.astimezone(zone).date().isoformat(), row.expires_on.isoformat(),
            detail]


def _voucher_slip(args: argparse.Namespace, location: Location, console: Console) -> int:
    from desk.domain.errors import DeskError
    from desk.domain.staff import COMMAND_LINE
    from desk.printing.voucher_slip import SlipLayout, voucher_slip_pdf
    from desk.services.vouchers import VoucherService

    # Everything typed is checked before the database is opened: a mistake writes nothing.
    code = _code_argument(console, args.serial)
    output = Path(args.output).expanduser().resolve()
    if output.is_dir():
        raise Refused(_fill(console.translate("Cli", "%1 是文件夹，请给出文件名，例如 %2。"), output,
                            output / "voucher.pdf"))
    if output.suffix.lower() != ".pdf":
        raise Refused(_fill(console.translate("Cli", "凭条只能写成 .pdf 文件，%1 不行。"), output.name))
    if not output.parent.is_dir():
        raise Refused(_fill(console.translate("Cli", "文件夹 %1 不存在。"), output.parent))
    with _opened(location, args.base, console) as (ctx, _result):
        vouchers = VoucherService(ctx)
        try:
            row = vouchers.find(code)
            slip = vouchers.reprint(COMMAND_LINE, row.id)
        except DeskError as error:
            raise Refused(_voucher_problem(console, error)) from None
    pdf = voucher_slip_pdf([slip], SlipLayout(args.layout))
    try:
        output.write_bytes(pdf)
    except OSError as error:
        raise Refused(_fill(console.translate("Cli", "无法写入 %1：%2。"), output,
                            error.strerror or str(error))) from None
    console.out(_fill(console.translate("Cli", "已把兑换券 %1 的凭条（标为重印，%2）写入 %3"), row.code, args.layout,
                      output))
    return 0


def _voucher_verify(args: argparse.Namespace, location: Location, console: Console) -> int:
    import zoneinfo

    from desk.domain.vouchers import Outcome
    from desk.services.vouchers import VoucherService

    code = _code_argument(console, args.code)
    with _opened(location, args.base, console) as (ctx, _result):
        merchant = _voucher_merchant(console, ctx, args.merchant)
        zone = zoneinfo.ZoneInfo(_timezone(ctx))
        verdict = VoucherService(ctx).verify(code, merchant[0] if merchant else None)
    if verdict.voucher is not None:
        for line in _voucher_lines(console, verdict.voucher, zone):
            console.out(line)
    console.out(_verdict_line(console, verdict, zone, merchant))
    return 0 if verdict.outcome is Outcome.VALID else EXIT_FAILED


def _voucher_redeem(args: argparse.Namespace, location: Location, console: Console) -> int:
    import zoneinfo

    from desk.domain.staff import COMMAND_LINE
    from desk.domain.vouchers import Outcome
    from desk.services.vouchers import VoucherService

    code = _code_argument(console, args.code)
    with _opened(location, args.base, console) as (ctx, _result):
        merchant = _voucher_merchant(console, ctx, args.merchant)
        zone = zoneinfo.ZoneInfo(_timezone(ctx))
        verdict = VoucherService(ctx).redeem(COMMAND_LINE, code, merchant[0] if merchant else None)
    if verdict.outcome is not Outcome.REDEEMED or verdict.voucher is None:
        raise Refused(_fill(console.translate("Cli", "未核销：%1"), _verdict_line(console, verdict, zone, merchant)))
    row = verdict.voucher
    console.out(_fill(console.translate("Cli", "已核销兑换券 %1：%2 %3，%4 积分，会员 %5。"), row.code,
                      row.merchant_name, row.reward_title, row.points, row.masked_name))
    return 0


def _code_argument(console: Console, text: str) -> str:
    if not text.strip():
        raise Refused(console.translate("Cli", "请给出券码（如 HY7K-3M9Q）或扫码得到的二维码文本。"))
    return text


def _voucher_merchant(console: Console, ctx: ServiceContext, value: str | None) -> tuple[int, str] | None:
    """The merchant named on the command line by its number or exact name: (id, name)."""
    from desk.services.staff import StaffService

    if value is None:
        return None
    text = value.strip()
    for merchant in StaffService(ctx).merchants():
        if str(merchant.id) == text or merchant.name == text:
            return merchant.id, merchant.name
    if text.isdigit():  # a merchant that has left the alliance still has its vouchers
        return int(text), text
    raise Refused(_fill(console.translate("Cli", "没有编号或名称为 %1 的联盟商家。"), text))


def _voucher_lines(console: Console, row: VoucherRow, zone: dt.tzinfo) -> list[str]:
    """What a voucher is, in two lines."""
    from desk.domain.vouchers import yuan

    first = _fill(console.translate("Cli", "兑换券 %1：%2 %3，%4 积分"), row.code, row.merchant_name,
                  row.reward_title, row.points)
    if row.face_value_fen is not None:
        first += _fill(console.translate("Cli", "，面值 ¥%1"), yuan(row.face_value_fen))
    second = _fill(console.translate("Cli", "会员 %1，%2 发券，有效期至 %3，状态：%4。"),
                   f"{row.masked_name} {row.member_no}".strip(), row.issued_at.astimezone(zone).date(),
                   row.expires_on, _voucher_status_name(console, row.status))
    return [first + console.translate("Cli", "。"), second]


def _verdict_line(console: Console, verdict: Verdict, zone: dt.tzinfo, at: tuple[int, str] | None) -> str:
    """Whether the voucher can be (or was) redeemed, and if not, why — in one line."""
    from desk.domain.vouchers import Outcome

    row = verdict.voucher
    match verdict.outcome:
        case Outcome.VALID:
            return console.translate("Cli", "可以核销。")
        case Outcome.REDEEMED if row is not None:
            return _fill(console.translate("Cli", "已核销兑换券 %1。"), row.code)
        case Outcome.ALREADY_REDEEMED if row is not None and row.redeemed_at is not None:
            return _fill(console.translate("Cli", "这张券已于 %1 在 %2 核销过（%3），不能再用。"),
                         _local_minute(row.redeemed_at, zone), row.merchant_name, _redeemer(console, row))
        case Outcome.EXPIRED if row is not None:
            return _fill(console.translate("Cli", "这张券已过期：有效期到 %1 为止。"), row.expires_on)
        case Outcome.VOIDED if row is not None:
            if row.void_reason:
                return _fill(console.translate("Cli", "这张券已作废（%1），不能使用。"), row.void_reason)
            return console.translate("Cli", "这张券已作废，不能使用。")
        case Outcome.WRONG_MERCHANT if row is not None:
            return _fill(console.translate("Cli", "这张券只能在 %1 使用，不能在 %2 核销。"), row.merchant_name,
                         at[1] if at else "")
        case Outcome.TYPO:
            return console.translate("Cli", "券码有误：有一位输错或两位颠倒了，请对照凭条重新输入。")
    if verdict.error is not None:
        return _voucher_problem(console, verdict.error)
    return console.translate("Cli", "不是本基地的兑换券。")


def _voucher_problem(console: Console, error: DeskError) -> str:
    """A code that names no voucher, or a voucher that cannot be printed, in one line."""
    from desk.domain import errors as e

    match error:
        case e.SerialTypo():
            return console.translate("Cli", "券码有误：有一位输错或两位颠倒了，请对照凭条重新输入。")
        case e.SerialMalformed():
            return console.translate("Cli", "这不是券码：券码为 8 位字母和数字，例如 HY7K-3M9Q（不用 0、O、1、I）。")
        case e.NotAVoucher():
            return console.translate("Cli", "这不是兑换券的二维码，可能扫到了别的码或没扫全，请重新扫描。")
        case e.BadVoucherSignature():
            return console.translate("Cli", "不是真券：二维码的签名不符，内容被改动过或是伪造的。")
        case e.UnknownVoucherKey():
            return _fill(console.translate("Cli", "不是本基地认识的券：签名密钥 %1 本机没有。如果是本基地的券，请先导入密钥："
                                                  "desk keys import 文件。"), error.params.get("key_id", ""))
        case e.VoucherVersionUnsupported():
            return console.translate("Cli", "这张券由更新版本的前台签发，请先升级本程序。")
        case e.NotFound():
            return console.translate("Cli", "不是本基地的兑换券：没有这张券。")
        case e.VoucherNotIssued():
            return _fill(console.translate("Cli", "这张券的状态是“%1”，只有未使用的券才能重印凭条。"),
                         _voucher_status_name(console, str(error.params.get("status", ""))))
        case e.SigningKeyMissing():
            return console.translate("Cli", "本机只有公钥，不能签发或重印兑换券。请在持有签名密钥的前台上操作，"
                                            "或先导入签名密钥：desk keys import 文件。")
    return console.error_line(error)


def _voucher_status_name(console: Console, status: str) -> str:
    return {
        "issued": console.translate("Cli", "未使用"),
        "redeemed": console.translate("Cli", "已核销"),
        "void": console.translate("Cli", "已作废"),
        "expired": console.translate("Cli", "已过期"),
    }.get(str(status), str(status))


def _redeemer(console: Console, row: VoucherRow) -> str:
    # A redemption from the command line has no staff account behind it.
    return row.redeemed_by or console.translate("Cli", "命令行")


def _local_minute(moment: dt.datetime, zone: dt.tzinfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _keys_list(args: argparse.Namespace, location: Location, console: Console) -> int:
    from desk.services.voucher_keys import VoucherKeys

    keys = VoucherKeys(location.data_dir)
    known = _key_files(console, keys, keys.keys)
    if not known:
        console.out(console.translate("Cli", "本机还没有兑换券签名密钥。第一次发券时会自动生成；本基地已有密钥的，"
                                             "请从其他前台导出后导入：desk keys import 文件。"))
        return 0
    headers = [console.translate("Cli", "密钥"), console.translate("Cli", "用途"), console.translate("Cli", "私钥")]
    rows = [[key.key_id,
             console.translate("Cli", "签发新券") if key.current else console.translate("Cli", "只验证已发的券"),
             console.translate("Cli", "有") if key.can_sign else console.translate("Cli", "无")]
            for key in known]
    for line in _table(headers, rows):
        console.out(line)
    console.out(_fill(console.translate("Cli", "密钥文件夹：%1"), keys.folder))
    return 0


def _keys_export(args: argparse.Namespace, location: Location, console: Console) -> int:
    import os

    from desk.domain.errors import KeyPassphraseRequired, KeyPassphraseWeak, SigningKeyMissing
    from desk.services.voucher_keys import PASSPHRASE_MIN, VoucherKeys

    target = Path(args.file).expanduser().resolve()
    if target.is_dir():
        raise Refused(_fill(console.translate("Cli", "%1 是文件夹，请给出文件名，例如 %2。"), target,
                            target / "desk-keys.json"))
    if not target.parent.is_dir():
        raise Refused(_fill(console.translate("Cli", "文件夹 %1 不存在。"), target.parent))
    if target.exists():
        raise Refused(_fill(console.translate("Cli", "%1 已存在，未覆盖。请换一个文件名。"), target))
    keys = VoucherKeys(location.data_dir)
    had = bool(_key_files(console, keys, keys.keys))
    if args.private and not keys.can_sign():
        raise Refused(console.translate("Cli", "本机只有公钥，没有签名私钥可以导出。去掉 --private 可导出公钥。"))
    passphrase = _bundle_passphrase(args, console, new=True) if args.private else None
    try:
        bundle = _key_files(console, keys, lambda: keys.export_bundle(args.private, passphrase))
    except SigningKeyMissing:
        raise Refused(console.translate("Cli", "本机只有公钥，没有签名私钥可以导出。去掉 --private 可导出公钥。")) from None
    except (KeyPassphraseRequired, KeyPassphraseWeak):
        raise Refused(_fill(console.translate("Cli", "口令至少要 %1 个字符（不能含控制字符），未导出。"),
                            PASSPHRASE_MIN)) from None
    try:
        # Created only if absent, and a private bundle readable by its owner alone from the start.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o600 if args.private else 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(bundle)
    except FileExistsError:
        raise Refused(_fill(console.translate("Cli", "%1 已存在，未覆盖。请换一个文件名。"), target)) from None
    except OSError as error:
        raise Refused(_fill(console.translate("Cli", "无法写入 %1：%2。"), target,
                            error.strerror or str(error))) from None
    known = keys.keys()
    if not had:
        console.out(_fill(console.translate("Cli", "本机原来没有密钥，已生成签名密钥 %1。"),
                          ", ".join(k.key_id for k in known if k.current)))
    if args.private:
        console.out(_fill(console.translate("Cli", "已把签名密钥（用口令加密）和公钥（共 %1 个密钥）导出到 %2。在本基地其他前台"
                                                   "上运行 desk keys import 导入，导入时要输入这个口令。"), len(known), target))
        console.err(console.translate("Cli", "注意：这个文件含加密的签名私钥。口令请当面或电话另行告知，不要和文件放在一起；"
                                             "文件只用 U 盘等当面传递，导入后立即删除。"))
    else:
        console.out(_fill(console.translate("Cli", "已把公钥（共 %1 个）导出到 %2。商户核销机导入后能验券和核销，不能发券。"),
                          len(known), target))
    return 0


def _keys_import(args: argparse.Namespace, location: Location, console: Console) -> int:
    from desk.domain.errors import KeyBundleInvalid, KeyConflict, KeyPassphraseRequired, KeyPassphraseWrong
    from desk.services.voucher_keys import LARGEST_BUNDLE, VoucherKeys

    source = Path(args.file).expanduser().resolve()
    if not source.is_file():
        raise Refused(_fill(console.translate("Cli", "找不到文件 %1。"), source))
    try:
        with source.open("rb") as handle:
            data = handle.read(LARGEST_BUNDLE + 1)  # a bigger file is refused as a whole, unread
    except OSError as error:
        raise Refused(_fill(console.translate("Cli", "无法读取 %1：%2。"), source,
                            error.strerror or str(error))) from None
    keys = VoucherKeys(location.data_dir)
    passphrase = _bundle_passphrase(args, console, new=False) if args.passphrase_stdin else None
    try:
        try:
            result = _key_files(console, keys, lambda: keys.import_bundle(data, passphrase))
        except KeyPassphraseRequired:  # a sealed signing key: ask, then try once more
            if passphrase is not None:
                raise
            passphrase = _bundle_passphrase(args, console, new=False)
            result = _key_files(console, keys, lambda: keys.import_bundle(data, passphrase))
    except (KeyPassphraseRequired, KeyPassphraseWrong):
        raise Refused(console.translate("Cli", "口令不对（或文件被改动过），未导入任何密钥。请向导出文件的同事核对口令。")) from None
    except KeyBundleInvalid:
        raise Refused(_fill(console.translate("Cli", "%1 不是有效的兑换券密钥文件（可能不完整或被改动过），未导入任何密钥。"),
                            source)) from None
    except KeyConflict as error:
        raise Refused(_fill(console.translate("Cli", "文件中的密钥 %1 与本机同名密钥的内容不同，未导入任何密钥。请核对文件来源。"),
                            error.params.get("key_id", ""))) from None
    if result.added:
        console.out(_fill(console.translate("Cli", "已导入新密钥（%1 个）：%2。"), len(result.added),
                          ", ".join(result.added)))
    else:
        console.out(console.translate("Cli", "文件中的密钥本机都已有，未作改动。"))
    if result.current is not None:
        console.out(_fill(console.translate("Cli", "本机今后用签名密钥 %1 签发兑换券。"), result.current))
    elif not keys.can_sign():
        console.out(console.translate("Cli", "本机只有公钥：可以验券和核销，不能发券。"))
    return 0


def _keys_rotate(args: argparse.Namespace, location: Location, console: Console) -> int:
    from desk.domain.errors import SigningKeyMissing
    from desk.services.voucher_keys import VoucherKeys

    keys = VoucherKeys(location.data_dir)
    before = [key.key_id for key in _key_files(console, keys, keys.keys) if key.current]
    try:
        made = _key_files(console, keys, keys.rotate)
    except SigningKeyMissing:
        raise Refused(console.translate("Cli", "本机只有公钥，不能生成签名密钥。请在本基地持有签名密钥的前台上操作。")) from None
    console.out(_fill(console.translate("Cli", "已生成新的签名密钥 %1，今后发的券用它签名。"), made.key_id))
    if before:
        console.out(_fill(console.translate("Cli", "旧密钥 %1 只留公钥：已发出的券在有效期内照常可用。"), ", ".join(before)))
    console.out(console.translate("Cli", "请把新密钥分发出去：本基地其他前台导入 desk keys export 文件 --private 导出的文件；"
                                         "商户核销机导入 desk keys export 文件 导出的公钥。"))
    return 0


def _bundle_passphrase(args: argparse.Namespace, console: Console, *, new: bool) -> str:
    """The passphrase of a key bundle: one line of standard input with --passphrase-stdin, else asked at the
    terminal (twice for a new one)."""
    from desk.services.voucher_keys import PASSPHRASE_MIN

    if args.passphrase_stdin:
        return sys.stdin.readline().removesuffix("\n")  # spaces may be part of it
    if not sys.stdin.isatty():
        raise Refused(console.translate("Cli", "签名密钥用口令加密，需要输入口令：请在终端中运行，或加 --passphrase-stdin，"
                                               "从标准输入提供一行口令。"))
    import getpass

    try:
        if not new:
            return getpass.getpass(console.translate("Cli", "密钥文件的口令：") + " ")
        first = getpass.getpass(_fill(console.translate("Cli", "为密钥文件设一个口令（至少 %1 个字符）："),
                                      PASSPHRASE_MIN) + " ")
        second = getpass.getpass(console.translate("Cli", "再次输入口令：") + " ")
    except EOFError:  # Ctrl+D (Ctrl+Z on Windows) at the prompt
        raise Refused(console.translate("Cli", "已取消，未作任何改动。")) from None
    if first != second:
        raise Refused(console.translate("Cli", "两次输入的口令不一致，未导出。"))
    return first


def _key_files(console: Console, keys: VoucherKeys, work: Callable[[], _T]) -> _T:
    """The key folder's work; a folder that cannot be read or written is one line."""
    try:
        return work()
    except OSError as error:
        raise Refused(_fill(console.translate("Cli", "无法读写密钥文件夹 %1：%2。"), keys.folder,
                            error.strerror or str(error))) from None


# --- helpers ------------------------------------------------------------------------------------------------

def _fill(template: str, *values: object) -> str:
    """Put values into %1, %2, ... in one pass, so a value that contains "%2" stays as it is."""
    import re

    return re.sub(r"%(\d)", lambda match: str(values[int(match.group(1)) - 1]), template)


def _libpq_url(location: Location) -> str:
    """The URL as pg_dump takes it: no SQLAlchemy driver suffix, password hidden."""
    scheme, rest = mask_url(location.url).split("://", 1)
    return "postgresql://" + rest if scheme.startswith("postgres") else f"{scheme}://{rest}"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """Columns padded by display width: a Chinese character takes two terminal cells."""
    widths = [max(_width(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        padded = (cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    return [line(headers), line(["-" * width for width in widths]), *(line(row) for row in rows)]


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
