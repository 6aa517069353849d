"""Offline allowances: what this till may let go while head office cannot be reached, per
resource, split so that N tills offline never let more go than one would.

Head office tells every till on each pull how many active tills the chain has (N) and how many
its store has (S) (`syncstore.CHAIN_TILLS`, `STORE_TILLS`). Each till takes its share:

- stored value: per card and shop day, ⌊L / N⌋ (L = rules' `offline_stored_value_limit`), never
  more than the card's last known balance;
- points: per card and shop day, ⌊P / N⌋ (P = rules' `offline_points_limit`), never more than the
  card's usable points;
- a voucher's uses: ⌊R / N⌋ of R, the uses left when this till last pulled (a single-use voucher
  at a chain of two or more tills: none: head office must hold it, or a supervisor overrides);
- a reward's units at this store: ⌊U / S⌋ of U, the units left when this till last pulled.

Each till's own uses since (the shop day's start, or its last pull) count against its share. So
N tills together let at most N·⌊L/N⌋ ≤ L go per card and day (docs/SYNC.md has every formula).
A card head office flagged gets no allowance at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from loyalty_core import syncallowance, syncstore
from loyalty_core.entries import Kind
from loyalty_core.queries import ledger
from loyalty_core.store import Store

Resource = Literal["stored_value", "points", "voucher", "reward"]


@dataclass(frozen=True)
class Item:
    """One limited resource an operation uses: `subject` is the voucher's or reward's id."""

    resource: Resource
    amount: int
    subject: str | None = None


@dataclass(frozen=True)
class Day:
    """The shop day's UTC bounds and date (for lots' expiry)."""

    since: str
    until: str
    date: str


def allowance(store: Store, card_id: str | None, item: Item, day: Day,
              sv_limit: int, points_limit: int, store_id: str) -> int:
    """What this till may still let `item` take offline."""
    with store.read() as s:
        if card_id is not None and syncstore.card_flag(s, card_id):
            return 0  # head office saw an overuse on this card: everything must be held online
        chain, here = syncallowance.tills(s)
        till = store.till_id
        if item.resource == "stored_value":
            if card_id is None:
                return 0
            spent = syncstore.offline_stored_value_spent(s, till, card_id, day.since, day.until)
            balance = syncstore.stored_value_balance(s, card_id)
            return max(0, min(balance, sv_limit // chain - spent))
        if item.resource == "points":
            if card_id is None:
                return 0
            spent = syncallowance.offline_points_spent(s, till, card_id, day.since, day.until)
            usable = ledger.usable_balance(s, card_id, "points", day.date)
            return max(0, min(usable, points_limit // chain - spent))
        since = syncallowance.pulled_at(s)
        if item.resource == "voucher" and item.subject is not None:
            found = syncallowance.voucher_by_id(s, item.subject)
            if found is None:
                return 0
            max_uses, uses = found
            used = syncallowance.own_uses_since(s, till, Kind.VOUCHER_USE, "voucher_id",
                                                item.subject, since)
            left = max_uses - uses
            return max(0, min(left, (left + used) // chain - used))
        if item.resource == "reward" and item.subject is not None:
            left = syncallowance.reward_units(s, item.subject, store_id)
            used = syncallowance.own_uses_since(s, till, Kind.REWARD_REDEEM, "reward_id",
                                                item.subject, since)
            return max(0, min(left, (left + used) // here - used))
    return 0
