"""Both clocks on every entry: the till's own, and the till's corrected by head office's.

The sync client measures head office's clock against the till's (`sync.till.client`); the sync
worker hands the offset here per till id, and `JournalWriter` stamps each entry with
`created_at` (the till's own clock, as receipts, shifts and the shop's day read it) and
`corrected_at` (that clock plus the last measured offset; null while the till has never heard
from head office). Kept in memory and in `sync_state` (the worker writes it), so a restarted
till corrects from its last measurement until head office answers again.

Per till id rather than one global: tests and benchmarks run several tills in one process.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from loyalty_core.ids import iso_utc

OFFSET_STATE = "clock.offset_s"

_lock = threading.Lock()
_offsets: dict[str, float] = {}


def set_offset(till_id: str, offset_s: float | None) -> None:
    """Head office's clock minus this till's, in seconds (None: forget it)."""
    with _lock:
        if offset_s is None:
            _offsets.pop(till_id, None)
        else:
            _offsets[till_id] = float(offset_s)


def offset(till_id: str) -> float | None:
    with _lock:
        return _offsets.get(till_id)


def corrected(till_id: str, own: datetime) -> str | None:
    """`own` (the till's clock) corrected by the till's last measured offset, or None."""
    off = offset(till_id)
    return None if off is None else iso_utc(own + timedelta(seconds=off))
