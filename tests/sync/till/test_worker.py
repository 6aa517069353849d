"""Worker timing rules, without the network."""

from __future__ import annotations

import random
from datetime import datetime, time
from pathlib import Path

from sync.till.worker import backoff_delay, local_day_bounds


def test_backoff_grows_is_jittered_and_bounded() -> None:
    rng = random.Random(7)
    delays = [backoff_delay(n, 1.0, 60.0, rng) for n in range(40)]
    assert 0.5 <= delays[0] <= 1.0
    assert 4.0 <= delays[3] <= 8.0
    assert all(30.0 <= d <= 60.0 for d in delays[10:])
    assert len({round(d, 6) for d in delays[10:]}) > 1  # jitter spreads tills apart


def test_shop_day_is_local_time() -> None:
    from zoneinfo import ZoneInfo

    start, end = local_day_bounds(datetime(2026, 11, 25).date(), ZoneInfo("Asia/Ho_Chi_Minh"))
    assert (start, end) == ("2026-11-24T17:00:00.000000Z", "2026-11-25T17:00:00.000000Z")


def test_reconcile_schedule(tmp_path: Path) -> None:
    from loyalty_core.store import Store
    from sync.till.client import HeadOfficeClient
    from sync.till.worker import SyncWorker

    store = Store.open(tmp_path / "till.sqlite3")
    client = HeadOfficeClient("http://127.0.0.1:9", store.till_id, "x", timeout=0.2)
    assert SyncWorker(store, client, reconcile_at=None)._reconcile_due() is False
    worker = SyncWorker(store, client, reconcile_at=time(0, 0))
    assert worker._reconcile_due() is True
    assert worker.run_cycle() is False  # nothing listens on port 9: offline, no exception
    assert worker.snapshot().online is False
    store.close()


def test_shop_day_and_offline_limit_come_from_the_rules(tmp_path: Path) -> None:
    """One shop day and one offline limit: the till's sync side reads the program rules."""
    from zoneinfo import ZoneInfo

    from loyalty_core import syncstore
    from loyalty_core.rules import merged_rules
    from loyalty_core.store import Store
    from sync.till.client import HeadOfficeClient
    from sync.till.offline import StoredValueGuard
    from sync.till.worker import SyncWorker

    store = Store.open(tmp_path / "till.sqlite3")
    client = HeadOfficeClient("http://127.0.0.1:9", store.till_id, "x", timeout=0.2)
    guard = StoredValueGuard(store, None)
    assert SyncWorker(store, client).zone == ZoneInfo("Asia/Ho_Chi_Minh")
    assert guard.daily_limit == merged_rules()["offline_stored_value_limit"]
    rules = merged_rules({"timezone": "Asia/Bangkok", "offline_stored_value_limit": 300_000})
    with store.write() as s:
        syncstore.apply_pull(s, {"rules": [{"version": 2, "rules": rules,
                                            "effective_from": "2020-01-01T00:00:00.000000Z"}],
                                 "journal_cursor": 0, "objects_cursor": 1, "flags_cursor": 0})
    assert SyncWorker(store, client).zone == ZoneInfo("Asia/Bangkok")
    assert guard.zone == ZoneInfo("Asia/Bangkok") and guard.daily_limit == 300_000
    assert StoredValueGuard(store, None, daily_limit=5, tz="UTC").daily_limit == 5
    store.close()
