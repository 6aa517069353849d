"""Manual corrections of a card's points or stored value, by a supervisor's leave.

A supervisor needs one (a mistyped top-up, points promised over the phone); without it staff
would fake a sale or a refund, which corrupts takings and tiers. So it is an operation of its
own: a reason is mandatory, the staff member is recorded, and an approval bound to this card and
amount is needed above the rules' `approval.adjust_over` (0 by default: always). A debit can
never take more than the card holds now (expired points count as zero); a points debit names
the lots it takes, as every debit does. Qualifying spend is never adjusted by hand.
"""

from __future__ import annotations

from typing import Any

from loyalty_core import approvals, cards
from loyalty_core.cardkinds import capabilities
from loyalty_core.entries import MAX_AMOUNT, Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.operations import Context, Core
from loyalty_core.queries import ledger
from loyalty_core.sales import consume_lots, require_staff
from loyalty_core.validation import clean_text

ACCOUNTS = ("points", "stored_value")


def adjust(
    core: Core,
    operation_id: str,
    staff_id: str | None,
    card_number: str,
    account: str,
    amount: int,
    reason: str,
    approval_id: str | None = None,
) -> dict[str, Any]:
    """Credit (amount > 0) or debit (amount < 0) one card's points or stored value."""
    require_staff(staff_id)
    if account not in ACCOUNTS:
        raise LoyaltyError("adjust.bad_account", "only points or stored value can be adjusted")
    if amount.__class__ is not int or amount == 0 or abs(amount) > MAX_AMOUNT:
        raise LoyaltyError("adjust.bad_amount", "an adjustment is a non-zero whole number")
    why = clean_text(reason, "reason", required=True)

    def body(ctx: Context) -> dict[str, Any]:
        s = ctx.session
        card = cards.card(core, s, card_number, for_use=False)
        can = capabilities(card.kind)
        if account == "points" and not can.points:
            raise LoyaltyError("card.no_points", "this card does not carry points")
        if account == "stored_value" and not can.stored_value:
            raise LoyaltyError("card.no_stored_value", "this card carries no stored value")
        today = ctx.today.isoformat()
        held = ledger.usable_balance(s, card.id, account, today)
        if amount < 0 and -amount > held:
            raise LoyaltyError("adjust.below_zero", "more than the card holds", available=held)
        value = abs(amount) * (ctx.rules.point_value if account == "points" else 1)
        approvals.require(
            ctx, "adjust", "adjust_over", value, approval_id, staff_id, card_id=card.id
        )
        if account == "points":
            payload = (
                {"expires_on": ctx.points_expire_on()}
                if amount > 0
                else {"lots": consume_lots(s, card.id, -amount, today)}
            )
            ctx.journal.post(
                Kind.POINTS_ADJUST, card_id=card.id, account=account, amount=amount,
                reason=why, payload=payload,
            )
        else:
            ctx.journal.post(
                Kind.SV_ADJUST, card_id=card.id, account=account, amount=amount, reason=why
            )
        return {
            "card_id": card.id,
            "account": account,
            "amount": amount,
            "value": value,
            "reason": why,
            "balances": ledger.usable_balances(s, card.id, today),
        }

    return core.run(operation_id, "adjust", staff_id, body)
