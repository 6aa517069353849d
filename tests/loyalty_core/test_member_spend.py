"""The member's lifetime qualifying spend kept by triggers (loyalty_core/memberspend.py).

Whatever writes balances, cards or members, the member's row must hold the sum of the
`qualifying_spend` balances of the member's cards: the tier upgrade at a sale trusts it as the
bound of the window's spend, and `verify` holds the live column to a replay."""

from __future__ import annotations

import sqlite3

from loyalty_core.ids import new_id
from loyalty_core.memberspend import MEMBER_SPEND, TRIGGERS
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import approve, enroll, member_of


def _kept_and_summed(shop: Shop, member_id: str) -> tuple[int, int]:
    con = sqlite3.connect(shop.store.path)
    try:
        row = con.execute(
            "SELECT lifetime_qualifying_spend, " + MEMBER_SPEND.format(member="?")
            + " FROM members WHERE id = ?",
            (member_id, member_id),
        ).fetchone()
    finally:
        con.close()
    return int(row[0]), int(row[1])


def test_sales_refunds_and_a_replaced_card_keep_the_total(shop: Shop) -> None:
    card = enroll(shop, kind="combined")
    member = member_of(shop, card)
    sale = shop.loyalty.checkout(new_id(), shop.cashier, card, 3_000_000)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)
    assert _kept_and_summed(shop, member) == (4_000_000, 4_000_000)
    shop.loyalty.refund(new_id(), shop.cashier, sale["sale_id"],
                        approval_id=approve(shop, "refund", card))
    assert _kept_and_summed(shop, member) == (1_000_000, 1_000_000)
    replaced = shop.loyalty.replace_card(
        new_id(), shop.cashier, card, "Khách báo mất thẻ",
        approval_id=approve(shop, "replace_card", card),
    )
    second = shop.loyalty.issue_card(new_id(), shop.cashier, "member", member, activate=True)
    shop.loyalty.checkout(new_id(), shop.cashier, second["number"], 500_000)
    shop.loyalty.checkout(new_id(), shop.cashier, replaced["card_number"], 200_000)
    assert _kept_and_summed(shop, member) == (1_700_000, 1_700_000)
    assert verify_store(shop.store) == []


def test_cards_moved_inserted_in_any_order_and_deleted(shop: Shop) -> None:
    """The paths no operation takes today but a pull, a snapshot or a repair could: a card moved
    to another member, a member arriving after its card and balance, a card deleted."""
    a = member_of(shop, (first := enroll(shop)))
    b = member_of(shop, enroll(shop, name="Trần Thị Bình"))
    shop.loyalty.checkout(new_id(), shop.cashier, first, 2_000_000)
    con = sqlite3.connect(shop.store.path, isolation_level=None)
    try:
        card_id = con.execute("SELECT id FROM cards WHERE number = ?", (first,)).fetchone()[0]
        con.execute("UPDATE cards SET member_id = ? WHERE id = ?", (b, card_id))
        assert _kept_and_summed(shop, a) == (0, 0)
        assert _kept_and_summed(shop, b) == (2_000_000, 2_000_000)
        con.execute("PRAGMA foreign_keys=OFF")
        late, lone = new_id(), new_id()
        con.execute(
            "INSERT INTO cards (id, number, kind, status, member_id, flagged, created_at) "
            "VALUES (?, '9990000000001', 'member', 'active', ?, 0, '2026-12-01')", (lone, late)
        )
        con.execute("INSERT INTO balances VALUES (?, 'qualifying_spend', 700000)", (lone,))
        con.execute(
            "INSERT INTO members (id, name, created_at, consent_marketing, consent_sms) "
            "VALUES (?, 'Lê Văn Cường', '2026-12-01T00:00:00.000000Z', 0, 0)", (late,)
        )
        assert _kept_and_summed(shop, late) == (700_000, 700_000)
        con.execute("DELETE FROM balances WHERE card_id = ?", (lone,))
        assert _kept_and_summed(shop, late) == (0, 0)
        con.execute("INSERT INTO balances VALUES (?, 'qualifying_spend', 300000)", (lone,))
        con.execute("DELETE FROM cards WHERE id = ?", (lone,))
        assert _kept_and_summed(shop, late) == (0, 0)
    finally:
        con.close()


def test_verify_finds_a_drifted_total_and_a_silenced_trigger(shop: Shop) -> None:
    card = enroll(shop)
    member = member_of(shop, card)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 2_000_000)
    con = sqlite3.connect(shop.store.path, isolation_level=None)
    try:
        con.execute("UPDATE members SET lifetime_qualifying_spend = 99 WHERE id = ?", (member,))
        drifted = verify_store(shop.store)
        assert any("lifetime_qualifying_spend is 99" in p for p in drifted), drifted
        con.execute("UPDATE members SET lifetime_qualifying_spend = 2000000 WHERE id = ?",
                    (member,))
        assert verify_store(shop.store) == []
        name = "member_spend_balance_update"
        con.execute(f"DROP TRIGGER {name}")
        con.execute(f"CREATE TRIGGER {name} AFTER UPDATE OF balance ON balances BEGIN "
                    "SELECT 1; END")
    finally:
        con.close()
    assert name in TRIGGERS
    problems = verify_store(shop.store)
    assert f"member spend trigger {name} was replaced: its SQL is not ours" in problems
