"""The history a joining till loads from head office's snapshot is checked as it arrives: a
carried sale entry must be as its till hashed it (loyalty_core.snapshotload)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from loyalty_core import rawsql, snapshotload
from loyalty_core.canonical import GENESIS_HASH, canonical_json, entry_hash
from loyalty_core.errors import LoyaltyError
from loyalty_core.store import Store


def _line(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode() + b"\n"


def _stream(entry: dict[str, Any]) -> list[bytes]:
    cols = list(snapshotload.COLUMNS["sale_entry"][1])
    body = [_line({"format": snapshotload.FORMAT, "journal_cursor": 3, "chains": {}}),
            _line({"t": "sale_entry", "cols": cols, "rows": [[entry.get(c) for c in cols]]})]
    digest = hashlib.sha256(b"".join(body)).hexdigest()
    return [*body, _line({"end": True, "counts": {"sale_entry": 1}, "sha256": digest})]


def _entry() -> dict[str, Any]:
    e: dict[str, Any] = {
        "id": "e1", "till_id": "till-a", "seq": 1, "created_at": "2026-11-30T08:00:00.000000Z",
        "kind": "sale", "card_id": None, "account": None, "amount": 0, "operation_id": "op1",
        "sale_id": "s1", "staff_id": None, "approval_id": None, "rule_version": 1,
        "reason": None, "payload": {"amount": 150_000, "cash_due": 150_000},
        "prev_hash": GENESIS_HASH,
    }
    e["hash"] = entry_hash(e)
    return {**e, "payload": canonical_json(e["payload"])}


def test_a_carried_entry_loads_only_as_its_till_hashed_it(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "till.sqlite3")
    try:
        with store.write() as s:
            snapshotload.load_lines(s, _stream(_entry()))
            assert rawsql.scalar(s, "SELECT payload FROM snapshot_entries WHERE sale_id = 's1'")
        altered = {**_entry(), "payload": canonical_json({"amount": 15_000, "cash_due": 15_000})}
        with pytest.raises(LoyaltyError) as refused, store.write() as s:
            snapshotload.load_lines(s, _stream({**altered, "id": "e2"}))
        assert refused.value.code == "snapshot.invalid"
        assert "hash mismatch" in str(refused.value.params["why"])
        with store.read() as s:
            assert rawsql.scalar(s, "SELECT count(*) FROM snapshot_entries") == 1
    finally:
        store.close()
