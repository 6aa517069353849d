"""Pull: other tills' entries after the journal cursor, objects and card flags after theirs.

See docs/SYNC.md "Pull" for why objects come with every page and flags with the last only.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import and_, func, or_, select

from sync.headoffice import schema as t
from sync.headoffice.db import in_list
from sync.headoffice.services.context import Context, TillIdentity
from sync.wire.models import (
    CardFlagOut,
    PullRequest,
    PullResponse,
    RewardOut,
    RuleOut,
    StaffOut,
    TierOut,
    WireEntry,
)


def pull(ctx: Context, till: TillIdentity, req: PullRequest) -> PullResponse:
    """Other tills' entries after the journal cursor, and objects changed after the other.

    One snapshot for every statement, so the two cursors describe one moment.
    """
    with ctx.read() as conn, conn.begin():
        rows = conn.execute(
            select(t.journal)
            .where(t.journal.c.ingest_seq > req.journal_cursor, t.journal.c.till_id != till.id)
            .order_by(t.journal.c.ingest_seq)
            .limit(req.limit)
        ).all()
        more = len(rows) == req.limit
        if more:
            journal_cursor = int(rows[-1].ingest_seq)
        else:
            top = conn.execute(select(func.max(t.journal.c.ingest_seq))).scalar()
            journal_cursor = max(req.journal_cursor, int(top or 0))
        entries = [
            WireEntry.model_validate(
                {
                    **{k: v for k, v in r._mapping.items()
                       if k not in ("ingest_seq", "received_at")},
                    "payload": json.loads(r.payload),
                }
            )
            for r in rows
        ]
        ids = [r.id for r in rows]
        quarantined = sorted(
            conn.execute(
                select(t.quarantine.c.entry_id).where(in_list(conn, t.quarantine.c.entry_id, ids))
            ).scalars()
        ) if ids else []
        oc = req.objects_cursor
        rules = conn.execute(
            select(t.rules).where(t.rules.c.change_seq > oc).order_by(t.rules.c.version)
        ).all()
        tiers = conn.execute(
            select(t.tiers).where(t.tiers.c.change_seq > oc).order_by(t.tiers.c.rank)
        ).all()
        # Least data: this store's staff and the chain-wide ones only (no other store's PIN
        # hashes or staff-card UIDs on this till).
        staff = conn.execute(
            select(t.staff).where(
                t.staff.c.change_seq > oc,
                or_(t.staff.c.store_id == till.store_id, t.staff.c.store_id.is_(None)),
            )
        ).all()
        # A reward's `stock` is what its store received (movements); each till subtracts the
        # redemptions its own journal holds, so no figure is overwritten by an older one.
        rewards = conn.execute(
            select(t.rewards, t.reward_stock.c.received)
            .select_from(t.rewards.outerjoin(t.reward_stock, and_(
                t.reward_stock.c.reward_id == t.rewards.c.id,
                t.reward_stock.c.store_id == t.rewards.c.store_id,
            )))
            .where(t.rewards.c.change_seq > oc, t.rewards.c.store_id == till.store_id)
        ).all()
        chain_tills = conn.execute(
            select(func.count()).select_from(t.tills).where(t.tills.c.status == "active")
        ).scalar_one()
        store_tills = conn.execute(
            select(func.count()).select_from(t.tills).where(
                t.tills.c.status == "active", t.tills.c.store_id == till.store_id
            )
        ).scalar_one()
        top_change = int(
            conn.execute(
                select(t.counters.c.value).where(t.counters.c.name == "change")
            ).scalar_one()
        )
        # Cursors move to the snapshot's top: changes to other stores' rewards and to card
        # flags are counted by the same counter and must not be asked for again.
        objects_cursor = max(oc, top_change)
        flags: list[Any] = []
        flags_cursor = req.flags_cursor
        if not more:
            flags = conn.execute(
                select(t.card_flags).where(t.card_flags.c.change_seq > req.flags_cursor)
            ).all()
            flags_cursor = max(req.flags_cursor, top_change)
    return PullResponse(
        entries=entries,
        journal_cursor=journal_cursor,
        more=more,
        objects_cursor=objects_cursor,
        flags_cursor=flags_cursor,
        rules=[
            RuleOut(version=r.version, effective_from=r.effective_from,
                    rules=json.loads(r.rules))
            for r in rules
        ],
        tiers=[
            TierOut(**{k: v for k, v in r._mapping.items() if k != "change_seq"})
            for r in tiers
        ],
        staff=[
            StaffOut(**{k: v for k, v in r._mapping.items() if k != "change_seq"})
            for r in staff
        ],
        rewards=[
            RewardOut(**{
                **{k: v for k, v in r._mapping.items() if k not in ("change_seq", "received")},
                "stock": r.stock if r.received is None else r.received,
            })
            for r in rewards
        ],
        card_flags=[
            CardFlagOut(card_id=r.card_id, flagged=r.flagged, stored_value=r.stored_value)
            for r in flags
        ],
        server_time=ctx.now(),
        quarantined=quarantined,
        chain_tills=max(1, int(chain_tills)),
        store_tills=max(1, int(store_tills)),
    )
