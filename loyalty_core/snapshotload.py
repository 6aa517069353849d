"""Loading the snapshot a new or replaced till joins its chain from, and reading it back.

Head office streams its derived state (tiers, members, cards, balances, point lots, running
memberships, voucher uses, the refund window's sales with their entries, the tier window's
qualifying spend per card and day) as JSON lines, with the journal cursor it stands at and every till's chain head at that moment
(`sync.headoffice.services.snapshot`). The till loads it in bulk into an empty database, then
pulls the journal from that cursor: it never replays the chain's history.

**verify after a bootstrap.** The snapshot's rows are state no entry in this database made. We
chose a recorded baseline over opening-balance entries: entries would be this till's own, so
they would be pushed and counted a second time at head office, and could not reproduce member
or card state. So the bytes head office sent are kept as they came (`snapshot_baseline`, zlib
chunks) with their SHA-256 in `sync_state` (`BASELINE_STATE`); `verify` checks that hash, loads
the baseline into its empty in-memory database with the same `load_lines`, replays the journal
on top of it and diffs as before. Each other till's hash chain is checked from the chain head
the snapshot recorded (the entries before it are not here), and the reconciliation digest counts
them as held. A baseline altered after the join fails verify (its hash); one forged whole
together with its recorded hash is what a stolen database can always do to itself, and head
office's reconciliation still compares every balance.

Streamed: each line is one page of rows (`{"t", "cols", "rows"}`), inserted with one
executemany as it arrives, and the raw bytes are compressed in chunks of `CHUNK_BYTES`, so a
1,000,000-member chain never sits in memory.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy.orm import Session

from loyalty_core import memberkeys, memberspend, rawsql
from loyalty_core.canonical import ENTRY_FIELDS, OPTIONAL_FIELDS, entry_hash
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, utcnow

FORMAT = "loyalty-snapshot/1"
BASELINE_STATE = "snapshot.baseline"
CHUNK_BYTES = 1 << 20
LOAD_CACHE_KIB = 256 * 1024
LOADED_TABLES = ("members", "cards", "balances", "point_lots", "snapshot_spend")

# Per part of the stream: the table and its columns, in the order head office sends them.
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "tier": ("tiers", ("id", "code", "name", "rank", "threshold", "earn_multiplier_pct",
                       "discount_bp", "birthday_points")),
    "member": ("members", ("id", "name", "phone", "birthday", "email", "segment",
                           "consent_marketing", "consent_sms", "tier_id", "referrer_id",
                           "created_at", "tier_key", "name_key", "phone_rev")),
    "card": ("cards", ("id", "number", "uid", "kind", "status", "status_reason", "expires_on",
                       "member_id", "flagged", "created_at", "status_key")),
    "balance": ("balances", ("card_id", "account", "balance")),
    "lot": ("point_lots", ("id", "card_id", "amount", "remaining", "expires_on")),
    # A member's plan still running: its discount applies here as at the till that sold it.
    "membership": ("memberships", ("member_id", "plan_id", "starts_on", "ends_on")),
    # Uses counted before the join: a voucher head office's definition brings starts from them
    # (queries.definitions.put_voucher).
    "voucher_use": ("snapshot_voucher_uses", ("voucher_id", "uses")),
    # The refund window's sales (a refund finds them), each page followed by their entries
    # (a refund reads the sale's tenders, cashback, voucher uses and earlier refunds).
    "sale": ("sales", ("created_at", "id", "operation_id", "till_id", "shift_id", "staff_id",
                       "card_id", "amount", "discount", "points_redeemed", "stored_value_used",
                       "cash_due", "points_earned", "lines", "receipt_no")),
    "sale_entry": ("snapshot_entries", (*ENTRY_FIELDS, *OPTIONAL_FIELDS, "hash")),
    # The tier window's qualifying spend per day and card (queries.ledger adds it).
    "spend": ("snapshot_spend", ("day", "card_id", "amount")),
}
# Columns that must be integers (money, points, ranks): checked on every row.
_INTS = {"tier": (3, 4, 5, 6, 7), "balance": (2,), "lot": (2, 3), "voucher_use": (1,),
         "sale": (7, 8, 9, 10, 11, 12), "sale_entry": (2, 7), "spend": (2,)}
_ENTRY_NAMES = COLUMNS["sale_entry"][1]
_PAYLOAD = _ENTRY_NAMES.index("payload")
_NAME, _PHONE, _NAME_KEY, _PHONE_REV = 1, 2, 12, 13


def _invalid(why: str) -> LoyaltyError:
    return LoyaltyError("snapshot.invalid", "head office's snapshot cannot be used", why=why)


def _insert_page(con: sqlite3.Connection, kind: str, cols: Any, rows: Any) -> int:
    """One page of one part, checked and inserted with one executemany."""
    if kind not in COLUMNS or not isinstance(rows, list):
        raise _invalid(f"unknown part {kind!r}")
    table, names = COLUMNS[kind]
    if cols != list(names):
        raise _invalid(f"{kind}: columns {cols!r} are not {list(names)!r}")
    width = len(names)
    ints = _INTS.get(kind, ())
    for row in rows:
        if not isinstance(row, list) or len(row) != width:
            raise _invalid(f"{kind}: a row is not {width} values")
        for i in ints:
            if type(row[i]) is not int:
                raise _invalid(f"{kind}: {names[i]} is not an integer")
        if kind == "member" and row[_NAME_KEY] is None:
            # Made by the same functions the projection uses when head office has none.
            row[_NAME_KEY] = memberkeys.name_key(row[_NAME])
            phone = row[_PHONE]
            row[_PHONE_REV] = memberkeys.phone_rev(phone if isinstance(phone, str) else None)
        elif kind == "sale_entry":
            _check_entry(row)
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * width)})"
    try:
        con.executemany(sql, rows)
        if kind == "voucher_use":  # a voucher already defined here (not by the journal)
            con.executemany("UPDATE vouchers SET uses = uses + ? WHERE id = ?",
                            [(r[1], r[0]) for r in rows])
    except (sqlite3.Error, ValueError, TypeError) as exc:
        raise _invalid(f"{kind}: {exc}") from None
    return len(rows)


def _check_entry(row: list[Any]) -> None:
    """A carried entry is as its till hashed it (its payload the canonical text hashed)."""
    if not isinstance(row[_PAYLOAD], str):
        raise _invalid("sale_entry: payload is not text")
    wire = dict(zip(_ENTRY_NAMES, row, strict=True))
    try:
        wire["payload"] = json.loads(wire["payload"])
        same = entry_hash(wire) == wire["hash"]
    except (ValueError, LoyaltyError):
        same = False
    if not same:
        raise _invalid(f"sale_entry {wire.get('id')!r}: hash mismatch")


def load_lines(session: Session, lines: Iterable[bytes]) -> tuple[dict[str, Any], bytes]:
    """Insert a snapshot's rows; (its header, the SHA-256 of every byte read) — also used by
    `verify` on its in-memory copy. Refused whole if a line is bad, the stream ends early, or
    its counts or digest differ from what head office said it sent."""
    con = rawsql.conn(session)
    counts: dict[str, int] = {}
    header: dict[str, Any] | None = None
    end: dict[str, Any] | None = None
    body = hashlib.sha256()  # what head office's end line vouches for
    whole = hashlib.sha256()
    for raw in lines:
        whole.update(raw)
        if end is not None:
            raise _invalid("lines after the end")
        try:
            obj = json.loads(raw)
        except ValueError:
            raise _invalid("a line is not JSON") from None
        if not isinstance(obj, dict):
            raise _invalid("a line is not an object")
        if header is None:
            if obj.get("format") != FORMAT or not isinstance(obj.get("journal_cursor"), int):
                raise _invalid(f"not a {FORMAT} stream")
            header = obj
        elif obj.get("end") is True:
            end = obj
            continue
        else:
            kind = str(obj.get("t"))
            counts[kind] = counts.get(kind, 0) + _insert_page(con, kind, obj.get("cols"),
                                                               obj.get("rows"))
        body.update(raw)
    if header is None or end is None:
        raise _invalid("the stream ended early")
    if end.get("sha256") != body.hexdigest():
        raise _invalid("digest differs: the stream was altered")
    if {k: v for k, v in (end.get("counts") or {}).items() if v} != counts:
        raise _invalid("row counts differ")
    return header, whole.digest()


def ensure_empty(session: Session) -> None:
    """A snapshot is a starting point: only into a till that holds nothing yet."""
    for table in ("journal", "members", "cards", "balances", "snapshot_baseline"):
        if rawsql.scalar(session, f"SELECT 1 FROM {table} LIMIT 1") is not None:
            raise LoyaltyError(
                "snapshot.not_empty",
                "this till already holds data: a snapshot only starts an empty till",
                table=table,
            )


def is_empty(session: Session) -> bool:
    try:
        ensure_empty(session)
    except LoyaltyError:
        return False
    return True


def _recorded(lines: Iterable[bytes], session: Session) -> Iterator[bytes]:
    """Pass the lines through, keeping their bytes as the baseline (zlib chunks)."""
    buf: list[bytes] = []
    size = chunk = 0
    for raw in lines:
        line = raw if raw.endswith(b"\n") else raw + b"\n"
        buf.append(line)
        size += len(line)
        if size >= CHUNK_BYTES:
            rawsql.run(session, "INSERT INTO snapshot_baseline (chunk, data) VALUES (?, ?)",
                       (chunk, zlib.compress(b"".join(buf), 1)))
            chunk, buf, size = chunk + 1, [], 0
        yield line
    if buf:
        rawsql.run(session, "INSERT INTO snapshot_baseline (chunk, data) VALUES (?, ?)",
                   (chunk, zlib.compress(b"".join(buf), 1)))


def load_and_record(session: Session, lines: Iterable[bytes]) -> dict[str, Any]:
    """Load head office's snapshot into this empty till in the caller's transaction and keep
    it as the baseline; the state to record (`syncstore.join_from_snapshot` records it with the
    cursors)."""
    ensure_empty(session)
    con = rawsql.conn(session)
    cache = con.execute("PRAGMA cache_size").fetchone()[0]
    # The members' and cards' indexes take random inserts: a page cache that holds them keeps
    # the load off the disk (this connection only, given back after).
    con.execute(f"PRAGMA cache_size = {-LOAD_CACHE_KIB}")
    # Secondary indexes are built once at the end (a sort) rather than row by row: the same
    # statements SQLite keeps for them, in the same transaction, so a failed load leaves them.
    indexes = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND sql NOT LIKE 'CREATE UNIQUE%' "
        f"AND tbl_name IN ({', '.join('?' * len(LOADED_TABLES))})",
        LOADED_TABLES,
    ).fetchall()
    try:
        for name, _ in indexes:
            con.execute(f'DROP INDEX "{name}"')
        memberspend.drop(con.execute)  # the members' totals are computed once, at the end
        header, digest = load_lines(session, _recorded(lines, session))
        for _, sql in indexes:
            con.execute(sql)
        memberspend.recompute(con.execute)
        memberspend.install(con.execute)
    finally:
        con.execute(f"PRAGMA cache_size = {int(cache)}")
    return {
        "format": FORMAT,
        "journal_cursor": int(header["journal_cursor"]),
        "chains": header.get("chains") or {},
        "store_id": header.get("store_id"),
        "at": header.get("at"),
        "loaded_at": iso_utc(utcnow()),
        "sha256": digest.hex(),
    }


def baseline_state(session: Session) -> dict[str, Any] | None:
    text = rawsql.scalar(session, "SELECT value FROM sync_state WHERE key = ?",
                         (BASELINE_STATE,))
    return None if text is None else dict(json.loads(text))


def baseline_lines(session: Session) -> Iterator[bytes]:
    """The recorded snapshot, line by line, as head office sent it."""
    tail = b""
    cursor = rawsql.conn(session).execute("SELECT data FROM snapshot_baseline ORDER BY chunk")
    for (data,) in cursor:
        text = tail + zlib.decompress(data)
        *complete, tail = text.split(b"\n")
        for line in complete:
            yield line + b"\n"
    if tail:
        yield tail


def chain_starts(state: dict[str, Any] | None) -> dict[str, tuple[int, str]]:
    """Per till, the (seq, hash) its chain stood at in the snapshot: entries up to it are in
    the baseline, not in this journal."""
    if not state:
        return {}
    return {till: (int(v[0]), str(v[1])) for till, v in (state.get("chains") or {}).items()}
