"""Reports: the figures of closed days kept per base (`report_day`), the triggers that forget a day whenever a
visit, booking or ledger entry of it changes, and each project's completions counted from an index.

The triggers are the only thing that keeps `report_day` exact, so they live in the database, where every writer
(services, the demo, a test inserting rows by hand) passes them. SQLite drops a table's triggers with the table:
a later migration that rebuilds `visit`, `booking`, `points_entry`, `unit`, `facility` or `member` in batch mode
must create that table's triggers again (tests/unit/test_report_days.py fails otherwise).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desk.storage.types

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# table → (the columns whose change alters a day's figures, the days a row touches as a condition on
# report_day, with R standing for OLD or NEW). An empty column list: any change of those rows forgets every day.
_AT = "report_day.ends_at > R.{0} AND report_day.starts_at <= R.{0}"
_WATCHED = {
    "visit": (("base_id", "category", "purpose", "party_size", "platform", "station_services", "checked_in_at"),
              _AT.format("checked_in_at")),
    # A booking counts on the day it starts and its hours on every day it overlaps.
    "booking": (("unit_id", "state", "starts_at", "ends_at", "checked_in_at", "finished_at"),
                "report_day.ends_at > R.starts_at AND report_day.starts_at < R.ends_at"),
    "points_entry": (("member_id", "kind", "amount", "at"), _AT.format("at")),
}
# Moving a unit to another facility, or a facility or member to another base: rare enough to forget everything.
_MOVED = {"unit": "facility_id", "facility": "base_id", "member": "base_id"}


def upgrade() -> None:
    op.create_table('report_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('base_id', sa.Integer(), nullable=False),
    sa.Column('zone', sa.String(length=40), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('starts_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', desk.storage.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('figures', sa.Text(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_report_day_ends_after_starts')),
    sa.ForeignKeyConstraint(['base_id'], ['service_base.id'], name=op.f('fk_report_day_base_id_service_base'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_day')),
    sa.UniqueConstraint('base_id', 'zone', 'day', name=op.f('uq_report_day_base_id'))
    )
    with op.batch_alter_table('report_day', schema=None) as batch_op:
        batch_op.create_index('ix_report_day_ends_at', ['ends_at'], unique=False)
    with op.batch_alter_table('project_claim', schema=None) as batch_op:
        batch_op.create_index('ix_project_claim_project_id_state', ['project_id', 'state'], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        _sqlite_triggers()
    else:
        _postgresql_triggers()


def _sqlite_triggers() -> None:
    for table, (columns, touches) in _WATCHED.items():
        old, new = touches.replace("R.", "OLD."), touches.replace("R.", "NEW.")
        op.execute(f"CREATE TRIGGER report_day_{table}_inserted AFTER INSERT ON {table} "
                   f"BEGIN DELETE FROM report_day WHERE {new}; END")
        op.execute(f"CREATE TRIGGER report_day_{table}_updated AFTER UPDATE OF {', '.join(columns)} ON {table} "
                   f"BEGIN DELETE FROM report_day WHERE ({old}) OR ({new}); END")
        op.execute(f"CREATE TRIGGER report_day_{table}_deleted AFTER DELETE ON {table} "
                   f"BEGIN DELETE FROM report_day WHERE {old}; END")
    for table, column in _MOVED.items():
        op.execute(f"CREATE TRIGGER report_day_{table}_moved AFTER UPDATE OF {column} ON {table} "
                   f"WHEN OLD.{column} IS NOT NEW.{column} BEGIN DELETE FROM report_day; END")


def _postgresql_triggers() -> None:
    for table, (columns, touches) in _WATCHED.items():
        old, new = touches.replace("R.", "OLD."), touches.replace("R.", "NEW.")
        op.execute(f"""CREATE FUNCTION report_day_forget_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM report_day WHERE {old};
    END IF;
    IF TG_OP <> 'DELETE' THEN
        DELETE FROM report_day WHERE {new};
    END IF;
    RETURN NULL;
END $$""")
        op.execute(f"CREATE TRIGGER report_day_{table} AFTER INSERT OR DELETE OR UPDATE OF {', '.join(columns)} "
                   f"ON {table} FOR EACH ROW EXECUTE FUNCTION report_day_forget_{table}()")
    op.execute("""CREATE FUNCTION report_day_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM report_day;
    RETURN NULL;
END $$""")
    for table, column in _MOVED.items():
        op.execute(f"CREATE TRIGGER report_day_{table}_moved AFTER UPDATE OF {column} ON {table} FOR EACH ROW "
                   f"WHEN (OLD.{column} IS DISTINCT FROM NEW.{column}) EXECUTE FUNCTION report_day_forget_all()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in _WATCHED:
            for event in ("inserted", "updated", "deleted"):
                op.execute(f"DROP TRIGGER report_day_{table}_{event}")
        for table in _MOVED:
            op.execute(f"DROP TRIGGER report_day_{table}_moved")
    else:
        for table in _WATCHED:
            op.execute(f"DROP TRIGGER report_day_{table} ON {table}")
            op.execute(f"DROP FUNCTION report_day_forget_{table}()")
        for table in _MOVED:
            op.execute(f"DROP TRIGGER report_day_{table}_moved ON {table}")
        op.execute("DROP FUNCTION report_day_forget_all()")

    with op.batch_alter_table('project_claim', schema=None) as batch_op:
        batch_op.drop_index('ix_project_claim_project_id_state')
    with op.batch_alter_table('report_day', schema=None) as batch_op:
        batch_op.drop_index('ix_report_day_ends_at')
    op.drop_table('report_day')
