"""红色积分: members with a guarded stored balance, the append-only points ledger, service projects and claims.
People who already had a member number become members with a zero balance.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.storage.types

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('base_id', sa.Integer(), nullable=False),
    sa.Column('balance', sa.Integer(), nullable=False),
    sa.Column('joined_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('joined_by', sa.Integer(), nullable=True),
    sa.CheckConstraint('balance >= 0', name=op.f('ck_member_balance_not_negative')),
    sa.ForeignKeyConstraint(['base_id'], ['service_base.id'], name=op.f('fk_member_base_id_service_base')),
    sa.ForeignKeyConstraint(['joined_by'], ['staff.id'], name=op.f('fk_member_joined_by_staff')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_member_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member')),
    sa.UniqueConstraint('person_id', name=op.f('uq_member_person_id'))
    )
    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('base_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=60), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('location', sa.String(length=60), nullable=False),
    sa.Column('starts_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('signup_deadline', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('slots', sa.Integer(), nullable=False),
    sa.Column('claimed', sa.Integer(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=True),
    sa.Column('points_per_hour', sa.Integer(), nullable=True),
    sa.Column('max_hours', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('created_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('volunteer', 'activity', 'training', 'grid_report')", name=op.f('ck_project_kind_known')),
    sa.CheckConstraint("status IN ('open', 'closed', 'finished')", name=op.f('ck_project_status_known')),
    sa.CheckConstraint('(points IS NULL OR points > 0) AND (points_per_hour IS NULL OR points_per_hour > 0) AND (max_hours IS NULL OR max_hours > 0)', name=op.f('ck_project_positive')),
    sa.CheckConstraint('(points IS NULL) <> (points_per_hour IS NULL)', name=op.f('ck_project_one_way_to_count')),
    sa.CheckConstraint('(points_per_hour IS NULL) = (max_hours IS NULL)', name=op.f('ck_project_hours_capped')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_project_ends_after_starts')),
    sa.CheckConstraint('slots >= 1 AND claimed >= 0 AND claimed <= slots', name=op.f('ck_project_slots')),
    sa.ForeignKeyConstraint(['base_id'], ['service_base.id'], name=op.f('fk_project_base_id_service_base')),
    sa.ForeignKeyConstraint(['created_by'], ['staff.id'], name=op.f('fk_project_created_by_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project'))
    )
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.create_index('ix_project_base_id_starts_at', ['base_id', 'starts_at'], unique=False)

    op.create_table('points_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('reason', sa.String(length=120), nullable=False),
    sa.Column('ref_kind', sa.String(length=12), nullable=False),
    sa.Column('ref_id', sa.Integer(), nullable=True),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('balance_after', sa.Integer(), nullable=False),
    sa.Column('expires_at', desk.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('idem_key', sa.String(length=64), nullable=False),
    sa.CheckConstraint("(kind = 'reverse') = (reverses_id IS NOT NULL)", name=op.f('ck_points_entry_reverse_iff_reverses')),
    sa.CheckConstraint("kind IN ('earn', 'spend', 'refund', 'adjust', 'expire', 'reverse')", name=op.f('ck_points_entry_kind_known')),
    sa.CheckConstraint("kind NOT IN ('earn', 'refund') OR amount > 0", name=op.f('ck_points_entry_credit_positive')),
    sa.CheckConstraint("kind NOT IN ('spend', 'expire') OR amount < 0", name=op.f('ck_points_entry_debit_negative')),
    sa.CheckConstraint('amount <> 0', name=op.f('ck_points_entry_amount_not_zero')),
    sa.CheckConstraint('balance_after >= 0', name=op.f('ck_points_entry_balance_after_not_negative')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_points_entry_member_id_member')),
    sa.ForeignKeyConstraint(['reverses_id'], ['points_entry.id'], name=op.f('fk_points_entry_reverses_id_points_entry')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_points_entry_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_points_entry')),
    sa.UniqueConstraint('idem_key', name=op.f('uq_points_entry_idem_key')),
    sa.UniqueConstraint('reverses_id', name=op.f('uq_points_entry_reverses_id'))
    )
    with op.batch_alter_table('points_entry', schema=None) as batch_op:
        batch_op.create_index('ix_points_entry_at', ['at'], unique=False)
        batch_op.create_index('ix_points_entry_member_id_id', ['member_id', 'id'], unique=False)

    op.create_table('project_claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('claimed_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.Integer(), nullable=True),
    sa.Column('finished_at', desk.storage.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('finished_by', sa.Integer(), nullable=True),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("(state = 'completed') = (entry_id IS NOT NULL)", name=op.f('ck_project_claim_completed_iff_credited')),
    sa.CheckConstraint("state IN ('claimed', 'cancelled', 'completed', 'absent')", name=op.f('ck_project_claim_state_known')),
    sa.ForeignKeyConstraint(['claimed_by'], ['staff.id'], name=op.f('fk_project_claim_claimed_by_staff')),
    sa.ForeignKeyConstraint(['entry_id'], ['points_entry.id'], name=op.f('fk_project_claim_entry_id_points_entry')),
    sa.ForeignKeyConstraint(['finished_by'], ['staff.id'], name=op.f('fk_project_claim_finished_by_staff')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_project_claim_member_id_member')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_claim_project_id_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_claim')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_project_claim_entry_id')),
    sa.UniqueConstraint('project_id', 'member_id', name=op.f('uq_project_claim_project_id'))
    )
    with op.batch_alter_table('project_claim', schema=None) as batch_op:
        batch_op.create_index('ix_project_claim_member_id_claimed_at', ['member_id', 'claimed_at'], unique=False)

    op.execute("INSERT INTO member (person_id, base_id, balance, joined_at) "
               "SELECT p.id, (SELECT min(id) FROM service_base), 0, p.created_at FROM person p "
               "WHERE p.member_no IS NOT NULL AND EXISTS (SELECT 1 FROM service_base)")


def downgrade() -> None:
    with op.batch_alter_table('project_claim', schema=None) as batch_op:
        batch_op.drop_index('ix_project_claim_member_id_claimed_at')

    op.drop_table('project_claim')
    with op.batch_alter_table('points_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_points_entry_member_id_id')
        batch_op.drop_index('ix_points_entry_at')

    op.drop_table('points_entry')
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_index('ix_project_base_id_starts_at')

    op.drop_table('project')
    op.drop_table('member')
