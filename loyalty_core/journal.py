"""Writing the journal, and storing entries pulled from other tills.

`JournalWriter.post` checks the entry against its kind's row in `loyalty_core.entries` (unknown
kind, wrong account, wrong sign, bad payload: refused, nothing written), appends it (next
sequence, chained hash) and projects it at once, in the caller's transaction, through
`loyalty_core.projection`. Entries pulled from other tills go through the same validation and
projection, so a balance here is always the sum of every entry this database holds, whoever
wrote it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from loyalty_core import clocks, rawsql
from loyalty_core.canonical import ENTRY_FIELDS, GENESIS_HASH, entry_hash
from loyalty_core.entries import ACCOUNTS, validate
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, new_id, utcnow
from loyalty_core.models import JournalEntry, RedactedEntry
from loyalty_core.projection import VOUCHER_FIELDS, project, project_wire
from loyalty_core.tillstate import SqliteState

__all__ = [
    "ACCOUNTS",
    "VOUCHER_FIELDS",
    "JournalWriter",
    "add_to_balance",
    "balance_of",
    "balances_of",
    "entry_to_wire",
    "insert_foreign",
    "last_link",
    "project_entry",
]


def entry_to_wire(entry: JournalEntry) -> dict[str, Any]:
    wire = {name: getattr(entry, name) for name in ENTRY_FIELDS}
    if entry.corrected_at is not None:
        wire["corrected_at"] = entry.corrected_at
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
    "hash, corrected_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
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
            e.get("corrected_at"),
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
        # Both clocks (loyalty_core.clocks): the till's own, and corrected by head office's.
        own = utcnow()
        self.created_at = iso_utc(own)
        self.corrected_at = clocks.corrected(till_id, own)
        self._seq, self._prev = last_link(session, till_id)
        self._state = SqliteState(session, bounded=True)

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
        # The balance bound (±MAX_BALANCE) is checked by the projection's upsert of the balance
        # (`SqliteState(bounded=True)`), one statement instead of a SELECT before it.
        _, typed = validate(kind, account, amount, card_id, payload)
        self._seq += 1
        wire: dict[str, Any] = {
            "id": new_id(),
            "till_id": self.till_id,
            "seq": self._seq,
            "created_at": self.created_at,
            "kind": str(kind),
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
        if self.corrected_at is not None:
            wire["corrected_at"] = self.corrected_at
        wire["hash"] = entry_hash(wire)
        self._prev = wire["hash"]
        _insert_entry(self.session, wire)
        project(self._state, wire, typed)
        return wire


def add_to_balance(session: Session, card_id: str, account: str, amount: int) -> None:
    SqliteState(session).add_balance(card_id, account, amount)


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
    """Apply one entry's effects to this database's derived tables (`loyalty_core.projection`)."""
    project_wire(SqliteState(session), e)


def insert_foreign(session: Session, wire: dict[str, Any], *, redacted: bool = False) -> bool:
    """Store and project an entry written by another till; False when already held.

    The hash is checked so a tampered or truncated entry never reaches the balances, and the
    entry is validated as a local post is: one set of rules for every node. A `redacted` entry
    (head office withheld what this till may not hold, and signed the answer it came in) keeps
    its original hash, which cannot be recomputed here: it is recorded as such instead.
    """
    if not redacted and wire.get("hash") != entry_hash(wire):
        raise LoyaltyError(
            "sync.bad_hash", "entry hash does not match its content", id=wire.get("id")
        )
    if session.get(JournalEntry, wire["id"]) is not None:
        return False
    _, typed = validate(
        wire["kind"], wire.get("account"), wire.get("amount") or 0, wire.get("card_id"),
        wire.get("payload"),
    )
    _insert_entry(session, wire)
    if redacted:
        session.add(RedactedEntry(entry_id=wire["id"]))
    project(SqliteState(session), wire, typed)
    return True
