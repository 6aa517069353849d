"""A till's open shift is its own: the store's other tills' shifts arrive by pull, open too."""

from __future__ import annotations

from pathlib import Path

from loyalty_core import rawsql
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests.sync.conftest import HeadOfficeEnv, Till, make_till, open_counter


def test_a_till_opens_its_own_shift_beside_pulled_open_shifts(
    tmp_path: Path, two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, b = two_tills
    for till in (a, b):
        till.worker.sync_once()
    c = make_till(tmp_path, "till-c", head_office)
    try:
        c.worker.sync_once()  # A's and B's open shifts are now held here as well
        with c.store.read() as s:
            held_open = rawsql.scalar(s, "SELECT count(*) FROM shifts WHERE closed_at IS NULL")
        assert held_open == 2
        mine = open_counter(c)  # was refused: shift.already_open (someone else's)
        card = c.loyalty.issue_card(new_id(), c.cashier, "prepaid", activate=True)
        c.loyalty.top_up(new_id(), c.cashier, card["number"], 100_000)
        c.worker.sync_once()
        assert head_office.ho.balance(card["id"], "stored_value") == 100_000
        assert c.loyalty.open_shift_id() == mine
        for till in (a, b, c):
            till.worker.sync_once()
        assert verify_store(c.store) == [] and verify_store(a.store) == []
    finally:
        c.close()
