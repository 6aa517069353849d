"""Members: enrolment (with their first card and the enrolment programs) and phone lookup."""

from __future__ import annotations

from datetime import date
from typing import Any

from loyalty_core import cards, inputs, phones, validation
from loyalty_core.bounds import MAX_NAME, MAX_SEGMENT
from loyalty_core.cardnumbers import mask
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.operations import Context, Core
from loyalty_core.programs import REGISTRY
from loyalty_core.queries import cards as card_q
from loyalty_core.queries import catalog, people, search
from loyalty_core.validation import clean_text


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
    card_uid: str | None = None,
) -> dict[str, Any]:
    """Enrol a member and (by default) issue and activate their card in the same operation;
    `card_uid` links a UID-only NFC card's chip to that new card (a tap then finds it)."""
    clean_name = clean_text(name, "name", required=True, max_len=MAX_NAME)
    clean_phone = validation.phone(phone)
    clean_birthday = inputs.clean_birthday(birthday, date.today())
    clean_email = inputs.clean_email(email)
    clean_segment = clean_text(segment, "segment", max_len=MAX_SEGMENT)
    referrer = validation.object_id(referrer_id, "referrer_id", required=False)
    chip = cards.clean_uid(card_uid)

    def body(ctx: Context) -> dict[str, Any]:
        s = ctx.session
        if referrer is not None and not people.member_exists(s, referrer):
            raise LoyaltyError("member.unknown_referrer", "unknown referring member")
        if clean_phone and people.phone_taken(s, clean_phone):
            raise LoyaltyError("member.phone_taken", "phone number already enrolled")
        base_tier = people.base_tier(s)
        member_id = new_id()
        member = {
            "id": member_id,
            "name": clean_name,
            "phone": clean_phone,
            "birthday": clean_birthday,
            "email": clean_email,
            "segment": clean_segment,
            "consent_marketing": bool(consent_marketing),
            "consent_sms": bool(consent_sms),
            "tier_id": base_tier.id if base_tier else None,
            "referrer_id": referrer_id,
        }
        ctx.journal.post(Kind.MEMBER_ENROLL, payload={"member": member})
        card = cards.issue(ctx, card_kind, member_id, card_number, activate=True, uid=chip)
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


MAX_PHONE_DIGITS = 15  # E.164: no number has more digits, so no tail can either


def find_by_phone(core: Core, phone: str) -> list[dict[str, Any]]:
    """Cards of the member with that number, typed in any form (`0912 345 678`, `+84...`);
    digits that are not a whole number are taken as its last digits (at most 20 members)."""
    digits = phones.search_digits(phone)
    if digits is None:
        raise LoyaltyError("lookup.phone_short", "type at least 6 digits of the phone number")
    if len(digits) > MAX_PHONE_DIGITS:
        raise LoyaltyError("member.bad_phone", "phone number is not valid", field="phone")
    try:
        e164: str | None = phones.to_e164(phone)
    except LoyaltyError:
        e164 = None
    with core.store.read() as s:
        if e164 is not None:
            found = card_q.cards_of_phone(s, e164)
        else:
            members = {r[0]: r for r in search.members_by_phone_tail(s, digits[::-1], 20)}
            found = [
                (m, members[m][1], members[m][2], number, kind, status)
                for m, number, kind, status in search.cards_of_members(s, list(members))
            ]
        return [
            {
                "member_id": r[0],
                "name": r[1],
                "phone": r[2],
                "number": r[3],
                "kind": r[4],
                "status": r[5],
            }
            for r in found
        ]


WHOLE_NUMBER_DIGITS = 9  # a Vietnamese national number without its 0; fewer is only a tail


def search_members(core: Core, text: object, limit: int = 20) -> list[dict[str, Any]]:
    """Members by the last 6+ digits of their phone (or the whole number in any form), or by
    the start of their name without accents (`nguyen thi` finds `Nguyễn Thị Lan`).

    Each comes with their cards, numbers masked: the list is shown to whoever is at the
    counter, and picking a member is enough to go on with the card the cashier then chooses.
    """
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 100:
        raise LoyaltyError("lookup.bad_limit", "limit must be 1 to 100")
    digits = phones.search_digits(text)
    with core.store.read() as s:
        if digits is not None:
            if len(digits) > MAX_PHONE_DIGITS:
                raise LoyaltyError("member.bad_phone", "phone number is not valid", field="phone")
            if len(digits) >= WHOLE_NUMBER_DIGITS:
                try:  # a whole number in any form: search by its E.164 digits
                    digits = "".join(ch for ch in phones.to_e164(text) if ch.isdigit())
                except LoyaltyError:
                    pass  # a tail, not a whole number
            found = search.members_by_phone_tail(s, digits[::-1], limit)
        else:
            typed = clean_text(text, "search", required=True, max_len=MAX_NAME) or ""
            key = inputs.search_key(typed)
            if len(key) < 2:
                raise LoyaltyError("lookup.too_short", "type at least 2 letters of the name")
            found = search.members_by_name(s, key, limit)
        cards_by_member: dict[str, list[dict[str, str]]] = {r[0]: [] for r in found}
        for member_id, number, kind, status in search.cards_of_members(s, list(cards_by_member)):
            cards_by_member[member_id].append(
                {"number": mask(number), "kind": kind, "status": status}
            )
    return [
        {
            "id": r[0],
            "name": r[1],
            "phone": phones.display(r[2]) if r[2] else None,
            "tier": r[4],
            "tier_code": r[3],
            "cards": cards_by_member[r[0]],
        }
        for r in found
    ]


# Usable cards first, then the ones that wait or ran out, the blocked and closed ones last.
_STATUS_ORDER = {"active": 0, "pending": 1, "expired": 2, "blocked": 3, "closed": 4}


def member_cards(core: Core, member_id: str) -> list[dict[str, Any]]:
    """The cards of a member the cashier picked from a search, to open one at the counter:
    whole numbers (the counter opens a card by its number), usable ones first."""
    checked = validation.object_id(member_id, "member_id", required=True)
    with core.store.read() as s:
        if not people.member_exists(s, checked):
            raise LoyaltyError("member.unknown", "unknown member")
        found = search.cards_of_members(s, [checked])
    rows = [
        {"number": number, "masked": mask(number), "kind": kind, "status": status}
        for _m, number, kind, status in found
    ]
    return sorted(rows, key=lambda r: _STATUS_ORDER.get(r["status"], 5))
