"""The write side keeps its (connection, Session) pairs between transactions (`Store.write`):
each transaction must still start clean, and a failed one must leave nothing behind."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from loyalty_core import rawsql
from loyalty_core.models import Setting
from loyalty_core.store import Store


def test_a_kept_session_starts_every_transaction_clean(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "till.sqlite3")
    with store.write() as s:
        s.info["loyalty.rules"] = "cached in this transaction only"
        s.add(Setting(key="a", value="1"))
        first = s
    with store.write() as s:
        assert s is first  # the pair was kept ...
        assert "loyalty.rules" not in s.info  # ... but nothing cached crosses transactions
        assert len(s.identity_map) == 0
        assert s.scalar(select(Setting.value).where(Setting.key == "a")) == "1"
    with pytest.raises(RuntimeError), store.write() as s:
        s.add(Setting(key="b", value="2"))
        rawsql.run(s, "UPDATE settings SET value = '9' WHERE key = 'a'")
        raise RuntimeError("refused half-way")
    with store.write() as s:  # rolled back whole, and the pair still works
        assert s.scalar(select(Setting.value).where(Setting.key == "a")) == "1"
        assert s.get(Setting, "b") is None
    store.close()


def test_concurrent_writers_each_get_their_own_pair(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "till.sqlite3")
    seen: list[int] = []
    errors: list[BaseException] = []

    def writer(i: int) -> None:
        try:
            for j in range(20):
                with store.write() as s:
                    s.add(Setting(key=f"w{i}-{j}", value=str(j)))
                    seen.append(id(s))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with store.read() as s:
        assert len(s.scalars(select(Setting.key).where(Setting.key.like("w%"))).all()) == 80
    assert len(set(seen)) <= 4  # never more pairs than writers at once
    store.close()
    assert store._idle == []
