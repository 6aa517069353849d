from __future__ import annotations

from datetime import date, timedelta

from loyalty_core.engine import Loyalty
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import enroll


def test_points_expire_as_entries_and_expiring_soon_is_listed(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 500_000)
    expiry = date.fromisoformat(shop.loyalty.points_expiring(card, days=400)[0]["expires_on"])
    soon = Loyalty(shop.store, clock=lambda: expiry - timedelta(days=10))
    assert soon.points_expiring(card) == [{"expires_on": expiry.isoformat(), "points": 50}]
    assert soon.customer_view(card)["points_expiring"] == 50
    later = Loyalty(shop.store, clock=lambda: expiry + timedelta(days=1))
    r = later.expire_points(new_id())
    assert r == {"cards": 1, "points": 50}
    assert later.customer_view(card)["balances"]["points"] == 0
    assert later.expire_points(new_id()) == {"cards": 0, "points": 0}
    assert verify_store(shop.store) == []
