from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from loyalty_core.models import Base
from loyalty_core.store import Store, alembic_config


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "till.sqlite3")
    with store.write_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    store.close()
    assert diff == []


def test_opening_an_older_database_upgrades_it(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    store = Store.open(path)
    till = store.till_id
    store.close()
    # Take it back to an empty schema as an older release would have left it, keep a setting.
    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    engine.dispose()
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert "journal" not in tables
    store = Store.open(path)
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    mode = con.execute("PRAGMA journal_mode").fetchone()[0]
    con.close()
    assert {"journal", "balances", "cards", "members"} <= tables
    assert mode == "wal"
    assert store.till_id != till  # the settings went with the downgrade; a new id is made
    store.close()


def test_pragmas_per_connection(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "till.sqlite3")
    with store.write_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()
