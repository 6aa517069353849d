"""Issue 14: a transfer's reference is the receipt number the sale is about to get, and a
refund finds a sale of any shift by its receipt number."""

from __future__ import annotations

import pytest

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from tests.loyalty_core.conftest import Shop


def test_upcoming_receipt_number_is_the_one_the_next_sale_gets(shop: Shop) -> None:
    lo = shop.loyalty
    first = lo.upcoming_receipt_no()
    assert first.endswith("-000001")
    assert lo.upcoming_receipt_no() == first  # asking takes nothing
    sale = lo.checkout(new_id(), shop.cashier, None, 50_000, tenders={"transfer": 50_000})
    assert sale["receipt_no"] == first and sale["tenders"] == {"transfer": 50_000}
    with pytest.raises(LoyaltyError):  # a refused sale takes no number either
        lo.checkout(new_id(), shop.cashier, None, 50_000, tenders={"card": 1})
    second = lo.upcoming_receipt_no()
    assert second.endswith("-000002")
    assert lo.checkout(new_id(), shop.cashier, None, 10_000)["receipt_no"] == second


def test_recent_sales_by_receipt_number(shop: Shop) -> None:
    lo = shop.loyalty
    numbers = [lo.checkout(new_id(), shop.cashier, None, 10_000 * i)["receipt_no"] for i in (1, 2)]
    found = lo.recent_sales(receipt_no=numbers[0])
    assert [s["receipt_no"] for s in found] == [numbers[0]] and found[0]["refundable"] == 10_000
    assert lo.recent_sales(receipt_no=numbers[1].lower())[0]["net"] == 20_000  # as typed
    assert lo.recent_sales(receipt_no="ZZZZZZ-000009") == []
    with pytest.raises(LoyaltyError):
        lo.recent_sales(receipt_no=12345)  # type: ignore[arg-type]
