"""Opening a till database.

One place sets what money needs from SQLite: WAL (readers never block the counter),
`synchronous=FULL` (a committed sale survives a power cut), foreign keys, and `BEGIN IMMEDIATE`
for writes so two writers queue at the start instead of failing half-way. Reads use a second
engine with plain deferred transactions so the sync worker and the UI never take the write lock
just to look.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from loyalty_core import rawsql
from loyalty_core.ids import new_id
from loyalty_core.models import Setting
from loyalty_core.private_files import private_database
from loyalty_core.sqlite import sqlite_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def readonly_engine(path: str | Path) -> Engine:
    """An engine that can only read an existing database: never creates, never migrates.

    SQLite's URI `mode=ro` refuses writes at the file level, and `query_only` at the statement
    level; a missing file is a FileNotFoundError, not a new empty database. Every session runs
    in one read transaction so what it checks is one consistent snapshot.
    """
    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(f"no till database at {file}")
    uri = f"file:{quote(str(file.resolve()))}?mode=ro"

    def connect() -> sqlite3.Connection:
        con = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
        con.isolation_level = None
        con.execute("PRAGMA query_only=ON")
        return con

    engine = create_engine("sqlite://", creator=connect, hide_parameters=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.connection.dbapi_connection.execute("BEGIN")

    return engine


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migrate(engine: Engine) -> bool:
    """Upgrade to head; returns True when anything was applied."""
    cfg = alembic_config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == head:
        return False
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True


class Store:
    """A till database: its engines, its till id, and session helpers."""

    def __init__(self, path: str | Path, till_id: str | None = None) -> None:
        self.path = str(path)
        private_database(self.path)  # 0600 before SQLite creates it (and its -wal/-shm)
        self.write_engine = sqlite_engine(f"sqlite:///{self.path}", "BEGIN IMMEDIATE")
        self.read_engine = sqlite_engine(f"sqlite:///{self.path}", "BEGIN")
        migrate(self.write_engine)
        self._idle: list[tuple[Connection, Session]] = []  # see `write`
        self._reader = sessionmaker(self.read_engine, expire_on_commit=False)
        self.till_id = self._ensure_till_id(till_id)

    @classmethod
    def open(cls, path: str | Path, till_id: str | None = None) -> Store:
        return cls(path, till_id)

    def _ensure_till_id(self, wanted: str | None) -> str:
        with self.write() as s:
            row = s.get(Setting, "till_id")
            if row is not None:
                if wanted is not None and wanted != row.value:
                    # Re-identifying a till would fork its hash chain: refuse loudly.
                    raise ValueError(f"database belongs to till {row.value}, not {wanted}")
                return row.value
            till_id = wanted or new_id()
            s.add(Setting(key="till_id", value=till_id))
            return till_id

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One atomic write transaction (BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error).

        Every operation is one of these, so its fixed cost is on the checkout's path: a pooled
        connection checked out and in, a Session made and closed cost more CPU than the
        checkout's own statements. So the write side keeps its (connection, Session) pairs: a
        writer takes an idle pair (or opens one), joins the Session to a transaction on that
        connection, and hands the pair back after COMMIT or ROLLBACK. As many pairs exist as
        writers ever ran at once; SQLite's write lock still serialises them.
        """
        try:
            conn, session = self._idle.pop()
        except IndexError:
            conn = self.write_engine.connect()
            session = Session(bind=conn, expire_on_commit=False)
        done = False
        try:
            transaction = conn.begin()
            session.info[rawsql.DRIVER] = conn.connection.driver_connection
            try:
                yield session
                session.flush()
                transaction.commit()
            except BaseException:
                transaction.rollback()
                raise
            finally:
                session.close()  # a fresh identity map for the next transaction
                session.info.clear()  # and no cached rules or connection from this one
            done = True
        finally:
            if done or (not conn.invalidated and not conn.in_transaction()):
                self._idle.append((conn, session))
            else:
                conn.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session, session.begin():
            yield session

    def setting(self, key: str, default: str | None = None) -> str | None:
        with self.read() as s:
            value = s.scalar(select(Setting.value).where(Setting.key == key))
            return default if value is None else value

    def close(self) -> None:
        while self._idle:
            self._idle.pop()[0].close()
        self.write_engine.dispose()
        self.read_engine.dispose()
