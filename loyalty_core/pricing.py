"""Pricing: what a sale to this card would do, as a pure function of a snapshot of facts.

No database here: `snapshot.gather` reads the facts (card, member, tier, paid membership, the
programs running today and what each gathered, balances, the voucher), and `price` turns them and
the bill into a quote. The quote shown to the cashier and the checkout that follows it are the
same computation over the same facts. The pricing rules themselves are in `programs.base`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from loyalty_core.cardkinds import NONE, capabilities
from loyalty_core.errors import LoyaltyError
from loyalty_core.programs import REGISTRY, Benefits, Facts
from loyalty_core.rows import CardRow, VoucherRow
from loyalty_core.rules import Rules
from loyalty_core.validation import amount as check_amount


def clean_voucher_code(code: object) -> str:
    """Codes are typed or scanned: letters, digits and dashes only, case-insensitive."""
    if not isinstance(code, str):
        raise LoyaltyError("voucher.bad_code", "voucher code must be text")
    text = code.strip().upper()
    if not 3 <= len(text) <= 32 or not all(
        ch.isascii() and (ch.isalnum() or ch == "-") for ch in text
    ):
        raise LoyaltyError("voucher.bad_code", "voucher code is 3-32 letters, digits or dashes")
    return text


def benefits(facts: Facts) -> Benefits:
    """Discount, multipliers, cashback and offers for the card of `facts`, today."""
    b = Benefits()
    card = facts.card
    if card is None:
        return b
    if facts.tier is not None:
        b.multipliers["tier"] = facts.tier.earn_multiplier_pct
        b.offer_discount(facts.tier.discount_bp, "tier")
    plan = facts.membership if facts.member is not None else None
    if plan is not None:
        active = plan.starts_on <= facts.today.isoformat() <= plan.ends_on
        b.membership = {
            "plan": plan.plan_name,
            "code": plan.plan_code,
            "ends_on": plan.ends_on,
            "active": active,
        }
        if active:
            b.multipliers["membership"] = int(plan.earn_multiplier_pct)
            b.offer_discount(int(plan.discount_bp), "membership")
    for kind in REGISTRY.values():
        for program in facts.running(kind.name):
            kind.contribute(b, program, facts)
    if b.campaign_pct != 100:
        b.multipliers["campaign"] = b.campaign_pct
    return b


def voucher_discount(
    voucher: VoucherRow | None, card: CardRow | None, gross: int, after_pct: int, today: date
) -> int:
    """Check a voucher for this sale and return the discount it gives."""
    if voucher is None:
        raise LoyaltyError("voucher.unknown", "unknown voucher code")
    day = today.isoformat()
    if day < voucher.valid_from:
        raise LoyaltyError(
            "voucher.not_yet", "voucher not valid yet", valid_from=voucher.valid_from
        )
    if day > voucher.valid_to:
        raise LoyaltyError("voucher.expired", "voucher has expired", valid_to=voucher.valid_to)
    if voucher.uses >= voucher.max_uses:
        raise LoyaltyError("voucher.used_up", "voucher already used", max_uses=voucher.max_uses)
    if voucher.member_id is not None and (card is None or card.member_id != voucher.member_id):
        raise LoyaltyError("voucher.other_customer", "voucher belongs to another customer")
    if gross < voucher.min_spend:
        raise LoyaltyError(
            "voucher.below_minimum",
            "bill below the voucher's minimum spend",
            min_spend=voucher.min_spend,
        )
    if voucher.kind == "percent":
        return after_pct * voucher.value // 10_000
    return min(voucher.value, after_pct)


def qualifying_spend(cash_due: int, stored_value: int) -> int:
    """What lifts a tier: money actually paid (cash, bank card, transfer, stored value).

    The one definition. Points paid with (earned, bonus, coalition) and discounts (tier,
    voucher, membership) are not spend: otherwise points handed out as a bonus buy status.
    """
    return cash_due + stored_value


def check_amounts(amount: int, points: int, stored_value: int) -> None:
    check_amount(amount, "amount")
    check_amount(points, "points", allow_zero=True)
    check_amount(stored_value, "stored_value", allow_zero=True)


def price(
    facts: Facts,
    rules: Rules,
    amount: int,
    points: int,
    stored_value: int,
    voucher_code: str | None = None,
) -> dict[str, Any]:
    """The quote: discount, voucher, points and stored value used, cash due, earn, cashback."""
    check_amounts(amount, points, stored_value)
    card = facts.card
    b = benefits(facts)
    pct_discount = rules.discount(amount, b.discount_bp)
    voucher_id, voucher_off = None, 0
    if voucher_code:
        voucher_off = voucher_discount(
            facts.voucher, card, amount, amount - pct_discount, facts.today
        )
        voucher_id = facts.voucher.id if facts.voucher else None
    discount = pct_discount + voucher_off
    net = amount - discount
    can = capabilities(card.kind) if card else NONE
    points_value = points * rules.point_value
    if points:
        if not can.points:
            raise LoyaltyError("card.no_points", "this card does not carry points")
        available = facts.balances.get("points", 0)
        if points > available:
            raise LoyaltyError("points.insufficient", "not enough points", available=available)
        if points_value > net:
            raise LoyaltyError(
                "points.exceeds_bill",
                "points would pay more than the bill",
                max_points=net // rules.point_value,
            )
    if stored_value:
        if not can.stored_value:
            raise LoyaltyError("card.no_stored_value", "this card carries no stored value")
        available = facts.balances.get("stored_value", 0)
        if stored_value > available:
            raise LoyaltyError(
                "stored_value.insufficient", "not enough stored value", available=available
            )
        if stored_value > net - points_value:
            raise LoyaltyError(
                "stored_value.exceeds_bill",
                "stored value would pay more than the bill",
                max_amount=net - points_value,
            )
    eligible = net - points_value - (0 if rules.data["earn_on_stored_value"] else stored_value)
    earned = 0
    if card is not None and can.points:
        earned = rules.earn_points(eligible, *b.multipliers.values())
    cash_due = net - points_value - stored_value
    return {
        "amount": amount,
        "discount": discount,
        "discount_bp": b.discount_bp,
        "discount_source": b.discount_source,
        "voucher_id": voucher_id,
        "voucher_discount": voucher_off,
        "multipliers": b.multipliers,
        "net": net,
        "points_redeemed": points,
        "points_value": points_value,
        "point_value": rules.point_value,
        "stored_value_used": stored_value,
        "cash_due": cash_due,
        "qualifying_spend": qualifying_spend(cash_due, stored_value),
        "points_earned": earned,
        "cashback": cash_due * b.cashback_bp // 10_000,
        "cashback_expiry_days": b.cashback_expiry_days,
        "rule_version": rules.version,
    }
