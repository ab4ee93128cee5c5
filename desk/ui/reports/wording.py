"""UI layer: the words of the 报表 page's files in the desk's language — the period report (its PDF and workbook),
the visit 台账 and the other areas' 台账 — filled from tr(), so what the page saves reads as the window does.

The report's and the ledgers' catalogues are shared with the command line (desk.ui.report_wording,
desk.ui.ledger_wording); this module picks from them what each file of the page needs. Needs only QtCore.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from desk.domain.periods import Period, PeriodKind
from desk.printing.ledgers import BookingWords, ChargingWords, PointsLedgerWords, VoucherLedgerWords
from desk.printing.register import VisitWords
from desk.services.monthly_report import ReportWords
from desk.ui import ledger_wording
from desk.ui.report_wording import report_words
from desk.ui.wording import translate, visit_words


class Ledger(enum.StrEnum):
    """The 台账 the page saves for the chosen period's days, in the order of its menu."""

    VISITS = "visits"
    BOOKINGS = "bookings"
    CHARGING = "charging"
    POINTS = "points"
    VOUCHERS = "vouchers"


@dataclass(frozen=True)
class LedgerWordsSet:
    """The words of every 台账 (title, columns, total line), looked up together on the window's thread before
    the worker writes a file."""

    visits: VisitWords
    bookings: BookingWords
    charging: ChargingWords
    points: PointsLedgerWords
    vouchers: VoucherLedgerWords


def ledger_words() -> LedgerWordsSet:
    return LedgerWordsSet(visits=visit_words(), bookings=ledger_wording.booking_words(),
                          charging=ledger_wording.charging_words(), points=ledger_wording.points_ledger_words(),
                          vouchers=ledger_wording.voucher_ledger_words())


def ledger_name(ledger: Ledger) -> str:
    """The 台账's name, as its menu entry and its suggested file name say it."""
    match ledger:
        case Ledger.VISITS:
            return translate("ReportWords", "到访台账")
        case Ledger.BOOKINGS:
            return translate("ReportWords", "预约台账")
        case Ledger.CHARGING:
            return translate("ReportWords", "充电台账")
        case Ledger.POINTS:
            return translate("ReportWords", "积分流水台账")
        case Ledger.VOUCHERS:
            return translate("ReportWords", "兑换券台账")


def kind_name(kind: PeriodKind) -> str:
    """The kind of period as the period chooser lists it."""
    match kind:
        case PeriodKind.DAY:
            return translate("ReportWords", "日")
        case PeriodKind.WEEK:
            return translate("ReportWords", "周")
        case PeriodKind.MONTH:
            return translate("ReportWords", "月")
        case PeriodKind.QUARTER:
            return translate("ReportWords", "季度")
        case PeriodKind.YEAR:
            return translate("ReportWords", "年")
        case PeriodKind.CUSTOM:
            return translate("ReportWords", "自定义")


def pdf_button_text(kind: PeriodKind) -> str:
    """The PDF button names the report the chosen kind of period makes (月报 for a month, 年报 for a year...)."""
    match kind:
        case PeriodKind.DAY:
            return translate("ReportWords", "日报 PDF…")
        case PeriodKind.WEEK:
            return translate("ReportWords", "周报 PDF…")
        case PeriodKind.MONTH:
            return translate("ReportWords", "月报 PDF…")
        case PeriodKind.QUARTER:
            return translate("ReportWords", "季报 PDF…")
        case PeriodKind.YEAR:
            return translate("ReportWords", "年报 PDF…")
        case PeriodKind.CUSTOM:
            return translate("ReportWords", "报表 PDF…")


def period_text(period: Period, words: ReportWords | None = None) -> str:
    """The period as the report names it ("2026年11月", "2026年第48周（2026-11-23 至 2026-11-29）")."""
    return (words or report_words()).period_text(period)


__all__ = ["Ledger", "LedgerWordsSet", "kind_name", "ledger_name", "ledger_words", "pdf_button_text", "period_text",
           "report_words"]
