"""Writing the journal and projecting entries onto the derived tables.

`JournalWriter.post` appends one entry of this till (next sequence, chained hash) and projects it
at once, in the caller's transaction. Entries pulled from other tills go through the same
`project_entry`, so a balance here is always the sum of every entry this database holds, whoever
wrote it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from loyalty_core import rawsql
from loyalty_core.canonical import ENTRY_FIELDS, GENESIS_HASH, entry_hash
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, new_id, utcnow
from loyalty_core.models import (
    Approval,
    Card,
    JournalEntry,
    Member,
    Membership,
    PartnerReference,
    RewardStock,
    Shift,
    Voucher,
)

ACCOUNTS = ("points", "stored_value", "qualifying_spend")
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


def entry_to_wire(entry: JournalEntry) -> dict[str, Any]:
    wire = {name: getattr(entry, name) for name in ENTRY_FIELDS}
    wire["hash"] = entry.hash
    return wire


def last_link(session: Session, till_id: str) -> tuple[int, str]:
    row = rawsql.one(
        session,
        "SELECT seq, hash FROM journal WHERE till_id = ? ORDER BY seq DESC LIMIT 1",
        (till_id,),
    )
    return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))


_INSERT_ENTRY = (
    "INSERT INTO journal (id, till_id, seq, created_at, kind, card_id, account, amount, "
    "operation_id, sale_id, staff_id, approval_id, rule_version, reason, payload, prev_hash, "
    "hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def _insert_entry(session: Session, e: dict[str, Any]) -> None:
    rawsql.run(
        session,
        _INSERT_ENTRY,
        (
            e["id"],
            e["till_id"],
            e["seq"],
            e["created_at"],
            e["kind"],
            e.get("card_id"),
            e.get("account"),
            e.get("amount") or 0,
            e["operation_id"],
            e.get("sale_id"),
            e.get("staff_id"),
            e.get("approval_id"),
            e.get("rule_version"),
            e.get("reason"),
            rawsql.as_json(e.get("payload") or {}),
            e["prev_hash"],
            e["hash"],
        ),
    )


class JournalWriter:
    """Appends this till's entries for one operation, inside one transaction."""

    def __init__(
        self,
        session: Session,
        till_id: str,
        operation_id: str,
        staff_id: str | None = None,
        approval_id: str | None = None,
        rule_version: int | None = None,
    ) -> None:
        self.session = session
        self.till_id = till_id
        self.operation_id = operation_id
        self.staff_id = staff_id
        self.approval_id = approval_id
        self.rule_version = rule_version
        self.created_at = iso_utc(utcnow())
        self._seq, self._prev = last_link(session, till_id)

    def post(
        self,
        kind: str,
        *,
        card_id: str | None = None,
        account: str | None = None,
        amount: int = 0,
        sale_id: str | None = None,
        reason: str | None = None,
        payload: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        if not isinstance(amount, int) or isinstance(amount, bool):
            raise TypeError("journal amounts are integers")
        if account is not None and account not in ACCOUNTS:
            raise ValueError(f"unknown account {account}")
        self._seq += 1
        wire: dict[str, Any] = {
            "id": new_id(),
            "till_id": self.till_id,
            "seq": self._seq,
            "created_at": self.created_at,
            "kind": kind,
            "card_id": card_id,
            "account": account,
            "amount": amount,
            "operation_id": self.operation_id,
            "sale_id": sale_id,
            "staff_id": self.staff_id,
            "approval_id": self.approval_id,
            "rule_version": self.rule_version,
            "reason": reason,
            "payload": payload or {},
            "prev_hash": self._prev,
        }
        wire["hash"] = entry_hash(wire)
        self._prev = wire["hash"]
        _insert_entry(self.session, wire)
        project_entry(self.session, wire)
        return wire


def add_to_balance(session: Session, card_id: str, account: str, amount: int) -> None:
    rawsql.run(
        session,
        "INSERT INTO balances (card_id, account, balance) VALUES (?, ?, ?) "
        "ON CONFLICT (card_id, account) DO UPDATE SET balance = balance + excluded.balance",
        (card_id, account, amount),
    )


def balance_of(session: Session, card_id: str, account: str) -> int:
    value = rawsql.scalar(
        session,
        "SELECT balance FROM balances WHERE card_id = ? AND account = ?",
        (card_id, account),
    )
    return int(value or 0)


def balances_of(session: Session, card_id: str) -> dict[str, int]:
    found = dict(
        rawsql.rows(session, "SELECT account, balance FROM balances WHERE card_id = ?", (card_id,))
    )
    return {account: int(found.get(account, 0)) for account in ACCOUNTS}


def project_entry(session: Session, e: dict[str, Any]) -> None:
    """Apply one entry's effects to the derived tables; the inverse of nothing: append-only."""
    kind = e["kind"]
    p = e.get("payload") or {}
    if e.get("account") and e.get("amount"):
        add_to_balance(session, e["card_id"], e["account"], int(e["amount"]))
    # Every credit of points is a lot (earn, refund give-back, transfer from a lost card ...).
    if e.get("account") == "points" and int(e.get("amount") or 0) > 0:
        rawsql.run(
            session,
            "INSERT INTO point_lots (id, card_id, amount, remaining, expires_on) "
            "VALUES (?, ?, ?, ?, ?)",
            (e["id"], e["card_id"], int(e["amount"]), int(e["amount"]), p.get("expires_on")),
        )
    for used in p.get("lots", []):
        rawsql.run(
            session,
            "UPDATE point_lots SET remaining = remaining - ? WHERE id = ?",
            (int(used["amount"]), used["lot_id"]),
        )
    if kind == "member.enroll":
        m = p["member"]
        session.merge(
            Member(
                id=m["id"],
                name=m["name"],
                phone=m.get("phone"),
                birthday=m.get("birthday"),
                email=m.get("email"),
                segment=m.get("segment"),
                consent_marketing=bool(m.get("consent_marketing")),
                consent_sms=bool(m.get("consent_sms")),
                tier_id=m.get("tier_id"),
                referrer_id=m.get("referrer_id"),
                created_at=e["created_at"],
            )
        )
    elif kind == "card.issue":
        session.merge(
            Card(
                id=p["id"],
                number=p["number"],
                uid=p.get("uid"),
                kind=p["kind"],
                status=p["status"],
                status_reason=None,
                expires_on=p.get("expires_on"),
                member_id=p.get("member_id"),
                created_at=e["created_at"],
            )
        )
    elif kind == "card.status":
        values: dict[str, Any] = {"status": p["status"], "status_reason": e.get("reason")}
        if "member_id" in p:
            values["member_id"] = p["member_id"]
        if "expires_on" in p:
            values["expires_on"] = p["expires_on"]
        session.execute(update(Card).where(Card.id == e["card_id"]).values(**values))
    elif kind == "tier.change":
        session.execute(update(Member).where(Member.id == p["member_id"]).values(tier_id=p["to"]))
    elif kind == "sale":
        rawsql.run(
            session,
            "INSERT INTO sales (id, operation_id, till_id, shift_id, staff_id, card_id, amount, "
            "discount, points_redeemed, stored_value_used, cash_due, points_earned, lines, "
            "created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                e["sale_id"],
                e["operation_id"],
                e["till_id"],
                p.get("shift_id"),
                e.get("staff_id"),
                e.get("card_id"),
                int(p["amount"]),
                int(p.get("discount", 0)),
                int(p.get("points_redeemed", 0)),
                int(p.get("stored_value_used", 0)),
                int(p.get("cash_due", 0)),
                int(p.get("points_earned", 0)),
                rawsql.as_json(p.get("lines")),
                e["created_at"],
            ),
        )
    elif kind == "voucher.issue":
        v = p["voucher"]
        session.execute(
            Voucher.__table__.insert(),
            {**{k: v.get(k) for k in VOUCHER_FIELDS}, "uses": 0, "created_at": e["created_at"]},
        )
    elif kind in ("voucher.use", "voucher.restore"):
        step = 1 if kind == "voucher.use" else -1
        session.execute(
            update(Voucher).where(Voucher.id == p["voucher_id"]).values(uses=Voucher.uses + step)
        )
    elif kind == "reward.redeem":
        session.execute(
            update(RewardStock)
            .where(RewardStock.reward_id == p["reward_id"], RewardStock.store_id == p["store_id"])
            .values(quantity=RewardStock.quantity - 1)
        )
    elif kind == "membership.buy":
        session.merge(
            Membership(
                member_id=p["member_id"],
                plan_id=p["plan_id"],
                starts_on=p["starts_on"],
                ends_on=p["ends_on"],
            )
        )
    elif kind == "coalition":
        session.add(
            PartnerReference(partner=p["partner"], reference=p["reference"], entry_id=e["id"])
        )
    elif kind == "approval":
        session.merge(
            Approval(
                id=p["approval_id"],
                supervisor_id=p["supervisor_id"],
                requested_by=p.get("requested_by"),
                operation=p["operation"],
                details=p.get("details", {}),
                created_at=e["created_at"],
            )
        )
    elif kind == "shift.open":
        session.merge(
            Shift(
                id=p["shift_id"],
                staff_id=e["staff_id"],
                opened_at=e["created_at"],
                opening_float=int(p["opening_float"]),
            )
        )
    elif kind == "shift.close":
        session.execute(
            update(Shift)
            .where(Shift.id == p["shift_id"])
            .values(closed_at=e["created_at"], closed_by=e.get("staff_id"), report=p["report"])
        )


def insert_foreign(session: Session, wire: dict[str, Any]) -> bool:
    """Store and project an entry written by another till; False when already held.

    The hash is checked so a tampered or truncated entry never reaches the balances.
    """
    if wire.get("hash") != entry_hash(wire):
        raise LoyaltyError(
            "sync.bad_hash", "entry hash does not match its content", id=wire.get("id")
        )
    if session.get(JournalEntry, wire["id"]) is not None:
        return False
    _insert_entry(session, wire)
    project_entry(session, wire)
    return True
