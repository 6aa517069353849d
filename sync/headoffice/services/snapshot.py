"""A new or replaced till joins the chain from a snapshot, not by replaying history.

The snapshot is the state head office derived from every till's journal up to one ingest
sequence (the journal cursor it stands at): tiers (members name them), members, cards, their
balances and point lots, and what a till that pulled the chain would hold beyond them
(services/joinstate.py): memberships still running, each voucher's uses, the sales of the
refund window (`refund_window_days`) each followed by its entries as their tills hashed them,
and qualifying spend per (day, card) of the tier window (`tier_window_days`). The till loads it in bulk (`loyalty_core.snapshotload`) and then pulls
the journal from that cursor, with its objects and flags cursors at zero, so rules, staff,
rewards and card flags arrive by the ordinary pull path, scoped as pull scopes them.

It is streamed as JSON lines from one read transaction (one snapshot of the database, so the
cursor and every row describe one moment), read in keyset pages of `PAGE` rows, one line per
page (`{"t": part, "cols": [...], "rows": [[...], ...]}`, columns in the till's order): a
1,000,000-member chain never sits in memory at either end. The last line carries the row counts and the
SHA-256 of every line before it, so a truncated or altered stream is refused by the till.

What the till may see follows the one rule of `services/visibility.py`, as the pull applies it
to entries: every member and card is sent (the till must recognise any card of the chain), but
a member's personal data only when the member's card was issued at the till's store or the
member was seen there, and another store's card number only as its keyed hash (no UID). Each
page is narrowed with one query per table, so the rule costs no per-row round trip.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, null, select, true, tuple_

from loyalty_core.canonical import ENTRY_FIELDS, OPTIONAL_FIELDS
from loyalty_core.cardkeys import keyed
from loyalty_core.entries import Kind
from loyalty_core.rules import merged_rules
from loyalty_core.rules_schema import window_days
from sync.headoffice import schema as t
from sync.headoffice.db import in_list
from sync.headoffice.services import hokeys, visibility
from sync.headoffice.services.context import Context, TillIdentity
from sync.wire import answers
from sync.wire.models import API_PREFIX

FORMAT = "loyalty-snapshot/1"
SNAPSHOT_PATH = f"{API_PREFIX}/snapshot"
PAGE = 5000


@dataclass(frozen=True)
class Visible:
    """Per table, the condition on head office's rows this till may receive."""

    tiers: ColumnElement[bool]
    members: ColumnElement[bool]
    cards: ColumnElement[bool]
    balances: ColumnElement[bool]
    point_lots: ColumnElement[bool]
    memberships: ColumnElement[bool]
    voucher_uses: ColumnElement[bool]
    sales: ColumnElement[bool]
    spend: ColumnElement[bool]


def visible(till: TillIdentity) -> Visible:
    """Which rows this till receives: every row, as entries of every till reach every till;
    what it may hold of each row is narrowed page by page (`Narrow`)."""
    return Visible(tiers=true(), members=true(), cards=true(), balances=true(),
                   point_lots=true(), memberships=true(), voucher_uses=true(), sales=true(),
                   spend=true())


@dataclass(frozen=True)
class Windows:
    """The first day of each window the snapshot carries history for. A day earlier than the
    rules say: the shop's day in its time zone may be the UTC date's neighbour, and a day too
    many changes nothing (the till's own questions bound them)."""

    running: str  # memberships ending on or after it
    refunds: str  # sales made on or after it
    tier: str  # qualifying spend of days from it

    @classmethod
    def of(cls, conn: Connection, now: str) -> Windows:
        r = t.rules
        text = conn.execute(
            select(r.c.rules).where(r.c.effective_from <= now)
            .order_by(r.c.effective_from.desc(), r.c.version.desc()).limit(1)
        ).scalar()
        rules = merged_rules(json.loads(text) if text else None)
        today = date.fromisoformat(now[:10])

        def back(days: int) -> str:
            return (today - timedelta(days=days + 1)).isoformat()

        return cls(running=back(0), refunds=back(window_days(rules, "refund_window_days")),
                   tier=back(window_days(rules, "tier_window_days")))


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
MEMBERSHIP_COLS = ("member_id", "plan_id", "starts_on", "ends_on")
# Keyed by (created_at, id): the window is one range of `ix_sales_created`.
SALE_COLS = ("created_at", "id", "operation_id", "till_id", "shift_id", "staff_id", "card_id",
             "amount", "discount", "points_redeemed", "stored_value_used", "cash_due",
             "points_earned", "lines", "receipt_no")
ENTRY_COLS = (*ENTRY_FIELDS, *OPTIONAL_FIELDS, "hash")
SPEND_COLS = ("day", "card_id", "amount")


@dataclass(frozen=True)
class Narrow:
    """What one till may hold of a page (services/visibility.py's rule, set-based)."""

    conn: Connection
    store_id: str
    chain_key: str

    def cards_of_store(self, card_ids: list[str]) -> set[str]:
        """Which of these cards were issued by a till of this store."""
        j = t.journal.c
        return set(self.conn.execute(
            select(j.card_id).join(t.tills, t.tills.c.id == j.till_id).where(
                j.kind == Kind.CARD_ISSUE.value, in_list(self.conn, j.card_id, card_ids),
                t.tills.c.store_id == self.store_id,
            )
        ).scalars())

    def members_here(self, member_ids: list[str]) -> set[str]:
        """Members with a card issued at this store, or seen at it."""
        j = t.journal.c
        issued = set(self.conn.execute(
            select(t.cards.c.member_id)
            .join(t.journal, j.card_id == t.cards.c.id)
            .join(t.tills, t.tills.c.id == j.till_id)
            .where(j.kind == Kind.CARD_ISSUE.value,
                   in_list(self.conn, t.cards.c.member_id, member_ids),
                   t.tills.c.store_id == self.store_id)
        ).scalars())
        return issued | visibility.sighted(self.conn, self.store_id, member_ids)


def _members(rows: list[Any], narrow: Narrow) -> list[list[Any]]:
    """Head office's member rows in the till's shape. The search keys come from the enrolment
    the till made (kept in `details`); the till makes them itself when they are missing.
    Another store's member keeps id, tier, segment and consents; no personal data."""
    here = narrow.members_here([r[0] for r in rows])
    out = []
    for m_id, name, phone, birthday, email, segment, details, tier, created, key in rows:
        d = json.loads(details) if details else {}
        if m_id in here:
            person = [name, phone, birthday, email]
            keys = [d.get("name_key"), d.get("phone_rev")]
        else:
            person, keys = ["", None, None, None], [None, None]
        out.append([m_id, *person, segment,
                    bool(d.get("consent_marketing")), bool(d.get("consent_sms")), tier,
                    d.get("referrer_id"), created, key, *keys])
    return out


def _cards(rows: list[Any], narrow: Narrow) -> list[list[Any]]:
    """Another store's card: its number as the keyed hash the till recognises a swipe by."""
    ours = narrow.cards_of_store([r[0] for r in rows])
    out = []
    for r in rows:
        row = list(r)
        if row[0] not in ours and isinstance(row[1], str):
            row[1] = keyed(row[1], narrow.chain_key)
        out.append(row)
    return out


def _as_lists(rows: list[Any], _narrow: Narrow) -> list[list[Any]]:
    return [list(r) for r in rows]


def _sale_entries(conn: Connection, sale_ids: list[str], cursor: int) -> list[list[Any]]:
    """Every entry of these sales head office holds up to the cursor and did not quarantine,
    in ingest order, as their tills hashed them (the payload's canonical text)."""
    j = t.journal.c
    rows = conn.execute(
        select(*[j[c] for c in ENTRY_COLS]).where(
            in_list(conn, j.sale_id, sale_ids), j.ingest_seq.is_not(None),
            j.ingest_seq <= cursor,
            ~select(t.quarantine.c.entry_id).where(t.quarantine.c.entry_id == j.id).exists(),
        ).order_by(j.ingest_seq)
    ).all()
    return [list(r) for r in rows]


def _parts(scope: Visible, win: Windows) -> list[tuple[str, list[Any], int, ColumnElement[bool],
                                                       Any, tuple[str, ...]]]:
    """(part, the columns selected, how many of them lead the key, who may see, shaping,
    the columns sent). Selected in the till's order where head office has the column (a NULL
    where it has none: card UIDs; flags come by pull), so most pages go out as they are read."""
    m, c, ms, sa, sd = t.members.c, t.cards.c, t.memberships.c, t.sales.c, t.spend_days.c
    return [
        ("tier", [t.tiers.c[k] for k in TIER_COLS], 1, scope.tiers, _as_lists, TIER_COLS),
        ("member", [m.id, m.name, m.phone, m.birthday, m.email, m.segment, m.details, m.tier,
                    m.created_at, m.tier_key], 1, scope.members, _members, MEMBER_COLS),
        ("card", [c.id, c.number, null().label("uid"), c.kind, c.status, c.status_reason,
                  c.expires_on, c.member_id, null().label("flagged"), c.created_at,
                  c.status_key], 1, scope.cards, _cards, CARD_COLS),
        ("balance", [t.balances.c.card_id, t.balances.c.account, t.balances.c.amount], 2,
         scope.balances, _as_lists, ("card_id", "account", "balance")),
        ("lot", [t.point_lots.c[k] for k in ("id", "card_id", "amount", "remaining",
                                              "expires_on")], 1, scope.point_lots, _as_lists,
         ("id", "card_id", "amount", "remaining", "expires_on")),
        ("membership", [ms[k] for k in MEMBERSHIP_COLS], 2,
         and_(scope.memberships, ms.ends_on >= win.running), _as_lists, MEMBERSHIP_COLS),
        ("voucher_use", [t.voucher_uses.c.voucher_id, t.voucher_uses.c.uses], 1,
         and_(scope.voucher_uses, t.voucher_uses.c.uses != 0), _as_lists,
         ("voucher_id", "uses")),
        ("sale", [sa[k] for k in SALE_COLS], 2, and_(scope.sales, sa.created_at >= win.refunds),
         _as_lists, SALE_COLS),
        ("spend", [sd[k] for k in SPEND_COLS], 2, and_(scope.spend, sd.day >= win.tier),
         _as_lists, SPEND_COLS),
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


def snapshot_lines(ctx: Context, till: TillIdentity, nonce: str = "") -> Iterator[bytes]:
    """The snapshot for `till`, line by line (see the module docstring). The last line carries
    head office's Ed25519 signature over the digest of every line before it, bound to the
    request's nonce (`snapshot_signature`): a stream is never buffered whole to sign it, and a
    till with head office's key pinned refuses a stream signed by anyone else."""
    scope = visible(till)
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    with ctx.read() as conn, conn.begin():
        narrow = Narrow(conn, till.store_id, hokeys.chain_key(ctx.master_key))
        cursor = int(conn.execute(select(func.max(t.journal.c.ingest_seq))).scalar() or 0)
        chains = {r.till_id: [int(r.acked_seq), r.acked_hash]
                  for r in conn.execute(select(t.till_progress))}
        head = _line({"format": FORMAT, "journal_cursor": cursor, "chains": chains,
                      "store_id": till.store_id, "at": ctx.now()})
        digest.update(head)
        yield head
        for name, columns, key_width, cond, shape, cols in _parts(scope, Windows.of(conn,
                                                                                  ctx.now())):
            counts.setdefault(name, 0)
            for page in _pages(conn, columns, key_width, cond):
                # One line per page: one encode for PAGE rows, not PAGE encodes.
                lines = [(name, cols, shape(page, narrow))]
                if name == "sale":  # each page of sales followed by their entries
                    lines.append(("sale_entry", ENTRY_COLS,
                                  _sale_entries(conn, [r[1] for r in page], cursor)))
                for part, part_cols, rows in lines:
                    if not rows:
                        continue
                    line = _line({"t": part, "cols": part_cols, "rows": rows})
                    digest.update(line)
                    counts[part] = counts.get(part, 0) + len(rows)
                    yield line
    sha = digest.hexdigest()
    yield _line({"end": True, "counts": counts, "sha256": sha,
                 "signature": answers.sign_answer(hokeys.answer_key(ctx.master_key), "POST",
                                                  SNAPSHOT_PATH, nonce, 200, sha.encode())})
