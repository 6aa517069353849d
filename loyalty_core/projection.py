"""The one set of rules that turns journal entries into derived state.

Every node runs these rules: the till as it posts or pulls an entry, `verify` as it replays a
journal into an empty database, and (through a thin adapter) head office. The rules only speak to
`DerivedState`, so where the state lives (the till's SQLite tables, an in-memory replay, head
office's SQLAlchemy Core tables) is the adapter's business; `loyalty_core.tillstate` is the
till's.

Two kinds of effect:
- **Ledger effects** add up, so any order of arrival gives the same result: balances, point lots
  and their consumption, sales, vouchers issued and used, reward stock, partner references.
- **State entries** (card.issue/card.status for a card's status; member.enroll/tier.change for a
  member's tier) overwrite. They are ordered by one deterministic key, (created_at, till_id,
  seq), kept on the row: an entry older than the last one applied to that object leaves it alone.
  So two tills that changed one card offline converge on the same status in whichever order the
  entries reach them.

Adding an entry kind: a row in `loyalty_core.entries.REGISTRY` and, if it changes more than
balances and lots, a rule in `RULES` here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from loyalty_core import entries as E
from loyalty_core import memberkeys
from loyalty_core import payloads as P
from loyalty_core.entries import Kind


def state_key(entry: Mapping[str, Any]) -> str:
    """(created_at, till_id, seq) as one string that sorts like the tuple.

    created_at is fixed-width ISO UTC, a space sorts before any character of a till id, and seq
    is zero-padded: so comparing keys as text is comparing the tuples.
    """
    return f"{entry['created_at']} {entry['till_id']} {int(entry['seq']):012d}"


def newer(key: str, current: str | None) -> bool:
    return current is None or key > current


class DerivedState(Protocol):
    """Where the rules write. Each method is one row change; none decides anything."""

    def add_balance(self, card_id: str, account: str, amount: int) -> None: ...

    def add_lot(self, lot_id: str, card_id: str, amount: int, expires_on: str | None) -> None: ...

    def take_from_lot(self, lot_id: str, amount: int) -> None: ...

    def member_tier_key(self, member_id: str) -> tuple[bool, str | None]:
        """(the member exists, key of the last tier change applied)."""
        ...

    def put_member(self, row: dict[str, Any]) -> None:
        """Insert, or overwrite the columns given if the member exists."""
        ...

    def update_member(self, member_id: str, values: dict[str, Any]) -> None: ...

    def card_status_key(self, card_id: str) -> tuple[bool, str | None]: ...

    def put_card(self, row: dict[str, Any]) -> None: ...

    def update_card(self, card_id: str, values: dict[str, Any]) -> None: ...

    def add_sale(self, row: dict[str, Any]) -> None: ...

    def add_voucher(self, row: dict[str, Any]) -> None: ...

    def add_voucher_uses(self, voucher_id: str, step: int) -> None: ...

    def take_reward(self, reward_id: str, store_id: str) -> None: ...

    def put_membership(self, row: dict[str, Any]) -> None: ...

    def add_partner_reference(self, partner: str, reference: str, entry_id: str) -> None: ...

    def put_approval(self, row: dict[str, Any]) -> None: ...

    def put_shift(self, row: dict[str, Any]) -> None: ...

    def close_shift(self, shift_id: str, values: dict[str, Any]) -> None: ...

    def count_pin_failure(self, staff_id: str) -> None: ...

    def lock_staff(self, staff_id: str, until: str, lockouts: int) -> None: ...


Rule = Callable[[Mapping[str, Any], Any, DerivedState], None]


def project(state: DerivedState, entry: Mapping[str, Any], payload: P.Payload) -> None:
    """Apply one validated entry: the ledger effects every kind shares, then its own rule."""
    account = entry.get("account")
    amount = int(entry.get("amount") or 0)
    if account and amount:
        state.add_balance(entry["card_id"], account, amount)
        # Every credit of points is a lot (earn, refund give-back, transfer from a lost card ...).
        if account == "points" and amount > 0:
            state.add_lot(
                entry["id"], entry["card_id"], amount, getattr(payload, "expires_on", None)
            )
    for used in getattr(payload, "lots", None) or ():
        state.take_from_lot(used["lot_id"], int(used["amount"]))
    rule = RULES.get(entry["kind"])
    if rule is not None:
        rule(entry, payload, state)


def project_wire(state: DerivedState, entry: Mapping[str, Any]) -> None:
    """Validate and apply an entry in wire form (replay, pulled entries)."""
    _, payload = E.validate(
        entry["kind"],
        entry.get("account"),
        entry.get("amount") or 0,
        entry.get("card_id"),
        entry.get("payload"),
    )
    project(state, entry, payload)


# -- the rules, one per kind that changes more than balances and lots ---------------------------


def _member_enroll(e: Mapping[str, Any], p: P.MemberEnroll, state: DerivedState) -> None:
    m = p.member
    key = state_key(e)
    row = {
        "id": m["id"],
        "name": m["name"],
        "phone": memberkeys.stored_phone(m.get("phone")),
        "birthday": m.get("birthday"),
        "email": m.get("email"),
        "segment": m.get("segment"),
        "consent_marketing": bool(m.get("consent_marketing")),
        "consent_sms": bool(m.get("consent_sms")),
        "referrer_id": m.get("referrer_id"),
        "created_at": e["created_at"],
    }
    row.update(name_key=memberkeys.name_key(m["name"]), phone_rev=memberkeys.phone_rev(row["phone"]))
    exists, current = state.member_tier_key(m["id"])
    if not exists or newer(key, current):
        row.update(tier_id=m.get("tier_id"), tier_key=key)
    state.put_member(row)


def _tier_change(e: Mapping[str, Any], p: P.TierChange, state: DerivedState) -> None:
    key = state_key(e)
    exists, current = state.member_tier_key(p.member_id)
    if exists and newer(key, current):
        state.update_member(p.member_id, {"tier_id": p.to, "tier_key": key})


def _card_issue(e: Mapping[str, Any], p: P.CardIssue, state: DerivedState) -> None:
    key = state_key(e)
    row: dict[str, Any] = {
        "id": p.id,
        "number": p.number,
        "uid": p.uid,
        "kind": p.kind,
        "created_at": e["created_at"],
    }
    exists, current = state.card_status_key(p.id)
    if not exists or newer(key, current):
        row.update(
            status=p.status,
            status_reason=None,
            expires_on=p.expires_on,
            member_id=p.member_id,
            status_key=key,
        )
    state.put_card(row)


def _card_status(e: Mapping[str, Any], p: P.CardStatus, state: DerivedState) -> None:
    key = state_key(e)
    exists, current = state.card_status_key(e["card_id"])
    if not exists or not newer(key, current):
        return
    values: dict[str, Any] = {
        "status": p.status,
        "status_reason": e.get("reason"),
        "status_key": key,
    }
    if P.has(p, "member_id"):
        values["member_id"] = p.member_id
    if P.has(p, "expires_on"):
        values["expires_on"] = p.expires_on
    state.update_card(e["card_id"], values)


def _sale(e: Mapping[str, Any], p: P.Sale, state: DerivedState) -> None:
    state.add_sale(
        {
            "id": e["sale_id"],
            "operation_id": e["operation_id"],
            "till_id": e["till_id"],
            "shift_id": p.shift_id,
            "staff_id": e.get("staff_id"),
            "card_id": e.get("card_id"),
            "amount": p.amount,
            "discount": p.discount,
            "points_redeemed": p.points_redeemed,
            "stored_value_used": p.stored_value_used,
            "cash_due": p.cash_due,
            "points_earned": p.points_earned,
            "lines": p.lines,
            "created_at": e["created_at"],
            "receipt_no": p.receipt_no,
        }
    )


VOUCHER_FIELDS = (
    "id",
    "code",
    "kind",
    "value",
    "min_spend",
    "max_uses",
    "valid_from",
    "valid_to",
    "member_id",
    "reason",
)


def _voucher_issue(e: Mapping[str, Any], p: P.VoucherIssue, state: DerivedState) -> None:
    row = {k: p.voucher.get(k) for k in VOUCHER_FIELDS}
    state.add_voucher({**row, "uses": 0, "created_at": e["created_at"]})


def _voucher_use(e: Mapping[str, Any], p: P.VoucherUse, state: DerivedState) -> None:
    state.add_voucher_uses(p.voucher_id, 1 if e["kind"] == Kind.VOUCHER_USE else -1)


def _reward_redeem(e: Mapping[str, Any], p: P.RewardRedeem, state: DerivedState) -> None:
    state.take_reward(p.reward_id, p.store_id)


def _membership_buy(e: Mapping[str, Any], p: P.MembershipBuy, state: DerivedState) -> None:
    state.put_membership(
        {
            "member_id": p.member_id,
            "plan_id": p.plan_id,
            "starts_on": p.starts_on,
            "ends_on": p.ends_on,
        }
    )


def _coalition(e: Mapping[str, Any], p: P.Coalition, state: DerivedState) -> None:
    state.add_partner_reference(p.partner, p.reference, e["id"])


def _approval(e: Mapping[str, Any], p: P.Approval, state: DerivedState) -> None:
    state.put_approval(
        {
            "id": p.approval_id,
            "supervisor_id": p.supervisor_id,
            "requested_by": p.requested_by,
            "operation": p.operation,
            "details": {} if p.details is None else p.details,
            "created_at": e["created_at"],
        }
    )


def _shift_open(e: Mapping[str, Any], p: P.ShiftOpen, state: DerivedState) -> None:
    state.put_shift(
        {
            "id": p.shift_id,
            "staff_id": e["staff_id"],
            "opened_at": e["created_at"],
            "opening_float": p.opening_float,
            "till_id": e["till_id"],
        }
    )


def _shift_close(e: Mapping[str, Any], p: P.ShiftClose, state: DerivedState) -> None:
    report = p.report
    if p.difference_reason is not None:
        report = {**report, "difference_reason": p.difference_reason}
    state.close_shift(
        p.shift_id, {"closed_at": e["created_at"], "closed_by": e.get("staff_id"), "report": report}
    )


def _staff_pin_failure(e: Mapping[str, Any], p: P.StaffPinFailure, state: DerivedState) -> None:
    state.count_pin_failure(p.staff_id)


def _staff_locked(e: Mapping[str, Any], p: P.StaffLocked, state: DerivedState) -> None:
    state.lock_staff(p.staff_id, p.until, p.lockouts)


RULES: dict[str, Rule] = {
    Kind.MEMBER_ENROLL: _member_enroll,
    Kind.TIER_CHANGE: _tier_change,
    Kind.CARD_ISSUE: _card_issue,
    Kind.CARD_STATUS: _card_status,
    Kind.SALE: _sale,
    Kind.VOUCHER_ISSUE: _voucher_issue,
    Kind.VOUCHER_USE: _voucher_use,
    Kind.VOUCHER_RESTORE: _voucher_use,
    Kind.REWARD_REDEEM: _reward_redeem,
    Kind.MEMBERSHIP_BUY: _membership_buy,
    Kind.COALITION: _coalition,
    Kind.APPROVAL: _approval,
    Kind.SHIFT_OPEN: _shift_open,
    Kind.SHIFT_CLOSE: _shift_close,
    Kind.STAFF_PIN_FAILURE: _staff_pin_failure,
    Kind.STAFF_LOCKED: _staff_locked,
}
