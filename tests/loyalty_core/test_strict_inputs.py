"""Issue 11's reproductions of hostile input at the engine, each now a clear refusal."""

from __future__ import annotations

import json
import sqlite3

import pytest

from loyalty_core import bounds
from loyalty_core.canonical import canonical_json
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import enroll


def rows(shop: Shop) -> tuple[int, int]:
    con = sqlite3.connect(shop.store.path)
    try:
        return (
            con.execute("SELECT count(*) FROM journal").fetchone()[0],
            con.execute("SELECT count(*) FROM operations").fetchone()[0],
        )
    finally:
        con.close()


def refused(shop: Shop, call: object, code: str) -> None:
    before = rows(shop)
    with pytest.raises(LoyaltyError) as err:
        call()  # type: ignore[operator]
    assert err.value.code == code
    assert rows(shop) == before


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ([{"name": "Áo", "qty": 1, "unit_price": float("nan")}], "sale.bad_line"),
        ([{"name": "Áo", "qty": float("inf"), "unit_price": 100_000}], "sale.bad_line"),
        ([{"name": "Áo", "qty": 1, "unit_price": 99_999}], "sale.lines_total"),
        ([{"name": "Áo", "qty": 1, "unit_price": 100_000, "amount": 1}], "sale.bad_line"),
        ([{"name": "Áo 4111 1111 1111 1111", "qty": 1, "unit_price": 100_000}], "text.card_number"),
        ([{"name": "x" * 3_000_000, "qty": 1, "unit_price": 100_000}], "text.too_long"),
        ([{"name": "Áo", "qty": 1, "unit_price": 1}] * 201, "sale.too_many_lines"),
        (["Áo"], "sale.bad_line"),
    ],
)
def test_bad_sale_lines_are_refused(shop: Shop, lines: object, code: str) -> None:
    card = enroll(shop)
    refused(
        shop,
        lambda: shop.loyalty.checkout(new_id(), shop.cashier, card, 100_000, lines=lines),
        code,
    )


def test_sale_lines_in_the_counter_shape_are_kept(shop: Shop) -> None:
    card = enroll(shop)
    lines = [{"name": "Áo thun", "qty": 2, "unit_price": 50_000, "amount": 100_000}]
    sale = shop.loyalty.checkout(new_id(), shop.cashier, card, 100_000, lines=lines)
    con = sqlite3.connect(shop.store.path)
    stored = con.execute(
        "SELECT json_extract(payload, '$.lines') FROM journal WHERE kind = 'sale' AND sale_id = ?",
        (sale["sale_id"],),
    ).fetchone()[0]
    con.close()
    assert json.loads(stored) == lines


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_canonical_json_refuses_nan_and_infinity(value: float) -> None:
    with pytest.raises(LoyaltyError) as err:
        canonical_json({"x": value})
    assert err.value.code == "entry.not_json"


def test_add_staff_with_a_padded_existing_code_is_a_refusal(shop: Shop) -> None:
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.add_staff(" 1001", "Nguyễn Thị Lan", "cashier", "1234")
    assert err.value.code == "staff.exists"


def test_unknown_shift_is_refused(shop: Shop) -> None:
    card = enroll(shop)
    refused(
        shop,
        lambda: shop.loyalty.checkout(new_id(), shop.cashier, card, 10_000, shift_id=new_id()),
        "shift.unknown",
    )


def test_balance_cannot_pass_the_bound(shop: Shop) -> None:
    """12,000 x 10^15 on one card once turned SQLite's integer sum into a float."""
    card = enroll(shop, kind="prepaid")
    con = sqlite3.connect(shop.store.path)
    card_id = con.execute("SELECT id FROM cards WHERE number = ?", (card,)).fetchone()[0]
    # a balance already at the bound (as many top-ups over the years would leave it)
    con.execute(
        "INSERT INTO balances (card_id, account, balance) VALUES (?, 'stored_value', ?) "
        "ON CONFLICT (card_id, account) DO UPDATE SET balance = excluded.balance",
        (card_id, bounds.MAX_BALANCE),
    )
    con.commit()
    con.close()
    refused(
        shop,
        lambda: shop.loyalty.top_up(new_id(), shop.cashier, card, 1_000),
        "balance.out_of_range",
    )
