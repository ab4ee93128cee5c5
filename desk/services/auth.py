"""Services layer: logging in, lockout after repeated failures, changing one's own password."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.domain.errors import AccountDisabled, AccountLocked, LoginFailed, Required, WrongPassword
from desk.domain.staff import LOCK_MINUTES, MAX_FAILED_LOGINS, Actor, Role, check_new_password
from desk.services import audit
from desk.services.context import ServiceContext
from desk.services.passwords import dummy_hash, hash_password, verify_password
from desk.storage.models import LoginThrottle, Staff


def actor_of(staff: Staff) -> Actor:
    return Actor(staff.id, staff.username, staff.display_name, Role(staff.role), staff.merchant_id)


class AuthService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def login(self, username: str, password: str) -> Actor:
        """The same `LoginFailed` for an unknown user and a wrong password; failures are audited."""
        name = (username or "").strip().lower()[:32]
        if not name:
            raise Required("username")
        if not password:
            raise Required("password")
        now = self._ctx.clock.now()
        failure: Exception | None = None
        with self._ctx.db.write() as s:
            # Every outcome is audited, so the chain head is locked anyway: taking it first makes failures typed
            # at several desks at once count one after another instead of racing to insert the throttle row.
            audit.lock_chain(s)
            throttle = s.get(LoginThrottle, name)
            if throttle and throttle.locked_until and throttle.locked_until > now:
                minutes = math.ceil((throttle.locked_until - now).total_seconds() / 60)
                audit.record(s, now, None, "login_refused_locked", "staff", name, "account locked")
                failure = AccountLocked(minutes=minutes)
            else:
                staff = s.execute(select(Staff).where(Staff.username == name)).scalar_one_or_none()
                ok = verify_password(staff.password_hash if staff else dummy_hash(), password)
                if staff is not None and ok:
                    if not staff.active:
                        audit.record(s, now, None, "login_refused_disabled", "staff", staff.id, name)
                        failure = AccountDisabled()
                    else:
                        if throttle is not None:
                            s.delete(throttle)
                        staff.last_login_at = now
                        actor = actor_of(staff)
                        audit.record(s, now, actor, "login", "staff", staff.id, "")
                        return actor
                else:
                    failure = self._count_failure(s, name, now, throttle)
        assert failure is not None
        raise failure

    def _count_failure(self, s: Session, name: str, now: dt.datetime, throttle: LoginThrottle | None) -> Exception:
        if throttle is None:
            throttle = LoginThrottle(username=name, failures=0)
            s.add(throttle)
        if throttle.locked_until is not None:  # an expired lock starts a fresh count
            throttle.failures = 0
            throttle.locked_until = None
        throttle.failures += 1
        summary = f"failure {throttle.failures} of {MAX_FAILED_LOGINS}"
        if throttle.failures >= MAX_FAILED_LOGINS:
            throttle.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
            audit.record(s, now, None, "login_locked", "staff", name, summary)
            return AccountLocked(minutes=LOCK_MINUTES)
        audit.record(s, now, None, "login_failed", "staff", name, summary)
        return LoginFailed()

    def change_own_password(self, actor: Actor, current: str, new: str, repeated: str) -> None:
        if not current:
            raise Required("current_password")
        check_new_password(new, repeated, "new_password")
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            staff = s.get(Staff, actor.staff_id)
            if staff is None or not staff.active:
                raise AccountDisabled()
            if not verify_password(staff.password_hash, current):
                raise WrongPassword("current_password")
            staff.password_hash = hash_password(new)
            staff.must_change_password = False
            audit.record(s, now, actor, "password_changed", "staff", staff.id, "")

    def must_change_password(self, actor: Actor) -> bool:
        with self._ctx.db.read() as s:
            staff = s.get(Staff, actor.staff_id)
            return bool(staff and staff.must_change_password)

    def logout(self, actor: Actor) -> None:
        with self._ctx.db.write() as s:
            who = actor
            staff = s.get(Staff, actor.staff_id) if actor.staff_id is not None else None
            if staff is None or staff.username != actor.username:
                # After a restore the data may not hold this staff row: keep the name, drop the link.
                who = replace(actor, staff_id=None)
            audit.record(s, self._ctx.clock.now(), who, "logout", "staff", actor.staff_id or "", "")
