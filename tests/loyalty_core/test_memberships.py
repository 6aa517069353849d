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


def test_a_plan_is_sold_from_its_effective_time_and_edits_take_over_at_theirs(
    shop: Shop,
) -> None:
    """Head office's plan versions: a new plan is not sold before its effective time; a new
    version of a plan on sale leaves the current terms in force until its own effective time,
    and the pull after that (bring_due) puts it in force. verify agrees at every step."""
    import time
    from datetime import UTC, datetime

    from loyalty_core import definitions
    from loyalty_core.ids import iso_utc
    from loyalty_core.verify import verify_store

    soon = datetime.now(UTC) + timedelta(seconds=2)
    terms = {"name": "VIP", "fee": 499_000, "term_days": 365, "discount_bp": 300}
    shop.loyalty.apply_definitions([
        hodefs.envelope("plan", "vip", terms),
        hodefs.envelope("plan", "gold", terms, effective_from=iso_utc(soon)),
        hodefs.envelope("plan", "vip", {**terms, "fee": 599_000}, version=2,
                        effective_from=iso_utc(soon)),
    ])
    assert [(p["code"], p["fee"]) for p in shop.loyalty.membership_plans()] == [("vip", 499_000)]
    assert verify_store(shop.store) == []
    time.sleep(max(0.0, (soon - datetime.now(UTC)).total_seconds()) + 0.05)
    with shop.store.write() as s:  # a pull, with nothing new in it
        definitions.apply_pulled(s, [])
    assert sorted((p["code"], p["fee"]) for p in shop.loyalty.membership_plans()) == [
        ("gold", 499_000), ("vip", 599_000)]
    assert verify_store(shop.store) == []
