"""Sales at the counter: quote, checkout, top-up, selling a gift card.

A checkout prices the bill with `pricing.price` over the facts `snapshot.gather` read, asks for
one supervisor approval when points or stored value are over their limits, and writes the sale
and each of its effects (redeem, spend, voucher use, cashback, earn, qualifying spend) as entries;
a member's tier and the running programs (`after_sale`) then react.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from loyalty_core import approvals, cards, inputs, pricing, snapshot, tiers
from loyalty_core.cardkinds import capabilities
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.operations import Context, Core, DbSession
from loyalty_core.programs import REGISTRY, Facts
from loyalty_core.queries import ledger
from loyalty_core.validation import amount as check_amount

TENDERS = ("cash", "card")


def consume_lots(s: DbSession, card_id: str, points: int) -> list[dict[str, Any]]:
    """Which lots `points` come out of: soonest-expiring first; lots without expiry last."""
    used: list[dict[str, Any]] = []
    left = points
    for lot in ledger.open_lots(s, card_id):
        if left == 0:
            break
        take = min(lot.remaining, left)
        used.append({"lot_id": lot.id, "amount": take})
        left -= take
    if left:
        raise LoyaltyError("points.lots_mismatch", "points lots do not cover the balance")
    return used


def _priced(
    core: Core,
    s: DbSession,
    found: cards.Found | None,
    amount: int,
    points: int,
    stored_value: int,
    voucher_code: str | None,
) -> tuple[dict[str, Any], Facts]:
    rules = core.current_rules(s)
    pricing.check_amounts(amount, points, stored_value)
    accounts = tuple(a for a, v in (("points", points), ("stored_value", stored_value)) if v)
    facts = snapshot.gather(
        s, found, core.today(rules), accounts=accounts, voucher_code=voucher_code
    )
    return pricing.price(facts, rules, amount, points, stored_value, voucher_code), facts


def quote(
    core: Core,
    card_number: str | None,
    amount: int,
    points_to_redeem: int = 0,
    stored_value_to_use: int = 0,
    voucher_code: str | None = None,
) -> dict[str, Any]:
    """What a checkout would do, without doing it: shown to the cashier before confirming."""
    with core.store.read() as s:
        found = cards.card_rows(core, s, card_number) if card_number else None
        return _priced(core, s, found, amount, points_to_redeem, stored_value_to_use, voucher_code)[
            0
        ]


def checkout(
    core: Core,
    operation_id: str,
    staff_id: str | None,
    card_number: str | None,
    amount: int,
    *,
    points_to_redeem: int = 0,
    stored_value_to_use: int = 0,
    lines: list[dict[str, Any]] | None = None,
    shift_id: str | None = None,
    approval_id: str | None = None,
    tender: str = "cash",
    voucher_code: str | None = None,
) -> dict[str, Any]:
    """A sale: discount, redeem points, spend stored value, earn, qualifying spend, tier.

    `tender` says how the rest (cash_due) was paid, cash or external card, for the Z report.
    """
    if tender not in TENDERS:
        raise LoyaltyError("sale.bad_tender", "unknown tender", tender=tender)
    clean_lines = inputs.clean_lines(lines, amount)

    def body(ctx: Context) -> dict[str, Any]:
        ctx.check_shift(shift_id)
        s = ctx.session
        found = cards.card_rows(core, s, card_number) if card_number else None
        card = found[0] if found else None
        price, facts = _priced(
            core, s, found, amount, points_to_redeem, stored_value_to_use, voucher_code
        )
        _approve(ctx, price, stored_value_to_use, approval_id, staff_id)
        sale_id = new_id()
        card_id = card.id if card else None
        ctx.journal.post(
            Kind.SALE,
            card_id=card_id,
            sale_id=sale_id,
            payload={**price, "shift_id": shift_id, "lines": clean_lines, "tender": tender},
        )
        if points_to_redeem and card is not None:
            lots = consume_lots(s, card.id, points_to_redeem)
            ctx.journal.post(
                Kind.REDEEM,
                card_id=card_id,
                account="points",
                amount=-points_to_redeem,
                sale_id=sale_id,
                payload={"lots": lots, "value": price["points_value"]},
            )
        if stored_value_to_use:
            ctx.journal.post(
                Kind.SV_SPEND,
                card_id=card_id,
                account="stored_value",
                amount=-stored_value_to_use,
                sale_id=sale_id,
            )
        if price["voucher_id"]:
            ctx.journal.post(
                Kind.VOUCHER_USE,
                card_id=card_id,
                sale_id=sale_id,
                payload={"voucher_id": price["voucher_id"], "discount": price["voucher_discount"]},
            )
        result = {"sale_id": sale_id, **price}
        if card is not None and price["cashback"]:
            days = price["cashback_expiry_days"]
            ctx.journal.post(
                Kind.CASHBACK,
                card_id=card_id,
                account="stored_value",
                amount=price["cashback"],
                sale_id=sale_id,
                payload={
                    "expires_on": (ctx.today + timedelta(days=int(days))).isoformat()
                    if days
                    else None
                },
            )
        if card is not None and price["points_earned"]:
            ctx.journal.post(
                Kind.EARN,
                card_id=card_id,
                account="points",
                amount=price["points_earned"],
                sale_id=sale_id,
                payload={"expires_on": ctx.points_expire_on()},
            )
        if card is not None and card.member_id is not None:
            ctx.journal.post(
                Kind.QSPEND,
                card_id=card_id,
                account="qualifying_spend",
                amount=price["net"],
                sale_id=sale_id,
            )
            result["tier_change"] = tiers.review_upgrade(ctx, card, found[1] if found else None)
            for kind in REGISTRY.values():
                result.update(kind.after_sale(ctx, facts.running(kind.name), card, sale_id))
        if card is not None:
            result["balances"] = ledger.balances_of(s, card.id)
        return result

    return core.run(operation_id, "checkout", staff_id, body)


def _approve(
    ctx: Context,
    price: dict[str, Any],
    stored_value: int,
    approval_id: str | None,
    staff_id: str | None,
) -> None:
    """One supervisor approval per sale: when both points and stored value are over their
    limits, the approval is asked for the sale ("checkout") and covers both."""
    needs = [
        (op, rule, value)
        for op, rule, value in (
            ("redeem", "redeem_value_over", price["points_value"]),
            ("stored_value", "stored_value_over", stored_value),
        )
        if value and approvals.over_threshold(ctx, rule, value)
    ]
    if len(needs) == 1:
        approvals.consume(ctx, *needs[0], approval_id, staff_id)
    elif needs:
        approvals.consume(
            ctx,
            "checkout",
            "+".join(n[1] for n in needs),
            sum(n[2] for n in needs),
            approval_id,
            staff_id,
        )


def top_up(
    core: Core,
    operation_id: str,
    staff_id: str | None,
    card_number: str,
    amount: int,
    *,
    shift_id: str | None = None,
    approval_id: str | None = None,
) -> dict[str, Any]:
    """Reload a prepaid or combined card; the bonus is its own entry so reports can tell."""
    check_amount(amount, "amount")

    def body(ctx: Context) -> dict[str, Any]:
        ctx.check_shift(shift_id)
        card = cards.card(core, ctx.session, card_number)
        if not capabilities(card.kind).reloadable:
            raise LoyaltyError(
                "card.not_reloadable", "only prepaid cards can be topped up", kind=card.kind
            )
        if amount > int(ctx.rules.data["topup_max"]):
            raise LoyaltyError(
                "topup.too_large", "top-up above the maximum", max=ctx.rules.data["topup_max"]
            )
        approvals.require(ctx, "topup", "topup_over", amount, approval_id, staff_id)
        bonus = ctx.rules.topup_bonus(amount)
        ctx.journal.post(
            Kind.SV_TOPUP,
            card_id=card.id,
            account="stored_value",
            amount=amount,
            payload={"shift_id": shift_id, "cash": amount},
        )
        if bonus:
            ctx.journal.post(
                Kind.SV_BONUS,
                card_id=card.id,
                account="stored_value",
                amount=bonus,
                payload={"shift_id": shift_id, "topup": amount},
            )
        return {
            "card_id": card.id,
            "amount": amount,
            "bonus": bonus,
            "balances": ledger.balances_of(ctx.session, card.id),
        }

    return core.run(operation_id, "topup", staff_id, body)


def sell_gift_card(
    core: Core,
    operation_id: str,
    staff_id: str | None,
    amount: int,
    card_number: str | None = None,
    *,
    shift_id: str | None = None,
    approval_id: str | None = None,
) -> dict[str, Any]:
    """Sell a gift card of any denomination: a pre-printed pending card, or a new number."""
    check_amount(amount, "amount")

    def body(ctx: Context) -> dict[str, Any]:
        ctx.check_shift(shift_id)
        if amount > int(ctx.rules.data["gift_card_max"]):
            raise LoyaltyError(
                "gift.too_large", "gift card above the maximum", max=ctx.rules.data["gift_card_max"]
            )
        approvals.require(ctx, "gift_card", "gift_card_over", amount, approval_id, staff_id)
        card = cards.issue(ctx, "gift", None, card_number, activate=True)
        ctx.journal.post(
            Kind.GIFT_LOAD,
            card_id=card["id"],
            account="stored_value",
            amount=amount,
            payload={"shift_id": shift_id, "cash": amount},
        )
        return {"card_id": card["id"], "card_number": card["number"], "amount": amount}

    return core.run(operation_id, "gift.sell", staff_id, body)
