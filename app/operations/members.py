"""Members: enrolment at the counter, and finding a member by name or phone digits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from app.runner import CollectionOp, OpChanges, QueryOp, Runner


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
    referrer: str | None = None  # the recommending member's card number or phone, as typed
    card_uid: str | None = None  # a UID-only NFC card tapped: its chip is linked to the card


def enroll_member(
    runner: Runner, operation_id: str, cashier_id: str | None, enrolment: Enrolment
) -> CollectionOp[dict[str, Any]]:
    args = asdict(enrolment)
    referrer = args.pop("referrer")

    def enrol(lo: Any) -> dict[str, Any]:
        referrer_id = referrer_member_id(lo, referrer) if referrer else None
        return lo.enroll_member(operation_id, cashier_id, referrer_id=referrer_id, **args)

    return CollectionOp(
        runner,
        enrol,
        lambda result: OpChanges("member.enroll", result["card_number"], result),
        label="enrol member",
    )


def referrer_member_id(lo: Any, typed: str) -> str:
    """The member who recommended the new one, found by their card number or phone number;
    an unknown one is the engine's refusal (in words), never a silent enrolment without."""
    from loyalty_core.errors import LoyaltyError

    digits = "".join(ch for ch in typed if ch.isdigit())
    if len(digits) == 16 and not typed.strip().startswith(("0", "+")):
        number: str | None = digits
    else:
        rows = lo.find_by_phone(typed.strip())
        number = rows[0]["number"] if rows else None
    member = (lo.customer_view(number) or {}).get("member") if number else None
    if not member:
        raise LoyaltyError("member.unknown_referrer", "unknown referring member")
    return str(member["id"])


def search_members(
    runner: Runner, text: str, success: Callable[[list[dict[str, Any]]], None]
) -> QueryOp[list[dict[str, Any]]]:
    """Members by the start of their name (accents optional) or the last digits of a phone."""
    return QueryOp(runner, lambda lo: lo.search_members(text, 20), success, label="search")


def member_cards(
    runner: Runner, member_id: str, success: Callable[[list[dict[str, Any]]], None]
) -> QueryOp[list[dict[str, Any]]]:
    return QueryOp(runner, lambda lo: lo.member_cards(member_id), success, label="member cards")
