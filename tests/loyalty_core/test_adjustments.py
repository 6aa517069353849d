"""Manual corrections of points and stored value (issue 11): reason, staff, bound approval."""

from __future__ import annotations

import pytest

from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import approve, enroll, journal_count


def test_adjustments_need_a_reason_staff_and_an_approval_for_this_card(shop: Shop) -> None:
    card, other = enroll(shop, kind="combined"), enroll(shop, kind="combined", name="Lê Thu")
    lo = shop.loyalty
    before = journal_count(shop)
    for args, code in (
        ((None, card, "points", 10, "bù điểm"), "staff.required"),
        ((shop.cashier, card, "qualifying_spend", 10, "x"), "adjust.bad_account"),
        ((shop.cashier, card, "points", 0, "x"), "adjust.bad_amount"),
        ((shop.cashier, card, "points", 1.5, "x"), "adjust.bad_amount"),
        ((shop.cashier, card, "points", True, "x"), "adjust.bad_amount"),
        ((shop.cashier, card, "points", -1, "x"), "adjust.below_zero"),
    ):
        with pytest.raises(LoyaltyError) as err:
            lo.adjust(new_id(), *args)  # type: ignore[arg-type]
        assert err.value.code == code
    with pytest.raises(LoyaltyError):
        lo.adjust(new_id(), shop.cashier, card, "points", 10, "   ")
    with pytest.raises(ApprovalRequired) as asked:
        lo.adjust(new_id(), shop.cashier, card, "points", 50, "điểm khuyến mãi bị thiếu")
    assert asked.value.params["value"] == 50 * 1_000 and asked.value.params["card_id"]
    with pytest.raises(LoyaltyError) as err:  # an approval for another card does not do
        lo.adjust(new_id(), shop.cashier, card, "points", 50, "thiếu điểm",
                  approve(shop, "adjust", other))
    assert err.value.code == "approval.other_card"
    with pytest.raises(LoyaltyError) as err:  # nor one for less
        lo.adjust(new_id(), shop.cashier, card, "points", 50, "thiếu điểm",
                  approve(shop, "adjust", card, 49_999))
    assert err.value.code == "approval.amount"
    assert journal_count(shop) == before + 2  # only the two approvals were written
    r = lo.adjust(new_id(), shop.cashier, card, "points", 50, "thiếu điểm",
                  approve(shop, "adjust", card, 50_000))
    assert r["balances"]["points"] == 50
    r = lo.adjust(new_id(), shop.cashier, card, "stored_value", 20_000, "nạp nhầm",
                  approve(shop, "adjust", card, 20_000))
    assert r["balances"]["stored_value"] == 20_000
    with pytest.raises(LoyaltyError) as err:
        lo.adjust(new_id(), shop.cashier, card, "points", -51, "trừ điểm",
                  approve(shop, "adjust", card))
    assert err.value.code == "adjust.below_zero" and err.value.params["available"] == 50
    r = lo.adjust(new_id(), shop.cashier, card, "points", -20, "trừ điểm",
                  approve(shop, "adjust", card, 20_000))
    assert r["balances"]["points"] == 30 and r["reason"] == "trừ điểm"
    assert verify_store(shop.store) == []


def test_small_adjustments_under_the_threshold_need_no_approval(shop: Shop) -> None:
    from tests.loyalty_core.test_money import new_rules

    new_rules(shop, 2, approval={"adjust_over": 10_000})
    card = enroll(shop)
    assert shop.loyalty.adjust(new_id(), shop.cashier, card, "points", 10, "bù")["value"] == 10_000
    with pytest.raises(ApprovalRequired):
        shop.loyalty.adjust(new_id(), shop.cashier, card, "points", 11, "bù")
    with pytest.raises(LoyaltyError) as err:  # a member card has no stored value
        shop.loyalty.adjust(new_id(), shop.cashier, card, "stored_value", 1, "bù")
    assert err.value.code == "card.no_stored_value"
