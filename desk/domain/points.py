"""Domain layer: 红色积分 values — ledger entry kinds, projects and claims, member numbers and the member card
code, and how a completion turns into points. Points are whole numbers; no money here."""

from __future__ import annotations

import enum
import re

from desk.domain.errors import BadFormat, OutOfRange

POINTS_MAX = 100_000  # one entry; far above any project or reward, far below integer overflow
REASON_MAX = 120
HOURS_MAX = 24  # per completion
# The member card's QR text: a prefix no phone, name or voucher starts with, then the member number.
MEMBER_CODE_PREFIX = "RHM:"
_MEMBER_NO = re.compile(r"[A-Z0-9]{2,8}\d{5,8}")


class EntryKind(enum.StrEnum):
    EARN = "earn"
    SPEND = "spend"
    REFUND = "refund"
    ADJUST = "adjust"
    EXPIRE = "expire"
    REVERSE = "reverse"


CREDIT_KINDS = frozenset({EntryKind.EARN, EntryKind.REFUND})
DEBIT_KINDS = frozenset({EntryKind.SPEND, EntryKind.EXPIRE})


class ProjectKind(enum.StrEnum):
    VOLUNTEER = "volunteer"  # 志愿服务
    ACTIVITY = "activity"  # 活动
    TRAINING = "training"  # 培训
    GRID_REPORT = "grid_report"  # 网格上报


class ProjectStatus(enum.StrEnum):
    OPEN = "open"  # claims accepted until the sign-up deadline
    CLOSED = "closed"  # no new claims; completions still verified
    FINISHED = "finished"  # done: nothing changes any more


class ClaimState(enum.StrEnum):
    CLAIMED = "claimed"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    ABSENT = "absent"


def check_points(value: int, field: str = "points") -> int:
    """A positive whole number of points within the per-entry limit."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= POINTS_MAX:
        raise OutOfRange(field, minimum=1, maximum=POINTS_MAX)
    return value


def check_signed_points(value: int, field: str = "points") -> int:
    """An adjustment: either sign, never zero."""
    if isinstance(value, bool) or not isinstance(value, int) or value == 0 or abs(value) > POINTS_MAX:
        raise OutOfRange(field, minimum=-POINTS_MAX, maximum=POINTS_MAX)
    return value


def points_for(points: int | None, points_per_hour: int | None, max_hours: int | None,
               minutes: int | None) -> int:
    """What one completion earns: the fixed points, or points per hour for the time worked (whole hours after
    rounding half up, capped at the project's maximum). Hours-based projects need the minutes."""
    if points is not None:
        return points
    assert points_per_hour is not None and max_hours is not None
    if minutes is None or not 1 <= minutes <= HOURS_MAX * 60:
        raise OutOfRange("minutes", minimum=1, maximum=HOURS_MAX * 60)
    hours = min((minutes + 30) // 60, max_hours)
    return hours * points_per_hour


def member_code(member_no: str) -> str:
    """The text of a member card's QR code."""
    return MEMBER_CODE_PREFIX + member_no


def parse_member_code(text: str) -> str | None:
    """The member number in a scanned card (or typed number), or None when the text is not one. A card's prefix
    with a malformed number is a bad code, not a name to search for."""
    value = text.strip().upper()
    if value.startswith(MEMBER_CODE_PREFIX):
        number = value[len(MEMBER_CODE_PREFIX):]
        if not _MEMBER_NO.fullmatch(number):
            raise BadFormat("code", expected="member_code")
        return number
    return value if _MEMBER_NO.fullmatch(value) and not value.isdigit() else None


def member_number(base_code: str, member_id: int) -> str:
    """A new member's number: the base's code and the member's id (unique across bases sharing a database)."""
    return f"{base_code.upper()}{member_id:05d}"
