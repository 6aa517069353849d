"""Head office's own journal entries: the chain's effects no till wrote (chain jobs, and later
whatever else head office decides for the whole chain).

Head office writes them as one more till would: its own till id (`HEAD_OFFICE_TILL`), its own
sequence and hash chain, every entry validated by the shared registry (`loyalty_core.entries`)
and projected by the shared projection (`services/projection.py`), stored in the same `journal`
under the same ingest counter. So tills pull them like any other till's entries and apply them
through `journal.insert_foreign`, and `verify` on a till checks head office's chain as it checks
every other.

The API is small on purpose:
- `Draft`: what the caller decides (kind, card, account, amount, reason, payload, operation id);
- `operation_id(*parts)`: a deterministic id from what makes an effect unique (e.g. job, period,
  card), so the same effect asked for twice is written once;
- `write(ctx, conn, drafts)`: inside the caller's write transaction (which took the counter
  lock), writes the drafts whose operation id head office has not written yet, and returns the
  entries written (wire form);
- `post(ctx, drafts)`: the same in a transaction of its own.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from loyalty_core.canonical import GENESIS_HASH, canonical_json, entry_hash
from loyalty_core.entries import Kind, validate
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from sync.headoffice import schema as t
from sync.headoffice.db import in_list, insert_many
from sync.headoffice.services.context import Context, take_counter
from sync.headoffice.services.projection import project

HEAD_OFFICE_TILL = "head-office"
# uuid5 namespace of head office's operation ids (fixed forever: ids must stay the same).
_NAMESPACE = uuid.UUID("6f1c2a52-3d4e-5b8f-9a71-0c4d2e6b8a10")


@dataclass(frozen=True)
class Draft:
    """One entry head office wants written; everything else (id, seq, time, hash) is added."""

    kind: Kind
    operation_id: str
    card_id: str | None = None
    account: str | None = None
    amount: int = 0
    reason: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    staff_id: str | None = None


def operation_id(*parts: str) -> str:
    """The same parts always give the same id (UUIDv5): a rerun finds what it wrote before."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def written(conn: Connection, operation_ids: Sequence[str]) -> set[str]:
    """Which of these operation ids head office has already written (indexed lookup)."""
    if not operation_ids:
        return set()
    j = t.journal
    return set(
        conn.execute(
            select(j.c.operation_id).where(
                in_list(conn, j.c.operation_id, sorted(set(operation_ids))),
                j.c.till_id == HEAD_OFFICE_TILL,
            )
        ).scalars()
    )


def write(ctx: Context, conn: Connection, drafts: Sequence[Draft]) -> list[dict[str, Any]]:
    """Validate every draft, write the new ones as head office's next entries, project them.

    All drafts are validated before anything is written: one bad draft is
    `LoyaltyError("entry.invalid")` and the caller's transaction writes nothing of it.
    """
    typed = []
    for d in drafts:
        validate(d.kind, d.account, d.amount, d.card_id, d.payload)
        typed.append(d)
    done = written(conn, [d.operation_id for d in drafts])
    todo = [d for d in typed if d.operation_id not in done]
    if len({d.operation_id for d in todo}) != len(todo):
        raise LoyaltyError("entry.invalid", "two drafts share an operation id")
    if not todo:
        return []
    first_ingest = take_counter(conn, len(todo))  # the lock, and the pull cursor's numbers
    seq, prev = _head(conn)
    now = ctx.now()
    entries: list[dict[str, Any]] = []
    for d in todo:
        seq += 1
        wire: dict[str, Any] = {
            "id": new_id(), "till_id": HEAD_OFFICE_TILL, "seq": seq, "created_at": now,
            "kind": str(d.kind), "card_id": d.card_id, "account": d.account,
            "amount": int(d.amount), "operation_id": d.operation_id, "sale_id": None,
            "staff_id": d.staff_id, "approval_id": None, "rule_version": None,
            "reason": d.reason, "payload": json.loads(canonical_json(d.payload)),
            "prev_hash": prev,
        }
        wire["hash"] = prev = entry_hash(wire)
        entries.append(wire)
    insert_many(
        conn, t.journal,
        [{**e, "payload": canonical_json(e["payload"]), "ingest_seq": first_ingest + i,
          "received_at": now} for i, e in enumerate(entries)],
    )
    conn.execute(
        ctx.insert(t.till_progress)
        .values(till_id=HEAD_OFFICE_TILL, acked_seq=seq, acked_hash=prev)
        .on_conflict_do_update(index_elements=[t.till_progress.c.till_id],
                               set_={"acked_seq": seq, "acked_hash": prev})
    )
    project(ctx, conn, entries)
    return entries


def post(ctx: Context, drafts: Sequence[Draft]) -> list[dict[str, Any]]:
    """`write` in a transaction of its own."""
    with ctx.engine.begin() as conn:
        take_counter(conn, 0)
        return write(ctx, conn, drafts)


def _head(conn: Connection) -> tuple[int, str]:
    row = conn.execute(
        select(t.till_progress.c.acked_seq, t.till_progress.c.acked_hash).where(
            t.till_progress.c.till_id == HEAD_OFFICE_TILL
        )
    ).first()
    return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))
