"""Our card numbering as the readers see it: loyalty_core.cardnumbers' rules, nothing of its own.

The rules (prefixes, Luhn, payment-card recognition, the mask) live once, in
`loyalty_core.cardnumbers`, the one engine module `hardware` may import (a leaf with no SQL).
This module only makes the readers' `CardNumbering` raise `hardware.errors.CardNumberError`, so
everything a reader raises is a `HardwareError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from hardware.errors import CardNumberError
from loyalty_core import cardnumbers
from loyalty_core.cardnumbers import (
    DEFAULT_PREFIXES,
    LENGTH,
    CardNumber,
    looks_like_payment_card,
    luhn_check_digit,
    luhn_ok,
    mask,
)


@dataclass(frozen=True)
class CardNumbering(cardnumbers.CardNumbering):
    """The shop's numbering scheme; refusals raise a HardwareError (see docs/HARDWARE.md)."""

    error: ClassVar[type[cardnumbers.CardNumberError]] = CardNumberError


__all__ = [
    "DEFAULT_PREFIXES",
    "LENGTH",
    "CardNumber",
    "CardNumberError",
    "CardNumbering",
    "looks_like_payment_card",
    "luhn_check_digit",
    "luhn_ok",
    "mask",
]
