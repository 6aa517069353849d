"""A demo-seeded till shared by the reliability tests of one module (seeding takes a second)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from loyalty_core.demo import seed_demo
from loyalty_core.engine import Loyalty
from loyalty_core.models import Card, JournalEntry, Member, Operation, Voucher
from loyalty_core.store import Store

DEMO_PINS = {"1001": "1234", "1002": "2468", "2001": "5678", "3001": "9999"}


@dataclass
class DemoTill:
    store: Store
    loyalty: Loyalty
    cards: dict[str, Any]
    staff: dict[str, str]  # staff code -> staff id

    def snapshot(self) -> tuple[int, ...]:
        """Row counts a refused call must leave exactly as they were."""
        with self.store.read() as s:
            return tuple(
                int(s.scalar(select(func.count()).select_from(model)) or 0)
                for model in (JournalEntry, Operation, Member, Card, Voucher)
            )

    def kinds_since(self, count: int) -> list[str]:
        """Kinds of the journal entries written after the first `count`, in the order written."""
        with self.store.read() as s:
            rows = s.execute(
                text("SELECT kind FROM journal ORDER BY rowid LIMIT -1 OFFSET :n"), {"n": count}
            )
            return [str(r[0]) for r in rows]


def open_demo(path: Path) -> DemoTill:
    store = Store.open(path)
    cards = seed_demo(store)
    loyalty = Loyalty(store)
    staff = {
        code: loyalty.authenticate(code=code, pin=pin)["id"] for code, pin in DEMO_PINS.items()
    }
    return DemoTill(store, loyalty, cards, staff)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoTill]:
    till = open_demo(tmp_path_factory.mktemp("demo") / "till.sqlite3")
    yield till
    till.store.close()


@pytest.fixture
def fresh_demo(tmp_path: Path) -> Iterator[DemoTill]:
    """A till of its own, for tests that lock accounts or tamper with the database."""
    till = open_demo(tmp_path / "till.sqlite3")
    yield till
    till.store.close()
