"""Splitting a refund back over the tenders a sale was paid with, exactly.

A refund returns what the customer paid, tender by tender, in proportion to the part of the sale
given back. Rounding each tender on its own leaks: two partial refunds of a 10.000 đ sale can
return 1.999 đ cash and every point. So the rule is stated once, here, and is exact by
construction:

* the amount to give back so far is `floor(paid × refunded_so_far ÷ amount)`, and exactly what is
  left on the last refund: a chain of partial refunds returns the sale's payment to the đồng;
* this refund's share is split over what is still unreturned of each tender by the largest
  remainder rule, so no tender is ever returned beyond what was paid with it;
* a tender that can only move in whole units (points, each worth the sale's own đồng-per-point
  rate) is rounded down to a whole unit; the đồng left over go to the other tenders if they have
  room, or stay owed to the next refund. Nothing is ever returned above its share.
"""

from __future__ import annotations

from collections.abc import Mapping


def largest_remainder(total: int, weights: Mapping[str, int]) -> dict[str, int]:
    """`total` split in proportion to `weights` (each >= 0), summing to `total` exactly.

    With `total <= sum(weights)` no share exceeds its weight. Ties go to the larger weight, then
    the key's order, so every node computes the same split.
    """
    if total < 0 or any(w < 0 for w in weights.values()):
        raise ValueError("largest_remainder takes non-negative numbers")
    whole = sum(weights.values())
    if whole == 0 or total == 0:
        return {key: 0 for key in weights}
    shares = {key: w * total // whole for key, w in weights.items()}
    left = total - sum(shares.values())
    order = sorted(weights, key=lambda k: (-(weights[k] * total % whole), -weights[k], k))
    for key in order[:left]:
        shares[key] += 1
    return shares


def due_so_far(paid: int, amount: int, refunded: int) -> int:
    """What must have been given back once `refunded` of the sale's `amount` is refunded."""
    if refunded >= amount:
        return paid
    return paid * refunded // amount


def allocate_refund(
    paid: Mapping[str, int],
    returned: Mapping[str, int],
    amount: int,
    refunded_before: int,
    refund: int,
    units: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """This refund's đồng per tender.

    `paid` is each tender's value on the sale, `returned` what earlier refunds gave back of it,
    `amount` the sale's amount, `refunded_before` the part of it refunded earlier and `refund` this
    refund's part. `units` names tenders that move in whole units of that many đồng (points).
    """
    if amount <= 0 or refund <= 0 or refunded_before < 0 or refunded_before + refund > amount:
        raise ValueError("refund outside the sale")
    units = units or {}
    room = {key: paid[key] - returned.get(key, 0) for key in paid}
    if any(v < 0 for v in room.values()):
        raise ValueError("a tender was returned beyond what was paid with it")
    target = due_so_far(sum(paid.values()), amount, refunded_before + refund)
    owed = min(target - sum(returned.get(key, 0) for key in paid), sum(room.values()))
    if owed <= 0:
        return {key: 0 for key in paid}
    if refunded_before + refund >= amount:
        return dict(room)  # the last refund: exactly what is left of every tender
    shares = largest_remainder(owed, room)
    spare = 0
    for key, unit in units.items():
        if key in shares and unit > 1:
            whole_units = shares[key] // unit * unit
            spare += shares[key] - whole_units
            shares[key] = whole_units
    if spare:
        free = {k: room[k] - shares[k] for k in room if units.get(k, 1) <= 1}
        extra = largest_remainder(min(spare, sum(free.values())), free)
        for key, value in extra.items():
            shares[key] += value
    return shares
