"""Our card numbering: fixed length, a per-kind prefix, a Luhn check digit.

Everything that is not one of our numbers is refused here, at the parser, before anything can
log or store it: a payment card swiped by mistake must never leave this module unmasked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from hardware.errors import CardNumberError

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
DEFAULT_LENGTH = 16
# ISO/IEC 7812 payment card numbers are 13..19 digits (some 12-digit Maestro exist too).
PAYMENT_MIN_LENGTH = 12
PAYMENT_MAX_LENGTH = 19


def luhn_checksum_ok(digits: str) -> bool:
    """True when the digits (check digit included) pass the Luhn test."""
    if not digits or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_check_digit(payload: str) -> str:
    """The digit that makes payload + digit pass Luhn."""
    if not payload.isascii() or not payload.isdigit():
        raise CardNumberError("the payload must be ASCII digits", code="card_number_not_digits")
    for d in "0123456789":
        if luhn_checksum_ok(payload + d):
            return d
    raise AssertionError("unreachable: one of ten digits always satisfies Luhn")


def mask(text: str) -> str:
    """Mask a card number for display and logs: at most the first 6 and last 4 digits remain.

    Shorter numbers keep fewer digits so at least 6 are always hidden. Non-digits are dropped,
    so a whole track string can be passed safely. Output is grouped by four: `4111 11** **** 1111`.
    """
    digits = "".join(ch for ch in text if ch.isascii() and ch.isdigit())
    n = len(digits)
    tail = min(4, max(0, n - 6))
    head = min(6, max(0, n - 6 - tail))
    shown = digits[:head] + "*" * (n - head - tail) + (digits[n - tail :] if tail else "")
    return " ".join(shown[i : i + 4] for i in range(0, len(shown), 4))


def looks_like_payment_card(digits: str) -> bool:
    """A Luhn-valid 12..19 digit number: what a bank card looks like on a track or a chip."""
    return (
        PAYMENT_MIN_LENGTH <= len(digits) <= PAYMENT_MAX_LENGTH
        and digits.isascii()
        and digits.isdigit()
        and luhn_checksum_ok(digits)
    )


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
    """The shop's numbering scheme. Prefixes are configurable per kind (see docs/HARDWARE.md)."""

    prefixes: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_PREFIXES))
    length: int = DEFAULT_LENGTH

    def __post_init__(self) -> None:
        if not 8 <= self.length <= 19:
            raise ValueError("card number length must be 8..19 digits")
        if not self.prefixes:
            raise ValueError("at least one card kind prefix is needed")
        seen: list[str] = []
        for kind, prefix in self.prefixes.items():
            if not prefix.isascii() or not prefix.isdigit() or not 1 <= len(prefix) < self.length:
                raise ValueError(f"prefix for {kind!r} must be 1..{self.length - 1} digits")
            for other in seen:
                if prefix.startswith(other) or other.startswith(prefix):
                    raise ValueError(f"prefixes {prefix} and {other} overlap")
            seen.append(prefix)
        object.__setattr__(self, "prefixes", MappingProxyType(dict(self.prefixes)))

    def kind_of(self, digits: str) -> str | None:
        for kind, prefix in self.prefixes.items():
            if digits.startswith(prefix):
                return kind
        return None

    def parse(self, raw: str) -> CardNumber:
        """Validate a number read from any device; raise CardNumberError with a masked copy.

        Spaces and dashes are tolerated (numbers typed or printed in groups). The error messages
        never contain the number: a payment card must not reach a log through an exception.
        """
        digits = raw.replace(" ", "").replace("-", "")
        if not digits or not digits.isascii() or not digits.isdigit():
            raise CardNumberError(
                "card number must be digits", code="card_number_not_digits", masked=mask(raw)
            )
        kind = self.kind_of(digits)
        if kind is None or len(digits) != self.length:
            if looks_like_payment_card(digits):
                raise CardNumberError(
                    "a payment card was presented; it is not a loyalty card and is not accepted",
                    code="payment_card_refused",
                    masked=mask(digits),
                )
            if kind is None:
                raise CardNumberError(
                    "this card is not one of ours", code="card_number_foreign", masked=mask(digits)
                )
            raise CardNumberError(
                f"card number must have {self.length} digits",
                code="card_number_length",
                masked=mask(digits),
            )
        if not luhn_checksum_ok(digits):
            raise CardNumberError(
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
        """Issue the number for `serial` within `kind`: prefix + zero-padded serial + check."""
        prefix = self.prefixes.get(kind)
        if prefix is None:
            raise ValueError(f"unknown card kind {kind!r}")
        width = self.length - len(prefix) - 1
        if serial < 0 or serial >= 10**width:
            raise ValueError(f"serial must be 0..{10**width - 1} for kind {kind!r}")
        payload = f"{prefix}{serial:0{width}d}"
        return CardNumber(payload + luhn_check_digit(payload), kind)
