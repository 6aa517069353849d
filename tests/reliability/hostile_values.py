"""The hostile values of the input matrix, by what a parameter holds, and the longest values
the till accepts (pushed to a real head office by tests/sync/test_bounds_push.py).

Each hostile value must be refused by every parameter of its class; each accepted value must be
taken by the till and then by head office.
"""

from __future__ import annotations

from typing import Any

from loyalty_core import bounds

CARD_PAN = "4111 1111 1111 1111"  # a Visa test number: Luhn-valid, 16 digits

TEXT = (
    "abc\u202egnp.exe",  # bidi override (Trojan Source)
    "Lan\u2067x\u2069",  # bidi isolate
    "ab\ud800cd",  # lone surrogate
    f"Chị Lan {CARD_PAN}",  # a payment card number typed into free text
    "x" * 10_000,
    "a\x00b",
    12345,
    ["a"],
    {"a": 1},
)
REQUIRED_TEXT = (*TEXT, "", "   ", "\u200b\u200c\u200d", None)
AMOUNT = (float("nan"), float("inf"), -1, 10**20, 2**63, "1000", True, 1.5, [1])
OPTIONAL_AMOUNT = AMOUNT
ID = ("", "x" * 10_000, 12345, "ab\ud800", "00000000-0000-4000-8000-000000000000", ["x"])
CARD = ("", "4111111111111111", CARD_PAN, "x", 12345, "ab\ud800", "9" * 40, None)
# "" for an optional card means "no card", as the counter sends it
OPTIONAL_CARD = tuple(v for v in CARD if v not in (None, ""))
# the shape of an id is wrong (an unknown but well-formed id is each method's own question)
BAD_ID_SHAPE = tuple(v for v in ID if v != "00000000-0000-4000-8000-000000000000")
PHONE = ("1", "²³⁴⁵⁶⁷⁸⁹", "٠٩١٢٣٤٥٦٧٨", "9" * 40, "0912\u202e345678", 912345678, "abcdefg")
EMAIL = ("a@", "@b.vn", "a b@c.vn", "x" * 300 + "@a.vn", "lan@\ud800.vn", 5)
BIRTHDAY = ("2999-01-01", "1800-01-01", "not a date", "2026-13-40", 20000101)
# a contactless chip's UID: hex of 4, 7 or 10 bytes
UID = ("", "04A1", "04A1B2C3D4E5F60", "GGA1B2C3", "04A1B2C3\ud800", "x" * 10_000, 12345, ["04"])
SEARCH = ("", " ", "a", "9" * 40, "\u202e", "ab\ud800", "x" * 10_000, 12345678, None)


def lines_bad(amount: int) -> tuple[Any, ...]:
    one = {"name": "Cà phê", "quantity": 1, "unit_price": amount}
    return (
        [{**one, "unit_price": float("nan")}],
        [{**one, "quantity": float("inf")}],
        [{**one, "unit_price": amount - 1}],  # does not add up to the amount
        [{**one, "name": f"Cà phê {CARD_PAN}"}],
        [{**one, "name": "x" * 3_000_000}],
        [{**one, "extra": object()}],
        [one, "not a line"],
        [dict(one, quantity=1, unit_price=1)] * (bounds.MAX_SALE_LINES + 1),
        "lines",
        {"name": "x"},
    )


# Longest values the till accepts, field by field: a till must never write an entry head office
# refuses for its content.
LONGEST_NAME = "Nguyễn " + "Ă" * (bounds.MAX_NAME - len("Nguyễn "))
LONGEST_SEGMENT = "Khách hàng thân thiết " + "ạ" * (bounds.MAX_SEGMENT - 22)
LONGEST_EMAIL = ("a" * 64) + "@" + ".".join(["b" * 60] * 3) + ".vn"
LONGEST_REASON = "Thẻ bị mất, khách báo " + "ơ" * (bounds.MAX_TEXT - 22)
LONGEST_LINE = "Bánh mì " + "ư" * (bounds.MAX_LINE_TEXT - 8)
LONGEST_PHONE = "+84 912 345 678"
