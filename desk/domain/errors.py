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


class RangeTooLong(InvalidInput):
    code = "range_too_long"  # params: days (the longest range allowed, both ends counted)


class ExportFailed(DeskError):
    """The file of an export could not be written (no such folder, no permission, disk full)."""

    code = "export_failed"  # params: location, detail (the system's reason)


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


# --- 红色积分 -------------------------------------------------------------------------------------------------

class NotAMember(DeskError):
    code = "not_a_member"  # params: name (the person's)


class AlreadyMember(DeskError):
    code = "already_member"  # params: number


class InsufficientPoints(DeskError):
    """A debit larger than the balance; checked by the database's guarded update, not only here."""

    code = "insufficient_points"  # params: balance, needed


class PointsCapReached(DeskError):
    code = "points_cap_reached"  # params: period ("day" | "month"), cap, earned (already in the period)


class AlreadyReversed(DeskError):
    code = "already_reversed"  # params: entry


class CannotReverse(DeskError):
    """A reversal is never reversed (enter a new adjustment instead)."""

    code = "cannot_reverse"  # params: kind (of the entry)


class DuplicateSubmission(DeskError):
    """The same submission key was already used for a different change (not a retry of this one)."""

    code = "duplicate_submission"


class ProjectNotOpen(DeskError):
    code = "project_not_open"  # params: status


class SignupClosed(DeskError):
    code = "signup_closed"  # params: deadline (local "YYYY-MM-DD HH:MM")


class ProjectFull(DeskError):
    code = "project_full"  # params: slots


class AlreadyClaimed(DeskError):
    code = "already_claimed"


class NotClaimed(DeskError):
    code = "not_claimed"  # params: name


class WrongClaimState(DeskError):
    code = "wrong_claim_state"  # params: state, action


class ProjectStarted(DeskError):
    """A claim is cancelled before the project starts; afterwards the member is marked absent instead."""

    code = "project_started"


class SlotsBelowClaims(DeskError):
    code = "slots_below_claims"  # params: claimed


# --- projects (additions) ------------------------------------------------------------------------------------

class ProjectNotStarted(DeskError):
    """Work is verified, and a member marked absent, only once the project has started."""

    code = "project_not_started"  # params: starts (local "YYYY-MM-DD HH:MM")


class DeadlineAfterEnd(InvalidInput):
    """Sign-up closes at the latest when the project ends; it may stay open after the start (a month of grid
    reporting takes members as it goes)."""

    code = "deadline_after_end"


class PointsOneWay(InvalidInput):
    """A project counts either fixed points per completion or points per hour with a cap of hours, not both."""

    code = "points_one_way"


# --- voucher codes (additions) -------------------------------------------------------------------------------

class VoucherCodeError(DeskError):
    """Base of the refusals of a typed serial or a scanned QR text (field "code"); never raised itself."""

    code = "voucher_code_error"


class SerialMalformed(VoucherCodeError):
    """Not a serial code at all: wrong length, a symbol codes never use (0, O, 1, I, L, punctuation)."""

    code = "serial_malformed"  # params: reason ("length" + length | "symbol" + symbol | "range")


class SerialTypo(VoucherCodeError):
    """The shape of a serial code, but the check symbol does not match: a symbol was mistyped or two swapped."""

    code = "serial_typo"


class NotAVoucher(VoucherCodeError):
    """The scanned text is not a voucher QR code (wrong prefix, garbage, cut short or too long)."""

    code = "not_a_voucher"  # params: reason ("prefix" | "encoding" | "length" | "content")


class VoucherVersionUnsupported(VoucherCodeError):
    """A voucher QR code of a format version this program does not know (made by a newer desk)."""

    code = "voucher_version_unsupported"  # params: version


class UnknownVoucherKey(VoucherCodeError):
    """Signed with a key this station does not know: not a genuine slip, or the key bundle was not imported."""

    code = "unknown_voucher_key"  # params: key_id


class BadVoucherSignature(VoucherCodeError):
    """The signature does not match the content: a forged or altered slip."""

    code = "bad_voucher_signature"  # params: key_id


class SigningKeyMissing(DeskError):
    """This station holds public keys only (a merchant station) and cannot sign vouchers."""

    code = "signing_key_missing"


class KeyBundleInvalid(DeskError):
    """An imported key bundle is damaged or not a desk key bundle."""

    code = "key_bundle_invalid"  # params: reason


class KeyConflict(DeskError):
    """An imported key has the id of a known key but different key material; nothing was imported."""

    code = "key_conflict"  # params: key_id


class KeyInUse(DeskError):
    """The key that signs new vouchers is not removed; rotate first."""

    code = "key_in_use"  # params: key_id


class KeyPassphraseRequired(DeskError):
    """A bundle with the signing key is sealed with a passphrase: exporting one needs it, and so does importing."""

    code = "key_passphrase_required"


class KeyPassphraseWeak(DeskError):
    """The passphrase chosen for a bundle is too short (or holds control characters)."""

    code = "key_passphrase_weak"  # params: min_length


class KeyPassphraseWrong(DeskError):
    """The passphrase does not open the bundle's signing key (or the sealed key was altered); nothing imported."""

    code = "key_passphrase_wrong"


# --- vouchers ------------------------------------------------------------------------------------------------

class RewardUnavailable(DeskError):
    """The reward, or its merchant, is not active: nothing can be issued for it."""

    code = "reward_unavailable"  # params: title, merchant, reason ("reward" | "merchant")


class OutOfStock(DeskError):
    code = "out_of_stock"  # params: title


class MonthlyLimitReached(DeskError):
    code = "monthly_limit_reached"  # params: title, limit


class VoucherNotIssued(DeskError):
    """Only an issued (unredeemed) voucher is voided or reprinted."""

    code = "voucher_not_issued"  # params: status


class NothingToSettle(DeskError):
    code = "nothing_to_settle"  # params: merchant


# --- merchants (additions) -----------------------------------------------------------------------------------

class DateInFuture(InvalidInput):
    """A date that records something already done (a merchant joined the alliance) cannot be after today."""

    code = "date_in_future"  # params: latest (ISO date: today at the base)


class BadContactPhone(InvalidInput):
    """Neither a mainland mobile number nor a landline of digits, spaces and dashes (7–20 characters)."""

    code = "bad_contact_phone"


class BadAmount(InvalidInput):
    """Not an amount of yuan with at most two decimals."""

    code = "bad_amount"


class StockChanged(DeskError):
    """The stock was changed from another desk (vouchers issued, a restock) since the form showed it; nothing was
    saved, so an issue is never undone by an edit made on an old number."""

    code = "stock_changed"  # params: stock (now; None = unlimited)


class UnlimitedStock(DeskError):
    """A reward without a stock limit is not restocked."""

    code = "unlimited_stock"
