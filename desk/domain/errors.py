"""Domain layer: expected failures.

Every failure a user can cause is a `DeskError` with a stable `code`, the `field` it belongs to (so the UI can
show it next to that field) and parameters. Wording lives in the UI, which translates by code.
"""

from __future__ import annotations

from typing import Any


class DeskError(Exception):
    code = "error"

    def __init__(self, field: str | None = None, **params: Any) -> None:
        self.field = field
        self.params = params
        super().__init__(self.describe())

    def describe(self) -> str:
        parts = ", ".join(f"{k}={v!r}" for k, v in sorted(self.params.items()))
        where = f" [{self.field}]" if self.field else ""
        return f"{self.code}{where}{': ' + parts if parts else ''}"


# --- input ---------------------------------------------------------------------------------------------------

class InvalidInput(DeskError):
    """Base of the field-level validation errors."""


class Required(InvalidInput):
    code = "required"


class TooLong(InvalidInput):
    code = "too_long"  # params: max_length


class TooShort(InvalidInput):
    code = "too_short"  # params: min_length


class ControlCharacters(InvalidInput):
    code = "control_characters"


class BadFormat(InvalidInput):
    code = "bad_format"  # params: expected (a short code such as "username", "time", "date", "base_code")


class EndBeforeStart(InvalidInput):
    code = "end_before_start"


class PasswordsDiffer(InvalidInput):
    code = "passwords_differ"


class OutOfRange(InvalidInput):
    code = "out_of_range"  # params: minimum, maximum


# --- staff and login -----------------------------------------------------------------------------------------

class LoginFailed(DeskError):
    """Unknown user and wrong password share this error so a login never reveals which usernames exist."""

    code = "login_failed"


class AccountLocked(DeskError):
    code = "account_locked"  # params: minutes (until the lock lifts)


class AccountDisabled(DeskError):
    code = "account_disabled"


class WrongPassword(DeskError):
    """The current password given when changing one's own password is wrong."""

    code = "wrong_password"


class PermissionDenied(DeskError):
    code = "permission_denied"  # params: action


class UsernameTaken(DeskError):
    code = "username_taken"  # params: username


class NotFound(DeskError):
    code = "not_found"  # params: entity, key


class LastAdmin(DeskError):
    """Disabling or demoting the only active administrator would lock everyone out of the settings."""

    code = "last_admin"


class AlreadySetUp(DeskError):
    code = "already_set_up"


class BaseCodeTaken(DeskError):
    code = "base_code_taken"  # params: code


class MerchantRequired(DeskError):
    code = "merchant_required"


class MerchantNotAllowed(DeskError):
    code = "merchant_not_allowed"


# --- people and visits ---------------------------------------------------------------------------------------

class PhoneTaken(DeskError):
    """The phone belongs to someone already registered (one phone, one person)."""

    code = "phone_taken"  # params: person_id, name (masked)


class AlreadyCheckedOut(DeskError):
    code = "already_checked_out"  # params: count (how many of the chosen visits had already left)


class NothingChosen(DeskError):
    code = "nothing_chosen"


# --- bookings ------------------------------------------------------------------------------------------------
# Each refusal names the rule it applies; times in params are local "HH:MM" strings and dates ISO strings.

class ClosedThatDay(DeskError):
    code = "closed_that_day"  # params: day, reason, kind ("closure", "holiday", "weekly", "override")


class OutsideOpeningHours(DeskError):
    code = "outside_opening_hours"  # params: opens, closes


class BookingTooShort(DeskError):
    code = "booking_too_short"  # params: minutes (the minimum)


class BookingTooLong(DeskError):
    code = "booking_too_long"  # params: minutes (the maximum)


class OffTheSlotStep(DeskError):
    code = "off_the_slot_step"  # params: minutes (the step)


class InThePast(DeskError):
    code = "in_the_past"


class BeyondBookingWindow(DeskError):
    code = "beyond_booking_window"  # params: days


class SlotTaken(DeskError):
    code = "slot_taken"  # params: unit, start, end (of the booking in the way, buffer included)


class DailyQuotaExceeded(DeskError):
    code = "daily_quota_exceeded"  # params: minutes or count (the limit), kind ("minutes" | "count")


class PersonSuspended(DeskError):
    code = "person_suspended"  # params: until (date)


class NameRequiredHere(DeskError):
    code = "name_required_here"


class OverCapacity(DeskError):
    code = "over_capacity"  # params: capacity


class UnitUnavailable(DeskError):
    code = "unit_unavailable"  # params: unit, reason (inactive facility or out-of-order unit)


class WrongBookingState(DeskError):
    code = "wrong_booking_state"  # params: state (the booking's current state), action


class CheckInTooEarly(DeskError):
    code = "check_in_too_early"  # params: opens (local "HH:MM" from which check-in is possible)


class SafetyChecklistIncomplete(DeskError):
    code = "safety_checklist_incomplete"


class UnitInUse(DeskError):
    """A unit cannot be taken out of service while someone is using it (a charging session, the 母婴室)."""

    code = "unit_in_use"  # params: unit


class NotInUse(DeskError):
    code = "not_in_use"  # params: unit


# --- database ------------------------------------------------------------------------------------------------

class DatabaseError(DeskError):
    """Problems with the database as a whole; params always include `location` (a path or a masked URL)."""


class DatabaseMissing(DatabaseError):
    code = "database_missing"


class DatabaseLocked(DatabaseError):
    code = "database_locked"


class DatabaseCorrupt(DatabaseError):
    code = "database_corrupt"


class DatabaseTooNew(DatabaseError):
    code = "database_too_new"  # params: revision


class NotADeskDatabase(DatabaseError):
    code = "not_a_desk_database"


class DatabaseReadOnly(DatabaseError):
    code = "database_read_only"


class DatabaseOnNetwork(DatabaseError):
    code = "database_on_network"


class DatabaseUnreachable(DatabaseError):
    code = "database_unreachable"  # params: detail


class BackupNotSupported(DatabaseError):
    code = "backup_not_supported"


class BackupFailed(DatabaseError):
    code = "backup_failed"  # params: detail


# --- facility administration ---------------------------------------------------------------------------------

class NotMultipleOfStep(InvalidInput):
    """A length (minimum, maximum, slot) that is not a whole number of steps."""

    code = "not_multiple_of_step"  # params: step (minutes)


class NameTaken(DeskError):
    """A facility or unit name already used at this base (deactivated ones included)."""

    code = "name_taken"  # params: name


class UnitHasUpcomingBookings(DeskError):
    """A unit is not deactivated while bookings that have not ended still point at it."""

    code = "unit_has_upcoming_bookings"  # params: unit, count
