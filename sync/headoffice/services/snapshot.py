"""A new or replaced till joins the chain from a snapshot, not by replaying history.

The snapshot is the state head office derived from every till's journal up to one ingest
sequence (the journal cursor it stands at): tiers (members name them), members, cards, their
balances and point lots. The till loads it in bulk (`loyalty_core.snapshotload`) and then pulls
the journal from that cursor, with its objects and flags cursors at zero, so rules, staff,
rewards and card flags arrive by the ordinary pull path, scoped as pull scopes them.

It is streamed as JSON lines from one read transaction (one snapshot of the database, so the
cursor and every row describe one moment), read in keyset pages of `PAGE` rows: a 1,000,000-
member chain never sits in memory at either end. The last line carries the row counts and the
SHA-256 of every line before it, so a truncated or altered stream is refused by the till.

What the till may see is decided in one place, `visible` (kept in step with `pull.py`: every
member and card today; the member-PII narrowing per store plugs in there).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, func, select, true, tuple_

from sync.headoffice import schema as t
from sync.headoffice.services.context import Context, TillIdentity

FORMAT = "loyalty-snapshot/1"
PAGE = 5000


@dataclass(frozen=True)
class Visible:
    """Per table, the condition on head office's rows this till may receive."""

    tiers: ColumnElement[bool]
    members: ColumnElement[bool]
    cards: ColumnElement[bool]
    balances: ColumnElement[bool]
    point_lots: ColumnElement[bool]


def visible(till: TillIdentity) -> Visible:
    """What this till may hold, the same as pull serves it (entries of every till reach every
    till today, so every member and card); narrow here, once, for a snapshot."""
    return Visible(tiers=true(), members=true(), cards=true(), balances=true(),
                   point_lots=true())


def _line(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _member(r: Any) -> dict[str, Any]:
    """Head office's member row in the till's shape (its search keys the till makes itself)."""
    details = json.loads(r.details) if r.details else {}
    return {
        "id": r.id, "name": r.name, "phone": r.phone, "birthday": r.birthday,
        "email": r.email, "segment": r.segment,
        "consent_marketing": bool(details.get("consent_marketing")),
        "consent_sms": bool(details.get("consent_sms")),
        "referrer_id": details.get("referrer_id"),
        "tier_id": r.tier, "tier_key": r.tier_key, "created_at": r.created_at,
    }


def _card(r: Any) -> dict[str, Any]:
    return {"id": r.id, "number": r.number, "kind": r.kind, "status": r.status,
            "status_reason": r.status_reason, "expires_on": r.expires_on,
            "member_id": r.member_id, "created_at": r.created_at, "status_key": r.status_key}


def _tier(r: Any) -> dict[str, Any]:
    return {k: v for k, v in r._mapping.items() if k != "change_seq"}


def _plain(r: Any) -> dict[str, Any]:
    return dict(r._mapping)


def _pages(conn: Connection, table: Table, keys: tuple[str, ...],
           cond: ColumnElement[bool]) -> Iterator[Any]:
    """Every row of `table` matching `cond`, in key order, PAGE rows per query (keyset)."""
    cols = [table.c[k] for k in keys]
    last: tuple[Any, ...] | None = None
    while True:
        q = select(table).where(cond).order_by(*cols).limit(PAGE)
        if last is not None:
            q = q.where(tuple_(*cols) > tuple_(*last)) if len(cols) > 1 else q.where(
                cols[0] > last[0])
        rows = conn.execute(q).all()
        yield from rows
        if len(rows) < PAGE:
            return
        last = tuple(getattr(rows[-1], k) for k in keys)


def snapshot_lines(ctx: Context, till: TillIdentity) -> Iterator[bytes]:
    """The snapshot for `till`, line by line (see the module docstring)."""
    scope = visible(till)
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    with ctx.read() as conn, conn.begin():
        cursor = int(conn.execute(select(func.max(t.journal.c.ingest_seq))).scalar() or 0)
        chains = {r.till_id: [int(r.acked_seq), r.acked_hash]
                  for r in conn.execute(select(t.till_progress))}
        head = _line({"format": FORMAT, "journal_cursor": cursor, "chains": chains,
                      "store_id": till.store_id, "at": ctx.now()})
        digest.update(head)
        yield head
        parts: tuple[tuple[str, Table, tuple[str, ...], ColumnElement[bool], Any], ...] = (
            ("tier", t.tiers, ("id",), scope.tiers, _tier),
            ("member", t.members, ("id",), scope.members, _member),
            ("card", t.cards, ("id",), scope.cards, _card),
            ("balance", t.balances, ("card_id", "account"), scope.balances, _plain),
            ("lot", t.point_lots, ("id",), scope.point_lots, _plain),
        )
        for name, table, keys, cond, shape in parts:
            n = 0
            buf: list[bytes] = []
            for row in _pages(conn, table, keys, cond):
                buf.append(_line({"t": name, "r": shape(row)}))
                n += 1
                if len(buf) >= PAGE:
                    chunk = b"".join(buf)
                    digest.update(chunk)
                    yield chunk
                    buf = []
            if buf:
                chunk = b"".join(buf)
                digest.update(chunk)
                yield chunk
            counts[name] = n
    yield _line({"end": True, "counts": counts, "sha256": digest.hexdigest()})
