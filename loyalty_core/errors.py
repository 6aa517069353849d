"""The one error type a cashier should read.

The engine never writes user-facing sentences in a particular language: it gives a stable
`code` and its `params`, and the UI turns them into Vietnamese or English. The English `message`
here is for logs and the command line.
"""

from __future__ import annotations

from typing import Any


class LoyaltyError(Exception):
    """A refusal with a stable reason code (e.g. ``card.blocked``) and its parameters."""

    def __init__(self, code: str, message: str = "", **params: Any) -> None:
        self.code = code
        self.params = params
        self.message = message or code
        super().__init__(f"{code}: {self.message}")


class ApprovalRequired(LoyaltyError):
    """Policy says a supervisor must approve; the UI asks for one and retries with it."""

    def __init__(self, operation: str, rule: str, **params: Any) -> None:
        super().__init__(
            "approval.required",
            f"supervisor approval required for {operation} ({rule})",
            operation=operation,
            rule=rule,
            **params,
        )
