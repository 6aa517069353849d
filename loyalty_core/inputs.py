"""Strict checks for what people type and what callers pass, before anything is written.

Every refusal is a `LoyaltyError` with a code the UI words, raised before the operation's
transaction writes a row, so hostile or mistaken input changes nothing. The same checks run at
head office on pushed entries (through the entry registry), so a till can never write something
head office would refuse.

Free text never stores a payment card number: a run of 13-19 digits (spaces and dashes allowed
between them) passing the Luhn check is refused, whatever field it was typed into.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from email_validator import EmailNotValidError, validate_email

from loyalty_core.bounds import (
    MAX_AMOUNT,
    MAX_EMAIL,
    MAX_LINE_QUANTITY,
    MAX_LINE_TEXT,
    MAX_LINES_JSON_BYTES,
    MAX_SALE_LINES,
    MAX_TEXT,
    MIN_BIRTH_YEAR,
)
from loyalty_core.canonical import canonical_json
from loyalty_core.cardnumbers import luhn_ok
from loyalty_core.errors import LoyaltyError

# Characters that reorder or hide text (Trojan Source, CVE-2021-42574) or are invisible.
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_INVISIBLE = set("\u00ad\u034f\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
_CARD_RUN = re.compile(r"(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)")


def holds_card_number(text: str) -> bool:
    """True when the text carries something that looks like a payment card number."""
    ascii_digits = "".join(
        str(unicodedata.decimal(ch)) if unicodedata.decimal(ch, None) is not None else ch
        for ch in text
    )
    for match in _CARD_RUN.finditer(ascii_digits):
        digits = re.sub(r"[ -]", "", match.group())
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            return True
    return False


def clean_text(
    value: object, field: str, *, required: bool = False, max_len: int = MAX_TEXT
) -> str | None:
    """Trim and check one free-text field; None stays None unless the field is required."""
    if value is None:
        if required:
            raise LoyaltyError("text.required", f"{field} is required", field=field)
        return None
    if not isinstance(value, str):
        raise LoyaltyError("text.invalid", f"{field} must be text", field=field)
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise LoyaltyError("text.invalid", f"{field} is not valid text", field=field)
    text = unicodedata.normalize("NFC", " ".join(value.split()))
    for ch in text:
        if ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
            raise LoyaltyError("text.invalid", f"{field} has control characters", field=field)
    if len(text) > max_len:
        raise LoyaltyError("text.too_long", f"{field} is too long", field=field, max=max_len)
    if holds_card_number(text):
        raise LoyaltyError(
            "text.card_number", f"{field} looks like a payment card number", field=field
        )
    visible = "".join(ch for ch in text if ch not in _INVISIBLE and not ch.isspace())
    if not visible:
        if required:
            raise LoyaltyError("text.required", f"{field} is required", field=field)
        return None
    return text


def clean_email(value: object) -> str | None:
    text = clean_text(value, "email", max_len=MAX_EMAIL)
    if text is None:
        return None
    try:
        checked = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise LoyaltyError("member.bad_email", "e-mail address is not valid", field="email") from None
    return str(checked.normalized)


def clean_birthday(value: object, today: date) -> str | None:
    """A birthday as YYYY-MM-DD, not in the future and not before MIN_BIRTH_YEAR."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise LoyaltyError("member.bad_birthday", "birthday must be YYYY-MM-DD")
    try:
        born = date.fromisoformat(value.strip())
    except ValueError:
        raise LoyaltyError("member.bad_birthday", "birthday must be YYYY-MM-DD") from None
    if born > today or born.year < MIN_BIRTH_YEAR:
        raise LoyaltyError("member.bad_birthday", "birthday is not a possible date")
    return born.isoformat()


def search_key(text: str) -> str:
    """A name folded for accent-insensitive search: `Nguyễn Thị` and `nguyen thi` meet here.

    Vietnamese `đ` is a letter of its own, not d with a mark, so it is folded by hand.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.casefold().split())


def _line_int(line: dict[str, Any], key: str, low: int, high: int, index: int) -> int:
    value = line.get(key, 0 if key == "discount" else None)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise LoyaltyError("sale.bad_line", "a sale line has a bad number", line=index, field=key)
    return value


_LINE_KEYS = frozenset({"name", "sku", "quantity", "qty", "unit_price", "amount"})


def clean_lines(lines: object, amount: int) -> list[dict[str, Any]]:
    """Sale lines: each {"name", "quantity" (or "qty", as the counter's sale dialog sends it),
    "unit_price"}, optionally "sku" and "amount" (which must be quantity x unit price), whole
    numbers only, adding up to the sale's amount exactly; an empty list means the cashier typed
    a total. Each line keeps the caller's key names, so what was shown is what is stored."""
    if lines is None:
        return []
    if not isinstance(lines, list):
        raise LoyaltyError("sale.bad_lines", "sale lines must be a list")
    if len(lines) > MAX_SALE_LINES:
        raise LoyaltyError("sale.too_many_lines", "too many sale lines", max=MAX_SALE_LINES)
    out: list[dict[str, Any]] = []
    total = 0
    for i, line in enumerate(lines):
        if (
            not isinstance(line, dict)
            or not set(line) <= _LINE_KEYS
            or ("quantity" in line) == ("qty" in line)
        ):
            raise LoyaltyError("sale.bad_line", "a sale line is not valid", line=i)
        qty_key = "quantity" if "quantity" in line else "qty"
        name = clean_text(line.get("name"), "line", required=True, max_len=MAX_LINE_TEXT)
        sku = clean_text(line.get("sku"), "sku", max_len=MAX_LINE_TEXT)
        quantity = _line_int(line, qty_key, 1, MAX_LINE_QUANTITY, i)
        unit_price = _line_int(line, "unit_price", 0, MAX_AMOUNT, i)
        clean: dict[str, Any] = {"name": name, qty_key: quantity, "unit_price": unit_price}
        if "amount" in line:
            if _line_int(line, "amount", 0, MAX_AMOUNT * MAX_LINE_QUANTITY, i) != (
                quantity * unit_price
            ):
                raise LoyaltyError(
                    "sale.bad_line", "a sale line's amount is not quantity x price", line=i
                )
            clean["amount"] = quantity * unit_price
        total += quantity * unit_price
        if sku is not None:
            clean["sku"] = sku
        out.append(clean)
    if out and total != amount:
        raise LoyaltyError(
            "sale.lines_total", "sale lines do not add up to the amount", total=total
        )
    if len(canonical_json(out).encode("utf-8")) > MAX_LINES_JSON_BYTES:
        raise LoyaltyError("sale.bad_lines", "sale lines are too large")
    return out
