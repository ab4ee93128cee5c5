"""The demo's 红色积分: members, service projects with their claims, and a ledger that keeps every invariant."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import func, select

from desk.domain.points import ClaimState, EntryKind, ProjectStatus, member_number, points_for
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.demo import DEMO_BASE_CODE, DEMO_PROJECTS, seed_demo
from desk.services.points import PointsService
from desk.storage.models import Member, Person, PointsEntry, Project, ProjectClaim, Staff


def test_demo_points_pass_desk_check_and_add_up(ctx: ServiceContext) -> None:
    summary = seed_demo(ctx)
    now = ctx.clock.now()

    assert CheckService(ctx).run() == []
    with ctx.db.read() as s:
        members = {m.id: m for m in s.execute(select(Member)).scalars()}
        numbered = {p.id: p.member_no for p in s.execute(select(Person).where(Person.member_no.is_not(None)))
                    .scalars()}
        entries = s.execute(select(PointsEntry).order_by(PointsEntry.id)).scalars().all()
        projects = {p.id: p for p in s.execute(select(Project)).scalars()}
        claims = s.execute(select(ProjectClaim).order_by(ProjectClaim.id)).scalars().all()
        admin = s.execute(select(Staff.id).where(Staff.username == "admin")).scalar_one()
    assert (summary.members, summary.projects, summary.points_entries) == (len(members), len(projects),
                                                                           len(entries))

    # Everyone with a member number is a member, numbered as the program numbers new members.
    assert sorted(m.person_id for m in members.values()) == sorted(numbered)
    assert all(numbered[m.person_id] == member_number(DEMO_BASE_CODE, m.id) for m in members.values())

    # The ledger: time order per member, running balances never below zero, stored balance = the sum.
    running: defaultdict[int, int] = defaultdict(int)
    for entry in entries:
        member = members[entry.member_id]
        assert member.joined_at <= entry.at <= now
        running[entry.member_id] += entry.amount
        assert entry.balance_after == running[entry.member_id] >= 0
    assert all(m.balance == running[m.id] >= 0 for m in members.values())
    assert sum(1 for m in members.values() if running[m.id] > 0) > len(members) // 2
    by_member: defaultdict[int, list[PointsEntry]] = defaultdict(list)
    for entry in entries:
        by_member[entry.member_id].append(entry)
    assert all([e.at for e in es] == sorted(e.at for e in es) for es in by_member.values())
    assert len({e.idem_key for e in entries}) == len(entries)
    kinds = Counter(e.kind for e in entries)
    # Refunds come from voided and expired vouchers.
    assert set(kinds) == {EntryKind.EARN, EntryKind.SPEND, EntryKind.ADJUST, EntryKind.REVERSE, EntryKind.REFUND}
    assert kinds[EntryKind.EARN] > 200 and kinds[EntryKind.SPEND] >= 5
    assert all(e.reason.startswith("兑换：") for e in entries if e.kind == EntryKind.SPEND)
    by_id = {e.id: e for e in entries}
    for reversal in (e for e in entries if e.kind == EntryKind.REVERSE):
        original = by_id[reversal.reverses_id or 0]
        assert (original.member_id, -original.amount) == (reversal.member_id, reversal.amount)
        assert original.at < reversal.at and reversal.reason and reversal.staff_id == admin
    assert all(e.reason and e.staff_id == admin for e in entries if e.kind == EntryKind.ADJUST)

    # Completed claims are credited by an earn entry that names them, for what the project gives.
    credited = {c.entry_id: c for c in claims if c.state == ClaimState.COMPLETED}
    earned = [e for e in entries if e.kind == EntryKind.EARN]
    assert sorted(credited) == [e.id for e in earned]
    for entry in earned:
        claim = credited[entry.id]
        project = projects[claim.project_id]
        assert (entry.ref_kind, entry.ref_id, entry.member_id) == ("claim", claim.id, claim.member_id)
        assert entry.reason == project.title
        assert entry.amount == points_for(project.points, project.points_per_hour, project.max_hours, claim.minutes)
        assert claim.claimed_at < project.starts_at < project.ends_at <= entry.at == claim.finished_at
        assert members[claim.member_id].joined_at <= claim.claimed_at

    # Projects: past ones finished (yesterday's waiting for verification), ahead open or closed; slots counted.
    assert DEMO_PROJECTS - 5 <= len(projects) <= DEMO_PROJECTS
    assert {p.status for p in projects.values()} == {s.value for s in ProjectStatus}
    per_project: defaultdict[int, Counter[str]] = defaultdict(Counter)
    for claim in claims:
        per_project[claim.project_id][claim.state] += 1
    for project in projects.values():
        states = per_project[project.id]
        assert project.claimed == sum(states.values()) - states[ClaimState.CANCELLED] <= project.slots
        if project.status == ProjectStatus.FINISHED:
            assert project.ends_at <= now and states[ClaimState.CLAIMED] == 0
            assert states[ClaimState.COMPLETED] > 0
        elif project.starts_at > now:
            assert states[ClaimState.COMPLETED] == states[ClaimState.ABSENT] == 0
    past = [p for p in projects.values() if p.ends_at <= now]
    assert sum(p.status == ProjectStatus.CLOSED for p in past) == 1
    assert any(p.status == ProjectStatus.OPEN for p in projects.values())
    assert {c.state for c in claims} == {s.value for s in ClaimState}


def test_demo_members_read_through_the_points_service(ctx: ServiceContext) -> None:
    seed_demo(ctx)
    with ctx.db.read() as s:
        busiest = s.execute(select(PointsEntry.member_id).group_by(PointsEntry.member_id)
                            .order_by(func.count().desc(), PointsEntry.member_id).limit(1)).scalar_one()
    points = PointsService(ctx)
    ledger = points.ledger(busiest)
    assert ledger and [e.id for e in ledger] == sorted((e.id for e in ledger), reverse=True)
    assert points.balance(busiest) == ledger[0].balance_after
    assert points.member(busiest).number == member_number(DEMO_BASE_CODE, busiest)
    assert len(ledger) == 50 or ledger[-1].amount == ledger[-1].balance_after  # a page, or all from zero
