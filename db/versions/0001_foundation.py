"""Foundation: bases, opening hours, closures, merchants, staff, login throttle, audit trail.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.storage.types

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_audit_head_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.create_table('login_throttle',
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locked_until', desk.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('username', name=op.f('pk_login_throttle'))
    )
    op.create_table('merchant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_merchant')),
    sa.UniqueConstraint('name', name=op.f('uq_merchant_name'))
    )
    op.create_table('service_base',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('address', sa.String(length=120), nullable=False),
    sa.Column('timezone', sa.String(length=40), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_base')),
    sa.UniqueConstraint('code', name=op.f('uq_service_base_code'))
    )
    op.create_table('closure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('base_id', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=60), nullable=False),
    sa.Column('created_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_closure_end_after_start')),
    sa.ForeignKeyConstraint(['base_id'], ['service_base.id'], name=op.f('fk_closure_base_id_service_base'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_closure'))
    )
    with op.batch_alter_table('closure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_closure_base_id'), ['base_id'], unique=False)

    op.create_table('opening_hours',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('base_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('opens', sa.Time(), nullable=True),
    sa.Column('closes', sa.Time(), nullable=True),
    sa.CheckConstraint('(opens IS NULL) = (closes IS NULL)', name=op.f('ck_opening_hours_both_or_none')),
    sa.CheckConstraint('opens IS NULL OR closes > opens', name=op.f('ck_opening_hours_closes_after_opens')),
    sa.CheckConstraint('weekday BETWEEN 0 AND 6', name=op.f('ck_opening_hours_weekday_range')),
    sa.ForeignKeyConstraint(['base_id'], ['service_base.id'], name=op.f('fk_opening_hours_base_id_service_base'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opening_hours')),
    sa.UniqueConstraint('base_id', 'weekday', name=op.f('uq_opening_hours_base_id'))
    )
    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('display_name', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('merchant_id', sa.Integer(), nullable=True),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('created_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', desk.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("(role = 'merchant') = (merchant_id IS NOT NULL)", name=op.f('ck_staff_merchant_iff_role')),
    sa.CheckConstraint("role IN ('admin', 'desk', 'merchant')", name=op.f('ck_staff_role_known')),
    sa.ForeignKeyConstraint(['merchant_id'], ['merchant.id'], name=op.f('fk_staff_merchant_id_merchant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff')),
    sa.UniqueConstraint('username', name=op.f('uq_staff_username'))
    )
    op.create_table('audit_event',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_audit_event_staff_id_staff')),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)

    # The chain head every audited transaction locks; it starts at the genesis hash.
    op.bulk_insert(sa.table('audit_head', sa.column('id'), sa.column('seq'), sa.column('hash')),
                   [{'id': 1, 'seq': 0, 'hash': '0' * 64}])



def downgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))
        batch_op.drop_index(batch_op.f('ix_audit_event_action'))

    op.drop_table('audit_event')
    op.drop_table('staff')
    op.drop_table('opening_hours')
    with op.batch_alter_table('closure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_closure_base_id'))

    op.drop_table('closure')
    op.drop_table('service_base')
    op.drop_table('merchant')
    op.drop_table('login_throttle')
    op.drop_table('audit_head')
