from __future__ import annotations

import pytest

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import enroll


def test_rewards_catalog_stock(shop: Shop) -> None:
    shop.loyalty.define_reward("MUG", "Cốc sứ", 80, stock=1)
    shop.loyalty.define_reward("BAG", "Túi vải", 500, stock=0)
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)  # 100 points
    offered = shop.loyalty.rewards_available(card)
    assert [r["code"] for r in offered] == ["MUG"]  # out-of-stock BAG is not offered
    r = shop.loyalty.redeem_reward(new_id(), shop.cashier, card, "MUG")
    assert r["stock_left"] == 0 and r["balances"]["points"] == 20
    assert shop.loyalty.rewards_available(card) == []
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.redeem_reward(new_id(), shop.cashier, card, "MUG")
    assert err.value.code == "reward.out_of_stock"
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.redeem_reward(new_id(), shop.cashier, card, "BAG")
    assert err.value.code == "reward.out_of_stock"
    assert verify_store(shop.store) == []
