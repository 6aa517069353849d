"""Cards: lookup by number, issue, activate, status changes, lost-card replacement.

A number that is not one of ours is refused before any query on cards, so a payment card never
reaches them. Which kinds carry what is `cardkinds.CARD_KINDS`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from loyalty_core import approvals, cardnumbers
from loyalty_core.cardkinds import CARD_KINDS
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.operations import Context, Core, DbSession
from loyalty_core.payloads import is_uid
from loyalty_core.queries import cards as q
from loyalty_core.queries import ledger, people
from loyalty_core.rows import CardRow, MemberRow, TierRow
from loyalty_core.staff import APPROVER_ROLES
from loyalty_core.validation import clean_text

STATUS_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "pending": ("active", "closed"),
    "active": ("blocked", "expired", "closed"),
    "blocked": ("active", "closed"),
    "expired": ("active", "closed"),
    "closed": (),
}
Found = tuple[CardRow, MemberRow | None, TierRow | None]


# ---- lookup ------------------------------------------------------------------------------


def card_rows(core: Core, s: DbSession, number: str, *, for_use: bool = True) -> Found:
    """Card, member and tier in one query: the sale path's read of who is paying."""
    rules = core.current_rules(s)
    digits = our_digits(dict(rules.data["card_prefixes"]), number)
    found = q.panel_rows(s, digits) if digits else None
    if found is None:
        raise LoyaltyError("card.unknown", "unknown card", masked=cardnumbers.mask(digits))
    if for_use:
        check_usable(found[0], core.today(rules))
    return found


def card(core: Core, s: DbSession, number: str, *, for_use: bool = True) -> CardRow:
    return card_rows(core, s, number, for_use=for_use)[0]


def our_digits(prefixes: dict[str, str], number: object) -> str:
    """The card number as digits; refuses one that is not ours before any query on cards,
    so a payment card never reaches them, not even as a logged query parameter."""
    digits = cardnumbers.normalize(number if isinstance(number, str) else "")
    if digits and cardnumbers.kind_of(digits, prefixes) is None:
        raise LoyaltyError(
            "card.not_ours", "this is not one of our cards", masked=cardnumbers.mask(digits)
        )
    return digits


def check_usable(card: CardRow, today: date) -> None:
    if card.status == "blocked":
        raise LoyaltyError("card.blocked", "card is blocked", reason=card.status_reason or "")
    if card.status == "pending":
        raise LoyaltyError("card.pending", "card is not activated yet")
    if card.status == "closed":
        raise LoyaltyError("card.closed", "card is closed")
    if card.status == "expired" or (
        card.expires_on is not None and card.expires_on < today.isoformat()
    ):
        raise LoyaltyError("card.expired", "card has expired", expires_on=card.expires_on or "")


def number_for_uid(core: Core, uid: str) -> str | None:
    with core.store.read() as s:
        return q.number_for_uid(s, uid.upper())


def clean_uid(uid: object) -> str | None:
    """A chip UID to link to a card, as readers report it (hex, any case, maybe with ':' or
    spaces between bytes); anything else is refused before the operation starts."""
    if uid is None:
        return None
    text = uid.replace(":", "").replace(" ", "").upper() if isinstance(uid, str) else ""
    if not is_uid(text):
        raise LoyaltyError("card.bad_uid", "not a contactless chip UID", field="uid")
    return text


def check_uid_free(ctx: Context, uid: str) -> None:
    taken = q.number_for_uid(ctx.session, uid)
    if taken is not None:
        raise LoyaltyError(
            "card.uid_in_use", "this chip is already linked to a card", masked=cardnumbers.mask(taken)
        )


# ---- issue and status --------------------------------------------------------------------


def issue(
    ctx: Context,
    kind: str,
    member_id: str | None,
    number: str | None,
    *,
    activate: bool,
    uid: str | None = None,
) -> dict[str, Any]:
    """A new card (`uid`, already clean: the chip of a UID-only NFC card, linked to it)."""
    if kind not in CARD_KINDS:
        raise LoyaltyError("card.bad_kind", "unknown card kind", kind=kind)
    if uid is not None:
        check_uid_free(ctx, uid)
    prefixes = dict(ctx.rules.data["card_prefixes"])
    if number is None:
        number = cardnumbers.generate(kind, prefixes)
        while q.number_taken(ctx.session, number):
            number = cardnumbers.generate(kind, prefixes)
    else:
        number = cardnumbers.normalize(number)
        found_kind = cardnumbers.kind_of(number, prefixes)
        if found_kind != kind:
            raise LoyaltyError(
                "card.not_ours" if found_kind is None else "card.wrong_kind",
                "card number is not one of ours for this kind",
                masked=cardnumbers.mask(number),
                kind=kind,
            )
        existing = q.card_by_number(ctx.session, number)
        if existing is not None:
            if uid is not None:  # a chip is linked when its card is made, never later
                raise LoyaltyError(
                    "card.uid_not_new",
                    "a chip is linked only to a new card",
                    masked=cardnumbers.mask(number),
                )
            if existing.status != "pending":
                raise LoyaltyError(
                    "card.in_use", "card already issued", masked=cardnumbers.mask(number)
                )
            return activate_row(ctx, existing, member_id)
    days = int(ctx.rules.data["card_validity_days"])
    new = {
        "id": new_id(),
        "number": number,
        "kind": kind,
        "member_id": member_id,
        "status": "active" if activate else "pending",
        "expires_on": (ctx.today + timedelta(days=days)).isoformat(),
    }
    if uid is not None:
        new["uid"] = uid
    ctx.journal.post(Kind.CARD_ISSUE, card_id=new["id"], payload=new)
    return new


def activate_row(ctx: Context, card: CardRow, member_id: str | None) -> dict[str, Any]:
    payload: dict[str, Any] = {"status": "active"}
    if member_id is not None:
        payload["member_id"] = member_id
    ctx.journal.post(Kind.CARD_STATUS, card_id=card.id, reason="activated", payload=payload)
    return {"id": card.id, "number": card.number, "kind": card.kind, "member_id": member_id}


def issue_card(
    core: Core,
    operation_id: str,
    staff_id: str | None,
    kind: str,
    member_id: str | None = None,
    number: str | None = None,
    activate: bool = False,
) -> dict[str, Any]:
    def body(ctx: Context) -> dict[str, Any]:
        if member_id is not None and not people.member_exists(ctx.session, member_id):
            raise LoyaltyError("member.unknown", "unknown member")
        return issue(ctx, kind, member_id, number, activate=activate)

    return core.run(operation_id, "card.issue", staff_id, body)


def activate_card(
    core: Core, operation_id: str, staff_id: str | None, number: str, member_id: str | None = None
) -> dict[str, Any]:
    def body(ctx: Context) -> dict[str, Any]:
        if member_id is not None and not people.member_exists(ctx.session, member_id):
            raise LoyaltyError("member.unknown", "unknown member")
        found = card(core, ctx.session, number, for_use=False)
        if found.status != "pending":
            raise LoyaltyError(
                "card.not_pending", "only a new card can be activated", status=found.status
            )
        return activate_row(ctx, found, member_id)

    return core.run(operation_id, "card.activate", staff_id, body)


def set_card_status(
    core: Core,
    operation_id: str,
    staff_id: str | None,
    number: str,
    status: str,
    reason: str,
    approval_id: str | None = None,
) -> dict[str, Any]:
    why = clean_text(reason, "reason", required=True)

    def body(ctx: Context) -> dict[str, Any]:
        found = card(core, ctx.session, number, for_use=False)
        if status not in STATUS_TRANSITIONS.get(found.status, ()):
            raise LoyaltyError(
                "card.bad_transition",
                "card status cannot change that way",
                current=found.status,
                wanted=status,
            )
        if found.status == "blocked" or status == "closed":
            # Unblocking a card someone reported lost, or closing one for good, is not a
            # cashier's call: a supervisor does it or approves it.
            if not approvals.has_role(ctx, staff_id, APPROVER_ROLES):
                approvals.consume(
                    ctx, "card.status", "card_status", 1, approval_id, staff_id, card_id=found.id
                )
        ctx.journal.post(Kind.CARD_STATUS, card_id=found.id, reason=why, payload={"status": status})
        return {"card_id": found.id, "status": status}

    return core.run(operation_id, "card.status", staff_id, body)


def replace_card(
    core: Core,
    operation_id: str,
    staff_id: str | None,
    old_number: str,
    reason: str,
    new_number: str | None = None,
    *,
    approval_id: str | None = None,
    new_uid: str | None = None,
) -> dict[str, Any]:
    """Lost or damaged card: block it and move every balance, lot and the owner, at once.
    `new_uid`: the new card is a UID-only NFC card, its chip linked to the new number."""
    why = clean_text(reason, "reason", required=True)
    chip = clean_uid(new_uid)

    def body(ctx: Context) -> dict[str, Any]:
        s = ctx.session
        old = card(core, s, old_number, for_use=False)
        if old.status in ("closed", "pending"):
            raise LoyaltyError(
                "card.bad_transition",
                "this card cannot be replaced",
                current=old.status,
                wanted="blocked",
            )
        approvals.require(
            ctx, "replace_card", "replace_card_over", 1, approval_id, staff_id, card_id=old.id
        )
        if old.status != "blocked":
            ctx.journal.post(
                Kind.CARD_STATUS, card_id=old.id, reason=why, payload={"status": "blocked"}
            )
        new = issue(ctx, old.kind, old.member_id, new_number, activate=True, uid=chip)
        moved: dict[str, int] = {}
        for lot in ledger.lots_to_move(s, old.id):  # each lot keeps its own expiry
            ctx.journal.post(
                Kind.TRANSFER_OUT,
                card_id=old.id,
                account="points",
                amount=-lot.remaining,
                reason=why,
                payload={"lots": [{"lot_id": lot.id, "amount": lot.remaining}], "to": new["id"]},
            )
            ctx.journal.post(
                Kind.TRANSFER_IN,
                card_id=new["id"],
                account="points",
                amount=lot.remaining,
                reason=why,
                payload={"expires_on": lot.expires_on, "from": old.id},
            )
            moved["points"] = moved.get("points", 0) + lot.remaining
        for account in ("stored_value", "qualifying_spend"):
            value = ledger.balance_of(s, old.id, account)
            if value:
                ctx.journal.post(
                    Kind.TRANSFER_OUT,
                    card_id=old.id,
                    account=account,
                    amount=-value,
                    reason=why,
                    payload={"to": new["id"]},
                )
                ctx.journal.post(
                    Kind.TRANSFER_IN,
                    card_id=new["id"],
                    account=account,
                    amount=value,
                    reason=why,
                    payload={"from": old.id},
                )
                moved[account] = value
        return {
            "old_card_id": old.id,
            "card_id": new["id"],
            "card_number": new["number"],
            "moved": moved,
        }

    return core.run(operation_id, "card.replace", staff_id, body)
