"""Domain layer: what an administrator may set for a facility — its booking rules, names, units, capacity — and
for one date (open with hours, or closed). Everything is checked here before a service writes it; each refusal
names its field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desk.domain.booking import Rules
from desk.domain.errors import EndBeforeStart, NotMultipleOfStep, OutOfRange, Required
from desk.domain.text import clean_text

FACILITY_NAME_MAX = 40
UNIT_NAME_MAX = 20
REASON_MAX = 60

STEP_GRAIN = 5  # slot steps are whole multiples of five minutes
SLOT_MAX = 240
LENGTH_MAX = 24 * 60  # no booking longer than a day
BUFFER_MAX = 240
HORIZON_MAX = 366  # a year ahead at most
GRACE_MAX = 240
QUOTA_COUNT_MAX = 50
CAPACITY_MAX = 500


@dataclass(frozen=True)
class NoShowRule:
    """K no-shows within the window suspend a person for N days."""

    limit: int
    suspension_days: int


def _within(value: int, low: int, high: int, field: str) -> int:
    if not low <= value <= high:
        raise OutOfRange(field, minimum=low, maximum=high)
    return value


def _steps(value: int, step: int, field: str) -> int:
    if value % step:
        raise NotMultipleOfStep(field, step=step)
    return value


def check_rules(rules: Rules) -> Rules:
    """The rules as an administrator typed them, or the first problem, named by its field. Field names are the
    attribute names of `Rules`."""
    slot = _within(rules.slot_minutes, STEP_GRAIN, SLOT_MAX, "slot_minutes")
    _steps(slot, STEP_GRAIN, "slot_minutes")
    low = _within(rules.min_minutes, slot, LENGTH_MAX, "min_minutes")
    _steps(low, slot, "min_minutes")
    high = _within(rules.max_minutes, low, LENGTH_MAX, "max_minutes")
    _steps(high, slot, "max_minutes")
    _within(rules.buffer_minutes, 0, BUFFER_MAX, "buffer_minutes")
    _within(rules.horizon_days, 0, HORIZON_MAX, "horizon_days")
    _within(rules.grace_minutes, 0, GRACE_MAX, "grace_minutes")
    if rules.quota_minutes is not None:
        # A daily allowance below the shortest booking would refuse everyone.
        _within(rules.quota_minutes, low, LENGTH_MAX, "quota_minutes")
    if rules.quota_count is not None:
        _within(rules.quota_count, 1, QUOTA_COUNT_MAX, "quota_count")
    return rules


def clean_facility_name(value: str | None) -> str:
    return clean_text(value, "facility_name", max_length=FACILITY_NAME_MAX)


def clean_unit_name(value: str | None) -> str:
    return clean_text(value, "unit_name", max_length=UNIT_NAME_MAX)


def check_capacity(value: int) -> int:
    return _within(value, 1, CAPACITY_MAX, "capacity")


def clean_inactive_reason(value: str | None) -> str:
    return clean_text(value, "inactive_reason", max_length=REASON_MAX)


def check_no_show_rule(limit: int, suspension_days: int, limit_bounds: tuple[int, int],
                       days_bounds: tuple[int, int]) -> NoShowRule:
    return NoShowRule(_within(limit, *limit_bounds, "no_show_limit"),
                      _within(suspension_days, *days_bounds, "no_show_suspension_days"))


def check_override(opens: dt.time | None, closes: dt.time | None,
                   reason: str | None) -> tuple[dt.time | None, dt.time | None, str]:
    """A date's own hours: both times (closing after opening) for "open", neither for "closed"."""
    if (opens is None) != (closes is None):
        raise Required("override_closes" if closes is None else "override_opens")
    if opens is not None and closes is not None and closes <= opens:
        raise EndBeforeStart("override_closes")
    return opens, closes, clean_text(reason, "override_reason", max_length=REASON_MAX, required=False)
