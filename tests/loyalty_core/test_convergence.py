"""State entries converge: whatever order a node receives them in, the newest by
(created_at, till_id, seq) is the one every node shows."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from loyalty_core import syncstore
from loyalty_core.canonical import GENESIS_HASH, entry_hash
from loyalty_core.ids import new_id
from loyalty_core.journal import insert_foreign
from loyalty_core.models import Card, Member, Tier
from loyalty_core.store import Store
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop, make_shop


def card_status(store: Store, number: str) -> str:
    with store.read() as s:
        card = s.query(Card).filter_by(number=number).one()
        return card.status


def exchange(src: Store, dst: Store) -> int:
    """Everything `src` wrote itself, into `dst`, as a pull would bring it."""
    with src.read() as s:
        wires = syncstore.pending_entries(s, src.till_id, 0, 10_000)
    with dst.write() as s:
        return sum(insert_foreign(s, w) for w in wires)


def test_two_tills_block_then_close_converge(tmp_path: Path) -> None:
    """The reproduction: offline, A blocks a card, later B closes it; both end `closed`."""
    a: Shop = make_shop(tmp_path / "a.sqlite3")
    b: Shop = make_shop(tmp_path / "b.sqlite3")
    try:
        card = a.loyalty.issue_card(new_id(), a.cashier, "gift", activate=True)
        exchange(a.store, b.store)
        number = card["number"]
        assert card_status(b.store, number) == "active"
        a.loyalty.set_card_status(new_id(), a.supervisor, number, "blocked", "reported lost")
        b.loyalty.set_card_status(new_id(), b.supervisor, number, "closed", "customer left")
        # A receives the close after its block; B receives the (older) block after its close.
        exchange(b.store, a.store)
        exchange(a.store, b.store)
        assert card_status(a.store, number) == "closed"
        assert card_status(b.store, number) == "closed"
        assert verify_store(a.store) == [] and verify_store(b.store) == []
    finally:
        a.store.close()
        b.store.close()


def chain(till: str, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out, prev = [], GENESIS_HASH
    for seq, e in enumerate(entries, start=1):
        wire = {
            "id": new_id(), "till_id": till, "seq": seq, "operation_id": new_id(),
            "card_id": None, "account": None, "amount": 0, "sale_id": None, "staff_id": None,
            "approval_id": None, "rule_version": 1, "reason": None, "payload": {},
            "prev_hash": prev, **e,
        }
        wire["hash"] = prev = entry_hash(wire)
        out.append(wire)
    return out


def at(minute: int) -> str:
    return f"2026-11-30T08:{minute:02d}:00.000000Z"


def test_every_arrival_order_gives_the_same_state(tmp_path: Path) -> None:
    card, member = new_id(), new_id()
    tiers = {code: new_id() for code in ("member", "silver", "gold")}
    till_a = chain("till-a", [
        {"created_at": at(0), "kind": "member.enroll",
         "payload": {"member": {"id": member, "name": "Lan", "tier_id": tiers["member"]}}},
        {"created_at": at(0), "kind": "card.issue", "card_id": card,
         "payload": {"id": card, "number": "8801000000011", "kind": "member",
                     "member_id": member, "status": "active", "expires_on": "2030-01-01"}},
        {"created_at": at(10), "kind": "card.status", "card_id": card, "reason": "lost",
         "payload": {"status": "blocked"}},
        {"created_at": at(30), "kind": "tier.change", "card_id": card,
         "payload": {"member_id": member, "from": tiers["member"], "to": tiers["gold"]}},
    ])
    till_b = chain("till-b", [
        {"created_at": at(20), "kind": "card.status", "card_id": card, "reason": "gone",
         "payload": {"status": "closed"}},
        {"created_at": at(20), "kind": "tier.change", "card_id": card,
         "payload": {"member_id": member, "from": tiers["member"], "to": tiers["silver"]}},
    ])
    creation, rest = till_a[:2], till_a[2:] + till_b
    seen: set[tuple[Any, ...]] = set()
    for n, order in enumerate(itertools.permutations(rest)):
        store = Store.open(tmp_path / f"node-{n}.sqlite3")
        with store.write() as s:
            for rank, (code, tier_id) in enumerate(tiers.items()):
                s.add(Tier(id=tier_id, code=code, name=code, rank=rank))
        with store.write() as s:
            for wire in (*creation, *order):
                insert_foreign(s, wire)
        with store.read() as s:
            c, m = s.get(Card, card), s.get(Member, member)
            assert c is not None and m is not None
            seen.add((c.status, c.status_reason, c.status_key, m.tier_id, m.tier_key))
        assert verify_store(store) == []
        store.close()
    assert len(seen) == 1
    status, reason, _, tier_id, _ = seen.pop()
    assert (status, reason, tier_id) == ("closed", "gone", tiers["gold"])
