"""Services layer: the people registry — search by full phone, last four digits, name prefix or member card (all
indexed), register and edit people. Lists show masked phones; only `detail` (the edit form) returns the full
number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from desk.domain.errors import BadFormat, NotFound, PhoneTaken
from desk.domain.people import (
    Category,
    Query,
    clean_branch,
    clean_note,
    clean_person_name,
    mask_name,
    mask_phone,
    normalise_phone,
    parse_query,
)
from desk.domain.points import parse_member_code
from desk.domain.staff import Actor
from desk.services import audit
from desk.services.context import ServiceContext
from desk.storage.models import Person, Visit

SEARCH_LIMIT = 8
_AFTER_EVERY_CHAR = "\U0010ffff"


@dataclass(frozen=True)
class PersonForm:
    name: str
    phone: str
    category: Category
    party_branch: str = ""
    note: str = ""


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    masked_phone: str
    category: Category
    party_branch: str
    member_no: str | None
    last_purpose: str | None  # of their latest visit: preselected at check-in
    on_site: bool


@dataclass(frozen=True)
class PersonDetail:
    id: int
    name: str
    phone: str
    category: Category
    party_branch: str
    note: str
    member_no: str | None


@dataclass(frozen=True)
class CleanPerson:
    name: str
    phone: str | None
    category: Category
    party_branch: str
    note: str


def clean_form(form: PersonForm) -> CleanPerson:
    category = Category(form.category)
    return CleanPerson(
        name=clean_person_name(form.name),
        phone=normalise_phone(form.phone),
        category=category,
        party_branch=clean_branch(form.party_branch) if category is Category.PARTY_MEMBER else "",
        note=clean_note(form.note),
    )


def matching(query: Query) -> list[ColumnElement[bool]] | None:
    """WHERE clauses for a parsed search; None when the text cannot match anyone (e.g. 6 digits)."""
    if query.kind == "phone":
        return [Person.phone == query.value]
    if query.kind == "last4":
        return [Person.phone_last4 == query.value]
    if query.kind == "name":
        # A range on the indexed column (never LIKE '%…'); the substr test keeps it exact under any collation.
        return [Person.name >= query.value, Person.name < query.value + _AFTER_EVERY_CHAR,
                func.substr(Person.name, 1, len(query.value)) == query.value]
    return None


def insert_person(s: Session, clean: CleanPerson, now: dt.datetime) -> Person:
    person = Person(name=clean.name, phone=clean.phone, phone_last4=clean.phone[-4:] if clean.phone else None,
                    category=clean.category.value, party_branch=clean.party_branch, note=clean.note, created_at=now)
    s.add(person)
    s.flush()
    return person


def person_by_phone(s: Session, phone: str) -> Person | None:
    return s.execute(select(Person).where(Person.phone == phone)).scalar_one_or_none()


class PeopleService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> list[PersonRow]:
        """The people a typed or scanned text names, by name then id. A member card (or a typed member number)
        names exactly one person: a card of nobody here raises NotFound and a damaged card BadFormat, both on
        the search field, rather than an empty list that would read as "no name starts like this"."""
        try:
            number = parse_member_code(text)
        except BadFormat:
            raise BadFormat("search", expected="member_code") from None
        if number is not None:
            return [self._by_member_no(number)]
        clauses = matching(parse_query(text))
        if clauses is None:
            return []
        with self._ctx.db.read() as s:
            people = s.execute(
                select(Person).where(and_(*clauses), Person.anonymised_at.is_(None)).order_by(Person.name, Person.id)
                .limit(limit)
            ).scalars().all()
            return [self._row(s, p) for p in people]

    def row(self, person_id: int) -> PersonRow:
        with self._ctx.db.read() as s:
            return self._row(s, self._get(s, person_id))

    def detail(self, actor: Actor, person_id: int) -> PersonDetail:
        """The full record, phone unmasked, for the edit form."""
        with self._ctx.db.read() as s:
            p = self._get(s, person_id)
            return PersonDetail(p.id, p.name or "", p.phone or "", Category(p.category), p.party_branch, p.note,
                                p.member_no)

    def register(self, actor: Actor, form: PersonForm) -> PersonRow:
        clean = clean_form(form)
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write() as s:
                if clean.phone:
                    self._refuse_taken_phone(s, clean.phone, None)
                person = insert_person(s, clean, now)
                audit.record(s, now, actor, "person_added", "person", person.id, clean.category.value)
                person_id = person.id
        except sa_exc.IntegrityError:
            raise self._taken(clean.phone) from None
        return self.row(person_id)

    def update(self, actor: Actor, person_id: int, form: PersonForm) -> PersonRow:
        clean = clean_form(form)
        now = self._ctx.clock.now()
        try:
            with self._ctx.db.write() as s:
                person = self._get(s, person_id)
                if clean.phone:
                    self._refuse_taken_phone(s, clean.phone, person_id)
                changed = [field for field, old, new in (
                    ("name", person.name, clean.name), ("phone", person.phone, clean.phone),
                    ("category", person.category, clean.category.value),
                    ("party_branch", person.party_branch, clean.party_branch), ("note", person.note, clean.note))
                    if old != new]
                person.name, person.phone = clean.name, clean.phone
                person.phone_last4 = clean.phone[-4:] if clean.phone else None
                person.category, person.party_branch, person.note = (clean.category.value, clean.party_branch,
                                                                     clean.note)
                if changed:
                    # Names of the fields only: the audit trail must not become a copy of personal data.
                    audit.record(s, now, actor, "person_edited", "person", person.id, ", ".join(changed))
        except sa_exc.IntegrityError:
            raise self._taken(clean.phone) from None
        return self.row(person_id)

    # -- helpers -------------------------------------------------------------------------------------------------

    def _by_member_no(self, number: str) -> PersonRow:
        with self._ctx.db.read() as s:
            person = s.execute(select(Person).where(Person.member_no == number, Person.anonymised_at.is_(None))
                               ).scalar_one_or_none()
            if person is None:
                raise NotFound("search", entity="member", key=number)
            return self._row(s, person)

    def _taken(self, phone: str | None) -> PhoneTaken:
        with self._ctx.db.read() as s:
            other = person_by_phone(s, phone) if phone else None
            return PhoneTaken("phone", person_id=other.id if other else None,
                              name=mask_name(other.name) if other else "")

    @staticmethod
    def _refuse_taken_phone(s: Session, phone: str, own_id: int | None) -> None:
        other = person_by_phone(s, phone)
        if other is not None and other.id != own_id:
            raise PhoneTaken("phone", person_id=other.id, name=mask_name(other.name))

    @staticmethod
    def _get(s: Session, person_id: int) -> Person:
        person = s.get(Person, person_id)
        if person is None or person.anonymised_at is not None:
            raise NotFound(entity="person", key=person_id)
        return person

    @staticmethod
    def _row(s: Session, p: Person) -> PersonRow:
        last = s.execute(
            select(Visit.purpose, Visit.checked_out_at).where(Visit.person_id == p.id)
            .order_by(Visit.checked_in_at.desc()).limit(1)
        ).first()
        return PersonRow(p.id, p.name or "", mask_phone(p.phone), Category(p.category), p.party_branch,
                         p.member_no, last[0] if last else None, bool(last and last[1] is None))
