"""Our card numbering: a per-kind prefix, random digits, and a Luhn check digit.

A number that is not ours (a payment card swiped by mistake, a typo) is refused before it reaches
the database, and is never written anywhere: callers only ever see `mask()` of it.
"""

from __future__ import annotations

import secrets
import unicodedata

CARD_KINDS = ("member", "gift", "prepaid", "combined", "discount")
DEFAULT_PREFIXES: dict[str, str] = {
    "member": "880100",
    "gift": "880200",
    "prepaid": "880300",
    "combined": "880400",
    "discount": "880500",
}
LENGTH = 16


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    return number.isdigit() and len(number) >= 2 and luhn_check_digit(number[:-1]) == number[-1]


def generate(kind: str, prefixes: dict[str, str] | None = None) -> str:
    prefix = (prefixes or DEFAULT_PREFIXES)[kind]
    body = prefix + "".join(secrets.choice("0123456789") for _ in range(LENGTH - len(prefix) - 1))
    return body + luhn_check_digit(body)


def kind_of(number: str, prefixes: dict[str, str] | None = None) -> str | None:
    """The kind our numbering gives this number, or None when it is not ours."""
    if len(number) != LENGTH or not luhn_ok(number):
        return None
    for kind, prefix in (prefixes or DEFAULT_PREFIXES).items():
        if number.startswith(prefix):
            return kind
    return None


def normalize(text: str) -> str:
    """Cashiers type with spaces and dashes, and some keyboards send full-width or Arabic-Indic
    digits: the number is the decimal digits, as ASCII. Superscripts and the like are dropped."""
    out = []
    for ch in text:
        value = unicodedata.decimal(ch, None)
        if value is not None:
            out.append(str(value))
    return "".join(out)


def mask(number: str) -> str:
    """Last four digits only: enough for a cashier to compare with the card in hand."""
    digits = normalize(number)
    if len(digits) <= 4:
        return "*" * len(digits)
    return "•••• " + digits[-4:]
