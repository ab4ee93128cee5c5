"""The audit trail keeps its primary key only: the log is read by `seq` (keyset paging, `desk check`), and no
query looks events up by time or by action, while every audited write — a check-in, a booking, a redemption —
paid for both indexes in its commit. A future filter by time or action brings back the index it needs.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_audit_event_action', table_name='audit_event')
    op.drop_index('ix_audit_event_at', table_name='audit_event')


def downgrade() -> None:
    op.create_index('ix_audit_event_at', 'audit_event', ['at'], unique=False)
    op.create_index('ix_audit_event_action', 'audit_event', ['action'], unique=False)
