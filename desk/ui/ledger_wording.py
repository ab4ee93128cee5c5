"""UI layer: every word of the 台账 of bookings, charging sessions, the points ledger and vouchers (PDF, XLSX, CSV)
in the desk's language, for the window and the command line. Needs only QtCore."""

from __future__ import annotations

from desk.domain.booking import BookingState
from desk.domain.points import EntryKind
from desk.domain.vouchers import VoucherStatus
from desk.printing.ledger_table import TableWords
from desk.printing.ledgers import BookingWords, ChargingWords, PointsLedgerWords, VoucherLedgerWords
from desk.ui.wording import booking_state_name, entry_kind_name, translate, voucher_status_name


def table_words() -> TableWords:
    return TableWords(
        title=translate("Wording", "{base} {register}"),
        range_line=translate("Wording", "日期：{start} 至 {end}"),
        one_day=translate("Wording", "日期：{day}"),
        printed=translate("Wording", "打印时间：{time}"),
        nobody=translate("Wording", "此期间没有记录。"),
        page=translate("Wording", "第 {page} 页，共 {pages} 页"),
    )


def booking_words() -> BookingWords:
    return BookingWords(
        register=translate("Wording", "预约台账"),
        sheet=translate("Wording", "预约记录"),
        day=translate("Wording", "日期"),
        facility=translate("Wording", "设施"),
        unit=translate("Wording", "位置"),
        start=translate("Wording", "开始"),
        end=translate("Wording", "结束"),
        minutes=translate("Wording", "时长（分钟）"),
        name=translate("Wording", "姓名"),
        phone=translate("Wording", "电话"),
        party_size=translate("Wording", "人数"),
        state=translate("Wording", "状态"),
        cancel_reason=translate("Wording", "取消原因"),
        checked_in=translate("Wording", "签到时间"),
        staff=translate("Wording", "经办人"),
        anonymous=translate("Wording", "匿名"),
        anonymised=translate("Wording", "（已匿名化）"),
        total_line=translate("Wording", "合计：{count} 条预约，{people} 人次，{minutes} 分钟；已完成 {completed} 条，"
                                        "已取消 {cancelled} 条，未到 {no_show} 条"),
        states={state.value: booking_state_name(state.value) for state in BookingState},
        table=table_words(),
    )


def charging_words() -> ChargingWords:
    return ChargingWords(
        register=translate("Wording", "充电台账"),
        sheet=translate("Wording", "充电记录"),
        day=translate("Wording", "日期"),
        facility=translate("Wording", "设施"),
        port=translate("Wording", "充电位"),
        start=translate("Wording", "开始"),
        planned_end=translate("Wording", "预计结束"),
        stopped=translate("Wording", "结束"),
        minutes=translate("Wording", "时长（分钟）"),
        name=translate("Wording", "姓名"),
        phone=translate("Wording", "电话"),
        safety=translate("Wording", "安全检查"),
        overdue=translate("Wording", "超时"),
        state=translate("Wording", "状态"),
        anonymous=translate("Wording", "匿名"),
        anonymised=translate("Wording", "（已匿名化）"),
        ticked=translate("Wording", "已勾选"),
        not_ticked=translate("Wording", "未勾选"),
        yes=translate("Wording", "是"),
        no=translate("Wording", "否"),
        total_line=translate("Wording", "合计：{count} 次充电，已结束 {stopped} 次，共 {minutes} 分钟；超时 {overdue} 次"),
        states={state.value: booking_state_name(state.value) for state in BookingState},
        table=table_words(),
    )


def points_ledger_words() -> PointsLedgerWords:
    return PointsLedgerWords(
        register=translate("Wording", "积分流水台账"),
        sheet=translate("Wording", "积分流水"),
        number=translate("Wording", "流水号"),
        at=translate("Wording", "时间"),
        member_no=translate("Wording", "会员号"),
        name=translate("Wording", "姓名"),
        phone=translate("Wording", "电话"),
        kind=translate("Wording", "类型"),
        amount=translate("Wording", "积分"),
        balance=translate("Wording", "余额"),
        reason=translate("Wording", "原因"),
        reference=translate("Wording", "关联"),
        staff=translate("Wording", "经办人"),
        anonymised=translate("Wording", "（已匿名化）"),
        system=translate("Wording", "系统"),
        project=translate("Wording", "项目：{title}"),
        voucher=translate("Wording", "兑换券 {code}"),
        reverses=translate("Wording", "冲正第 {number} 号"),
        total_line=translate("Wording", "合计：{count} 条流水；获得 {earned}，兑换 {spent}，退还 {refunded}，"
                                        "调整 {adjusted}，冲正 {reversed}，过期 {expired}；净变动 {net}"),
        kinds={kind.value: entry_kind_name(kind.value) for kind in EntryKind},
        table=table_words(),
    )


def voucher_ledger_words() -> VoucherLedgerWords:
    return VoucherLedgerWords(
        register=translate("Wording", "兑换券台账"),
        sheet=translate("Wording", "兑换券"),
        code=translate("Wording", "券码"),
        reward=translate("Wording", "兑换项目"),
        merchant=translate("Wording", "商家"),
        member_no=translate("Wording", "会员号"),
        name=translate("Wording", "姓名"),
        points=translate("Wording", "积分"),
        face_value=translate("Wording", "面值（元）"),
        status=translate("Wording", "状态"),
        issued=translate("Wording", "发券时间"),
        expires=translate("Wording", "有效期至"),
        redeemed=translate("Wording", "核销时间"),
        redeemed_by=translate("Wording", "核销人"),
        voided=translate("Wording", "作废/过期时间"),
        void_reason=translate("Wording", "作废原因"),
        settlement=translate("Wording", "结算单号"),
        anonymised=translate("Wording", "（已匿名化）"),
        total_line=translate("Wording", "合计：{count} 张兑换券，{points} 积分，面值 {value} 元；已核销 {redeemed} 张，"
                                        "未使用 {issued} 张，已作废 {void} 张，已过期 {expired} 张"),
        statuses={status.value: voucher_status_name(status.value) for status in VoucherStatus},
        table=table_words(),
    )
