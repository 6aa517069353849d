"""The demo's own head office: the demo till registers once, syncs, and keeps its identity.

The head office is a child process (the till never imports head-office code); the test reads
its database directly to see what arrived.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from loyalty_core import syncstore
from loyalty_core.definitions import REFUSED_KEY
from loyalty_core.demo import seed_demo
from loyalty_core.queries.definitions import all_definitions
from loyalty_core.store import Store
from sync.headoffice.db import make_engine
from sync.headoffice.office import HeadOffice
from sync.till.demo import head_office_path, start_demo_head_office
from sync.till.registration import client_for
from sync.till.worker import SyncWorker

ROOT = Path(__file__).resolve().parents[2]


def own_count(store: Store) -> int:
    with store.read() as s:
        return int(syncstore.journal_digest(s)[store.till_id]["count"])


def held_by_head_office_path(path: Path) -> int:
    engine = make_engine(str(path))
    try:
        return HeadOffice(engine).journal_count()
    finally:
        engine.dispose()


def held_by_head_office(store: Store) -> int:
    return held_by_head_office_path(head_office_path(store.path))


def test_demo_till_syncs_with_its_own_head_office_across_restarts(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "demo.sqlite3")
    cards = seed_demo(store, members=6)
    served = start_demo_head_office(store)
    try:
        client = client_for(store)
        assert client is not None and client.base_url == served.url
        worker = SyncWorker(store, client, reconcile_at=None)
        worker.sync_once()
        assert held_by_head_office(store) == own_count(store)
        assert worker.snapshot().entries_waiting == 0
        # The demo's programs, plan, partner and vouchers are its head office's: the till
        # pulled the very versions it seeded with, and refused none.
        engine = make_engine(str(head_office_path(store.path)))
        try:
            at_head_office = {(d.kind, d.code, d.version, d.id)
                              for d in HeadOffice(engine).definitions()}
        finally:
            engine.dispose()
        with store.read() as s:
            at_till = {(d["kind"], d["code"], d["version"], d["id"])
                       for d in all_definitions(s)}
            assert syncstore.get_state(s, REFUSED_KEY) is None
        assert len(at_head_office) >= 12 and at_till == at_head_office
        secret = client.secret
    finally:
        served.stop()
    assert served.process.returncode == 0  # closing its stdin ended it cleanly
    # Next start: another port, the same till and secret, no second registration.
    served = start_demo_head_office(store)
    try:
        client = client_for(store)
        assert client is not None and client.base_url == served.url
        assert client.secret == secret
        from loyalty_core.engine import Loyalty
        from loyalty_core.ids import new_id

        loyalty = Loyalty(store)
        cashier = loyalty.authenticate(code="1001", pin="1234")["id"]
        loyalty.checkout(new_id(), cashier, cards["gold"], 120_000)
        worker = SyncWorker(store, client, reconcile_at=None)
        worker.sync_once()
        assert held_by_head_office(store) == own_count(store)
        assert worker.reconcile().differences == []
        # The demo's rewards stay offered: the till's store is the demo's own store.
        assert loyalty.rewards_available()
    finally:
        served.stop()


def test_demo_head_office_ends_when_the_till_goes(tmp_path: Path) -> None:
    """A killed till cannot stop its child: the child sees its stdin close and exits."""
    store = Store.open(tmp_path / "demo.sqlite3")
    served = start_demo_head_office(store)
    try:
        assert served.process.stdin is not None
        served.process.stdin.close()  # what the OS does when the till dies
        assert served.process.wait(30) == 0
    finally:
        served.stop()
        store.close()


def test_demo_till_process_never_loads_head_office(tmp_path: Path) -> None:
    """`--demo` as the cashier program runs it: the head office is served, the till registers
    and syncs, and not one head-office module is loaded into the till's process."""
    code = f"""
import sys
from app.main import connect_demo_sync, open_engine
result = open_engine({str(tmp_path / 'demo.sqlite3')!r}, True)
pair = connect_demo_sync(result["head_office"], result["store"])
assert pair is not None, "the demo till did not connect"
worker, guard = pair
worker.sync_once()
assert guard is not None
assert worker.snapshot().entries_waiting == 0, worker.snapshot()
loaded = sorted(m for m in sys.modules if m.startswith("sync.headoffice"))
result["head_office"].stop()
assert result["head_office"].process.returncode == 0
print(loaded)
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert held_by_head_office_path(tmp_path / "demo-headoffice.sqlite3") > 0
