"""Visitors: people registry, visits (incl. anonymous head counts and 暖新驿站 couriers), shared settings.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.storage.types

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=True),
    sa.Column('phone', sa.String(length=11), nullable=True),
    sa.Column('phone_last4', sa.String(length=4), nullable=True),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('party_branch', sa.String(length=60), nullable=False),
    sa.Column('member_no', sa.String(length=20), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('anonymised_at', desk.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("category IN ('party_member', 'resident', 'new_employment', 'merchant_staff', 'volunteer')", name=op.f('ck_person_category_known')),
    sa.CheckConstraint('phone IS NULL OR length(phone) = 11', name=op.f('ck_person_phone_length')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sa.UniqueConstraint('member_no', name=op.f('uq_person_member_no')),
    sa.UniqueConstraint('phone', name=op.f('uq_person_phone'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_phone_last4'), ['phone_last4'], unique=False)

    op.create_table('setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('base_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('party_size', sa.Integer(), nullable=False),
    sa.Column('platform', sa.String(length=10), nullable=True),
    sa.Column('station_services', sa.Integer(), nullable=False),
    sa.Column('checked_in_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('checked_out_at', desk.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('checkout_kind', sa.String(length=10), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('checkout_staff_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('(checked_out_at IS NULL) = (checkout_kind IS NULL)', name=op.f('ck_visit_checkout_kind_iff_out')),
    sa.CheckConstraint('checked_out_at IS NULL OR checked_out_at >= checked_in_at', name=op.f('ck_visit_out_after_in')),
    sa.CheckConstraint('party_size BETWEEN 1 AND 200', name=op.f('ck_visit_party_size_range')),
    sa.ForeignKeyConstraint(['base_id'], ['service_base.id'], name=op.f('fk_visit_base_id_service_base')),
    sa.ForeignKeyConstraint(['checkout_staff_id'], ['staff.id'], name=op.f('fk_visit_checkout_staff_id_staff')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_visit_person_id_person')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_visit_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit'))
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index('ix_visit_base_id_checked_in_at', ['base_id', 'checked_in_at'], unique=False)
        batch_op.create_index('ix_visit_base_id_checked_out_at', ['base_id', 'checked_out_at'], unique=False)
        batch_op.create_index('ix_visit_person_id_checked_in_at', ['person_id', 'checked_in_at'], unique=False)
        batch_op.create_index('ix_visit_base_id_category_checked_in_at', ['base_id', 'category', 'checked_in_at'], unique=False)
        batch_op.create_index('ix_visit_base_id_purpose_checked_in_at', ['base_id', 'purpose', 'checked_in_at'], unique=False)
        batch_op.create_index('ix_visit_base_id_party_size_id', ['base_id', 'party_size', 'id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_base_id_party_size_id')
        batch_op.drop_index('ix_visit_base_id_purpose_checked_in_at')
        batch_op.drop_index('ix_visit_base_id_category_checked_in_at')
        batch_op.drop_index('ix_visit_person_id_checked_in_at')
        batch_op.drop_index('ix_visit_base_id_checked_out_at')
        batch_op.drop_index('ix_visit_base_id_checked_in_at')

    op.drop_table('visit')
    op.drop_table('setting')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_phone_last4'))
        batch_op.drop_index(batch_op.f('ix_person_name'))

    op.drop_table('person')
