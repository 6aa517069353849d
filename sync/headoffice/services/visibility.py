"""Least data per till: the ONE rule for which member data and card numbers a till may hold.

A till is a PC anyone in the shop can reach and its database can be copied, so it holds only
what its store needs:

- **Member personal data** (name, phone, birthday, e-mail) of a member whose home store is the
  till's store (the store of the till that enrolled them), or who was **seen** at its store (an
  entry of one of the store's tills on a card of theirs: `member_sightings`). Any other member's
  `member.enroll` reaches the till *redacted*: the id, tier, segment and consents stay (pricing
  and tiers need them), the name is empty and phone, birthday and e-mail are absent. A member
  seen later is sent whole once (`revealed_members`, with the pull's objects).
- **Card numbers** in clear only for cards of its own store (issued by one of its tills). Another
  store's `card.issue` reaches it with the number as a keyed hash under the chain key
  (`loyalty_core.cardkeys`, the key the till holds in its key file) and no UID: the till still
  recognises the card when it is swiped, a copied database gives no number to spend with.
- **Staff**: its own store's and the chain-wide ones only (services/pull.py); other stores' staff
  named by an entry become inactive placeholders at the till, with no PIN hash and no card.

A redacted entry keeps its original hash; the pull answer lists it in `redacted` and head
office's Ed25519 signature (sync.wire.answers) vouches for it, since the till cannot recompute
the hash of what it no longer has. The pull (services/pull.py) and a new till's snapshot call
`redact_for_store`; the online lookup (services/lookup.py) is how a till sees anyone else.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, select

from loyalty_core.cardkeys import keyed
from loyalty_core.entries import Kind
from sync.headoffice import schema as t
from sync.headoffice.db import in_list
from sync.headoffice.services.context import Context, take_counter
from sync.wire.models import MemberDetailsOut

PERSONAL = ("name", "phone", "birthday", "email")


def stores_of_tills(conn: Connection, till_ids: Iterable[str]) -> dict[str, str]:
    ids = sorted(set(till_ids))
    if not ids:
        return {}
    rows = conn.execute(
        select(t.tills.c.id, t.tills.c.store_id).where(in_list(conn, t.tills.c.id, ids))
    )
    return {r.id: r.store_id for r in rows}


def sighted(conn: Connection, store_id: str, member_ids: Sequence[str]) -> set[str]:
    """Which of `member_ids` have been seen at `store_id`."""
    if not member_ids:
        return set()
    return set(
        conn.execute(
            select(t.member_sightings.c.member_id).where(
                t.member_sightings.c.store_id == store_id,
                in_list(conn, t.member_sightings.c.member_id, sorted(set(member_ids))),
            )
        ).scalars()
    )


def _member_of(entry: dict[str, Any]) -> dict[str, Any] | None:
    payload = entry.get("payload")
    member = payload.get("member") if isinstance(payload, dict) else None
    return member if isinstance(member, dict) else None


def redact_for_store(
    conn: Connection, store_id: str, entries: list[dict[str, Any]], chain_key: str
) -> list[str]:
    """Rewrite, in place, what a till of `store_id` may not hold; the ids of entries changed.

    `entries` are wire entries as dicts (payload a dict), e.g. one pull page.
    """
    relevant = [e for e in entries if e.get("kind") in (Kind.MEMBER_ENROLL, Kind.CARD_ISSUE)]
    if not relevant:
        return []
    home = stores_of_tills(conn, (e["till_id"] for e in relevant))
    members = [
        str(m["id"]) for e in relevant
        if e["kind"] == Kind.MEMBER_ENROLL and (m := _member_of(e)) and "id" in m
    ]
    seen = sighted(conn, store_id, members)
    changed: list[str] = []
    for e in relevant:
        if home.get(e["till_id"]) == store_id:
            continue  # its own store's entry: whole
        payload = dict(e.get("payload") or {})
        if e["kind"] == Kind.MEMBER_ENROLL:
            member = _member_of(e)
            if member is None or member.get("id") in seen:
                continue
            kept = {k: v for k, v in member.items() if k not in PERSONAL}
            payload["member"] = {**kept, "name": ""}
        else:
            number = payload.get("number")
            if isinstance(number, str):
                payload["number"] = keyed(number, chain_key)
            if payload.get("uid") is not None:
                payload["uid"] = None
        e["payload"] = payload
        changed.append(str(e["id"]))
    return changed


def member_visible(conn: Connection, store_id: str, member_id: str) -> bool:
    """Whether a till of `store_id` may hold this member's personal data (the rule above),
    for one member (a new till's snapshot); a pull page uses `redact_for_store`."""
    if member_id in sighted(conn, store_id, [member_id]):
        return True
    rows = conn.execute(
        select(t.journal.c.till_id, t.journal.c.payload).where(
            t.journal.c.kind == Kind.MEMBER_ENROLL.value,
            t.journal.c.payload.contains(member_id),
        )
    ).all()
    enrolled_by = [r.till_id for r in rows if (_member_of(
        {"payload": json.loads(r.payload)}) or {}).get("id") == member_id]
    return store_id in stores_of_tills(conn, enrolled_by).values()


def note_sightings(
    ctx: Context, conn: Connection, store_id: str, entries: Sequence[dict[str, Any]]
) -> int:
    """After a push is projected: the members whose cards these entries (of a till of
    `store_id`) touched are seen there from now on. Returns how many are new."""
    card_ids = sorted({str(e["card_id"]) for e in entries if e.get("card_id")})
    if not card_ids:
        return 0
    members = sorted(
        {
            str(m)
            for m in conn.execute(
                select(t.cards.c.member_id).where(in_list(conn, t.cards.c.id, card_ids))
            ).scalars()
            if m
        }
    )
    new = sorted(set(members) - sighted(conn, store_id, members))
    if not new:
        return 0
    first = take_counter(conn, len(new))
    conn.execute(
        t.member_sightings.insert(),
        [{"store_id": store_id, "member_id": m, "change_seq": first + i}
         for i, m in enumerate(new)],
    )
    return len(new)


def details(row: Any) -> MemberDetailsOut:
    return MemberDetailsOut(id=row.id, name=row.name, phone=row.phone, birthday=row.birthday,
                            email=row.email)


def revealed_members(conn: Connection, store_id: str, after: int) -> list[MemberDetailsOut]:
    """Members first seen at `store_id` after the objects cursor: sent whole, once."""
    m, s = t.members, t.member_sightings
    rows = conn.execute(
        select(m.c.id, m.c.name, m.c.phone, m.c.birthday, m.c.email)
        .join(s, s.c.member_id == m.c.id)
        .where(s.c.store_id == store_id, s.c.change_seq > after)
        .order_by(s.c.change_seq)
    )
    return [details(r) for r in rows]
