"""Plain frozen rows: what the query layer (`loyalty_core.queries`) answers with.

The domain modules read facts, never ORM objects: a frozen row cannot be changed behind the
journal's back, and filling one from a plain sqlite3 row costs a fraction of an ORM load (the
counter panel is read on every swipe). Names match the models' columns, so code reads the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loyalty_core.entries import Kind


@dataclass(frozen=True)
class CardRow:
    id: str
    number: str
    kind: str
    status: str
    status_reason: str | None
    expires_on: str | None
    flagged: str | None
    member_id: str | None


@dataclass(frozen=True)
class MemberRow:
    id: str
    name: str
    phone: str | None
    birthday: str | None
    tier_id: str | None


@dataclass(frozen=True)
class TierRow:
    id: str
    code: str
    name: str
    rank: int
    threshold: int
    earn_multiplier_pct: int
    discount_bp: int


@dataclass(frozen=True)
class LotRow:
    id: str
    card_id: str
    remaining: int
    expires_on: str | None


@dataclass(frozen=True)
class ShiftRow:
    id: str
    opened_at: str
    opening_float: int
    closed_at: str | None


@dataclass(frozen=True)
class SaleRow:
    id: str
    card_id: str | None
    amount: int
    discount: int
    points_redeemed: int
    stored_value_used: int
    points_earned: int
    created_at: str
    receipt_no: str | None = None


@dataclass(frozen=True)
class EntryRow:
    """A journal entry as the domain reads it back (refunds, expiry jobs, the Z report)."""

    id: str
    kind: Kind
    card_id: str | None
    amount: int
    payload: dict[str, Any]


@dataclass(frozen=True)
class ApprovalRow:
    id: str
    supervisor_id: str
    operation: str
    details: dict[str, Any]
    used_by_operation: str | None
    requested_by: str | None = None


@dataclass(frozen=True)
class VoucherRow:
    id: str
    code: str
    kind: str
    value: int
    min_spend: int
    max_uses: int
    uses: int
    valid_from: str
    valid_to: str
    member_id: str | None


@dataclass(frozen=True)
class RewardRow:
    id: str
    code: str
    name: str
    points_cost: int


@dataclass(frozen=True)
class PlanRow:
    id: str
    code: str
    name: str
    fee: int
    term_days: int
    discount_bp: int
    earn_multiplier_pct: int


@dataclass(frozen=True)
class MembershipRow:
    """A member's latest paid membership with its plan's terms (pricing reads it)."""

    plan_id: str
    starts_on: str
    ends_on: str
    plan_name: str
    plan_code: str
    discount_bp: int
    earn_multiplier_pct: int


@dataclass(frozen=True)
class ProgramRow:
    """A program running today; `params` are parsed once per text and only read."""

    id: str
    kind: str
    name: str
    params: dict[str, Any]
    ends_on: str | None
