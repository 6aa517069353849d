"""What a program kind is, and the frozen facts and benefits pricing passes between kinds.

Pricing rules, shown to the member by `tier_explanation` and the offers of `customer_view`:
- Percentage discounts do not stack: the best of tier, active paid membership and an unlocked
  discount-tracking card applies. A voucher then applies on what is left.
- Earn multipliers do stack: tier x paid membership x the best campaign running (birthday window
  or an occasion), rounded once (`Rules.earn_points`).
- Cashback is a percentage of the money actually paid (not points, not stored value), credited to
  the card's stored value as its own entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from loyalty_core.errors import LoyaltyError
from loyalty_core.operations import Context, DbSession
from loyalty_core.rows import (
    CardRow,
    MemberRow,
    MembershipRow,
    ProgramRow,
    TierRow,
    VoucherRow,
)


@dataclass
class Benefits:
    """What applies to one card today; computed in one place for quote, checkout and the panel."""

    discount_bp: int = 0
    discount_source: str | None = None
    multipliers: dict[str, int] = field(default_factory=dict)
    campaign_pct: int = 100  # the best campaign running; campaigns do not stack with each other
    cashback_bp: int = 0
    cashback_expiry_days: int | None = None
    offers: list[dict[str, Any]] = field(default_factory=list)
    discount_card: dict[str, Any] | None = None
    membership: dict[str, Any] | None = None

    def offer_discount(self, bp: int, source: str) -> None:
        """Discounts do not stack: the best one wins, the first of equals keeps it."""
        if bp > self.discount_bp:
            self.discount_bp, self.discount_source = bp, source


@dataclass(frozen=True)
class Facts:
    """A snapshot of everything pricing needs about one card today; no database behind it."""

    today: date
    card: CardRow | None = None
    member: MemberRow | None = None
    tier: TierRow | None = None
    membership: MembershipRow | None = None
    programs: Mapping[str, tuple[ProgramRow, ...]] = field(default_factory=dict)
    # What each running program's kind gathered for this card (by program id), e.g. the
    # discount card's period spend.
    program_facts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    balances: Mapping[str, int] = field(default_factory=dict)
    voucher: VoucherRow | None = None  # the voucher whose code the cashier typed, if found

    def running(self, kind: str) -> tuple[ProgramRow, ...]:
        return self.programs.get(kind, ())


class ProgramKind:
    """One kind of program. A kind overrides what it takes part in; the defaults do nothing.

    - `validate(params)` when head office (or the demo) defines a program of the kind;
    - `gather(s, card, program, today)` reads what `contribute` will need, before pricing;
    - `contribute(benefits, program, facts)` adds its discount, multiplier, offer or cashback to
      a quote; pure, called for each program of the kind running today;
    - `after_sale(ctx, programs, card, sale_id)` reacts once a member's sale is written, and
      returns what it adds to the checkout's result;
    - `after_enrol(ctx, programs, card_id, card_kind)` reacts to an enrolment; returns points.
    """

    name = ""
    integers: tuple[str, ...] = ()  # parameters that, when given, must be whole numbers
    nullable: tuple[str, ...] = ()  # of those, the ones null may also stand for ("never")

    def validate(self, params: dict[str, Any]) -> None:
        """Refuse a definition the kind could not price with. (Missing parameters keep their
        defaults, as they always have; a sentence for a "missing parameter" refusal is the
        UI's to add first.)"""
        for key in self.integers:
            value = params.get(key, 0)
            if value is None and key in self.nullable:
                continue
            if not isinstance(value, int) or isinstance(value, bool):
                raise LoyaltyError("program.float", "program numbers are integers", field=key)

    def gather(
        self, s: DbSession, card: CardRow, program: ProgramRow, today: date
    ) -> Mapping[str, Any]:
        return {}

    def contribute(self, benefits: Benefits, program: ProgramRow, facts: Facts) -> None:
        return None

    def after_sale(
        self, ctx: Context, programs: tuple[ProgramRow, ...], card: CardRow, sale_id: str
    ) -> dict[str, Any]:
        return {}

    def after_enrol(
        self, ctx: Context, programs: tuple[ProgramRow, ...], card_id: str, card_kind: str
    ) -> int:
        return 0
