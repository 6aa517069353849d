from __future__ import annotations

from datetime import date, timedelta

import pytest

from loyalty_core.engine import Loyalty
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import enroll, journal_count


def test_expiring_soon_is_listed_and_the_till_never_runs_the_expiry_job(shop: Shop) -> None:
    """Expiry is a chain job run at head office (tests/sync/test_chain_jobs.py): a till asked to
    run it refuses and writes nothing."""
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 500_000)
    expiry = date.fromisoformat(shop.loyalty.points_expiring(card, days=400)[0]["expires_on"])
    soon = Loyalty(shop.store, clock=lambda: expiry - timedelta(days=10))
    assert soon.points_expiring(card) == [{"expires_on": expiry.isoformat(), "points": 50}]
    assert soon.customer_view(card)["points_expiring"] == 50
    later = Loyalty(shop.store, clock=lambda: expiry + timedelta(days=1))
    assert later.customer_view(card)["balances"]["points"] == 0  # expired lots count as zero
    before = journal_count(shop)
    for job in (later.expire_points, later.expire_cashback, later.review_tiers):
        with pytest.raises(LoyaltyError) as err:
            job(new_id())
        assert err.value.code == "job.head_office_only"
    assert journal_count(shop) == before
    assert verify_store(shop.store) == []
