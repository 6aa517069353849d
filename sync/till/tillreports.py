"""What the till tells head office beyond its journal, and keeps for itself between starts.

- Quarantined entries: a pulled entry this till could not apply is kept without effect
  (`loyalty_core.syncquarantine`) and reported to head office, which lists them for a person
  (`loyalty-headoffice report quarantine`). Each is reported until head office stored it, once.
- The clock offset: head office's clock minus the till's, measured by the client; entries are
  stamped with the corrected clock from then on (`loyalty_core.clocks`), and the last figure is
  kept in `sync_state` so a restarted till corrects before head office answers again.
"""

from __future__ import annotations

import logging

from loyalty_core import clocks, syncquarantine, syncstore
from loyalty_core.store import Store
from sync.till.client import HeadOfficeClient

log = logging.getLogger(__name__)


def report_quarantine(store: Store, client: HeadOfficeClient, batch: int = 200) -> int:
    """Send the quarantined entries head office has not been told about; how many were sent."""
    sent = 0
    while True:
        with store.read() as s:
            rows = syncquarantine.unreported(s, batch)
        if not rows:
            return sent
        client.report_quarantine(rows)
        with store.write() as s:
            syncquarantine.mark_reported(s, [r["entry_id"] for r in rows])
        sent += len(rows)
        if len(rows) < batch:
            return sent


def keep_offset(store: Store, offset: float | None) -> None:
    """Stamp entries with the corrected clock from now on, and remember it across a restart.
    Never raises: the sync cycle that measured it must not fail for it."""
    if offset is None or offset == clocks.offset(store.till_id):
        return
    clocks.set_offset(store.till_id, offset)
    try:
        with store.write() as s:
            syncstore.set_state(s, clocks.OFFSET_STATE, repr(float(offset)))
    except Exception:  # a busy or read-only database: the figure stays in memory
        log.exception("could not keep the clock offset")


def restore_offset(store: Store) -> None:
    """The last measured offset, until head office answers again."""
    with store.read() as s:
        saved = syncstore.get_state(s, clocks.OFFSET_STATE)
    if saved is not None and clocks.offset(store.till_id) is None:
        clocks.set_offset(store.till_id, float(saved))
