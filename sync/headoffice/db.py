"""Engines and migrations for the head-office database (SQLite embedded, PostgreSQL production).

Dialect differences are kept here and in `dialect_insert`; the rest of the server writes one
set of Core statements for both.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from psycopg.types.array import ListBinaryDumper
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    String,
    Table,
    any_,
    bindparam,
    create_engine,
    event,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.sql.elements import ColumnElement

from loyalty_core.private_files import private_database
from loyalty_core.sqlite import sqlite_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(url: str) -> str:
    """Accept a bare path for SQLite and plain `postgresql://` for psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).resolve()}"
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            private_database(database)  # 0600 before SQLite creates it (and its -wal/-shm)
        # Deferred BEGIN: every write transaction's first statement is a write (the counter
        # lock), so the busy timeout applies instead of a failed read-to-write upgrade.
        return sqlite_engine(url, "BEGIN")
    engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)

    @event.listens_for(engine, "connect")
    def _binary_arrays(dbapi_conn: Any, _record: Any) -> None:
        # Lists go as binary arrays: the text form runs a quoting regex over every element,
        # about a fifth of a push batch's time at head office (a batch's card ids and columns
        # are arrays: `insert_many`'s unnest, `in_list`'s ANY).
        dbapi_conn.adapters.register_dumper(list, ListBinaryDumper)

    return engine


def is_postgres(engine_or_conn: Any) -> bool:
    return engine_or_conn.dialect.name == "postgresql"


@contextmanager
def unflushed(engine: Engine) -> Iterator[Connection]:
    """A write transaction whose commit does not wait for the disk, for rows a power cut may
    lose without harm: a signed request's nonce. Each request's nonce was its own fsync, half
    of a hold round trip's; now the request's own durable commit, which follows at once, takes
    the nonce to disk with it (one log for the whole database). Lost in a power cut, a nonce
    only lets the request it came with be sent once more, and every such request is idempotent
    by its operation or entry ids.

    PostgreSQL: `synchronous_commit` off for this transaction only. SQLite (WAL): `synchronous
    =NORMAL` on this connection for this transaction, FULL again before it goes back to the
    pool.
    """
    with engine.connect() as conn:
        if is_postgres(conn):
            with conn.begin():
                conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
                yield conn
            return
        # Straight to the driver, outside any transaction: SQLite refuses to change the safety
        # level inside one, and SQLAlchemy would begin one for a statement of its own.
        driver = conn.connection.driver_connection
        driver.execute("PRAGMA synchronous=NORMAL")
        try:
            with conn.begin():
                yield conn
        finally:
            driver.execute("PRAGMA synchronous=FULL")


def dialect_insert(dialect_name: str, table: Table) -> Any:
    """INSERT with ON CONFLICT support for the dialect in use."""
    if dialect_name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def insert_many(
    conn: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    conflict: Sequence[str] = (),
    add: Sequence[str] = (),
    replace: Sequence[str] = (),
    returning: str | None = None,
) -> list[Any]:
    """One multi-row INSERT .. ON CONFLICT for `rows` (all with the same keys), on both databases.

    On a conflict with `conflict` (the key columns; empty = any constraint, DO NOTHING), the
    columns in `add` are incremented by the new row's value and those in `replace` overwritten.
    Returns the `returning` column of the rows written.

    PostgreSQL gets `INSERT .. SELECT * FROM unnest(%s::type[], ..)`: one short statement with
    one array per column, whatever the row count. The multi-row VALUES form SQLAlchemy renders
    has a placeholder per value (15,000 for a push of 1,000 entries), which psycopg re-parses on
    every execution (too long for its statement cache) and PostgreSQL plans afresh: that was
    most of a push's time. SQLite keeps SQLAlchemy's own executemany (placeholders cost it
    nothing).
    """
    if not rows:
        return []
    names = list(rows[0])
    if is_postgres(conn):
        return _insert_many_pg(conn, table, rows, names, conflict, add, replace, returning)
    stmt = sqlite.insert(table)
    if add or replace:
        sets: dict[str, Any] = {c: table.c[c] + stmt.excluded[c] for c in add}
        sets.update({c: stmt.excluded[c] for c in replace})
        stmt = stmt.on_conflict_do_update(index_elements=[table.c[c] for c in conflict], set_=sets)
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=[table.c[c] for c in conflict] or None)
    if returning is None:
        conn.execute(stmt, list(rows))
        return []
    return [r[0] for r in conn.execute(stmt.returning(table.c[returning]), list(rows))]


def _insert_many_pg(
    conn: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    names: list[str],
    conflict: Sequence[str],
    add: Sequence[str],
    replace: Sequence[str],
    returning: str | None,
) -> list[Any]:
    def q(name: str) -> str:
        return conn.dialect.identifier_preparer.quote(name)

    def array_type(column: Column[Any]) -> str:
        # Strings as text[]: an explicit cast to varchar(n) would silently truncate, while the
        # assignment to the column raises on an over-long value as a VALUES insert does.
        if isinstance(column.type, String):
            return "text[]"
        return f"{column.type.compile(dialect=conn.dialect)}[]"

    cols = ", ".join(q(n) for n in names)
    arrays = ", ".join(f"%s::{array_type(table.c[n])}" for n in names)
    tname = q(table.name)
    sql = f"INSERT INTO {tname} ({cols}) SELECT * FROM unnest({arrays}) ON CONFLICT"
    if conflict:
        sql += f" ({', '.join(q(c) for c in conflict)})"
    if add or replace:
        sets = [f"{q(c)} = {tname}.{q(c)} + EXCLUDED.{q(c)}" for c in add]
        sets += [f"{q(c)} = EXCLUDED.{q(c)}" for c in replace]
        sql += " DO UPDATE SET " + ", ".join(sets)
    else:
        sql += " DO NOTHING"
    if returning is not None:
        sql += f" RETURNING {q(returning)}"
    params = tuple([row[n] for row in rows] for n in names)
    result = conn.exec_driver_sql(sql, params)
    return [r[0] for r in result] if returning is not None else []


def in_list(conn: Connection, column: Any, values: Sequence[Any]) -> ColumnElement[bool]:
    """`column IN (values)`; on PostgreSQL `column = ANY(array)`, one parameter for them all."""
    if is_postgres(conn):
        return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(column.type)))
    return column.in_(list(values))


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migrate(engine: Engine) -> bool:
    """Upgrade to head; True when anything ran. Called by `serve` and `migrate` alike."""
    cfg = alembic_config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return False
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True
