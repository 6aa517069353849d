from __future__ import annotations

from datetime import date, timedelta

import pytest

from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.services import Loyalty
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.test_services import enroll, journal_count


def approve(shop: Shop, operation: str) -> str:
    return shop.loyalty.approve(operation, {}, shop.cashier, code="2001", pin="5678")


def test_full_refund_reverses_everything_and_needs_a_supervisor(shop: Shop) -> None:
    card = enroll(shop, kind="combined")
    shop.loyalty.top_up(new_id(), shop.cashier, card, 500_000)  # + 10.000 bonus
    shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)  # 100 points
    before = shop.loyalty.customer_view(card)["balances"]
    sale = shop.loyalty.checkout(
        new_id(), shop.cashier, card, 800_000, points_to_redeem=50, stored_value_to_use=300_000
    )
    n = journal_count(shop)
    with pytest.raises(ApprovalRequired):
        shop.loyalty.refund(new_id(), shop.cashier, sale["sale_id"])
    assert journal_count(shop) == n
    r = shop.loyalty.refund(
        new_id(), shop.cashier, sale["sale_id"], approval_id=approve(shop, "refund")
    )
    assert r["points_taken_back"] == sale["points_earned"]
    assert r["points_returned"] == 50 and r["stored_value_returned"] == 300_000
    assert r["cash_back"] == 800_000 - 50_000 - 300_000
    assert r["balances"] == before
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.refund(
            new_id(), shop.cashier, sale["sale_id"], approval_id=approve(shop, "refund")
        )
    assert err.value.code == "refund.already"
    assert verify_store(shop.store) == []


def test_partial_refunds_are_pro_rata_and_never_exceed_the_sale(shop: Shop) -> None:
    card = enroll(shop)
    before = shop.loyalty.customer_view(card)["balances"]
    sale = shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)  # 100 points
    r1 = shop.loyalty.refund(
        new_id(), shop.cashier, sale["sale_id"], 333_333, approval_id=approve(shop, "refund")
    )
    assert r1["points_taken_back"] == 34  # 33.33 rounded up: the shop never leaves extra
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.refund(
            new_id(), shop.cashier, sale["sale_id"], 700_000, approval_id=approve(shop, "refund")
        )
    assert err.value.code == "refund.too_much" and err.value.params["left"] == 666_667
    r2 = shop.loyalty.refund(
        new_id(), shop.cashier, sale["sale_id"], 666_667, approval_id=approve(shop, "refund")
    )
    assert r1["points_taken_back"] + r2["points_taken_back"] == 100
    assert r2["balances"] == before
    assert verify_store(shop.store) == []


def test_refund_when_earned_points_were_already_spent(shop: Shop) -> None:
    card = enroll(shop)
    sale = shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)  # 100 points
    shop.loyalty.checkout(new_id(), shop.cashier, card, 100_000, points_to_redeem=90)
    r = shop.loyalty.refund(
        new_id(), shop.cashier, sale["sale_id"], approval_id=approve(shop, "refund")
    )
    assert r["points_taken_back"] + r["points_unrecovered"] == 100
    assert r["balances"]["points"] == 0
    assert verify_store(shop.store) == []


def test_replace_lost_card_moves_every_balance_and_lot(shop: Shop) -> None:
    card = enroll(shop, kind="combined")
    shop.loyalty.top_up(new_id(), shop.cashier, card, 200_000)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 3_000_000)
    old = shop.loyalty.customer_view(card)
    with pytest.raises(ApprovalRequired):
        shop.loyalty.replace_card(new_id(), shop.cashier, card, "Khách báo mất thẻ")
    r = shop.loyalty.replace_card(
        new_id(), shop.cashier, card, "Khách báo mất thẻ", approval_id=approve(shop, "replace_card")
    )
    new = shop.loyalty.customer_view(r["card_number"])
    assert new["balances"] == old["balances"]
    assert new["member"]["id"] == old["member"]["id"]
    gone = shop.loyalty.customer_view(card)
    assert gone["status"] == "blocked" and gone["balances"] == {
        "points": 0,
        "stored_value": 0,
        "qualifying_spend": 0,
    }
    assert verify_store(shop.store) == []


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
    z = shop.loyalty.close_shift(new_id(), shop.supervisor, shift, counted_cash=2_040_000)
    assert z["cash"] == {
        "sales": 250_000,
        "card_sales": 100_000,
        "topups": 500_000,
        "gift_cards": 300_000,
        "memberships": 0,
        "refunds": 0,
    }
    assert z["expected_drawer"] == 1_000_000 + 1_050_000
    assert z["difference"] == -10_000
    assert z["kinds"]["sale"] == {"count": 2, "sum": 350_000}
    assert z["kinds"]["sv.bonus"]["sum"] == 10_000
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.close_shift(new_id(), shop.supervisor, shift)
    assert err.value.code == "shift.closed"
    assert shop.loyalty.open_shift_id() is None


def test_recent_sales_show_what_is_left_to_refund(shop: Shop) -> None:
    card = enroll(shop)
    first = shop.loyalty.checkout(new_id(), shop.cashier, card, 400_000)
    shop.loyalty.checkout(new_id(), shop.cashier, None, 90_000)
    shop.loyalty.refund(
        new_id(), shop.cashier, first["sale_id"], 100_000, approval_id=approve(shop, "refund")
    )
    mine = shop.loyalty.recent_sales(card_number=card)
    assert [(x["sale_id"], x["refundable"]) for x in mine] == [(first["sale_id"], 300_000)]
    assert mine[0]["masked"].endswith(card[-4:])
    assert len(shop.loyalty.recent_sales()) == 2


def test_one_approval_covers_a_sale_over_both_limits(shop: Shop) -> None:
    card = enroll(shop, kind="combined")
    shop.loyalty.top_up(new_id(), shop.cashier, card, 3_000_000)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 10_000_000)  # 1.000 points
    op = new_id()
    kwargs = dict(points_to_redeem=600, stored_value_to_use=2_100_000)
    with pytest.raises(ApprovalRequired) as err:
        shop.loyalty.checkout(op, shop.cashier, card, 3_000_000, **kwargs)
    assert err.value.params["operation"] == "checkout"
    assert err.value.params["value"] == 600_000 + 2_100_000
    approval = shop.loyalty.approve(
        "checkout", {"value": 2_700_000}, shop.cashier, code="2001", pin="5678"
    )
    r = shop.loyalty.checkout(op, shop.cashier, card, 3_000_000, approval_id=approval, **kwargs)
    assert r["points_redeemed"] == 600 and r["stored_value_used"] == 2_100_000


def test_membership_fee_is_cash_in_the_drawer(shop: Shop) -> None:
    shop.loyalty.define_plan("vip", "VIP", 499_000, 365)
    shift = shop.loyalty.open_shift(new_id(), shop.cashier, 0)["shift_id"]
    card = enroll(shop)
    shop.loyalty.buy_membership(new_id(), shop.cashier, card, "vip", shift_id=shift)
    z = shop.loyalty.shift_report(shift)
    assert z["cash"]["memberships"] == 499_000 and z["expected_drawer"] == 499_000


def test_unblocking_a_card_is_a_supervisors_call(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.set_card_status(new_id(), shop.cashier, card, "blocked", "Khách báo mất thẻ")
    with pytest.raises(ApprovalRequired):
        shop.loyalty.set_card_status(new_id(), shop.cashier, card, "active", "Tìm lại được thẻ")
    r = shop.loyalty.set_card_status(
        new_id(),
        shop.cashier,
        card,
        "active",
        "Tìm lại được thẻ",
        approval_id=approve(shop, "card.status"),
    )
    assert r["status"] == "active"
    shop.loyalty.set_card_status(new_id(), shop.cashier, card, "blocked", "Khách báo mất thẻ")
    assert (
        shop.loyalty.set_card_status(new_id(), shop.supervisor, card, "active", "Tìm lại được thẻ")[
            "status"
        ]
        == "active"
    )


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
