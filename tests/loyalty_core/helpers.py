"""Helpers shared by the engine's tests."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from loyalty_core.ids import new_id
from loyalty_core.shopday import shop_today, shop_zone
from tests.loyalty_core.conftest import Shop

# The engine's day is the shop's (the rules' time zone), not the test machine's.
TODAY = shop_today(shop_zone())
D = TODAY.isoformat


def days(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


def journal_count(shop: Shop) -> int:
    con = sqlite3.connect(shop.store.path)
    n = con.execute("SELECT count(*) FROM journal").fetchone()[0]
    con.close()
    return int(n)


def enroll(shop: Shop, kind: str = "member", name: str = "Nguyễn Văn An", **kw: object) -> str:
    return shop.loyalty.enroll_member(new_id(), shop.cashier, name, card_kind=kind, **kw)[
        "card_number"
    ]


def approve(shop: Shop, operation: str, card: str | None = None, value: int = 10**12) -> str:
    """A supervisor's approval for the cashier's request, bound to `card` (a number) and up to
    `value` đồng."""
    return shop.loyalty.approve(
        operation, {}, shop.cashier, code="2001", pin="5678", amount=value, for_card=card
    )


def member_of(shop: Shop, card: str) -> str:
    return shop.loyalty.customer_view(card)["member"]["id"]
