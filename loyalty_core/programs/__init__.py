"""The loyalty programs a shop can run, one file per kind behind this registry.

To add a program kind: write `programs/<kind>.py` with a `ProgramKind` subclass (validate its
parameters, contribute to a quote, react after a sale or an enrolment) and a `KIND` instance, then
add that `KIND` to `REGISTRY` below. Pricing, checkout, enrolment and head office's definitions
(`loyalty_core.definitions_schema`) find it there. The order of `REGISTRY` is the order kinds
contribute to a quote (and list their offers).
"""

from __future__ import annotations

from typing import Any

from loyalty_core.errors import LoyaltyError
from loyalty_core.programs import (
    birthday,
    cashback,
    coalition,
    discount_card,
    enrol_bonus,
    occasion,
    referral,
)
from loyalty_core.programs.base import Benefits, Facts, ProgramKind

REGISTRY: dict[str, ProgramKind] = {
    k.name: k
    for k in (
        discount_card.KIND,
        birthday.KIND,
        occasion.KIND,
        cashback.KIND,
        referral.KIND,
        enrol_bonus.KIND,
        coalition.KIND,
    )
}
PROGRAM_KINDS = tuple(REGISTRY)

__all__ = [
    "PROGRAM_KINDS",
    "REGISTRY",
    "Benefits",
    "Facts",
    "ProgramKind",
    "validate",
]


def validate(kind: str, params: dict[str, Any]) -> None:
    if kind not in REGISTRY:
        raise LoyaltyError("program.bad_kind", "unknown program kind", kind=kind)
    for key, value in params.items():
        if isinstance(value, float):
            raise LoyaltyError("program.float", "program numbers are integers", field=key)
    REGISTRY[kind].validate(params)
