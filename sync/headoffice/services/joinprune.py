"""The chain job `history.prune`: head office's join history (services/joinstate.py) kept the
size of its windows.

Its own module: joinstate is imported by the projection, which the jobs' entries go through,
so a job step there would make a cycle.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Connection, delete, select, tuple_

from loyalty_core.rules_schema import window_days
from sync.headoffice import schema as t
from sync.headoffice.services.jobsteps import Facts, Step

# Days kept beyond each window: a till joining on D asks from its own D minus the window, and
# its clock and zone may be a day off head office's.
MARGIN_DAYS = 2


def prune_step(conn: Connection, period: str, facts: Facts, cursor: str, limit: int) -> Step:
    """The chain job `history.prune`: spend per day older than the tier window and sales older
    than the refund window (both from the rules in force, with `MARGIN_DAYS`) leave head
    office's join history, at most `limit` rows a batch, oldest first, so these tables stay
    the size of their windows. The journal keeps every entry; only these copies go.

    Deleting is its own progress (each batch takes the oldest rows left), so the cursor only
    says which table is being pruned, and a second run finds nothing to delete.
    """
    rules = facts.rules
    if cursor in ("", "spend"):
        keep = facts.day - timedelta(days=window_days(rules, "tier_window_days") + MARGIN_DAYS)
        sd = t.spend_days
        oldest = select(sd.c.day, sd.c.card_id).where(sd.c.day < keep.isoformat()) \
            .order_by(sd.c.day, sd.c.card_id).limit(limit)
        rows = conn.execute(oldest).all()
        if rows:  # the batch is every key up to its last one: one statement
            last = tuple_(*rows[-1])
            conn.execute(delete(sd).where(sd.c.day < keep.isoformat(),
                                          tuple_(sd.c.day, sd.c.card_id) <= last))
        return Step([], "spend" if len(rows) == limit else "sales", {"spend_days": len(rows)},
                    False)
    keep = facts.day - timedelta(days=window_days(rules, "refund_window_days") + MARGIN_DAYS)
    sa = t.sales
    ids = conn.execute(
        select(sa.c.id).where(sa.c.created_at < keep.isoformat())
        .order_by(sa.c.created_at, sa.c.id).limit(limit)
    ).scalars().all()
    if ids:
        conn.execute(delete(sa).where(sa.c.id.in_(ids)))
    return Step([], "sales", {"sales": len(ids)}, len(ids) < limit)
