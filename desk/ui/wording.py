"""UI layer: the words for every expected failure, translated. Needs only QtCore, so the CLI uses it too.

Messages say what happened and what to do. They never name which of username or password was wrong.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.domain import errors as e

_CTX = "Wording"


def _t(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(_CTX, text, None, n)


def error_text(error: e.DeskError) -> str:
    p = error.params
    location = str(p.get("location", ""))
    match error:
        case e.Required():
            return _t("请填写此项。")
        case e.TooLong():
            return _t("太长了：最多 %n 个字符。", int(p.get("max_length", 0)))
        case e.TooShort():
            return _t("太短了：至少 %n 个字符。", int(p.get("min_length", 0)))
        case e.ControlCharacters():
            return _t("含有不可见的控制字符，请重新输入。")
        case e.BadFormat():
            return _format_text(str(p.get("expected", "")))
        case e.EndBeforeStart():
            return _t("结束不能早于开始，请检查时间。")
        case e.PasswordsDiffer():
            return _t("两次输入的密码不一致，请重新输入。")
        case e.OutOfRange():
            return _t("超出允许范围（%1–%2）。").replace("%1", str(p.get("minimum"))).replace(
                "%2", str(p.get("maximum")))
        case e.LoginFailed():
            return _t("用户名或密码不正确。")
        case e.AccountLocked():
            return _t("登录失败次数过多，账户已暂时锁定，请 %n 分钟后再试，或请管理员重置密码。",
                      int(p.get("minutes", 15)))
        case e.AccountDisabled():
            return _t("此账户已停用，请联系管理员。")
        case e.WrongPassword():
            return _t("当前密码不正确。")
        case e.PermissionDenied():
            return _t("您没有执行此操作的权限，请让管理员处理。")
        case e.UsernameTaken():
            return _t("用户名“%1”已被使用，请换一个。").replace("%1", str(p.get("username", "")))
        case e.NotFound():
            return _t("找不到该记录，可能已被其他前台删除，请刷新后再试。")
        case e.LastAdmin():
            return _t("这是唯一启用的管理员，不能停用或降级。请先设置另一位管理员。")
        case e.AlreadySetUp():
            return _t("此数据库已完成初始设置，请直接登录。")
        case e.MerchantRequired():
            return _t("商户收银员必须绑定一个联盟商家。")
        case e.MerchantNotAllowed():
            return _t("只有商户收银员才绑定商家。")
        case e.DatabaseMissing():
            return _t("找不到数据库：%1。请先运行 desk init 创建，或检查路径。").replace("%1", location)
        case e.DatabaseLocked():
            return _t("数据库正被其他程序占用（%1）。请稍候再试；若持续出现，请关闭其他前台程序。").replace("%1", location)
        case e.DatabaseCorrupt():
            return _t("数据库文件已损坏或不是数据库：%1。请从备份恢复（desk restore）。").replace("%1", location)
        case e.DatabaseTooNew():
            return _t("数据库 %1 由更新版本的前台程序创建，请先升级本程序。").replace("%1", location)
        case e.NotADeskDatabase():
            return _t("%1 不是红色港湾前台的数据库。").replace("%1", location)
        case e.DatabaseReadOnly():
            return _t("无法写入数据库位置 %1。请选择可写的文件夹（DESK_DATA_DIR 或 --db）。").replace("%1", location)
        case e.DatabaseOnNetwork():
            return _t("数据库 %1 位于网络路径上，SQLite 在网络共享上会损坏数据。请放在本机磁盘，多台前台共用请使用 PostgreSQL。"
                      ).replace("%1", location)
        case e.DatabaseUnreachable():
            return _t("无法连接数据库 %1。请检查网络和数据库服务器。").replace("%1", location)
        case e.BackupNotSupported():
            return _t("PostgreSQL 数据库请用 pg_dump 备份，例如：pg_dump -Fc -f desk.dump \"数据库地址\"。")
        case e.BackupFailed():
            return _t("备份或恢复失败：%1。").replace("%1", str(p.get("detail", "")))
    return _t("操作未能完成（%1）。").replace("%1", error.code)


def _format_text(expected: str) -> str:
    match expected:
        case "username":
            return _t("用户名需 3–32 位，只能用小写字母、数字和 . _ -，并以字母或数字开头。")
        case "base_code":
            return _t("基地代码需 2–8 位大写字母或数字，例如 MH。")
        case "role":
            return _t("角色只能是 admin、desk 或 merchant。")
        case "timezone":
            return _t("不认识的时区，例如 Asia/Shanghai。")
        case "language":
            return _t("不支持的语言。")
        case "date":
            return _t("日期格式应为 YYYY-MM-DD。")
        case "time":
            return _t("时间格式应为 HH:MM。")
    return _t("格式不正确。")


def field_label(field: str | None) -> str:
    """The name of a field, for messages that are not shown next to it (the command line)."""
    labels = {
        "username": _t("用户名"),
        "display_name": _t("姓名"),
        "password": _t("密码"),
        "password_repeat": _t("再次输入密码"),
        "new_password": _t("新密码"),
        "new_password_repeat": _t("再次输入新密码"),
        "current_password": _t("当前密码"),
        "role": _t("角色"),
        "merchant": _t("商家"),
        "base_name": _t("基地名称"),
        "base_code": _t("基地代码"),
        "address": _t("地址"),
        "timezone": _t("时区"),
        "closure_reason": _t("闭馆原因"),
        "closure_end": _t("闭馆结束日期"),
        "language": _t("语言"),
    }
    if field and field.startswith("hours_") and field[6:].isdigit():
        return weekday_name(int(field[6:]))
    return labels.get(field or "", field or "")


def weekday_name(weekday: int) -> str:
    names = (_t("星期一"), _t("星期二"), _t("星期三"), _t("星期四"), _t("星期五"), _t("星期六"), _t("星期日"))
    return names[weekday]


def role_name(role: str) -> str:
    return {"admin": _t("管理员"), "desk": _t("前台"), "merchant": _t("商户收银员")}.get(role, role)
