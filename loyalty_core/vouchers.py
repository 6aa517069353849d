"""Vouchers: issuing them (one to a customer or many in bulk) and the ones a customer holds.

Whether a voucher applies to a sale, and how much it takes off, is `pricing.voucher_discount`.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from loyalty_core import approvals, cards
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.operations import Context, Core
from loyalty_core.pricing import clean_voucher_code
from loyalty_core.queries import cards as card_q
from loyalty_core.queries import catalog, people
from loyalty_core.sales import require_staff
from loyalty_core.validation import amount, clean_text

VOUCHER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a counter


def issue_vouchers(
    core: Core,
    operation_id: str,
    staff_id: str | None,
    *,
    kind: str,
    value: int,
    valid_from: str,
    valid_to: str,
    count: int = 1,
    max_uses: int = 1,
    min_spend: int = 0,
    member_id: str | None = None,
    reason: str | None = None,
    codes: list[str] | None = None,
    approval_id: str | None = None,
) -> dict[str, Any]:
    """Issue one voucher to a customer, or `count` in bulk; a goodwill voucher needs a
    supervisor (reason "goodwill")."""
    require_staff(staff_id)  # a voucher is value handed out: someone answers for it
    if kind not in ("percent", "fixed"):
        raise LoyaltyError("voucher.bad_kind", "voucher kind is percent or fixed")
    amount(value, "value")
    if kind == "percent" and value > 10_000:
        raise LoyaltyError("voucher.bad_value", "a percentage voucher is at most 100 %")
    amount(min_spend, "min_spend", allow_zero=True)
    for name, number, top in (("count", count, 10_000), ("max_uses", max_uses, 1_000)):
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= top:
            raise LoyaltyError("voucher.bad_count", "count or uses out of range", field=name)
    if codes is not None:
        codes = [clean_voucher_code(c) for c in codes]
        if len(codes) < count:
            raise LoyaltyError("voucher.bad_count", "fewer codes than vouchers", field="codes")
    try:
        if date.fromisoformat(valid_to) < date.fromisoformat(valid_from):
            raise LoyaltyError("voucher.bad_dates", "voucher ends before it starts")
    except (TypeError, ValueError):
        raise LoyaltyError("voucher.bad_dates", "dates must be YYYY-MM-DD") from None
    why = clean_text(reason, "reason")

    def body(ctx: Context) -> dict[str, Any]:
        if why == "goodwill":
            approvals.require(ctx, "goodwill", "adjust_over", value, approval_id, staff_id)
        card_id = None
        if member_id is not None:
            if not people.member_exists(ctx.session, member_id):
                raise LoyaltyError("member.unknown", "unknown member")
            card_id = card_q.first_card_of(ctx.session, member_id)
        made = []
        for i in range(count):
            code = (
                (
                    codes[i]
                    if codes
                    else "".join(secrets.choice(VOUCHER_ALPHABET) for _ in range(10))
                )
                .strip()
                .upper()
            )
            if catalog.voucher_code_taken(ctx.session, code):
                raise LoyaltyError(
                    "voucher.code_taken", "voucher code already exists", voucher_code=code
                )
            voucher = {
                "id": new_id(),
                "code": code,
                "kind": kind,
                "value": value,
                "min_spend": min_spend,
                "max_uses": max_uses,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "member_id": member_id,
                "reason": why,
            }
            ctx.journal.post(
                Kind.VOUCHER_ISSUE, card_id=card_id, reason=why, payload={"voucher": voucher}
            )
            made.append(code)
        return {"codes": made}

    return core.run(operation_id, "voucher.issue", staff_id, body)


def vouchers_for(core: Core, card_number: str) -> list[dict[str, Any]]:
    """Vouchers the panel shows for this customer: theirs, still valid and not used up."""
    with core.store.read() as s:
        card = cards.card(core, s, card_number, for_use=False)
        if card.member_id is None:
            return []
        day = core.today(core.current_rules(s)).isoformat()
        return [
            {
                "code": v.code,
                "kind": v.kind,
                "value": v.value,
                "min_spend": v.min_spend,
                "valid_to": v.valid_to,
            }
            for v in catalog.member_vouchers(s, card.member_id, day)
        ]
