"""Domain layer: people (群众/会员) and visits — phone numbers, masking, categories, purposes, the 暖新驿站
platforms and services, and what a typed search means."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from typing import TypeVar

from desk.domain.errors import BadFormat, OutOfRange
from desk.domain.text import clean_text

NAME_MAX = 40
BRANCH_MAX = 60
NOTE_MAX = 200
PARTY_SIZE_MAX = 200
SEARCH_MAX = 40

E = TypeVar("E", bound=enum.Enum)

_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_SEPARATORS = re.compile(r"[\s\-()（）.]")


class Category(enum.StrEnum):
    PARTY_MEMBER = "party_member"  # 党员
    RESIDENT = "resident"  # 群众
    NEW_EMPLOYMENT = "new_employment"  # 新就业群体: couriers, riders, drivers
    MERCHANT_STAFF = "merchant_staff"  # 商户
    VOLUNTEER = "volunteer"  # 志愿者


class Purpose(enum.StrEnum):
    READING = "reading"  # 阅读
    NURSING = "nursing"  # 母婴室
    CHARGING = "charging"  # 充电
    LEGAL_AID = "legal_aid"  # 法律咨询
    REST = "rest"  # 休息 (暖新驿站)
    MEETING = "meeting"  # 会议活动
    ENQUIRY = "enquiry"  # 办事咨询
    OTHER = "other"  # 其他


class Platform(enum.StrEnum):
    """Who a courier, rider or driver works for, at the 暖新驿站."""

    MEITUAN = "meituan"
    ELEME = "eleme"
    SF = "sf"
    JD = "jd"
    DIDI = "didi"
    OTHER = "other"


class StationService(enum.IntFlag):
    """Services of the 暖新驿站 a visit used; stored as a bit set so daily counts are one indexed scan."""

    NONE = 0
    HOT_WATER = 1
    MICROWAVE = 2
    REST = 4
    CHARGING = 8
    TOILET = 16


ALL_STATION_SERVICES = (StationService.HOT_WATER, StationService.MICROWAVE, StationService.REST,
                        StationService.CHARGING, StationService.TOILET)


class CheckoutKind(enum.StrEnum):
    MANUAL = "manual"
    AUTOMATIC = "automatic"  # by the closing-time timer


def normalise_phone(value: str | None, field: str = "phone") -> str | None:
    """A mainland mobile number as 11 ASCII digits; spaces, dashes and a +86/0086 prefix are accepted, and so are
    full-width digits (an input method in full-width mode types them). None if empty."""
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", value or "").strip())
    if not text:
        return None
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif len(text) == 13 and text.startswith("86"):
        text = text[2:]
    if not _MOBILE.match(text):
        raise BadFormat(field, expected="phone")
    return text


def mask_phone(phone: str | None) -> str:
    """138****1234: how a phone appears in every list, PDF and export."""
    if not phone:
        return ""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "*" * len(phone)


def mask_name(name: str | None) -> str:
    """张*明 / 张* : how a name appears on public notices."""
    if not name:
        return ""
    chars = list(name)
    if len(chars) == 1:
        return chars[0]
    if len(chars) == 2:
        return chars[0] + "*"
    return chars[0] + "*" * (len(chars) - 2) + chars[-1]


def clean_person_name(value: str | None, required: bool = True) -> str:
    # Emoji and characters beyond the BMP (𠮷) are names too: only control characters are refused.
    return clean_text(value, "name", max_length=NAME_MAX, required=required)


def clean_branch(value: str | None) -> str:
    return clean_text(value, "party_branch", max_length=BRANCH_MAX, required=False)


def clean_note(value: str | None) -> str:
    return clean_text(value, "note", max_length=NOTE_MAX, required=False, multiline=True)


def check_party_size(value: int) -> int:
    if not 1 <= value <= PARTY_SIZE_MAX:
        raise OutOfRange("party_size", minimum=1, maximum=PARTY_SIZE_MAX)
    return value


def parse_enum(kind: type[E], value: object, field: str) -> E:
    try:
        return kind(value)
    except ValueError:
        raise BadFormat(field, expected=field) from None


@dataclass(frozen=True)
class Query:
    """What the one search field holds: a full phone, the last four digits, or the start of a name."""

    kind: str  # "phone" | "last4" | "name" | "digits" (cannot match anyone) | "empty"
    value: str


def parse_query(text: str | None) -> Query:
    raw = (text or "").strip()[:SEARCH_MAX]
    compact = _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))
    if not compact:
        return Query("empty", "")
    if compact.isdigit() and len(compact) == 4:
        return Query("last4", compact)
    digits = compact.lstrip("+")
    if digits.isdigit() and len(digits) >= 11:
        try:
            phone = normalise_phone(compact)
        except BadFormat:
            return Query("digits", compact)
        return Query("phone", phone or "")
    if compact.isdigit():
        return Query("digits", compact)  # too short or too long to be anything we can look up
    return Query("name", clean_text(raw, "search", max_length=SEARCH_MAX))
