"""Storage layer: fixed statements for the busiest writes, sent straight to the database driver.

SQLAlchemy's execution path costs ≈ 90 µs a statement on a desk PC — more than SQLite needs to run a keyed
UPDATE. A check-in, a booking, a points spend or a redemption runs five to eight fixed statements, so that cost
alone made them three to five times slower than the same SQL sent by hand. A `Prepared` statement is compiled by
SQLAlchemy once per dialect — the SQL text, the parameter order and every column type's conversion stay
SQLAlchemy's own — and then runs on the driver cursor of the connection the transaction already holds, so it
commits or rolls back with everything else in that transaction.

Only fixed statements qualify: the parameters are plain values (a constant IN list is written as literal SQL),
and driver errors come back as SQLAlchemy's exceptions, so `translate_errors` treats them as usual.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement

Processor = Callable[[Any], Any]


@dataclass
class _Compiled:
    sql: str
    positional: tuple[str, ...] | None  # parameter names in order (qmark/format drivers); None: by name
    fixed: dict[str, Any]  # the statement's own values (literals, constant IN lists)
    binds: tuple[tuple[str, Processor], ...]  # converters of parameters whose type needs one
    row: Any  # the namedtuple class of a result row, or None
    column_types: tuple[Any, ...]
    results: tuple[Processor | None, ...] | None = None  # from the first result's description


class Result:
    """Rows (named tuples) and the row count of one execution."""

    __slots__ = ("rowcount", "rows")

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self.rows = rows
        self.rowcount = rowcount

    def first(self) -> Any:
        return self.rows[0] if self.rows else None

    def one(self) -> Any:
        if len(self.rows) != 1:
            raise sa_exc.NoResultFound("expected exactly one row") if not self.rows else \
                sa_exc.MultipleResultsFound("expected exactly one row")
        return self.rows[0]


class Prepared:
    """A fixed Core statement (select, insert, update, each with or without RETURNING) run on the driver."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._by_dialect: dict[Dialect, _Compiled] = {}  # one engine's dialect each

    def run(self, where: Connection | Session, params: Mapping[str, Any] | None = None) -> Result:
        conn = where.connection() if isinstance(where, Session) else where
        dialect = conn.dialect
        compiled = self._by_dialect.get(dialect)
        if compiled is None:
            compiled = self._by_dialect[dialect] = _compile(self.statement, dialect)
        values = {**compiled.fixed, **params} if params else dict(compiled.fixed)
        for name, convert in compiled.binds:
            values[name] = convert(values[name])
        args: Sequence[Any] | Mapping[str, Any] = (
            tuple(values[name] for name in compiled.positional) if compiled.positional is not None else values)
        cursor = _execute(conn, compiled.sql, args)
        try:
            described = cursor.description
            rows = cursor.fetchall() if described is not None else []
            rowcount = cursor.rowcount
        except dialect.loaded_dbapi.Error as error:
            raise _as_sqlalchemy_error(dialect, compiled.sql, args, error) from error
        finally:
            cursor.close()
        if compiled.row is None:
            return Result([], rowcount)
        if compiled.results is None:
            compiled.results = tuple(
                type_.dialect_impl(dialect).result_processor(dialect, column[1])
                for type_, column in zip(compiled.column_types, described or (), strict=True))
        processors = compiled.results
        make = compiled.row._make
        if any(processors):
            rows = [make([value if p is None else p(value) for p, value in zip(processors, row, strict=True)])
                    for row in rows]
        else:
            rows = [make(row) for row in rows]
        return Result(rows, rowcount)


def run_driver_sql(conn: Connection, sql: str) -> None:
    """One fixed SQL text without parameters (a BEGIN) on the driver, errors as SQLAlchemy's."""
    _execute(conn, sql, ()).close()


def _execute(conn: Connection, sql: str, args: Sequence[Any] | Mapping[str, Any]) -> Any:
    """A driver cursor that has run `sql` (plain code, no context manager: this runs for every statement)."""
    dbapi = conn.connection.driver_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        cursor.execute(sql, args)
    except conn.dialect.loaded_dbapi.Error as error:
        cursor.close()
        raise _as_sqlalchemy_error(conn.dialect, sql, args, error) from error
    return cursor


def _as_sqlalchemy_error(dialect: Dialect, sql: str, args: Sequence[Any] | Mapping[str, Any],
                         error: Exception) -> sa_exc.StatementError:
    """The exception `Connection.execute` would have raised (OperationalError for a locked database, ...)."""
    return sa_exc.DBAPIError.instance(sql, args, error, dialect.loaded_dbapi.Error, dialect=dialect)


def _compile(statement: ClauseElement, dialect: Dialect) -> _Compiled:
    compiled: Any = statement.compile(dialect=dialect)
    fixed: dict[str, Any] = {}
    binds: list[tuple[str, Processor]] = []
    for name, bind in compiled.binds.items():
        if bind.expanding:  # write a constant list as literal_column values instead
            raise ValueError(f"{statement}: an IN parameter is not a fixed statement")
        if not bind.required:  # a value the statement carries itself (a literal in the expression)
            fixed[name] = bind.effective_value
        convert = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if convert is not None:
            binds.append((name, convert))
    columns = list(getattr(statement, "exported_columns", ()))
    row = namedtuple("Row", [c.key for c in columns], rename=True) if columns else None
    positional = tuple(compiled.positiontup) if compiled.positional else None
    return _Compiled(compiled.string, positional, fixed, tuple(binds), row, tuple(c.type for c in columns))
