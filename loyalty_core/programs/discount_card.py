"""Discount card: spend `threshold` over a period (week, month, year) to unlock `bp` off."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from loyalty_core.cardkinds import capabilities
from loyalty_core.operations import DbSession
from loyalty_core.programs.base import Benefits, Facts, ProgramKind
from loyalty_core.queries import catalog
from loyalty_core.rows import CardRow, ProgramRow


def period_start(today: date, period: str) -> date:
    if period == "year":
        return today.replace(month=1, day=1)
    if period == "week":
        return today - timedelta(days=today.weekday())
    return today.replace(day=1)


class DiscountCard(ProgramKind):
    name = "discount_card"
    integers = ("threshold", "bp")

    def gather(
        self, s: DbSession, card: CardRow, program: ProgramRow, today: date
    ) -> Mapping[str, Any]:
        if not capabilities(card.kind).period_discount:
            return {}
        since = period_start(today, program.params.get("period", "month"))
        return {"period_spend": catalog.card_spend_since(s, card.id, since.isoformat())}

    def contribute(self, benefits: Benefits, program: ProgramRow, facts: Facts) -> None:
        card = facts.card
        if card is None or not capabilities(card.kind).period_discount:
            return
        if benefits.discount_card is not None:
            return  # one discount-card program applies: the first running
        p = program.params
        spend = int(facts.program_facts.get(program.id, {}).get("period_spend", 0))
        threshold = int(p["threshold"])
        unlocked = spend >= threshold
        benefits.discount_card = {
            "program": program.name,
            "period_spend": spend,
            "threshold": threshold,
            "remaining": max(0, threshold - spend),
            "bp": int(p["bp"]),
            "unlocked": unlocked,
        }
        if unlocked:
            benefits.offer_discount(int(p["bp"]), "discount_card")


KIND = DiscountCard()
