"""What head office knows when it judges a batch of one till's entries (`services.checks`).

Loaded once per batch with a handful of indexed queries (cards, members, staff, the objects
earlier entries established, this till's recent value creation), then updated in memory as each
entry of the batch is accepted, so an entry may rely on one accepted before it in the same batch
(a card issued and topped up in one push). `save` writes what the accepted entries established.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, func, select

from loyalty_core.entries import Kind
from loyalty_core.ids import iso_utc
from sync.headoffice import schema as t
from sync.headoffice.db import in_list, insert_many
from sync.headoffice.services.context import Context, TillIdentity
from sync.headoffice.services.policy import SV_CREATING, TrustPolicy

POINTS_CREATING = frozenset({"points.adjust", "bonus", "coalition"})


@dataclass
class TrustObject:
    kind: str
    id: str
    till_id: str
    store_id: str
    detail: str | None = None
    open: bool = True
    value: int | None = None


@dataclass
class Facts:
    till: TillIdentity
    policy: TrustPolicy = field(default_factory=TrustPolicy)
    cards: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> number, kind, member
    numbers: set[str] = field(default_factory=set)
    members: set[str] = field(default_factory=set)
    staff_store: dict[str, str | None] = field(default_factory=dict)
    objects: dict[tuple[str, str], TrustObject] = field(default_factory=dict)
    changed: set[tuple[str, str]] = field(default_factory=set)
    sv_created: int = 0
    points_created: int = 0
    transfers_out: dict[tuple[str, str], int] = field(default_factory=dict)
    topup_approval_over: int | None = None
    open_shifts: set[str] = field(default_factory=set)  # this till's

    def obj(self, kind: str, id_: str | None) -> TrustObject | None:
        return None if id_ is None else self.objects.get((kind, id_))

    def put(self, o: TrustObject) -> None:
        self.objects[(o.kind, o.id)] = o
        self.changed.add((o.kind, o.id))


def _ids(values: Iterable[Any]) -> list[str]:
    return sorted({v for v in values if isinstance(v, str) and v})


def load(ctx: Context, conn: Connection, till: TillIdentity, entries: list[dict[str, Any]]) -> Facts:
    facts = Facts(till, ctx.policy)
    payloads = [e.get("payload") if isinstance(e.get("payload"), dict) else {} for e in entries]
    card_ids = _ids([e.get("card_id") for e in entries] + [p.get("id") for p in payloads])
    numbers = _ids(p.get("number") for e, p in zip(entries, payloads, strict=True)
                   if e["kind"] == Kind.CARD_ISSUE)
    member_ids = _ids(
        (p.get("member") or {}).get("id") if isinstance(p.get("member"), dict) else None
        for p in payloads
    )
    staff_ids = _ids([e.get("staff_id") for e in entries]
                     + [p.get("supervisor_id") for p in payloads])
    object_ids = _ids(
        [e.get("approval_id") for e in entries] + [e.get("sale_id") for e in entries]
        + [p.get("shift_id") for p in payloads] + card_ids
    )
    if card_ids:
        for r in conn.execute(select(t.cards.c.id, t.cards.c.number, t.cards.c.kind,
                                     t.cards.c.member_id).where(in_list(conn, t.cards.c.id,
                                                                        card_ids))):
            facts.cards[r.id] = {"number": r.number, "kind": r.kind, "member_id": r.member_id}
    if numbers:
        facts.numbers = set(conn.execute(
            select(t.cards.c.number).where(in_list(conn, t.cards.c.number, numbers))
        ).scalars())
    if member_ids:
        facts.members = set(conn.execute(
            select(t.members.c.id).where(in_list(conn, t.members.c.id, member_ids))
        ).scalars())
    if staff_ids:
        facts.staff_store = dict(conn.execute(  # type: ignore[arg-type]
            select(t.staff.c.id, t.staff.c.store_id).where(in_list(conn, t.staff.c.id, staff_ids))
        ).all())
    if object_ids:
        for r in conn.execute(select(t.trust_objects).where(
                in_list(conn, t.trust_objects.c.id, object_ids))):
            facts.objects[(r.kind, r.id)] = TrustObject(
                r.kind, r.id, r.till_id, r.store_id, r.detail, bool(r.open),
                None if r.value is None else int(r.value))
    since = iso_utc(ctx.clock() - ctx.policy.velocity_window)
    if any(e["kind"] in SV_CREATING | POINTS_CREATING for e in entries):
        facts.sv_created = _created(conn, till.id, since, SV_CREATING)
        facts.points_created = _created(conn, till.id, since, POINTS_CREATING)
        facts.topup_approval_over = _topup_threshold(conn)
        facts.open_shifts = set(conn.execute(
            select(t.trust_objects.c.id).where(
                t.trust_objects.c.kind == "shift", t.trust_objects.c.till_id == till.id,
                t.trust_objects.c.open.is_(True))
        ).scalars())
    return facts


def _created(conn: Connection, till_id: str, since: str, kinds: frozenset[str]) -> int:
    """Value this till created since `since`, by head office's clock (a till's clock can lie)."""
    quarantined = select(t.quarantine.c.entry_id).where(t.quarantine.c.till_id == till_id)
    total = conn.execute(
        select(func.coalesce(func.sum(t.journal.c.amount), 0)).where(
            t.journal.c.till_id == till_id,
            t.journal.c.kind.in_(sorted(kinds)),
            t.journal.c.amount > 0,
            t.journal.c.received_at >= since,
            t.journal.c.ingest_seq.is_not(None),
            t.journal.c.id.not_in(quarantined),
        )
    ).scalar_one()
    return int(total or 0)


def _topup_threshold(conn: Connection) -> int | None:
    """The top-up approval threshold of the newest rules head office published, if any."""
    row = conn.execute(select(t.rules.c.rules).order_by(t.rules.c.version.desc()).limit(1)).first()
    if row is None:
        return None
    value = (json.loads(row.rules).get("approval") or {}).get("topup_over")
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


def transfer_out_held(conn: Connection, till_id: str, operation_id: str, account: str) -> int:
    """Value moved out by an accepted transfer.out of this operation in an earlier batch."""
    quarantined = select(t.quarantine.c.entry_id).where(t.quarantine.c.till_id == till_id)
    total = conn.execute(
        select(func.coalesce(func.sum(t.journal.c.amount), 0)).where(
            and_(t.journal.c.till_id == till_id, t.journal.c.operation_id == operation_id,
                 t.journal.c.kind == Kind.TRANSFER_OUT.value, t.journal.c.account == account,
                 t.journal.c.ingest_seq.is_not(None), t.journal.c.id.not_in(quarantined))
        )
    ).scalar_one()
    return -int(total or 0)


def save(ctx: Context, conn: Connection, facts: Facts) -> None:
    """One multi-row upsert for every object the batch's accepted entries established."""
    rows = [
        {"kind": o.kind, "id": o.id, "till_id": o.till_id, "store_id": o.store_id,
         "detail": o.detail, "open": o.open, "value": o.value}
        for o in (facts.objects[k] for k in sorted(facts.changed))
    ]
    if rows:
        insert_many(conn, t.trust_objects, rows, conflict=["kind", "id"],
                    replace=["till_id", "store_id", "detail", "open", "value"])
