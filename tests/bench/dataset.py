"""The benchmark database: a chain's till holding every member of the chain.

Generated once and cached under build/ because 10,000,000 hash-chained entries take minutes.
Rows are written with raw sqlite3 executemany into the schema the migrations made, but every
entry is a real, hash-chained journal entry in the wire format, so `verify` could walk it.
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from loyalty_core import cardnumbers
from loyalty_core.canonical import ENTRY_FIELDS, GENESIS_HASH, entry_hash
from loyalty_core.demo import FAMILY, GIVEN, MIDDLE
from loyalty_core.ids import new_id
from loyalty_core.inputs import search_key
from loyalty_core.rules import DEFAULT_RULES
from loyalty_core.store import Store

# Bumped when the tables' columns change, so a cached database of an older layout is rebuilt.
LAYOUT = 2
_MEMBER_INSERT = "INSERT INTO members VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
FULL = {"members": 1_000_000, "cards": 2_000_000, "entries": 10_000_000}
QUICK = {"members": 10_000, "cards": 20_000, "entries": 100_000}
TIERS = (
    ("member", "Thành viên", 1, 0, 100, 0),
    ("silver", "Bạc", 2, 5_000_000, 110, 200),
    ("gold", "Vàng", 3, 20_000_000, 125, 500),
    ("platinum", "Bạch Kim", 4, 50_000_000, 150, 1000),
)


def build(path: Path, size: dict[str, int], seed: int = 7) -> dict[str, object]:
    """Create the database at `path` (if absent) and return what the benchmarks need."""
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        cached = json.loads(meta_path.read_text())
        if cached.get("layout") == LAYOUT:
            return dict(cached)
    for p in path.parent.glob(path.name + "*"):
        p.unlink()
    store = Store.open(path)
    till = store.till_id
    store.close()
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute(
        "INSERT INTO rule_versions VALUES (1, '2020-01-01T00:00:00.000000Z', ?)",
        (json.dumps(DEFAULT_RULES),),
    )
    tier_ids = []
    for code, name, rank, thr, mult, disc in TIERS:
        tid = new_id()
        tier_ids.append(tid)
        con.execute(
            "INSERT INTO tiers VALUES (?,?,?,?,?,?,?,?)",
            (tid, code, name, rank, thr, mult, disc, 0),
        )
    created = "2025-01-01T00:00:00.000000Z"
    members: list[tuple[object, ...]] = []
    member_ids: list[str] = []
    # Real-looking Vietnamese names, so a name search meets the crowding it meets in a shop
    # (a third of the country is Nguyễn); each part folded once, not per member.
    folded = {part: search_key(part) for part in (*FAMILY, *MIDDLE, *GIVEN)}
    sample_names: list[str] = []
    for i in range(size["members"]):
        mid = new_id()
        member_ids.append(mid)
        parts = (rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN))
        phone = f"+849{i:08d}"
        if i % max(1, size["members"] // 500) == 0:
            sample_names.append(" ".join(folded[p] for p in parts[:2]))
        members.append(
            (
                mid,
                " ".join(parts),
                phone,
                "1990-01-01",
                None,
                None,
                0,
                0,
                rng.choice(tier_ids),
                None,
                created,
                None,  # tier_key: no tier.change entry yet
                " ".join(folded[p] for p in parts),  # name_key
                phone[:0:-1],  # phone_rev: the digits reversed (the "+" dropped)
            )
        )
        if len(members) == 50_000:
            con.executemany(_MEMBER_INSERT, members)
            members.clear()
    con.executemany(_MEMBER_INSERT, members)
    card_ids: list[str] = []
    numbers: list[str] = []
    cards: list[tuple[object, ...]] = []
    expires = (date.today() + timedelta(days=900)).isoformat()
    for i in range(size["cards"]):
        cid = new_id()
        kind = "combined" if i % 4 == 0 else "member"
        number = cardnumbers.generate(kind)
        card_ids.append(cid)
        numbers.append(number)
        cards.append(
            (
                cid,
                number,
                None,
                kind,
                "active",
                None,
                expires,
                member_ids[i % len(member_ids)],
                None,
                created,
                None,  # status_key: no card.status entry yet
            )
        )
        if len(cards) == 50_000:
            con.executemany("INSERT OR IGNORE INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?)", cards)
            cards.clear()
    con.executemany("INSERT OR IGNORE INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?)", cards)
    _entries(con, till, card_ids, size["entries"], rng)
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    sample = rng.sample(numbers, min(2_000, len(numbers)))
    tails = [f"{i:08d}"[-rng.choice((6, 7, 8)):] for i in rng.sample(range(size["members"]), 500)]
    meta = {
        "layout": LAYOUT,
        "till_id": till,
        "size": size,
        "sample_numbers": sample,
        "sample_searches": [*tails, *sample_names[:500]],
    }
    meta_path.write_text(json.dumps(meta))
    return meta


def _entries(
    con: sqlite3.Connection, till: str, card_ids: list[str], n: int, rng: random.Random
) -> None:
    """Sales with earn and qualifying spend, three entries each; balances and lots kept in step."""
    prev = GENESIS_HASH
    batch: list[tuple[object, ...]] = []
    balances: dict[tuple[str, str], int] = {}
    lots: list[tuple[object, ...]] = []
    seq = 0
    expires = (date.today() + timedelta(days=300)).isoformat()
    while seq < n:
        card = card_ids[rng.randrange(len(card_ids))]
        amount = rng.randrange(20, 3_000) * 1_000
        sale = new_id()
        op = new_id()
        for kind, account, value, payload in (
            ("sale", None, 0, {"amount": amount}),
            ("earn", "points", amount // 10_000, {"expires_on": expires}),
            ("qspend", "qualifying_spend", amount, {}),
        ):
            seq += 1
            wire = {
                "id": new_id(),
                "till_id": till,
                "seq": seq,
                "created_at": "2026-01-01T00:00:00.000000Z",
                "kind": kind,
                "card_id": card,
                "account": account,
                "amount": value,
                "operation_id": op,
                "sale_id": sale,
                "staff_id": None,
                "approval_id": None,
                "rule_version": 1,
                "reason": None,
                "payload": payload,
                "prev_hash": prev,
            }
            wire["hash"] = prev = entry_hash(wire)
            batch.append(
                tuple(
                    json.dumps(payload) if k == "payload" else wire[k]
                    for k in (*ENTRY_FIELDS, "hash")
                )
            )
            if account:
                balances[(card, account)] = balances.get((card, account), 0) + value
            if kind == "earn" and value:
                lots.append((wire["id"], card, value, value, expires))
        if len(batch) >= 60_000:
            _flush(con, batch, lots)
    _flush(con, batch, lots)
    con.executemany(
        "INSERT INTO balances VALUES (?,?,?)", [(c, a, v) for (c, a), v in balances.items()]
    )


def _flush(
    con: sqlite3.Connection, batch: list[tuple[object, ...]], lots: list[tuple[object, ...]]
) -> None:
    con.executemany(
        "INSERT INTO journal (id, till_id, seq, created_at, kind, card_id, account, amount, "
        "operation_id, sale_id, staff_id, approval_id, rule_version, reason, payload, prev_hash, "
        "hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        batch,
    )
    con.executemany("INSERT INTO point_lots VALUES (?,?,?,?,?)", lots)
    batch.clear()
    lots.clear()
