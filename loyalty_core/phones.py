"""Phone numbers as members give them at a counter, stored once, in E.164.

Cashiers type `0912 345 678`, `+84 912 345 678` or `84912345678` for the same person; keeping
each form would enrol one person three times (three welcome bonuses) and find nobody by the other
forms. Google's libphonenumber (the `phonenumbers` package) knows every country's plan, so a
number is parsed with Vietnam as the default region and stored as E.164 (`+84912345678`).
"""

from __future__ import annotations

import unicodedata

import phonenumbers

from loyalty_core.bounds import MAX_PHONE_E164
from loyalty_core.errors import LoyaltyError

DEFAULT_REGION = "VN"
_PUNCTUATION = set(" -.()/")
MIN_TAIL_DIGITS = 6  # searching by the last digits: fewer would match too many people


def _ascii_digits_only(text: str) -> bool:
    """Only ASCII digits, `+` and common punctuation: superscripts, Arabic-Indic or full-width
    digits are refused rather than guessed (libphonenumber would quietly convert some)."""
    for ch in text:
        if ch in _PUNCTUATION or ch == "+" or "0" <= ch <= "9":
            continue
        return False
    return True


def to_e164(text: object, region: str = DEFAULT_REGION) -> str:
    """The E.164 form of a phone number, or a refusal a cashier can read."""
    if not isinstance(text, str):
        raise LoyaltyError("member.bad_phone", "phone number must be text", field="phone")
    cleaned = unicodedata.normalize("NFC", text).strip()
    if not cleaned or len(cleaned) > 32 or not _ascii_digits_only(cleaned):
        raise LoyaltyError("member.bad_phone", "phone number is not valid", field="phone")
    # "84 912 345 678" is a Vietnamese number written with its country code but no "+".
    digits = "".join(ch for ch in cleaned if ch.isdigit())
    if not cleaned.startswith("+") and region == DEFAULT_REGION and digits.startswith("84") and (
        len(digits) == 11
    ):
        cleaned = "+" + digits
    try:
        parsed = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        raise LoyaltyError("member.bad_phone", "phone number is not valid", field="phone") from None
    if not phonenumbers.is_valid_number(parsed):
        raise LoyaltyError("member.bad_phone", "phone number is not valid", field="phone")
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if len(e164) > MAX_PHONE_E164:
        raise LoyaltyError("member.bad_phone", "phone number is not valid", field="phone")
    return e164


def search_digits(text: object) -> str | None:
    """The digits to search by when a cashier types part of a phone number (its last digits),
    or None when the text is not a usable tail (fewer than MIN_TAIL_DIGITS ASCII digits)."""
    if not isinstance(text, str) or not _ascii_digits_only(text.strip()):
        return None
    digits = "".join(ch for ch in text if "0" <= ch <= "9")
    return digits if len(digits) >= MIN_TAIL_DIGITS else None


def display(e164: str) -> str:
    """How a stored number is shown to a Vietnamese cashier: the national format."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(parsed) == DEFAULT_REGION:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
