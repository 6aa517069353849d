"""Strict input checks: each hostile value the issue found is refused with its own code."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loyalty_core.errors import LoyaltyError
from loyalty_core.inputs import (
    clean_birthday,
    clean_email,
    clean_lines,
    clean_text,
    holds_card_number,
    search_key,
)
from loyalty_core.phones import search_digits, to_e164

TODAY = date(2026, 12, 1)


def code_of(fn, *args, **kwargs) -> str:
    with pytest.raises(LoyaltyError) as caught:
        fn(*args, **kwargs)
    return caught.value.code


@pytest.mark.parametrize(
    "form", ["0912 345 678", "+84912345678", "84 912 345 678", "0912-345-678", "(+84) 912.345.678"]
)
def test_every_form_of_one_phone_is_one_number(form: str) -> None:
    assert to_e164(form) == "+84912345678"


@pytest.mark.parametrize("junk", ["1", "²³", "٠٩١٢٣٤٥٦٧٨", "0912", "", "abc", "0912345678" * 4, 912])
def test_junk_phones_are_refused(junk: object) -> None:
    assert code_of(to_e164, junk) == "member.bad_phone"


def test_phone_tail_needs_six_ascii_digits() -> None:
    assert search_digits("345 678") == "345678"
    assert search_digits("45678") is None
    assert search_digits("٣٤٥٦٧٨") is None


@pytest.mark.parametrize(
    "text",
    [
        "Lan 4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "ref 5500005555555559 ok",
        "378282246310005",  # 15-digit Amex test number
    ],
)
def test_card_numbers_in_free_text_are_refused(text: str) -> None:
    assert holds_card_number(text)
    assert code_of(clean_text, text, "reason") == "text.card_number"


def test_digit_runs_that_are_not_cards_pass() -> None:
    assert not holds_card_number("4111 1111 1111 1112")  # Luhn fails
    assert not holds_card_number("hoá đơn 0912345678")  # a phone, ten digits
    assert clean_text("Đơn 123456", "reason") == "Đơn 123456"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Lan\u202eanL", "text.invalid"),  # right-to-left override
        ("Lan\u2067x\u2069", "text.invalid"),  # isolates
        ("\u200b\u200c\u200d", "text.required"),  # zero-width only
        ("Lan\ud800", "text.invalid"),  # lone surrogate
        ("Lan\x00", "text.invalid"),
        ("x" * 201, "text.too_long"),
        (12, "text.invalid"),
    ],
)
def test_hostile_names_are_refused(value: object, code: str) -> None:
    assert code_of(clean_text, value, "name", required=True) == code


def test_names_keep_vietnamese_and_fold_for_search() -> None:
    assert clean_text("  Nguyễn   Thị  Lan ", "name", required=True) == "Nguyễn Thị Lan"
    assert search_key("Nguyễn Thị Đào") == "nguyen thi dao"
    assert search_key("nguyen thi") in search_key("Nguyễn Thị Lan")


@pytest.mark.parametrize("bad", ["a@", "@b.vn", "lan@", "lan at mail.vn", "lan@@mail.vn"])
def test_bad_emails_are_refused(bad: str) -> None:
    assert code_of(clean_email, bad) == "member.bad_email"


def test_good_email_is_normalised() -> None:
    assert clean_email("Lan@Example.VN") == "Lan@example.vn"


@pytest.mark.parametrize("bad", ["2027-01-01", "1899-12-31", "03/12/1995", "2026-02-30", 19950312])
def test_impossible_birthdays_are_refused(bad: object) -> None:
    assert code_of(clean_birthday, bad, TODAY) == "member.bad_birthday"


def test_lines_must_add_up_and_be_whole_numbers() -> None:
    good = [{"name": "Cà phê", "quantity": 2, "unit_price": 25_000}]
    assert clean_lines(good, 50_000) == good
    assert code_of(clean_lines, good, 50_001) == "sale.lines_total"
    nan = [{"name": "x", "quantity": 1, "unit_price": float("nan")}]
    assert code_of(clean_lines, nan, 0) == "sale.bad_line"
    assert code_of(clean_lines, ["not an object"], 0) == "sale.bad_line"
    assert code_of(clean_lines, "lines", 0) == "sale.bad_lines"
    many = [{"name": "x", "quantity": 1, "unit_price": 1}] * 201
    assert code_of(clean_lines, many, 201) == "sale.too_many_lines"
    extra = [{"name": "x", "quantity": 1, "unit_price": 1, "note": "y" * 10_000}]
    assert code_of(clean_lines, extra, 1) == "sale.bad_line"


@given(st.text(max_size=60))
def test_clean_text_never_raises_anything_but_a_refusal(text: str) -> None:
    try:
        out = clean_text(text, "name")
    except LoyaltyError:
        return
    assert out is None or (out == out.strip() and len(out) <= 200)
