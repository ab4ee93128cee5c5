"""Storage layer: SQLAlchemy models, the engine with its pragmas, migrations, backups and read queries."""
