"""Refunds: every effect of a sale reversed pro rata, and the sales a refund can pick from.

Earned points and qualifying spend are taken back rounded up, redeemed points and spent stored
value given back rounded down, so refunds can never create value; the last refund of a sale takes
exactly what is left of each effect. Earned points the customer already spent cannot be taken
back: they are recorded as unrecovered.
"""

from __future__ import annotations

from typing import Any

from loyalty_core import approvals, cardnumbers, cards
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.operations import Context, Core
from loyalty_core.queries import cards as card_q
from loyalty_core.queries import ledger
from loyalty_core.queries import sales as sale_q
from loyalty_core.rows import SaleRow
from loyalty_core.sales import consume_lots
from loyalty_core.validation import amount as check_amount
from loyalty_core.validation import clean_text


def refund(
    core: Core,
    operation_id: str,
    staff_id: str | None,
    sale_id: str,
    amount: int | None = None,
    *,
    reason: str = "refund",
    approval_id: str | None = None,
    shift_id: str | None = None,
) -> dict[str, Any]:
    """Full (amount None) or partial refund of a sale: every effect reversed pro rata."""
    why = clean_text(reason, "reason", required=True)

    def body(ctx: Context) -> dict[str, Any]:
        ctx.check_shift(shift_id)
        s = ctx.session
        sale = sale_q.sale(s, sale_id)
        if sale is None:
            raise LoyaltyError("sale.unknown", "unknown sale")
        net = sale.amount - sale.discount
        done = sum(
            int(e.payload.get("refund_amount", 0))
            for e in ledger.sale_entries(s, sale_id, Kind.REFUND)
        )
        left = net - done
        if left <= 0:
            raise LoyaltyError("refund.already", "this sale is already fully refunded")
        wanted = left if amount is None else check_amount(amount, "amount")
        if wanted > left:
            raise LoyaltyError("refund.too_much", "refund exceeds what is left", left=left)
        approvals.require(ctx, "refund", "refund_over", wanted, approval_id, staff_id)
        result: dict[str, Any] = {"sale_id": sale_id, "refunded": wanted, "left": left - wanted}
        returned_value = 0
        if sale.card_id is not None:
            effects = _reverse_effects(ctx, sale, wanted, net, wanted == left, why)
            returned_value = (
                effects["points_returned"] * ctx.rules.point_value
                + effects["stored_value_returned"]
            )
            result.update(effects)
        # What goes back over the counter in money: the refund less what went back on the card.
        result["cash_back"] = max(0, wanted - returned_value)
        ctx.journal.post(
            Kind.REFUND,
            card_id=sale.card_id,
            sale_id=sale_id,
            reason=why,
            payload={
                "refund_amount": wanted,
                "shift_id": shift_id,
                "cash_back": result["cash_back"],
            },
        )
        if sale.card_id is not None:
            result["balances"] = ledger.balances_of(s, sale.card_id)
        return result

    return core.run(operation_id, "refund", staff_id, body)


def _reverse_effects(
    ctx: Context, sale: SaleRow, wanted: int, net: int, last: bool, why: str | None
) -> dict[str, int]:
    s = ctx.session
    card_id = sale.card_id
    assert card_id is not None
    reversed_: dict[Kind, int] = {}
    for e in ledger.sale_reversals(s, sale.id):
        reversed_[e.kind] = (
            reversed_.get(e.kind, 0) + abs(e.amount) + int(e.payload.get("unrecovered", 0))
        )
    qspend = net if ledger.sale_entries(s, sale.id, Kind.QSPEND) else 0

    def part(total: int, key: Kind, up: bool) -> int:
        rest = total - reversed_.get(key, 0)
        if last:
            return rest
        share = -(-total * wanted // net) if up else total * wanted // net
        return max(0, min(rest, share))

    def post(kind: Kind, account: str, amount: int, **payload: Any) -> None:
        ctx.journal.post(
            kind,
            card_id=card_id,
            account=account,
            amount=amount,
            sale_id=sale.id,
            reason=why,
            **({"payload": payload} if payload else {}),
        )

    out = {
        "points_taken_back": 0,
        "points_unrecovered": 0,
        "points_returned": 0,
        "stored_value_returned": 0,
    }
    earn_back = part(sale.points_earned, Kind.REFUND_EARN, up=True)
    if earn_back:
        take = min(earn_back, ledger.balance_of(s, card_id, "points"))
        lots = consume_lots(s, card_id, take) if take else []
        post(Kind.REFUND_EARN, "points", -take, lots=lots, unrecovered=earn_back - take)
        out["points_taken_back"], out["points_unrecovered"] = take, earn_back - take
    give_points = part(sale.points_redeemed, Kind.REFUND_REDEEM, up=False)
    if give_points:
        post(Kind.REFUND_REDEEM, "points", give_points, expires_on=ctx.points_expire_on())
        out["points_returned"] = give_points
    give_sv = part(sale.stored_value_used, Kind.REFUND_SV, up=False)
    if give_sv:
        post(Kind.REFUND_SV, "stored_value", give_sv)
        out["stored_value_returned"] = give_sv
    cashback = sum(e.amount for e in ledger.sale_entries(s, sale.id, Kind.CASHBACK))
    cb_back = part(cashback, Kind.REFUND_CASHBACK, up=True) if cashback else 0
    if cb_back:
        # An overdrawn card (negative stored value) gives nothing back: never credit it here.
        take = max(0, min(cb_back, ledger.balance_of(s, card_id, "stored_value")))
        post(Kind.REFUND_CASHBACK, "stored_value", -take, unrecovered=cb_back - take)
        out["cashback_taken_back"] = take
    if last:  # a voucher used on a sale refunded in full can be used again
        for use in ledger.sale_entries(s, sale.id, Kind.VOUCHER_USE):
            ctx.journal.post(
                Kind.VOUCHER_RESTORE,
                card_id=card_id,
                sale_id=sale.id,
                reason=why,
                payload={"voucher_id": use.payload["voucher_id"]},
            )
            out["voucher_restored"] = 1
    q_back = part(qspend, Kind.REFUND_QSPEND, up=True) if qspend else 0
    if q_back:
        post(Kind.REFUND_QSPEND, "qualifying_spend", -q_back)
    return out


def recent_sales(
    core: Core,
    *,
    card_number: str | None = None,
    shift_id: str | None = None,
    since: str | None = None,
    limit: int = 20,
) -> list[dict[str, Any]]:
    """Sales a cashier can pick for a refund: newest first, with what is left to refund."""
    with core.store.read() as s:
        card_id = cards.card(core, s, card_number, for_use=False).id if card_number else None
        found = sale_q.recent_sales(
            s, card_id=card_id, shift_id=shift_id, since=since, limit=max(1, min(limit, 5000))
        )
        refunded = ledger.refunded_per_sale(s, [x.id for x in found])
        numbers = card_q.numbers_of(s, {x.card_id for x in found if x.card_id})
        return [
            {
                "sale_id": x.id,
                "created_at": x.created_at,
                "amount": x.amount,
                "net": x.amount - x.discount,
                "refundable": x.amount - x.discount - refunded.get(x.id, 0),
                "points_earned": x.points_earned,
                "points_redeemed": x.points_redeemed,
                "stored_value_used": x.stored_value_used,
                "masked": cardnumbers.mask(numbers[x.card_id]) if x.card_id in numbers else None,
            }
            for x in found
        ]
