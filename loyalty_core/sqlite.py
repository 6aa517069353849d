"""The one SQLite engine set-up for money, shared by the till's store and head office.

Its own module so head office can use it without importing the till's store (its ORM models,
migrations and sessions): head office depends on pure `loyalty_core` helpers only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event


def sqlite_engine(url: str, begin: str = "BEGIN IMMEDIATE") -> Engine:
    """A SQLite engine set up for money: WAL, synchronous=FULL, foreign keys, a busy timeout,
    and `begin` issued by us (pysqlite would defer it). Shared by the till and head office.

    hide_parameters: card numbers and PIN hashes never reach a log through SQLAlchemy's echo.
    """
    engine = create_engine(
        url,
        connect_args={"timeout": 30, "check_same_thread": False},
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Straight to the driver: this runs on every operation, and exec_driver_sql's own
        # bookkeeping costs more than the statement.
        conn.connection.dbapi_connection.execute(begin)

    return engine
