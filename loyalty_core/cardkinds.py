"""What each kind of card can do: the one table engine (and, later, UI) decisions read.

Adding a card kind is one row here plus its number prefix (`cardnumbers.DEFAULT_PREFIXES`);
nothing else in the engine names kinds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class CardKind:
    points: bool  # carries a points account: earns, redeems, gets enrolment/referral bonuses
    stored_value: bool  # carries a stored-value account that can pay
    reloadable: bool  # can be topped up at the counter
    cashback: bool  # earns cashback campaigns (credited to stored value)
    period_discount: bool  # a discount card: unlocks a discount by spend over a period


CARD_KINDS: dict[str, CardKind] = {
    "member": CardKind(True, False, False, False, False),
    "gift": CardKind(False, True, False, False, False),
    "prepaid": CardKind(False, True, True, True, False),
    "combined": CardKind(True, True, True, True, False),
    "discount": CardKind(True, False, False, False, True),
}
NONE = CardKind(False, False, False, False, False)


def capabilities(kind: str | None) -> CardKind:
    return CARD_KINDS.get(kind or "", NONE)


def capability_flags(kind: str | None) -> dict[str, Any]:
    """The flags as plain data, for views handed to the UI."""
    return asdict(capabilities(kind))


def kinds_with(capability: str) -> tuple[str, ...]:
    return tuple(k for k, c in CARD_KINDS.items() if getattr(c, capability))
