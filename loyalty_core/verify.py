"""`loyalty-core verify`: prove the database is what its journal says.

Like Beancount's validation it reports every problem it finds rather than stopping at the first,
so an operator sees the whole damage at once.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from loyalty_core.canonical import GENESIS_HASH, entry_hash
from loyalty_core.journal import entry_to_wire
from loyalty_core.models import Balance, JournalEntry, PointLot
from loyalty_core.store import Store


def verify_store(store: Store) -> list[str]:
    with store.read() as s:
        return verify_session(s)


def verify_session(s: Session) -> list[str]:
    problems: list[str] = []
    problems += _check_chains(s)
    problems += _check_balances(s)
    problems += _check_lots(s)
    problems += _check_triggers(s)
    return problems


def _check_chains(s: Session) -> list[str]:
    problems: list[str] = []
    tills = s.scalars(select(JournalEntry.till_id).distinct()).all()
    for till in tills:
        expected_seq, prev = 1, GENESIS_HASH
        rows = s.execute(
            select(JournalEntry).where(JournalEntry.till_id == till).order_by(JournalEntry.seq)
        ).scalars()
        for entry in rows.yield_per(5000):
            wire = entry_to_wire(entry)
            if entry.seq != expected_seq:
                problems.append(
                    f"till {till}: sequence gap, expected {expected_seq} got {entry.seq}"
                )
                expected_seq = entry.seq
            if entry.prev_hash != prev:
                problems.append(f"till {till} seq {entry.seq}: chain broken (prev_hash mismatch)")
            if entry_hash(wire) != entry.hash:
                problems.append(
                    f"till {till} seq {entry.seq}: entry {entry.id} was altered (hash mismatch)"
                )
            prev = entry.hash
            expected_seq += 1
    return problems


def _check_balances(s: Session) -> list[str]:
    problems: list[str] = []
    sums = {
        (c, a): int(v)
        for c, a, v in s.execute(
            select(JournalEntry.card_id, JournalEntry.account, func.sum(JournalEntry.amount))
            .where(JournalEntry.account.is_not(None))
            .group_by(JournalEntry.card_id, JournalEntry.account)
        )
    }
    cached = {(b.card_id, b.account): b.balance for b in s.scalars(select(Balance))}
    for key in sorted(set(sums) | set(cached), key=lambda k: (k[0] or "", k[1] or "")):
        want, have = sums.get(key, 0), cached.get(key, 0)
        if want != have:
            problems.append(f"card {key[0]} {key[1]}: cached balance {have} != journal sum {want}")
    return problems


def _check_lots(s: Session) -> list[str]:
    problems: list[str] = []
    consumed: dict[str, int] = defaultdict(int)
    for (payload,) in s.execute(
        select(JournalEntry.payload).where(
            JournalEntry.account == "points", JournalEntry.amount < 0
        )
    ):
        for used in (payload or {}).get("lots", []):
            consumed[used["lot_id"]] += int(used["amount"])
    lot_sum: dict[str, int] = defaultdict(int)
    for lot in s.scalars(select(PointLot)):
        want = lot.amount - consumed.get(lot.id, 0)
        if want != lot.remaining:
            problems.append(f"lot {lot.id}: remaining {lot.remaining} != {want} from the journal")
        if lot.remaining < 0:
            problems.append(f"lot {lot.id}: negative remaining {lot.remaining}")
        lot_sum[lot.card_id] += lot.remaining
    points: dict[str, Any] = {
        b.card_id: b.balance for b in s.scalars(select(Balance).where(Balance.account == "points"))
    }
    for card_id, total in points.items():
        if total != lot_sum.get(card_id, 0):
            problems.append(
                f"card {card_id}: points balance {total} != open lots {lot_sum.get(card_id, 0)}"
            )
    return problems


def _check_triggers(s: Session) -> list[str]:
    names = set(
        s.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'")).scalars().all()
    )
    missing = {"journal_no_update", "journal_no_delete"} - names
    return [f"append-only trigger {name} is missing" for name in sorted(missing)]
