from __future__ import annotations

import sqlite3

import pytest

from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import enroll


def test_approval_policy(shop: Shop) -> None:
    card = enroll(shop, kind="combined")
    shop.loyalty.top_up(new_id(), shop.cashier, card, 3_000_000)
    op = new_id()
    with pytest.raises(ApprovalRequired) as err:
        shop.loyalty.checkout(op, shop.cashier, card, 3_000_000, stored_value_to_use=2_500_000)
    assert err.value.params["operation"] == "stored_value"
    # A cashier cannot approve, nor approve their own operation.
    with pytest.raises(LoyaltyError) as e2:
        shop.loyalty.approve("stored_value", {}, shop.cashier, code="1002", pin="2468")
    assert e2.value.code == "approval.not_supervisor"
    with pytest.raises(LoyaltyError) as e3:
        shop.loyalty.approve("stored_value", {}, shop.supervisor, code="2001", pin="5678")
    assert e3.value.code == "approval.self"
    with pytest.raises(LoyaltyError) as e4:
        shop.loyalty.approve("stored_value", {}, shop.cashier, code="2001", pin="0000")
    assert e4.value.code == "pin.wrong"
    with pytest.raises(LoyaltyError) as e_card:  # issue 13: a supervisor's card needs the PIN
        shop.loyalty.approve("stored_value", {}, shop.cashier, card_number="7700000020016")
    assert e_card.value.code == "pin.required"
    approval = shop.loyalty.approve(
        "stored_value", {"amount": 2_500_000}, shop.cashier, card_number="7700000020016",
        pin="5678",
    )
    r = shop.loyalty.checkout(
        op, shop.cashier, card, 3_000_000, stored_value_to_use=2_500_000, approval_id=approval
    )
    assert r["stored_value_used"] == 2_500_000
    with pytest.raises(LoyaltyError) as e5:  # one approval, one operation
        shop.loyalty.checkout(
            new_id(),
            shop.cashier,
            card,
            600_000,
            stored_value_to_use=500_000 + 1_500_001,
            approval_id=approval,
        )
    assert e5.value.code in (
        "approval.used",
        "stored_value.insufficient",
        "stored_value.exceeds_bill",
    )
    con = sqlite3.connect(shop.store.path)
    row = con.execute("SELECT staff_id, payload FROM journal WHERE kind='approval'").fetchone()
    con.close()
    assert row[0] == shop.supervisor and "stored_value" in row[1]


def test_one_approval_covers_a_sale_over_both_limits(shop: Shop) -> None:
    card = enroll(shop, kind="combined")
    shop.loyalty.top_up(new_id(), shop.cashier, card, 3_000_000)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 10_000_000)  # 1.000 points
    op = new_id()
    kwargs = dict(points_to_redeem=600, stored_value_to_use=2_100_000)
    with pytest.raises(ApprovalRequired) as err:
        shop.loyalty.checkout(op, shop.cashier, card, 3_000_000, **kwargs)
    assert err.value.params["operation"] == "checkout"
    assert err.value.params["value"] == 600_000 + 2_100_000
    approval = shop.loyalty.approve(
        "checkout", {"value": 2_700_000}, shop.cashier, code="2001", pin="5678"
    )
    r = shop.loyalty.checkout(op, shop.cashier, card, 3_000_000, approval_id=approval, **kwargs)
    assert r["points_redeemed"] == 600 and r["stored_value_used"] == 2_100_000
