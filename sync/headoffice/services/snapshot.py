"""A new or replaced till joins the chain from a snapshot, not by replaying history.

The snapshot is the state head office derived from every till's journal up to one ingest
sequence (the journal cursor it stands at): tiers (members name them), members, cards, their
balances and point lots. The till loads it in bulk (`loyalty_core.snapshotload`) and then pulls
the journal from that cursor, with its objects and flags cursors at zero, so rules, staff,
rewards and card flags arrive by the ordinary pull path, scoped as pull scopes them.

It is streamed as JSON lines from one read transaction (one snapshot of the database, so the
cursor and every row describe one moment), read in keyset pages of `PAGE` rows, one line per
page (`{"t": part, "cols": [...], "rows": [[...], ...]}`, columns in the till's order): a
1,000,000-member chain never sits in memory at either end. The last line carries the row counts and the
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

from sqlalchemy import ColumnElement, Connection, func, null, select, true, tuple_

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
    # ASCII escapes: the C encoder's fast path, twice as fast as UTF-8 output for Vietnamese.
    return json.dumps(obj, ensure_ascii=True, separators=(",", ":")).encode() + b"\n"


# Each part's columns in the till's own order (`loyalty_core.snapshotload.COLUMNS`), so a page
# is inserted as it comes; the till checks the list.
MEMBER_COLS = ("id", "name", "phone", "birthday", "email", "segment", "consent_marketing",
               "consent_sms", "tier_id", "referrer_id", "created_at", "tier_key", "name_key",
               "phone_rev")
CARD_COLS = ("id", "number", "uid", "kind", "status", "status_reason", "expires_on",
             "member_id", "flagged", "created_at", "status_key")
TIER_COLS = ("id", "code", "name", "rank", "threshold", "earn_multiplier_pct", "discount_bp",
             "birthday_points")


def _members(rows: list[Any]) -> list[list[Any]]:
    """Head office's member rows in the till's shape. The search keys come from the enrolment
    the till made (kept in `details`); the till makes them itself when they are missing."""
    out = []
    for m_id, name, phone, birthday, email, segment, details, tier, created, key in rows:
        d = json.loads(details) if details else {}
        out.append([m_id, name, phone, birthday, email, segment,
                    bool(d.get("consent_marketing")), bool(d.get("consent_sms")), tier,
                    d.get("referrer_id"), created, key, d.get("name_key"), d.get("phone_rev")])
    return out


def _as_lists(rows: list[Any]) -> list[list[Any]]:
    return [list(r) for r in rows]


def _parts(scope: Visible) -> list[tuple[str, list[Any], int, ColumnElement[bool], Any,
                                         tuple[str, ...]]]:
    """(part, the columns selected, how many of them lead the key, who may see, shaping,
    the columns sent). Selected in the till's order where head office has the column (a NULL
    where it has none: card UIDs; flags come by pull), so most pages go out as they are read."""
    m, c = t.members.c, t.cards.c
    return [
        ("tier", [t.tiers.c[k] for k in TIER_COLS], 1, scope.tiers, _as_lists, TIER_COLS),
        ("member", [m.id, m.name, m.phone, m.birthday, m.email, m.segment, m.details, m.tier,
                    m.created_at, m.tier_key], 1, scope.members, _members, MEMBER_COLS),
        ("card", [c.id, c.number, null().label("uid"), c.kind, c.status, c.status_reason,
                  c.expires_on, c.member_id, null().label("flagged"), c.created_at,
                  c.status_key], 1, scope.cards, _as_lists, CARD_COLS),
        ("balance", [t.balances.c.card_id, t.balances.c.account, t.balances.c.amount], 2,
         scope.balances, _as_lists, ("card_id", "account", "balance")),
        ("lot", [t.point_lots.c[k] for k in ("id", "card_id", "amount", "remaining",
                                              "expires_on")], 1, scope.point_lots, _as_lists,
         ("id", "card_id", "amount", "remaining", "expires_on")),
    ]


def _pages(conn: Connection, columns: list[Any], key_width: int,
           cond: ColumnElement[bool]) -> Iterator[list[Any]]:
    """The rows matching `cond`, in key order (the first `key_width` columns), PAGE rows per
    query (keyset: each page starts after the last key of the one before)."""
    keys = columns[:key_width]
    last: tuple[Any, ...] | None = None
    while True:
        q = select(*columns).where(cond).order_by(*keys).limit(PAGE)
        if last is not None:
            q = q.where(tuple_(*keys) > tuple_(*last)) if key_width > 1 else q.where(
                keys[0] > last[0])
        rows = conn.execute(q).all()
        if rows:
            yield rows
        if len(rows) < PAGE:
            return
        last = tuple(rows[-1][:key_width])


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
        for name, columns, key_width, cond, shape, cols in _parts(scope):
            n = 0
            for page in _pages(conn, columns, key_width, cond):
                # One line per page: one encode for PAGE rows, not PAGE encodes.
                line = _line({"t": name, "cols": cols, "rows": shape(page)})
                digest.update(line)
                n += len(page)
                yield line
            counts[name] = n
    yield _line({"end": True, "counts": counts, "sha256": digest.hexdigest()})
