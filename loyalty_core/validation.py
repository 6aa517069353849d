"""Checks on what a cashier typed: amounts, free text, phone numbers, ids.

The domain modules' door to the shared checks: text, e-mail, birthdays and sale lines are
`loyalty_core.inputs`, phone numbers `loyalty_core.phones`, limits `loyalty_core.bounds`, so the
till has one set of checks and head office the same numbers. A refusal is a `LoyaltyError` whose
code the UI turns into a sentence, raised before anything is written.
"""

from __future__ import annotations

from typing import Any

from loyalty_core import inputs, phones
from loyalty_core.bounds import MAX_AMOUNT, MAX_BALANCE, MAX_TEXT
from loyalty_core.errors import LoyaltyError

__all__ = ["MAX_AMOUNT", "MAX_BALANCE", "amount", "clean_text", "object_id", "phone", "phone_key"]

MAX_ID = 64  # ids are uuid4 strings; the wire's Id bound


def amount(value: Any, name: str, *, allow_zero: bool = False) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise LoyaltyError("amount.not_integer", f"{name} must be a whole number", field=name)
    if value < 0 or (value == 0 and not allow_zero) or value > MAX_AMOUNT:
        # The value itself is not echoed: a card swiped into an amount field is a card number.
        raise LoyaltyError("amount.out_of_range", f"{name} out of range", field=name)
    return value


def phone(value: object) -> str | None:
    """A phone number as stored (E.164), None when none was given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return phones.to_e164(value)


def phone_key(value: str) -> str:
    """The stored form of a phone a cashier typed; kept for callers of the old name."""
    return phones.to_e164(value)


def object_id(value: object, field: str, *, required: bool = True) -> str | None:
    """An id handed in by a caller (sale, shift, member, approval): text of id size, printable.

    Anything else cannot name a row, so it is refused as unknown before any query runs.
    """
    if value is None and not required:
        return None
    if (
        not isinstance(value, str)
        or not 0 < len(value) <= MAX_ID
        or not value.isprintable()
        or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value)
    ):
        raise LoyaltyError("id.invalid", f"{field} is not a valid id", field=field)
    return value


def clean_text(
    value: object, field: str, *, required: bool = False, max_len: int = MAX_TEXT
) -> str | None:
    return inputs.clean_text(value, field, required=required, max_len=max_len)
