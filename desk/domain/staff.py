"""Domain layer: staff roles and the rules for usernames, display names and passwords."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from desk.domain.errors import (
    BadFormat,
    ControlCharacters,
    PasswordsDiffer,
    PermissionDenied,
    Required,
    TooLong,
    TooShort,
)
from desk.domain.text import clean_text, has_control_characters

USERNAME_MAX = 32
DISPLAY_NAME_MAX = 40
PASSWORD_MIN = 8
PASSWORD_MAX = 128
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")


class Role(enum.StrEnum):
    ADMIN = "admin"  # everything, including staff and settings
    DESK = "desk"  # daily front-desk work
    MERCHANT = "merchant"  # bound to one merchant; redeems vouchers only


def clean_username(value: str | None, field: str = "username") -> str:
    text = (value or "").strip().lower()
    if not text:
        raise Required(field)
    if len(text) > USERNAME_MAX:
        raise TooLong(field, max_length=USERNAME_MAX)
    if not _USERNAME.match(text):
        raise BadFormat(field, expected="username")
    return text


def clean_display_name(value: str | None, field: str = "display_name") -> str:
    return clean_text(value, field, max_length=DISPLAY_NAME_MAX)


def check_new_password(password: str | None, repeated: str | None, field: str = "password") -> str:
    """A new password: 8–128 characters, no control characters, typed the same twice. Never stripped."""
    if not password:
        raise Required(field)
    if has_control_characters(password):
        raise ControlCharacters(field)
    if len(password) < PASSWORD_MIN:
        raise TooShort(field, min_length=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        raise TooLong(field, max_length=PASSWORD_MAX)
    if password != repeated:
        raise PasswordsDiffer(field + "_repeat")
    return password


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise BadFormat("role", expected="role") from None


@dataclass(frozen=True)
class Actor:
    """Who is acting: a logged-in staff member, or the command line run by whoever holds the data folder."""

    staff_id: int | None
    username: str
    display_name: str
    role: Role
    merchant_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def require(self, *roles: Role, action: str) -> None:
        if self.role not in roles:
            raise PermissionDenied(action=action)


COMMAND_LINE = Actor(staff_id=None, username="cli", display_name="命令行", role=Role.ADMIN)
