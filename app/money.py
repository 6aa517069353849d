"""The one place that turns integer amounts into text and back.

Money is whole đồng (int) everywhere; a float never appears. Vietnamese shops write thousands
with dots and the symbol after the amount (`1.250.000 ₫`), whatever the UI language, because that
is what is printed on prices and receipts in the shop.
"""

from __future__ import annotations

CURRENCY_SYMBOL = "₫"


def group_thousands(value: int) -> str:
    """`1250000` -> `1.250.000`; negative amounts keep their sign in front."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("amounts are whole numbers (int)")
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", ".")


def format_vnd(value: int) -> str:
    return f"{group_thousands(value)} {CURRENCY_SYMBOL}"


def format_points(value: int) -> str:
    """Points are grouped like money so a cashier reads both the same way."""
    return group_thousands(value)


def parse_amount(text: str) -> int | None:
    """What a cashier typed (`1.250.000`, `1 250 000`, `1250000 ₫`) as an int, or None.

    Anything with a decimal part or letters is refused rather than guessed: a misread amount at
    a till is worse than a second try.
    """
    cleaned = text.strip().replace(CURRENCY_SYMBOL, "").replace("đ", "").strip()
    cleaned = cleaned.replace(".", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned or not cleaned.isascii() or not cleaned.isdigit():
        return None
    return int(cleaned)


def percent_text(bp: int) -> str:
    """Basis points as a percentage without floats: 250 -> "2,5" in Vietnamese style."""
    whole, frac = divmod(bp, 100)
    return str(whole) if frac == 0 else f"{whole},{frac:02d}".rstrip("0")


def multiplier_text(pct: int) -> str:
    """An earn multiplier in percent as the shop writes it: 150 -> "x1,5", 200 -> "x2"."""
    return "x" + percent_text(pct)
