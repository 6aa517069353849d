from __future__ import annotations

import sqlite3

import pytest

from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop


def _member(shop: Shop) -> str:
    return shop.loyalty.enroll_member(new_id(), shop.cashier, "Võ Thị Mai")["card_number"]


def test_journal_refuses_update_and_delete(shop: Shop) -> None:
    _member(shop)
    con = sqlite3.connect(shop.store.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("UPDATE journal SET amount = amount + 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("DELETE FROM journal")
    con.close()


def test_sequence_and_hash_chain(shop: Shop) -> None:
    card = _member(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 300_000)
    con = sqlite3.connect(shop.store.path)
    rows = con.execute("SELECT seq, prev_hash, hash FROM journal ORDER BY seq").fetchall()
    con.close()
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0][1] == "0" * 64
    for before, after in zip(rows, rows[1:], strict=False):
        assert after[1] == before[2]
    assert verify_store(shop.store) == []


def test_verify_detects_an_edit_behind_the_triggers(shop: Shop) -> None:
    card = _member(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)
    assert verify_store(shop.store) == []
    con = sqlite3.connect(shop.store.path)
    con.execute("DROP TRIGGER journal_no_update")
    con.execute("UPDATE journal SET amount = 999999 WHERE kind = 'earn'")
    con.commit()
    con.close()
    problems = verify_store(shop.store)
    assert any("hash mismatch" in p for p in problems)
    assert any("cached balance" in p for p in problems)
    assert any("trigger journal_no_update is missing" in p for p in problems)


def test_verify_detects_a_tampered_balance(shop: Shop) -> None:
    card = _member(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)
    con = sqlite3.connect(shop.store.path)
    con.execute("UPDATE balances SET balance = balance + 5 WHERE account = 'points'")
    con.commit()
    con.close()
    problems = verify_store(shop.store)
    assert any("cached balance" in p for p in problems)
