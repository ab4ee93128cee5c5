"""Service projects (认领项目) on both backends: the form's rules, editing and status, claiming under every rule
(each refusal named and writing nothing), cancelling and re-claiming, absence, verification with fixed and
hourly points, caps, submission keys for one completion and for a group, the read models, and `desk check`.

The clock is Saturday 2026-11-28 10:00 at the base; the default project runs tomorrow 09:00–11:00."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from typing import Any

import pytest
from booking_fixtures import TODAY, at, person
from sqlalchemy import func, select, update

from desk.domain.clock import FixedClock
from desk.domain.errors import (
    AlreadyClaimed,
    ControlCharacters,
    DeadlineAfterEnd,
    DeskError,
    DuplicateSubmission,
    EndBeforeStart,
    NotClaimed,
    NotFound,
    NothingChosen,
    OutOfRange,
    PermissionDenied,
    PointsCapReached,
    PointsOneWay,
    ProjectFull,
    ProjectNotOpen,
    ProjectNotStarted,
    ProjectStarted,
    Required,
    SignupClosed,
    SlotsBelowClaims,
    TooLong,
    WrongClaimState,
)
from desk.domain.points import POINTS_MAX, ClaimState, EntryKind, ProjectKind, ProjectStatus
from desk.domain.staff import Actor, Role
from desk.services.audit import AuditRow, AuditService
from desk.services.bundle import Services
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.points import MemberRow, PointsService, new_key
from desk.services.projects import ProjectForm, ProjectRow, ProjectService
from desk.services.settings import SettingsService
from desk.storage.models import AuditHead, Member, PointsEntry, Project, ProjectClaim, ServiceBase

TOMORROW = TODAY + dt.timedelta(days=1)
DURING = at(TOMORROW, 9, 30)  # the default project has started
MERCHANT = Actor(staff_id=None, username="huishang", display_name="汇上佳超市", role=Role.MERCHANT)


@pytest.fixture
def projects(ctx: ServiceContext) -> ProjectService:
    return ProjectService(ctx)


def _form(**changes: Any) -> ProjectForm:
    values: dict[str, Any] = dict(
        title="明华商圈环境清扫", kind=ProjectKind.VOLUNTEER, description="清扫中心广场及周边\n自带手套",
        location="中心广场", starts_at=at(TOMORROW, 9), ends_at=at(TOMORROW, 11),
        signup_deadline=at(TOMORROW, 8), slots=10, points=20)
    values.update(changes)
    return ProjectForm(**values)


def _hourly(**changes: Any) -> ProjectForm:
    return _form(**{"title": "法律援助宣传", "kind": ProjectKind.ACTIVITY, "points": None, "points_per_hour": 10,
                    "max_hours": 4, **changes})


def _members(ctx: ServiceContext, admin: Actor, count: int, prefix: str = "志愿者") -> list[MemberRow]:
    points = PointsService(ctx)
    return [points.join(admin, person(ctx, admin, f"{prefix}{i}")) for i in range(count)]


def _state(ctx: ServiceContext) -> tuple[object, ...]:
    """Everything a refused call must leave as it was."""
    with ctx.db.read() as s:
        return (
            tuple(tuple(r) for r in s.execute(select(
                Project.id, Project.title, Project.slots, Project.claimed, Project.status, Project.starts_at,
                Project.points, Project.location).order_by(Project.id))),
            tuple(tuple(r) for r in s.execute(select(
                ProjectClaim.id, ProjectClaim.state, ProjectClaim.entry_id, ProjectClaim.minutes,
                ProjectClaim.claimed_at, ProjectClaim.finished_at).order_by(ProjectClaim.id))),
            s.execute(select(func.count()).select_from(PointsEntry)).scalar_one(),
            tuple(tuple(r) for r in s.execute(select(Member.id, Member.balance).order_by(Member.id))),
            s.execute(select(AuditHead.seq)).scalar_one(),
        )


def _entries(ctx: ServiceContext) -> int:
    with ctx.db.read() as s:
        return int(s.execute(select(func.count()).select_from(PointsEntry)).scalar_one())


def _events(ctx: ServiceContext, since: int = 0) -> list[AuditRow]:
    return [e for e in reversed(AuditService(ctx).recent(10_000)) if e.seq > since]


def _seq(ctx: ServiceContext) -> int:
    with ctx.db.read() as s:
        return int(s.execute(select(AuditHead.seq)).scalar_one())


def _refused(ctx: ServiceContext, error: type[DeskError], call: Any, *args: Any) -> DeskError:
    before = _state(ctx)
    with pytest.raises(error) as caught:
        call(*args)
    assert _state(ctx) == before
    return caught.value


def _consistent(ctx: ServiceContext) -> None:
    assert CheckService(ctx).run() == []


# -- the form ------------------------------------------------------------------------------------------------------

def test_a_project_is_created_audited_and_listed_soonest_first(ctx: ServiceContext, admin: Actor,
                                                              projects: ProjectService) -> None:
    later = projects.create(admin, _form(title="党史学习培训", kind=ProjectKind.TRAINING,
                                         starts_at=at(TOMORROW, 14), ends_at=at(TOMORROW, 16)))
    sooner = projects.create(admin, _form(title="  明华商圈环境清扫  "))

    assert sooner.title == "明华商圈环境清扫" and sooner.kind is ProjectKind.VOLUNTEER
    assert sooner.description == "清扫中心广场及周边\n自带手套" and sooner.location == "中心广场"
    assert (sooner.slots, sooner.claimed, sooner.free, sooner.points, sooner.status) == (10, 0, 10, 20,
                                                                                         ProjectStatus.OPEN)
    assert not sooner.by_the_hour and sooner.completed_count == 0
    assert sooner.starts_at == at(TOMORROW, 9) and sooner.starts_at.tzinfo is not None
    assert [p.id for p in projects.list_projects()] == [sooner.id, later.id]
    assert projects.get(later.id) == later
    created = [e for e in _events(ctx) if e.action == "project_created"]
    assert [(e.entity, e.entity_id) for e in created] == [("project", str(later.id)), ("project", str(sooner.id))]
    assert "2026-11-29 09:00" in created[1].summary and "20 points" in created[1].summary
    with pytest.raises(NotFound):
        projects.get(sooner.id + 100)


def test_an_hourly_project_keeps_its_rate_and_cap(admin: Actor, projects: ProjectService) -> None:
    row = projects.create(admin, _hourly())
    assert (row.points, row.points_per_hour, row.max_hours, row.by_the_hour) == (None, 10, 4, True)


def test_the_deadline_may_fall_after_the_start_but_not_after_the_end(ctx: ServiceContext, admin: Actor,
                                                                     projects: ProjectService) -> None:
    month = _form(title="移动网格员巡查上报", kind=ProjectKind.GRID_REPORT, starts_at=at(TODAY, 9),
                  ends_at=at(TODAY + dt.timedelta(days=30), 18), signup_deadline=at(TODAY + dt.timedelta(days=30), 18))
    assert projects.create(admin, month).signup_deadline == at(TODAY + dt.timedelta(days=30), 18)
    error = _refused(ctx, DeadlineAfterEnd, projects.create, admin, _form(signup_deadline=at(TOMORROW, 11, 1)))
    assert error.field == "signup_deadline"


@pytest.mark.parametrize(("changes", "error", "field"), [
    ({"title": "   "}, Required, "title"),
    ({"title": "清" * 61}, TooLong, "title"),
    ({"title": "清扫\u200b"}, ControlCharacters, "title"),
    ({"description": "说" * 501}, TooLong, "description"),
    ({"location": "广" * 61}, TooLong, "location"),
    ({"ends_at": at(TOMORROW, 9)}, EndBeforeStart, "ends_at"),
    ({"ends_at": at(TOMORROW, 8), "signup_deadline": at(TOMORROW, 7)}, EndBeforeStart, "ends_at"),
    ({"slots": 0}, OutOfRange, "slots"),
    ({"slots": 501}, OutOfRange, "slots"),
    ({"points": 0}, OutOfRange, "points"),
    ({"points": POINTS_MAX + 1}, OutOfRange, "points"),
    ({"points": None}, Required, "points"),
    ({"points_per_hour": 10, "max_hours": 2}, PointsOneWay, "points"),
    ({"max_hours": 2}, PointsOneWay, "points"),
    ({"points": None, "points_per_hour": 10}, Required, "max_hours"),
    ({"points": None, "max_hours": 2}, Required, "points_per_hour"),
    ({"points": None, "points_per_hour": 1001, "max_hours": 2}, OutOfRange, "points_per_hour"),
    ({"points": None, "points_per_hour": 10, "max_hours": 25}, OutOfRange, "max_hours"),
    ({"points": None, "points_per_hour": 0, "max_hours": 2}, OutOfRange, "points_per_hour"),
])
def test_a_bad_form_is_refused_at_its_field_and_writes_nothing(ctx: ServiceContext, admin: Actor,
                                                               projects: ProjectService, changes: dict[str, Any],
                                                               error: type[DeskError], field: str) -> None:
    assert _refused(ctx, error, projects.create, admin, _form(**changes)).field == field


def test_a_naive_time_is_a_programming_error(admin: Actor, projects: ProjectService) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        projects.create(admin, _form(starts_at=dt.datetime(2026, 11, 29, 9)))


def test_merchant_cashiers_neither_manage_nor_claim_nor_verify(ctx: ServiceContext, admin: Actor,
                                                               projects: ProjectService) -> None:
    project = projects.create(admin, _form())
    (member,) = _members(ctx, admin, 1)
    claim = projects.claim(admin, project.id, member.id)
    for call, args in [(projects.create, (_form(),)), (projects.update, (project.id, _form())),
                       (projects.set_status, (project.id, ProjectStatus.CLOSED)),
                       (projects.claim, (project.id, member.id)), (projects.cancel_claim, (claim.id,)),
                       (projects.mark_absent, (claim.id,)), (projects.complete, (claim.id, None, new_key())),
                       (projects.complete_group, (project.id, {claim.id: None}, new_key()))]:
        _refused(ctx, PermissionDenied, call, MERCHANT, *args)


# -- editing and status ------------------------------------------------------------------------------------------

def test_an_edit_changes_the_project_and_names_what_changed(ctx: ServiceContext, admin: Actor,
                                                            projects: ProjectService) -> None:
    project = projects.create(admin, _form())
    seq = _seq(ctx)
    edited = projects.update(admin, project.id, _form(slots=12, location="明华广场东侧"))
    assert (edited.slots, edited.location, edited.title) == (12, "明华广场东侧", project.title)
    assert [(e.action, e.entity, e.summary) for e in _events(ctx, seq)] == [
        ("project_edited", "project", "明华商圈环境清扫: location, slots")]
    # The same form again changes nothing and writes nothing.
    before = _state(ctx)
    assert projects.update(admin, project.id, _form(slots=12, location="明华广场东侧")) == edited
    assert _state(ctx) == before


def test_an_edit_switches_to_hourly_points(admin: Actor, projects: ProjectService) -> None:
    project = projects.create(admin, _form())
    edited = projects.update(admin, project.id, _hourly(title=project.title))
    assert (edited.points, edited.points_per_hour, edited.max_hours) == (None, 10, 4)


def test_slots_never_go_below_the_claims(ctx: ServiceContext, admin: Actor, projects: ProjectService) -> None:
    project = projects.create(admin, _form(slots=3))
    for member in _members(ctx, admin, 2):
        projects.claim(admin, project.id, member.id)
    error = _refused(ctx, SlotsBelowClaims, projects.update, admin, project.id, _form(slots=1))
    assert (error.field, error.params) == ("slots", {"claimed": 2})
    assert projects.update(admin, project.id, _form(slots=2)).free == 0
    _refused(ctx, NotFound, projects.update, admin, project.id + 100, _form())


def test_status_changes_are_audited_and_finished_is_final(ctx: ServiceContext, admin: Actor,
                                                          projects: ProjectService) -> None:
    project = projects.create(admin, _form())
    seq = _seq(ctx)
    assert projects.set_status(admin, project.id, ProjectStatus.CLOSED).status is ProjectStatus.CLOSED
    assert projects.set_status(admin, project.id, ProjectStatus.OPEN).status is ProjectStatus.OPEN
    before = _state(ctx)
    projects.set_status(admin, project.id, ProjectStatus.OPEN)  # already open: nothing to write
    assert _state(ctx) == before
    projects.set_status(admin, project.id, ProjectStatus.FINISHED)
    assert [(e.action, e.summary) for e in _events(ctx, seq)] == [
        ("project_status_changed", "明华商圈环境清扫: open → closed"),
        ("project_status_changed", "明华商圈环境清扫: closed → open"),
        ("project_status_changed", "明华商圈环境清扫: open → finished"),
    ]
    error = _refused(ctx, ProjectNotOpen, projects.set_status, admin, project.id, ProjectStatus.OPEN)
    assert error.params == {"status": "finished"}
    _refused(ctx, ProjectNotOpen, projects.update, admin, project.id, _form(slots=20))
    assert projects.list_projects() == []
    assert [p.id for p in projects.list_projects(include_finished=True)] == [project.id]


# -- claiming ------------------------------------------------------------------------------------------------------

def test_a_claim_takes_a_slot_and_is_audited(ctx: ServiceContext, admin: Actor, projects: ProjectService) -> None:
    project = projects.create(admin, _form())
    (member,) = _members(ctx, admin, 1, "张伟明")
    seq = _seq(ctx)
    claim = projects.claim(admin, project.id, member.id)
    assert (claim.project_id, claim.member_id, claim.member_no, claim.name, claim.state) == (
        project.id, member.id, member.number, "张伟明0", ClaimState.CLAIMED)
    assert "****" in claim.masked_phone and claim.points is None and claim.claimed_at == at(TODAY, 10)
    assert projects.get(project.id).claimed == 1
    assert [(e.action, e.entity, e.entity_id) for e in _events(ctx, seq)] == [
        ("project_claimed", "project_claim", str(claim.id))]
    assert projects.claims(project.id) == [claim]
    _consistent(ctx)


def test_every_claim_refusal_names_its_rule_and_writes_nothing(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                                               projects: ProjectService) -> None:
    project = projects.create(admin, _form(slots=2))
    first, second, third = _members(ctx, admin, 3)
    projects.claim(admin, project.id, first.id)

    assert isinstance(_refused(ctx, AlreadyClaimed, projects.claim, admin, project.id, first.id), AlreadyClaimed)
    assert _refused(ctx, NotFound, projects.claim, admin, project.id, third.id + 100).params["entity"] == "member"
    assert _refused(ctx, NotFound, projects.claim, admin, project.id + 100, third.id).params["entity"] == "project"
    projects.claim(admin, project.id, second.id)
    assert _refused(ctx, ProjectFull, projects.claim, admin, project.id, third.id).params == {"slots": 2}

    closed = projects.create(admin, _form(title="关闭的项目"))
    projects.set_status(admin, closed.id, ProjectStatus.CLOSED)
    assert _refused(ctx, ProjectNotOpen, projects.claim, admin, closed.id, third.id).params == {"status": "closed"}

    late = projects.create(admin, _form(title="报名将截止", signup_deadline=at(TODAY, 10, 30)))
    clock.set(at(TODAY, 10, 30))
    error = _refused(ctx, SignupClosed, projects.claim, admin, late.id, third.id)
    assert error.params == {"deadline": "2026-11-28 10:30"}
    _consistent(ctx)


def test_cancelling_before_the_start_frees_the_slot_and_a_new_claim_takes_it_up_again(
        ctx: ServiceContext, admin: Actor, clock: FixedClock, projects: ProjectService) -> None:
    project = projects.create(admin, _form(slots=1))
    member, other = _members(ctx, admin, 2)
    claim = projects.claim(admin, project.id, member.id)
    seq = _seq(ctx)
    cancelled = projects.cancel_claim(admin, claim.id)
    assert cancelled.state is ClaimState.CANCELLED and cancelled.finished_at == at(TODAY, 10)
    assert projects.get(project.id).claimed == 0
    assert [(e.action, e.entity_id) for e in _events(ctx, seq)] == [("claim_cancelled", str(claim.id))]
    _refused(ctx, WrongClaimState, projects.cancel_claim, admin, claim.id)

    clock.advance(minutes=5)
    again = projects.claim(admin, project.id, member.id)
    assert (again.id, again.state, again.claimed_at, again.finished_at) == (claim.id, ClaimState.CLAIMED,
                                                                            at(TODAY, 10, 5), None)
    assert projects.get(project.id).claimed == 1
    _refused(ctx, ProjectFull, projects.claim, admin, project.id, other.id)
    _refused(ctx, NotFound, projects.cancel_claim, admin, claim.id + 100)
    _consistent(ctx)


def test_after_the_start_a_claim_is_not_cancelled_but_marked_absent(ctx: ServiceContext, admin: Actor,
                                                                    clock: FixedClock,
                                                                    projects: ProjectService) -> None:
    project = projects.create(admin, _form(slots=2))
    (member,) = _members(ctx, admin, 1)
    claim = projects.claim(admin, project.id, member.id)
    error = _refused(ctx, ProjectNotStarted, projects.mark_absent, admin, claim.id)
    assert error.params == {"starts": "2026-11-29 09:00"}

    clock.set(at(TOMORROW, 9))
    _refused(ctx, ProjectStarted, projects.cancel_claim, admin, claim.id)
    seq = _seq(ctx)
    absent = projects.mark_absent(admin, claim.id)
    assert absent.state is ClaimState.ABSENT and projects.get(project.id).claimed == 1  # the slot stays taken
    assert [e.action for e in _events(ctx, seq)] == ["claim_absent"]
    _refused(ctx, WrongClaimState, projects.mark_absent, admin, claim.id)
    _refused(ctx, WrongClaimState, projects.complete, admin, claim.id, None, new_key())
    _refused(ctx, AlreadyClaimed, projects.claim, admin, project.id, member.id)
    _consistent(ctx)


def test_nothing_changes_on_a_finished_project(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                               projects: ProjectService) -> None:
    project = projects.create(admin, _form())
    first, second, third = _members(ctx, admin, 3)
    claims = [projects.claim(admin, project.id, m.id) for m in (first, second, third)]
    projects.set_status(admin, project.id, ProjectStatus.FINISHED)
    _refused(ctx, ProjectNotOpen, projects.cancel_claim, admin, claims[0].id)
    clock.set(DURING)
    _refused(ctx, ProjectNotOpen, projects.mark_absent, admin, claims[0].id)
    _refused(ctx, ProjectNotOpen, projects.complete, admin, claims[0].id, None, new_key())
    _refused(ctx, ProjectNotOpen, projects.complete_group, admin, project.id, {c.id: None for c in claims},
             new_key())


def test_a_project_of_another_base_is_not_this_desks(ctx: ServiceContext, admin: Actor,
                                                     projects: ProjectService) -> None:
    project = projects.create(admin, _form())
    (member,) = _members(ctx, admin, 1)
    claim = projects.claim(admin, project.id, member.id)
    with ctx.db.write() as s:
        s.add(ServiceBase(code="NF", name="南方红色港湾", created_at=at(TODAY, 9)))
    elsewhere = ProjectService(dataclasses.replace(ctx, base_code="NF"))
    assert elsewhere.list_projects(include_finished=True) == []
    for call, args in [(elsewhere.get, (project.id,)), (elsewhere.claims, (project.id,)),
                       (elsewhere.claim, (admin, project.id, member.id)),
                       (elsewhere.cancel_claim, (admin, claim.id)),
                       (elsewhere.update, (admin, project.id, _form())),
                       (elsewhere.set_status, (admin, project.id, ProjectStatus.CLOSED))]:
        _refused(ctx, NotFound, call, *args)
    with pytest.raises(NotFound):
        ProjectService(dataclasses.replace(ctx, base_code="HY")).list_projects()  # no such base


# -- verification: one claim ------------------------------------------------------------------------------------

def test_completion_credits_the_points_once_per_key(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                                    projects: ProjectService) -> None:
    project = projects.create(admin, _form())
    (member,) = _members(ctx, admin, 1)
    claim = projects.claim(admin, project.id, member.id)
    key = new_key()
    error = _refused(ctx, ProjectNotStarted, projects.complete, admin, claim.id, None, key)
    assert error.params == {"starts": "2026-11-29 09:00"}

    clock.set(DURING)
    seq = _seq(ctx)
    done = projects.complete(admin, claim.id, 95, key)
    assert (done.claim_id, done.member_id, done.points, done.minutes, done.balance, done.replayed) == (
        claim.id, member.id, 20, 95, 20, False)
    entry = PointsService(ctx).entry(done.entry_id)
    assert (entry.kind, entry.amount, entry.reason, entry.ref_kind, entry.ref_id) == (
        EntryKind.EARN, 20, "明华商圈环境清扫", "claim", claim.id)
    # The ledger's event says who verified what; the claim needs no second one.
    assert [(e.action, e.actor) for e in _events(ctx, seq)] == [("points_earn", "admin")]
    (row,) = projects.claims(project.id)
    assert (row.state, row.points, row.minutes, row.finished_at) == (ClaimState.COMPLETED, 20, 95, DURING)
    assert projects.get(project.id).completed_count == 1

    # A double click: the same answer, nothing written.
    before = _state(ctx)
    again = projects.complete(admin, claim.id, 95, key)
    assert again == dataclasses.replace(done, replayed=True)
    assert _state(ctx) == before
    # A new submission for a completed claim is refused.
    error = _refused(ctx, WrongClaimState, projects.complete, admin, claim.id, 95, new_key())
    assert error.params == {"state": "completed", "action": "complete"}
    _consistent(ctx)


def test_completion_refusals_write_nothing(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                           projects: ProjectService) -> None:
    project = projects.create(admin, _form())
    first, second = _members(ctx, admin, 2)
    claims = [projects.claim(admin, project.id, m.id) for m in (first, second)]
    clock.set(DURING)
    key = new_key()
    projects.complete(admin, claims[0].id, None, key)

    assert _refused(ctx, NotClaimed, projects.complete, admin, claims[1].id + 100, None, new_key()).field == "claim"
    # A key already used for another claim is a caller's bug, never a second credit.
    _refused(ctx, DuplicateSubmission, projects.complete, admin, claims[1].id, None, key)
    _refused(ctx, DuplicateSubmission, projects.complete, admin, claims[1].id, None, "")
    _refused(ctx, DuplicateSubmission, projects.complete, admin, claims[1].id, None, "k" * 65)
    _refused(ctx, OutOfRange, projects.complete, admin, claims[1].id, 0, new_key())
    _refused(ctx, OutOfRange, projects.complete, admin, claims[1].id, 24 * 60 + 1, new_key())
    _consistent(ctx)


def test_hourly_points_round_half_up_and_stop_at_the_cap(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                                         projects: ProjectService) -> None:
    project = projects.create(admin, _hourly(ends_at=at(TOMORROW, 18)))
    members = _members(ctx, admin, 5)
    claims = [projects.claim(admin, project.id, m.id) for m in members]
    clock.set(DURING)

    assert projects.complete(admin, claims[0].id, 89, new_key()).points == 10  # 1 h 29 min: one hour
    assert projects.complete(admin, claims[1].id, 90, new_key()).points == 20  # 1 h 30 min: two hours
    assert projects.complete(admin, claims[2].id, 600, new_key()).points == 40  # ten hours, four at most
    error = _refused(ctx, OutOfRange, projects.complete, admin, claims[3].id, 29, new_key())
    assert (error.field, error.params) == ("minutes", {"minimum": 30, "maximum": 24 * 60})
    _refused(ctx, OutOfRange, projects.complete, admin, claims[3].id, None, new_key())
    assert [m.balance for m in (PointsService(ctx).member(m.id) for m in members)] == [10, 20, 40, 0, 0]
    _consistent(ctx)


def test_a_credit_over_the_daily_cap_is_refused_and_the_claim_stays_open(ctx: ServiceContext, admin: Actor,
                                                                         clock: FixedClock,
                                                                         projects: ProjectService) -> None:
    SettingsService(ctx).set_int(admin, "points_daily_cap", 30)
    project = projects.create(admin, _hourly(ends_at=at(TOMORROW, 18)))
    (member,) = _members(ctx, admin, 1)
    claim = projects.claim(admin, project.id, member.id)
    clock.set(DURING)
    error = _refused(ctx, PointsCapReached, projects.complete, admin, claim.id, 240, new_key())
    assert error.params == {"period": "day", "cap": 30, "earned": 0}
    assert projects.complete(admin, claim.id, 180, new_key()).points == 30
    _consistent(ctx)


# -- verification: a group -----------------------------------------------------------------------------------------

def test_a_group_is_credited_in_one_call_and_a_second_call_writes_nothing(ctx: ServiceContext, admin: Actor,
                                                                          clock: FixedClock,
                                                                          projects: ProjectService) -> None:
    project = projects.create(admin, _form())
    members = _members(ctx, admin, 4)
    claims = [projects.claim(admin, project.id, m.id) for m in members]
    clock.set(DURING)
    absent = projects.mark_absent(admin, claims[3].id)
    attended = {c.id: None for c in claims[:3]} | {absent.id: None, claims[0].id + 100: None}
    key = new_key()

    result = projects.complete_group(admin, project.id, attended, key)
    assert [(c.claim_id, c.points, c.replayed) for c in result.credited] == [(c.id, 20, False) for c in claims[:3]]
    assert [(claim_id, error.code) for claim_id, error in result.refused] == [
        (absent.id, "wrong_claim_state"), (claims[0].id + 100, "not_claimed")]
    assert _entries(ctx) == 3 and projects.get(project.id).completed_count == 3
    entries = [PointsService(ctx).entry(c.entry_id) for c in result.credited]
    assert [(e.ref_kind, e.ref_id, e.member_id) for e in entries] == [("claim", c.id, c.member_id)
                                                                      for c in claims[:3]]

    before = _state(ctx)
    again = projects.complete_group(admin, project.id, attended, key)
    assert _state(ctx) == before
    assert again.credited == tuple(dataclasses.replace(c, replayed=True) for c in result.credited)
    assert [(claim_id, error.code) for claim_id, error in again.refused] == [
        (absent.id, "wrong_claim_state"), (claims[0].id + 100, "not_claimed")]
    # The group's keys are the claims' keys: one claim sent again alone is answered, not credited twice.
    alone = projects.complete(admin, claims[0].id, None, f"{key}:{claims[0].id}")
    assert alone.replayed and alone.entry_id == result.credited[0].entry_id
    _consistent(ctx)


def test_a_group_member_over_the_cap_is_refused_while_the_others_are_credited(
        ctx: ServiceContext, admin: Actor, clock: FixedClock, projects: ProjectService) -> None:
    SettingsService(ctx).set_int(admin, "points_daily_cap", 25)
    project = projects.create(admin, _form())
    members = _members(ctx, admin, 3)
    claims = [projects.claim(admin, project.id, m.id) for m in members]
    clock.set(DURING)
    PointsService(ctx).earn(admin, members[1].id, 10, "上午已获积分", new_key())
    entries = _entries(ctx)
    key = new_key()

    result = projects.complete_group(admin, project.id, {c.id: None for c in claims}, key)
    assert [c.claim_id for c in result.credited] == [claims[0].id, claims[2].id]
    ((refused_id, error),) = result.refused
    assert refused_id == claims[1].id and isinstance(error, PointsCapReached)
    assert error.params == {"period": "day", "cap": 25, "earned": 10}
    assert _entries(ctx) == entries + 2
    assert [c.state for c in projects.claims(project.id)] == [ClaimState.COMPLETED, ClaimState.CLAIMED,
                                                              ClaimState.COMPLETED]
    assert projects.get(project.id).claimed == 3
    _consistent(ctx)

    # Sent again: the two credited are answered from the ledger, the third is refused again, nothing is written.
    before = _state(ctx)
    again = projects.complete_group(admin, project.id, {c.id: None for c in claims}, key)
    assert _state(ctx) == before
    assert [c.replayed for c in again.credited] == [True, True]
    assert [error.code for _, error in again.refused] == ["points_cap_reached"]


def test_the_monthly_cap_counts_this_months_earnings_only(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                                           projects: ProjectService) -> None:
    SettingsService(ctx).set_int(admin, "points_monthly_cap", 50)
    project = projects.create(admin, _form())
    members = _members(ctx, admin, 2)
    claims = [projects.claim(admin, project.id, m.id) for m in members]
    points = PointsService(ctx)
    clock.set(at(dt.date(2026, 10, 31), 12))  # last month: does not count
    points.earn(admin, members[0].id, 40, "十月志愿服务", new_key())
    clock.set(at(dt.date(2026, 11, 2), 12))
    points.earn(admin, members[1].id, 40, "十一月志愿服务", new_key())
    clock.set(DURING)

    result = projects.complete_group(admin, project.id, {c.id: None for c in claims}, new_key())
    assert [c.member_id for c in result.credited] == [members[0].id]
    ((refused_id, error),) = result.refused
    assert refused_id == claims[1].id and error.params == {"period": "month", "cap": 50, "earned": 40}
    _consistent(ctx)


def test_group_refusals_of_the_whole_group_write_nothing(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                                         projects: ProjectService) -> None:
    project = projects.create(admin, _hourly())
    members = _members(ctx, admin, 2)
    claims = [projects.claim(admin, project.id, m.id) for m in members]
    _refused(ctx, ProjectNotStarted, projects.complete_group, admin, project.id, {claims[0].id: 60}, new_key())
    clock.set(DURING)
    _refused(ctx, NothingChosen, projects.complete_group, admin, project.id, {}, new_key())
    _refused(ctx, NotFound, projects.complete_group, admin, project.id + 100, {claims[0].id: 60}, new_key())
    _refused(ctx, DuplicateSubmission, projects.complete_group, admin, project.id, {claims[0].id: 60}, "k" * 63)
    # Minutes are per claim: one without them is refused, the other credited.
    result = projects.complete_group(admin, project.id, {claims[0].id: 120, claims[1].id: None}, new_key())
    assert [(c.claim_id, c.points, c.minutes) for c in result.credited] == [(claims[0].id, 20, 120)]
    assert [(i, e.code, e.field) for i, e in result.refused] == [(claims[1].id, "out_of_range", "minutes")]
    _consistent(ctx)


def test_a_group_of_sixty_is_credited_quickly(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                              projects: ProjectService) -> None:
    project = projects.create(admin, _form(slots=60))
    members = _members(ctx, admin, 60)
    claims = [projects.claim(admin, project.id, m.id) for m in members]
    clock.set(DURING)
    attended: dict[int, int | None] = {c.id: 120 for c in claims}

    started = time.perf_counter()
    result = projects.complete_group(admin, project.id, attended, new_key())
    seconds = time.perf_counter() - started

    assert len(result.credited) == 60 and result.refused == ()
    # Well under 0.1 s on SQLite; the bound leaves room for a busy test machine and a PostgreSQL round trip.
    assert seconds < (0.25 if ctx.db.dialect == "sqlite" else 1.0)
    assert projects.get(project.id).completed_count == 60
    _consistent(ctx)


# -- reading -------------------------------------------------------------------------------------------------------

def test_claims_list_the_members_in_claim_order_with_masked_phones(ctx: ServiceContext, admin: Actor,
                                                                   clock: FixedClock,
                                                                   projects: ProjectService) -> None:
    project = projects.create(admin, _form())
    members = _members(ctx, admin, 3, "王")
    claims = []
    for m in members:
        claims.append(projects.claim(admin, project.id, m.id))
        clock.advance(minutes=1)
    projects.cancel_claim(admin, claims[1].id)
    clock.set(DURING)
    projects.complete(admin, claims[2].id, None, new_key())

    rows = projects.claims(project.id)
    assert [(r.id, r.member_no, r.name, r.state, r.points) for r in rows] == [
        (claims[0].id, members[0].number, "王0", ClaimState.CLAIMED, None),
        (claims[1].id, members[1].number, "王1", ClaimState.CANCELLED, None),
        (claims[2].id, members[2].number, "王2", ClaimState.COMPLETED, 20),
    ]
    assert all(r.masked_phone.startswith("139****") for r in rows)
    with pytest.raises(NotFound):
        projects.claims(project.id + 100)


def test_the_sign_sheet_masks_names_and_leaves_cancelled_claims_out(ctx: ServiceContext, admin: Actor,
                                                                    projects: ProjectService) -> None:
    project = projects.create(admin, _form())
    points = PointsService(ctx)
    members = [points.join(admin, person(ctx, admin, name)) for name in ("张伟明", "李娜", "欧阳志远")]
    claims = [projects.claim(admin, project.id, m.id) for m in members]
    projects.cancel_claim(admin, claims[1].id)

    sheet = projects.sign_sheet(project.id)
    assert sheet.project == projects.get(project.id)
    assert (sheet.base_name, sheet.timezone) == ("明华红色港湾党群服务基地", "Asia/Shanghai")
    assert [(line.claim_id, line.member_no, line.masked_name, line.state) for line in sheet.lines] == [
        (claims[0].id, members[0].number, "张*明", ClaimState.CLAIMED),
        (claims[2].id, members[2].number, "欧**远", ClaimState.CLAIMED),
    ]
    assert all(len(line.phone_last4) == 4 and line.phone_last4.isdigit() for line in sheet.lines)
    assert sheet.lines[0].phone_last4 == claims[0].masked_phone[-4:]


def test_a_members_claims_are_newest_first(ctx: ServiceContext, admin: Actor, clock: FixedClock,
                                           projects: ProjectService) -> None:
    first = projects.create(admin, _form())
    second = projects.create(admin, _hourly(starts_at=at(TOMORROW, 14), ends_at=at(TOMORROW, 17),
                                            signup_deadline=at(TOMORROW, 12)))
    (member,) = _members(ctx, admin, 1)
    claim = projects.claim(admin, first.id, member.id)
    clock.advance(minutes=1)
    projects.claim(admin, second.id, member.id)
    clock.set(DURING)
    projects.complete(admin, claim.id, None, new_key())

    rows = projects.member_claims(member.id)
    assert [(r.project_id, r.title, r.kind, r.state, r.points) for r in rows] == [
        (second.id, "法律援助宣传", ProjectKind.ACTIVITY, ClaimState.CLAIMED, None),
        (first.id, "明华商圈环境清扫", ProjectKind.VOLUNTEER, ClaimState.COMPLETED, 20),
    ]
    assert projects.member_claims(member.id + 100) == []


# -- desk check ----------------------------------------------------------------------------------------------------

def test_desk_check_finds_a_claim_count_edited_behind_the_claims(ctx: ServiceContext, admin: Actor,
                                                                 projects: ProjectService) -> None:
    project: ProjectRow = projects.create(admin, _form())
    (member,) = _members(ctx, admin, 1)
    projects.claim(admin, project.id, member.id)
    _consistent(ctx)
    with ctx.db.write() as s:
        s.execute(update(Project).where(Project.id == project.id).values(claimed=3))
    problems = [v for v in CheckService(ctx).run() if v.check == "project_claims_counted"]
    assert [v.message for v in problems] == [f"project {project.id}: counts 3 claims, 1 hold a slot"]


def test_the_service_is_part_of_the_bundle(ctx: ServiceContext) -> None:
    assert isinstance(Services.build(ctx).projects, ProjectService)
