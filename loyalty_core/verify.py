"""`loyalty-core verify`: prove the database is what its journal says, by replaying it.

The journal is the truth and every other table that derives from it is a cache. So verify
rebuilds every derived table from the journal into an empty in-memory database with the same
schema, through the very projection the till runs (`loyalty_core.projection`), and compares the
two table by table, row by row. Around that, what a replay cannot see: each till's hash chain, the
tail head office acknowledged (a deleted tail leaves a consistent chain behind), and the
append-only triggers' SQL (a trigger replaced by a no-op still exists).

It opens the file read-only and never migrates or creates it: a tool that proves a database must
not change it. Like Beancount's validation it reports every problem rather than the first.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import JSON, create_engine, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from loyalty_core import definitions, memberspend, rawsql, snapshotload
from loyalty_core.canonical import ENTRY_FIELDS, GENESIS_HASH, OPTIONAL_FIELDS, entry_hash
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.models import Base
from loyalty_core.projection import project_wire
from loyalty_core.store import Store, alembic_config, readonly_engine
from loyalty_core.syncstore import ACKED_HASH, ACKED_SEQ
from loyalty_core.tillstate import SqliteState

# The append-only triggers exactly as migration 0001 creates them.
EXPECTED_TRIGGERS = {
    "journal_no_update": (
        "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal "
        "BEGIN SELECT RAISE(ABORT, 'journal is append-only: UPDATE refused'); END"
    ),
    "journal_no_delete": (
        "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal "
        "BEGIN SELECT RAISE(ABORT, 'journal is append-only: DELETE refused'); END"
    ),
}

# Derived tables and the columns in them that the journal does not decide: a card's flag comes
# from head office's pull, an approval is marked used by the operation that consumes it.
# reward_stock is not here: its starting figure is head office's, the journal only moves it.
DERIVED: dict[str, frozenset[str]] = {
    "balances": frozenset(),
    "point_lots": frozenset(),
    "members": frozenset(),
    "cards": frozenset({"flagged"}),
    "sales": frozenset(),
    "vouchers": frozenset(),
    "memberships": frozenset(),
    "partner_references": frozenset(),
    "approvals": frozenset({"used_by_operation"}),
    "shifts": frozenset(),
    # Loaded only from a joined till's snapshot, never by an entry: the replay loads them from
    # the recorded baseline, so a row changed after the join is a difference.
    "snapshot_voucher_uses": frozenset(),
    "snapshot_spend": frozenset(),
    "snapshot_entries": frozenset(),
}


def verify_path(path: str | Path) -> list[str]:
    """Every problem found in the database at `path`; FileNotFoundError if there is none."""
    engine = readonly_engine(path)
    try:
        with Session(engine) as s, s.begin():
            return verify_session(s)
    finally:
        engine.dispose()


def verify_store(store: Store) -> list[str]:
    return verify_path(store.path)


def verify_session(s: Session) -> list[str]:
    problems = _check_schema(s)
    journal = list(_journal(s))
    redacted = _redacted(s)
    # A till that joined from a snapshot starts from it (loyalty_core.snapshotload): other
    # tills' chains from the heads it recorded, the replay from its rows.
    baseline = snapshotload.baseline_state(s)
    # Quarantined entries complete their till's chain; they have no effect, so no replay.
    problems += _check_chains(journal + list(_quarantined(s)), redacted,
                              snapshotload.chain_starts(baseline))
    problems += _check_acked_tail(s)
    problems += _check_triggers(s)
    if not problems or not problems[0].startswith("schema"):
        problems += _check_replay(s, journal, _revealed_members(journal, redacted), baseline)
    problems += _check_lots(s)
    return problems


def _check_schema(s: Session) -> list[str]:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    try:
        at = s.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - no version table: not a till database at all
        at = None
    if at != head:
        return [f"schema is at revision {at}, not {head}: run `loyalty-core migrate` first"]
    return []


def _quarantined(s: Session) -> Iterator[dict[str, Any]]:
    for (entry,) in s.execute(text("SELECT entry FROM sync_quarantine")):
        yield json.loads(entry) if isinstance(entry, str) else entry


def _journal(s: Session) -> Iterator[dict[str, Any]]:
    """Entries in wire form in the order this database stored (and so projected) them."""
    cols = ", ".join((*ENTRY_FIELDS, *OPTIONAL_FIELDS, "hash"))
    for row in s.execute(text(f"SELECT {cols} FROM journal ORDER BY rowid")):
        wire = dict(row._mapping)
        wire["payload"] = json.loads(wire["payload"]) if wire["payload"] is not None else None
        yield wire


def _redacted(s: Session) -> frozenset[str]:
    """Pulled entries head office served redacted (least data per till): their hash is the
    original's and cannot be recomputed here; their chain links still are checked."""
    try:
        rows = s.execute(text("SELECT entry_id FROM redacted_entries"))
        return frozenset(str(r[0]) for r in rows)
    except Exception:  # noqa: BLE001 - an older schema: reported by the schema check
        return frozenset()


def _revealed_members(journal: list[dict[str, Any]], redacted: frozenset[str]) -> set[Any]:
    """Members whose enrolment came redacted: head office may since have sent their personal
    data (seen at this store), which no entry here carries."""
    return {
        (e["payload"].get("member") or {}).get("id")
        for e in journal
        if e["id"] in redacted and e["kind"] == Kind.MEMBER_ENROLL
        and isinstance(e["payload"], dict)
    }


# A member's personal data and the search keys made from it (see _revealed_members).
PERSONAL_COLUMNS = ("name", "phone", "birthday", "email", "name_key", "phone_rev")


def _check_chains(
    journal: list[dict[str, Any]], redacted: frozenset[str] = frozenset(),
    starts: dict[str, tuple[int, str]] | None = None,
) -> list[str]:
    problems: list[str] = []
    starts = starts or {}
    by_till: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in journal:
        by_till[e["till_id"]].append(e)
    for till, entries in sorted(by_till.items()):
        start_seq, prev = starts.get(till, (0, GENESIS_HASH))
        expected_seq = start_seq + 1
        for e in sorted(entries, key=lambda x: int(x["seq"])):
            if e["seq"] != expected_seq:
                problems.append(f"till {till}: sequence gap, expected {expected_seq} got {e['seq']}")
                expected_seq = e["seq"]
            if e["prev_hash"] != prev:
                problems.append(f"till {till} seq {e['seq']}: chain broken (prev_hash mismatch)")
            if e["id"] not in redacted and entry_hash(e) != e["hash"]:
                problems.append(
                    f"till {till} seq {e['seq']}: entry {e['id']} was altered (hash mismatch)"
                )
            prev = e["hash"]
            expected_seq += 1
    return problems


def _check_acked_tail(s: Session) -> list[str]:
    """Head office acknowledged our chain up to (seq, hash): that entry must still be here."""
    till = s.execute(text("SELECT value FROM settings WHERE key = 'till_id'")).scalar()
    state = dict(
        s.execute(
            text("SELECT key, value FROM sync_state WHERE key IN (:a, :b)"),
            {"a": ACKED_SEQ, "b": ACKED_HASH},
        ).all()
    )
    acked_seq = int(state.get(ACKED_SEQ) or 0)
    if till is None or acked_seq <= 0:
        return []
    held = s.execute(
        text("SELECT hash FROM journal WHERE till_id = :t AND seq = :q"),
        {"t": till, "q": acked_seq},
    ).scalar()
    if held is None:
        last = s.execute(
            text("SELECT max(seq) FROM journal WHERE till_id = :t"), {"t": till}
        ).scalar()
        return [
            f"till {till}: journal ends at seq {last or 0} but head office acknowledged seq "
            f"{acked_seq}: entries were deleted"
        ]
    if held != state.get(ACKED_HASH):
        return [f"till {till} seq {acked_seq}: not the entry head office acknowledged"]
    return []


def _normal(sql: str | None) -> str:
    return " ".join((sql or "").split())


def _check_triggers(s: Session) -> list[str]:
    found = dict(
        s.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all()
    )
    problems = []
    for kind, expected in (("append-only", EXPECTED_TRIGGERS),
                           ("member spend", memberspend.TRIGGERS)):
        for name, want in expected.items():
            if name not in found:
                problems.append(f"{kind} trigger {name} is missing")
            elif _normal(found[name]) != _normal(want):
                problems.append(f"{kind} trigger {name} was replaced: its SQL is not ours")
    return problems


def _replay(
    journal: list[dict[str, Any]], live: Session | None = None,
    baseline: dict[str, Any] | None = None,
) -> tuple[Session, list[str]]:
    """The derived tables as head office's definitions and the journal make them (on top of the
    snapshot this till joined from, if it did), in a fresh in-memory database (a voucher is head
    office's definition; its uses are the journal's)."""
    engine = create_engine(
        "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
    )
    Base.metadata.create_all(engine)
    session = Session(engine)
    session.begin()
    state = SqliteState(session)
    problems: list[str] = []
    if baseline is not None and live is not None:
        try:
            _, digest = snapshotload.load_lines(session, snapshotload.baseline_lines(live))
            if digest.hex() != baseline.get("sha256"):
                problems.append("snapshot baseline was altered: its hash is not the one "
                                "recorded when the till joined")
        except LoyaltyError as err:
            problems.append(f"snapshot baseline cannot be read: {err.params.get('why', err)}")
    # The members' lifetime spend: computed over the baseline at once, then kept by the
    # till's own triggers through the replay (loyalty_core/memberspend.py).
    con = rawsql.conn(session)
    memberspend.recompute(con.execute)
    memberspend.install(con.execute)
    if live is not None:
        try:
            definitions.replay_into(live, session)
        except LoyaltyError as err:
            problems.append(f"head office's definitions do not apply again: {err.message}")
    for e in journal:
        try:
            project_wire(state, e)
        except LoyaltyError as err:
            problems.append(f"entry {e['id']} ({e['kind']}) does not validate: {err.message}")
        except sqlite3.Error as err:
            problems.append(f"entry {e['id']} ({e['kind']}) cannot be replayed: {err}")
    return session, problems


def _rows(s: Session, table: str, ignore: frozenset[str]) -> dict[tuple[Any, ...], dict[str, Any]]:
    t = Base.metadata.tables[table]
    cols = [c.name for c in t.columns if c.name not in ignore]
    keys = [c.name for c in t.primary_key.columns]
    json_cols = {c.name for c in t.columns if isinstance(c.type, JSON)}
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in s.execute(text(f"SELECT {', '.join(cols)} FROM {table}")):
        values = dict(row._mapping)
        for c in json_cols & values.keys():
            if isinstance(values[c], str):
                values[c] = json.loads(values[c])
        out[tuple(values[k] for k in keys)] = values
    return out


def _check_replay(
    s: Session, journal: list[dict[str, Any]], revealed: set[Any] | None = None,
    baseline: dict[str, Any] | None = None,
) -> list[str]:
    replay, problems = _replay(journal, s, baseline)
    try:
        for table, ignore in DERIVED.items():
            have, want = _rows(s, table, ignore), _rows(replay, table, ignore)
            if table == "members":
                # Withheld personal data (another store's member, by the enrolment entry or
                # the joining snapshot) may since have been sent whole: not a difference.
                withheld = set(revealed or ()) | {k[0] for k, row in want.items()
                                                  if row.get("name") == ""}
                for rows in (have, want):
                    for key in [k for k in rows if k[0] in withheld]:
                        rows[key] = {c: v for c, v in rows[key].items()
                                     if c not in PERSONAL_COLUMNS}
            if table == "balances":
                problems += _diff_balances(have, want)
            else:
                problems += _diff(table, have, want)
    finally:
        replay.close()
        replay.get_bind().dispose()
    return problems


def _diff_balances(
    have: dict[tuple[Any, ...], dict[str, Any]], want: dict[tuple[Any, ...], dict[str, Any]]
) -> list[str]:
    problems = []
    for key in sorted(set(have) | set(want), key=lambda k: tuple(str(x) for x in k)):
        h = int(have[key]["balance"]) if key in have else 0
        w = int(want[key]["balance"]) if key in want else 0
        if h != w:
            problems.append(f"card {key[0]} {key[1]}: cached balance {h} != journal replay {w}")
    return problems


def _diff(
    table: str,
    have: dict[tuple[Any, ...], dict[str, Any]],
    want: dict[tuple[Any, ...], dict[str, Any]],
) -> list[str]:
    problems = []
    for key in sorted(set(have) | set(want), key=lambda k: tuple(str(x) for x in k)):
        name = "/".join(str(k) for k in key)
        if key not in want:
            problems.append(f"{table} {name}: row is not made by any journal entry")
        elif key not in have:
            problems.append(f"{table} {name}: row missing (the journal makes it)")
        else:
            for col, value in want[key].items():
                if have[key][col] != value:
                    problems.append(
                        f"{table} {name}: {col} is {have[key][col]!r}, "
                        f"the journal gives {value!r}"
                    )
    return problems


def _lot_takers(s: Session) -> dict[str, set[str]]:
    """Which tills' entries took points from each lot."""
    takers: dict[str, set[str]] = defaultdict(set)
    for till_id, payload in s.execute(
        text("SELECT till_id, payload FROM journal WHERE payload LIKE '%\"lot_id\"%'")
    ):
        data = json.loads(payload) if isinstance(payload, str) else payload
        for used in (data or {}).get("lots") or ():
            if isinstance(used, dict) and "lot_id" in used:
                takers[str(used["lot_id"])].add(str(till_id))
    return takers


def _check_lots(s: Session) -> list[str]:
    """Points are lots: a card's points balance is the sum of its open lots.

    A lot below zero is a problem when one till took it there (its own checks forbid that),
    and a debt when several did: tills offline each redeemed the same points (issue 12; head
    office flags the card). The balance still equals the lots' sum either way.
    """
    problems: list[str] = []
    lot_sum: dict[str, int] = defaultdict(int)
    takers: dict[str, set[str]] | None = None
    for lot_id, card_id, remaining in s.execute(
        text("SELECT id, card_id, remaining FROM point_lots")
    ):
        if remaining < 0:
            if takers is None:
                takers = _lot_takers(s)
            if len(takers.get(lot_id, ())) < 2:
                problems.append(f"lot {lot_id}: negative remaining {remaining}")
        lot_sum[card_id] += int(remaining)
    for card_id, total in s.execute(
        text("SELECT card_id, balance FROM balances WHERE account = 'points'")
    ):
        if int(total) != lot_sum.get(card_id, 0):
            problems.append(
                f"card {card_id}: points balance {total} != open lots {lot_sum.get(card_id, 0)}"
            )
    return problems
