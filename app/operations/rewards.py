"""Rewards from the catalog and paid membership: what is offered, and taking it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.runner import CollectionOp, OpChanges, QueryOp, Runner


def rewards_available(
    runner: Runner, number: str, success: Callable[[list[dict[str, Any]]], None]
) -> QueryOp[list[dict[str, Any]]]:
    """Rewards in stock here, each marked whether this card's points cover it."""
    return QueryOp(runner, lambda lo: lo.rewards_available(number), success, label="rewards")


def redeem_reward(
    runner: Runner,
    operation_id: str,
    cashier_id: str | None,
    number: str,
    code: str,
    *,
    approval_id: str | None,
) -> CollectionOp[dict[str, Any]]:
    return CollectionOp(
        runner,
        lambda lo: lo.redeem_reward(
            operation_id, cashier_id, number, code, approval_id=approval_id
        ),
        lambda result: OpChanges("reward.redeem", number, result),
        label="redeem reward",
    )


def membership_plans(
    runner: Runner, success: Callable[[list[dict[str, Any]]], None]
) -> QueryOp[list[dict[str, Any]]]:
    return QueryOp(runner, lambda lo: lo.membership_plans(), success, label="membership plans")


def buy_membership(
    runner: Runner,
    operation_id: str,
    cashier_id: str | None,
    number: str,
    plan_code: str,
    *,
    shift_id: str | None,
) -> CollectionOp[dict[str, Any]]:
    """Paid in cash; takes no approval: policy does not ask for one on a paid plan."""
    return CollectionOp(
        runner,
        lambda lo: lo.buy_membership(operation_id, cashier_id, number, plan_code, shift_id=shift_id),
        lambda result: OpChanges("membership.buy", number, result),
        label="membership",
    )
