"""Services layer: the 积分公示 (points notice) — for one period, every member whose points moved: what they earned,
what they used and what they held at the end, for the notice board and for the report upward. Names are masked
(张*明) and only the last four digits of a phone are shown. Exports are audited (`points_notice_exported`).

The figures come from the ledger in two set-based statements, however many members there are: one pass over the
period's entries through `ix_points_entry_at`, grouped by member, joined to the member and the person; and, for each
member found, the balance after their last entry before the period's end through `ix_points_entry_member_id_id`
(newest first, stopping at the first row: a correlated subquery, cheaper than a window over the whole history).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from desk.domain.people import mask_name
from desk.domain.periods import Period
from desk.domain.points import EntryKind
from desk.domain.staff import Actor, Role
from desk.printing.points_notice import NoticeLabels, points_notice_pdf, points_notice_xlsx
from desk.services import audit
from desk.services.bases import current_base
from desk.services.context import ServiceContext
from desk.storage.models import Member, Person, PointsEntry

DEFAULT_ZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class NoticeRow:
    member_id: int
    masked_name: str  # 张*明; "" for a person whose name was never given or has been anonymised
    phone_last4: str  # the last four digits only; "" when no phone is known
    member_no: str
    earned: int
    spent: int
    balance: int  # at the end of the period


@dataclass(frozen=True)
class NoticeTotals:
    members: int
    earned: int
    spent: int
    balance: int


@dataclass(frozen=True)
class PointsNotice:
    base_name: str
    period: Period
    rows: tuple[NoticeRow, ...]
    totals: NoticeTotals
    generated_at: dt.datetime  # in the base's zone


class PointsNoticeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def notice(self, period: Period) -> PointsNotice:
        """One row per member of this base with at least one ledger entry dated in `period` (local days of the
        base's zone, both ends included), sorted by points earned (most first), then by member number.

        - earned: the sum of the member's `earn` entries in the period.
        - spent: the points of the member's `spend` entries in the period less the points of the `refund` entries
          in the period (a refund gives back points spent on a voucher). It is negative when the period's refunds
          give back more than was spent in it, i.e. spending of an earlier period was refunded now.
        - balance: the balance after the member's last entry (highest id) dated before the period's end — entries
          before the period count, entries after it do not.
        `adjust`, `expire` and `reverse` entries are in neither earned nor spent: they only move the balance (and
        they put a member on the notice). Members are those who joined at this desk's base."""
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            base_name, base_id = base.name, base.id
            zone = zoneinfo.ZoneInfo(base.timezone or DEFAULT_ZONE)
            start, end = period.bounds(zone)

            earned = func.sum(case((PointsEntry.kind == EntryKind.EARN.value, PointsEntry.amount), else_=0))
            # Spends are negative and refunds positive: minus their sum is what was used, net of refunds.
            spent = -func.sum(case((PointsEntry.kind.in_([EntryKind.SPEND.value, EntryKind.REFUND.value]),
                                    PointsEntry.amount), else_=0))
            moved = (select(PointsEntry.member_id, earned.label("earned"), spent.label("spent"))
                     .where(PointsEntry.at >= start, PointsEntry.at < end)
                     .group_by(PointsEntry.member_id)
                     .subquery())
            last = aliased(PointsEntry)
            balance = (select(last.balance_after)
                       .where(last.member_id == moved.c.member_id, last.at < end)
                       .order_by(last.id.desc())
                       .limit(1)
                       .scalar_subquery())
            found = s.execute(
                select(moved.c.member_id, Person.name, Person.phone_last4, Person.member_no, moved.c.earned,
                       moved.c.spent, balance.label("balance"))
                .join(Member, Member.id == moved.c.member_id)
                .join(Person, Person.id == Member.person_id)
                .where(Member.base_id == base_id)
                .order_by(moved.c.earned.desc(), Person.member_no, moved.c.member_id)
            ).all()
        rows = tuple(NoticeRow(int(member_id), mask_name(name), last4 or "", number or "", int(got), int(used),
                               int(held or 0))
                     for member_id, name, last4, number, got, used, held in found)
        totals = NoticeTotals(len(rows), sum(r.earned for r in rows), sum(r.spent for r in rows),
                              sum(r.balance for r in rows))
        return PointsNotice(base_name, period, rows, totals, self._ctx.clock.now().astimezone(zone))

    def export_pdf(self, actor: Actor, period: Period, labels: NoticeLabels | None = None) -> bytes:
        """The A4 notice for the board, as PDF bytes; audited."""
        actor.require(Role.ADMIN, Role.DESK, action="export_points_notice")
        notice = self.notice(period)
        pdf = points_notice_pdf(notice, labels)
        self._audit(actor, period, f"{period.start}–{period.end}: {notice.totals.members} member(s) as pdf")
        return pdf

    def export_xlsx(self, actor: Actor, period: Period, labels: NoticeLabels | None = None) -> bytes:
        """The notice as an Excel workbook (numbers as numbers), as bytes; audited."""
        actor.require(Role.ADMIN, Role.DESK, action="export_points_notice")
        notice = self.notice(period)
        book = points_notice_xlsx(notice, labels)
        self._audit(actor, period, f"{period.start}–{period.end}: {notice.totals.members} member(s) as xlsx")
        return book

    def _audit(self, actor: Actor, period: Period, summary: str) -> None:
        # Written after the document is complete, in a short transaction of its own: holding a write transaction
        # over the read would keep every other desk waiting. A document nobody can account for is not returned.
        with self._ctx.db.write() as s:
            audit.record(s, self._ctx.clock.now(), actor, "points_notice_exported", "points_notice",
                         f"{period.start}/{period.end}", summary)


__all__ = ["NoticeRow", "NoticeTotals", "PointsNotice", "PointsNoticeService"]
