"""Services layer: `desk check` — database integrity, the audit chain and every invariant areas register.

An area adds an invariant with `@invariant("name")` on a function that takes a read session and returns a list
of violations (empty when all holds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk.services.audit import verify_chain
from desk.services.context import ServiceContext

Check = Callable[[Session], list[str]]
_CHECKS: dict[str, Check] = {}


def invariant(name: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        _CHECKS[name] = check
        return check

    return register


@dataclass(frozen=True)
class Violation:
    check: str
    message: str


@invariant("integrity")
def _integrity(s: Session) -> list[str]:
    if s.get_bind().dialect.name != "sqlite":
        return []  # PostgreSQL checks its pages itself; there is no integrity_check to run
    rows = [r[0] for r in s.execute(text("PRAGMA integrity_check"))]
    problems = [] if rows == ["ok"] else rows
    problems += [f"foreign key broken: {r[0]} row {r[1]} → {r[2]}" for r in s.execute(text("PRAGMA foreign_key_check"))]
    return problems


@invariant("audit_chain")
def _audit_chain(s: Session) -> list[str]:
    return verify_chain(s)


class CheckService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def names(self) -> list[str]:
        _register_all()
        return list(_CHECKS)

    def run(self) -> list[Violation]:
        _register_all()
        violations = []
        with self._ctx.db.read() as s:
            for name, check in _CHECKS.items():
                violations += [Violation(name, message) for message in check(s)]
        return violations


def _register_all() -> None:
    """Import every area so its invariants are registered, whoever asks for the checks."""
    import desk.services.bundle  # noqa: F401
