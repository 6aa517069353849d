"""Our card numbering, the one place it is written: per-kind prefixes, fixed length, a Luhn
check digit, what a payment card looks like, and the one masking rule.

The engine (issuing and looking up cards) and the readers (`hardware`, which may import this
module and nothing else of the engine) both use it, so a number the readers accept is a number
the engine would have issued, and a card is masked the same way on the screen, on the slip and in
a reader's refusal. A number that is not ours (a payment card swiped by mistake, a typo) is refused
before it reaches the database and is never written anywhere: callers only ever see `mask()` of it.

A pure leaf: no SQL, no I/O, nothing else of ours imported.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar

CARD_KINDS = ("member", "gift", "prepaid", "combined", "discount")
# Prefixes sit in a private range (88xxxx is not assigned to a payment network we accept) so a
# payment card can never be mistaken for ours. Each kind gets its own so the till knows what
# was presented before it asks the database.
DEFAULT_PREFIXES: Mapping[str, str] = MappingProxyType(
    {
        "member": "880100",
        "gift": "880200",
        "prepaid": "880300",
        "combined": "880400",
        "discount": "880500",
    }
)
LENGTH = 16
# ISO/IEC 7812 payment card numbers are 13..19 digits (some 12-digit Maestro exist too).
PAYMENT_MIN_LENGTH = 12
PAYMENT_MAX_LENGTH = 19
MASK_SHOWN_DIGITS = 4


def _ascii_digits(text: str) -> bool:
    return bool(text) and text.isascii() and text.isdigit()


def luhn_check_digit(body: str) -> str:
    """The digit that makes body + digit pass Luhn."""
    if not _ascii_digits(body):
        raise ValueError("a Luhn payload must be ASCII digits")
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = ord(ch) - 48
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    """True when the ASCII digits (check digit included, at least two) pass the Luhn test."""
    return (
        _ascii_digits(number) and len(number) >= 2 and luhn_check_digit(number[:-1]) == number[-1]
    )


def normalize(text: str) -> str:
    """Cashiers type with spaces and dashes, and some keyboards send full-width or Arabic-Indic
    digits: the number is the decimal digits, as ASCII. Superscripts and the like are dropped."""
    if text.isascii() and text.isdigit():
        return text  # what a reader or a wedge sends: nothing to convert (every lookup asks)
    out = []
    for ch in text:
        value = unicodedata.decimal(ch, None)
        if value is not None:
            out.append(str(value))
    return "".join(out)


def mask(number: str) -> str:
    """The one masking rule, for screens, slips, logs and refusals: the last four digits only.

    Enough for a cashier to compare with the card in hand, and the least any of our copies ever
    showed (the readers used to keep the first six too, which for a payment card is its issuer).
    Anything that is not a digit is dropped, so a whole track string can be passed safely; four
    digits or fewer are all hidden.
    """
    digits = normalize(number)
    if len(digits) <= MASK_SHOWN_DIGITS:
        return "*" * len(digits)
    return "•••• " + digits[-MASK_SHOWN_DIGITS:]


def looks_like_payment_card(digits: str) -> bool:
    """A Luhn-valid 12..19 digit number: what a bank card looks like on a track or a chip."""
    return PAYMENT_MIN_LENGTH <= len(digits) <= PAYMENT_MAX_LENGTH and luhn_ok(digits)


def _prefix_kind(digits: str, prefixes: Mapping[str, str]) -> str | None:
    for kind, prefix in prefixes.items():
        if digits.startswith(prefix):
            return kind
    return None


def kind_of(
    number: str, prefixes: Mapping[str, str] | None = None, length: int = LENGTH
) -> str | None:
    """The kind our numbering gives this number, or None when it is not ours."""
    if len(number) != length or not luhn_ok(number):
        return None
    return _prefix_kind(number, prefixes or DEFAULT_PREFIXES)


def generate(kind: str, prefixes: Mapping[str, str] | None = None, length: int = LENGTH) -> str:
    """A fresh random number of `kind` (the engine issues these; uniqueness is its check)."""
    prefix = (prefixes or DEFAULT_PREFIXES)[kind]
    body = prefix + "".join(secrets.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return body + luhn_check_digit(body)


class CardNumberError(ValueError):
    """A number that is not one of ours (or is a payment card: refused).

    `code` is stable (translations and tests key on it); `message` is plain English; `masked` is
    the only form of the number it carries. Neither message nor repr ever holds the number.
    """

    code: str = "card_number_invalid"

    def __init__(self, message: str, code: str | None = None, masked: str = "") -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.masked = masked


@dataclass(frozen=True)
class CardNumber:
    """A validated number of ours, with the kind its prefix says."""

    number: str
    kind: str

    def __str__(self) -> str:
        return self.number

    @property
    def masked(self) -> str:
        return mask(self.number)


@dataclass(frozen=True)
class CardNumbering:
    """A shop's numbering scheme (prefixes per kind, length), validated on construction.

    `error` is the exception type `parse` raises: the readers raise theirs (a HardwareError as
    well as a CardNumberError) so their callers need to catch only one family.
    """

    prefixes: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_PREFIXES))
    length: int = LENGTH
    error: ClassVar[type[CardNumberError]] = CardNumberError

    def __post_init__(self) -> None:
        if not 8 <= self.length <= 19:
            raise ValueError("card number length must be 8..19 digits")
        if not self.prefixes:
            raise ValueError("at least one card kind prefix is needed")
        seen: list[str] = []
        for kind, prefix in self.prefixes.items():
            if not _ascii_digits(prefix) or not 1 <= len(prefix) < self.length:
                raise ValueError(f"prefix for {kind!r} must be 1..{self.length - 1} digits")
            for other in seen:
                if prefix.startswith(other) or other.startswith(prefix):
                    raise ValueError(f"prefixes {prefix} and {other} overlap")
            seen.append(prefix)
        object.__setattr__(self, "prefixes", MappingProxyType(dict(self.prefixes)))

    def kind_of(self, digits: str) -> str | None:
        """The kind the prefix says, whatever the length and check digit."""
        return _prefix_kind(digits, self.prefixes)

    def parse(self, raw: str) -> CardNumber:
        """Validate a number read from any device; raise `error` with a masked copy.

        Spaces and dashes are tolerated (numbers typed or printed in groups). The error messages
        never contain the number: a payment card must not reach a log through an exception.
        """
        digits = raw.replace(" ", "").replace("-", "")
        if not _ascii_digits(digits):
            raise self.error(
                "card number must be digits", code="card_number_not_digits", masked=mask(raw)
            )
        kind = self.kind_of(digits)
        if kind is None or len(digits) != self.length:
            if looks_like_payment_card(digits):
                raise self.error(
                    "a payment card was presented; it is not a loyalty card and is not accepted",
                    code="payment_card_refused",
                    masked=mask(digits),
                )
            if kind is None:
                raise self.error(
                    "this card is not one of ours", code="card_number_foreign", masked=mask(digits)
                )
            raise self.error(
                f"card number must have {self.length} digits",
                code="card_number_length",
                masked=mask(digits),
            )
        if not luhn_ok(digits):
            raise self.error(
                "card number check digit is wrong",
                code="card_number_check_digit",
                masked=mask(digits),
            )
        return CardNumber(digits, kind)

    def is_ours(self, raw: str) -> bool:
        try:
            self.parse(raw)
        except CardNumberError:
            return False
        return True

    def make(self, kind: str, serial: int) -> CardNumber:
        """The number for `serial` within `kind`: prefix + zero-padded serial + check digit."""
        prefix = self.prefixes.get(kind)
        if prefix is None:
            raise ValueError(f"unknown card kind {kind!r}")
        width = self.length - len(prefix) - 1
        if serial < 0 or serial >= 10**width:
            raise ValueError(f"serial must be 0..{10**width - 1} for kind {kind!r}")
        payload = f"{prefix}{serial:0{width}d}"
        return CardNumber(payload + luhn_check_digit(payload), kind)
