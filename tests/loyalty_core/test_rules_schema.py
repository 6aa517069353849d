"""Rules are validated as a whole; effective times are compared in UTC."""

from __future__ import annotations

import pytest

from loyalty_core.errors import LoyaltyError
from loyalty_core.rules import merged_rules
from loyalty_core.rules_schema import effective_utc, rule_errors, validated_rules


def test_default_rules_are_valid() -> None:
    assert rule_errors(merged_rules()) == []


def test_every_error_is_reported_at_once() -> None:
    bad = merged_rules({"earn": {"vnd_per_point": 0, "mode": "sometimes"}, "point_value_vnd": -1})
    errors = rule_errors(bad)
    assert any(e.startswith("earn.vnd_per_point") for e in errors)
    assert any(e.startswith("earn.mode") for e in errors)
    assert any(e.startswith("point_value_vnd") for e in errors)
    with pytest.raises(LoyaltyError) as caught:
        validated_rules(bad)
    assert caught.value.code == "rules.invalid"
    assert caught.value.params["errors"] == errors


@pytest.mark.parametrize(
    "override",
    [
        {"earn": {"vnd_per_point": 1.5}},
        {"points_expiry_days": "365"},
        {"card_prefixes": {"member": "8801", "gift": "8801"}},
        {"timezone": "Mars/Olympus"},
        {"surprise": 1},
        {"approval": {"refund_over": -1}},
    ],
)
def test_bad_rules_are_refused(override: dict) -> None:
    assert rule_errors(merged_rules(override))


def test_effective_time_is_compared_in_utc() -> None:
    assert effective_utc("2026-12-01T09:00:00+07:00") == "2026-12-01T02:00:00.000000Z"
    assert effective_utc("2026-12-01T02:00:00Z") == "2026-12-01T02:00:00.000000Z"
    for bad in ("2026-12-01T09:00:00", "tomorrow", 5):
        with pytest.raises(LoyaltyError):
            effective_utc(bad)
