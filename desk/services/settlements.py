"""Services layer: merchant settlement (结算) — per alliance merchant and period, the redeemed vouchers not yet
settled, marked settled once (VoucherService.settle: a voucher is never settled twice), the statements settled so
far, and the 结算单 as an A4 PDF to sign and an Excel workbook, both audited (`settlement_exported`).

A statement lists members by masked name (张*明) and member number only; no phone is read for it. A settled
statement is read back from its vouchers (`voucher.settlement_id`), so a re-export years later prints exactly what
was settled."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import select

from desk.domain.errors import NotFound
from desk.domain.periods import Period, PeriodKind
from desk.domain.staff import Actor, Role
from desk.printing.settlement import SettlementLabels, settlement_pdf, settlement_xlsx
from desk.services import audit
from desk.services.bases import current_base
from desk.services.context import ServiceContext

# The voucher service's own row query and row type: a statement shows its vouchers exactly as that service does.
from desk.services.vouchers import VOUCHER_ROWS, SettlementRow, VoucherService, settlement_row, voucher_row
from desk.storage.models import Merchant, Settlement, Staff, Voucher

DEFAULT_ZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class SettlementMerchant:
    """A merchant that can be settled; one that left the alliance (inactive) still has vouchers to settle."""

    id: int
    name: str
    active: bool


@dataclass(frozen=True)
class SettlementSummary:
    """One settled statement, for the list of past statements."""

    id: int
    merchant_id: int
    merchant_name: str
    period: Period
    count: int
    points: int
    face_value_fen: int
    settled_at: dt.datetime
    settled_by: str  # the staff's display name; "" when the account is gone


@dataclass(frozen=True)
class SettlementStatement:
    """What a printed 结算单 says: the settlement (or preview) and what its header needs."""

    base_name: str
    merchant_name: str
    plaque_no: str  # 联盟牌匾编号; "" when the merchant has none
    contact_person: str
    settlement: SettlementRow
    settled_at: dt.datetime | None  # in the base's zone; None for a preview, which settles nothing
    settled_by: str
    zone: dt.tzinfo  # the base's: every time on the statement is shown in it
    generated_at: dt.datetime  # in the base's zone

    @property
    def preview(self) -> bool:
        return self.settlement.id is None


class SettlementService:
    def __init__(self, ctx: ServiceContext, vouchers: VoucherService | None = None) -> None:
        self._ctx = ctx
        self._vouchers = vouchers or VoucherService(ctx)

    def merchants(self) -> list[SettlementMerchant]:
        """Every merchant, active ones first, by name."""
        with self._ctx.db.read() as s:
            return [SettlementMerchant(i, n, bool(a)) for i, n, a in s.execute(
                select(Merchant.id, Merchant.name, Merchant.active).order_by(Merchant.active.desc(), Merchant.name))]

    def preview(self, merchant_id: int, period: Period) -> SettlementRow:
        """The merchant's redeemed vouchers of the period (local days in the base's zone) not settled yet."""
        return self._vouchers.settlement_preview(merchant_id, period)

    def settle(self, actor: Actor, merchant_id: int, period: Period) -> SettlementRow:
        """Mark them settled (admins only); NothingToSettle when there are none, and then nothing is written."""
        return self._vouchers.settle(actor, merchant_id, period)

    def statements(self, merchant_id: int | None = None) -> list[SettlementSummary]:
        """Settled statements, newest first."""
        query = (select(Settlement, Merchant.name, Staff.display_name)
                 .join(Merchant, Merchant.id == Settlement.merchant_id)
                 .outerjoin(Staff, Staff.id == Settlement.created_by)
                 .order_by(Settlement.created_at.desc(), Settlement.id.desc()))
        if merchant_id is not None:
            query = query.where(Settlement.merchant_id == merchant_id)
        with self._ctx.db.read() as s:
            return [SettlementSummary(st.id, st.merchant_id, name, period_of(st.period_start, st.period_end),
                                      st.vouchers, st.points, st.face_value_fen, st.created_at, by or "")
                    for st, name, by in s.execute(query)]

    def statement(self, settlement_id: int) -> SettlementRow:
        """A settled statement with the vouchers it settled, in the order they were redeemed."""
        with self._ctx.db.read() as s:
            found = s.execute(select(Settlement, Merchant.name).join(Merchant, Merchant.id == Settlement.merchant_id)
                              .where(Settlement.id == settlement_id)).first()
            if found is None:
                raise NotFound(entity="settlement", key=settlement_id)
            settlement, name = found
            rows = [voucher_row(r) for r in s.execute(
                VOUCHER_ROWS.where(Voucher.settlement_id == settlement_id)
                .order_by(Voucher.redeemed_at, Voucher.id))]
            return settlement_row(settlement.id, settlement.merchant_id, name,
                               period_of(settlement.period_start, settlement.period_end), rows)

    def document(self, settlement: SettlementRow) -> SettlementStatement:
        """The statement as printed: a settled one is read back from the database (what was settled, whatever
        the caller holds); a preview is printed as given, marked as not settled."""
        with self._ctx.db.read() as s:
            base = current_base(s, self._ctx.base_code)
            zone = zoneinfo.ZoneInfo(base.timezone or DEFAULT_ZONE)
            merchant = s.execute(select(Merchant.name, Merchant.plaque_no, Merchant.contact_person)
                                 .where(Merchant.id == settlement.merchant_id)).first()
            if merchant is None:
                raise NotFound("merchant", entity="merchant", key=settlement.merchant_id)
            settled_at: dt.datetime | None = None
            settled_by = ""
            if settlement.id is not None:
                found = s.execute(select(Settlement.created_at, Staff.display_name)
                                  .outerjoin(Staff, Staff.id == Settlement.created_by)
                                  .where(Settlement.id == settlement.id)).first()
                if found is None:
                    raise NotFound(entity="settlement", key=settlement.id)
                settled_at, settled_by = found[0].astimezone(zone), found[1] or ""
        if settlement.id is not None:
            settlement = self.statement(settlement.id)
        return SettlementStatement(base.name, merchant.name, merchant.plaque_no or "", merchant.contact_person or "",
                                   settlement, settled_at, settled_by, zone,
                                   self._ctx.clock.now().astimezone(zone))

    def export_pdf(self, actor: Actor, settlement: SettlementRow, labels: SettlementLabels | None = None) -> bytes:
        """The A4 结算单 (a preview is marked 预览（未结算）), as PDF bytes; audited."""
        actor.require(Role.ADMIN, action="export_settlement")
        statement = self.document(settlement)
        pdf = settlement_pdf(statement, labels)
        self._audit(actor, statement, "pdf")
        return pdf

    def export_xlsx(self, actor: Actor, settlement: SettlementRow, labels: SettlementLabels | None = None) -> bytes:
        """The statement as an Excel workbook (numbers and times typed), as bytes; audited."""
        actor.require(Role.ADMIN, action="export_settlement")
        statement = self.document(settlement)
        book = settlement_xlsx(statement, labels)
        self._audit(actor, statement, "xlsx")
        return book

    def _audit(self, actor: Actor, statement: SettlementStatement, kind: str) -> None:
        # After the document is complete, in a short transaction of its own (as the points notice does): no write
        # transaction is held over the rendering.
        row = statement.settlement
        what = "preview" if row.id is None else "statement"
        with self._ctx.db.write() as s:
            audit.record(s, self._ctx.clock.now(), actor, "settlement_exported", "settlement",
                         row.id if row.id is not None else "",
                         f"{statement.merchant_name} {row.period.start}–{row.period.end}: {what}, {row.count} "
                         f"voucher(s), {row.points} points, {row.face_value_fen} fen as {kind}")


def period_of(start: dt.date, end: dt.date) -> Period:
    """The period a settlement covered: a whole month, quarter or year is named as one (the table keeps only the
    days), any other range is a custom one."""
    for kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR):
        whole = Period.containing(start, kind)
        if whole.start == start and whole.end == end:
            return whole
    return Period.custom(start, end)


__all__ = ["SettlementMerchant", "SettlementService", "SettlementStatement", "SettlementSummary", "period_of"]
