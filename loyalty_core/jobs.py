"""Scheduled jobs: points past their expiry, unused cashback past its expiry.

The tier downgrade review is `tiers.review_tiers`. Each job is an operation like any other: run
twice with the same operation id, it writes once.
"""

from __future__ import annotations

from typing import Any

from loyalty_core.entries import Kind
from loyalty_core.operations import Context, Core
from loyalty_core.queries import ledger


def expire_points(core: Core, operation_id: str, staff_id: str | None = None) -> dict[str, Any]:
    """The expiry job: every lot past its date becomes an `expire` entry, card by card."""

    def body(ctx: Context) -> dict[str, Any]:
        per_card: dict[str, list[dict[str, Any]]] = {}
        for lot in ledger.expired_lots(ctx.session, ctx.today.isoformat()):
            per_card.setdefault(lot.card_id, []).append({"lot_id": lot.id, "amount": lot.remaining})
        total = 0
        for card_id, used in per_card.items():
            amount = sum(u["amount"] for u in used)
            total += amount
            ctx.journal.post(
                Kind.EXPIRE,
                card_id=card_id,
                account="points",
                amount=-amount,
                reason="expired",
                payload={"lots": used},
            )
        return {"cards": len(per_card), "points": total}

    return core.run(operation_id, "points.expire", staff_id, body)


def expire_cashback(core: Core, operation_id: str) -> dict[str, Any]:
    """Cashback not used by its expiry is withdrawn, up to the stored value still there:
    stored value is one pot, so the rule takes the lesser of the credit and the balance."""

    def body(ctx: Context) -> dict[str, Any]:
        s = ctx.session
        day = ctx.today.isoformat()
        done = {
            e.payload.get("cashback_entry") for e in ledger.entries_of_kind(s, Kind.CASHBACK_EXPIRE)
        }
        total = 0
        for e in ledger.entries_of_kind(s, Kind.CASHBACK):
            expires = e.payload.get("expires_on")
            if not expires or expires >= day or e.id in done:
                continue
            balance = ledger.balance_of(s, e.card_id or "", "stored_value")
            take = max(0, min(e.amount, balance))  # an overdrawn card is never credited
            ctx.journal.post(
                Kind.CASHBACK_EXPIRE,
                card_id=e.card_id,
                account="stored_value",
                amount=-take,
                payload={"cashback_entry": e.id},
            )
            total += take
        return {"withdrawn": total}

    return core.run(operation_id, "cashback.expire", None, body)
