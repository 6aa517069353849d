"""Head office's table of credits that expire (`schema.expiring`), kept by the projection.

Head office keeps no point lots for the counter (a till does that); the chain jobs still need
"which lots of which cards are past their date, and how much is left of each", and "which
cashback credits are past theirs and not yet taken back". Reading that from the journal's JSON
payloads would scan the whole history on every run, so the push projection keeps this one
narrow table as it goes: one multi-row insert and one executemany per batch, like the rest of
`HeadOfficeState.flush`.

Lots without a date never expire and are not kept. A debit naming a lot this table does not
hold (an undated lot) changes nothing here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, update

from loyalty_core.entries import Kind
from sync.headoffice import schema as t
from sync.headoffice.db import insert_many

_X = t.expiring


class ExpiringChanges:
    """The expiring-credit rows one projected batch adds and consumes, written by `flush`."""

    def __init__(self) -> None:
        self.new: dict[str, dict[str, Any]] = {}
        self.taken: dict[str, int] = defaultdict(int)
        self.closed: set[str] = set()

    def add_lot(self, lot_id: str, card_id: str, amount: int, expires_on: str | None) -> None:
        if expires_on:
            self.new[lot_id] = {"id": lot_id, "card_id": card_id, "account": "points",
                                "remaining": int(amount), "expires_on": expires_on}

    def take_from_lot(self, lot_id: str, amount: int) -> None:
        self.taken[lot_id] += int(amount)

    def note(self, entry: Mapping[str, Any], payload: Any) -> None:
        """Cashback credits and their take-backs (stored value has no lots of its own)."""
        kind = entry["kind"]
        if kind == Kind.CASHBACK and getattr(payload, "expires_on", None) and entry.get("card_id"):
            self.new[entry["id"]] = {"id": entry["id"], "card_id": entry["card_id"],
                                     "account": "stored_value",
                                     "remaining": int(entry.get("amount") or 0),
                                     "expires_on": payload.expires_on}
        elif kind == Kind.CASHBACK_EXPIRE:
            self.closed.add(str(payload.cashback_entry))

    def flush(self, conn: Connection) -> None:
        if self.new:
            insert_many(conn, _X, [self.new[k] for k in sorted(self.new)], conflict=["id"])
        if self.taken:
            conn.execute(
                update(_X).where(_X.c.id == bindparam("b_id"))
                .values(remaining=_X.c.remaining - bindparam("b_take")),
                [{"b_id": k, "b_take": v} for k, v in sorted(self.taken.items())],
            )
        if self.closed:
            conn.execute(
                update(_X).where(_X.c.id == bindparam("b_id")).values(remaining=0),
                [{"b_id": k} for k in sorted(self.closed)],
            )
