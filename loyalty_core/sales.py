"""Sales at the counter: quote, checkout, top-up, selling a gift card.

A checkout prices the bill with `pricing.price` over the facts `snapshot.gather` read, asks for
one supervisor approval when points or stored value are over their limits, and writes the sale
and each of its effects (redeem, spend, voucher use, cashback, earn, qualifying spend) as entries;
a member's tier and the running programs (`after_sale`) then react.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from loyalty_core import approvals, cards, inputs, pricing, snapshot, tiers
from loyalty_core.cardkinds import capabilities
from loyalty_core.entries import MAX_AMOUNT, Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.operations import Context, Core, DbSession
from loyalty_core.programs import REGISTRY, Facts
from loyalty_core.queries import ledger
from loyalty_core.queries import sales as sale_q
from loyalty_core.validation import amount as check_amount

# Money tenders: how the part of a bill not paid with points or stored value was paid.
TENDERS = ("cash", "card", "transfer")


def consume_lots(
    s: DbSession, card_id: str, points: int, today: str = ""
) -> list[dict[str, Any]]:
    """Which lots `points` come out of: soonest-expiring first; lots without expiry last; a
    lot past its expiry on `today` is worth nothing and is never spent."""
    used: list[dict[str, Any]] = []
    left = points
    for lot in ledger.open_lots(s, card_id, today):
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
    tenders: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """A sale: discount, redeem points, spend stored value, earn, qualifying spend, tier.

    The money due (`cash_due`) is paid with `tenders` ({"cash": .., "card": .., "transfer": ..}
    summing to it exactly) or, without them, all on `tender`. The sale entry records every
    tender, the points with the sale's own đồng-per-point, stored value and voucher, and a
    receipt number: a refund gives back from exactly that.
    """
    require_staff(staff_id)
    if tender not in TENDERS:
        raise LoyaltyError("sale.bad_tender", "unknown tender", tender=tender)
    clean_lines = inputs.clean_lines(lines, amount)
    split = _check_tenders(tenders)

    def body(ctx: Context) -> dict[str, Any]:
        ctx.check_shift(shift_id)
        s = ctx.session
        found = cards.card_rows(core, s, card_number) if card_number else None
        card = found[0] if found else None
        price, facts = _priced(
            core, s, found, amount, points_to_redeem, stored_value_to_use, voucher_code
        )
        card_id = card.id if card else None
        _approve(ctx, price, stored_value_to_use, approval_id, staff_id, card_id)
        paid = _paid_with(price["cash_due"], tender, split)
        sale_id = new_id()
        receipt_no = next_receipt_no(s, ctx.journal.till_id)
        ctx.journal.post(
            Kind.SALE,
            card_id=card_id,
            sale_id=sale_id,
            payload={
                **price,
                "shift_id": shift_id,
                "lines": clean_lines,
                "tender": max(paid, key=lambda k: paid[k]) if paid else tender,
                "tenders": paid,
                "receipt_no": receipt_no,
            },
        )
        if points_to_redeem and card is not None:
            lots = consume_lots(s, card.id, points_to_redeem, ctx.today.isoformat())
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
        result = {"sale_id": sale_id, "receipt_no": receipt_no, "tenders": paid, **price}
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
                amount=price["qualifying_spend"],
                sale_id=sale_id,
            )
            result["tier_change"] = tiers.review_upgrade(ctx, card, found[1] if found else None)
            for kind in REGISTRY.values():
                result.update(kind.after_sale(ctx, facts.running(kind.name), card, sale_id))
        if card is not None:
            result["balances"] = ledger.usable_balances(s, card.id, ctx.today.isoformat())
        return result

    return core.run(operation_id, "checkout", staff_id, body)


def require_staff(staff_id: str | None) -> None:
    """Every money operation names who did it: no staff, no audit trail, no approval check."""
    if not isinstance(staff_id, str) or not staff_id:
        raise LoyaltyError("staff.required", "a money operation needs the staff member doing it")


def _check_tenders(tenders: Mapping[str, int] | None) -> dict[str, int] | None:
    if tenders is None:
        return None
    if not isinstance(tenders, Mapping) or not tenders:
        raise LoyaltyError("sale.bad_tenders", "tenders must name at least one tender")
    out: dict[str, int] = {}
    for key, value in tenders.items():
        if key not in TENDERS:
            raise LoyaltyError("sale.bad_tender", "unknown tender", tender=str(key)[:20])
        if value.__class__ is not int or not 0 <= value <= MAX_AMOUNT:
            raise LoyaltyError("sale.bad_tenders", "a tender's amount must be whole đồng, >= 0")
        out[key] = value
    return out


def _paid_with(due: int, tender: str, split: dict[str, int] | None) -> dict[str, int]:
    """The money tenders of a sale, in the order of `TENDERS`, zeros left out."""
    if split is None:
        return {tender: due} if due else {}
    given = sum(split.values())
    if given != due:
        raise LoyaltyError(
            "sale.tenders_mismatch", "the tenders do not add up to the money due", due=due,
            given=given,
        )
    return {key: split[key] for key in TENDERS if split.get(key)}


def till_short(till_id: str) -> str:
    """A till's short name on its receipts: the random tail of its UUIDv7 id (the head is a
    time stamp, the same for tills set up in the same minute)."""
    return till_id.replace("-", "")[-6:].upper()


def next_receipt_no(s: DbSession, till_id: str) -> str:
    """"<till>-000123": strictly increasing per till, from its own last sale."""
    short = till_short(till_id)
    last = sale_q.last_receipt_no(s, till_id, short)
    n = int(last.rsplit("-", 1)[1]) if last else 0
    return f"{short}-{n + 1:06d}"


def upcoming_receipt_no(core: Core) -> str:
    """The number the next sale at this till will get: a bank transfer's reference is shown
    (in its VietQR code) before the sale is written. Sales at one till are written one at a
    time, so the next checkout takes exactly this number."""
    with core.store.read() as s:
        return next_receipt_no(s, core.store.till_id)


def _approve(
    ctx: Context,
    price: dict[str, Any],
    stored_value: int,
    approval_id: str | None,
    staff_id: str | None,
    card_id: str | None,
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
        approvals.consume(ctx, *needs[0], approval_id, staff_id, card_id=card_id)
    elif needs:
        approvals.consume(
            ctx,
            "checkout",
            "+".join(n[1] for n in needs),
            sum(n[2] for n in needs),
            approval_id,
            staff_id,
            card_id=card_id,
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
    require_staff(staff_id)
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
        approvals.require(
            ctx, "topup", "topup_over", amount, approval_id, staff_id, card_id=card.id
        )
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
    require_staff(staff_id)
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
