"""The till's hot path in plain sqlite3 statements, inside the session's own transaction.

A checkout runs some thirty statements; through the ORM each costs about 100 µs here, through
the driver about 2 µs (`make bench` keeps the ratio against raw sqlite3 honest). So the
statements a checkout always runs go straight to the DB-API connection of the session's
transaction. Pending ORM changes are flushed first, so both paths see the same rows; rows
changed here that the ORM may hold as objects are only the cached derived tables (balances,
lots, sales), which the query layer reads back by column, never as ORM objects.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from sqlalchemy.orm import Session

_CONN = "rawsql.conn"
# Set by `Store.write` for the length of its transaction: the session is bound to one
# connection there, so its driver connection is known without asking the Session.
DRIVER = "rawsql.driver"


def conn(session: Session) -> sqlite3.Connection:
    """The DB-API connection of the session's transaction, looked up once per transaction.

    `Session.connection()` costs ~50 µs a call and a checkout asks about twenty times; the
    connection is remembered beside the transaction it belongs to, so a later transaction of the
    same session (or a rollback) looks it up afresh.
    """
    if not session._is_clean():  # public `new`/`dirty` build sets: too slow per statement
        session.flush()
    driver = session.info.get(DRIVER)
    if driver is not None:
        return driver  # type: ignore[no-any-return]
    transaction = session.get_transaction()
    cached = session.info.get(_CONN)
    if cached is not None and transaction is not None and cached[0] is transaction:
        return cached[1]  # type: ignore[no-any-return]
    driver = session.connection().connection.driver_connection
    session.info[_CONN] = (session.get_transaction(), driver)
    return driver  # type: ignore[return-value]


def rows(session: Session, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return conn(session).execute(sql, params).fetchall()


def one(session: Session, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    return conn(session).execute(sql, params).fetchone()


def scalar(session: Session, sql: str, params: tuple[Any, ...] = ()) -> Any:
    row = one(session, sql, params)
    return None if row is None else row[0]


def run(session: Session, sql: str, params: tuple[Any, ...] = ()) -> int:
    return conn(session).execute(sql, params).rowcount


def as_json(value: Any) -> str | None:
    """The same text SQLAlchemy's JSON type writes, so ORM reads parse it identically."""
    return None if value is None else json.dumps(value)
