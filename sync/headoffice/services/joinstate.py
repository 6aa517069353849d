"""What head office keeps only so a joining till starts where the others stand.

A till that pulled the chain's entries holds, beyond balances and lots, the members' paid
memberships, the sales it may refund and every qualifying-spend entry its tier window sums. A
new till gets no history (services/snapshot.py), so head office keeps these as the shared
projection's row changes while it ingests (`HeadOfficeState` hands them here), and the
snapshot reads an indexed range of each:

- memberships (`put_membership`): the last applied per member and plan, as on a till;
- sales (`add_sale`): the till's row; the sale's entries stay in the journal
  (`ix_journal_sale` finds them);
- spend per (day, card): the sum of `qualifying_spend` entries of the day (the entry's UTC
  date, the same text a till's `created_at >= since` compares).

Why projected and not selected from the journal when a till asks: at 1,000,000 members the
journal holds tens of millions of entries, and a snapshot must not scan it (nor parse every
`membership.buy` payload); an ingest adds one small upsert per table per push batch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection

from loyalty_core.canonical import canonical_json
from sync.headoffice import schema as t
from sync.headoffice.db import insert_many

SPEND = "qualifying_spend"


class JoinChanges:
    """One push batch's memberships, sales and spend per day, written by `flush`."""

    def __init__(self) -> None:
        self.memberships: dict[tuple[str, str], dict[str, Any]] = {}
        self.sales: dict[str, dict[str, Any]] = {}
        self.spend: dict[tuple[str, str], int] = defaultdict(int)

    def membership(self, row: Mapping[str, Any]) -> None:
        # Later in the batch wins, as the till's upsert; one row per key (PostgreSQL refuses
        # an ON CONFLICT that would touch one row twice).
        self.memberships[(row["member_id"], row["plan_id"])] = {
            k: row[k] for k in ("member_id", "plan_id", "starts_on", "ends_on")}

    def sale(self, row: Mapping[str, Any]) -> None:
        lines = row.get("lines")
        self.sales.setdefault(str(row["id"]), {
            **{k: row.get(k) for k in t.sales.c.keys() if k != "lines"},
            "lines": None if lines is None else canonical_json(lines),
        })

    def note(self, entry: Mapping[str, Any]) -> None:
        amount = int(entry.get("amount") or 0)
        if entry.get("account") == SPEND and amount and entry.get("card_id"):
            self.spend[(str(entry["created_at"])[:10], str(entry["card_id"]))] += amount

    def flush(self, conn: Connection) -> None:
        if self.memberships:
            insert_many(conn, t.memberships, [v for _, v in sorted(self.memberships.items())],
                        conflict=["member_id", "plan_id"], replace=["starts_on", "ends_on"])
        if self.sales:
            insert_many(conn, t.sales, [v for _, v in sorted(self.sales.items())],
                        conflict=["id"])
        if self.spend:
            insert_many(conn, t.spend_days,
                        [{"day": d, "card_id": c, "amount": v}
                         for (d, c), v in sorted(self.spend.items())],
                        conflict=["day", "card_id"], add=["amount"])

