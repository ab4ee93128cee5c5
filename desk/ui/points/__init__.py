"""UI layer: the parts of the 积分 page — the member panel, the ledger table and the adjustment and reversal
dialogs — and how points are written on screen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from desk.domain.points import EntryKind
from desk.services.points import EntryRow

# lupdate finds strings in calls named `translate("Context", "literal")`.
translate = QCoreApplication.translate

MINUS = "\u2212"  # a real minus sign: the hyphen is too short to read in a column of numbers
CREDIT_COLOR = "#1e6b34"
DEBIT_COLOR = "#8c4a1d"  # brown rather than alarm red: spending points is normal, not an error
QUIET_COLOR = "#6b6b6b"


def amount_text(amount: int) -> str:
    """+10 or −4: a change of a balance always shows its sign."""
    return f"+{amount}" if amount > 0 else f"{MINUS}{-amount}" if amount < 0 else "0"


def moment_text(moment: dt.datetime, zone: dt.tzinfo) -> str:
    """YYYY-MM-DD HH:MM in the base's zone: the same in both languages, and it sorts as it reads."""
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def entry_reason(entry: EntryRow) -> str:
    """The reason as staff read it. Expiry is written by the daily timer, not typed by a person, so it is worded
    here in the desk's language."""
    if entry.kind is EntryKind.EXPIRE:
        return translate("Points", "超过有效期的积分自动过期")
    return entry.reason
