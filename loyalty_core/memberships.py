"""Paid membership: plans, buying or renewing one (a renewal extends the current term)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from loyalty_core import cards
from loyalty_core.bounds import MAX_NAME
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.operations import Context, Core
from loyalty_core.queries import catalog
from loyalty_core.sales import require_staff
from loyalty_core.validation import amount, clean_text


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


def define_plan(
    core: Core,
    code: str,
    name: str,
    fee: int,
    term_days: int,
    discount_bp: int = 0,
    earn_multiplier_pct: int = 100,
) -> str:
    """Head office owns plans; the demo and first set-up define them here."""
    code = clean_text(code, "code", required=True, max_len=32) or ""
    name = clean_text(name, "name", required=True, max_len=MAX_NAME) or ""
    amount(fee, "fee", allow_zero=True)
    for value, field, high in (
        (term_days, "term_days", 36_500),
        (discount_bp, "discount_bp", 10_000),
        (earn_multiplier_pct, "earn_multiplier_pct", 1_000),
    ):
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= high:
            raise LoyaltyError("amount.out_of_range", f"{field} out of range", field=field)
    if term_days == 0:
        raise LoyaltyError("amount.out_of_range", "term_days out of range", field="term_days")
    plan_id = new_id()
    with core.store.write() as s:
        if catalog.plan(s, code) is not None:
            raise LoyaltyError("reward.code_taken", "a plan already has this code", plan_code=code)
        catalog.add_plan(s, plan_id, code, name, fee, term_days, discount_bp, earn_multiplier_pct)
    return plan_id
