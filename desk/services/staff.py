"""Services layer: staff accounts — add, edit, disable, reset passwords (admins only) and list them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exc as sa_exc
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.domain.errors import (
    LastAdmin,
    MerchantNotAllowed,
    MerchantRequired,
    NotFound,
    UsernameTaken,
)
from desk.domain.staff import Actor, Role, check_new_password, clean_display_name, clean_username
from desk.services import audit
from desk.services.context import ServiceContext
from desk.services.passwords import hash_password
from desk.storage.models import LoginThrottle, Merchant, Staff


@dataclass(frozen=True)
class StaffRow:
    id: int
    username: str
    display_name: str
    role: Role
    merchant_id: int | None
    merchant_name: str | None
    active: bool
    locked: bool
    must_change_password: bool
    last_login_at: dt.datetime | None


@dataclass(frozen=True)
class MerchantChoice:
    id: int
    name: str


class StaffService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def list_staff(self, actor: Actor) -> list[StaffRow]:
        actor.require(Role.ADMIN, action="list_staff")
        now = self._ctx.clock.now()
        with self._ctx.db.read() as s:
            query = (
                select(Staff, Merchant.name, LoginThrottle.locked_until)
                .outerjoin(Merchant, Merchant.id == Staff.merchant_id)
                .outerjoin(LoginThrottle, LoginThrottle.username == Staff.username)
                .order_by(Staff.active.desc(), Staff.username)
            )
            return [
                StaffRow(st.id, st.username, st.display_name, Role(st.role), st.merchant_id, merchant,
                         st.active, bool(locked and locked > now), st.must_change_password, st.last_login_at)
                for st, merchant, locked in s.execute(query)
            ]

    def find(self, actor: Actor, username: str) -> StaffRow:
        """One account by username (the command line names staff by username, the window by row)."""
        actor.require(Role.ADMIN, action="list_staff")
        name = (username or "").strip().lower()
        with self._ctx.db.read() as s:
            staff = s.execute(select(Staff).where(Staff.username == name)).scalar_one_or_none()
            if staff is None:
                raise NotFound("username", entity="staff", key=name)
            return self._row_in(s, staff, self._ctx.clock.now())

    def merchants(self) -> list[MerchantChoice]:
        with self._ctx.db.read() as s:
            rows = s.execute(select(Merchant.id, Merchant.name).where(Merchant.active).order_by(Merchant.name))
            return [MerchantChoice(i, n) for i, n in rows]

    def add(
        self,
        actor: Actor,
        username: str,
        display_name: str,
        role: Role,
        password: str,
        repeated: str,
        merchant_id: int | None = None,
    ) -> StaffRow:
        actor.require(Role.ADMIN, action="add_staff")
        name = clean_username(username)
        display = clean_display_name(display_name)
        check_new_password(password, repeated)
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write() as s:
                self._check_merchant(s, role, merchant_id)
                if s.execute(select(Staff.id).where(Staff.username == name)).first():
                    raise UsernameTaken("username", username=name)
                staff = Staff(username=name, display_name=display, role=role.value, merchant_id=merchant_id,
                              password_hash=hash_password(password), active=True, must_change_password=False,
                              created_at=now)
                s.add(staff)
                s.flush()
                audit.record(s, now, actor, "staff_added", "staff", staff.id, f"{name} ({role.value})")
                staff_id = staff.id
        except sa_exc.IntegrityError:
            # Another desk added the same username between our check and our insert.
            raise UsernameTaken("username", username=name) from None
        return self._row(staff_id)

    def update(self, actor: Actor, staff_id: int, display_name: str, role: Role,
               merchant_id: int | None = None) -> StaffRow:
        actor.require(Role.ADMIN, action="edit_staff")
        display = clean_display_name(display_name)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            staff = self._get(s, staff_id)
            self._check_merchant(s, role, merchant_id)
            if staff.role == Role.ADMIN and role is not Role.ADMIN:
                self._keep_an_admin(s, staff)
            changes = []
            if staff.display_name != display:
                changes.append(f"name {staff.display_name} → {display}")
            if staff.role != role.value or staff.merchant_id != merchant_id:
                changes.append(f"role {staff.role} → {role.value}")
            staff.display_name, staff.role, staff.merchant_id = display, role.value, merchant_id
            if changes:
                audit.record(s, now, actor, "staff_edited", "staff", staff.id, "; ".join(changes))
        return self._row(staff_id)

    def set_active(self, actor: Actor, staff_id: int, active: bool) -> StaffRow:
        actor.require(Role.ADMIN, action="disable_staff")
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            staff = self._get(s, staff_id)
            if staff.active == active:
                return self._row_in(s, staff, now)
            if not active and staff.role == Role.ADMIN:
                self._keep_an_admin(s, staff)
            staff.active = active
            audit.record(s, now, actor, "staff_enabled" if active else "staff_disabled", "staff", staff.id,
                         staff.username)
        return self._row(staff_id)

    def reset_password(self, actor: Actor, staff_id: int, password: str, repeated: str) -> StaffRow:
        """An admin sets a temporary password; the owner must choose a new one at the next login."""
        actor.require(Role.ADMIN, action="reset_password")
        check_new_password(password, repeated)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            staff = self._get(s, staff_id)
            staff.password_hash = hash_password(password)
            staff.must_change_password = staff.id != actor.staff_id
            throttle = s.get(LoginThrottle, staff.username)
            if throttle is not None:
                s.delete(throttle)  # a reset also lifts a lockout
            audit.record(s, now, actor, "password_reset", "staff", staff.id, staff.username)
        return self._row(staff_id)

    # -- helpers -------------------------------------------------------------------------------------------------

    def _row(self, staff_id: int) -> StaffRow:
        with self._ctx.db.read() as s:
            return self._row_in(s, self._get(s, staff_id), self._ctx.clock.now())

    @staticmethod
    def _row_in(s: Session, staff: Staff, now: dt.datetime) -> StaffRow:
        merchant = s.get(Merchant, staff.merchant_id) if staff.merchant_id else None
        throttle = s.get(LoginThrottle, staff.username)
        locked = bool(throttle and throttle.locked_until and throttle.locked_until > now)
        return StaffRow(staff.id, staff.username, staff.display_name, Role(staff.role), staff.merchant_id,
                        merchant.name if merchant else None, staff.active, locked, staff.must_change_password,
                        staff.last_login_at)

    @staticmethod
    def _get(s: Session, staff_id: int) -> Staff:
        staff = s.get(Staff, staff_id)
        if staff is None:
            raise NotFound(entity="staff", key=staff_id)
        return staff

    @staticmethod
    def _check_merchant(s: Session, role: Role, merchant_id: int | None) -> None:
        if role is Role.MERCHANT:
            if merchant_id is None:
                raise MerchantRequired("merchant")
            merchant = s.get(Merchant, merchant_id)
            if merchant is None or not merchant.active:
                raise NotFound("merchant", entity="merchant", key=merchant_id)
        elif merchant_id is not None:
            raise MerchantNotAllowed("merchant")

    @staticmethod
    def _keep_an_admin(s: Session, leaving: Staff) -> None:
        # Lock the active admins so two admins demoting each other at once cannot both succeed.
        admins = s.execute(
            select(Staff.id).where(Staff.role == Role.ADMIN.value, Staff.active).with_for_update()
        ).scalars().all()
        if [a for a in admins if a != leaving.id] == []:
            raise LastAdmin()


def count_active_staff(s: Session) -> int:
    return int(s.execute(select(func.count()).select_from(Staff).where(Staff.active)).scalar_one())
