"""What every head-office service module shares: the engine, the clock, errors, the counter lock.

Concurrency model: every write transaction starts by updating the single `counters` row. On
PostgreSQL that row lock queues writers; on SQLite the first write takes the database lock. So
ingest sequence numbers are handed out in commit order, and a reader that has seen sequence N
has seen everything below it: a pull cursor can never step over an entry still being written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Table, update

from loyalty_core.ids import iso_utc, utcnow
from sync.headoffice import schema as t
from sync.headoffice.db import dialect_insert, is_postgres


class ServiceError(Exception):
    """A refusal with an HTTP status and a stable code the till can act on."""

    def __init__(self, status: int, code: str, detail: Any = None) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail


@dataclass(frozen=True)


class TillIdentity:
    id: str
    store_id: str


@dataclass


class Context:
    """One head office's engine and settings, handed to every service function."""

    engine: Engine
    reservation_ttl: timedelta = timedelta(minutes=5)
    confirmed_ttl: timedelta = timedelta(days=2)
    clock: Callable[[], datetime] = utcnow
    # Derives every till's secret (services/tillsecrets.py); never stored in the database.
    master_key: bytes = field(default=b"", repr=False)
    dialect: str = field(init=False)

    def __post_init__(self) -> None:
        self.dialect = self.engine.dialect.name

    def insert(self, table: Table) -> Any:
        return dialect_insert(self.dialect, table)

    def now(self) -> str:
        return iso_utc(self.clock())

    def read(self) -> Connection:
        """A read-only connection with one snapshot for all of its statements."""
        conn = self.engine.connect()
        if is_postgres(conn):
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        return conn


def take_counter(conn: Connection, n: int) -> int:
    """Lock the counter row and reserve `n` values; returns the first reserved value."""
    new = conn.execute(
        update(t.counters)
        .where(t.counters.c.name == "change")
        .values(value=t.counters.c.value + n)
        .returning(t.counters.c.value)
    ).scalar_one()
    return int(new) - n + 1
