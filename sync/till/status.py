"""What the till's sync worker reports: the status bar's snapshot and a reconciliation's report.

Their own module so the UI and the worker share the types without the UI reaching into the
worker's loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ReconcileReport", "SyncSnapshot"]


@dataclass(frozen=True)
class SyncSnapshot:
    """What the UI shows: immutable, so a reader never sees half an update."""

    online: bool = False
    running: bool = False
    entries_waiting: int = 0
    last_success: str | None = None
    last_attempt: str | None = None
    last_error: str | None = None
    missing: tuple[tuple[int, int], ...] = ()
    last_reconcile: str | None = None
    reconcile_differences: int | None = None
    # Head office's clock minus the till's, whole seconds; None before head office answered.
    clock_offset_s: int | None = None
    # Pulled entries kept without effect here (loyalty_core.syncquarantine).
    quarantined: int = 0
    # Our entries head office quarantined (held without effect), and the latest reason.
    refused: int = 0
    last_refusal: str | None = None
    # A rules version head office sent that the till refused (invalid): {version, errors}.
    # The last good rules stay in force; the status bar says so until a valid version arrives.
    rules_refused: dict[str, Any] | None = None
    # Head office's last answer was not signed with the key pinned at enrolment (a man in the
    # middle, a wrong server): nothing of it was applied. Cleared by the next trusted sync.
    untrusted_answer: str | None = None
    # Head office's definitions (programs, plans, partners, vouchers) the till refused.
    definitions_refused: int = 0
    # Head office refused a whole push batch, and why: shown until a push goes through.
    push_refused: str | None = None
    quarantine_reported: int = 0  # quarantined entries reported to head office


@dataclass
class ReconcileReport:
    run_id: str
    at: str
    cards_compared: int
    differences: list[dict[str, Any]] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.differences
