"""Bookings: facilities with rules and own hours, units, bookings and series, date overrides, cleaning log,
suspension of people after repeated no-shows.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.storage.types

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('date_override',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('base_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('opens', sa.Time(), nullable=True),
    sa.Column('closes', sa.Time(), nullable=True),
    sa.Column('reason', sa.String(length=60), nullable=False),
    sa.CheckConstraint('(opens IS NULL) = (closes IS NULL)', name=op.f('ck_date_override_both_or_none')),
    sa.CheckConstraint('opens IS NULL OR closes > opens', name=op.f('ck_date_override_closes_after_opens')),
    sa.ForeignKeyConstraint(['base_id'], ['service_base.id'], name=op.f('fk_date_override_base_id_service_base'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_date_override')),
    sa.UniqueConstraint('base_id', 'day', name=op.f('uq_date_override_base_id'))
    )
    op.create_table('facility',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('base_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('slot_minutes', sa.Integer(), nullable=False),
    sa.Column('min_minutes', sa.Integer(), nullable=False),
    sa.Column('max_minutes', sa.Integer(), nullable=False),
    sa.Column('buffer_minutes', sa.Integer(), nullable=False),
    sa.Column('horizon_days', sa.Integer(), nullable=False),
    sa.Column('grace_minutes', sa.Integer(), nullable=False),
    sa.Column('quota_minutes', sa.Integer(), nullable=True),
    sa.Column('quota_count', sa.Integer(), nullable=True),
    sa.Column('name_required', sa.Boolean(), nullable=False),
    sa.Column('group_booking', sa.Boolean(), nullable=False),
    sa.Column('own_hours', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('inactive_reason', sa.String(length=60), nullable=False),
    sa.CheckConstraint('buffer_minutes >= 0 AND grace_minutes >= 0 AND horizon_days >= 0', name=op.f('ck_facility_non_negative')),
    sa.CheckConstraint('slot_minutes > 0 AND min_minutes > 0 AND max_minutes >= min_minutes', name=op.f('ck_facility_lengths')),
    sa.ForeignKeyConstraint(['base_id'], ['service_base.id'], name=op.f('fk_facility_base_id_service_base'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facility')),
    sa.UniqueConstraint('base_id', 'name', name=op.f('uq_facility_base_id'))
    )
    op.create_table('booking_series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=80), nullable=False),
    sa.Column('created_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['staff.id'], name=op.f('fk_booking_series_created_by_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_series'))
    )
    op.create_table('facility_hours',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('facility_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('opens', sa.Time(), nullable=True),
    sa.Column('closes', sa.Time(), nullable=True),
    sa.CheckConstraint('(opens IS NULL) = (closes IS NULL)', name=op.f('ck_facility_hours_both_or_none')),
    sa.CheckConstraint('opens IS NULL OR closes > opens', name=op.f('ck_facility_hours_closes_after_opens')),
    sa.ForeignKeyConstraint(['facility_id'], ['facility.id'], name=op.f('fk_facility_hours_facility_id_facility'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facility_hours')),
    sa.UniqueConstraint('facility_id', 'weekday', name=op.f('uq_facility_hours_facility_id'))
    )
    op.create_table('unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('facility_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('out_of_order_reason', sa.String(length=60), nullable=False),
    sa.CheckConstraint('capacity >= 1', name=op.f('ck_unit_capacity')),
    sa.ForeignKeyConstraint(['facility_id'], ['facility.id'], name=op.f('fk_unit_facility_id_facility'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit')),
    sa.UniqueConstraint('facility_id', 'name', name=op.f('uq_unit_facility_id'))
    )
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_facility_id'), ['facility_id'], unique=False)

    op.create_table('booking',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('series_id', sa.Integer(), nullable=True),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('party_size', sa.Integer(), nullable=False),
    sa.Column('starts_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('note', sa.String(length=80), nullable=False),
    sa.Column('cancel_reason', sa.String(length=60), nullable=False),
    sa.Column('safety_checked', sa.Boolean(), nullable=False),
    sa.Column('created_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('checked_in_at', desk.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('finished_at', desk.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("state IN ('booked', 'checked_in', 'completed', 'cancelled', 'no_show')", name=op.f('ck_booking_state_known')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_booking_ends_after_starts')),
    sa.CheckConstraint('party_size >= 1', name=op.f('ck_booking_party_size')),
    sa.ForeignKeyConstraint(['created_by'], ['staff.id'], name=op.f('fk_booking_created_by_staff')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_booking_person_id_person')),
    sa.ForeignKeyConstraint(['series_id'], ['booking_series.id'], name=op.f('fk_booking_series_id_booking_series')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_booking_unit_id_unit')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_booking_visit_id_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking'))
    )
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.create_index('ix_booking_person_id_starts_at', ['person_id', 'starts_at'], unique=False)
        batch_op.create_index('ix_booking_state_starts_at', ['state', 'starts_at'], unique=False)
        batch_op.create_index('ix_booking_unit_id_starts_at', ['unit_id', 'starts_at'], unique=False)

    op.create_table('cleaning_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_cleaning_log_staff_id_staff')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_cleaning_log_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cleaning_log'))
    )
    with op.batch_alter_table('cleaning_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cleaning_log_unit_id'), ['unit_id'], unique=False)

    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('suspended_until', desk.storage.types.UtcDateTime(timezone=True), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('suspended_until')

    with op.batch_alter_table('cleaning_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cleaning_log_unit_id'))

    op.drop_table('cleaning_log')
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.drop_index('ix_booking_unit_id_starts_at')
        batch_op.drop_index('ix_booking_state_starts_at')
        batch_op.drop_index('ix_booking_person_id_starts_at')

    op.drop_table('booking')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_facility_id'))

    op.drop_table('unit')
    op.drop_table('facility_hours')
    op.drop_table('booking_series')
    op.drop_table('facility')
    op.drop_table('date_override')
