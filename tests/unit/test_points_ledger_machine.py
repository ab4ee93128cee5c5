"""The points ledger as a Hypothesis state machine: earn, spend, adjust, reverse, replay a submission, move the
clock and run expiry, in any order, on two members. After every step the stored balance equals the sum of the
entries and a model's balance, no balance or running balance is ever negative, every reversal exactly undoes its
entry, and a refused step changed nothing.

Each run starts from a fresh copy of one small SQLite file (migrated, set up, two members), so runs are fast and
independent."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import func, select

from desk.domain.clock import FixedClock
from desk.domain.errors import AlreadyReversed, CannotReverse, InsufficientPoints
from desk.domain.hours import DEFAULT_WEEK
from desk.domain.people import Category
from desk.domain.points import EntryKind
from desk.domain.staff import Actor
from desk.services.bases import BaseService, SetupForm
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.people import PeopleService, PersonForm
from desk.services.points import PointsService, new_key
from desk.services.settings import SettingsService
from desk.services.startup import open_database
from desk.storage.engine import Database
from desk.storage.location import Location
from desk.storage.models import Member, PointsEntry

START = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)
PASSWORD = "correct-horse-1"
EXPIRY_DAYS = 20


@dataclass(frozen=True)
class Template:
    path: Path
    actor: Actor
    members: tuple[int, int]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Template]:
    folder = tmp_path_factory.mktemp("ledger-template")
    location = Location(data_dir=folder, url=f"sqlite:///{folder / 'desk.sqlite3'}")
    ctx, _ = open_database(location, FixedClock(START), create=True)
    try:
        actor = BaseService(ctx).setup(SetupForm("明华红色港湾", "MH", "", DEFAULT_WEEK, "admin", "王建国",
                                                 PASSWORD, PASSWORD))
        SettingsService(ctx).set_int(actor, "points_expiry_days", EXPIRY_DAYS)
        people = [PeopleService(ctx).register(actor, PersonForm(name, f"1390000000{i}", Category.RESIDENT)).id
                  for i, name in enumerate(("张伟", "王芳"))]
        members = tuple(PointsService(ctx).join(actor, p).id for p in people)
    finally:
        ctx.db.dispose()
    yield Template(folder / "desk.sqlite3", actor, (members[0], members[1]))


class Ledger(RuleBasedStateMachine):
    """Runs against the module's template; `template` is set on the class by the test before it runs."""

    template: Template

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="ledger-"))
        shutil.copyfile(self.template.path, self.folder / "desk.sqlite3")
        location = Location(data_dir=self.folder, url=f"sqlite:///{self.folder / 'desk.sqlite3'}")
        self.clock = FixedClock(START)
        self.ctx = ServiceContext(Database(location), self.clock, location)
        self.points = PointsService(self.ctx)
        self.actor = self.template.actor
        self.model = {m: 0 for m in self.template.members}
        self.entries: list[tuple[int, int, int]] = []  # (entry id, member, amount) of every entry written
        self.submitted: list[tuple[str, int, int, str]] = []  # (key, member, points, kind) to replay

    def teardown(self) -> None:
        try:
            assert CheckService(self.ctx).run() == []  # desk check: balances, running sums, exact reversals
        finally:
            self.ctx.db.dispose()
            shutil.rmtree(self.folder, ignore_errors=True)

    @initialize()
    def start(self) -> None:
        assert all(v == 0 for v in self.model.values())

    def _count(self) -> int:
        with self.ctx.db.read() as s:
            return int(s.execute(select(func.count()).select_from(PointsEntry)).scalar_one())

    def _written(self, member: int, amount: int, entry_id: int) -> None:
        self.model[member] += amount
        self.entries.append((entry_id, member, amount))

    @rule(who=st.integers(0, 1), amount=st.integers(1, 40))
    def earn(self, who: int, amount: int) -> None:
        member, key = self.template.members[who], new_key()
        posted = self.points.earn(self.actor, member, amount, "志愿服务", key)
        self._written(member, amount, posted.entry_id)
        self.submitted.append((key, member, amount, "earn"))

    @rule(who=st.integers(0, 1), amount=st.integers(1, 60))
    def spend(self, who: int, amount: int) -> None:
        member, key, before = self.template.members[who], new_key(), self._count()
        try:
            posted = self.points.spend(self.actor, member, amount, "兑换", key)
        except InsufficientPoints:
            assert amount > self.model[member] and self._count() == before
            return
        assert amount <= self.model[member]
        self._written(member, -amount, posted.entry_id)
        self.submitted.append((key, member, amount, "spend"))

    @rule(who=st.integers(0, 1), amount=st.integers(-30, 30).filter(bool))
    def adjust(self, who: int, amount: int) -> None:
        member, before = self.template.members[who], self._count()
        try:
            posted = self.points.adjust(self.actor, member, amount, "更正", new_key())
        except InsufficientPoints:
            assert self.model[member] + amount < 0 and self._count() == before
            return
        self._written(member, amount, posted.entry_id)

    @precondition(lambda self: bool(self.entries))
    @rule(pick=st.integers(0, 10_000))
    def reverse(self, pick: int) -> None:
        entry_id, member, amount = self.entries[pick % len(self.entries)]
        original = self.points.entry(entry_id)
        before = self._count()
        try:
            posted = self.points.reverse(self.actor, entry_id, "冲正", new_key())
        except CannotReverse:
            assert original.kind is EntryKind.REVERSE and self._count() == before
            return
        except AlreadyReversed:
            assert original.reversed_by is not None and self._count() == before
            return
        except InsufficientPoints:
            assert self.model[member] - amount < 0 and self._count() == before
            return
        assert original.kind is not EntryKind.REVERSE and original.reversed_by is None
        assert posted.amount == -amount
        self._written(member, -amount, posted.entry_id)

    @precondition(lambda self: bool(self.submitted))
    @rule(pick=st.integers(0, 10_000))
    def replay(self, pick: int) -> None:
        key, member, amount, kind = self.submitted[pick % len(self.submitted)]
        before = self._count()
        call = self.points.earn if kind == "earn" else self.points.spend
        assert call(self.actor, member, amount, "重复提交", key).replayed
        assert self._count() == before

    @rule(days=st.integers(1, 15))
    def time_passes_and_expiry_runs(self, days: int) -> None:
        self.clock.advance(days=days)
        self.points.expire_due()
        with self.ctx.db.read() as s:  # expiry is the one change the model cannot predict: take it from the ledger
            for member in self.model:
                written = s.execute(select(PointsEntry.id, PointsEntry.amount).where(
                    PointsEntry.member_id == member, PointsEntry.kind == EntryKind.EXPIRE.value,
                    PointsEntry.id > max((e for e, _, _ in self.entries), default=0))).all()
                for entry_id, amount in written:
                    assert amount < 0
                    self._written(member, amount, entry_id)

    @invariant()
    def balances_match(self) -> None:
        with self.ctx.db.read() as s:
            stored = {m: b for m, b in s.execute(select(Member.id, Member.balance))}
            negative = s.execute(select(func.count()).select_from(PointsEntry)
                                 .where(PointsEntry.balance_after < 0)).scalar_one()
        assert stored == self.model
        assert negative == 0 and all(v >= 0 for v in stored.values())


def test_the_ledger_holds_under_any_sequence(template: Template) -> None:
    Ledger.template = template
    case = Ledger.TestCase
    case.settings = settings(max_examples=40, stateful_step_count=25, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])
    case().runTest()
