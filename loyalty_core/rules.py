"""Program rules and the one rounding rule.

Rules are versioned with an effective time (a sale made offline yesterday is valued by
yesterday's rules) and stored as JSON in `rule_versions`. Every amount is an int: percentages are
basis points (100 bp = 1 %), multipliers are percent (100 = x1). Earning rounds down, once, at the
end of the computation, here and nowhere else.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from loyalty_core import cardnumbers

DEFAULT_RULES: dict[str, Any] = {
    "currency": "VND",
    # "per_amount": 1 point per `vnd_per_point` đồng; "percent": `bp` basis points of the bill
    # (in đồng) becomes points.
    "earn": {"mode": "per_amount", "vnd_per_point": 10_000, "bp": 100},
    "earn_on_stored_value": True,
    "point_value_vnd": 1_000,  # 1 point pays K đồng
    "points_expiry_days": 365,
    # Top-up bonus: the highest band whose `min` the top-up reaches.
    "topup_bonus": [{"min": 500_000, "bp": 200}, {"min": 1_000_000, "bp": 500}],
    "gift_card_max": 20_000_000,
    "topup_max": 20_000_000,
    "card_validity_days": 3 * 365,
    # Supervisor approval thresholds (VND value); 0 means "always".
    "approval": {
        "redeem_value_over": 500_000,
        "stored_value_over": 2_000_000,
        "topup_over": 5_000_000,
        "gift_card_over": 5_000_000,
        "refund_over": 0,
        "adjust_over": 0,
        "replace_card_over": 0,
    },
    # An approval is usable this many minutes after it was given (loyalty_core.approvals).
    "approval_expiry_minutes": 15,
    # Per card, per shop day, for the whole chain: head office splits it between the chain's
    # active tills, so N tills offline never let more than this go (docs/SYNC.md).
    "offline_stored_value_limit": 1_000_000,
    "offline_points_limit": 5_000,
    "pin_max_failures": 5,
    "pin_lockout_seconds": 300,
    "expiring_soon_days": 30,
    # Our card numbering: prefix per kind (16 digits with the Luhn check digit). The readers'
    # configuration (hardware.HardwareConfig.prefixes) must carry the same prefixes.
    "card_prefixes": dict(cardnumbers.DEFAULT_PREFIXES),
    "birthday_window_days": 3,
    # The shop's time zone: its calendar day (vouchers, expiry, birthdays, day reports).
    "timezone": "Asia/Ho_Chi_Minh",
}


def merged_rules(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    rules = copy.deepcopy(DEFAULT_RULES)
    for key, value in (overrides or {}).items():
        if isinstance(value, dict) and isinstance(rules.get(key), dict):
            rules[key].update(value)
        else:
            rules[key] = value
    return rules


@dataclass(frozen=True)
class Rules:
    version: int
    data: dict[str, Any]

    @property
    def point_value(self) -> int:
        return int(self.data["point_value_vnd"])

    def earn_points(self, eligible_vnd: int, *multipliers_pct: int) -> int:
        """Points for a sale: the only place that rounds (down, once, after every multiplier).

        Multipliers (tier, paid membership, the best campaign) are percents and multiply; no
        intermediate result is rounded, so stacking them never loses or invents a point.
        """
        if eligible_vnd <= 0:
            return 0
        numerator, denominator = eligible_vnd, 1
        for pct in multipliers_pct:
            numerator *= int(pct)
            denominator *= 100
        earn = self.data["earn"]
        if earn["mode"] == "percent":
            return (numerator * int(earn["bp"])) // (denominator * 10_000)
        return numerator // (denominator * int(earn["vnd_per_point"]))

    def topup_bonus(self, amount: int) -> int:
        bands = [b for b in self.data.get("topup_bonus", []) if amount >= int(b["min"])]
        if not bands:
            return 0
        best = max(bands, key=lambda b: int(b["min"]))
        return amount * int(best["bp"]) // 10_000

    def discount(self, amount: int, bp: int) -> int:
        """Discounts round down too: the shop never gives more than the rule says."""
        return amount * bp // 10_000

    def approval_threshold(self, name: str) -> int | None:
        value = self.data.get("approval", {}).get(name)
        return None if value is None else int(value)
