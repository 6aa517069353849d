"""What head office lets one till do: the limits of the trust checks (`services.checks`).

A separate module so the context can carry a policy without importing the checks; every figure
here is documented in docs/SECURITY.md ("What head office enforces").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

# Kinds that create stored value: money must have been taken at an open shift of this till.
SV_CREATING = frozenset({"sv.topup", "gift.load", "sv.bonus"})
# Kinds a till may not post on a prepaid or gift card of another store (it did not take the cash).
FOREIGN_VALUE_KINDS = frozenset({"sv.topup", "gift.load", "sv.bonus", "points.adjust"})
# Card kinds whose value belongs to the store that sold them.
STORE_BOUND_CARDS = frozenset({"prepaid", "gift"})


@dataclass(frozen=True)
class TrustPolicy:
    """Per-till limits. The defaults are generous for a real counter and tiny for an attacker
    who can post thousands of entries a minute."""

    # False only for tests of ingest mechanics that push synthetic chains (no shifts, no cards).
    judge: bool = True
    velocity_window: timedelta = timedelta(hours=1)
    # Stored value created (top-ups, gift cards, bonuses) per till per window, in đồng.
    sv_per_window: int = 500_000_000
    # Points created by manual adjustments per till per window.
    adjust_points_per_window: int = 1_000_000
    # The most one till may hold on another store's prepaid or gift card (all its live holds).
    foreign_hold_max: int = 500_000
