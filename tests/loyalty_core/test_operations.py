from __future__ import annotations

import pytest

from loyalty_core import cardnumbers
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import enroll, journal_count


def test_operation_id_makes_a_retry_harmless(shop: Shop) -> None:
    card = enroll(shop)
    op = new_id()
    first = shop.loyalty.checkout(op, shop.cashier, card, 700_000)
    n = journal_count(shop)
    again = shop.loyalty.checkout(op, shop.cashier, card, 700_000)
    assert again == first and journal_count(shop) == n
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.top_up(op, shop.cashier, card, 100_000)
    assert err.value.code in ("operation.reused", "card.not_reloadable")


def test_refusals_change_nothing(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 100_000)
    before = journal_count(shop)
    cases = [
        (dict(amount=100_000, points_to_redeem=11), "points.insufficient"),
        (dict(amount=100_000, stored_value_to_use=1), "card.no_stored_value"),
        (dict(amount=0), "amount.out_of_range"),
        (dict(amount=-5), "amount.out_of_range"),
        (dict(amount=1.5), "amount.not_integer"),
    ]
    for kwargs, code in cases:
        with pytest.raises(LoyaltyError) as err:
            shop.loyalty.checkout(new_id(), shop.cashier, card, **kwargs)  # type: ignore[arg-type]
        assert err.value.code == code
    for number, code in [
        ("4111111111111111", "card.not_ours"),
        ("8801000000000000", "card.not_ours"),
        (cardnumbers.generate("member"), "card.unknown"),
        ("garbage!!", "card.unknown"),
    ]:
        with pytest.raises(LoyaltyError) as err:
            shop.loyalty.checkout(new_id(), shop.cashier, number, 10_000)
        assert err.value.code == code
        assert "4111111111111111" not in str(err.value) + repr(err.value.params)
    assert journal_count(shop) == before
