"""UI layer: the words for every expected failure, translated. Needs only QtCore, so the CLI uses it too.

Messages say what happened and what to do. They never name which of username or password was wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desk.domain import errors as e

if TYPE_CHECKING:
    from desk.printing.register import VisitWords

# lupdate finds strings in calls named `translate("Context", "literal")`.
translate = QCoreApplication.translate


class Wording:
    """Plural messages (%n): written `Wording.tr("literal", None, n)`. lupdate's Python parser reads the fourth
    argument of translate() as an encoding, so only a tr() call marks a message as plural; the name before `.tr`
    is its context."""

    @staticmethod
    def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return translate("Wording", text, disambiguation, n)


def error_text(error: e.DeskError) -> str:
    p = error.params
    location = str(p.get("location", ""))
    match error:
        case e.Required():
            return translate("Wording", "请填写此项。")
        case e.TooLong():
            return Wording.tr("太长了：最多 %n 个字符。", None, int(p.get("max_length", 0)))
        case e.TooShort():
            return Wording.tr("太短了：至少 %n 个字符。", None, int(p.get("min_length", 0)))
        case e.ControlCharacters():
            return translate("Wording", "含有不可见的控制字符，请重新输入。")
        case e.BadFormat():
            return _format_text(str(p.get("expected", "")))
        case e.EndBeforeStart():
            return translate("Wording", "结束不能早于开始，请检查。")
        case e.PasswordsDiffer():
            return translate("Wording", "两次输入的密码不一致，请重新输入。")
        case e.OutOfRange():
            return translate("Wording", "超出允许范围（%1–%2）。").replace("%1", str(p.get("minimum"))).replace(
                "%2", str(p.get("maximum")))
        case e.RangeTooLong():
            return Wording.tr("一次最多导出 %n 天，请缩短日期范围。", None, int(p.get("days", 0)))
        case e.ExportFailed():
            return translate("Wording", "无法写入 %1：%2。请换一个文件夹，或关闭正在使用此文件的程序。").replace(
                "%1", location).replace("%2", str(p.get("detail", "")))
        case e.LoginFailed():
            return translate("Wording", "用户名或密码不正确。")
        case e.AccountLocked():
            return Wording.tr("登录失败次数过多，账户已暂时锁定，请 %n 分钟后再试，或请管理员重置密码。", None, int(p.get("minutes", 15)))
        case e.AccountDisabled():
            return translate("Wording", "此账户已停用，请联系管理员。")
        case e.WrongPassword():
            return translate("Wording", "当前密码不正确。")
        case e.PermissionDenied():
            return translate("Wording", "您没有执行此操作的权限，请让管理员处理。")
        case e.UsernameTaken():
            return translate("Wording", "用户名“%1”已被使用，请换一个。").replace("%1", str(p.get("username", "")))
        case e.NotFound() if p.get("entity") == "member" and isinstance(p.get("key"), str):
            # A scanned card or typed member number (a member's row id is an int): say which number.
            return translate("Wording", "没有会员号为 %1 的会员，请核对会员卡或会员号。").replace("%1", str(p.get("key")))
        case e.NotFound():
            return translate("Wording", "找不到该记录，可能已被其他前台删除，请刷新后再试。")
        case e.LastAdmin():
            return translate("Wording", "这是唯一启用的管理员，不能停用或降级。请先设置另一位管理员。")
        case e.AlreadySetUp():
            return translate("Wording", "此数据库已完成初始设置，请直接登录。")
        case e.BaseCodeTaken():
            return translate("Wording", "基地代码“%1”已被使用，请换一个。").replace("%1", str(p.get("code", "")))
        case e.MerchantRequired():
            return translate("Wording", "商户收银员必须绑定一个联盟商家。")
        case e.MerchantNotAllowed():
            return translate("Wording", "只有商户收银员才绑定商家。")
        case e.PhoneTaken():
            return translate("Wording", "这个手机号已登记给 %1，请直接搜索此人。").replace("%1", str(p.get("name", "")))
        case e.AlreadyCheckedOut():
            return Wording.tr("有 %n 位已经离开，未重复签退。请刷新在场名单。", None, int(p.get("count", 1)))
        case e.NothingChosen():
            return translate("Wording", "请先在名单中选择。")
        case e.ClosedThatDay():
            reason = str(p.get("reason", ""))
            if p.get("kind") == "holiday":
                reason = holiday_name(reason)  # the calendar package names holidays in English
            if not reason:
                return translate("Wording", "%1 不开放，不能预约。").replace("%1", str(p.get("day", "")))
            return translate("Wording", "%1 不开放（%2），不能预约。").replace("%1", str(p.get("day", ""))).replace(
                "%2", reason)
        case e.OutsideOpeningHours():
            return translate("Wording", "超出开放时间 %1–%2，请选择开放时间内的时段。").replace(
                "%1", str(p.get("opens", ""))).replace("%2", str(p.get("closes", "")))
        case e.BookingTooShort():
            return Wording.tr("时间太短：至少 %n 分钟。", None, int(p.get("minutes", 0)))
        case e.BookingTooLong():
            return Wording.tr("时间太长：最多 %n 分钟。", None, int(p.get("minutes", 0)))
        case e.OffTheSlotStep():
            return Wording.tr("开始和结束须对齐 %n 分钟的时段。", None, int(p.get("minutes", 0)))
        case e.InThePast():
            return translate("Wording", "不能预约已经过去的时间。")
        case e.BeyondBookingWindow():
            return Wording.tr("只能预约 %n 天以内的时段。", None, int(p.get("days", 0)))
        case e.SlotTaken():
            return translate("Wording", "%1 在 %2–%3 已被预约，请换一个时段或位置。").replace(
                "%1", str(p.get("unit", ""))).replace("%2", str(p.get("start", ""))).replace("%3", str(p.get("end", "")))
        case e.DailyQuotaExceeded():
            if p.get("kind") == "count":
                return Wording.tr("超过每日 %n 次的预约限额。", None, int(p.get("count", 0)))
            return Wording.tr("超过每日 %n 分钟的预约限额。", None, int(p.get("minutes", 0)))
        case e.PersonSuspended():
            return translate("Wording", "此人因多次预约未到，预约资格暂停至 %1。").replace("%1", str(p.get("until", "")))
        case e.NameRequiredHere():
            return translate("Wording", "这里的预约需要登记姓名，请先查找或登记此人。")
        case e.OverCapacity():
            return Wording.tr("人数超过容量（最多 %n 人）。", None, int(p.get("capacity", 0)))
        case e.UnitUnavailable():
            return translate("Wording", "%1 暂停使用：%2").replace("%1", str(p.get("unit", ""))).replace(
                "%2", str(p.get("reason", "")))
        case e.WrongBookingState():
            return translate("Wording", "这条预约当前是“%1”，不能这样操作，请刷新后再试。").replace(
                "%1", booking_state_name(str(p.get("state", ""))))
        case e.CheckInTooEarly():
            return translate("Wording", "还没到签到时间，%1 起可以签到。").replace("%1", str(p.get("opens", "")))
        case e.SafetyChecklistIncomplete():
            return translate("Wording", "请先逐项确认电动车充电安全须知。")
        case e.UnitInUse():
            return translate("Wording", "%1 正在使用中，请先结束使用再标记故障。").replace("%1", str(p.get("unit", "")))
        case e.NotInUse():
            return translate("Wording", "%1 当前没有人在使用，请刷新后再试。").replace("%1", str(p.get("unit", "")))
        case e.NotMultipleOfStep():
            return Wording.tr("须为 %n 分钟的整数倍。", None, int(p.get("step", 0)))
        case e.NameTaken():
            return translate("Wording", "名称“%1”已被使用（包括已停用的），请换一个。").replace("%1", str(p.get("name", "")))
        case e.UnitHasUpcomingBookings():
            return Wording.tr("%1 还有 %n 个未结束的预约，请先取消或改约后再停用。", None, int(p.get("count", 0))).replace(
                "%1", str(p.get("unit", "")))
        case e.NotAMember():
            name = str(p.get("name", ""))
            if not name:
                return translate("Wording", "此人还不是红色积分会员，请先加入红色积分。")
            return translate("Wording", "%1 还不是红色积分会员，请先加入红色积分。").replace("%1", name)
        case e.AlreadyMember():
            return translate("Wording", "此人已是红色积分会员（会员号 %1），请直接查找。").replace("%1", str(p.get("number", "")))
        case e.InsufficientPoints():
            return translate("Wording", "积分不足：当前余额 %1，需要 %2。余额不会变成负数。").replace(
                "%1", str(p.get("balance", 0))).replace("%2", str(p.get("needed", 0)))
        case e.PointsCapReached():
            cap, earned = str(p.get("cap", 0)), str(p.get("earned", 0))
            if p.get("period") == "month":
                return translate("Wording", "超过每月积分上限 %1：本月已获得 %2。请下月再记，或请管理员调整上限。").replace(
                    "%1", cap).replace("%2", earned)
            return translate("Wording", "超过每日积分上限 %1：今天已获得 %2。请明天再记，或请管理员调整上限。").replace(
                "%1", cap).replace("%2", earned)
        case e.AlreadyReversed():
            return translate("Wording", "这条流水已经冲正过，不能再冲正一次。")
        case e.CannotReverse():
            return translate("Wording", "冲正记录本身不能再冲正。如需更正，请做一次积分调整。")
        case e.DuplicateSubmission():
            return translate("Wording", "这次提交与已记账的另一笔变动重复，未再记账。请关闭窗口后重新操作。")
        case e.ProjectNotOpen():
            return translate("Wording", "该项目当前“%1”，不接受认领。").replace(
                "%1", project_status_name(str(p.get("status", ""))))
        case e.SignupClosed():
            return translate("Wording", "报名已于 %1 截止，不能再认领。").replace("%1", str(p.get("deadline", "")))
        case e.ProjectFull():
            return Wording.tr("名额已满（共 %n 个），不能再认领。", None, int(p.get("slots", 0)))
        case e.AlreadyClaimed():
            return translate("Wording", "此人已经认领了这个项目。")
        case e.NotClaimed():
            name = str(p.get("name", ""))
            if not name:
                return translate("Wording", "此人没有认领这个项目，不能登记完成。")
            return translate("Wording", "%1 没有认领这个项目，不能登记完成。").replace("%1", name)
        case e.WrongClaimState():
            return translate("Wording", "这条认领当前是“%1”，不能这样操作，请刷新后再试。").replace(
                "%1", claim_state_name(str(p.get("state", ""))))
        case e.ProjectStarted():
            return translate("Wording", "项目已经开始，不能再取消认领；没来的请登记为缺席。")
        case e.ProjectNotStarted():
            return translate("Wording", "项目 %1 才开始，开始后才能核验完成或登记缺席。").replace(
                "%1", str(p.get("starts", "")))
        case e.DeadlineAfterEnd():
            return translate("Wording", "报名截止不能晚于项目结束。")
        case e.PointsOneWay():
            return translate("Wording", "积分只能选一种算法：每次固定积分，或按小时计。")
        case e.SlotsBelowClaims():
            return Wording.tr("已有 %n 人认领，名额不能少于认领人数。", None, int(p.get("claimed", 0)))
        case e.DatabaseMissing():
            return translate("Wording", "找不到数据库：%1。请先运行 desk init 创建，或检查路径。").replace("%1", location)
        case e.DatabaseLocked():
            return translate("Wording", "数据库正被其他程序占用（%1）。请稍候再试；若持续出现，请关闭其他前台程序。").replace("%1", location)
        case e.DatabaseCorrupt():
            return translate("Wording", "文件 %1 已损坏或不是数据库。如果这是前台的数据库，请从备份恢复。").replace(
                "%1", location)
        case e.DatabaseTooNew():
            return translate("Wording", "数据库 %1 由更新版本的前台程序创建，请先升级本程序。").replace("%1", location)
        case e.NotADeskDatabase():
            return translate("Wording", "%1 不是红色港湾前台的数据库。").replace("%1", location)
        case e.DatabaseReadOnly():
            return translate("Wording", "无法写入数据库位置 %1。请选择可写的文件夹（DESK_DATA_DIR 或 --db）。").replace("%1", location)
        case e.DatabaseOnNetwork():
            return translate("Wording", "数据库 %1 位于网络路径上，SQLite 在网络共享上会损坏数据。"
                             "请放在本机磁盘，多台前台共用请使用 PostgreSQL。").replace("%1", location)
        case e.DatabaseUnreachable():
            return translate("Wording", "无法连接数据库 %1。请检查网络和数据库服务器。").replace("%1", location)
        case e.BackupNotSupported():
            return translate("Wording", "PostgreSQL 数据库请用 pg_dump 备份，例如：pg_dump -Fc -f desk.dump \"数据库地址\"。")
        case e.BackupFailed():
            return translate("Wording", "备份或恢复失败：%1。").replace("%1", str(p.get("detail", "")))
        case e.DateInFuture():
            return translate("Wording", "日期不能晚于今天（%1）。").replace("%1", str(p.get("latest", "")))
        case e.BadContactPhone():
            return translate("Wording", "请填写 11 位手机号，或带区号的固定电话，例如 0755-12345678（只用数字、空格和短横线）。")
        case e.BadAmount():
            return translate("Wording", "请填写以元为单位的金额，最多两位小数，例如 10 或 9.90；没有面值请留空。")
        case e.StockChanged():
            stock = p.get("stock")
            if stock is None:
                return translate("Wording", "库存刚被其他前台改为不限，未保存。请查看后再修改。")
            return translate("Wording", "库存刚被其他前台改变（现在剩 %1），未保存。请查看后再修改，或用“补货”增加。").replace(
                "%1", str(stock))
        case e.UnlimitedStock():
            return translate("Wording", "这个兑换项目不限库存，不需要补货。")
        case e.RewardUnavailable():
            if p.get("reason") == "merchant":
                return translate("Wording", "%1 已暂停参加积分兑换，暂不能兑换它的项目。").replace(
                    "%1", str(p.get("merchant", "")))
            return translate("Wording", "“%1”已下架，暂不能兑换。请选择其他兑换项目。").replace("%1", str(p.get("title", "")))
        case e.OutOfStock():
            return translate("Wording", "“%1”已兑完，请选择其他兑换项目。").replace("%1", str(p.get("title", "")))
        case e.MonthlyLimitReached():
            return Wording.tr("“%1”每位会员每月限兑 %n 次，本月已达上限，下月再来兑换。", None, int(p.get("limit", 0))).replace(
                "%1", str(p.get("title", "")))
        case e.VoucherNotIssued():
            return translate("Wording", "这张兑换券当前“%1”，不能再重印或作废。请刷新后再看。").replace(
                "%1", voucher_status_name(str(p.get("status", ""))))
        case e.NothingToSettle():
            return translate("Wording", "%1 在这段时间没有待结算的核销记录。").replace("%1", str(p.get("merchant", "")))
        case e.SerialMalformed():
            if p.get("reason") == "symbol":
                return translate("Wording", "券码里不会有“%1”（券码不用 0、O、1、I、L），请核对后重新输入，或扫描二维码。").replace(
                    "%1", str(p.get("symbol", "")))
            if p.get("reason") == "length":
                return translate("Wording", "券码是 8 位字母和数字（例如 HY7K-3M9Q），请核对后重新输入，或扫描二维码。")
            return translate("Wording", "这不是兑换券的券码，请核对后重新输入，或扫描二维码。")
        case e.SerialTypo():
            return translate("Wording", "券码有一位输错了（或两位颠倒了），请对照兑换券重新输入，或扫描二维码。")
        case e.NotAVoucher():
            return translate("Wording", "这不是兑换券的二维码。请扫描兑换券上的二维码，或输入券码。")
        case e.VoucherVersionUnsupported():
            return translate("Wording", "这张兑换券由更新版本的前台程序生成，本程序读不懂。请先升级本程序。")
        case e.UnknownVoucherKey():
            return translate("Wording", "这张兑换券的签名密钥（%1）本机不认识：可能不是本基地发的券，或本机还没有导入密钥。"
                             "请勿兑换，请管理员核实。").replace("%1", str(p.get("key_id", "")))
        case e.BadVoucherSignature():
            return translate("Wording", "兑换券的签名不符：二维码被改动过或是伪造的。请勿兑换。")
        case e.SigningKeyMissing():
            return translate("Wording", "这台电脑只有验券用的公钥，不能发券。请在持有签名密钥的前台兑换，或请管理员导入签名密钥。")
        case e.KeyBundleInvalid():
            return translate("Wording", "密钥包已损坏或不是前台的密钥包，未导入任何密钥。")
        case e.KeyConflict():
            return translate("Wording", "密钥 %1 与本机已有的同名密钥不同，未导入任何密钥。请核对密钥包的来源。").replace(
                "%1", str(p.get("key_id", "")))
        case e.KeyInUse():
            return translate("Wording", "密钥 %1 正在签发新的兑换券，不能删除。请先更换密钥。").replace(
                "%1", str(p.get("key_id", "")))
        case e.KeyPassphraseRequired():
            return translate("Wording", "签名密钥用口令加密，请输入口令。")
        case e.KeyPassphraseWeak():
            return translate("Wording", "口令至少要 %1 个字符，不能含控制字符。").replace("%1", str(p.get("min_length", "")))
        case e.KeyPassphraseWrong():
            return translate("Wording", "口令不对（或密钥包被改动过），未导入任何密钥。")
    return translate("Wording", "操作未能完成（%1）。").replace("%1", error.code)


def _format_text(expected: str) -> str:
    match expected:
        case "username":
            return translate("Wording", "用户名需 3–32 位，只能用小写字母、数字和 . _ -，并以字母或数字开头。")
        case "base_code":
            return translate("Wording", "基地代码需 2–8 位大写字母或数字，例如 MH。")
        case "role":
            return translate("Wording", "角色只能是 admin、desk 或 merchant。")
        case "timezone":
            return translate("Wording", "不认识的时区，例如 Asia/Shanghai。")
        case "language":
            return translate("Wording", "不支持的语言。")
        case "phone":
            return translate("Wording", "手机号应为 11 位大陆手机号，例如 138 1234 5678（可带 +86）。")
        case "category" | "purpose" | "platform":
            return translate("Wording", "请从列表中选择。")
        case "date":
            return translate("Wording", "日期格式应为 YYYY-MM-DD。")
        case "time":
            return translate("Wording", "时间格式应为 HH:MM。")
        case "member_code":
            return translate("Wording", "这不是有效的会员卡，请重新扫描，或输入卡上的会员号。")
    return translate("Wording", "格式不正确。")


def field_label(field: str | None) -> str:
    """The name of a field, for messages that are not shown next to it (the command line)."""
    labels = {
        "username": translate("Wording", "用户名"),
        "display_name": translate("Wording", "姓名"),
        "password": translate("Wording", "密码"),
        "password_repeat": translate("Wording", "再次输入密码"),
        "new_password": translate("Wording", "新密码"),
        "new_password_repeat": translate("Wording", "再次输入新密码"),
        "current_password": translate("Wording", "当前密码"),
        "role": translate("Wording", "角色"),
        "merchant": translate("Wording", "商家"),
        "base_name": translate("Wording", "基地名称"),
        "base_code": translate("Wording", "基地代码"),
        "address": translate("Wording", "地址"),
        "timezone": translate("Wording", "时区"),
        "closure_reason": translate("Wording", "闭馆原因"),
        "closure_end": translate("Wording", "闭馆结束日期"),
        "language": translate("Wording", "语言"),
        "points": translate("Wording", "积分"),
        "reason": translate("Wording", "原因"),
    }
    if field and field.startswith("hours_") and field[6:].isdigit():
        return weekday_name(int(field[6:]))
    return labels.get(field or "", field or "")


def weekday_name(weekday: int) -> str:
    names = (translate("Wording", "星期一"), translate("Wording", "星期二"), translate("Wording", "星期三"), translate("Wording", "星期四"), translate("Wording", "星期五"), translate("Wording", "星期六"), translate("Wording", "星期日"))
    return names[weekday]


def role_name(role: str) -> str:
    return {"admin": translate("Wording", "管理员"), "desk": translate("Wording", "前台"), "merchant": translate("Wording", "商户收银员")}.get(role, role)


def category_name(category: str) -> str:
    """A person's category (desk.domain.people.Category value) as staff say it."""
    return {
        "party_member": translate("Wording", "党员"),
        "resident": translate("Wording", "群众"),
        "new_employment": translate("Wording", "新就业群体"),
        "merchant_staff": translate("Wording", "商户"),
        "volunteer": translate("Wording", "志愿者"),
    }.get(category, category)


def purpose_name(purpose: str) -> str:
    """The purpose of a visit (desk.domain.people.Purpose value)."""
    return {
        "reading": translate("Wording", "阅读"),
        "nursing": translate("Wording", "母婴室"),
        "charging": translate("Wording", "充电"),
        "legal_aid": translate("Wording", "法律咨询"),
        "rest": translate("Wording", "休息"),
        "meeting": translate("Wording", "会议活动"),
        "enquiry": translate("Wording", "办事咨询"),
        "other": translate("Wording", "其他"),
    }.get(purpose, purpose)


def platform_name(platform: str) -> str:
    """Who a courier, rider or driver works for (desk.domain.people.Platform value)."""
    return {
        "meituan": translate("Wording", "美团"),
        "eleme": translate("Wording", "饿了么"),
        "sf": translate("Wording", "顺丰"),
        "jd": translate("Wording", "京东"),
        "didi": translate("Wording", "滴滴"),
        "other": translate("Wording", "其他平台"),
    }.get(platform, platform)


def service_name(flag: int) -> str:
    """One 暖新驿站 service (a single desk.domain.people.StationService bit)."""
    return {
        1: translate("Wording", "热水"),
        2: translate("Wording", "微波炉"),
        4: translate("Wording", "休息"),
        8: translate("Wording", "充电"),
        16: translate("Wording", "卫生间"),
    }.get(int(flag), str(int(flag)))


def booking_state_name(state: str) -> str:
    """A booking's state (desk.domain.booking.BookingState value)."""
    return {
        "booked": translate("Wording", "已预约"),
        "checked_in": translate("Wording", "已签到"),
        "completed": translate("Wording", "已完成"),
        "cancelled": translate("Wording", "已取消"),
        "no_show": translate("Wording", "未到"),
    }.get(state, state)


def entry_kind_name(kind: str) -> str:
    """The kind of a points ledger entry (desk.domain.points.EntryKind value)."""
    return {
        "earn": translate("Wording", "获得"),
        "spend": translate("Wording", "兑换"),
        "refund": translate("Wording", "退还"),
        "adjust": translate("Wording", "调整"),
        "expire": translate("Wording", "过期"),
        "reverse": translate("Wording", "冲正"),
    }.get(kind, kind)


def project_kind_name(kind: str) -> str:
    """The kind of a service project (desk.domain.points.ProjectKind value)."""
    return {
        "volunteer": translate("Wording", "志愿服务"),
        "activity": translate("Wording", "活动"),
        "training": translate("Wording", "培训"),
        "grid_report": translate("Wording", "网格上报"),
    }.get(kind, kind)


def project_status_name(status: str) -> str:
    """A service project's status (desk.domain.points.ProjectStatus value)."""
    return {
        "open": translate("Wording", "报名中"),
        "closed": translate("Wording", "已截止报名"),
        "finished": translate("Wording", "已结束"),
    }.get(status, status)


def claim_state_name(state: str) -> str:
    """A claim's state (desk.domain.points.ClaimState value)."""
    return {
        "claimed": translate("Wording", "已认领"),
        "cancelled": translate("Wording", "已取消"),
        "completed": translate("Wording", "已完成"),
        "absent": translate("Wording", "缺席"),
    }.get(state, state)


def visit_words() -> VisitWords:
    """Every word of the 台账 and of the visit exports (XLSX, CSV) in the desk's language."""
    from desk.domain.people import ALL_STATION_SERVICES, Category, CheckoutKind, Platform, Purpose
    from desk.printing.register import VisitWords

    return VisitWords(
        title=translate("Wording", "到访登记台账"),
        date_line=translate("Wording", "日期：{day}"),
        total=translate("Wording", "共 {visits} 条登记，合计 {people} 人次"),
        nobody=translate("Wording", "当日没有到访登记。"),
        page=translate("Wording", "第 {page} 页，共 {pages} 页"),
        anonymous=translate("Wording", "（{what}）"),
        group=translate("Wording", "{name} 等 {count} 人"),
        automatic=translate("Wording", "{time} 自动"),
        sheet=translate("Wording", "到访记录"),
        day=translate("Wording", "日期"),
        name=translate("Wording", "姓名"),
        phone=translate("Wording", "电话"),
        category=translate("Wording", "类别"),
        platform=translate("Wording", "平台"),
        purpose=translate("Wording", "事由"),
        party_size=translate("Wording", "人数"),
        arrived=translate("Wording", "到达"),
        left=translate("Wording", "离开"),
        minutes=translate("Wording", "时长（分钟）"),
        checkout_kind=translate("Wording", "离开方式"),
        services=translate("Wording", "驿站服务"),
        staff=translate("Wording", "经办人"),
        categories={c.value: category_name(c.value) for c in Category},
        purposes={p.value: purpose_name(p.value) for p in Purpose},
        platforms={p.value: platform_name(p.value) for p in Platform},
        station_services={int(s): service_name(int(s)) for s in ALL_STATION_SERVICES},
        checkout_kinds={CheckoutKind.MANUAL.value: translate("Wording", "手动"),
                        CheckoutKind.AUTOMATIC.value: translate("Wording", "闭馆自动")},
    )


def holiday_name(name: str) -> str:
    """A statutory holiday as `chinese-calendar` names it (in English), the way staff say it."""
    return {
        "New Year's Day": translate("Wording", "元旦"),
        "Spring Festival": translate("Wording", "春节"),
        "Tomb-sweeping Day": translate("Wording", "清明节"),
        "Labour Day": translate("Wording", "劳动节"),
        "Dragon Boat Festival": translate("Wording", "端午节"),
        "National Day": translate("Wording", "国庆节"),
        "Mid-autumn Festival": translate("Wording", "中秋节"),
        "Anti-Fascist 70th Day": translate("Wording", "抗战胜利纪念日"),
    }.get(name, name)


def voucher_status_name(status: str) -> str:
    """A voucher's state (desk.domain.vouchers.VoucherStatus value)."""
    return {
        "issued": translate("Wording", "未使用"),
        "redeemed": translate("Wording", "已核销"),
        "void": translate("Wording", "已作废"),
        "expired": translate("Wording", "已过期"),
    }.get(status, status)


def outcome_name(outcome: str) -> str:
    """What a scan at the redemption station came to (desk.domain.vouchers.Outcome value), in a few words."""
    return {
        "redeemed": translate("Wording", "核销成功"),
        "already_redeemed": translate("Wording", "此券已核销过"),
        "expired": translate("Wording", "此券已过期"),
        "voided": translate("Wording", "此券已作废"),
        "wrong_merchant": translate("Wording", "不是本店的兑换券"),
        "not_genuine": translate("Wording", "不是有效的兑换券"),
        "typo": translate("Wording", "券码有一位输错了"),
        "valid": translate("Wording", "可以核销"),
    }.get(outcome, outcome)
