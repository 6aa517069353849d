"""What tills report back for a person at head office to read: entries a till quarantined on
pull, and the differences reconciliation found.

A till that cannot apply a pulled entry keeps it without effect (`loyalty_core.syncquarantine`)
and its sync worker reports it here, so head office sees which till holds what without effect
and why; reports are idempotent by (till, entry). Reconciliation's stored differences
(`reconciliations`) are turned into one readable line each.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from sync.headoffice import schema as t
from sync.headoffice.db import insert_many
from sync.headoffice.services.context import Context, TillIdentity
from sync.wire.models import QuarantineReport, QuarantineReportOut


def report_quarantine(
    ctx: Context, till: TillIdentity, req: QuarantineReport
) -> QuarantineReportOut:
    """Store what the till reports (a report sent again changes nothing)."""
    if not req.entries:
        return QuarantineReportOut(stored=0)
    now = ctx.now()
    rows = [
        {"till_id": till.id, "entry_id": e.entry_id, "entry_till_id": e.till_id, "seq": e.seq,
         "kind": e.kind, "reason": e.reason, "quarantined_at": e.at, "reported_at": now}
        for e in req.entries
    ]
    with ctx.engine.begin() as conn:
        insert_many(conn, t.till_quarantine, rows, conflict=["till_id", "entry_id"])
    return QuarantineReportOut(stored=len(rows))


def listing(ctx: Context) -> list[dict[str, Any]]:
    """Every entry a till reported quarantined, oldest report first."""
    with ctx.read() as conn, conn.begin():
        rows = conn.execute(
            select(t.till_quarantine).order_by(
                t.till_quarantine.c.reported_at, t.till_quarantine.c.till_id,
                t.till_quarantine.c.entry_till_id, t.till_quarantine.c.seq)
        ).all()
    return [dict(r._mapping) for r in rows]


def describe(diff: dict[str, Any]) -> str:
    """One difference as a sentence an operator can act on."""
    what = diff.get("what")
    till_v, ho_v = diff.get("till_value"), diff.get("head_office_value")
    if what == "journal":
        note = f" ({diff['note']})" if diff.get("note") else ""
        return (f"journal of till {diff.get('till_id')}: till holds {till_v}, "
                f"head office {ho_v}{note}")
    if what == "balance":
        return (f"card {diff.get('card_id')} {diff.get('account')}: till {till_v}, "
                f"head office {ho_v}")
    if what in ("status", "tier"):
        return f"card {diff.get('card_id')} {what}: till {till_v!r}, head office {ho_v!r}"
    return json.dumps(diff, ensure_ascii=False, sort_keys=True)


def reconciliation_report(ctx: Context, till_id: str | None = None) -> list[dict[str, Any]]:
    """The latest reconciliation run of each till (or of one), difference by difference:
    {till_id, run_id, at, what, card_id, text}; a clean run gives one row with what=None."""
    with ctx.read() as conn, conn.begin():
        q = select(t.reconciliations)
        if till_id is not None:
            q = q.where(t.reconciliations.c.till_id == till_id)
        rows = conn.execute(q).all()
    latest: dict[str, tuple[str, str]] = {}
    for r in rows:
        if r.till_id not in latest or r.at > latest[r.till_id][0]:
            latest[r.till_id] = (r.at, r.run_id)
    out: list[dict[str, Any]] = []
    for till in sorted(latest):
        at, run = latest[till]
        chunks = sorted((r for r in rows if r.till_id == till and r.run_id == run),
                        key=lambda r: r.chunk)
        diffs = [d for r in chunks for d in json.loads(r.differences)]
        if not diffs:
            out.append({"till_id": till, "run_id": run, "at": at, "what": None,
                        "card_id": None, "text": "clean: no differences"})
        for d in diffs:
            out.append({"till_id": till, "run_id": run, "at": at, "what": d.get("what"),
                        "card_id": d.get("card_id"), "text": describe(d)})
    return out
