"""Cards at the counter: finding one (number, phone, UID), what it shows, replacing a lost one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.runner import CollectionOp, OpChanges, QueryOp, Runner

CustomerView = dict[str, Any]  # `Loyalty.customer_view`: balances, member, what the card can do


def customer_view(
    runner: Runner, number: str, success: Callable[[CustomerView], None]
) -> QueryOp[CustomerView]:
    return QueryOp(runner, lambda lo: lo.customer_view(number), success, label="customer view")


def find_by_phone(
    runner: Runner, phone: str, success: Callable[[list[dict[str, Any]]], None]
) -> QueryOp[list[dict[str, Any]]]:
    return QueryOp(runner, lambda lo: lo.find_by_phone(phone), success, label="phone lookup")


def card_number_for_uid(
    runner: Runner, uid: str, success: Callable[[str | None], None]
) -> QueryOp[str | None]:
    """A card whose chip carries only its UID: the number it was issued with, if any."""
    return QueryOp(runner, lambda lo: lo.card_number_for_uid(uid), success, label="uid")


def vouchers_for(
    runner: Runner, number: str, success: Callable[[list[dict[str, Any]]], None]
) -> QueryOp[list[dict[str, Any]]]:
    return QueryOp(runner, lambda lo: lo.vouchers_for(number), success, label="vouchers")


def tier_explanation(
    runner: Runner, number: str, success: Callable[[dict[str, Any]], None]
) -> QueryOp[dict[str, Any]]:
    return QueryOp(
        runner, lambda lo: lo.tier_explanation(number), success, label="tier explanation"
    )


def replace_card(
    runner: Runner,
    operation_id: str,
    cashier_id: str | None,
    old_number: str,
    reason: str,
    new_number: str | None,
    *,
    approval_id: str | None,
    new_uid: str | None = None,
) -> CollectionOp[dict[str, Any]]:
    """Block the old card and move balances, lots and owner to the new one (or a new number);
    `new_uid`: the new card is a UID-only chip card, linked to the new number."""
    return CollectionOp(
        runner,
        lambda lo: lo.replace_card(
            operation_id,
            cashier_id,
            old_number,
            reason,
            new_number,
            approval_id=approval_id,
            new_uid=new_uid,
        ),
        lambda result: OpChanges("card.replace", result["card_number"], result),
        label="replace card",
    )
