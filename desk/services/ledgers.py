"""Services layer: the rows of the 台账 of bookings, charging sessions, the points ledger and vouchers over a range
of the base's local days — read models for the exports, streamed from the caller's read transaction in batches
(a year of a busy base is tens of thousands of rows: columns only, never ORM objects).

These are internal registers, filed by the base: names are as stored; phones are always masked. Times are in the
base's zone. Which rows a range holds:
- bookings: those starting on the days, every state, of every facility of the base;
- charging sessions: the same, of the 电动车充电桩 and 充电插座 facilities;
- the points ledger: the entries dated on the days, of the members who joined at this base;
- vouchers: those issued on the days at this base, each as it stands now (redeemed, voided, expired, settled).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import Session, aliased

from desk.domain.booking import BookingState, FacilityKind
from desk.domain.people import mask_phone
from desk.domain.points import EntryKind
from desk.domain.voucher_code import serial_code
from desk.domain.vouchers import VoucherStatus
from desk.printing.settlement import statement_number
from desk.storage.models import (
    Booking,
    Facility,
    Member,
    Merchant,
    Person,
    PointsEntry,
    Project,
    ProjectClaim,
    Reward,
    ServiceBase,
    Staff,
    Unit,
    Voucher,
)

BATCH = 2000  # rows fetched from the database at a time
CHARGING_KINDS = (FacilityKind.EBIKE_CHARGING, FacilityKind.PHONE_CHARGING)


@dataclass(frozen=True, slots=True)
class BookingLedgerRow:
    id: int
    day: dt.date  # the local day it starts
    facility: str
    unit: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    minutes: int  # booked length
    person_id: int | None  # None: booked without a name (母婴室, a phone socket)
    name: str  # "" without a person, or once the person's data was anonymised
    masked_phone: str
    party_size: int
    state: BookingState
    cancel_reason: str
    checked_in_at: dt.datetime | None
    staff: str  # who made the booking; "" from the command line or the system


@dataclass(frozen=True, slots=True)
class ChargingRow:
    """A session on a charging port or socket. `ends_at` is the planned end; `stopped_at` when it was stopped."""

    id: int
    day: dt.date
    facility: str
    kind: FacilityKind
    port: str
    starts_at: dt.datetime  # checked in (the session began), else the booked start
    ends_at: dt.datetime
    stopped_at: dt.datetime | None  # completed: when the port was freed
    minutes: int | None  # how long it charged, once stopped
    person_id: int | None
    name: str
    masked_phone: str
    safety_checked: bool | None  # the e-bike checklist; None for a phone socket, which has none
    overdue: bool  # stopped after its planned end, or still running past it
    state: BookingState


@dataclass(frozen=True, slots=True)
class PointsLedgerRow:
    id: int  # the entry number (流水号), which a reversal refers to
    at: dt.datetime
    member_no: str
    name: str
    masked_phone: str
    kind: EntryKind
    amount: int  # signed
    balance_after: int
    reason: str
    ref_kind: str  # "claim", "voucher" or ""
    reference: str  # the project's title or the voucher's serial code; "" for none
    reverses_id: int | None  # the entry a reversal undoes
    staff: str  # "" for the system (expiry) and the command line


@dataclass(frozen=True, slots=True)
class VoucherLedgerRow:
    id: int
    code: str  # the serial short code printed on the slip
    reward: str
    merchant: str
    member_no: str
    name: str
    points: int
    face_value: Decimal | None  # yuan; None when the reward has no cash value
    status: VoucherStatus
    issued_at: dt.datetime
    expires_on: dt.date  # the last local day it could be redeemed
    redeemed_at: dt.datetime | None
    redeemed_by: str
    voided_at: dt.datetime | None  # voided by staff, or expired
    void_reason: str
    settlement: str  # the statement's number (JS000012); "" while not settled


def _bounds(base: ServiceBase, from_day: dt.date, to_day: dt.date) -> tuple[zoneinfo.ZoneInfo, dt.datetime,
                                                                              dt.datetime]:
    zone = zoneinfo.ZoneInfo(base.timezone)
    return (zone, dt.datetime.combine(from_day, dt.time(0, 0), zone),
            dt.datetime.combine(to_day + dt.timedelta(days=1), dt.time(0, 0), zone))


def _local(moment: dt.datetime | None, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
    return moment.astimezone(zone) if moment is not None else None


def _minutes(start: dt.datetime, end: dt.datetime) -> int:
    return int((end - start).total_seconds() // 60)


# -- bookings and charging sessions ------------------------------------------------------------------------------

_BOOKINGS: Select[*tuple[Any, ...]] = (
    select(Booking.id, Booking.starts_at, Booking.ends_at, Booking.state, Booking.cancel_reason,
           Booking.party_size, Booking.checked_in_at, Booking.finished_at, Booking.safety_checked,
           Booking.person_id, Unit.name.label("unit"), Facility.name.label("facility"), Facility.kind,
           Person.name.label("name"), Person.phone, Staff.display_name.label("staff"))
    .join(Unit, Unit.id == Booking.unit_id).join(Facility, Facility.id == Unit.facility_id)
    .outerjoin(Person, Person.id == Booking.person_id).outerjoin(Staff, Staff.id == Booking.created_by))


def _booking_query(base: ServiceBase, start: dt.datetime, end: dt.datetime) -> Select[*tuple[Any, ...]]:
    # The base's units first, then each unit's bookings of the range by (unit_id, starts_at).
    return (_BOOKINGS.where(Facility.base_id == base.id, Booking.starts_at >= start, Booking.starts_at < end)
            .order_by(Booking.starts_at, Booking.id).execution_options(yield_per=BATCH))


def booking_rows(s: Session, base: ServiceBase, from_day: dt.date, to_day: dt.date) -> Iterator[BookingLedgerRow]:
    """The bookings starting on the local days `from_day`..`to_day`, in start order."""
    zone, start, end = _bounds(base, from_day, to_day)
    for r in s.execute(_booking_query(base, start, end)):
        starts, ends = r.starts_at.astimezone(zone), r.ends_at.astimezone(zone)
        yield BookingLedgerRow(
            r.id, starts.date(), r.facility, r.unit, starts, ends, _minutes(starts, ends), r.person_id,
            r.name or "", mask_phone(r.phone), r.party_size, BookingState(r.state), r.cancel_reason,
            _local(r.checked_in_at, zone), r.staff or "")


def charging_rows(s: Session, base: ServiceBase, from_day: dt.date, to_day: dt.date,
                  now: dt.datetime) -> Iterator[ChargingRow]:
    """The sessions (bookings of charging ports and sockets) starting on the days, in start order; `now` tells
    whether a session still running is overdue."""
    zone, start, end = _bounds(base, from_day, to_day)
    query = _booking_query(base, start, end).where(Facility.kind.in_([k.value for k in CHARGING_KINDS]))
    for r in s.execute(query):
        kind = FacilityKind(r.kind)
        state = BookingState(r.state)
        began = (r.checked_in_at or r.starts_at).astimezone(zone)
        day = r.starts_at.astimezone(zone).date()
        ends = r.ends_at.astimezone(zone)
        stopped = r.finished_at.astimezone(zone) if state is BookingState.COMPLETED and r.finished_at else None
        if stopped is not None:
            overdue = stopped > ends
        else:
            overdue = state is BookingState.CHECKED_IN and now > r.ends_at
        yield ChargingRow(
            r.id, day, r.facility, kind, r.unit, began, ends, stopped,
            _minutes(began, stopped) if stopped is not None else None, r.person_id, r.name or "",
            mask_phone(r.phone), r.safety_checked if kind is FacilityKind.EBIKE_CHARGING else None, overdue, state)


# -- the points ledger -----------------------------------------------------------------------------------------------

_ENTRIES: Select[*tuple[Any, ...]] = (
    select(PointsEntry.id, PointsEntry.at, PointsEntry.kind, PointsEntry.amount, PointsEntry.balance_after,
           PointsEntry.reason, PointsEntry.ref_kind, PointsEntry.ref_id, PointsEntry.reverses_id,
           Person.member_no, Person.name.label("name"), Person.phone, Staff.display_name.label("staff"),
           Project.title.label("project"))
    .join(Member, Member.id == PointsEntry.member_id).join(Person, Person.id == Member.person_id)
    .outerjoin(Staff, Staff.id == PointsEntry.staff_id)
    .outerjoin(ProjectClaim, and_(PointsEntry.ref_kind == "claim", ProjectClaim.id == PointsEntry.ref_id))
    .outerjoin(Project, Project.id == ProjectClaim.project_id))


def points_rows(s: Session, base: ServiceBase, from_day: dt.date, to_day: dt.date) -> Iterator[PointsLedgerRow]:
    """The ledger entries dated on the days, of members who joined at this base, in the order written."""
    zone, start, end = _bounds(base, from_day, to_day)
    query = (_ENTRIES.where(Member.base_id == base.id, PointsEntry.at >= start, PointsEntry.at < end)
             .order_by(PointsEntry.at, PointsEntry.id).execution_options(yield_per=BATCH))
    for r in s.execute(query):
        if r.ref_kind == "voucher" and r.ref_id is not None:
            reference = serial_code(r.ref_id)
        else:
            reference = r.project or ""
        yield PointsLedgerRow(
            r.id, r.at.astimezone(zone), r.member_no or "", r.name or "", mask_phone(r.phone), EntryKind(r.kind),
            r.amount, r.balance_after, r.reason, r.ref_kind, reference, r.reverses_id, r.staff or "")


# -- vouchers --------------------------------------------------------------------------------------------------------

_REDEEMER = aliased(Staff)
_VOUCHERS: Select[*tuple[Any, ...]] = (
    select(Voucher.id, Voucher.status, Voucher.points, Voucher.face_value_fen, Voucher.issued_at,
           Voucher.expires_on, Voucher.redeemed_at, _REDEEMER.display_name.label("redeemed_by"), Voucher.voided_at,
           Voucher.void_reason, Voucher.settlement_id, Reward.title, Merchant.name.label("merchant"),
           Person.member_no, Person.name.label("name"))
    .join(Reward, Reward.id == Voucher.reward_id).join(Merchant, Merchant.id == Voucher.merchant_id)
    .join(Member, Member.id == Voucher.member_id).join(Person, Person.id == Member.person_id)
    .outerjoin(_REDEEMER, _REDEEMER.id == Voucher.redeemed_by))


def voucher_rows(s: Session, base: ServiceBase, from_day: dt.date, to_day: dt.date) -> Iterator[VoucherLedgerRow]:
    """The vouchers issued at this base on the days, in the order issued, each with what became of it."""
    zone, start, end = _bounds(base, from_day, to_day)
    query = (_VOUCHERS.where(Voucher.base_id == base.id, Voucher.issued_at >= start, Voucher.issued_at < end)
             .order_by(Voucher.issued_at, Voucher.id).execution_options(yield_per=BATCH))
    for r in s.execute(query):
        face = Decimal(r.face_value_fen) / 100 if r.face_value_fen is not None else None
        yield VoucherLedgerRow(
            r.id, serial_code(r.id), r.title, r.merchant, r.member_no or "", r.name or "", r.points, face,
            VoucherStatus(r.status), r.issued_at.astimezone(zone), r.expires_on, _local(r.redeemed_at, zone),
            r.redeemed_by or "", _local(r.voided_at, zone), r.void_reason,
            statement_number(r.settlement_id) if r.settlement_id is not None else "")
