"""Tiers: qualifying spend over a rolling window, upgrade at once, and the explanation shown at
the till.

Tiers follow what was spent (qualifying spend, every card of the member), never the redeemable
balance. A sale upgrades at once; the downgrade review (one tier at most per review) is a chain
job run once at head office (sync/headoffice/services/jobs.py), never on a till.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from loyalty_core import cards
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.operations import Context, Core, DbSession
from loyalty_core.queries import ledger, people
from loyalty_core.rows import CardRow, MemberRow
from loyalty_core.rules import Rules
from loyalty_core.rules_schema import window_days


def qualifying_spend(s: DbSession, member_id: str, rules: Rules, today: date) -> int:
    """Qualifying spend over the tier window (rolling, default 365 days), all the member's
    cards: tiers follow what was spent, never the redeemable balance."""
    since = today - timedelta(days=window_days(rules.data, "tier_window_days"))
    return ledger.member_qualifying_spend(s, member_id, since.isoformat())


def review_upgrade(
    ctx: Context, card: CardRow, member: MemberRow | None = None
) -> dict[str, Any] | None:
    """Upgrade at once when qualifying spend passes a higher tier's threshold.

    `member` is the card's member as the caller read it in this transaction (checkout has it),
    so it is not read twice. The spend over the window is a sum over the member's entries, the
    dearest read of a checkout (and it grows with the member's history); it is not summed when
    no tier ranks above the member's, nor when even the member's spend since the cards began (a
    balance: `ledger.upgrade_headroom`) is below the next threshold, as for most sales.
    """
    s = ctx.session
    if member is not None and member.id == card.member_id:
        member_tier: tuple[str | None] | None = (member.tier_id,)
    else:
        member_tier = people.member_tier(s, card.member_id)
    if member_tier is None:
        return None
    above, ceiling = ledger.upgrade_headroom(s, str(card.member_id), member_tier[0])
    if above is None or ceiling < above:
        return None  # at the top, or even the lifelong spend is below the next threshold
    by_id = {t.id: t for t in people.tiers(s)}
    current = by_id.get(member_tier[0] or "")
    spend = qualifying_spend(s, str(card.member_id), ctx.rules, ctx.today)
    reached = [t for t in by_id.values() if t.threshold <= spend]
    if not reached:
        return None
    best = max(reached, key=lambda t: t.rank)
    if current is not None and best.rank <= current.rank:
        return None
    ctx.journal.post(
        Kind.TIER_CHANGE,
        card_id=card.id,
        reason="upgrade",
        payload={
            "member_id": card.member_id,
            "from": member_tier[0],
            "to": best.id,
            "spend": spend,
        },
    )
    return {"from": current.name if current else None, "to": best.name}


def tier_explanation(core: Core, card_number: str) -> dict[str, Any]:
    """Why a member is in their tier, what keeps it and what lifts it: shown at the till."""
    with core.store.read() as s:
        _card, member, tier = cards.card_rows(core, s, card_number, for_use=False)
        if member is None:
            raise LoyaltyError("member.none", "this card has no member")
        rules = core.current_rules(s)
        window = window_days(rules.data, "tier_window_days")
        spend = qualifying_spend(s, member.id, rules, core.today(rules))
        nxt = people.next_tier(s, tier.rank) if tier is not None else None
        return {
            "tier": tier.name if tier else None,
            "window_days": window,
            "qualifying_spend": spend,
            "keep_threshold": tier.threshold if tier else 0,
            "keep_needs": max(0, (tier.threshold if tier else 0) - spend),
            "next_tier": nxt.name if nxt else None,
            "next_threshold": nxt.threshold if nxt else None,
            "next_needs": max(0, nxt.threshold - spend) if nxt else None,
            "rule": "upgrade at once when spend over the window reaches the next threshold; "
            "reviewed on schedule, one tier down if spend fell below this tier's",
        }
