"""The derived search columns of a member row, computed in one place.

The projection (live and on replay), migration 0004 and the bench dataset all fill `members`
from these functions, so `verify` rebuilding the table gets the same values the counter wrote.

- `stored_phone`: E.164 when the number parses (entries written before phones were E.164 carry
  the cashier's form), else the text as it was: an old unparseable number stays findable by its
  exact digits rather than vanishing.
- `name_key`: the name folded by `inputs.search_key` (`Nguyễn Thị` -> `nguyen thi`).
- `phone_rev`: the stored number's digits reversed, so "ends with 345678" is the index prefix
  range `'876543' <= phone_rev < '876544'` instead of a scan of a million rows.
"""

from __future__ import annotations

from loyalty_core import phones
from loyalty_core.errors import LoyaltyError
from loyalty_core.inputs import search_key


def stored_phone(phone: object) -> str | None:
    if not isinstance(phone, str) or not phone:
        return None
    try:
        return phones.to_e164(phone)
    except LoyaltyError:
        return phone


def phone_rev(phone: str | None) -> str | None:
    if not phone:
        return None
    digits = "".join(ch for ch in phone if "0" <= ch <= "9")
    return digits[::-1] or None


def name_key(name: object) -> str | None:
    return search_key(name) if isinstance(name, str) else None


def prefix_range(prefix: str) -> tuple[str, str]:
    """[low, high) bounds of the strings starting with `prefix` (not empty), for `>= AND <`.

    A range rather than LIKE: SQLite uses a plain index for LIKE only under conditions (case
    sensitivity, collation) that are easy to lose; a range on a BINARY index always seeks.
    """
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)
