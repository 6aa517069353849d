from __future__ import annotations

import sqlite3

import pytest

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests import hodefs
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import enroll


def test_earn_rounds_down_and_applies_tier_multiplier(shop: Shop) -> None:
    card = enroll(shop)
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 129_999)
    assert r["points_earned"] == 12  # 1 point per 10.000 đ, rounded down
    # 5.000.000 qualifying spend reaches Bạc (x1.10, 2 % off) at once.
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 4_900_000)
    assert r["tier_change"] == {"from": "Thành viên", "to": "Bạc"}
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)
    assert r["discount"] == 20_000
    assert r["points_earned"] == (980_000 * 110) // (10_000 * 100)
    assert verify_store(shop.store) == []


def test_redeem_consumes_soonest_expiring_lots_first(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)  # 100 points
    shop.loyalty.checkout(new_id(), shop.cashier, card, 500_000)  # 50 points
    con = sqlite3.connect(shop.store.path)
    con.execute("PRAGMA foreign_keys=ON")
    lots = con.execute("SELECT id, amount FROM point_lots ORDER BY id").fetchall()
    con.close()
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 200_000, points_to_redeem=120)
    assert r["points_value"] == 120_000 and r["cash_due"] == 80_000
    con = sqlite3.connect(shop.store.path)
    remaining = dict(con.execute("SELECT id, remaining FROM point_lots").fetchall())
    con.close()
    # Same expiry date: older lot first, fully; the newer one covers the rest.
    assert remaining[lots[0][0]] == 0
    assert remaining[lots[1][0]] == 30 + 0
    assert verify_store(shop.store) == []


def test_top_up_bonus_is_its_own_entry_and_stored_value_pays_partially(shop: Shop) -> None:
    card = enroll(shop, kind="combined")
    r = shop.loyalty.top_up(new_id(), shop.cashier, card, 1_000_000)
    assert r["bonus"] == 50_000 and r["balances"]["stored_value"] == 1_050_000
    con = sqlite3.connect(shop.store.path)
    kinds = [k for (k,) in con.execute("SELECT kind FROM journal WHERE account='stored_value'")]
    con.close()
    assert kinds == ["sv.topup", "sv.bonus"]
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 300_000, stored_value_to_use=250_000)
    assert r["cash_due"] == 50_000 and r["balances"]["stored_value"] == 800_000
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.top_up(new_id(), shop.cashier, enroll(shop), 100_000)
    assert err.value.code == "card.not_reloadable"


def test_gift_card_any_denomination(shop: Shop) -> None:
    pending = shop.loyalty.issue_card(new_id(), shop.cashier, "gift")["number"]
    r = shop.loyalty.sell_gift_card(new_id(), shop.cashier, 345_000, pending)
    assert r["card_number"] == pending
    view = shop.loyalty.customer_view(pending)
    assert view["status"] == "active" and view["balances"]["stored_value"] == 345_000
    r = shop.loyalty.checkout(new_id(), shop.cashier, pending, 400_000, stored_value_to_use=345_000)
    assert r["cash_due"] == 55_000 and r["points_earned"] == 0
    assert verify_store(shop.store) == []


def test_best_percentage_discount_applies_not_the_sum(shop: Shop) -> None:
    hodefs.define_plan(
        shop.loyalty,
        "vip",
        "VIP năm",
        500_000,
        365,
        discount_bp=300,
        earn_multiplier_pct=200,
    )
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 5_000_000)  # Bạc: 2 %
    r = shop.loyalty.buy_membership(new_id(), shop.cashier, card, "vip")
    assert r["renewal"] is False
    q = shop.loyalty.quote(card, 1_000_000)
    assert q["discount"] == 30_000 and q["discount_source"] == "membership"
    # multipliers stack: Bạc x1.10, membership x2.00, rounded once
    assert q["points_earned"] == 970_000 * 110 * 200 // (100 * 100 * 10_000)
