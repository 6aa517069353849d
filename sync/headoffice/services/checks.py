"""Head office decides what a pushed entry may do: the issuer authorises, the till proposes.

Every entry that becomes contiguous is judged here before the projection sees it: first by the
shared registry (`loyalty_core.entries.validate`: known kind, account, sign, bounds, payload),
then against head office's own facts (`services.trustfacts`): the card exists and this till may
touch it (store scope), staff and approvals belong to this till's store, value creation is backed
by an open shift and within the till's velocity limits, a create never reuses an id or a number.

An entry that fails is still held (the till's hash chain stays whole and its push is not stuck)
but goes to the `quarantine` table with the reason, is logged, is given no effect, and is served
to other tills marked as quarantined. The push answer lists it (`PushResponse.refused`) so the
till can show why. The rules are tabled in docs/SECURITY.md.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection

from loyalty_core.entries import Kind, validate
from loyalty_core.errors import LoyaltyError
from sync.headoffice import schema as t
from sync.headoffice.services import trustfacts
from sync.headoffice.services.context import Context, TillIdentity
from sync.headoffice.services.policy import FOREIGN_VALUE_KINDS, STORE_BOUND_CARDS, SV_CREATING
from sync.headoffice.services.trustfacts import POINTS_CREATING, Facts, TrustObject
from sync.wire.models import Refusal

log = logging.getLogger("loyalty.headoffice.trust")
# Refund kinds that give value back, and the sale's figure that bounds them.
REFUND_GIVES = {"refund.redeem": "sale.points", "refund.sv": "sale.sv"}


class Refused(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def screen(
    ctx: Context, conn: Connection, till: TillIdentity, entries: list[dict[str, Any]]
) -> list[Refusal]:
    """Judge `entries` (one till's, in seq order); quarantine and return the refused ones."""
    if not entries or not ctx.policy.judge:
        return []
    facts = trustfacts.load(ctx, conn, till, entries)
    refused: list[Refusal] = []
    for e in entries:
        try:
            _judge(conn, facts, e)
        except Refused as r:
            refused.append(Refusal(id=e["id"], seq=int(e["seq"]), code=r.code,
                                   reason=r.reason[:1000]))
    trustfacts.save(ctx, conn, facts)
    if refused:
        now = ctx.now()
        kinds = {e["id"]: str(e["kind"])[:64] for e in entries}
        conn.execute(
            ctx.insert(t.quarantine).on_conflict_do_nothing(),
            [{"entry_id": r.id, "till_id": till.id, "seq": r.seq, "kind": kinds[r.id],
              "code": r.code, "reason": r.reason, "at": now} for r in refused],
        )
        for r in refused:
            log.warning("quarantined till=%s store=%s seq=%d kind=%s code=%s: %s",
                        till.id, till.store_id, r.seq, kinds[r.id], r.code, r.reason)
    return refused


def _judge(conn: Connection, facts: Facts, e: Mapping[str, Any]) -> None:
    """Raise `Refused` for the first rule the entry breaks; otherwise record what it does."""
    kind = str(e["kind"])
    try:
        _, typed = validate(kind, e.get("account"), e.get("amount"), e.get("card_id"),
                            e.get("payload"))
    except LoyaltyError as err:
        raise Refused("entry.invalid", err.message) from None
    except (TypeError, ValueError, KeyError, AttributeError) as err:
        # Whatever a forged entry trips in the parser is a refusal, never a stuck chain.
        raise Refused("entry.invalid", f"{type(err).__name__}: {err}") from None
    till = facts.till
    amount = int(e.get("amount") or 0)
    card_id = e.get("card_id")
    p: Any = typed
    _check_staff(facts, e.get("staff_id"))
    if kind == Kind.APPROVAL:
        _check_staff(facts, p.supervisor_id)
    if e.get("approval_id") is not None:
        approval = facts.obj("approval", e["approval_id"])
        if approval is None or approval.store_id != till.store_id:
            raise Refused("approval.missing", "the approval it names is not one of this store's")
    if kind == Kind.CARD_ISSUE:
        if card_id != p.id:
            raise Refused("entry.invalid", "card.issue must name the card it issues")
        if p.id in facts.cards:
            raise Refused("card.id_taken", "card.issue reuses an existing card id")
        if p.number in facts.numbers:
            raise Refused("card.number_taken", "card.issue reuses an existing card number")
    elif card_id is not None:
        _check_card(facts, kind, card_id, amount, p)
    if kind == Kind.MEMBER_ENROLL and p.member["id"] in facts.members:
        raise Refused("member.id_taken", "member.enroll reuses an existing member id")
    if kind in SV_CREATING:
        shift = facts.obj("shift", p.shift_id)
        if p.shift_id is None:
            backed = bool(facts.open_shifts)  # the till's open shift took the cash
        else:
            backed = shift is not None and shift.open and shift.till_id == till.id
        if not backed:
            raise Refused("shift.not_open", f"{kind} without an open shift of this till")
        over = facts.topup_approval_over
        if kind == Kind.SV_TOPUP and over is not None and amount > over and not e.get("approval_id"):
            raise Refused("approval.missing", f"a top-up over {over} needs an approval")
        if facts.sv_created + amount > facts.policy.sv_per_window:
            raise Refused("velocity.exceeded", "stored value created by this till this hour "
                          "is over the limit")
    if kind in POINTS_CREATING and amount > 0:
        if facts.points_created + amount > facts.policy.adjust_points_per_window:
            raise Refused("velocity.exceeded", "points created by this till this hour "
                          "is over the limit")
    if kind == Kind.EARN:
        sale = facts.obj("sale", e.get("sale_id"))
        if sale is None or sale.till_id != till.id or (sale.value or 0) < amount:
            raise Refused("earn.unbacked", "earn beyond what its sale allows")
    if kind == Kind.CASHBACK:
        sale = facts.obj("sale", e.get("sale_id"))
        if sale is None or sale.till_id != till.id:
            raise Refused("cashback.unbacked", "cashback without a sale of this till")
    if kind in REFUND_GIVES:
        given = facts.obj(REFUND_GIVES[kind], e.get("sale_id"))
        if given is None or (given.value or 0) < amount:
            raise Refused("refund.unbacked", f"{kind} gives back more than the sale took")
    if kind == Kind.SALE and (p.points_earned > p.amount or p.points_earned < 0):
        raise Refused("sale.points_unbacked", "a sale earning more points than its amount")
    if kind == Kind.TRANSFER_IN:
        key = (str(e["operation_id"]), str(e["account"]))
        available = facts.transfers_out.get(key)
        if available is None:
            available = trustfacts.transfer_out_held(conn, till.id, *key)
        if available < amount:
            raise Refused("transfer.unbacked", "transfer.in without the matching transfer.out")
        facts.transfers_out[key] = available - amount
    _accept(facts, e, kind, amount, p)


def _check_staff(facts: Facts, staff_id: str | None) -> None:
    """Staff head office knows must work at this till's store (or chain-wide)."""
    if staff_id is None or staff_id not in facts.staff_store:
        return
    store = facts.staff_store[staff_id]
    if store is not None and store != facts.till.store_id:
        raise Refused("staff.foreign", "the staff member works at another store")


def _check_card(facts: Facts, kind: str, card_id: str, amount: int, p: Any) -> None:
    card = facts.cards.get(card_id)
    if card is None:
        raise Refused("card.unknown", "the card does not exist")
    owner = facts.obj("card", card_id)
    foreign = owner is None or owner.store_id != facts.till.store_id
    if not foreign:
        return
    if kind == Kind.POINTS_ADJUST or (
        kind in FOREIGN_VALUE_KINDS | {Kind.TRANSFER_OUT} and card.get("kind") in STORE_BOUND_CARDS
    ):
        raise Refused("card.foreign_store", f"{kind} on another store's card")
    if kind == Kind.CARD_STATUS and "member_id" in _given(p):
        if card.get("member_id") not in (None, p.member_id):
            raise Refused("card.takeover", "card.status rebinding another store's card")


def _given(p: Any) -> set[str]:
    from loyalty_core.payloads import has

    return {name for name in ("member_id", "expires_on") if has(p, name)}


def _accept(facts: Facts, e: Mapping[str, Any], kind: str, amount: int, p: Any) -> None:
    """Record what an accepted entry established, for the entries after it."""
    till = facts.till
    if kind == Kind.CARD_ISSUE:
        facts.cards[p.id] = {"number": p.number, "kind": p.kind, "member_id": p.member_id}
        facts.numbers.add(p.number)
        facts.put(TrustObject("card", p.id, till.id, till.store_id, p.kind))
    elif kind == Kind.CARD_STATUS and "member_id" in _given(p):
        facts.cards[e["card_id"]]["member_id"] = p.member_id
    elif kind == Kind.MEMBER_ENROLL:
        facts.members.add(p.member["id"])
    elif kind == Kind.SHIFT_OPEN:
        facts.put(TrustObject("shift", p.shift_id, till.id, till.store_id))
        facts.open_shifts.add(p.shift_id)
    elif kind == Kind.SHIFT_CLOSE:
        shift = facts.obj("shift", p.shift_id)
        if shift is not None and shift.till_id == till.id:
            shift.open = False
            facts.put(shift)
        facts.open_shifts.discard(p.shift_id)
    elif kind == Kind.APPROVAL:
        facts.put(TrustObject("approval", p.approval_id, till.id, till.store_id))
    elif kind == Kind.SALE and e.get("sale_id"):
        facts.put(TrustObject("sale", e["sale_id"], till.id, till.store_id,
                              value=p.points_earned))
        # What a refund of this sale may give back, whichever till of the chain refunds it.
        facts.put(TrustObject("sale.points", e["sale_id"], till.id, till.store_id,
                              value=p.points_redeemed))
        facts.put(TrustObject("sale.sv", e["sale_id"], till.id, till.store_id,
                              value=p.stored_value_used))
    elif kind in REFUND_GIVES:
        given = facts.obj(REFUND_GIVES[kind], e.get("sale_id"))
        if given is not None:
            given.value = (given.value or 0) - amount
            facts.put(given)
    elif kind == Kind.EARN:
        sale = facts.obj("sale", e.get("sale_id"))
        if sale is not None:
            sale.value = (sale.value or 0) - amount
            facts.put(sale)
    if kind in SV_CREATING:
        facts.sv_created += amount
    if kind in POINTS_CREATING and amount > 0:
        facts.points_created += amount
    if kind == Kind.TRANSFER_OUT:
        key = (str(e["operation_id"]), str(e["account"]))
        facts.transfers_out[key] = facts.transfers_out.get(key, 0) - amount
