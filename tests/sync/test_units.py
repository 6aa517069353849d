"""Worker timing rules and reservation expiry, without the network."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from sync.headoffice.db import make_engine, migrate
from sync.headoffice.office import HeadOffice, ServiceError, TillIdentity
from sync.till.worker import backoff_delay, local_day_bounds
from sync.wire.models import WireEntry
from tests.sync.test_protocol import chain


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


def test_reservations_expire(tmp_path: Path) -> None:
    now = [datetime(2026, 11, 25, 8, 0, tzinfo=UTC)]
    engine = make_engine(str(tmp_path / "ho.sqlite3"))
    migrate(engine)
    ho = HeadOffice(engine, reservation_ttl=timedelta(minutes=5), clock=lambda: now[0])
    till = TillIdentity("till-x", "s1")
    ho.push(till, [WireEntry.model_validate(e) for e in chain("till-x", 2, "gift", 100_000)])
    assert ho.reserve(till, "r1", "gift", 200_000).available == 0
    with pytest.raises(ServiceError) as refused:
        ho.reserve(till, "r2", "gift", 1)
    assert refused.value.code == "reserve.insufficient"
    now[0] += timedelta(minutes=6)
    assert ho.reserve(till, "r3", "gift", 150_000).available == 50_000
    with pytest.raises(ServiceError) as late:
        ho.confirm(till, "r1", "op-1")
    assert late.value.code == "reserve.expired"
    engine.dispose()


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


def test_client_gives_each_thread_its_own_session() -> None:
    """The worker thread and the counter's stored-value calls never share a requests.Session."""
    import threading

    from sync.till.client import HeadOfficeClient

    client = HeadOfficeClient("http://127.0.0.1:9", "till-x", "secret", timeout=0.2)
    main = client.session
    assert client.session is main  # one per thread, kept
    seen: list[object] = []
    worker = threading.Thread(target=lambda: seen.extend([client.session, client.session]))
    worker.start()
    worker.join(5)
    assert seen[0] is seen[1] and seen[0] is not main
    client.close()
    assert client.session is not main  # closed sessions are not handed out again
    client.close()
