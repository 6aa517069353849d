"""The counter panel's reads: everything shown when a card is presented, in one short read.

`customer_view` also says what the card can do (`capabilities`, from `cardkinds`), so the UI
need keep no list of kinds of its own.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from loyalty_core import cardnumbers, cards, pricing, snapshot, tiers
from loyalty_core.cardkinds import capability_flags
from loyalty_core.errors import LoyaltyError
from loyalty_core.operations import Core, DbSession
from loyalty_core.programs.birthday import birthday_in_window
from loyalty_core.queries import ledger, people
from loyalty_core.rows import MemberRow, TierRow
from loyalty_core.rules import Rules


def customer_view(core: Core, card_number: str) -> dict[str, Any]:
    """Everything the counter panel shows for a card, in one short read transaction."""
    with core.store.read() as s:
        found = cards.card_rows(core, s, card_number, for_use=False)
        card, member, tier = found
        rules = core.current_rules(s)
        today = core.today(rules)
        view: dict[str, Any] = {
            "card_id": card.id,
            "number": card.number,
            "masked": cardnumbers.mask(card.number),
            "kind": card.kind,
            "capabilities": capability_flags(card.kind),
            "status": card.status,
            "status_reason": card.status_reason,
            "expires_on": card.expires_on,
            "flagged": card.flagged,
            "usable": True,
            "refusal": None,
            "balances": ledger.usable_balances(s, card.id, today.isoformat()),
            "member": None,
        }
        try:
            cards.check_usable(card, today)
        except LoyaltyError as exc:
            view["usable"] = False
            view["refusal"] = {"code": exc.code, "params": exc.params}
        soon = (today + timedelta(days=int(rules.data["expiring_soon_days"]))).isoformat()
        view["points_expiring"] = ledger.points_expiring(s, card.id, soon, today.isoformat())
        if member is not None:
            view["member"] = _member_view(s, member, tier, rules, today)
        benefits = pricing.benefits(snapshot.gather(s, found, today))
        view["offers"] = benefits.offers
        view["discount_bp"] = benefits.discount_bp
        view["discount_source"] = benefits.discount_source
        view["discount_card"] = benefits.discount_card
        view["membership"] = benefits.membership
        return view


def _member_view(
    s: DbSession, member: MemberRow, tier: TierRow | None, rules: Rules, today: date
) -> dict[str, Any]:
    spend = tiers.qualifying_spend(s, member.id, rules, today)
    nxt = people.next_tier(s, tier.rank) if tier is not None else None
    return {
        "id": member.id,
        "name": member.name,
        # Another store's member not seen here: this till holds no personal data of theirs
        # (least data per till); sync.till.lookup asks head office when it is reachable.
        "withheld": not member.name,
        "phone": member.phone,
        "birthday": member.birthday,
        "birthday_soon": birthday_in_window(
            member.birthday, today, int(rules.data["birthday_window_days"])
        ),
        "tier": tier.name if tier else None,
        "tier_code": tier.code if tier else None,
        "discount_bp": tier.discount_bp if tier else 0,
        "qualifying_spend": spend,
        "next_tier": nxt.name if nxt else None,
        "next_tier_needs": max(0, int(nxt.threshold) - spend) if nxt else 0,
    }


def points_expiring(core: Core, card_number: str, days: int = 30) -> list[dict[str, Any]]:
    """Which points go when: the till shows it so the customer can use them first."""
    with core.store.read() as s:
        card = cards.card(core, s, card_number, for_use=False)
        today = core.today(core.current_rules(s))
        until = (today + timedelta(days=days)).isoformat()
        return [
            {"expires_on": d, "points": p}
            for d, p in ledger.points_expiring_by_day(s, card.id, until, today.isoformat())
        ]
