"""Alembic environment: batch mode for SQLite, the models' naming convention, type comparison on."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from desk.storage.models import Model

config = context.config
target_metadata = Model.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    from desk.storage.engine import Database
    from desk.storage.location import resolve

    database = Database(resolve(), create=True)
    try:
        with database.engine.connect() as conn:
            _configure(conn)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        database.dispose()


if context.is_offline_mode():
    raise SystemExit("desk migrations run online only")
run_online()
