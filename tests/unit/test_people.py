"""The people registry on both backends: registering and editing people, one phone one person, search by full
phone / last four digits / name prefix / member card (indexed), masking in lists, and an audit trail that names
fields only.

Every refused call is checked for writing nothing at all."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from sqlalchemy import event, func, select, text, update

from desk.domain.clock import FixedClock
from desk.domain.errors import (
    BadFormat,
    ControlCharacters,
    DeskError,
    NotFound,
    PhoneTaken,
    Required,
    TooLong,
)
from desk.domain.people import Category, Purpose
from desk.domain.staff import Actor, Role
from desk.services.audit import AuditRow, AuditService
from desk.services.auth import AuthService
from desk.services.checks import CheckService
from desk.services.context import ServiceContext
from desk.services.people import PeopleService, PersonForm
from desk.services.points import PointsService
from desk.services.retention import RetentionService
from desk.services.staff import StaffService
from desk.services.visits import VisitService
from desk.storage.models import AuditEvent, Person, Visit

PASSWORD = "hongse-desk-2026"
ZHANG = PersonForm("张伟", "138 1234 5678", Category.RESIDENT)


# -- helpers -------------------------------------------------------------------------------------------------------

def _counts(ctx: ServiceContext) -> dict[str, int]:
    with ctx.db.read() as s:
        return {model.__tablename__: int(s.execute(select(func.count()).select_from(model)).scalar_one())
                for model in (Person, Visit, AuditEvent)}


def _events_since(ctx: ServiceContext, seq: int) -> list[AuditRow]:
    return [row for row in reversed(AuditService(ctx).recent(1000)) if row.seq > seq]


def _last_seq(ctx: ServiceContext) -> int:
    rows = AuditService(ctx).recent(1)
    return rows[0].seq if rows else 0


def _desk(ctx: ServiceContext, admin: Actor) -> Actor:
    StaffService(ctx).add(admin, "lixiaomei", "李晓梅", Role.DESK, PASSWORD, PASSWORD)
    return AuthService(ctx).login("lixiaomei", PASSWORD)


def _stored(ctx: ServiceContext, person_id: int) -> Person:
    with ctx.db.read() as s:
        person = s.get(Person, person_id)
        assert person is not None
        return person


def _register_many(ctx: ServiceContext, actor: Actor, people: list[tuple[str, str]]) -> dict[str, int]:
    service = PeopleService(ctx)
    return {name: service.register(actor, PersonForm(name, phone, Category.RESIDENT)).id for name, phone in people}


# -- register, detail, masking ---------------------------------------------------------------------------------

def test_register_returns_a_masked_row_and_detail_the_full_phone(ctx: ServiceContext, admin: Actor) -> None:
    desk = _desk(ctx, admin)
    seq = _last_seq(ctx)
    people = PeopleService(ctx)

    row = people.register(desk, PersonForm(" 张伟 ", "+86 138-1234-5678", Category.PARTY_MEMBER,
                                           party_branch="明华社区第一党支部", note="常来阅读"))

    assert (row.name, row.masked_phone, row.category, row.party_branch, row.member_no) == (
        "张伟", "138****5678", Category.PARTY_MEMBER, "明华社区第一党支部", None)
    assert (row.last_purpose, row.on_site) == (None, False)
    detail = people.detail(desk, row.id)
    assert (detail.name, detail.phone, detail.category, detail.party_branch, detail.note) == (
        "张伟", "13812345678", Category.PARTY_MEMBER, "明华社区第一党支部", "常来阅读")
    stored = _stored(ctx, row.id)
    assert (stored.phone, stored.phone_last4, stored.created_at, stored.anonymised_at) == (
        "13812345678", "5678", ctx.clock.now(), None)
    events = _events_since(ctx, seq)
    assert [(e.action, e.actor, e.entity, e.entity_id, e.summary) for e in events] == [
        ("person_added", "lixiaomei", "person", str(row.id), "party_member")]
    assert CheckService(ctx).run() == []


def test_register_without_phone(ctx: ServiceContext, admin: Actor) -> None:
    row = PeopleService(ctx).register(admin, PersonForm("母婴室访客", "", Category.RESIDENT))
    assert row.masked_phone == ""
    stored = _stored(ctx, row.id)
    assert (stored.phone, stored.phone_last4) == (None, None)
    # Two people without a phone do not collide: only a given phone is unique.
    PeopleService(ctx).register(admin, PersonForm("另一位访客", "", Category.RESIDENT))
    assert _counts(ctx)["person"] == 2


def test_party_branch_is_kept_for_party_members_only(ctx: ServiceContext, admin: Actor) -> None:
    row = PeopleService(ctx).register(admin, PersonForm("李娜", "13912345678", Category.RESIDENT,
                                                        party_branch="明华社区第一党支部"))
    assert row.party_branch == ""


@pytest.mark.parametrize("name", ["𠮷田", "小明😀", "阿卜杜·热合曼", "𠮷" * 40])
def test_rare_characters_and_emoji_round_trip(ctx: ServiceContext, admin: Actor, name: str) -> None:
    people = PeopleService(ctx)
    row = people.register(admin, PersonForm(name, "13912345678", Category.RESIDENT))
    assert people.detail(admin, row.id).name == name
    assert _stored(ctx, row.id).name == name
    assert [r.id for r in people.search(name[:1])] == [row.id]
    assert [r.name for r in people.search(name)] == [name]


@pytest.mark.parametrize(("change", "error", "field"), [
    pytest.param({"name": "   "}, Required, "name", id="name-only-spaces"),
    pytest.param({"name": "张" * 500}, TooLong, "name", id="name-500-characters"),
    pytest.param({"name": "张\x07伟"}, ControlCharacters, "name", id="name-control-character"),
    pytest.param({"phone": "1381234567"}, BadFormat, "phone", id="phone-10-digits"),
    pytest.param({"phone": "138123456789"}, BadFormat, "phone", id="phone-12-digits"),
    pytest.param({"phone": "12812345678"}, BadFormat, "phone", id="phone-not-mobile"),
    pytest.param({"phone": "138abcd5678"}, BadFormat, "phone", id="phone-letters"),
    pytest.param({"note": "备注" * 101}, TooLong, "note", id="note-too-long"),
    pytest.param({"category": Category.PARTY_MEMBER, "party_branch": "支" * 61}, TooLong, "party_branch",
                 id="branch-too-long"),
])
def test_register_refuses_bad_input_and_writes_nothing(ctx: ServiceContext, admin: Actor, change: dict[str, Any],
                                                       error: type[DeskError], field: str) -> None:
    before = _counts(ctx)
    with pytest.raises(error) as raised:
        PeopleService(ctx).register(admin, dataclasses.replace(ZHANG, **change))
    assert raised.value.field == field
    assert _counts(ctx) == before


# -- one phone, one person -------------------------------------------------------------------------------------

def test_a_phone_belongs_to_one_person(ctx: ServiceContext, admin: Actor) -> None:
    people = PeopleService(ctx)
    first = people.register(admin, PersonForm("王建华", "13812345678", Category.RESIDENT))
    before = _counts(ctx)

    with pytest.raises(PhoneTaken) as raised:
        people.register(admin, PersonForm("王小明", "+86 138 1234 5678", Category.VOLUNTEER))

    assert raised.value.field == "phone"
    assert raised.value.params == {"person_id": first.id, "name": "王*华"}  # masked: the form shows who has it
    assert _counts(ctx) == before


def test_update_to_someone_elses_phone_is_refused(ctx: ServiceContext, admin: Actor) -> None:
    people = PeopleService(ctx)
    ids = _register_many(ctx, admin, [("王建华", "13812345678"), ("李娜", "13987654321")])
    before = _counts(ctx)

    with pytest.raises(PhoneTaken) as raised:
        people.update(admin, ids["李娜"], PersonForm("李娜", "138-1234-5678", Category.RESIDENT))

    assert raised.value.params == {"person_id": ids["王建华"], "name": "王*华"}
    assert _counts(ctx) == before
    assert people.detail(admin, ids["李娜"]).phone == "13987654321"


def test_update_keeping_ones_own_phone_is_fine(ctx: ServiceContext, admin: Actor) -> None:
    people = PeopleService(ctx)
    row = people.register(admin, ZHANG)
    updated = people.update(admin, row.id, dataclasses.replace(ZHANG, name="张伟民", phone="13812345678"))
    assert (updated.id, updated.name, updated.masked_phone) == (row.id, "张伟民", "138****5678")


# -- update ----------------------------------------------------------------------------------------------------

def test_update_changes_last4_and_audits_field_names_only(ctx: ServiceContext, admin: Actor) -> None:
    people = PeopleService(ctx)
    row = people.register(admin, PersonForm("赵敏", "13812345678", Category.RESIDENT))
    seq = _last_seq(ctx)

    updated = people.update(admin, row.id, PersonForm("赵敏", "13900001111", Category.VOLUNTEER, note="周末志愿者"))

    assert (updated.masked_phone, updated.category) == ("139****1111", Category.VOLUNTEER)
    assert _stored(ctx, row.id).phone_last4 == "1111"
    assert people.search("5678") == []
    assert [r.id for r in people.search("1111")] == [row.id]
    assert people.search("13812345678") == []
    assert [r.id for r in people.search("139 0000 1111")] == [row.id]
    events = _events_since(ctx, seq)
    assert [(e.action, e.entity_id, e.summary) for e in events] == [
        ("person_edited", str(row.id), "phone, category, note")]
    assert CheckService(ctx).run() == []


def test_update_of_the_name_does_not_copy_it_into_the_audit(ctx: ServiceContext, admin: Actor) -> None:
    people = PeopleService(ctx)
    row = people.register(admin, PersonForm("赵敏", "13812345678", Category.PARTY_MEMBER, party_branch="第一党支部"))
    people.update(admin, row.id, PersonForm("赵晓敏", "13812345679", Category.PARTY_MEMBER,
                                            party_branch="明华社区第二党支部"))
    summaries = " ".join(e.summary + e.entity_id for e in AuditService(ctx).recent())
    for personal in ("赵", "敏", "1381234567", "5678", "5679", "第二党支部"):
        assert personal not in summaries
    assert _events_since(ctx, 0)[-1].summary == "name, phone, party_branch"


def test_update_without_changes_writes_no_audit_event(ctx: ServiceContext, admin: Actor) -> None:
    people = PeopleService(ctx)
    row = people.register(admin, ZHANG)
    before = _counts(ctx)
    people.update(admin, row.id, dataclasses.replace(ZHANG, name=" 张伟 ", phone="+8613812345678"))
    assert _counts(ctx) == before


def test_update_refuses_bad_input_and_changes_nothing(ctx: ServiceContext, admin: Actor) -> None:
    people = PeopleService(ctx)
    row = people.register(admin, ZHANG)
    before = _counts(ctx)
    for form in (dataclasses.replace(ZHANG, name=" "), dataclasses.replace(ZHANG, phone="123456")):
        with pytest.raises(DeskError):
            people.update(admin, row.id, form)
    assert _counts(ctx) == before
    assert people.detail(admin, row.id).phone == "13812345678"
    with pytest.raises(NotFound):
        people.update(admin, row.id + 100, ZHANG)
    assert _counts(ctx) == before


def test_unknown_person(ctx: ServiceContext, admin: Actor) -> None:
    people = PeopleService(ctx)
    with pytest.raises(NotFound):
        people.row(999)
    with pytest.raises(NotFound):
        people.detail(admin, 999)


# -- search ----------------------------------------------------------------------------------------------------

PEOPLE = [
    ("张伟", "13812345678"),
    ("张伟民", "13912345678"),  # same last four as 张伟
    ("张晓梅", "15000001111"),
    ("王张强", "18600002222"),  # 张 in the middle
    ("欧阳晓梅", "17700005678"),  # same last four again
    ("李娜", "13600003333"),
]


@pytest.mark.parametrize(("typed", "expected"), [
    pytest.param("13812345678", ["张伟"], id="full-phone"),
    pytest.param("138 1234 5678", ["张伟"], id="full-phone-spaces"),
    pytest.param("+86 139-1234-5678", ["张伟民"], id="full-phone-prefix"),
    pytest.param("5678", ["张伟", "张伟民", "欧阳晓梅"], id="last4"),
    pytest.param("1111", ["张晓梅"], id="last4-one"),
    pytest.param("9999", [], id="last4-none"),
    pytest.param("张", ["张伟", "张伟民", "张晓梅"], id="surname"),
    pytest.param("张伟", ["张伟", "张伟民"], id="full-name-is-a-prefix"),
    pytest.param("张伟民", ["张伟民"], id="full-name"),
    pytest.param("欧阳", ["欧阳晓梅"], id="compound-surname"),
    pytest.param("晓梅", [], id="given-name-is-not-a-prefix"),
    pytest.param("伟", [], id="middle-character"),
    pytest.param("张强", [], id="not-contiguous"),
    pytest.param("13812345", [], id="partial-phone"),
    pytest.param("1234", [], id="middle-digits-are-not-last4"),
    pytest.param("", [], id="empty"),
])
def test_search(ctx: ServiceContext, admin: Actor, typed: str, expected: list[str]) -> None:
    _register_many(ctx, admin, PEOPLE)
    rows = PeopleService(ctx).search(typed)
    assert [r.name for r in rows] == expected  # by name, then by id
    assert all("****" in r.masked_phone for r in rows)


def test_search_rows_are_masked_and_know_the_last_visit(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> None:
    ids = _register_many(ctx, admin, PEOPLE)
    visits = VisitService(ctx)
    first = visits.check_in(admin, ids["张伟"], Purpose.LEGAL_AID)
    clock.advance(minutes=30)
    visits.check_out(admin, [first.id])
    clock.advance(minutes=30)
    visits.check_in(admin, ids["张伟"], Purpose.READING)
    visits.check_in(admin, ids["张伟民"], Purpose.NURSING)
    clock.advance(minutes=5)
    visits.check_out_all(admin)

    rows = {r.name: r for r in PeopleService(ctx).search("张")}

    assert {n: (r.masked_phone, r.last_purpose, r.on_site) for n, r in rows.items()} == {
        "张伟": ("138****5678", "reading", False),
        "张伟民": ("139****5678", "nursing", False),
        "张晓梅": ("150****1111", None, False),
    }
    visits.check_in(admin, ids["张伟"], Purpose.CHARGING)
    assert PeopleService(ctx).row(ids["张伟"]).on_site
    assert PeopleService(ctx).row(ids["张伟"]).last_purpose == "charging"


def test_search_is_limited_and_ordered(ctx: ServiceContext, admin: Actor) -> None:
    _register_many(ctx, admin, [(f"陈{chr(0x4E00 + i)}", f"1381234{i:04d}") for i in range(20)])
    people = PeopleService(ctx)
    rows = people.search("陈")
    assert len(rows) == 8
    assert [r.name for r in rows] == sorted(r.name for r in rows)
    assert len(people.search("陈", limit=50)) == 20


def test_anonymised_people_are_never_found(ctx: ServiceContext, admin: Actor, clock: FixedClock) -> None:
    people = PeopleService(ctx)
    gone = people.register(admin, PersonForm("张伟", "13812345678", Category.RESIDENT)).id
    clock.advance(days=200)
    kept = people.register(admin, PersonForm("张伟民", "13912345678", Category.RESIDENT)).id
    assert RetentionService(ctx).purge(admin).people == 1

    assert [r.id for r in people.search("张")] == [kept]
    assert [r.id for r in people.search("5678")] == [kept]
    assert people.search("13812345678") == []
    with pytest.raises(NotFound):
        people.row(gone)
    with pytest.raises(NotFound):
        people.detail(admin, gone)
    with pytest.raises(NotFound):
        people.update(admin, gone, ZHANG)
    # Their phone is free again: a new registration is a new person.
    again = people.register(admin, PersonForm("张伟", "13812345678", Category.RESIDENT))
    assert again.id not in (gone, kept)


def test_an_anonymised_row_whose_name_was_kept_is_still_not_found(ctx: ServiceContext, admin: Actor) -> None:
    """The search filters on anonymised_at itself, not only on the cleared name and phone."""
    row = PeopleService(ctx).register(admin, ZHANG)
    with ctx.db.write() as s:
        s.execute(update(Person).where(Person.id == row.id).values(anonymised_at=ctx.clock.now()))
    for typed in ("张", "5678", "13812345678"):
        assert PeopleService(ctx).search(typed) == []


def test_search_uses_indexes_not_scans(ctx: ServiceContext, admin: Actor) -> None:
    """Every statement a search runs is answered from an index (SQLite's query plan shows no full scan)."""
    if ctx.db.dialect != "sqlite":
        pytest.skip("query plans are read on SQLite")
    ids = _register_many(ctx, admin, PEOPLE)
    VisitService(ctx).check_in(admin, ids["张伟"], Purpose.READING)
    with ctx.db.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    statements: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(ctx.db.read_engine, "before_cursor_execute", remember)
    try:
        for typed in ("13812345678", "5678", "张伟"):
            assert PeopleService(ctx).search(typed)
    finally:
        event.remove(ctx.db.read_engine, "before_cursor_execute", remember)

    assert len(statements) >= 6
    with ctx.db.read_engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        for statement, parameters in statements:
            plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters)]
            # "SEARCH t USING INDEX ..." walks part of an index; "SCAN t ..." reads a whole table or index.
            assert plan and not [step for step in plan if step.startswith("SCAN")], (statement, plan)


# -- member cards ----------------------------------------------------------------------------------------------

def _members(ctx: ServiceContext, admin: Actor) -> dict[str, int]:
    """PEOPLE registered; 张伟 and 张伟民 joined the points scheme, in that order (MH00001, MH00002)."""
    ids = _register_many(ctx, admin, PEOPLE)
    points = PointsService(ctx)
    assert [points.join(admin, ids[name]).number for name in ("张伟", "张伟民")] == ["MH00001", "MH00002"]
    return ids


@pytest.mark.parametrize("typed", [
    pytest.param("RHM:MH00002", id="scanned-card"),
    pytest.param(" rhm:mh00002 ", id="scanned-lowercase-with-spaces"),
    pytest.param("MH00002", id="typed-number"),
    pytest.param("mh00002", id="typed-number-lowercase"),
])
def test_a_member_card_or_number_finds_exactly_that_person(ctx: ServiceContext, admin: Actor, typed: str) -> None:
    ids = _members(ctx, admin)

    rows = PeopleService(ctx).search(typed)

    # One row, even though a name search for 张伟 finds two: Enter then acts on it as on any single match.
    assert [(r.id, r.name, r.masked_phone, r.member_no) for r in rows] == [
        (ids["张伟民"], "张伟民", "139****5678", "MH00002")]


def test_a_damaged_card_is_a_format_error_of_the_search_field(ctx: ServiceContext, admin: Actor) -> None:
    _members(ctx, admin)
    for scanned in ("RHM:", "RHM:12", "RHM:MH-00001", "RHM:张伟"):
        with pytest.raises(BadFormat) as refused:
            PeopleService(ctx).search(scanned)
        assert (refused.value.field, refused.value.params) == ("search", {"expected": "member_code"})


def test_a_card_of_nobody_here_is_not_found_rather_than_an_empty_list(ctx: ServiceContext, admin: Actor) -> None:
    _members(ctx, admin)
    for typed in ("RHM:MH09999", "MH09999"):
        with pytest.raises(NotFound) as refused:
            PeopleService(ctx).search(typed)
        assert (refused.value.field, refused.value.params) == ("search", {"entity": "member", "key": "MH09999"})


def test_text_that_only_looks_a_little_like_a_number_is_searched_as_before(ctx: ServiceContext, admin: Actor) -> None:
    _members(ctx, admin)
    people = PeopleService(ctx)
    assert [r.name for r in people.search("张伟")] == ["张伟", "张伟民"]  # names never look like member numbers
    assert people.search("MH") == []  # too short for a member number: a (Latin) name prefix that matches nobody
    assert [r.name for r in people.search("5678")] == ["张伟", "张伟民", "欧阳晓梅"]


def test_an_anonymised_persons_card_finds_nobody(ctx: ServiceContext, admin: Actor) -> None:
    ids = _members(ctx, admin)
    with ctx.db.write() as s:
        s.execute(update(Person).where(Person.id == ids["张伟"]).values(anonymised_at=ctx.clock.now()))
    with pytest.raises(NotFound):
        PeopleService(ctx).search("RHM:MH00001")


def test_a_member_card_search_uses_the_member_number_index(ctx: ServiceContext, admin: Actor) -> None:
    if ctx.db.dialect != "sqlite":
        pytest.skip("query plans are read on SQLite")
    _members(ctx, admin)
    with ctx.db.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    statements: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(ctx.db.read_engine, "before_cursor_execute", remember)
    try:
        assert PeopleService(ctx).search("RHM:MH00001")
    finally:
        event.remove(ctx.db.read_engine, "before_cursor_execute", remember)

    assert statements
    with ctx.db.read_engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        for statement, parameters in statements:
            plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters)]
            assert plan and not [step for step in plan if step.startswith("SCAN")], (statement, plan)
