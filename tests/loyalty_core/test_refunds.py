from __future__ import annotations

import pytest

from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import approve, enroll, journal_count


def test_full_refund_reverses_everything_and_needs_a_supervisor(shop: Shop) -> None:
    card = enroll(shop, kind="combined")
    shop.loyalty.top_up(new_id(), shop.cashier, card, 500_000)  # + 10.000 bonus
    shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)  # 100 points
    before = shop.loyalty.customer_view(card)["balances"]
    sale = shop.loyalty.checkout(
        new_id(), shop.cashier, card, 800_000, points_to_redeem=50, stored_value_to_use=300_000
    )
    n = journal_count(shop)
    with pytest.raises(ApprovalRequired):
        shop.loyalty.refund(new_id(), shop.cashier, sale["sale_id"])
    assert journal_count(shop) == n
    r = shop.loyalty.refund(
        new_id(), shop.cashier, sale["sale_id"], approval_id=approve(shop, "refund", card)
    )
    assert r["points_taken_back"] == sale["points_earned"]
    assert r["points_returned"] == 50 and r["stored_value_returned"] == 300_000
    assert r["cash_back"] == 800_000 - 50_000 - 300_000
    assert r["balances"] == before
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.refund(
            new_id(), shop.cashier, sale["sale_id"], approval_id=approve(shop, "refund", card)
        )
    assert err.value.code == "refund.already"
    assert verify_store(shop.store) == []


def test_partial_refunds_are_pro_rata_and_never_exceed_the_sale(shop: Shop) -> None:
    card = enroll(shop)
    before = shop.loyalty.customer_view(card)["balances"]
    sale = shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)  # 100 points
    r1 = shop.loyalty.refund(
        new_id(), shop.cashier, sale["sale_id"], 333_333, approval_id=approve(shop, "refund", card)
    )
    assert r1["points_taken_back"] == 34  # 33.33 rounded up: the shop never leaves extra
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.refund(
            new_id(), shop.cashier, sale["sale_id"], 700_000, approval_id=approve(shop, "refund", card)
        )
    assert err.value.code == "refund.too_much" and err.value.params["left"] == 666_667
    r2 = shop.loyalty.refund(
        new_id(), shop.cashier, sale["sale_id"], 666_667, approval_id=approve(shop, "refund", card)
    )
    assert r1["points_taken_back"] + r2["points_taken_back"] == 100
    assert r2["balances"] == before
    assert verify_store(shop.store) == []


def test_refund_when_earned_points_were_already_spent(shop: Shop) -> None:
    card = enroll(shop)
    sale = shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)  # 100 points
    shop.loyalty.checkout(new_id(), shop.cashier, card, 100_000, points_to_redeem=90)
    r = shop.loyalty.refund(
        new_id(), shop.cashier, sale["sale_id"], approval_id=approve(shop, "refund", card)
    )
    assert r["points_taken_back"] + r["points_unrecovered"] == 100
    assert r["balances"]["points"] == 0
    assert verify_store(shop.store) == []


def test_recent_sales_show_what_is_left_to_refund(shop: Shop) -> None:
    card = enroll(shop)
    first = shop.loyalty.checkout(new_id(), shop.cashier, card, 400_000)
    shop.loyalty.checkout(new_id(), shop.cashier, None, 90_000)
    shop.loyalty.refund(
        new_id(), shop.cashier, first["sale_id"], 100_000, approval_id=approve(shop, "refund", card)
    )
    mine = shop.loyalty.recent_sales(card_number=card)
    assert [(x["sale_id"], x["refundable"]) for x in mine] == [(first["sale_id"], 300_000)]
    assert mine[0]["masked"].endswith(card[-4:])
    assert len(shop.loyalty.recent_sales()) == 2
