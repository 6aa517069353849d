from __future__ import annotations

from datetime import timedelta

from loyalty_core.engine import Loyalty
from loyalty_core.ids import new_id
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import TODAY, enroll


def test_tier_review_downgrades_one_tier_and_explains(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 25_000_000)
    assert shop.loyalty.customer_view(card)["member"]["tier"] == "Vàng"
    why = shop.loyalty.tier_explanation(card)
    assert why["keep_threshold"] == 20_000_000 and why["keep_needs"] == 0
    assert shop.loyalty.review_tiers(new_id()) == {"downgraded": 0}
    later = Loyalty(shop.store, clock=lambda: TODAY + timedelta(days=400))
    assert later.tier_explanation(card)["keep_needs"] == 20_000_000
    assert later.review_tiers(new_id()) == {"downgraded": 1}
    assert later.customer_view(card)["member"]["tier"] == "Bạc"  # one tier, not two
