"""Shifts and reports: opening and closing a shift, its Z report, the supervisor's day."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.runner import CollectionOp, OpChanges, QueryOp, Runner


def open_shift_id(runner: Runner, success: Callable[[str | None], None]) -> QueryOp[str | None]:
    return QueryOp(runner, lambda lo: lo.open_shift_id(), success, label="shift")


def open_shift(
    runner: Runner, operation_id: str, cashier_id: str, opening_float: int
) -> CollectionOp[dict[str, Any]]:
    return CollectionOp(
        runner,
        lambda lo: lo.open_shift(operation_id, cashier_id, opening_float),
        lambda result: OpChanges("shift.open", result=result),
        label="open shift",
    )


def shift_report(
    runner: Runner, shift_id: str, success: Callable[[dict[str, Any]], None]
) -> QueryOp[dict[str, Any]]:
    return QueryOp(runner, lambda lo: lo.shift_report(shift_id), success, label="z report")


def close_shift(
    runner: Runner, operation_id: str, cashier_id: str, shift_id: str, counted: int
) -> CollectionOp[dict[str, Any]]:
    return CollectionOp(
        runner,
        lambda lo: lo.close_shift(operation_id, cashier_id, shift_id, counted),
        lambda result: OpChanges("shift.close", result=result),
        label="close shift",
    )


def day_report(
    runner: Runner, success: Callable[[dict[str, Any]], None]
) -> QueryOp[dict[str, Any]]:
    return QueryOp(runner, lambda lo: lo.day_report(), success, label="supervisor report")


def day_sales(
    runner: Runner, success: Callable[[list[dict[str, Any]]], None]
) -> QueryOp[list[dict[str, Any]]]:
    """Every sale of the shop's day so far, for the sales-per-hour chart."""
    return QueryOp(
        runner,
        lambda lo: lo.recent_sales(since=lo.day_bounds()[0], limit=5000),
        success,
        label="supervisor sales",
    )


def shift_discounts(
    runner: Runner, shift_id: str, success: Callable[[int], None]
) -> QueryOp[int]:
    """Everything taken off the bills of a shift (tier, membership, discount card, vouchers)."""

    def total(lo: Any) -> int:
        # The engine lists at most 5,000 sales a call: more than a shift at one till makes.
        sales = lo.recent_sales(shift_id=shift_id, limit=5_000)
        return sum(int(s["amount"]) - int(s["net"]) for s in sales)

    return QueryOp(runner, total, success, label="z report discounts")
