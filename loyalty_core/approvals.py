"""Supervisor approvals: given as their own operation, consumed by the operation they allow.

One approval allows one operation, for at most the value it was given for, and never the
requester's own. Only an approval that was checked and consumed is recorded on the entries.
"""

from __future__ import annotations

from typing import Any

from loyalty_core import staffing
from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.operations import Context, Core
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
) -> str:
    """A supervisor approves one operation; who, when and what goes into the journal."""
    supervisor = staffing.authenticate(core, code=code, pin=pin, card_number=card_number)
    if supervisor["role"] not in APPROVER_ROLES:
        raise LoyaltyError("approval.not_supervisor", "only a supervisor or manager can approve")
    if requested_by is not None and supervisor["id"] == requested_by:
        raise LoyaltyError("approval.self", "a cashier cannot approve their own operation")
    approval_id = new_id()

    def body(ctx: Context) -> dict[str, Any]:
        ctx.journal.post(
            "approval",
            payload={
                "approval_id": approval_id,
                "supervisor_id": supervisor["id"],
                "requested_by": requested_by,
                "operation": operation,
                "details": details,
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
    approval = people.approval(ctx.session, approval_id)
    if approval is None or approval.operation != operation:
        raise LoyaltyError("approval.invalid", "approval not found for this operation")
    if approval.used_by_operation is not None:
        raise LoyaltyError("approval.used", "approval already used")
    if staff_id is not None and approval.supervisor_id == staff_id:
        raise LoyaltyError("approval.self", "a cashier cannot approve their own operation")
    approved_value = approval.details.get("value")
    if isinstance(approved_value, int) and value > approved_value:
        raise LoyaltyError(
            "approval.amount", "approval was given for a smaller amount", approved=approved_value
        )
    people.mark_approval_used(ctx.session, approval_id, ctx.journal.operation_id)
    if record:
        ctx.journal.approval_id = approval_id
    return approval_id
