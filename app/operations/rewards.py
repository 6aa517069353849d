"""Rewards from the catalog and paid membership: what is offered, and taking it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.operations.holds import HeldOp
from app.runner import CollectionOp, OpChanges, QueryOp, Runner

if TYPE_CHECKING:
    from sync.till.offline import StoredValueGuard


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
    guard: StoredValueGuard | None = None,
    card_id: str | None = None,
    offline_override: str | None = None,
) -> CollectionOp[dict[str, Any]] | HeldOp[dict[str, Any]]:
    """On a registered till the reward's points and its unit of stock are held at head office
    around the redemption (`sync.till.holds.reward_hold`)."""

    def op(lo: Any) -> dict[str, Any]:
        return dict(lo.redeem_reward(operation_id, cashier_id, number, code,
                                     approval_id=approval_id))

    def changes(result: dict[str, Any]) -> OpChanges:
        return OpChanges("reward.redeem", number, result)

    if guard is not None and card_id:  # only on a registered till, where sync is loaded
        from sync.till.holds import reward_hold

        hold = reward_hold(guard, card_id, code, operation_id, offline_override)
        if hold is not None:
            return HeldOp(runner, hold, op, changes, label="redeem reward")
    return CollectionOp(runner, op, changes, label="redeem reward")


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
