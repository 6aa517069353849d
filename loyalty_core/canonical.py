"""Canonical JSON and entry hashing.

The till, head office and `loyalty-core verify` must hash an entry to the same bytes, or the
chain would break on the first sync; so there is exactly one definition here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from loyalty_core.errors import LoyaltyError

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


# One encoder for every call: `json.dumps` with any non-default option builds a new encoder each
# time, which costs as much as encoding a small entry (and every post hashes one).
_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


def canonical_json(obj: Any) -> str:
    """Sorted keys, no spaces, real UTF-8: stable across Python versions and platforms.

    NaN and Infinity are refused: Python would write `NaN`, which is not JSON, while the wire
    sends it as null, so the hash head office computes would never match. Refused here, before
    anything is written, the entry never exists.
    """
    try:
        return _ENCODER.encode(obj)
    except (ValueError, TypeError, RecursionError) as exc:
        # ValueError: NaN/Infinity, or a lone surrogate's encoding later; TypeError: not JSON.
        raise LoyaltyError("entry.not_json", "a value is not plain JSON", detail=str(exc)[:80]) from None


# Fields hashed only when present (not null): an entry written before a field existed keeps
# the hash it was written with. `corrected_at` is the till's clock corrected by its measured
# offset from head office; `created_at` stays the till's own clock (both clocks, both hashed).
OPTIONAL_FIELDS: tuple[str, ...] = ("corrected_at",)


def entry_hash(entry: Mapping[str, Any]) -> str:
    """SHA-256 over every field but `hash` itself; a missing field hashes as null, a missing
    optional field not at all."""
    body = {name: entry.get(name) for name in ENTRY_FIELDS}
    for name in OPTIONAL_FIELDS:
        if entry.get(name) is not None:
            body[name] = entry[name]
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()
