"""Paid membership: plans on sale, buying or renewing one (a renewal extends the current term).

Plans are head office's (applied by `loyalty_core.definitions`), so a plan bought in one store
gives its benefits in every store of the chain.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from loyalty_core import cards
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.operations import Context, Core
from loyalty_core.queries import catalog
from loyalty_core.sales import require_staff


def buy_membership(
    core: Core,
    operation_id: str,
    staff_id: str | None,
    card_number: str,
    plan_code: str,
    *,
    shift_id: str | None = None,
) -> dict[str, Any]:
    """Purchase or renewal: a renewal extends from the end of the current term if active."""
    require_staff(staff_id)  # money is taken: someone answers for it

    def body(ctx: Context) -> dict[str, Any]:
        ctx.check_shift(shift_id)
        s = ctx.session
        card = cards.card(core, s, card_number)
        if card.member_id is None:
            raise LoyaltyError("member.none", "this card has no member")
        plan = catalog.plan(s, plan_code)
        if plan is None:
            raise LoyaltyError("membership.unknown_plan", "unknown membership plan")
        current = catalog.membership(s, card.member_id, plan.id)
        start = ctx.today
        if current is not None and current[1] >= ctx.today.isoformat():
            start = date.fromisoformat(current[1]) + timedelta(days=1)
        ends = start + timedelta(days=plan.term_days - 1)
        ctx.journal.post(
            Kind.MEMBERSHIP_BUY,
            card_id=card.id,
            payload={
                "member_id": card.member_id,
                "plan_id": plan.id,
                "starts_on": (current[0] if current and start != ctx.today else start.isoformat()),
                "ends_on": ends.isoformat(),
                "fee": plan.fee,
                "cash": plan.fee,
                "shift_id": shift_id,
                "renewal": current is not None,
            },
        )
        return {
            "plan": plan.name,
            "fee": plan.fee,
            "ends_on": ends.isoformat(),
            "renewal": current is not None,
        }

    return core.run(operation_id, "membership.buy", staff_id, body)


def membership_plans(core: Core) -> list[dict[str, Any]]:
    with core.store.read() as s:
        return [
            {
                "code": p.code,
                "name": p.name,
                "fee": p.fee,
                "term_days": p.term_days,
                "discount_bp": p.discount_bp,
                "earn_multiplier_pct": p.earn_multiplier_pct,
            }
            for p in catalog.plans(s)
        ]
