"""Services layer: service projects (认领项目) — the projects a base offers, members' claims of them, and the
staff's verification of the work, which credits the points.

Races are settled by the database. A claim takes its slot with one guarded update (`claimed = claimed + 1 WHERE
status = 'open' AND signup_deadline > now AND claimed < slots`, row count checked), so the last slot goes to one
desk however many try at once, and CHECK (claimed <= slots) backs it up. A member claims a project once (unique
project and member); a cancelled claim is taken up again rather than claimed twice.

`claimed` counts the claims that hold a slot: claimed, completed and absent (an absent member still held the
place). Only a cancellation gives a slot back. `desk check` verifies the count.

A completion credits the points through the ledger (`points.post`) in the same transaction as the claim's
change. Its submission key makes a double click or a retry answer with the first result and write nothing; a
group completion derives one key per claim from its key, so the whole group can be submitted again safely.

Every call here takes its locks in one order — the project, then its claims, then the members' balances, then
the audit chain (as a spend does: balance, then chain) — so two desks doing these never wait on each other in
turn. A group completion locks all its members' balances up front, in member order, for the same reason.

The sign-up deadline may fall after the start (a month of grid reporting takes members as it goes) but not after
the end. Claims are cancelled before the start; afterwards a member who did not come is marked absent, and work is
verified, once the project has started, until it is finished. A finished project changes no more.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk.domain.errors import (
    AlreadyClaimed,
    DeadlineAfterEnd,
    DeskError,
    DuplicateSubmission,
    EndBeforeStart,
    NotClaimed,
    NotFound,
    NothingChosen,
    OutOfRange,
    PointsOneWay,
    ProjectFull,
    ProjectNotOpen,
    ProjectNotStarted,
    ProjectStarted,
    Required,
    SignupClosed,
    SlotsBelowClaims,
    WrongClaimState,
)
from desk.domain.people import mask_name, mask_phone
from desk.domain.points import (
    HOURS_MAX,
    ClaimState,
    EntryKind,
    ProjectKind,
    ProjectStatus,
    check_points,
    points_for,
)
from desk.domain.staff import Actor, Role
from desk.domain.text import clean_text
from desk.services import audit
from desk.services.checks import invariant
from desk.services.context import ServiceContext
from desk.services.facilities import zone_named
from desk.services.points import PointsPolicy, Replay, earned_so_far, post, read_policy, refuse_over_cap
from desk.storage.models import Member, Person, PointsEntry, Project, ProjectClaim, ServiceBase

TITLE_MAX = 60
DESCRIPTION_MAX = 500
LOCATION_MAX = 60
SLOTS_MAX = 500
POINTS_PER_HOUR_MAX = 1000
MINUTES_MAX = HOURS_MAX * 60
KEY_MAX = 64  # the ledger's idempotency key column
# Hours are rounded half up: less than half an hour earns nothing, and a credit of nothing is no credit.
MINUTES_FOR_AN_HOUR = 30
STAFF_ROLES = (Role.ADMIN, Role.DESK)

_CLAIMED, _CANCELLED = ClaimState.CLAIMED.value, ClaimState.CANCELLED.value
_COMPLETED, _ABSENT = ClaimState.COMPLETED.value, ClaimState.ABSENT.value

# Statements built once with bound parameters: a group completion runs some of them sixty times.
_BASE_BY_CODE = select(ServiceBase.id, ServiceBase.name, ServiceBase.timezone).where(
    ServiceBase.code == bindparam("code"))
_FIRST_BASE = select(ServiceBase.id, ServiceBase.name, ServiceBase.timezone).order_by(ServiceBase.id).limit(1)

_COMPLETED_COUNT = (select(func.count(ProjectClaim.id))
                    .where(ProjectClaim.project_id == Project.id, ProjectClaim.state == _COMPLETED)
                    .correlate(Project).scalar_subquery())
_PROJECT_ROWS = select(
    Project.id, Project.title, Project.kind, Project.description, Project.location, Project.starts_at,
    Project.ends_at, Project.signup_deadline, Project.slots, Project.claimed, Project.points,
    Project.points_per_hour, Project.max_hours, Project.status, _COMPLETED_COUNT.label("completed"),
).where(Project.base_id == bindparam("base"))
_PROJECT_ROW = _PROJECT_ROWS.where(Project.id == bindparam("project_id"))

# What the claim calls need of a project, its row locked: FOR UPDATE where the call changes the project's count,
# FOR SHARE where it must only not change under the call (finished, or moved, meanwhile). SQLite ignores both:
# BEGIN IMMEDIATE already serialises its writers.
_HELD = select(Project.id, Project.title, Project.starts_at, Project.status, Project.points, Project.points_per_hour,
               Project.max_hours).where(Project.id == bindparam("project_id"),
                                        Project.base_id == bindparam("base"))
_HOLD = {True: _HELD.with_for_update(), False: _HELD.with_for_update(read=True)}
_LOCK_FOR_EDIT = select(Project).where(Project.id == bindparam("project_id"),
                                       Project.base_id == bindparam("base")).with_for_update()

_TAKE_SLOT = (update(Project)
              .where(Project.id == bindparam("project_id"), Project.base_id == bindparam("base"),
                     Project.status == ProjectStatus.OPEN.value, Project.signup_deadline > bindparam("now"),
                     Project.claimed < Project.slots)
              .values(claimed=Project.claimed + 1)
              .returning(Project.title))
_GIVE_SLOT = (update(Project).where(Project.id == bindparam("project_id"), Project.claimed > 0)
              .values(claimed=Project.claimed - 1))
_WHY_NO_SLOT = select(Project.status, Project.signup_deadline, Project.slots).where(
    Project.id == bindparam("project_id"), Project.base_id == bindparam("base"))

_MEMBER = (select(Member.id, Person.member_no, Person.name, Person.phone)
           .join(Person, Person.id == Member.person_id).where(Member.id == bindparam("member_id")))
_CLAIM_OF = select(ProjectClaim.id, ProjectClaim.state).where(
    ProjectClaim.project_id == bindparam("project_id"), ProjectClaim.member_id == bindparam("member_id"))
# Only a project of this desk's base: a claim of another base's project is refused as not found, not as claimed.
_CLAIM_HERE = _CLAIM_OF.join(Project, Project.id == ProjectClaim.project_id).where(Project.base_id == bindparam("base"))
_INSERT_CLAIM = insert(ProjectClaim).returning(ProjectClaim.id)
_REOPEN_CLAIM = (update(ProjectClaim)
                 .where(ProjectClaim.id == bindparam("claim_id"), ProjectClaim.state == _CANCELLED)
                 .values(state=_CLAIMED, claimed_at=bindparam("at"), claimed_by=bindparam("staff"),
                         finished_at=None, finished_by=None, minutes=None))
_PROJECT_OF_CLAIM = select(ProjectClaim.project_id).where(ProjectClaim.id == bindparam("claim_id"))
_CLAIM_COLUMNS = (ProjectClaim.id, ProjectClaim.member_id, ProjectClaim.state, ProjectClaim.minutes)
_LOCK_CLAIM = select(*_CLAIM_COLUMNS).where(ProjectClaim.id == bindparam("claim_id")).with_for_update()
# In member order: two desks verifying overlapping groups then lock the members' balances in the same order.
_LOCK_CLAIMS = (select(*_CLAIM_COLUMNS)
                .where(ProjectClaim.project_id == bindparam("project_id"),
                       ProjectClaim.id.in_(bindparam("claim_ids", expanding=True)))
                .order_by(ProjectClaim.member_id).with_for_update())
_LOCK_MEMBERS = (select(Member.id).where(Member.id.in_(bindparam("member_ids", expanding=True)))
                 .order_by(Member.id).with_for_update())
_FINISH_CLAIM = (update(ProjectClaim)
                 .where(ProjectClaim.id == bindparam("claim_id"), ProjectClaim.state == _CLAIMED)
                 .values(state=bindparam("new_state"), entry_id=bindparam("credit"), minutes=bindparam("worked"),
                         finished_at=bindparam("at"), finished_by=bindparam("staff")))

_ENTRIES_BY_KEY = select(PointsEntry.idem_key, PointsEntry.id, PointsEntry.member_id, PointsEntry.amount,
                         PointsEntry.ref_kind, PointsEntry.ref_id).where(
    PointsEntry.idem_key.in_(bindparam("keys", expanding=True)))
_ENTRY = select(PointsEntry.idem_key, PointsEntry.id, PointsEntry.member_id, PointsEntry.amount,
                PointsEntry.ref_kind, PointsEntry.ref_id).where(PointsEntry.id == bindparam("entry_id"))
_BALANCES = select(Member.id, Member.balance).where(Member.id.in_(bindparam("member_ids", expanding=True)))

_CLAIM_ROWS = (select(ProjectClaim.id, ProjectClaim.project_id, ProjectClaim.member_id, Person.member_no,
                      Person.name, Person.phone, ProjectClaim.state, ProjectClaim.minutes, PointsEntry.amount,
                      ProjectClaim.claimed_at, ProjectClaim.finished_at)
               .join(Member, Member.id == ProjectClaim.member_id)
               .join(Person, Person.id == Member.person_id)
               .outerjoin(PointsEntry, PointsEntry.id == ProjectClaim.entry_id))


@dataclass(frozen=True, kw_only=True)
class ProjectForm:
    """A project as typed in. Times are timezone-aware. Points are counted one way: fixed `points` per
    completion, or `points_per_hour` for the time worked with at most `max_hours` per completion."""

    title: str
    kind: ProjectKind
    description: str = ""  # several lines allowed
    location: str = ""
    starts_at: dt.datetime
    ends_at: dt.datetime
    signup_deadline: dt.datetime  # at the latest the end; may be after the start
    slots: int
    points: int | None = None
    points_per_hour: int | None = None
    max_hours: int | None = None


@dataclass(frozen=True)
class ProjectRow:
    id: int
    title: str
    kind: ProjectKind
    description: str
    location: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    signup_deadline: dt.datetime
    slots: int
    claimed: int  # claims holding a slot (claimed, completed, absent)
    points: int | None
    points_per_hour: int | None
    max_hours: int | None
    status: ProjectStatus
    completed_count: int

    @property
    def free(self) -> int:
        return self.slots - self.claimed

    @property
    def by_the_hour(self) -> bool:
        return self.points_per_hour is not None


@dataclass(frozen=True)
class ClaimRow:
    id: int
    project_id: int
    member_id: int
    member_no: str
    name: str
    masked_phone: str
    state: ClaimState
    minutes: int | None
    points: int | None  # credited, once completed
    claimed_at: dt.datetime
    finished_at: dt.datetime | None


@dataclass(frozen=True)
class MemberClaimRow:
    claim_id: int
    project_id: int
    title: str
    kind: ProjectKind
    starts_at: dt.datetime
    ends_at: dt.datetime
    state: ClaimState
    points: int | None  # credited, once completed


@dataclass(frozen=True)
class CompletionRow:
    """A verified completion and its credit, just written or found again by its submission key (`replayed`)."""

    claim_id: int
    member_id: int
    minutes: int | None
    points: int
    entry_id: int
    balance: int  # the member's balance after the credit (now, for a replay)
    replayed: bool = False


@dataclass(frozen=True)
class GroupResult:
    credited: tuple[CompletionRow, ...]
    refused: tuple[tuple[int, DeskError], ...]  # each claim left out and the rule that refused it


@dataclass(frozen=True)
class SignLine:
    claim_id: int
    member_no: str
    masked_name: str
    phone_last4: str
    state: ClaimState


@dataclass(frozen=True)
class SignSheet:
    """What a printed sign-in sheet holds: the project and who claimed it (names masked, as on a notice)."""

    project: ProjectRow
    lines: tuple[SignLine, ...]
    base_name: str
    timezone: str  # the base's: the sheet prints its times in it


@dataclass(frozen=True)
class _Base:
    id: int
    name: str
    zone: zoneinfo.ZoneInfo


@dataclass(frozen=True)
class _HeldClaim:
    id: int
    member_id: int
    state: str
    minutes: int | None


@dataclass(frozen=True)
class _Held:
    id: int
    title: str
    starts_at: dt.datetime
    status: ProjectStatus
    points: int | None
    points_per_hour: int | None
    max_hours: int | None


class ProjectService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- projects ------------------------------------------------------------------------------------------------

    def create(self, actor: Actor, form: ProjectForm) -> ProjectRow:
        actor.require(*STAFF_ROLES, action="manage_projects")
        values = clean_form(form)
        now = self._ctx.clock.now()
        with self._ctx.db.write_core() as conn:
            base = self._base(conn)
            project_id = conn.execute(insert(Project).returning(Project.id), {
                **values, "base_id": base.id, "claimed": 0, "status": ProjectStatus.OPEN.value, "created_at": now,
                "created_by": actor.staff_id}).scalar_one()
            audit.record(conn, now, actor, "project_created", "project", project_id, _describe(values, base.zone))
            return self._row(conn, base, project_id)

    def update(self, actor: Actor, project_id: int, form: ProjectForm) -> ProjectRow:
        """Edit a project that is not finished. Slots never go below the claims holding one; completions already
        credited keep their points."""
        actor.require(*STAFF_ROLES, action="manage_projects")
        values = clean_form(form)
        now = self._ctx.clock.now()
        with self._ctx.db.write() as s:
            base = self._base(s.connection())
            project = s.execute(_LOCK_FOR_EDIT, {"project_id": project_id, "base": base.id}).scalar_one_or_none()
            if project is None:
                raise NotFound("project", entity="project", key=project_id)
            if project.status == ProjectStatus.FINISHED.value:
                raise ProjectNotOpen("project", status=project.status)
            if values["slots"] < project.claimed:
                raise SlotsBelowClaims("slots", claimed=project.claimed)
            changed = [name for name, value in values.items() if getattr(project, name) != value]
            if changed:
                for name in changed:
                    setattr(project, name, values[name])
                audit.record(s, now, actor, "project_edited", "project", project_id,
                             f"{values['title']}: {', '.join(changed)}")
            s.flush()
            return self._row(s.connection(), base, project_id)

    def set_status(self, actor: Actor, project_id: int, status: ProjectStatus) -> ProjectRow:
        """Open (claims taken until the deadline), closed (no new claims; work still verified) or finished
        (final: nothing changes any more)."""
        actor.require(*STAFF_ROLES, action="manage_projects")
        new = ProjectStatus(status)
        now = self._ctx.clock.now()
        with self._ctx.db.write_core() as conn:
            base = self._base(conn)
            project = self._hold(conn, base, project_id, for_update=True)
            if project.status is ProjectStatus.FINISHED:
                raise ProjectNotOpen("status", status=project.status.value)
            if project.status is not new:
                conn.execute(update(Project).where(Project.id == project_id).values(status=new.value))
                audit.record(conn, now, actor, "project_status_changed", "project", project_id,
                             f"{project.title}: {project.status.value} → {new.value}")
            return self._row(conn, base, project_id)

    def list_projects(self, include_finished: bool = False) -> list[ProjectRow]:
        """This base's projects, soonest first."""
        query = _PROJECT_ROWS
        if not include_finished:
            query = query.where(Project.status != ProjectStatus.FINISHED.value)
        with self._ctx.db.read() as s:
            conn = s.connection()
            base = self._base(conn)
            rows = conn.execute(query.order_by(Project.starts_at, Project.id), {"base": base.id})
            return [_project_row(r) for r in rows]

    def get(self, project_id: int) -> ProjectRow:
        with self._ctx.db.read() as s:
            conn = s.connection()
            return self._row(conn, self._base(conn), project_id)

    # -- claims --------------------------------------------------------------------------------------------------

    def claim(self, actor: Actor, project_id: int, member_id: int) -> ClaimRow:
        """Claim a slot for a member. The slot is taken by one guarded update; when it matches nothing, the
        project is read to say which rule refused. A cancelled claim of the same member is taken up again."""
        actor.require(*STAFF_ROLES, action="claim_projects")
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write_core() as conn:
                return self._claim(conn, now, actor, project_id, member_id)
        except IntegrityError:
            # Another desk claimed the project for the same member at the same moment: the unique (project,
            # member) let one insert through, and this transaction, slot included, is rolled back.
            with self._ctx.db.read() as s:
                found = s.connection().execute(_CLAIM_OF, {"project_id": project_id,
                                                           "member_id": member_id}).first()
            if found is not None and found.state != _CANCELLED:
                raise AlreadyClaimed("member") from None
            raise

    def _claim(self, conn: Connection, now: dt.datetime, actor: Actor, project_id: int,
               member_id: int) -> ClaimRow:
        base = self._base(conn)
        member = conn.execute(_MEMBER, {"member_id": member_id}).one_or_none()
        if member is None:
            raise NotFound("member", entity="member", key=member_id)
        existing = conn.execute(_CLAIM_HERE, {"project_id": project_id, "member_id": member_id,
                                              "base": base.id}).one_or_none()
        if existing is not None and existing.state != _CANCELLED:
            raise AlreadyClaimed("member")
        title = conn.execute(_TAKE_SLOT, {"project_id": project_id, "base": base.id,
                                          "now": now}).scalar_one_or_none()
        if title is None:
            self._refuse_claim(conn, base, project_id, now)
        if existing is None:
            claim_id = conn.execute(_INSERT_CLAIM, {
                "project_id": project_id, "member_id": member_id, "state": _CLAIMED, "claimed_at": now,
                "claimed_by": actor.staff_id, "finished_at": None, "finished_by": None, "minutes": None,
                "entry_id": None}).scalar_one()
        else:
            claim_id = existing.id
            if conn.execute(_REOPEN_CLAIM, {"claim_id": claim_id, "at": now,
                                            "staff": actor.staff_id}).rowcount != 1:
                raise AlreadyClaimed("member")
        audit.record(conn, now, actor, "project_claimed", "project_claim", claim_id,
                     f"{title}: {member.member_no or member_id}")
        return ClaimRow(claim_id, project_id, member_id, member.member_no or "", member.name or "",
                        mask_phone(member.phone), ClaimState.CLAIMED, None, None, now, None)

    @staticmethod
    def _refuse_claim(conn: Connection, base: _Base, project_id: int, now: dt.datetime) -> NoReturn:
        """Which rule refused a claim whose guarded update matched no row."""
        found = conn.execute(_WHY_NO_SLOT, {"project_id": project_id, "base": base.id}).one_or_none()
        if found is None:
            raise NotFound("project", entity="project", key=project_id)
        status, deadline, slots = found
        if status != ProjectStatus.OPEN.value:
            raise ProjectNotOpen("project", status=status)
        if deadline <= now:
            raise SignupClosed("project", deadline=_local(deadline, base.zone))
        raise ProjectFull("project", slots=slots)

    def cancel_claim(self, actor: Actor, claim_id: int) -> ClaimRow:
        """Give a claimed slot back, before the project starts (afterwards the member is marked absent)."""
        actor.require(*STAFF_ROLES, action="claim_projects")
        now = self._ctx.clock.now()
        with self._ctx.db.write_core() as conn:
            project, claim = self._hold_claim(conn, claim_id, for_update=True)
            _require_not_finished(project)
            _require_claimed(claim.state, "cancel")
            if now >= project.starts_at:
                raise ProjectStarted("claim")
            self._finish(conn, now, actor, claim_id, _CANCELLED)
            conn.execute(_GIVE_SLOT, {"project_id": project.id})
            audit.record(conn, now, actor, "claim_cancelled", "project_claim", claim_id,
                         f"{project.title}: member {claim.member_id}")
            return self._claim_row(conn, claim_id)

    def mark_absent(self, actor: Actor, claim_id: int) -> ClaimRow:
        """A member who claimed and did not come, once the project has started. The slot stays taken."""
        actor.require(*STAFF_ROLES, action="claim_projects")
        now = self._ctx.clock.now()
        with self._ctx.db.write_core() as conn:
            project, claim = self._hold_claim(conn, claim_id, for_update=False)
            _require_not_finished(project)
            _require_claimed(claim.state, "mark_absent")
            self._require_started(conn, project, now)
            self._finish(conn, now, actor, claim_id, _ABSENT)
            audit.record(conn, now, actor, "claim_absent", "project_claim", claim_id,
                         f"{project.title}: member {claim.member_id}")
            return self._claim_row(conn, claim_id)

    # -- verification --------------------------------------------------------------------------------------------

    def complete(self, actor: Actor, claim_id: int, minutes: int | None, key: str) -> CompletionRow:
        """Verify a member's work and credit the points (fixed, or per hour for `minutes` worked). The same key
        again answers with the first completion and writes nothing; a refused credit (a cap reached) writes
        nothing either."""
        actor.require(*STAFF_ROLES, action="verify_projects")
        _check_key(key)
        try:
            return self._complete_once(actor, claim_id, minutes, key)
        except IntegrityError:
            # Another desk wrote this key between our look-up and our insert: answered as the retry it is.
            return self._complete_once(actor, claim_id, minutes, key)

    def _complete_once(self, actor: Actor, claim_id: int, minutes: int | None, key: str) -> CompletionRow:
        now = self._ctx.clock.now()
        with self._ctx.db.write_core() as conn:
            base = self._base(conn)
            project_id = conn.execute(_PROJECT_OF_CLAIM, {"claim_id": claim_id}).scalar_one_or_none()
            project = self._hold(conn, base, project_id, for_update=False) if project_id is not None else None
            found_claim = conn.execute(_LOCK_CLAIM, {"claim_id": claim_id}).one_or_none() if project else None
            if project is None or found_claim is None:
                raise NotClaimed("claim", name="")
            claim = _HeldClaim(*found_claim)
            # Looked up with the claim locked: a desk that lost the race to the same key sees the winner's entry.
            found = conn.execute(_ENTRIES_BY_KEY, {"keys": [key]}).first()
            if found is not None:
                return _replayed(conn, found, claim)
            _require_not_finished(project)
            self._require_started(conn, project, now)
            points = _points_of(project, claim.state, minutes)
            try:
                return self._credit(conn, now, actor, project, claim, minutes, points, key, read_policy(conn),
                                    base.zone)
            except Replay as replay:
                return _replayed(conn, conn.execute(_ENTRY, {"entry_id": replay.entry_id}).one(), claim)

    def complete_group(self, actor: Actor, project_id: int, attended: Mapping[int, int | None],
                       key: str) -> GroupResult:
        """Verify everyone who came (claim id → minutes worked, None where the points are fixed) in one
        transaction. Each claim is credited in a savepoint: one refused (a cap reached, not claimed) is reported
        and the others are still credited. The same key again answers with the first result and writes
        nothing."""
        actor.require(*STAFF_ROLES, action="verify_projects")
        if not attended:
            raise NothingChosen("claims")
        _check_key(key)
        keys = {claim_id: f"{key}:{claim_id}" for claim_id in attended}
        if any(len(k) > KEY_MAX for k in keys.values()):
            raise DuplicateSubmission("points")
        try:
            return self._group_once(actor, project_id, attended, keys)
        except IntegrityError:
            return self._group_once(actor, project_id, attended, keys)

    def _group_once(self, actor: Actor, project_id: int, attended: Mapping[int, int | None],
                    keys: dict[int, str]) -> GroupResult:
        now = self._ctx.clock.now()
        credited: list[CompletionRow] = []
        refused: list[tuple[int, DeskError]] = []
        with self._ctx.db.write_core() as conn:
            base = self._base(conn)
            project = self._hold(conn, base, project_id, for_update=False)
            claims = [_HeldClaim(*r) for r in conn.execute(_LOCK_CLAIMS, {"project_id": project_id,
                                                                          "claim_ids": list(attended)})]
            found = {r.idem_key: r for r in conn.execute(_ENTRIES_BY_KEY, {"keys": list(keys.values())})}
            known = {c.id for c in claims}
            refused += [(claim_id, NotClaimed("claim", name="")) for claim_id in attended if claim_id not in known]
            to_do: list[_HeldClaim] = []
            for claim in claims:
                entry = found.get(keys[claim.id])
                if entry is None:
                    to_do.append(claim)
                    continue
                try:
                    credited.append(_replayed(conn, entry, claim))
                except DeskError as refusal:
                    refused.append((claim.id, refusal))
            if to_do:
                _require_not_finished(project)
                self._require_started(conn, project, now)
                # Every balance this group may change, locked up front and in order (see the module docstring).
                member_ids = [c.member_id for c in to_do if c.state == _CLAIMED]
                conn.execute(_LOCK_MEMBERS, {"member_ids": member_ids})
                caps = _GroupCaps(conn, read_policy(conn), member_ids, now, base.zone)
                for claim in to_do:
                    minutes = attended[claim.id]
                    try:
                        points = _points_of(project, claim.state, minutes)
                        caps.refuse_over(claim.member_id, points)
                        with conn.begin_nested():
                            credited.append(self._credit(conn, now, actor, project, claim, minutes, points,
                                                         keys[claim.id], caps.held, base.zone))
                    except Replay as replay:
                        credited.append(_replayed(conn, conn.execute(_ENTRY, {"entry_id": replay.entry_id}).one(),
                                                  claim))
                    except DeskError as refusal:
                        refused.append((claim.id, refusal))
        return GroupResult(tuple(sorted(credited, key=lambda c: c.claim_id)),
                           tuple(sorted(refused, key=lambda r: r[0])))

    def _credit(self, conn: Connection, now: dt.datetime, actor: Actor, project: _Held, claim: _HeldClaim,
                minutes: int | None, points: int, key: str, policy: PointsPolicy,
                zone: zoneinfo.ZoneInfo) -> CompletionRow:
        """The ledger entry (its audit event says who verified what) and the claim's completion, together."""
        posted = post(conn, now, actor, claim.member_id, points, EntryKind.EARN, project.title, key,
                      ref_kind="claim", ref_id=claim.id, policy=policy, zone=zone)
        self._finish(conn, now, actor, claim.id, _COMPLETED, entry_id=posted.entry_id, minutes=minutes)
        return CompletionRow(claim.id, claim.member_id, minutes, points, posted.entry_id, posted.balance)

    # -- reading -------------------------------------------------------------------------------------------------

    def claims(self, project_id: int) -> list[ClaimRow]:
        """Every claim of a project, cancelled ones included, in the order they were made."""
        with self._ctx.db.read() as s:
            conn = s.connection()
            if conn.execute(_HELD, {"project_id": project_id, "base": self._base(conn).id}).first() is None:
                raise NotFound("project", entity="project", key=project_id)
            rows = conn.execute(_CLAIM_ROWS.where(ProjectClaim.project_id == project_id)
                                .order_by(ProjectClaim.claimed_at, ProjectClaim.id))
            return [_claim_row(r) for r in rows]

    def member_claims(self, member_id: int) -> list[MemberClaimRow]:
        """A member's claims at any base, newest first (for the member page)."""
        with self._ctx.db.read() as s:
            rows = s.execute(
                select(ProjectClaim.id, Project.id, Project.title, Project.kind, Project.starts_at, Project.ends_at,
                       ProjectClaim.state, PointsEntry.amount)
                .join(Project, Project.id == ProjectClaim.project_id)
                .outerjoin(PointsEntry, PointsEntry.id == ProjectClaim.entry_id)
                .where(ProjectClaim.member_id == member_id)
                .order_by(ProjectClaim.claimed_at.desc(), ProjectClaim.id.desc()))
            return [MemberClaimRow(claim_id, project_id, title, ProjectKind(kind), starts_at, ends_at,
                                   ClaimState(state), amount)
                    for claim_id, project_id, title, kind, starts_at, ends_at, state, amount in rows]

    def sign_sheet(self, project_id: int) -> SignSheet:
        """The project and its claimed and completed claims, in claim order, for a printed sign-in sheet: names
        masked, the member number and the last four digits of the phone to find oneself by."""
        with self._ctx.db.read() as s:
            conn = s.connection()
            base = self._base(conn)
            project = self._row(conn, base, project_id)
            rows = conn.execute(_CLAIM_ROWS.where(ProjectClaim.project_id == project_id,
                                                  ProjectClaim.state.in_([_CLAIMED, _COMPLETED]))
                                .order_by(ProjectClaim.claimed_at, ProjectClaim.id))
            lines = tuple(SignLine(r.id, r.member_no or "", mask_name(r.name), (r.phone or "")[-4:],
                                   ClaimState(r.state)) for r in rows)
            return SignSheet(project, lines, base.name, base.zone.key)

    # -- helpers -------------------------------------------------------------------------------------------------

    def _base(self, conn: Connection) -> _Base:
        """This desk's base: the one with the desk's code, or the database's first."""
        code = self._ctx.base_code
        query = _BASE_BY_CODE if code else _FIRST_BASE
        found = conn.execute(query, {"code": code} if code else {}).one_or_none()
        if found is None:
            raise NotFound(entity="base", key=code or "")
        return _Base(found.id, found.name, zone_named(found.timezone))

    @staticmethod
    def _row(conn: Connection, base: _Base, project_id: int) -> ProjectRow:
        found = conn.execute(_PROJECT_ROW, {"base": base.id, "project_id": project_id}).one_or_none()
        if found is None:
            raise NotFound("project", entity="project", key=project_id)
        return _project_row(found)

    @staticmethod
    def _hold(conn: Connection, base: _Base, project_id: int, *, for_update: bool) -> _Held:
        """The project's row, locked; a project of another base is not found."""
        found = conn.execute(_HOLD[for_update], {"project_id": project_id, "base": base.id}).one_or_none()
        if found is None:
            raise NotFound("project", entity="project", key=project_id)
        project_id, title, starts_at, status, points, per_hour, max_hours = found
        return _Held(project_id, title, starts_at, ProjectStatus(status), points, per_hour, max_hours)

    def _hold_claim(self, conn: Connection, claim_id: int, *, for_update: bool) -> tuple[_Held, _HeldClaim]:
        """A claim and its project, both locked, the project first."""
        project_id = conn.execute(_PROJECT_OF_CLAIM, {"claim_id": claim_id}).scalar_one_or_none()
        if project_id is None:
            raise NotFound("claim", entity="project_claim", key=claim_id)
        try:
            project = self._hold(conn, self._base(conn), project_id, for_update=for_update)
        except NotFound:
            raise NotFound("claim", entity="project_claim", key=claim_id) from None
        return project, _HeldClaim(*conn.execute(_LOCK_CLAIM, {"claim_id": claim_id}).one())

    def _require_started(self, conn: Connection, project: _Held, now: dt.datetime) -> None:
        if now < project.starts_at:
            raise ProjectNotStarted("project", starts=_local(project.starts_at, self._base(conn).zone))

    @staticmethod
    def _finish(conn: Connection, now: dt.datetime, actor: Actor, claim_id: int, state: str, *,
                entry_id: int | None = None, minutes: int | None = None) -> None:
        done = conn.execute(_FINISH_CLAIM, {"claim_id": claim_id, "new_state": state, "credit": entry_id,
                                            "worked": minutes, "at": now, "staff": actor.staff_id}).rowcount
        if done != 1:  # the claim's row is locked by this transaction: only a bug gets here
            raise RuntimeError(f"claim {claim_id} changed under its lock")

    @staticmethod
    def _claim_row(conn: Connection, claim_id: int) -> ClaimRow:
        return _claim_row(conn.execute(_CLAIM_ROWS.where(ProjectClaim.id == claim_id)).one())


# -- the form ----------------------------------------------------------------------------------------------------

def clean_form(form: ProjectForm) -> dict[str, Any]:
    """The project's column values from a form, or the first field error."""
    title = clean_text(form.title, "title", max_length=TITLE_MAX)
    kind = ProjectKind(form.kind)
    description = clean_text(form.description, "description", max_length=DESCRIPTION_MAX, required=False,
                             multiline=True)
    location = clean_text(form.location, "location", max_length=LOCATION_MAX, required=False)
    for moment in (form.starts_at, form.ends_at, form.signup_deadline):
        if moment.tzinfo is None:
            raise ValueError("project times must be timezone-aware")
    if form.ends_at <= form.starts_at:
        raise EndBeforeStart("ends_at")
    if form.signup_deadline > form.ends_at:
        raise DeadlineAfterEnd("signup_deadline")
    slots = _whole(form.slots, "slots", 1, SLOTS_MAX)
    points, per_hour, max_hours = _counting(form)
    return {
        "title": title, "kind": kind.value, "description": description, "location": location,
        "starts_at": form.starts_at.astimezone(dt.UTC), "ends_at": form.ends_at.astimezone(dt.UTC),
        "signup_deadline": form.signup_deadline.astimezone(dt.UTC), "slots": slots, "points": points,
        "points_per_hour": per_hour, "max_hours": max_hours,
    }


def _counting(form: ProjectForm) -> tuple[int | None, int | None, int | None]:
    hourly = form.points_per_hour is not None or form.max_hours is not None
    if form.points is not None:
        if hourly:
            raise PointsOneWay("points")
        return check_points(form.points), None, None
    if not hourly:
        raise Required("points")
    if form.points_per_hour is None:
        raise Required("points_per_hour")
    if form.max_hours is None:
        raise Required("max_hours")
    return (None, _whole(form.points_per_hour, "points_per_hour", 1, POINTS_PER_HOUR_MAX),
            _whole(form.max_hours, "max_hours", 1, HOURS_MAX))


def _whole(value: int, field: str, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise OutOfRange(field, minimum=minimum, maximum=maximum)
    return value


def _check_key(key: str) -> None:
    # The UI makes one key per dialog; an empty or oversized one is a bug in the caller, never accepted.
    if not key or len(key) > KEY_MAX:
        raise DuplicateSubmission("points")


class _GroupCaps:
    """The daily and monthly earning caps for a whole group, from one query instead of one per member (the rule
    itself is the ledger's). The members' rows are locked before the sums are read, so no other credit can move
    them, and a member has one claim per project, so one credit each; each credit is then posted with `held`, a
    policy whose caps were already applied here."""

    def __init__(self, conn: Connection, policy: PointsPolicy, member_ids: list[int], now: dt.datetime,
                 zone: zoneinfo.ZoneInfo) -> None:
        self._policy = policy
        self.held = dataclasses.replace(policy, daily_cap=0, monthly_cap=0)
        self._earned: dict[int, tuple[int, int]] = {}
        if member_ids and (policy.daily_cap or policy.monthly_cap):
            self._earned = earned_so_far(conn, member_ids, now, zone)

    def refuse_over(self, member_id: int, amount: int) -> None:
        refuse_over_cap(self._policy, self._earned.get(member_id, (0, 0)), amount)


# -- rules and rows ----------------------------------------------------------------------------------------------

def _require_not_finished(project: _Held) -> None:
    if project.status is ProjectStatus.FINISHED:
        raise ProjectNotOpen("project", status=project.status.value)


def _require_claimed(state: str, action: str) -> None:
    if state != _CLAIMED:
        raise WrongClaimState("claim", state=state, action=action)


def _points_of(project: _Held, state: str, minutes: int | None) -> int:
    """What this completion earns; refused for a claim not (or no longer) claimed and for unusable minutes."""
    _require_claimed(state, "complete")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)
                                or not 1 <= minutes <= MINUTES_MAX):
        raise OutOfRange("minutes", minimum=1, maximum=MINUTES_MAX)
    points = points_for(project.points, project.points_per_hour, project.max_hours, minutes)
    if points < 1:
        raise OutOfRange("minutes", minimum=MINUTES_FOR_AN_HOUR, maximum=MINUTES_MAX)
    return points


def _replayed(conn: Connection, entry: Any, claim: _HeldClaim) -> CompletionRow:
    """The answer to a completion whose key is already in the ledger: that completion when the key was this
    claim's, else a refusal (a key reused for something else is a bug in the caller)."""
    if entry.ref_kind != "claim" or entry.ref_id != claim.id or entry.member_id != claim.member_id:
        raise DuplicateSubmission("points")
    balance = conn.execute(_BALANCES, {"member_ids": [claim.member_id]}).one().balance
    return CompletionRow(claim.id, claim.member_id, claim.minutes, entry.amount, entry.id, balance, replayed=True)


def _project_row(r: Any) -> ProjectRow:
    return ProjectRow(r.id, r.title, ProjectKind(r.kind), r.description, r.location, r.starts_at, r.ends_at,
                      r.signup_deadline, r.slots, r.claimed, r.points, r.points_per_hour, r.max_hours,
                      ProjectStatus(r.status), int(r.completed))


def _claim_row(r: Any) -> ClaimRow:
    return ClaimRow(r.id, r.project_id, r.member_id, r.member_no or "", r.name or "", mask_phone(r.phone),
                    ClaimState(r.state), r.minutes, r.amount, r.claimed_at, r.finished_at)


def _local(moment: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def _describe(values: dict[str, Any], zone: zoneinfo.ZoneInfo) -> str:
    counted = (f"{values['points']} points" if values["points"] is not None
               else f"{values['points_per_hour']} points/hour, at most {values['max_hours']} h")
    return f"{values['title']} {_local(values['starts_at'], zone)}, {values['slots']} slots, {counted}"


# -- invariants --------------------------------------------------------------------------------------------------

@invariant("project_claims_counted")
def _claims_counted(s: Session) -> list[str]:
    """Every project's count of claims holding a slot is what its claims say."""
    holding = (select(ProjectClaim.project_id, func.count().label("n"))
               .where(ProjectClaim.state != _CANCELLED).group_by(ProjectClaim.project_id).subquery())
    wrong = s.execute(
        select(Project.id, Project.claimed, func.coalesce(holding.c.n, 0))
        .outerjoin(holding, holding.c.project_id == Project.id)
        .where(Project.claimed != func.coalesce(holding.c.n, 0))
        .order_by(Project.id)
    ).all()
    return [f"project {p}: counts {c} claims, {n} hold a slot" for p, c, n in wrong]


@invariant("project_completions_credited")
def _completions_credited(s: Session) -> list[str]:
    """A completed claim's entry is an earning of that member for that claim."""
    bad = s.execute(
        select(ProjectClaim.id, ProjectClaim.entry_id)
        .join(PointsEntry, PointsEntry.id == ProjectClaim.entry_id)
        .where((PointsEntry.member_id != ProjectClaim.member_id) | (PointsEntry.ref_kind != "claim")
               | PointsEntry.ref_id.is_distinct_from(ProjectClaim.id) | (PointsEntry.kind != EntryKind.EARN.value))
        .order_by(ProjectClaim.id)
    ).all()
    return [f"claim {c}: entry {e} is not its credit" for c, e in bad]


__all__ = [
    "ClaimRow", "CompletionRow", "GroupResult", "MemberClaimRow", "ProjectForm", "ProjectRow", "ProjectService",
    "SignLine", "SignSheet", "clean_form",
]
