"""Head office's derived tables from ingested entries: balances, members, cards, tiers, flags.

Moved here unchanged from the old single service module; it is to be replaced by the projection
shared with the till (`loyalty_core`), behind a thin adapter for head office's schema.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, or_, select, update

from loyalty_core.canonical import canonical_json
from loyalty_core.entries import Kind
from sync.headoffice import schema as t
from sync.headoffice.db import in_list, insert_many
from sync.headoffice.services.context import Context, take_counter

OVERDRAWN = "overdrawn"


def project(ctx: Context, conn: Connection, entries: list[dict[str, Any]]) -> None:
    """Derived head-office tables, in the entries' order.

    Balances follow the ledger rule for every kind (sum of signed amounts per card and
    account), as the till's projection does; member, card and tier rows only for kinds
    this server knows; anything else is kept in the journal untouched.
    """
    deltas: dict[tuple[str, str], int] = defaultdict(int)
    sv_cards: set[str] = set()
    settle_ops: set[str] = set()
    for e in entries:
        kind = e["kind"]
        p = e.get("payload") or {}
        if e.get("account") and e.get("amount") and e.get("card_id"):
            deltas[(e["card_id"], e["account"])] += int(e["amount"])
            if e["account"] == "stored_value":
                sv_cards.add(e["card_id"])
                if e["amount"] < 0:
                    settle_ops.add(e["operation_id"])
        if kind == Kind.MEMBER_ENROLL and isinstance(p.get("member"), dict):
            m = p["member"]
            conn.execute(
                ctx.insert(t.members)
                .values(
                    id=str(m.get("id")),
                    name=str(m.get("name", ""))[:200],
                    phone=m.get("phone"),
                    birthday=m.get("birthday"),
                    email=m.get("email"),
                    segment=m.get("segment"),
                    tier=m.get("tier_id") or m.get("tier"),
                    tier_at=e["created_at"],
                    details=canonical_json(m),
                    created_at=e["created_at"],
                )
                .on_conflict_do_nothing()
            )
        elif kind == Kind.CARD_ISSUE and p.get("id"):
            conn.execute(
                ctx.insert(t.cards)
                .values(
                    id=p["id"],
                    number=p.get("number"),
                    kind=p.get("kind"),
                    member_id=p.get("member_id"),
                    status=p.get("status"),
                    status_at=e["created_at"],
                    expires_on=p.get("expires_on"),
                    created_at=e["created_at"],
                )
                .on_conflict_do_nothing()
            )
        elif kind == Kind.CARD_STATUS and e.get("card_id"):
            values: dict[str, Any] = {
                "status": p.get("status"),
                "status_reason": e.get("reason"),
                "status_at": e["created_at"],
            }
            for key in ("member_id", "expires_on"):
                if key in p:
                    values[key] = p[key]
            # Two tills may change one card's status offline: the later change wins.
            conn.execute(
                update(t.cards)
                .where(
                    t.cards.c.id == e["card_id"],
                    or_(t.cards.c.status_at.is_(None), t.cards.c.status_at <= e["created_at"]),
                )
                .values(**values)
            )
        elif kind == Kind.TIER_CHANGE and p.get("member_id"):
            conn.execute(
                update(t.members)
                .where(
                    t.members.c.id == p["member_id"],
                    or_(t.members.c.tier_at.is_(None), t.members.c.tier_at <= e["created_at"]),
                )
                .values(tier=p.get("to"), tier_at=e["created_at"])
            )
    if deltas:
        # One row per (card, account) for the whole batch, summed here.
        insert_many(
            conn, t.balances,
            [{"card_id": c, "account": a, "amount": v} for (c, a), v in sorted(deltas.items())],
            conflict=["card_id", "account"], add=["amount"],
        )
    if settle_ops:
        conn.execute(
            update(t.reservations)
            .where(
                in_list(conn, t.reservations.c.operation_id, sorted(settle_ops)),
                t.reservations.c.status == "confirmed",
            )
            .values(status="settled")
        )
    if sv_cards:
        update_flags(ctx, conn, sv_cards)


def update_flags(ctx: Context, conn: Connection, card_ids: set[str]) -> None:
    """Flag a card whose merged stored value went negative; clear it once it recovers."""
    ids = sorted(card_ids)
    current = {
        r.card_id: r.amount
        for r in conn.execute(
            select(t.balances.c.card_id, t.balances.c.amount).where(
                in_list(conn, t.balances.c.card_id, ids),
                t.balances.c.account == "stored_value",
            )
        )
    }
    flags = {
        r.card_id: r.flagged
        for r in conn.execute(
            select(t.card_flags.c.card_id, t.card_flags.c.flagged).where(
                in_list(conn, t.card_flags.c.card_id, ids)
            )
        )
    }
    changes = []
    for card_id in sorted(card_ids):
        balance = int(current.get(card_id, 0))
        wanted = OVERDRAWN if balance < 0 else None
        if card_id in flags and flags[card_id] == wanted:
            continue
        if card_id not in flags and wanted is None:
            continue
        changes.append((card_id, wanted, balance))
    if not changes:
        return
    first = take_counter(conn, len(changes))
    now = ctx.now()
    rows = [
        {"card_id": c, "flagged": f, "stored_value": b, "flagged_at": now, "change_seq": first + i}
        for i, (c, f, b) in enumerate(changes)
    ]
    insert_many(conn, t.card_flags, rows, conflict=["card_id"],
                replace=["flagged", "stored_value", "flagged_at", "change_seq"])
