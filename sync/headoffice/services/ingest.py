"""Push: store a batch of one till's entries exactly once, acknowledge the contiguous part.

See docs/SYNC.md "Push": the counter lock first, hashes and chain links checked, one multi-row
insert absorbing duplicates, ingest sequence numbers for what became contiguous, projection.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from loyalty_core.canonical import GENESIS_HASH, canonical_json, entry_hash
from loyalty_core.errors import LoyaltyError
from sync.headoffice import schema as t
from sync.headoffice.db import in_list, insert_many
from sync.headoffice.services import visibility
from sync.headoffice.services.checks import screen
from sync.headoffice.services.context import Context, ServiceError, TillIdentity, take_counter
from sync.headoffice.services.projection import project
from sync.wire.models import PushResponse, WireEntry


def gaps(after: int, seqs: Iterable[int]) -> list[tuple[int, int]]:
    """Missing ranges above `after` up to the highest seq held."""
    gaps: list[tuple[int, int]] = []
    expected = after + 1
    for seq in sorted(set(seqs)):
        if seq <= after:
            continue
        if seq > expected:
            gaps.append((expected, seq - 1))
        expected = seq + 1
    return gaps


def push(
    ctx: Context,
    till: TillIdentity,
    entries: list[WireEntry],
    after_commit: Callable[[str, PushResponse], None] | None = None,
) -> PushResponse:
    """Store a batch of one till's entries exactly once and acknowledge the contiguous part.

    Duplicates are absorbed by the primary key (INSERT .. ON CONFLICT DO NOTHING), then
    checked to be byte-identical to what is held: a different entry under a held seq is a
    fork of the till's chain and refuses the whole batch.
    """
    batch: dict[int, WireEntry] = {}
    for e in entries:
        if e.till_id != till.id:
            raise ServiceError(403, "push.foreign_entry", {"id": e.id, "till_id": e.till_id})
        fields = e.hashed_fields()
        try:
            digest = entry_hash(fields)
        except LoyaltyError:  # NaN, Infinity: not JSON, so no hash of it can be right
            digest = ""
        if digest != e.hash:
            raise ServiceError(422, "push.bad_hash", {"id": e.id, "seq": e.seq})
        held = batch.get(e.seq)
        if held is not None and held.hash != e.hash:
            raise ServiceError(422, "push.duplicate_seq", {"seq": e.seq})
        batch[e.seq] = e

    with ctx.engine.begin() as conn:
        take_counter(conn, 0)
        acked_seq, acked_hash = _progress(conn, till.id)
        pending = {
            row.seq: row
            for row in conn.execute(
                # Range on the (till_id, seq) key: cost follows the gap, not the history.
                select(t.journal).where(
                    t.journal.c.till_id == till.id,
                    t.journal.c.seq > acked_seq,
                    t.journal.c.ingest_seq.is_(None),
                )
            )
        }
        new = {s: e for s, e in batch.items() if s > acked_seq and s not in pending}
        dumped = {s: e.model_dump() for s, e in batch.items()}
        _check_links(batch, pending, acked_seq, acked_hash)

        # The entries that become contiguous now, in seq order.
        contiguous: list[dict[str, Any]] = []
        seq = acked_seq + 1
        while seq in new or seq in pending:
            if seq in new:
                contiguous.append(dumped[seq])
            else:
                row = pending[seq]._mapping
                contiguous.append({**row, "payload": json.loads(row["payload"])})
            seq += 1
        first = take_counter(conn, len(contiguous)) if contiguous else 0
        ingest = {e["seq"]: first + i for i, e in enumerate(contiguous)}
        # Head office decides what each entry may do; a refused one is held without effect.
        refused = screen(ctx, conn, till, contiguous)
        quarantined = {r.id for r in refused}

        inserted: set[str] = set()
        if batch:
            received = ctx.now()
            rows = [
                {
                    **dumped[s],
                    "payload": canonical_json(e.payload),
                    "ingest_seq": ingest.get(s) if s in new else None,
                    "received_at": received,
                }
                for s, e in sorted(batch.items())
            ]
            inserted = set(insert_many(conn, t.journal, rows, returning="id"))
        lost = [e.id for e in new.values() if e.id not in inserted]
        if lost:
            raise ServiceError(409, "push.id_conflict", {"ids": lost[:20]})
        _check_duplicates(conn, till.id, batch, inserted)

        promote = [
            {"b_id": pending[s].id, "b_ingest": i} for s, i in ingest.items() if s in pending
        ]
        if promote:
            conn.execute(
                update(t.journal)
                .where(t.journal.c.id == bindparam("b_id"))
                .values(ingest_seq=bindparam("b_ingest")),
                promote,
            )
        if contiguous:
            acked_seq = contiguous[-1]["seq"]
            acked_hash = contiguous[-1]["hash"]
            effective = [e for e in contiguous if e["id"] not in quarantined]
            project(ctx, conn, effective)
            visibility.note_sightings(ctx, conn, till.store_id, effective)
            conn.execute(
                ctx.insert(t.till_progress)
                .values(till_id=till.id, acked_seq=acked_seq, acked_hash=acked_hash)
                .on_conflict_do_update(
                    index_elements=[t.till_progress.c.till_id],
                    set_={"acked_seq": acked_seq, "acked_hash": acked_hash},
                )
            )
        waiting = set(pending) | set(new)
        response = PushResponse(
            acked_seq=acked_seq,
            acked_hash=acked_hash,
            missing=gaps(acked_seq, waiting),
            inserted=len(inserted),
            duplicates=len(batch) - len(inserted),
            refused=refused,
        )
    if after_commit is not None:
        after_commit(till.id, response)
    return response


def _progress(conn: Connection, till_id: str) -> tuple[int, str]:
    row = conn.execute(
        select(t.till_progress.c.acked_seq, t.till_progress.c.acked_hash).where(
            t.till_progress.c.till_id == till_id
        )
    ).first()
    return (0, GENESIS_HASH) if row is None else (int(row[0]), row[1])


def _check_links(
    batch: dict[int, WireEntry], pending: dict[int, Any], acked_seq: int, acked_hash: str
) -> None:
    """Each new entry's prev_hash must be its predecessor's hash wherever both are known.

    Duplicates (seq at or below the ack) are compared whole instead, after the insert.
    """
    known: dict[int, str] = {s: r.hash for s, r in pending.items()}
    known[acked_seq] = acked_hash
    for s, e in batch.items():
        if s <= acked_seq:
            continue
        prev = batch[s - 1].hash if s - 1 in batch else known.get(s - 1)
        if prev is not None and prev != e.prev_hash:
            raise ServiceError(409, "push.chain_broken", {"seq": s})
        after = pending.get(s + 1)
        if after is not None and after.prev_hash != e.hash:
            raise ServiceError(409, "push.chain_broken", {"seq": s + 1})


def _check_duplicates(
    conn: Connection, till_id: str, batch: dict[int, WireEntry], inserted: set[str]
) -> None:
    """Entries the constraint absorbed must be exactly the ones already held."""
    dup = {s: e for s, e in batch.items() if e.id not in inserted}
    if not dup:
        return
    held = dict(
        conn.execute(
            select(t.journal.c.seq, t.journal.c.hash).where(
                t.journal.c.till_id == till_id, in_list(conn, t.journal.c.seq, sorted(dup))
            )
        ).all()
    )
    for s, e in dup.items():
        if held.get(s) != e.hash:
            raise ServiceError(409, "push.conflict", {"seq": s, "id": e.id})
