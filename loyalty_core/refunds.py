"""Refunds: the sale's own tenders given back pro rata, its effects reversed, nothing leaked.

The sale entry records how it was paid (each money tender, points with the sale's own
đồng-per-point, stored value). A refund of part of the sale gives back that part of the payment,
split over the tenders by `allocation.allocate_refund` (largest remainder, points in whole
points at the sale's rate): over any chain of partial refunds the sum is the sale exactly and
no tender goes back beyond what was paid with it.

Effects the customer received are taken back rounded up (earned points, cashback, qualifying
spend), on the card the member holds now (a lost card's replacement). Earned points or cashback
the customer has already spent cannot be taken back: their value (at the sale's point value) is
**withheld** from what this refund pays out (money tenders first, then stored value), and what cannot be withheld yet is carried to the sale's next refund. A supervisor can
waive the withholding with an approval for operation "refund.netting", which is recorded on the
refund entry. The result says both, so the slip prints them.
"""

from __future__ import annotations

from typing import Any

from loyalty_core import approvals, cardnumbers, cards
from loyalty_core.allocation import allocate_refund
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.operations import Context, Core, DbSession
from loyalty_core.queries import cards as card_q
from loyalty_core.queries import ledger
from loyalty_core.queries import sales as sale_q
from loyalty_core.rows import SaleRow
from loyalty_core.sales import TENDERS, consume_lots, require_staff
from loyalty_core.validation import amount as check_amount
from loyalty_core.validation import clean_text

# Where withheld value comes out of, in this order. Not points: redeemed points given back
# are already what earned points are taken back from.
WITHHOLD_ORDER = (*TENDERS, "stored_value")
POLICY = (
    "earned points or cashback already spent are not given back twice: their value at the "
    "sale's point value is deducted from this refund (cash, card, transfer, then stored value) "
    "unless a supervisor approves otherwise"
)


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
    netting_approval_id: str | None = None,
) -> dict[str, Any]:
    """Full (amount None) or partial refund of a sale, found by its id or receipt number."""
    require_staff(staff_id)
    why = clean_text(reason, "reason", required=True)
    if not isinstance(sale_id, str) or not 0 < len(sale_id) <= 64:
        raise LoyaltyError("sale.unknown", "unknown sale")

    def body(ctx: Context) -> dict[str, Any]:
        ctx.check_shift(shift_id)
        s = ctx.session
        sale = sale_q.sale(s, sale_id) or sale_q.sale_by_receipt(s, sale_id)
        if sale is None:
            raise LoyaltyError("sale.unknown", "unknown sale")
        net = sale.amount - sale.discount
        earlier = ledger.sale_entries(s, sale.id, Kind.REFUND)
        done = sum(int(e.payload.get("refund_amount", 0)) for e in earlier)
        left = net - done
        if left <= 0:
            raise LoyaltyError("refund.already", "this sale is already fully refunded")
        wanted = left if amount is None else check_amount(amount, "amount")
        if wanted > left:
            raise LoyaltyError("refund.too_much", "refund exceeds what is left", left=left)
        card_id = current_card(s, sale)
        approvals.require(
            ctx, "refund", "refund_over", wanted, approval_id, staff_id, card_id=card_id
        )
        paid, point_value = how_paid(s, sale)
        returned, owed_before = _returned(s, sale, earlier, point_value)
        allocated = allocate_refund(
            paid, returned, net, done, wanted, units={"points": point_value}
        )
        result: dict[str, Any] = {
            "sale_id": sale.id,
            "receipt_no": sale.receipt_no,
            "refunded": wanted,
            "left": left - wanted,
            "card_id": card_id,
            "allocated": allocated,
            "points_taken_back": 0,
            "points_unrecovered": 0,
            "points_returned": 0,
            "stored_value_returned": 0,
        }
        owed = owed_before
        if card_id is not None:
            # Redeemed points go back first, so earned points can be taken out of them.
            _give_back(ctx, sale, card_id, {"points": allocated.get("points", 0)}, point_value,
                       why, result)
            owed += _take_back(ctx, sale, card_id, wanted, net, wanted == left, why, result,
                               point_value)
        override = None
        if owed and netting_approval_id is not None:
            override = approvals.consume(
                ctx, "refund.netting", "refund_netting", owed, netting_approval_id, staff_id,
                card_id=card_id, record=False,
            )
        paid_out, withheld = _withhold(allocated, 0 if override else owed)
        if card_id is not None:
            _give_back(ctx, sale, card_id, {"stored_value": paid_out.get("stored_value", 0)},
                       point_value, why, result)
        result["money_back"] = {k: paid_out[k] for k in TENDERS if paid_out.get(k)}
        result["cash_back"] = paid_out.get("cash", 0)
        result["withheld"] = withheld
        result["owed"] = 0 if override else max(0, owed - withheld)
        result["netting_override"] = override
        result["policy"] = POLICY
        ctx.journal.post(
            Kind.REFUND,
            card_id=card_id,
            sale_id=sale.id,
            reason=why,
            payload={
                "refund_amount": wanted,
                "shift_id": shift_id,
                "cash_back": result["cash_back"],
                "allocated": allocated,
                "paid_out": paid_out,
                "withheld": withheld,
                "owed": result["owed"],
                "netting_override": override,
            },
        )
        if card_id is not None:
            result["balances"] = ledger.usable_balances(s, card_id, ctx.today.isoformat())
        return result

    return core.run(operation_id, "refund", staff_id, body)


def how_paid(s: DbSession, sale: SaleRow) -> tuple[dict[str, int], int]:
    """Each tender's đồng on the sale (money tenders, "points", "stored_value") and the sale's
    own đồng-per-point. Sales recorded before tenders were: all money on their one tender."""
    entries = ledger.sale_entries(s, sale.id, Kind.SALE)
    payload = entries[0].payload if entries else {}
    tenders = payload.get("tenders")
    if not isinstance(tenders, dict):
        tenders = {str(payload.get("tender", "cash")): int(payload.get("cash_due", 0))}
    point_value = payload.get("point_value")
    if not isinstance(point_value, int) or point_value <= 0:
        points_value = int(payload.get("points_value", 0))
        point_value = points_value // sale.points_redeemed if sale.points_redeemed else 1
    paid = {key: int(tenders[key]) for key in TENDERS if tenders.get(key)}
    if sale.stored_value_used:
        paid["stored_value"] = sale.stored_value_used
    if sale.points_redeemed:
        paid["points"] = sale.points_redeemed * point_value
    return paid, point_value


def _returned(
    s: DbSession, sale: SaleRow, earlier: list[Any], point_value: int
) -> tuple[dict[str, int], int]:
    """What earlier refunds allocated per tender, and the withholding they still owe."""
    returned: dict[str, int] = {}
    owed = 0
    legacy = False
    for e in earlier:
        allocated = e.payload.get("allocated")
        if isinstance(allocated, dict):
            for key, value in allocated.items():
                returned[key] = returned.get(key, 0) + int(value)
            owed = int(e.payload.get("owed") or 0)
        else:
            legacy = True
            cash = int(e.payload.get("cash_back", 0))
            tender = next(iter(how_paid(s, sale)[0]), "cash")
            returned[tender] = returned.get(tender, 0) + cash
    if legacy:  # refunds from before allocation: their give-backs are their entries
        back = {Kind.REFUND_REDEEM: "points", Kind.REFUND_SV: "stored_value"}
        for e in ledger.sale_reversals(s, sale.id):
            if e.kind in back and not isinstance(e.payload.get("allocated"), dict):
                unit = point_value if back[e.kind] == "points" else 1
                returned[back[e.kind]] = returned.get(back[e.kind], 0) + e.amount * unit
        paid = how_paid(s, sale)[0]
        returned = {k: min(v, paid.get(k, 0)) for k, v in returned.items() if k in paid}
    return returned, owed


def current_card(s: DbSession, sale: SaleRow) -> str | None:
    """The card the sale's customer holds now: a refund follows a lost card's replacement."""
    card_id = sale.card_id
    for _ in range(32):  # a chain of replacements, never a loop
        if card_id is None:
            return None
        moved = card_q.replaced_by(s, card_id)
        if moved is None:
            card = card_q.card_by_id(s, card_id)
            if card is None or card.status == "active" or card.member_id is None:
                return card_id
            moved = card_q.newest_active_card(s, card.member_id, card.kind, sale.created_at)
            if moved is None or moved == card_id:
                return card_id
        card_id = moved
    return card_id


def _take_back(
    ctx: Context,
    sale: SaleRow,
    card_id: str,
    wanted: int,
    net: int,
    last: bool,
    why: str,
    out: dict[str, Any],
    point_value: int,
) -> int:
    """Take back this share of what the sale gave (earned points, cashback, qualifying spend,
    the voucher); returns the đồng value that could not be taken back (already spent)."""
    s = ctx.session
    today = ctx.today.isoformat()
    reversed_: dict[str, int] = {}
    for e in ledger.sale_reversals(s, sale.id):
        reversed_[e.kind] = (
            reversed_.get(e.kind, 0) + abs(e.amount) + int(e.payload.get("unrecovered", 0))
        )

    def part(total: int, kind: str) -> int:
        rest = total - reversed_.get(kind, 0)
        if last:
            return max(0, rest)
        return max(0, min(rest, -(-total * wanted // net)))

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

    owed = 0
    earn_back = part(sale.points_earned, Kind.REFUND_EARN)
    if earn_back:
        take = min(earn_back, max(0, ledger.usable_balance(s, card_id, "points", today)))
        lots = consume_lots(s, card_id, take, today) if take else []
        post(Kind.REFUND_EARN, "points", -take, lots=lots, unrecovered=earn_back - take)
        out["points_taken_back"], out["points_unrecovered"] = take, earn_back - take
        owed += (earn_back - take) * point_value
    cashback = sum(e.amount for e in ledger.sale_entries(s, sale.id, Kind.CASHBACK))
    cb_back = part(cashback, Kind.REFUND_CASHBACK) if cashback else 0
    if cb_back:
        take = min(cb_back, max(0, ledger.balance_of(s, card_id, "stored_value")))
        post(Kind.REFUND_CASHBACK, "stored_value", -take, unrecovered=cb_back - take)
        out["cashback_taken_back"] = take
        owed += cb_back - take
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
    qspend = sum(e.amount for e in ledger.sale_entries(s, sale.id, Kind.QSPEND))
    q_back = part(qspend, Kind.REFUND_QSPEND) if qspend else 0
    # Qualifying spend never goes below zero: what the card holds is all there is to take.
    q_take = min(q_back, max(0, ledger.balance_of(s, card_id, "qualifying_spend")))
    if q_take:
        post(Kind.REFUND_QSPEND, "qualifying_spend", -q_take)
    return owed


def _withhold(allocated: dict[str, int], owed: int) -> tuple[dict[str, int], int]:
    """What is paid out per tender once `owed` is deducted, and how much was deducted."""
    paid_out = dict(allocated)
    left = owed
    for key in WITHHOLD_ORDER:
        if left <= 0 or not paid_out.get(key):
            continue
        take = min(paid_out[key], left)
        paid_out[key] -= take
        left -= take
    return paid_out, owed - left


def _give_back(
    ctx: Context,
    sale: SaleRow,
    card_id: str,
    paid_out: dict[str, int],
    point_value: int,
    why: str,
    out: dict[str, Any],
) -> None:
    points = paid_out.get("points", 0) // point_value
    if points:
        ctx.journal.post(
            Kind.REFUND_REDEEM,
            card_id=card_id,
            account="points",
            amount=points,
            sale_id=sale.id,
            reason=why,
            payload={"expires_on": ctx.points_expire_on()},
        )
        out["points_returned"] = points
    stored = paid_out.get("stored_value", 0)
    if stored:
        ctx.journal.post(
            Kind.REFUND_SV,
            card_id=card_id,
            account="stored_value",
            amount=stored,
            sale_id=sale.id,
            reason=why,
        )
        out["stored_value_returned"] = stored


def recent_sales(
    core: Core,
    *,
    card_number: str | None = None,
    shift_id: str | None = None,
    since: str | None = None,
    limit: int = 20,
    receipt_no: str | None = None,
) -> list[dict[str, Any]]:
    """Sales a cashier can pick for a refund: newest first, with what is left to refund.
    With `receipt_no`, the one sale printed with that number (from any shift), if any."""
    with core.store.read() as s:
        card_id = cards.card(core, s, card_number, for_use=False).id if card_number else None
        if receipt_no is not None:
            one = sale_q.sale_by_receipt(s, str(receipt_no).strip().upper()[:40])
            found = [one] if one is not None else []
        else:
            found = sale_q.recent_sales(
                s, card_id=card_id, shift_id=shift_id, since=since, limit=max(1, min(limit, 5000))
            )
        refunded = ledger.refunded_per_sale(s, [x.id for x in found])
        numbers = card_q.numbers_of(s, {x.card_id for x in found if x.card_id})
        return [
            {
                "sale_id": x.id,
                "receipt_no": x.receipt_no,
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
