"""Members: enrolment (with their first card and the enrolment programs) and phone lookup."""

from __future__ import annotations

from datetime import date
from typing import Any

from loyalty_core import cards
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.operations import Context, Core
from loyalty_core.programs import REGISTRY
from loyalty_core.queries import cards as card_q
from loyalty_core.queries import catalog, people
from loyalty_core.validation import clean_text, phone_key


def enroll_member(
    core: Core,
    operation_id: str,
    staff_id: str | None,
    name: str,
    phone: str | None = None,
    birthday: str | None = None,
    email: str | None = None,
    segment: str | None = None,
    consent_marketing: bool = False,
    consent_sms: bool = False,
    card_number: str | None = None,
    card_kind: str = "member",
    referrer_id: str | None = None,
) -> dict[str, Any]:
    """Enrol a member and (by default) issue and activate their card in the same operation."""
    clean_name = clean_text(name, "name", required=True)
    clean_phone = clean_text(phone, "phone")
    if clean_phone is not None and not clean_phone.replace("+", "").replace(" ", "").isdigit():
        raise LoyaltyError("member.bad_phone", "phone number must be digits", field="phone")
    if clean_phone is not None:
        clean_phone = phone_key(clean_phone)  # stored as looked up: "0912 345 678" == "0912345678"
    if birthday is not None:
        try:
            date.fromisoformat(birthday)
        except (TypeError, ValueError):
            raise LoyaltyError("member.bad_birthday", "birthday must be YYYY-MM-DD") from None
    clean_email = clean_text(email, "email")
    if clean_email is not None and ("@" not in clean_email or " " in clean_email):
        raise LoyaltyError("member.bad_email", "e-mail address is not valid", field="email")

    def body(ctx: Context) -> dict[str, Any]:
        s = ctx.session
        if referrer_id is not None and not people.member_exists(s, referrer_id):
            raise LoyaltyError("member.unknown_referrer", "unknown referring member")
        if clean_phone and people.phone_taken(s, clean_phone):
            raise LoyaltyError("member.phone_taken", "phone number already enrolled")
        base_tier = people.base_tier(s)
        member_id = new_id()
        member = {
            "id": member_id,
            "name": clean_name,
            "phone": clean_phone,
            "birthday": birthday,
            "email": clean_email,
            "segment": clean_text(segment, "segment"),
            "consent_marketing": bool(consent_marketing),
            "consent_sms": bool(consent_sms),
            "tier_id": base_tier.id if base_tier else None,
            "referrer_id": referrer_id,
        }
        ctx.journal.post(Kind.MEMBER_ENROLL, payload={"member": member})
        card = cards.issue(ctx, card_kind, member_id, card_number, activate=True)
        running = catalog.programs_today(s, ctx.today)
        bonus = sum(
            kind.after_enrol(ctx, tuple(running.get(kind.name, ())), card["id"], card_kind)
            for kind in REGISTRY.values()
        )
        return {
            "member_id": member_id,
            "card_id": card["id"],
            "card_number": card["number"],
            "bonus_points": bonus,
        }

    return core.run(operation_id, "member.enroll", staff_id, body)


def find_by_phone(core: Core, phone: str) -> list[dict[str, Any]]:
    digits = phone_key(phone)
    if len(digits) < 6:
        raise LoyaltyError("lookup.phone_short", "type at least 6 digits of the phone number")
    with core.store.read() as s:
        return [
            {
                "member_id": r[0],
                "name": r[1],
                "phone": r[2],
                "number": r[3],
                "kind": r[4],
                "status": r[5],
            }
            for r in card_q.cards_of_phone(s, digits)
        ]
