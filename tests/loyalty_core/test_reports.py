from __future__ import annotations

import pytest

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.models import RuleVersion
from loyalty_core.rules import DEFAULT_RULES
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import enroll


def test_shift_close_z_report(shop: Shop) -> None:
    shift = shop.loyalty.open_shift(new_id(), shop.cashier, 1_000_000)["shift_id"]
    card = enroll(shop, kind="combined")
    shop.loyalty.top_up(new_id(), shop.cashier, card, 500_000, shift_id=shift)
    shop.loyalty.sell_gift_card(new_id(), shop.cashier, 300_000, shift_id=shift)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 250_000, shift_id=shift)
    shop.loyalty.checkout(new_id(), shop.cashier, None, 100_000, shift_id=shift, tender="card")
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.close_shift(new_id(), shop.cashier, shift, counted_cash=2_040_000)
    assert err.value.code == "staff.role"
    # Issue 14: a drawer that differs closes only with its reason (nothing written without).
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.close_shift(new_id(), shop.supervisor, shift, counted_cash=2_040_000)
    assert err.value.code == "shift.reason_required"
    assert shop.loyalty.open_shift_id() == shift
    z = shop.loyalty.close_shift(
        new_id(), shop.supervisor, shift, counted_cash=2_040_000, difference_reason="Thối nhầm"
    )
    assert z["difference_reason"] == "Thối nhầm"
    assert z["cash"] == {
        "sales": 250_000,
        "card_sales": 100_000,
        "transfer_sales": 0,
        "topups": 500_000,
        "gift_cards": 300_000,
        "memberships": 0,
        "refunds": 0,
        "card_refunds": 0,
        "transfer_refunds": 0,
    }
    assert z["expected_drawer"] == 1_000_000 + 1_050_000
    assert z["difference"] == -10_000
    assert z["kinds"]["sale"] == {"count": 2, "sum": 350_000}
    assert z["kinds"]["sv.bonus"]["sum"] == 10_000
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.close_shift(new_id(), shop.supervisor, shift)
    assert err.value.code == "shift.closed"
    assert shop.loyalty.open_shift_id() is None


def test_membership_fee_is_cash_in_the_drawer(shop: Shop) -> None:
    shop.loyalty.define_plan("vip", "VIP", 499_000, 365)
    shift = shop.loyalty.open_shift(new_id(), shop.cashier, 0)["shift_id"]
    card = enroll(shop)
    shop.loyalty.buy_membership(new_id(), shop.cashier, card, "vip", shift_id=shift)
    z = shop.loyalty.shift_report(shift)
    assert z["cash"]["memberships"] == 499_000 and z["expected_drawer"] == 499_000


def test_day_report_spans_every_shift_of_the_day(shop: Shop) -> None:
    first = shop.loyalty.open_shift(new_id(), shop.cashier, 500_000)["shift_id"]
    shop.loyalty.checkout(new_id(), shop.cashier, None, 100_000, shift_id=first)
    shop.loyalty.close_shift(new_id(), shop.supervisor, first)
    second = shop.loyalty.open_shift(new_id(), shop.cashier2, 300_000)["shift_id"]
    shop.loyalty.checkout(new_id(), shop.cashier2, None, 250_000, shift_id=second)
    day = shop.loyalty.day_report()
    assert day["kinds"]["sale"] == {"count": 2, "sum": 350_000}
    assert day["opening_floats"] == 800_000 and day["expected_drawer"] == 1_150_000
    assert len(shop.loyalty.recent_sales(since=day["since"], limit=100)) == 2
    assert shop.loyalty.shift_report(second)["kinds"]["sale"]["count"] == 1


def test_the_shops_day_is_in_the_rules_time_zone(shop: Shop) -> None:
    from datetime import date

    assert shop.loyalty.day_bounds(date(2026, 11, 25)) == (
        "2026-11-24T17:00:00.000000Z",
        "2026-11-25T17:00:00.000000Z",
    )
    with shop.store.write() as s:
        s.add(
            RuleVersion(
                version=2,
                effective_from="2021-01-01T00:00:00.000000Z",
                rules={**DEFAULT_RULES, "timezone": "Asia/Tokyo"},
            )
        )
    assert shop.loyalty.day_bounds(date(2026, 11, 25))[0] == "2026-11-24T15:00:00.000000Z"
