"""`db.unflushed`: a nonce's commit skips the disk flush, and nothing else ever does."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text

from sync.headoffice import schema as t
from sync.headoffice.db import is_postgres, make_engine, migrate, unflushed


def _durability(conn: Connection) -> str:
    if is_postgres(conn):
        return str(conn.exec_driver_sql("SHOW synchronous_commit").scalar_one())
    return str(conn.connection.driver_connection.execute("PRAGMA synchronous").fetchone()[0])


def test_only_the_nonce_transaction_skips_the_flush(ho_db_url: str) -> None:
    engine = make_engine(ho_db_url)
    migrate(engine)
    # One pooled connection, so the connection the nonce used is the one asked afterwards.
    engine.pool.dispose()
    durable = "on" if engine.dialect.name == "postgresql" else "2"  # 2 = FULL
    with unflushed(engine) as conn:
        assert _durability(conn) == ("off" if is_postgres(conn) else "1")  # 1 = NORMAL
        conn.execute(t.nonces.insert().values(till_id="till-x", nonce="n-1", seen_at=1))
    with pytest.raises(RuntimeError), unflushed(engine) as conn:
        conn.execute(t.nonces.insert().values(till_id="till-x", nonce="n-2", seen_at=1))
        raise RuntimeError("the request failed after its nonce")
    with engine.connect() as conn:
        assert _durability(conn) == durable
        kept = conn.execute(text("SELECT nonce FROM nonces WHERE till_id = 'till-x'")).all()
    assert [r[0] for r in kept] == ["n-1"]  # the first committed, the second rolled back
    engine.dispose()
