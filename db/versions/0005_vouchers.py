"""Vouchers: rewards of alliance merchants, issued vouchers (single use, signed QR, expiry), settlements; the
merchant's address, contact, category and plaque number.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.storage.types

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reward',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('merchant_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=60), nullable=False),
    sa.Column('terms', sa.String(length=500), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('face_value_fen', sa.Integer(), nullable=True),
    sa.Column('stock', sa.Integer(), nullable=True),
    sa.Column('monthly_limit', sa.Integer(), nullable=True),
    sa.Column('validity_days', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('face_value_fen IS NULL OR face_value_fen >= 0', name=op.f('ck_reward_face_value_not_negative')),
    sa.CheckConstraint('monthly_limit IS NULL OR monthly_limit > 0', name=op.f('ck_reward_monthly_limit_positive')),
    sa.CheckConstraint('points > 0', name=op.f('ck_reward_points_positive')),
    sa.CheckConstraint('stock IS NULL OR stock >= 0', name=op.f('ck_reward_stock_not_negative')),
    sa.CheckConstraint('validity_days > 0', name=op.f('ck_reward_validity_positive')),
    sa.ForeignKeyConstraint(['merchant_id'], ['merchant.id'], name=op.f('fk_reward_merchant_id_merchant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reward')),
    sa.UniqueConstraint('merchant_id', 'title', name=op.f('uq_reward_merchant_id'))
    )
    op.create_table('settlement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('merchant_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('vouchers', sa.Integer(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('face_value_fen', sa.Integer(), nullable=False),
    sa.Column('created_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.CheckConstraint('period_end >= period_start', name=op.f('ck_settlement_end_after_start')),
    sa.ForeignKeyConstraint(['created_by'], ['staff.id'], name=op.f('fk_settlement_created_by_staff')),
    sa.ForeignKeyConstraint(['merchant_id'], ['merchant.id'], name=op.f('fk_settlement_merchant_id_merchant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement'))
    )
    op.create_table('voucher',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('base_id', sa.Integer(), nullable=False),
    sa.Column('reward_id', sa.Integer(), nullable=False),
    sa.Column('merchant_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('face_value_fen', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('key_id', sa.String(length=8), nullable=False),
    sa.Column('issued_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('issued_by', sa.Integer(), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('spend_entry_id', sa.Integer(), nullable=True),
    sa.Column('redeemed_at', desk.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('redeemed_by', sa.Integer(), nullable=True),
    sa.Column('voided_at', desk.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('void_reason', sa.String(length=60), nullable=False),
    sa.Column('refund_entry_id', sa.Integer(), nullable=True),
    sa.Column('reprints', sa.Integer(), nullable=False),
    sa.Column('settlement_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("(status = 'redeemed') = (redeemed_at IS NOT NULL)", name=op.f('ck_voucher_redeemed_iff_at')),
    sa.CheckConstraint("settlement_id IS NULL OR status = 'redeemed'", name=op.f('ck_voucher_settled_only_redeemed')),
    sa.CheckConstraint("status IN ('issued', 'redeemed', 'void', 'expired')", name=op.f('ck_voucher_status_known')),
    sa.ForeignKeyConstraint(['base_id'], ['service_base.id'], name=op.f('fk_voucher_base_id_service_base')),
    sa.ForeignKeyConstraint(['issued_by'], ['staff.id'], name=op.f('fk_voucher_issued_by_staff')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_voucher_member_id_member')),
    sa.ForeignKeyConstraint(['merchant_id'], ['merchant.id'], name=op.f('fk_voucher_merchant_id_merchant')),
    sa.ForeignKeyConstraint(['redeemed_by'], ['staff.id'], name=op.f('fk_voucher_redeemed_by_staff')),
    sa.ForeignKeyConstraint(['refund_entry_id'], ['points_entry.id'], name=op.f('fk_voucher_refund_entry_id_points_entry')),
    sa.ForeignKeyConstraint(['reward_id'], ['reward.id'], name=op.f('fk_voucher_reward_id_reward')),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlement.id'], name=op.f('fk_voucher_settlement_id_settlement')),
    sa.ForeignKeyConstraint(['spend_entry_id'], ['points_entry.id'], name=op.f('fk_voucher_spend_entry_id_points_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voucher')),
    sa.UniqueConstraint('refund_entry_id', name=op.f('uq_voucher_refund_entry_id')),
    sa.UniqueConstraint('spend_entry_id', name=op.f('uq_voucher_spend_entry_id'))
    )
    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.create_index('ix_voucher_member_id_issued_at', ['member_id', 'issued_at'], unique=False)
        batch_op.create_index('ix_voucher_merchant_id_redeemed_at', ['merchant_id', 'redeemed_at'], unique=False)
        batch_op.create_index('ix_voucher_status_expires_on', ['status', 'expires_on'], unique=False)

    with op.batch_alter_table('merchant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address', sa.String(length=120), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('contact_person', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('contact_phone', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('category', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('plaque_no', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('joined_on', sa.Date(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('merchant', schema=None) as batch_op:
        batch_op.drop_column('joined_on')
        batch_op.drop_column('plaque_no')
        batch_op.drop_column('category')
        batch_op.drop_column('contact_phone')
        batch_op.drop_column('contact_person')
        batch_op.drop_column('address')

    with op.batch_alter_table('voucher', schema=None) as batch_op:
        batch_op.drop_index('ix_voucher_status_expires_on')
        batch_op.drop_index('ix_voucher_merchant_id_redeemed_at')
        batch_op.drop_index('ix_voucher_member_id_issued_at')

    op.drop_table('voucher')
    op.drop_table('settlement')
    op.drop_table('reward')
