"""Refunds: the sales that can be refunded, and refunding one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.runner import CollectionOp, OpChanges, QueryOp, Runner


@dataclass(frozen=True)
class RefundRequest:
    """`amount` None refunds everything left of the sale (the engine takes exactly the rest)."""

    operation_id: str
    cashier_id: str | None
    sale_id: str
    amount: int | None
    reason: str
    shift_id: str | None


def refundable_sales(
    runner: Runner,
    card_number: str | None,
    shift_id: str | None,
    success: Callable[[list[dict[str, Any]]], None],
) -> QueryOp[list[dict[str, Any]]]:
    """The card's recent sales, or (without a card) this shift's."""
    return QueryOp(
        runner,
        lambda lo: lo.recent_sales(card_number=card_number, shift_id=shift_id, limit=50),
        success,
        label="recent sales",
    )


def sale_by_receipt(
    runner: Runner, receipt_no: str, success: Callable[[list[dict[str, Any]]], None]
) -> QueryOp[list[dict[str, Any]]]:
    """The sale printed with this receipt number (a list of one, or empty), from any shift."""
    return QueryOp(
        runner, lambda lo: lo.recent_sales(receipt_no=receipt_no), success, label="receipt"
    )


def refund(
    runner: Runner,
    request: RefundRequest,
    *,
    card_number: str | None,
    approval_id: str | None,
) -> CollectionOp[dict[str, Any]]:
    """`card_number`: the card on the panel when the sale was on it (it then refreshes)."""
    r = request
    return CollectionOp(
        runner,
        lambda lo: lo.refund(
            r.operation_id,
            r.cashier_id,
            r.sale_id,
            r.amount,
            reason=r.reason,
            approval_id=approval_id,
            shift_id=r.shift_id,
        ),
        lambda result: OpChanges("refund", card_number, result),
        label="refund",
    )
