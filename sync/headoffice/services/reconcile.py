"""Reconciliation: compare one chunk of a till's view with head office's and record it.

Nothing on either side is changed to make them agree; differences are stored and returned.
"""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import Connection, and_, select

from loyalty_core.canonical import GENESIS_HASH
from sync.headoffice import schema as t
from sync.headoffice.db import in_list
from sync.headoffice.services.context import Context, TillIdentity
from sync.wire.models import CardBalances, Difference, ReconcileRequest, ReconcileResponse


def reconcile(ctx: Context, till: TillIdentity, req: ReconcileRequest) -> ReconcileResponse:
    """Compare one chunk of the till's view with head office's; store and return every
    difference. Nothing on either side is changed to make them agree."""
    diffs: list[Difference] = []
    with ctx.read() as conn, conn.begin():
        if req.digest is not None:
            diffs.extend(_compare_digest(conn, till, req))
        diffs.extend(_compare_cards(conn, till, req.first, req.last, req.cards, req.final))
    with ctx.engine.begin() as conn:
        conn.execute(
            ctx.insert(t.reconciliations)
            .values(
                till_id=till.id,
                run_id=req.run_id,
                chunk=req.chunk,
                at=ctx.now(),
                differences=json.dumps([d.model_dump() for d in diffs]),
            )
            .on_conflict_do_nothing()
        )
    return ReconcileResponse(run_id=req.run_id, chunk=req.chunk, differences=diffs)


def _compare_digest(
    conn: Connection, till: TillIdentity, req: ReconcileRequest
) -> list[Difference]:
    assert req.digest is not None
    ours = {
        r.till_id: (int(r.acked_seq), r.acked_hash)
        for r in conn.execute(select(t.till_progress))
    }
    diffs: list[Difference] = []
    for till_id in sorted(set(ours) | set(req.digest)):
        seq, last_hash = ours.get(till_id, (0, GENESIS_HASH))
        view = req.digest.get(till_id)
        t_seq = view.last_seq if view else 0
        t_hash = view.last_hash if view else GENESIS_HASH
        t_count = view.count if view else 0
        if (t_seq, t_hash) == (seq, last_hash) and t_count == t_seq:
            continue
        note = "till has not pulled everything" if t_seq < seq else ""
        if till_id == till.id and t_seq > seq:
            note = "entries not yet pushed"
        elif t_seq > seq:
            note = "till holds entries head office lacks"
        if t_count != t_seq:
            note = "till's copy has gaps"
        if t_seq <= seq and t_seq > 0:
            held = conn.execute(
                select(t.journal.c.hash).where(
                    t.journal.c.till_id == till_id, t.journal.c.seq == t_seq
                )
            ).scalar()
            if held != t_hash:
                note = "hash chains differ (fork)"
        diffs.append(
            Difference(
                what="journal",
                till_id=till_id,
                till_value={"count": t_count, "last_seq": t_seq, "last_hash": t_hash},
                head_office_value={"count": seq, "last_seq": seq, "last_hash": last_hash},
                note=note,
            )
        )
    return diffs


def _compare_cards(
    conn: Connection, till: TillIdentity, first: str, last: str, cards: list[CardBalances],
    final: bool,
) -> list[Difference]:
    """Only the till's own business: cards its store issued, and cards it sent that it has
    entries on. An empty range (or a list of guessed card ids) never reads out the chain's
    balances to whoever asks."""
    cond = t.balances.c.card_id > first
    if not final:
        cond = and_(cond, t.balances.c.card_id <= last)
    own_store = select(t.trust_objects.c.id).where(
        t.trust_objects.c.kind == "card", t.trust_objects.c.store_id == till.store_id
    )
    cond = and_(cond, t.balances.c.card_id.in_(own_store))
    ours: dict[str, dict[str, int]] = defaultdict(dict)
    for r in conn.execute(select(t.balances).where(cond)):
        ours[r.card_id][r.account] = int(r.amount)
    sent = sorted({c.card_id for c in cards} - set(ours))
    out_of_scope: set[str] = set()
    if sent:
        # Cards the till sent that head office has no balance for in its store's range: its
        # store's cards, and other stores' cards where this till has entries, are compared.
        scoped = set(conn.execute(select(t.trust_objects.c.id).where(
            t.trust_objects.c.kind == "card", t.trust_objects.c.store_id == till.store_id,
            in_list(conn, t.trust_objects.c.id, sent))).scalars())
        scoped |= set(conn.execute(select(t.journal.c.card_id).where(
            t.journal.c.till_id == till.id, in_list(conn, t.journal.c.card_id, sent))).scalars())
        if scoped:
            for r in conn.execute(select(t.balances).where(
                    in_list(conn, t.balances.c.card_id, sorted(scoped)))):
                ours[r.card_id][r.account] = int(r.amount)
        out_of_scope = set(sent) - scoped
    diffs: list[Difference] = []
    theirs = {c.card_id: c.balances for c in cards if c.card_id not in out_of_scope}
    diffs += _compare_states(conn, [c for c in cards if c.card_id in theirs])
    for card_id in sorted(set(ours) | set(theirs)):
        mine = ours.get(card_id, {})
        view = theirs.get(card_id, {})
        for account in sorted(set(mine) | set(view)):
            a, b = view.get(account, 0), mine.get(account, 0)
            if a != b:
                diffs.append(
                    Difference(what="balance", card_id=card_id, account=account,
                               till_value=a, head_office_value=b)
                )
    return diffs


def _compare_states(conn: Connection, cards: list[CardBalances]) -> list[Difference]:
    """A card's status and its member's tier, where the till sent them (older tills do not):
    both follow the state-entry ordering rule, so after a full sync they must agree."""
    sent = {c.card_id: c for c in cards if c.status is not None or c.tier is not None}
    if not sent:
        return []
    held = {
        r.id: (r.status, r.tier)
        for r in conn.execute(
            select(t.cards.c.id, t.cards.c.status, t.members.c.tier)
            .select_from(t.cards.outerjoin(t.members, t.members.c.id == t.cards.c.member_id))
            .where(in_list(conn, t.cards.c.id, sorted(sent)))
        )
    }
    diffs: list[Difference] = []
    for card_id, c in sorted(sent.items()):
        status, tier = held.get(card_id, (None, None))
        if c.status is not None and c.status != status:
            diffs.append(Difference(what="status", card_id=card_id, till_value=c.status,
                                    head_office_value=status))
        if c.tier != tier and (c.tier is not None or tier is not None):
            diffs.append(Difference(what="tier", card_id=card_id, till_value=c.tier,
                                    head_office_value=tier))
    return diffs
