from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from loyalty_core import journal
from loyalty_core.engine import Loyalty
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import TODAY, enroll, member_of


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


def test_spend_on_every_card_of_the_member_lifts_the_tier(shop: Shop) -> None:
    """Neither card alone passes silver's 5,000,000; together they do. The upgrade check first
    compares the member's spend since the cards began (summed over every card) with the next
    threshold, so this also proves that bound is the member's and not the card's."""
    first = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, first, 3_000_000)
    member = member_of(shop, first)
    second = shop.loyalty.issue_card(new_id(), shop.cashier, "member", member, activate=True)
    assert shop.loyalty.customer_view(first)["member"]["tier"] == "Thành viên"
    r = shop.loyalty.checkout(new_id(), shop.cashier, second["number"], 2_500_000)
    assert r["tier_change"] == {"from": "Thành viên", "to": "Bạc"}
    assert shop.loyalty.customer_view(first)["member"]["tier"] == "Bạc"


def test_spend_before_the_window_does_not_lift_the_tier(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """19,000,000 spent 400 days ago and 2,000,000 now: over gold's 20,000,000 since the card
    began, under it within the window, so the member stays silver (the window is summed whenever
    the lifelong spend alone would reach the next threshold); another 19,000,000 now lifts it."""
    then = datetime.now(UTC) - timedelta(days=400)
    monkeypatch.setattr(journal, "utcnow", lambda: then)
    card = enroll(shop)
    past = Loyalty(shop.store, clock=lambda: TODAY - timedelta(days=400))
    past.checkout(new_id(), shop.cashier, card, 19_000_000)
    monkeypatch.undo()
    assert shop.loyalty.customer_view(card)["member"]["tier"] == "Bạc"
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 2_000_000)
    assert r["tier_change"] is None
    assert shop.loyalty.customer_view(card)["member"]["tier"] == "Bạc"
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 19_000_000)
    assert r["tier_change"] == {"from": "Bạc", "to": "Vàng"}
