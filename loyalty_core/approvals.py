"""Supervisor approvals: given as their own operation, consumed by the operation they allow.

An approval is bound to its request: the staff member who asked (`requested_by`), the operation
kind, the card (or none), a mandatory amount, and an expiry (`approval_expiry_minutes` of the
rules). It is usable once, only by that request: the same requester, kind and card, an amount
no larger, before it expires; never by the supervisor who gave it. Only an approval that was
checked and consumed is recorded on the entries.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from loyalty_core import staffing
from loyalty_core.entries import MAX_AMOUNT, Kind
from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import iso_utc, new_id
from loyalty_core.operations import Context, Core
from loyalty_core.queries import cards as card_q
from loyalty_core.queries import people
from loyalty_core.staff import APPROVER_ROLES


def approve(
    core: Core,
    operation: str,
    details: dict[str, Any],
    requested_by: str | None,
    code: str | None = None,
    pin: str | None = None,
    card_number: str | None = None,
    *,
    amount: int | None = None,
    for_card: str | None = None,
) -> str:
    """A supervisor approves one request; who, for whom, what, how much and until when go
    into the journal. `card_number` is the supervisor's staff card (log-in); the card the
    operation is about is `for_card` (a number) or `details["card_id"]` (as `ApprovalRequired`
    reports it); the amount is `amount` or `details["value"]`."""
    if not isinstance(details, dict):
        raise LoyaltyError("approval.invalid", "approval details must be an object")
    supervisor = staffing.authenticate(core, code=code, pin=pin, card_number=card_number)
    if supervisor["role"] not in APPROVER_ROLES:
        raise LoyaltyError("approval.not_supervisor", "only a supervisor or manager can approve")
    if supervisor["id"] == requested_by:
        raise LoyaltyError("approval.self", "a cashier cannot approve their own operation")
    if not isinstance(requested_by, str) or not requested_by:
        raise LoyaltyError("approval.no_requester", "an approval is asked for by a staff member")
    value = details.get("value") if amount is None else amount
    if value.__class__ is not int or not 0 <= value <= MAX_AMOUNT:
        raise LoyaltyError("approval.no_amount", "an approval is for a stated amount")
    card_id = details.get("card_id")
    if card_id is not None and not isinstance(card_id, str):
        raise LoyaltyError("approval.invalid", "unknown card for this approval")
    approval_id = new_id()

    def body(ctx: Context) -> dict[str, Any]:
        s = ctx.session
        bound = card_id
        if for_card is not None:
            found = (
                card_q.card_by_number(s, for_card.strip(), core.chain_key())
                if isinstance(for_card, str) else None
            )
            if found is None:
                raise LoyaltyError("card.unknown", "unknown card")
            bound = found.id
        elif bound is not None and card_q.card_by_id(s, bound) is None:
            raise LoyaltyError("approval.invalid", "unknown card for this approval")
        minutes = int(ctx.rules.data.get("approval_expiry_minutes", 15))
        created = datetime.strptime(ctx.journal.created_at, "%Y-%m-%dT%H:%M:%S.%fZ")
        expires_at = iso_utc((created + timedelta(minutes=minutes)).replace(tzinfo=UTC))
        ctx.journal.post(
            Kind.APPROVAL,
            payload={
                "approval_id": approval_id,
                "supervisor_id": supervisor["id"],
                "requested_by": requested_by,
                "operation": operation,
                "details": {**details, "value": value, "card_id": bound,
                            "expires_at": expires_at},
            },
        )
        return {"approval_id": approval_id}

    return core.run(approval_id, "approval", supervisor["id"], body)["approval_id"]


def has_role(ctx: Context, staff_id: str | None, roles: tuple[str, ...]) -> bool:
    return people.staff_role(ctx.session, staff_id) in roles


def over_threshold(ctx: Context, threshold_name: str, value: int) -> bool:
    # "over the threshold" needs a supervisor; a threshold of 0 therefore means always.
    threshold = ctx.rules.approval_threshold(threshold_name)
    return threshold is not None and value > threshold


def require(
    ctx: Context,
    operation: str,
    threshold_name: str,
    value: int,
    approval_id: str | None,
    staff_id: str | None,
    *,
    card_id: str | None = None,
) -> str | None:
    """Refuse unless a valid, unused approval for this operation is given when policy asks."""
    if not over_threshold(ctx, threshold_name, value):
        return None
    return consume(ctx, operation, threshold_name, value, approval_id, staff_id, card_id=card_id)


def consume(
    ctx: Context,
    operation: str,
    rule: str,
    value: int,
    approval_id: str | None,
    staff_id: str | None,
    *,
    card_id: str | None = None,
    record: bool = True,
) -> str:
    """Check and use one approval. `record=False` for a second approval inside an operation
    that already carries one on its entries (it is then recorded in that entry's payload)."""
    if approval_id is None:
        raise ApprovalRequired(
            operation,
            rule,
            value=value,
            threshold=ctx.rules.approval_threshold(rule),
            card_id=card_id,
        )
    approval = people.approval(ctx.session, approval_id) if isinstance(approval_id, str) else None
    if approval is None or approval.operation != operation:
        raise LoyaltyError("approval.invalid", "approval not found for this operation")
    if approval.used_by_operation is not None:
        raise LoyaltyError("approval.used", "approval already used")
    if approval.supervisor_id == staff_id:
        raise LoyaltyError("approval.self", "a cashier cannot approve their own operation")
    if staff_id is None or approval.requested_by != staff_id:
        raise LoyaltyError("approval.other_staff", "this approval was asked for by someone else")
    if approval.details.get("card_id") != card_id:
        raise LoyaltyError("approval.other_card", "this approval is for another card")
    approved_value = approval.details.get("value")
    if not isinstance(approved_value, int) or value > approved_value:
        raise LoyaltyError(
            "approval.amount", "approval was given for a smaller amount", approved=approved_value
        )
    expires_at = approval.details.get("expires_at")
    if not isinstance(expires_at, str) or ctx.journal.created_at > expires_at:
        raise LoyaltyError("approval.expired", "this approval has expired; ask again")
    people.mark_approval_used(ctx.session, approval_id, ctx.journal.operation_id)
    if record:
        ctx.journal.approval_id = approval_id
    return approval_id
