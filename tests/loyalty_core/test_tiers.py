from __future__ import annotations

from datetime import timedelta

import pytest

from loyalty_core.engine import Loyalty
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import TODAY, enroll


def test_tier_explained_and_the_review_left_to_head_office(shop: Shop) -> None:
    """The downgrade review is a chain job (tests/sync/test_chain_jobs.py: one tier down, once):
    a till refuses it and its member keeps the tier until head office's entry arrives."""
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 25_000_000)
    assert shop.loyalty.customer_view(card)["member"]["tier"] == "Vàng"
    why = shop.loyalty.tier_explanation(card)
    assert why["keep_threshold"] == 20_000_000 and why["keep_needs"] == 0
    later = Loyalty(shop.store, clock=lambda: TODAY + timedelta(days=400))
    assert later.tier_explanation(card)["keep_needs"] == 20_000_000
    with pytest.raises(LoyaltyError) as err:
        later.review_tiers(new_id())
    assert err.value.code == "job.head_office_only"
    assert later.customer_view(card)["member"]["tier"] == "Vàng"
