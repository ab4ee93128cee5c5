"""Storage layer: the typed SQLAlchemy models. Constraints here are what races cannot break."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import CheckConstraint, ForeignKey, Index, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desk.storage.types import UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Model(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UtcDateTime()}


class ServiceBase(Model):
    """A 服务基地 (base). One database may hold several bases when desks share PostgreSQL."""

    __tablename__ = "service_base"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    address: Mapped[str] = mapped_column(String(120), default="")
    timezone: Mapped[str] = mapped_column(String(40), default="Asia/Shanghai")
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime]


class OpeningHours(Model):
    __tablename__ = "opening_hours"
    __table_args__ = (
        UniqueConstraint("base_id", "weekday"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("(opens IS NULL) = (closes IS NULL)", name="both_or_none"),
        CheckConstraint("opens IS NULL OR closes > opens", name="closes_after_opens"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    base_id: Mapped[int] = mapped_column(ForeignKey("service_base.id", ondelete="CASCADE"))
    weekday: Mapped[int]
    opens: Mapped[dt.time | None]
    closes: Mapped[dt.time | None]


class Closure(Model):
    """Days a base is closed (holidays of its own, renovation, ...), inclusive of both ends."""

    __tablename__ = "closure"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    base_id: Mapped[int] = mapped_column(ForeignKey("service_base.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    reason: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[dt.datetime]


class Merchant(Model):
    """An alliance merchant (联盟商家). Merchant cashiers are staff bound to one."""

    __tablename__ = "merchant"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime]
    address: Mapped[str] = mapped_column(String(120), default="")
    contact_person: Mapped[str] = mapped_column(String(40), default="")
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    category: Mapped[str] = mapped_column(String(20), default="")  # 餐饮, 超市, 理发, ... as the alliance names them
    plaque_no: Mapped[str] = mapped_column(String(20), default="")  # 联盟牌匾编号
    joined_on: Mapped[dt.date | None]


class Staff(Model):
    __tablename__ = "staff"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'desk', 'merchant')", name="role_known"),
        CheckConstraint("(role = 'merchant') = (merchant_id IS NOT NULL)", name="merchant_iff_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(10))
    merchant_id: Mapped[int | None] = mapped_column(ForeignKey("merchant.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime]
    last_login_at: Mapped[dt.datetime | None]


class LoginThrottle(Model):
    """Failed logins per typed username, known or not, so that lockout does not reveal which names exist."""

    __tablename__ = "login_throttle"

    username: Mapped[str] = mapped_column(String(32), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]


class AuditEvent(Model):
    """操作日志: append-only and hash-chained; `seq` is gapless and ordered by the chain head below."""

    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime]  # no secondary index: the log is read by seq (db/versions/0007)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    actor: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Model):
    """The single row every audited transaction locks and advances; it serialises the chain across desks."""

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))


class Setting(Model):
    """Settings shared by every desk of the database (retention period, ...), one JSON value per key."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Person(Model):
    """群众/会员: one identity for visits, bookings and points. One phone belongs to one person."""

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint(
            "category IN ('party_member', 'resident', 'new_employment', 'merchant_staff', 'volunteer')",
            name="category_known"),
        CheckConstraint("phone IS NULL OR length(phone) = 11", name="phone_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(40), index=True)  # None once anonymised
    phone: Mapped[str | None] = mapped_column(String(11), unique=True)
    # Searching by the last four digits uses this index instead of a LIKE '%1234' scan.
    phone_last4: Mapped[str | None] = mapped_column(String(4), index=True)
    category: Mapped[str] = mapped_column(String(20))
    party_branch: Mapped[str] = mapped_column(String(60), default="")
    member_no: Mapped[str | None] = mapped_column(String(20), unique=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime]
    anonymised_at: Mapped[dt.datetime | None]
    # Set by the no-show rule; bookings are refused until then (lifted by time alone).
    suspended_until: Mapped[dt.datetime | None]


class Visit(Model):
    """到访登记: a check-in and its check-out; anonymous head counts and 暖新驿站 couriers have no person."""

    __tablename__ = "visit"
    __table_args__ = (
        CheckConstraint("party_size BETWEEN 1 AND 200", name="party_size_range"),
        CheckConstraint("checked_out_at IS NULL OR checked_out_at >= checked_in_at", name="out_after_in"),
        CheckConstraint("(checked_out_at IS NULL) = (checkout_kind IS NULL)", name="checkout_kind_iff_out"),
        Index("ix_visit_base_id_checked_in_at", "base_id", "checked_in_at"),
        Index("ix_visit_person_id_checked_in_at", "person_id", "checked_in_at"),
        Index("ix_visit_base_id_checked_out_at", "base_id", "checked_out_at"),
        # The visit log filters and sorts by these without sorting the table (keyset pages).
        Index("ix_visit_base_id_category_checked_in_at", "base_id", "category", "checked_in_at"),
        Index("ix_visit_base_id_purpose_checked_in_at", "base_id", "purpose", "checked_in_at"),
        Index("ix_visit_base_id_party_size_id", "base_id", "party_size", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    base_id: Mapped[int] = mapped_column(ForeignKey("service_base.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    category: Mapped[str] = mapped_column(String(20))  # at the time of the visit, so counts survive anonymising
    purpose: Mapped[str] = mapped_column(String(20))
    party_size: Mapped[int] = mapped_column(default=1)
    platform: Mapped[str | None] = mapped_column(String(10))  # 暖新驿站 couriers only
    station_services: Mapped[int] = mapped_column(default=0)  # StationService bits
    checked_in_at: Mapped[dt.datetime]
    checked_out_at: Mapped[dt.datetime | None]
    checkout_kind: Mapped[str | None] = mapped_column(String(10))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    checkout_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class DateOverride(Model):
    """An administrator's hours for one date of a base, over holidays and the week ("open on 国庆 9:00–12:00")."""

    __tablename__ = "date_override"
    __table_args__ = (
        UniqueConstraint("base_id", "day"),
        CheckConstraint("(opens IS NULL) = (closes IS NULL)", name="both_or_none"),
        CheckConstraint("opens IS NULL OR closes > opens", name="closes_after_opens"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    base_id: Mapped[int] = mapped_column(ForeignKey("service_base.id", ondelete="CASCADE"))
    day: Mapped[dt.date]
    opens: Mapped[dt.time | None]
    closes: Mapped[dt.time | None]
    reason: Mapped[str] = mapped_column(String(60))


class Facility(Model):
    """A bookable place of a base with its rules; its units are the seats, rooms or ports."""

    __tablename__ = "facility"
    __table_args__ = (
        UniqueConstraint("base_id", "name"),
        CheckConstraint("slot_minutes > 0 AND min_minutes > 0 AND max_minutes >= min_minutes", name="lengths"),
        CheckConstraint("buffer_minutes >= 0 AND grace_minutes >= 0 AND horizon_days >= 0", name="non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    base_id: Mapped[int] = mapped_column(ForeignKey("service_base.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(40))
    sort_order: Mapped[int] = mapped_column(default=0)
    slot_minutes: Mapped[int]
    min_minutes: Mapped[int]
    max_minutes: Mapped[int]
    buffer_minutes: Mapped[int] = mapped_column(default=0)
    horizon_days: Mapped[int] = mapped_column(default=14)
    grace_minutes: Mapped[int] = mapped_column(default=15)
    quota_minutes: Mapped[int | None]
    quota_count: Mapped[int | None]
    name_required: Mapped[bool] = mapped_column(default=True)
    group_booking: Mapped[bool] = mapped_column(default=False)
    own_hours: Mapped[bool] = mapped_column(default=False)  # uses facility_hours instead of the base's week
    active: Mapped[bool] = mapped_column(default=True)
    inactive_reason: Mapped[str] = mapped_column(String(60), default="")


class FacilityHours(Model):
    __tablename__ = "facility_hours"
    __table_args__ = (
        UniqueConstraint("facility_id", "weekday"),
        CheckConstraint("(opens IS NULL) = (closes IS NULL)", name="both_or_none"),
        CheckConstraint("opens IS NULL OR closes > opens", name="closes_after_opens"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id", ondelete="CASCADE"))
    weekday: Mapped[int]
    opens: Mapped[dt.time | None]
    closes: Mapped[dt.time | None]


class Unit(Model):
    """A seat, room, port or socket. Booking transactions lock its row, which settles races between desks."""

    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("facility_id", "name"), CheckConstraint("capacity >= 1", name="capacity"))

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(20))
    sort_order: Mapped[int] = mapped_column(default=0)
    capacity: Mapped[int] = mapped_column(default=1)
    active: Mapped[bool] = mapped_column(default=True)
    out_of_order_reason: Mapped[str] = mapped_column(String(60), default="")  # "" = in service


class BookingSeries(Model):
    """A recurring booking (e.g. 主题党日 every first Tuesday); its bookings point here."""

    __tablename__ = "booking_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    description: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class Booking(Model):
    """预约: a unit for a time range. A charging session is a booking of a port."""

    __tablename__ = "booking"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_starts"),
        CheckConstraint("party_size >= 1", name="party_size"),
        CheckConstraint("state IN ('booked', 'checked_in', 'completed', 'cancelled', 'no_show')", name="state_known"),
        Index("ix_booking_unit_id_starts_at", "unit_id", "starts_at"),
        Index("ix_booking_state_starts_at", "state", "starts_at"),
        Index("ix_booking_person_id_starts_at", "person_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    series_id: Mapped[int | None] = mapped_column(ForeignKey("booking_series.id"))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"))
    party_size: Mapped[int] = mapped_column(default=1)
    starts_at: Mapped[dt.datetime]
    ends_at: Mapped[dt.datetime]
    state: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(String(80), default="")
    cancel_reason: Mapped[str] = mapped_column(String(60), default="")
    safety_checked: Mapped[bool] = mapped_column(default=False)  # e-bike checklist ticked at start
    created_at: Mapped[dt.datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    checked_in_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]  # completed, cancelled or marked no-show


class CleaningLog(Model):
    """母婴室 cleaning and disinfection entries."""

    __tablename__ = "cleaning_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    at: Mapped[dt.datetime]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str] = mapped_column(String(60), default="")


class Member(Model):
    """A person in the 红色积分 scheme. The number is on the person (`Person.member_no`, searched with the rest
    of the person); the stored balance always equals the sum of the member's ledger entries."""

    __tablename__ = "member"
    __table_args__ = (CheckConstraint("balance >= 0", name="balance_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), unique=True)
    base_id: Mapped[int] = mapped_column(ForeignKey("service_base.id"))  # where they joined
    balance: Mapped[int] = mapped_column(default=0)
    joined_at: Mapped[dt.datetime]
    joined_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class PointsEntry(Model):
    """积分流水: one signed change of a member's balance. Never updated or deleted; a mistake is corrected by a
    `reverse` entry pointing at it (at most one: the unique constraint settles two desks reversing at once)."""

    __tablename__ = "points_entry"
    __table_args__ = (
        CheckConstraint("kind IN ('earn', 'spend', 'refund', 'adjust', 'expire', 'reverse')", name="kind_known"),
        CheckConstraint("amount <> 0", name="amount_not_zero"),
        CheckConstraint("kind NOT IN ('earn', 'refund') OR amount > 0", name="credit_positive"),
        CheckConstraint("kind NOT IN ('spend', 'expire') OR amount < 0", name="debit_negative"),
        CheckConstraint("(kind = 'reverse') = (reverses_id IS NOT NULL)", name="reverse_iff_reverses"),
        CheckConstraint("balance_after >= 0", name="balance_after_not_negative"),
        Index("ix_points_entry_member_id_id", "member_id", "id"),
        Index("ix_points_entry_at", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    amount: Mapped[int]
    kind: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(120), default="")
    ref_kind: Mapped[str] = mapped_column(String(12), default="")  # "claim", "voucher", ... ("" for none)
    ref_id: Mapped[int | None]
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("points_entry.id"), unique=True)
    balance_after: Mapped[int]
    # Credits only, when points expire (setting points_expiry_days): debits use the soonest-expiring points first.
    expires_at: Mapped[dt.datetime | None]
    at: Mapped[dt.datetime]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # The same submission twice (double click, a retry after a lost reply) finds this key and writes nothing.
    idem_key: Mapped[str] = mapped_column(String(64), unique=True)


class Project(Model):
    """服务项目 (认领项目): volunteering, an activity, a training or a grid report, claimed by members for points."""

    __tablename__ = "project"
    __table_args__ = (
        CheckConstraint("kind IN ('volunteer', 'activity', 'training', 'grid_report')", name="kind_known"),
        CheckConstraint("status IN ('open', 'closed', 'finished')", name="status_known"),
        CheckConstraint("ends_at > starts_at", name="ends_after_starts"),
        CheckConstraint("slots >= 1 AND claimed >= 0 AND claimed <= slots", name="slots"),
        # Either fixed points per completion, or points per hour with a cap of hours per completion.
        CheckConstraint("(points IS NULL) <> (points_per_hour IS NULL)", name="one_way_to_count"),
        CheckConstraint("(points_per_hour IS NULL) = (max_hours IS NULL)", name="hours_capped"),
        CheckConstraint("(points IS NULL OR points > 0) AND (points_per_hour IS NULL OR points_per_hour > 0) "
                        "AND (max_hours IS NULL OR max_hours > 0)", name="positive"),
        Index("ix_project_base_id_starts_at", "base_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    base_id: Mapped[int] = mapped_column(ForeignKey("service_base.id"))
    title: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(12))
    description: Mapped[str] = mapped_column(String(500), default="")
    location: Mapped[str] = mapped_column(String(60), default="")
    starts_at: Mapped[dt.datetime]
    ends_at: Mapped[dt.datetime]
    signup_deadline: Mapped[dt.datetime]
    slots: Mapped[int]
    claimed: Mapped[int] = mapped_column(default=0)  # active claims; the guarded update settles the last slot
    points: Mapped[int | None]
    points_per_hour: Mapped[int | None]
    max_hours: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(8), default="open")
    created_at: Mapped[dt.datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class ProjectClaim(Model):
    """认领: a member's claim of a project, then its verified completion (which credits the points)."""

    __tablename__ = "project_claim"
    __table_args__ = (
        UniqueConstraint("project_id", "member_id"),
        CheckConstraint("state IN ('claimed', 'cancelled', 'completed', 'absent')", name="state_known"),
        CheckConstraint("(state = 'completed') = (entry_id IS NOT NULL)", name="completed_iff_credited"),
        Index("ix_project_claim_member_id_claimed_at", "member_id", "claimed_at"),
        # A period report counts each project's completions from this index alone.
        Index("ix_project_claim_project_id_state", "project_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    state: Mapped[str] = mapped_column(String(10), default="claimed")
    claimed_at: Mapped[dt.datetime]
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    finished_at: Mapped[dt.datetime | None]  # cancelled, completed or marked absent
    finished_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    minutes: Mapped[int | None]  # time worked, where the project counts hours
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("points_entry.id"), unique=True)


class Reward(Model):
    """兑换项目: what an alliance merchant offers for how many points."""

    __tablename__ = "reward"
    __table_args__ = (
        UniqueConstraint("merchant_id", "title"),
        CheckConstraint("points > 0", name="points_positive"),
        CheckConstraint("face_value_fen IS NULL OR face_value_fen >= 0", name="face_value_not_negative"),
        CheckConstraint("stock IS NULL OR stock >= 0", name="stock_not_negative"),
        CheckConstraint("monthly_limit IS NULL OR monthly_limit > 0", name="monthly_limit_positive"),
        CheckConstraint("validity_days > 0", name="validity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"))
    title: Mapped[str] = mapped_column(String(60))
    terms: Mapped[str] = mapped_column(String(500), default="")
    points: Mapped[int]
    face_value_fen: Mapped[int | None]  # for settlement; None when the reward has no cash value
    stock: Mapped[int | None]  # what is left to issue; None for unlimited (a guarded update takes one)
    monthly_limit: Mapped[int | None]  # vouchers per member per local calendar month
    validity_days: Mapped[int] = mapped_column(default=30)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime]


class Settlement(Model):
    """结算单: a merchant's redeemed vouchers over a period, settled once."""

    __tablename__ = "settlement"
    __table_args__ = (CheckConstraint("period_end >= period_start", name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"))
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    vouchers: Mapped[int]
    points: Mapped[int]
    face_value_fen: Mapped[int]
    created_at: Mapped[dt.datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class Voucher(Model):
    """兑换券: a reward issued to a member — points spent, a signed QR, an expiry; redeemed once."""

    __tablename__ = "voucher"
    __table_args__ = (
        CheckConstraint("status IN ('issued', 'redeemed', 'void', 'expired')", name="status_known"),
        CheckConstraint("(status = 'redeemed') = (redeemed_at IS NOT NULL)", name="redeemed_iff_at"),
        CheckConstraint("settlement_id IS NULL OR status = 'redeemed'", name="settled_only_redeemed"),
        Index("ix_voucher_merchant_id_redeemed_at", "merchant_id", "redeemed_at"),
        Index("ix_voucher_member_id_issued_at", "member_id", "issued_at"),
        Index("ix_voucher_status_expires_on", "status", "expires_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  # the serial number behind the short code
    base_id: Mapped[int] = mapped_column(ForeignKey("service_base.id"))
    reward_id: Mapped[int] = mapped_column(ForeignKey("reward.id"))
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    points: Mapped[int]
    face_value_fen: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(8), default="issued")
    key_id: Mapped[str] = mapped_column(String(8))
    issued_at: Mapped[dt.datetime]
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    expires_on: Mapped[dt.date]  # last local day it can be redeemed
    # Set in the issuing transaction right after the voucher row exists (the entry names the voucher it paid
    # for); `desk check` verifies every voucher has it.
    spend_entry_id: Mapped[int | None] = mapped_column(ForeignKey("points_entry.id"), unique=True)
    redeemed_at: Mapped[dt.datetime | None]
    redeemed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    voided_at: Mapped[dt.datetime | None]  # voided, or expired
    void_reason: Mapped[str] = mapped_column(String(60), default="")
    refund_entry_id: Mapped[int | None] = mapped_column(ForeignKey("points_entry.id"), unique=True)
    reprints: Mapped[int] = mapped_column(default=0)
    settlement_id: Mapped[int | None] = mapped_column(ForeignKey("settlement.id"))


class ReportDay(Model):
    """The report's figures of one closed local day of a base (visits, bookings, ledger entries), kept so that a
    long period reads a few hundred of these instead of every row again. A cache, never the record: triggers in
    the database (db/versions/0006) delete the day's row in the same transaction as any change to a visit,
    booking or ledger entry of that day, and any row may be deleted at any time."""

    __tablename__ = "report_day"
    __table_args__ = (
        UniqueConstraint("base_id", "zone", "day"),
        CheckConstraint("ends_at > starts_at", name="ends_after_starts"),
        # The triggers find the days an instant falls on; a check-in (now) finds none.
        Index("ix_report_day_ends_at", "ends_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    base_id: Mapped[int] = mapped_column(ForeignKey("service_base.id", ondelete="CASCADE"))
    zone: Mapped[str] = mapped_column(String(40))  # the base's zone when the day was counted
    day: Mapped[dt.date]  # local
    starts_at: Mapped[dt.datetime]  # the day's first instant in that zone
    ends_at: Mapped[dt.datetime]  # the instant after its last
    version: Mapped[int]  # of the figures' layout: a row of another version is counted again
    figures: Mapped[str] = mapped_column(Text)  # JSON (desk.services.report_days)
