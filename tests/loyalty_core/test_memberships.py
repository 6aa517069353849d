from __future__ import annotations

from datetime import date, timedelta

import pytest

from loyalty_core.engine import Loyalty
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from tests import hodefs
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import enroll


def test_paid_membership_renewal_and_expiry(shop: Shop) -> None:
    hodefs.define_plan(shop.loyalty, "vip", "VIP tháng", 99_000, 30, discount_bp=500)
    card = enroll(shop)
    first = shop.loyalty.buy_membership(new_id(), shop.cashier, card, "vip")
    renewal = shop.loyalty.buy_membership(new_id(), shop.cashier, card, "vip")
    assert (
        renewal["renewal"]
        and renewal["ends_on"]
        == (date.fromisoformat(first["ends_on"]) + timedelta(days=30)).isoformat()
    )
    later = Loyalty(
        shop.store, clock=lambda: date.fromisoformat(renewal["ends_on"]) + timedelta(days=1)
    )
    view = later.customer_view(card)
    assert view["membership"]["active"] is False
    assert later.quote(card, 100_000)["discount"] == 0
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.buy_membership(new_id(), shop.cashier, card, "nope")
    assert err.value.code == "membership.unknown_plan"


def test_membership_plans_are_listed(shop: Shop) -> None:
    hodefs.define_plan(shop.loyalty, "vip", "VIP năm", 499_000, 365, discount_bp=300)
    hodefs.define_plan(shop.loyalty, "lite", "Lite tháng", 49_000, 30)
    assert [p["code"] for p in shop.loyalty.membership_plans()] == ["lite", "vip"]
