from __future__ import annotations

import sqlite3

import pytest

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from tests.loyalty_core.conftest import Shop


def test_pin_lockout_after_repeated_failures(shop: Shop) -> None:
    for remaining in (4, 3, 2, 1):
        with pytest.raises(LoyaltyError) as err:
            shop.loyalty.authenticate(code="1001", pin="9999")
        assert err.value.code == "pin.wrong" and err.value.params["remaining"] == remaining
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.authenticate(code="1001", pin="9999")
    assert err.value.code == "staff.locked"
    # Locked: even the right PIN is refused now.
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.authenticate(code="1001", pin="1234")
    assert err.value.code == "staff.locked"
    assert shop.loyalty.authenticate(code="1002", pin="2468")["role"] == "cashier"


def test_pin_is_stored_as_a_slow_hash(shop: Shop) -> None:
    con = sqlite3.connect(shop.store.path)
    hashes = [h for (h,) in con.execute("SELECT pin_hash FROM staff")]
    con.close()
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert not any("1234" in h for h in hashes)


def test_shift_open_once(shop: Shop) -> None:
    r = shop.loyalty.open_shift(new_id(), shop.cashier, 1_000_000)
    assert shop.loyalty.open_shift_id() == r["shift_id"]
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.open_shift(new_id(), shop.cashier, 0)
    assert err.value.code == "shift.already_open"


def test_an_old_database_gains_the_lockout_ladder(shop: Shop) -> None:
    con = sqlite3.connect(shop.store.path)
    cols = {r[1] for r in con.execute("PRAGMA table_info(staff)")}
    con.close()
    assert "lockouts" in cols
