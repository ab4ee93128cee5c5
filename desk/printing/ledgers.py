"""Printing layer: the 台账 of bookings, charging sessions, the points ledger and vouchers — for each, every word
(Chinese by default; the window and the command line pass them in the desk's language), its columns and the cells
of one row, and the total line. The same columns make the PDF (desk.printing.ledger_table), the XLSX and the CSV
(desk.services.exports), so a register reads the same on paper and in a spreadsheet."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, TypeVar

from desk.printing.ledger_table import Cell, Column, TableWords

if TYPE_CHECKING:
    from desk.services.ledgers import BookingLedgerRow, ChargingRow, PointsLedgerRow, VoucherLedgerRow

Row = TypeVar("Row", contravariant=True)

BOOKING_STATE_WORDS = {"booked": "已预约", "checked_in": "已签到", "completed": "已完成", "cancelled": "已取消",
                       "no_show": "未到"}
ENTRY_KIND_WORDS = {"earn": "获得", "spend": "兑换", "refund": "退还", "adjust": "调整", "expire": "过期",
                    "reverse": "冲正"}
VOUCHER_STATUS_WORDS = {"issued": "未使用", "redeemed": "已核销", "void": "已作废", "expired": "已过期"}
_HOUR = "%H:%M"  # a time beside the row's date column


class LedgerWords(Protocol[Row]):
    """What an export of a 台账 needs of its words."""

    @property
    def register(self) -> str: ...

    @property
    def sheet(self) -> str: ...

    @property
    def table(self) -> TableWords: ...

    def columns(self) -> list[Column]: ...

    def cells(self, row: Row) -> tuple[Cell, ...]: ...

    def total(self, rows: Sequence[Row]) -> str: ...


def _who(person_id: int | None, name: str, anonymous: str, anonymised: str) -> str:
    """The name; 匿名 for a booking made without a person; a mark for a person whose data was anonymised."""
    if person_id is None:
        return anonymous
    return name or anonymised


@dataclass(frozen=True)
class BookingWords:
    register: str = "预约台账"
    sheet: str = "预约记录"
    day: str = "日期"
    facility: str = "设施"
    unit: str = "位置"
    start: str = "开始"
    end: str = "结束"
    minutes: str = "时长（分钟）"
    name: str = "姓名"
    phone: str = "电话"
    party_size: str = "人数"
    state: str = "状态"
    cancel_reason: str = "取消原因"
    checked_in: str = "签到时间"
    staff: str = "经办人"
    anonymous: str = "匿名"
    anonymised: str = "（已匿名化）"
    total_line: str = ("合计：{count} 条预约，{people} 人次，{minutes} 分钟；已完成 {completed} 条，已取消 {cancelled} 条，"
                       "未到 {no_show} 条")
    states: Mapping[str, str] = field(default_factory=lambda: dict(BOOKING_STATE_WORDS))
    table: TableWords = field(default_factory=TableWords)

    def columns(self) -> list[Column]:
        return [
            Column(self.day, 19, 12, "CENTER"), Column(self.facility, 24, 14), Column(self.unit, 16, 10),
            Column(self.start, 11, 17, "CENTER", _HOUR), Column(self.end, 11, 17, "CENTER", _HOUR),
            Column(self.minutes, 12, 10, "RIGHT"), Column(self.name, 22, 14), Column(self.phone, 21, 13),
            Column(self.party_size, 9, 6, "RIGHT"), Column(self.state, 13, 9), Column(self.cancel_reason, 24, 16),
            Column(self.checked_in, 13, 17, "CENTER", _HOUR), Column(self.staff, 17, 12),
        ]

    def cells(self, row: BookingLedgerRow) -> tuple[Cell, ...]:
        return (row.day, row.facility, row.unit, row.starts_at, row.ends_at, row.minutes,
                _who(row.person_id, row.name, self.anonymous, self.anonymised), row.masked_phone, row.party_size,
                self.states.get(row.state.value, row.state.value), row.cancel_reason, row.checked_in_at, row.staff)

    def total(self, rows: Sequence[BookingLedgerRow]) -> str:
        states = Counter(row.state.value for row in rows)
        return self.total_line.format(
            count=len(rows), people=sum(row.party_size for row in rows), minutes=sum(row.minutes for row in rows),
            completed=states["completed"], cancelled=states["cancelled"], no_show=states["no_show"])


@dataclass(frozen=True)
class ChargingWords:
    register: str = "充电台账"
    sheet: str = "充电记录"
    day: str = "日期"
    facility: str = "设施"
    port: str = "充电位"
    start: str = "开始"
    planned_end: str = "预计结束"
    stopped: str = "结束"
    minutes: str = "时长（分钟）"
    name: str = "姓名"
    phone: str = "电话"
    safety: str = "安全检查"
    overdue: str = "超时"
    state: str = "状态"
    anonymous: str = "匿名"
    anonymised: str = "（已匿名化）"
    ticked: str = "已勾选"
    not_ticked: str = "未勾选"
    yes: str = "是"
    no: str = "否"
    total_line: str = "合计：{count} 次充电，已结束 {stopped} 次，共 {minutes} 分钟；超时 {overdue} 次"
    states: Mapping[str, str] = field(default_factory=lambda: dict(BOOKING_STATE_WORDS))
    table: TableWords = field(default_factory=TableWords)

    def columns(self) -> list[Column]:
        return [
            Column(self.day, 19, 12, "CENTER"), Column(self.facility, 26, 14), Column(self.port, 18, 10),
            Column(self.start, 12, 17, "CENTER", _HOUR), Column(self.planned_end, 14, 17, "CENTER", _HOUR),
            Column(self.stopped, 12, 17, "CENTER", _HOUR), Column(self.minutes, 13, 10, "RIGHT"),
            Column(self.name, 22, 14), Column(self.phone, 21, 13), Column(self.safety, 15, 10, "CENTER"),
            Column(self.overdue, 10, 7, "CENTER"), Column(self.state, 13, 9),
        ]

    def cells(self, row: ChargingRow) -> tuple[Cell, ...]:
        safety = "" if row.safety_checked is None else (self.ticked if row.safety_checked else self.not_ticked)
        return (row.day, row.facility, row.port, row.starts_at, row.ends_at, row.stopped_at, row.minutes,
                _who(row.person_id, row.name, self.anonymous, self.anonymised), row.masked_phone, safety,
                self.yes if row.overdue else self.no, self.states.get(row.state.value, row.state.value))

    def total(self, rows: Sequence[ChargingRow]) -> str:
        stopped = [row.minutes for row in rows if row.minutes is not None]
        return self.total_line.format(count=len(rows), stopped=len(stopped), minutes=sum(stopped),
                                      overdue=sum(1 for row in rows if row.overdue))


@dataclass(frozen=True)
class PointsLedgerWords:
    register: str = "积分流水台账"
    sheet: str = "积分流水"
    number: str = "流水号"
    at: str = "时间"
    member_no: str = "会员号"
    name: str = "姓名"
    phone: str = "电话"
    kind: str = "类型"
    amount: str = "积分"
    balance: str = "余额"
    reason: str = "原因"
    reference: str = "关联"
    staff: str = "经办人"
    anonymised: str = "（已匿名化）"
    system: str = "系统"  # who wrote an expiry
    project: str = "项目：{title}"
    voucher: str = "兑换券 {code}"
    reverses: str = "冲正第 {number} 号"
    total_line: str = ("合计：{count} 条流水；获得 {earned}，兑换 {spent}，退还 {refunded}，调整 {adjusted}，"
                       "冲正 {reversed}，过期 {expired}；净变动 {net}")
    kinds: Mapping[str, str] = field(default_factory=lambda: dict(ENTRY_KIND_WORDS))
    table: TableWords = field(default_factory=TableWords)

    def columns(self) -> list[Column]:
        return [
            Column(self.number, 13, 9, "RIGHT"), Column(self.at, 26, 17, "CENTER"), Column(self.member_no, 20, 14),
            Column(self.name, 16, 12), Column(self.phone, 21, 13), Column(self.kind, 10, 7, "CENTER"),
            Column(self.amount, 11, 8, "RIGHT"), Column(self.balance, 11, 8, "RIGHT"), Column(self.reason, 56, 32),
            Column(self.reference, 54, 24), Column(self.staff, 16, 12),
        ]

    def reference_of(self, row: PointsLedgerRow) -> str:
        if row.reverses_id is not None:
            return self.reverses.format(number=row.reverses_id)
        if row.ref_kind == "voucher" and row.reference:
            return self.voucher.format(code=row.reference)
        if row.ref_kind == "claim" and row.reference:
            return self.project.format(title=row.reference)
        return row.reference

    def cells(self, row: PointsLedgerRow) -> tuple[Cell, ...]:
        staff = row.staff or (self.system if row.kind.value == "expire" else "")
        return (row.id, row.at, row.member_no, row.name or self.anonymised, row.masked_phone,
                self.kinds.get(row.kind.value, row.kind.value), row.amount, row.balance_after, row.reason,
                self.reference_of(row), staff)

    def total(self, rows: Sequence[PointsLedgerRow]) -> str:
        sums: Counter[str] = Counter()
        for row in rows:
            sums[row.kind.value] += row.amount
        net = sum(sums.values())
        return self.total_line.format(
            count=len(rows), earned=sums["earn"], spent=sums["spend"], refunded=sums["refund"],
            adjusted=sums["adjust"], reversed=sums["reverse"], expired=sums["expire"], net=f"{net:+d}")


@dataclass(frozen=True)
class VoucherLedgerWords:
    register: str = "兑换券台账"
    sheet: str = "兑换券"
    code: str = "券码"
    reward: str = "兑换项目"
    merchant: str = "商家"
    member_no: str = "会员号"
    name: str = "姓名"
    points: str = "积分"
    face_value: str = "面值（元）"
    status: str = "状态"
    issued: str = "发券时间"
    expires: str = "有效期至"
    redeemed: str = "核销时间"
    redeemed_by: str = "核销人"
    voided: str = "作废/过期时间"
    void_reason: str = "作废原因"
    settlement: str = "结算单号"
    anonymised: str = "（已匿名化）"
    total_line: str = ("合计：{count} 张兑换券，{points} 积分，面值 {value} 元；已核销 {redeemed} 张，未使用 {issued} 张，"
                       "已作废 {void} 张，已过期 {expired} 张")
    statuses: Mapping[str, str] = field(default_factory=lambda: dict(VOUCHER_STATUS_WORDS))
    table: TableWords = field(default_factory=TableWords)

    def columns(self) -> list[Column]:
        return [
            # A time with its date needs 26 mm: fifteen columns fill the page.
            Column(self.code, 21, 11), Column(self.reward, 24, 20), Column(self.merchant, 21, 16),
            Column(self.member_no, 18, 14), Column(self.name, 14, 10), Column(self.points, 9, 7, "RIGHT"),
            Column(self.face_value, 12, 10, "RIGHT"), Column(self.status, 12, 8, "CENTER"),
            Column(self.issued, 26, 17, "CENTER"), Column(self.expires, 18, 12, "CENTER"),
            Column(self.redeemed, 26, 17, "CENTER"), Column(self.redeemed_by, 14, 10),
            Column(self.voided, 26, 17, "CENTER"), Column(self.void_reason, 18, 16),
            Column(self.settlement, 15, 10),
        ]

    def cells(self, row: VoucherLedgerRow) -> tuple[Cell, ...]:
        return (row.code, row.reward, row.merchant, row.member_no, row.name or self.anonymised, row.points,
                row.face_value, self.statuses.get(row.status.value, row.status.value), row.issued_at,
                row.expires_on, row.redeemed_at, row.redeemed_by, row.voided_at, row.void_reason, row.settlement)

    def total(self, rows: Sequence[VoucherLedgerRow]) -> str:
        statuses = Counter(row.status.value for row in rows)
        value = sum((row.face_value for row in rows if row.face_value is not None), Decimal(0))
        return self.total_line.format(
            count=len(rows), points=sum(row.points for row in rows), value=f"{value:.2f}",
            redeemed=statuses["redeemed"], issued=statuses["issued"], void=statuses["void"],
            expired=statuses["expired"])


__all__ = [
    "BOOKING_STATE_WORDS",
    "ENTRY_KIND_WORDS",
    "VOUCHER_STATUS_WORDS",
    "BookingWords",
    "ChargingWords",
    "LedgerWords",
    "PointsLedgerWords",
    "VoucherLedgerWords",
]
