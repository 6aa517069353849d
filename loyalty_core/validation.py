"""Checks on what a cashier typed: amounts, free text, phone numbers.

Pure functions shared by every domain module; a refusal is a `LoyaltyError` whose code the UI
turns into a sentence, raised before anything is written.
"""

from __future__ import annotations

from typing import Any

from loyalty_core.errors import LoyaltyError

MAX_AMOUNT = 10_000_000_000  # 10 tỷ đồng: anything above is a typing accident, not a sale
MAX_TEXT = 200


def amount(value: Any, name: str, *, allow_zero: bool = False) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise LoyaltyError("amount.not_integer", f"{name} must be a whole number", field=name)
    if value < 0 or (value == 0 and not allow_zero) or value > MAX_AMOUNT:
        # The value itself is not echoed: a card swiped into an amount field is a card number.
        raise LoyaltyError("amount.out_of_range", f"{name} out of range", field=name)
    return value


def phone_key(phone: str) -> str:
    """The one form a phone number is stored and looked up in: its digits and a leading +."""
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")


def clean_text(value: str | None, field: str, *, required: bool = False) -> str | None:
    """Names come from a keyboard at a busy counter: trim, refuse control characters and excess."""
    if value is None:
        if required:
            raise LoyaltyError("text.required", f"{field} is required", field=field)
        return None
    if not isinstance(value, str):
        raise LoyaltyError("text.invalid", f"{field} must be text", field=field)
    text = " ".join(value.split())
    if any(
        ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or ch in "\u202e\u202d\u200f\u200e" for ch in text
    ):
        raise LoyaltyError("text.invalid", f"{field} has control characters", field=field)
    if len(text) > MAX_TEXT:
        raise LoyaltyError("text.too_long", f"{field} is too long", field=field, max=MAX_TEXT)
    if required and not text:
        raise LoyaltyError("text.required", f"{field} is required", field=field)
    return text or None
