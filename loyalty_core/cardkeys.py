"""Other stores' card numbers as keyed hashes: a till recognises them without holding them.

A full card number spends its card's stored value, so a till keeps in clear only the numbers of
its own store's cards. Another store's card is stored as HMAC-SHA256(chain key, number), the
chain key being what the till received at enrolment (its key file, never the database). A swipe
of such a card is hashed the same way and found; a copied database alone gives no number.

The stored form is `k` + the first 128 bits of the MAC written with the letters a-p + the
number's last four digits (what a mask shows anyway: `mask_stored` gives `•••• 1234`). Letters,
so a keyed form never passes for a number typed at the counter (card numbers are read as digits
only).
"""

from __future__ import annotations

import hashlib
import hmac

from loyalty_core.cardnumbers import mask

PREFIX = "k"
_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def keyed(number: str, chain_key: str) -> str:
    """The stored form of another store's card number (or of a card UID)."""
    mac = hmac.new(chain_key.encode("ascii"), number.encode("utf-8"), hashlib.sha256)
    return PREFIX + mac.hexdigest()[:32].translate(_LETTERS) + number[-4:]


def is_keyed(value: str | None) -> bool:
    return bool(value) and str(value).startswith(PREFIX) and len(str(value)) > 33


def mask_stored(value: str) -> str:
    """The mask of a stored number, keyed or not: `•••• 1234`."""
    return mask("0000" + value[-4:]) if is_keyed(value) else mask(value)
