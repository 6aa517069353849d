"""Our card numbering: Luhn, prefixes per kind, refusal and masking of everything else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.cardnumbers import (
    DEFAULT_PREFIXES,
    CardNumbering,
    luhn_check_digit,
    luhn_ok,
    mask,
)
from hardware.errors import CardNumberError, HardwareError
from loyalty_core import cardnumbers

NUMBERING = CardNumbering()


@pytest.mark.parametrize(
    "number", ["79927398713", "4111111111111111", "5555555555554444", "378282246310005"]
)
def test_luhn_accepts_published_valid_numbers(number: str) -> None:
    assert luhn_ok(number)


@pytest.mark.parametrize("number", ["79927398710", "4111111111111112", "", "12a4", "١٢٣"])
def test_luhn_rejects_invalid_numbers(number: str) -> None:
    assert not luhn_ok(number)


def test_check_digit_of_the_textbook_example() -> None:
    assert luhn_check_digit("7992739871") == "3"


def test_default_prefixes_and_length() -> None:
    assert dict(DEFAULT_PREFIXES) == {
        "member": "880100",
        "gift": "880200",
        "prepaid": "880300",
        "combined": "880400",
        "discount": "880500",
    }
    for kind in DEFAULT_PREFIXES:
        card = NUMBERING.make(kind, 987654)
        assert len(card.number) == 16 and card.number.startswith(DEFAULT_PREFIXES[kind])
        assert NUMBERING.parse(card.number) == card
        assert NUMBERING.parse(f"{card.number[:4]} {card.number[4:8]}-{card.number[8:]}") == card


def test_configured_prefixes_replace_the_defaults() -> None:
    shop = CardNumbering({"member": "9704", "gift": "9705"}, length=12)
    member = shop.make("member", 5)
    assert member.number == "970400000059"  # 9704 + 0000005 + Luhn digit 9
    assert shop.parse(member.number).kind == "member"
    # A default-scheme number is Luhn-valid with a prefix this shop does not use: to this shop
    # it is indistinguishable from a payment card, so it is refused as one.
    with pytest.raises(CardNumberError) as info:
        shop.parse(NUMBERING.make("member", 5).number)
    assert info.value.code == "payment_card_refused"


@pytest.mark.parametrize(
    ("prefixes", "length"),
    [({}, 16), ({"a": "88", "b": "881"}, 16), ({"a": "x1"}, 16), ({"a": "1" * 16}, 16)],
)
def test_bad_numbering_configuration_is_refused(prefixes: dict[str, str], length: int) -> None:
    with pytest.raises(ValueError):
        CardNumbering(prefixes, length)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("8801000000001235", "card_number_check_digit"),
        ("880100000000123", "card_number_length"),
        ("1234567890123456", "card_number_foreign"),
        ("88010000000012a4", "card_number_not_digits"),
        ("", "card_number_not_digits"),
        ("4111111111111111", "payment_card_refused"),
        ("378282246310005", "payment_card_refused"),
        ("8801000000001234567", "payment_card_refused"),  # Luhn-valid, ours by prefix only
    ],
)
def test_refusals_have_stable_codes(raw: str, code: str) -> None:
    if code == "payment_card_refused" and raw.startswith("8801"):
        raw = raw[:-1] + luhn_check_digit(raw[:-1])
    with pytest.raises(CardNumberError) as info:
        NUMBERING.parse(raw)
    assert info.value.code == code
    digits = "".join(c for c in raw if c.isdigit())
    if len(digits) >= 6:
        assert digits not in str(info.value) and digits not in repr(info.value)


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("4111111111111111", "•••• 1111"),
        ("4111-1111-1111-1111", "•••• 1111"),
        ("6011000990139424", "•••• 9424"),
        ("3782822463100051234", "•••• 1234"),
        ("378282246310005", "•••• 0005"),
        ("１２３４５６７８", "•••• 5678"),  # full-width digits typed by some keyboards
        ("12345", "•••• 2345"),
        ("1234", "****"),
        ("", ""),
    ],
)
def test_mask_examples(raw: str, masked: str) -> None:
    assert mask(raw) == masked


@given(st.text(max_size=40))
def test_mask_shows_at_most_the_last_four_digits(text: str) -> None:
    digits = cardnumbers.normalize(text)
    out = mask(text)
    shown = "".join(c for c in out if c.isdigit())
    assert len(shown) <= 4
    assert shown == (digits[-4:] if len(digits) > 4 else "")


def test_one_numbering_module_for_engine_and_readers() -> None:
    """The readers' rules are the engine's: same functions, same defaults, same mask."""
    assert mask is cardnumbers.mask and luhn_ok is cardnumbers.luhn_ok
    assert DEFAULT_PREFIXES is cardnumbers.DEFAULT_PREFIXES
    assert isinstance(NUMBERING, cardnumbers.CardNumbering)
    issued = cardnumbers.generate("gift")
    assert NUMBERING.parse(issued).kind == cardnumbers.kind_of(issued) == "gift"


def test_reader_refusals_are_both_hardware_and_numbering_errors() -> None:
    with pytest.raises(CardNumberError) as info:
        NUMBERING.parse("4111111111111111")
    exc = info.value
    assert isinstance(exc, HardwareError) and isinstance(exc, cardnumbers.CardNumberError)
    assert (exc.code, exc.masked) == ("payment_card_refused", "•••• 1111")
    with pytest.raises(cardnumbers.CardNumberError) as plain:
        cardnumbers.CardNumbering().parse("4111111111111111")
    assert not isinstance(plain.value, HardwareError)
    assert plain.value.code == "payment_card_refused"


@given(st.text(max_size=40))
def test_parse_raises_only_card_number_error(text: str) -> None:
    try:
        card = NUMBERING.parse(text)
    except CardNumberError as exc:
        assert exc.code
    else:
        assert NUMBERING.kind_of(card.number) == card.kind


@given(st.sampled_from(sorted(DEFAULT_PREFIXES)), st.integers(0, 10**9 - 1))
def test_every_issued_number_parses_back(kind: str, serial: int) -> None:
    card = NUMBERING.make(kind, serial)
    assert NUMBERING.parse(card.number) == card
