"""Staff: who is at the till (log-in, unlock) and a supervisor's approval."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.context import Cashier
from app.runner import QueryOp, Runner


def authenticate(
    runner: Runner,
    credentials: dict[str, str],
    success: Callable[[Cashier], None],
    label: str = "authenticate",
) -> QueryOp[Cashier]:
    """`credentials`: code and PIN, or the card number of a staff card."""
    return QueryOp(
        runner, lambda lo: Cashier.from_auth(lo.authenticate(**credentials)), success, label=label
    )


def approve(
    runner: Runner,
    operation: str,
    details: dict[str, Any],
    requested_by: str | None,
    credentials: dict[str, str],
    success: Callable[[str], None],
) -> QueryOp[str]:
    """Records the approval and hands back its id, which the retried operation carries.

    A QueryOp although it writes: an approval changes nothing a screen shows.
    """
    return QueryOp(
        runner,
        lambda lo: lo.approve(operation, details, requested_by=requested_by, **credentials),
        success,
        label="approve",
    )
