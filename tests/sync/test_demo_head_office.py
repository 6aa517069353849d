"""The demo's own head office: the demo till registers once, syncs, and keeps its identity."""

from __future__ import annotations

from pathlib import Path

from loyalty_core import syncstore
from loyalty_core.demo import seed_demo
from loyalty_core.store import Store
from sync.demo import start_demo_head_office
from sync.registration import client_for
from sync.worker import SyncWorker


def own_count(store: Store) -> int:
    with store.read() as s:
        return int(syncstore.journal_digest(s)[store.till_id]["count"])


def test_demo_till_syncs_with_its_own_head_office_across_restarts(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "demo.sqlite3")
    cards = seed_demo(store, members=6)
    served = start_demo_head_office(store)
    try:
        client = client_for(store)
        assert client is not None
        worker = SyncWorker(store, client, reconcile_at=None)
        worker.sync_once()
        assert served.ho.journal_count() == own_count(store)
        assert worker.snapshot().entries_waiting == 0
    finally:
        served.stop()
    # Next start: another port, the same till and secret, no second registration.
    served = start_demo_head_office(store)
    try:
        client = client_for(store)
        assert client is not None and client.base_url == served.url
        from loyalty_core.engine import Loyalty
        from loyalty_core.ids import new_id

        loyalty = Loyalty(store)
        cashier = loyalty.authenticate(code="1001", pin="1234")["id"]
        loyalty.checkout(new_id(), cashier, cards["gold"], 120_000)
        worker = SyncWorker(store, client, reconcile_at=None)
        worker.sync_once()
        assert served.ho.journal_count() == own_count(store)
        assert worker.reconcile().differences == []
        # The demo's rewards stay offered: the till's store is the demo's own store.
        assert loyalty.rewards_available()
    finally:
        served.stop()
