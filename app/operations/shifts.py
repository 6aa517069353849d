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
    runner: Runner,
    operation_id: str,
    cashier_id: str,
    shift_id: str,
    counted: int,
    difference_reason: str | None = None,
) -> CollectionOp[dict[str, Any]]:
    """The difference's reason is the engine's to keep (in the shift.close entry)."""
    return CollectionOp(
        runner,
        lambda lo: lo.close_shift(operation_id, cashier_id, shift_id, counted, difference_reason),
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
