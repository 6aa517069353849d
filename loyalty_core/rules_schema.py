"""The schema program rules must satisfy, checked where they are set and where they are pulled.

A rule version is data typed by a person at head office; one slip (`vnd_per_point: 0`) used to
crash every checkout of the chain. So a version is validated as a whole before it is stored or
applied, every error is reported at once (field path and reason), and an invalid version is
refused: the last good one stays in force. Effective times carry their zone and are compared in
UTC, so `2026-12-01T09:00:00+07:00` takes effect at 02:00 UTC, not seven hours late.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from loyalty_core.bounds import MAX_AMOUNT
from loyalty_core.errors import LoyaltyError

Money = Field(ge=0, le=MAX_AMOUNT)
BasisPoints = Field(ge=0, le=10_000)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class EarnRule(_Strict):
    mode: Literal["per_amount", "percent"]
    vnd_per_point: int = Field(gt=0, le=MAX_AMOUNT)
    bp: int = BasisPoints


class TopupBand(_Strict):
    min: int = Field(gt=0, le=MAX_AMOUNT)
    bp: int = BasisPoints


class ApprovalThresholds(_Strict):
    redeem_value_over: int | None = Money
    stored_value_over: int | None = Money
    topup_over: int | None = Money
    gift_card_over: int | None = Money
    refund_over: int | None = Money
    adjust_over: int | None = Money
    replace_card_over: int | None = Money


class ProgramRules(_Strict):
    currency: Literal["VND"]
    earn: EarnRule
    earn_on_stored_value: bool
    point_value_vnd: int = Field(gt=0, le=1_000_000)
    points_expiry_days: int = Field(gt=0, le=36_500)
    topup_bonus: list[TopupBand] = Field(max_length=20)
    gift_card_max: int = Field(gt=0, le=MAX_AMOUNT)
    topup_max: int = Field(gt=0, le=MAX_AMOUNT)
    card_validity_days: int = Field(gt=0, le=36_500)
    approval: ApprovalThresholds
    approval_expiry_minutes: int = Field(default=15, gt=0, le=1_440)
    offline_stored_value_limit: int = Money
    offline_points_limit: int = Field(default=5_000, ge=0, le=MAX_AMOUNT)
    pin_max_failures: int = Field(gt=0, le=20)
    pin_lockout_seconds: int = Field(gt=0, le=86_400)
    expiring_soon_days: int = Field(gt=0, le=365)
    card_prefixes: dict[str, str]
    birthday_window_days: int = Field(ge=0, le=31)
    timezone: str = "Asia/Ho_Chi_Minh"
    tier_window_days: int = Field(default=365, gt=0, le=3_660)
    # How far back a sale is refunded at a till that joined the chain later: the sales (and
    # their entries) of these days come with its snapshot (sync/headoffice/services/snapshot.py).
    refund_window_days: int = Field(default=30, gt=0, le=3_660)

    @field_validator("card_prefixes")
    @classmethod
    def _prefixes(cls, value: dict[str, str]) -> dict[str, str]:
        for kind, prefix in value.items():
            if not (prefix.isascii() and prefix.isdigit() and 2 <= len(prefix) <= 10):
                raise ValueError(f"prefix of {kind} must be 2-10 digits")
        if len(set(value.values())) != len(value):
            raise ValueError("two card kinds share a prefix")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("unknown time zone") from None
        return value


def rule_errors(data: object) -> list[str]:
    """Every problem with a rules document, as `path: reason` lines; empty when it is valid."""
    if not isinstance(data, dict):
        return ["(root): rules must be an object"]
    try:
        ProgramRules.model_validate(data)
    except ValidationError as exc:
        return [
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors()
        ]
    return []


def validated_rules(data: object) -> dict[str, Any]:
    """The rules document unchanged when valid; otherwise a refusal naming every error."""
    errors = rule_errors(data)
    if errors:
        raise LoyaltyError("rules.invalid", "program rules are not valid", errors=errors)
    assert isinstance(data, dict)
    return data


def effective_utc(value: object) -> str:
    """An effective time with its zone, as UTC ISO 8601 (`...Z`), the form that sorts as time."""
    if not isinstance(value, str):
        raise LoyaltyError("rules.bad_effective", "effective time must be text")
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise LoyaltyError("rules.bad_effective", "effective time is not a timestamp") from None
    if moment.tzinfo is None:
        raise LoyaltyError("rules.bad_effective", "effective time needs its time zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def checked_version(effective_from: object, rules: object) -> tuple[str, dict[str, Any]]:
    """A rules version as head office sets it and a till applies it: (effective time in UTC,
    the rules document), or one refusal naming every error.

    The document is checked as the till will use it, merged over the defaults, so a version
    that only changes a few keys is judged with the rest filled in.
    """
    from loyalty_core.rules import merged_rules  # rules imports nothing of this module

    errors: list[str] = []
    try:
        moment = effective_utc(effective_from)
    except LoyaltyError as exc:
        moment = ""
        errors.append(f"effective_from: {exc.message}")
    if not isinstance(rules, dict):
        errors.append("(root): rules must be an object")
    else:
        errors += rule_errors(merged_rules(rules))
    if errors:
        raise LoyaltyError("rules.invalid", "program rules are not valid", errors=errors)
    assert isinstance(rules, dict)
    return moment, rules


WINDOWS = ("tier_window_days", "refund_window_days")


def window_days(rules: Mapping[str, Any], name: str) -> int:
    """A window in days from a rule set, or the schema's default when a rule version leaves it
    out (the engine's merged rules do not carry these two): one default for the till's tier
    check, head office's jobs, its snapshot and its pruning."""
    if name not in WINDOWS:
        raise KeyError(name)
    return int(rules.get(name, ProgramRules.model_fields[name].default))
