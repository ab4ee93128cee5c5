"""Races over service projects, on both backends: separate processes (spawned), each with its own engine on the
shared database, released together by a barrier. The guarded update gives the last slots to exactly as many desks
as there are slots, one member's claim is made once, and a group verified by several desks at once (a double
click on two desks, the same key) is credited once. The audit chain and every `desk check` invariant hold."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from booking_fixtures import TODAY, at, person
from racing import race
from sqlalchemy import func, select

from desk.domain.clock import FixedClock
from desk.domain.points import ClaimState, ProjectKind
from desk.domain.staff import Actor
from desk.services.audit import AuditService, verify_chain
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.points import MemberRow, PointsService, new_key
from desk.services.projects import ProjectForm, ProjectRow, ProjectService
from desk.storage.models import PointsEntry

PROCESSES = 8
TOMORROW = TODAY + dt.timedelta(days=1)


# -- what each process does (module level, so the spawned processes can import it) --------------------------------

def _claim(ctx: ServiceContext, actor: Actor, job: tuple[int, int]) -> object:
    project_id, member_id = job
    return ProjectService(ctx).claim(actor, project_id, member_id).id


def _complete_group(ctx: ServiceContext, actor: Actor, job: tuple[int, dict[int, int | None], str]) -> object:
    project_id, attended, key = job
    result = ProjectService(ctx).complete_group(actor, project_id, attended, key)
    return sorted((c.claim_id, c.entry_id) for c in result.credited), len(result.refused)


# -- helpers -------------------------------------------------------------------------------------------------------

def _project(ctx: ServiceContext, admin: Actor, slots: int) -> ProjectRow:
    return ProjectService(ctx).create(admin, ProjectForm(
        title="明华商圈环境清扫", kind=ProjectKind.VOLUNTEER, starts_at=at(TOMORROW, 9), ends_at=at(TOMORROW, 11),
        signup_deadline=at(TOMORROW, 8), slots=slots, points=20))


def _members(ctx: ServiceContext, admin: Actor, count: int) -> list[MemberRow]:
    points = PointsService(ctx)
    return [points.join(admin, person(ctx, admin, f"志愿者{i}")) for i in range(count)]


def _assert_consistent(ctx: ServiceContext) -> None:
    with ctx.db.read() as s:
        assert verify_chain(s) == []
    assert CheckService(ctx).run() == []


# -- the races -----------------------------------------------------------------------------------------------------

def test_eight_desks_claim_the_last_three_slots(ctx: ServiceContext, admin: Actor) -> None:
    projects = ProjectService(ctx)
    project = _project(ctx, admin, slots=5)
    early, racers = _members(ctx, admin, 2), _members(ctx, admin, PROCESSES)
    for member in early:
        projects.claim(admin, project.id, member.id)

    outcomes = race(ctx, [(_claim, admin, (project.id, m.id)) for m in racers])

    assert Counter(outcome for outcome, _ in outcomes) == {"ok": 3, "project_full": PROCESSES - 3}
    assert all("slots=5" in detail for outcome, detail in outcomes if outcome != "ok")
    assert projects.get(project.id).claimed == 5
    held = [c for c in projects.claims(project.id) if c.state is ClaimState.CLAIMED]
    winners = {racers[i].id for i, (outcome, _) in enumerate(outcomes) if outcome == "ok"}
    assert {c.member_id for c in held} == {m.id for m in early} | winners
    claimed_events = [e for e in AuditService(ctx).recent(1000) if e.action == "project_claimed"]
    assert len(claimed_events) == 5
    _assert_consistent(ctx)


def test_eight_desks_claim_one_project_for_one_member(ctx: ServiceContext, admin: Actor) -> None:
    projects = ProjectService(ctx)
    project = _project(ctx, admin, slots=10)
    (member,) = _members(ctx, admin, 1)

    outcomes = race(ctx, [(_claim, admin, (project.id, member.id)) for _ in range(PROCESSES)])

    assert Counter(outcome for outcome, _ in outcomes) == {"ok": 1, "already_claimed": PROCESSES - 1}
    assert [c.member_id for c in projects.claims(project.id)] == [member.id]
    assert projects.get(project.id).claimed == 1
    _assert_consistent(ctx)


def test_eight_desks_verify_one_group_with_one_key(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> None:
    projects = ProjectService(ctx)
    project = _project(ctx, admin, slots=10)
    members = _members(ctx, admin, 6)
    claims = [projects.claim(admin, project.id, m.id) for m in members]
    clock.set(at(TOMORROW, 9, 30))
    job = (project.id, {c.id: None for c in claims}, new_key())

    outcomes = race(ctx, [(_complete_group, admin, job) for _ in range(PROCESSES)])

    # Every desk gets the same answer: the same six entries, written once.
    assert {outcome for outcome, _ in outcomes} == {"ok"}
    assert len({detail for _, detail in outcomes}) == 1
    with ctx.db.read() as s:
        assert s.execute(select(func.count()).select_from(PointsEntry)).scalar_one() == 6
    assert [PointsService(ctx).balance(m.id) for m in members] == [20] * 6
    assert projects.get(project.id).completed_count == 6
    _assert_consistent(ctx)
