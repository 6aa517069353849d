"""Joining a chain: a new or replaced till starts from head office's snapshot.

`join` streams the snapshot (`HeadOfficeClient.snapshot_lines`) straight into one till write
transaction (`syncstore.join_from_snapshot`): nothing is applied unless the whole stream
arrived and checked out. The sync worker's next pull then follows the journal from the
snapshot's cursor, with rules, staff, rewards and flags by the ordinary pull path. Used by
`loyalty-pos enrol` (after registration), `loyalty-pos join`, and the cashier program's first
start on an enrolled empty till (`SyncWorker(join_empty=True)`).
"""

from __future__ import annotations

import logging
from typing import Any

from loyalty_core import snapshotload, syncstore
from loyalty_core.store import Store
from sync.till.client import HeadOfficeClient

log = logging.getLogger(__name__)


def join(store: Store, client: HeadOfficeClient) -> dict[str, Any]:
    """Load head office's snapshot into this empty till; the recorded baseline state.

    Raises `LoyaltyError("snapshot.not_empty")` on a till that holds anything, and
    `Unreachable` / `Refused` when head office cannot give it (nothing written)."""
    with store.read() as s:
        snapshotload.ensure_empty(s)  # before asking head office for a million rows
    with store.write() as s:
        state = syncstore.join_from_snapshot(s, client.snapshot_lines())
    log.info("joined the chain from head office's snapshot at journal cursor %s",
             state["journal_cursor"])
    return state


def join_if_empty(store: Store, client: HeadOfficeClient) -> dict[str, Any] | None:
    """`join` when this till holds nothing and has pulled nothing yet; otherwise None."""
    with store.read() as s:
        fresh = syncstore.cursors(s) == (0, 0, 0) and snapshotload.is_empty(s)
    return join(store, client) if fresh else None
