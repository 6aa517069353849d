from __future__ import annotations

import pytest

from loyalty_core import cardnumbers
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import enroll, journal_count


def test_enrol_issues_an_active_card_with_our_numbering(shop: Shop) -> None:
    r = shop.loyalty.enroll_member(new_id(), shop.cashier, "  Trần   Thị Bích ", phone="0912345678")
    assert cardnumbers.kind_of(r["card_number"]) == "member"
    view = shop.loyalty.customer_view(r["card_number"])
    assert view["member"]["name"] == "Trần Thị Bích"
    assert view["member"]["tier"] == "Thành viên"
    assert view["status"] == "active" and view["usable"]
    assert shop.loyalty.find_by_phone("0912345678")[0]["number"] == r["card_number"]


def test_hostile_names_are_refused_or_cleaned(shop: Shop) -> None:
    before = journal_count(shop)
    for bad, code in [
        ("", "text.required"),
        ("A\x00B", "text.invalid"),
        ("evil\u202eeman", "text.invalid"),
        ("x" * 500, "text.too_long"),
    ]:
        with pytest.raises(LoyaltyError) as err:
            shop.loyalty.enroll_member(new_id(), shop.cashier, bad)
        assert err.value.code == code
    assert journal_count(shop) == before
    card = enroll(shop, name="Robert'); DROP TABLE members;-- <script>")
    assert shop.loyalty.customer_view(card)["member"]["name"].startswith("Robert');")


def test_phone_is_found_however_it_was_typed(shop: Shop) -> None:
    card = enroll(shop, phone="0912 345 678")
    assert [m["number"] for m in shop.loyalty.find_by_phone("0912345678")] == [card]
    assert [m["number"] for m in shop.loyalty.find_by_phone("0912-345-678")] == [card]
    with pytest.raises(LoyaltyError) as err:
        enroll(shop, name="Lê Văn Hùng", phone="0912345678")
    assert err.value.code == "member.phone_taken"
