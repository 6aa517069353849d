"""Canonical JSON and entry hashing.

The till, head office and `loyalty-core verify` must hash an entry to the same bytes, or the
chain would break on the first sync; so there is exactly one definition here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

GENESIS_HASH = "0" * 64

# Fields of an entry that are hashed, in the wire form (docs/ARCHITECTURE.md).
ENTRY_FIELDS: tuple[str, ...] = (
    "id",
    "till_id",
    "seq",
    "created_at",
    "kind",
    "card_id",
    "account",
    "amount",
    "operation_id",
    "sale_id",
    "staff_id",
    "approval_id",
    "rule_version",
    "reason",
    "payload",
    "prev_hash",
)


def canonical_json(obj: Any) -> str:
    """Sorted keys, no spaces, real UTF-8: stable across Python versions and platforms."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(entry: Mapping[str, Any]) -> str:
    """SHA-256 over every field but `hash` itself; a missing field hashes as null."""
    body = {name: entry.get(name) for name in ENTRY_FIELDS}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()
