from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from loyalty_core.engine import Loyalty
from loyalty_core.ids import new_id
from loyalty_core.models import RuleVersion, Tier
from loyalty_core.rules import DEFAULT_RULES
from loyalty_core.store import Store


@dataclass
class Shop:
    store: Store
    loyalty: Loyalty
    cashier: str
    cashier2: str
    supervisor: str
    tiers: dict[str, str]


def make_shop(path: Path) -> Shop:
    store = Store.open(path)
    loyalty = Loyalty(store)
    tiers: dict[str, str] = {}
    with store.write() as s:
        s.add(
            RuleVersion(
                version=1, effective_from="2020-01-01T00:00:00.000000Z", rules=dict(DEFAULT_RULES)
            )
        )
        for code, name, rank, threshold, mult, disc in (
            ("member", "Thành viên", 1, 0, 100, 0),
            ("silver", "Bạc", 2, 5_000_000, 110, 200),
            ("gold", "Vàng", 3, 20_000_000, 150, 500),
        ):
            tiers[code] = new_id()
            s.add(
                Tier(
                    id=tiers[code],
                    code=code,
                    name=name,
                    rank=rank,
                    threshold=threshold,
                    earn_multiplier_pct=mult,
                    discount_bp=disc,
                )
            )
    return Shop(
        store,
        loyalty,
        loyalty.add_staff("1001", "Nguyễn Thị Lan", "cashier", "1234"),
        loyalty.add_staff("1002", "Lê Hoàng Nam", "cashier", "2468"),
        loyalty.add_staff(
            "2001", "Trần Văn Minh", "supervisor", "5678", card_number="7700000020016"
        ),
        tiers,
    )


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Shop]:
    s = make_shop(tmp_path / "till.sqlite3")
    yield s
    s.store.close()
