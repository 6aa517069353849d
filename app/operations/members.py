"""Members: enrolment at the counter."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from app.runner import CollectionOp, OpChanges, Runner


@dataclass(frozen=True)
class Enrolment:
    """The enrolment form as the engine takes it; `card_number` None prints a new card later."""

    name: str
    phone: str | None
    birthday: str | None
    email: str | None
    consent_marketing: bool
    consent_sms: bool
    card_number: str | None
    card_kind: str


def enroll_member(
    runner: Runner, operation_id: str, cashier_id: str | None, enrolment: Enrolment
) -> CollectionOp[dict[str, Any]]:
    args = asdict(enrolment)
    return CollectionOp(
        runner,
        lambda lo: lo.enroll_member(operation_id, cashier_id, **args),
        lambda result: OpChanges("member.enroll", result["card_number"], result),
        label="enrol member",
    )
