"""Sync measurements for `make bench`: a real head office on loopback, a real till database.

Setup (writing the till's journal) is outside the timed part; the timed part is exactly what a
till does in production: `SyncWorker.push_all` and `SyncWorker.reconcile`.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from loyalty_core.engine import Loyalty
from loyalty_core.ids import new_id
from loyalty_core.journal import JournalWriter
from loyalty_core.store import Store
from sync.headoffice.embedded import EmbeddedHeadOffice
from sync.headoffice.office import HeadOffice
from sync.headoffice.pgcluster import pg_cluster
from sync.headoffice.services.policy import TrustPolicy
from sync.till.registration import register_till
from sync.till.worker import SyncWorker

ENTRIES_PER_OPERATION = 50


@contextmanager
def local_head_office(db_url: str | None = None) -> Iterator[tuple[HeadOffice, str]]:
    """A head office served by uvicorn on 127.0.0.1 (SQLite in a temp dir unless given)."""
    with tempfile.TemporaryDirectory(prefix="ho-bench-") as tmp:
        served = EmbeddedHeadOffice(db_url or f"sqlite:///{Path(tmp) / 'ho.sqlite3'}").start()
        # One bench till creates a whole chain's stored value in seconds: no velocity cap here
        # (every other trust check runs, and is part of what is measured).
        served.ho.ctx.policy = TrustPolicy(sv_per_window=10**18)
        try:
            yield served.ho, served.url
        finally:
            served.stop()


@contextmanager
def postgres_database(fsync: bool = True) -> Iterator[str]:
    """An empty database's URL in a throw-away PostgreSQL cluster (`sync.headoffice.pgcluster`).

    fsync stays on by default, as on a real head office (SQLite runs with synchronous=FULL).
    """
    with pg_cluster(max_connections=50, fsync=fsync) as cluster:
        yield cluster.new_database()


@contextmanager
def postgres_head_office(fsync: bool = True) -> Iterator[tuple[HeadOffice, str]]:
    """`local_head_office` over a throw-away PostgreSQL cluster."""
    with postgres_database(fsync) as db_url, local_head_office(db_url) as served:
        yield served


def _prepare(store: Store, cards: int) -> list[str]:
    """What head office requires before stored value: the cards issued here, a shift open."""
    card_ids = [new_id() for _ in range(cards)]
    loyalty = Loyalty(store)
    cashier = loyalty.add_staff("9001", "Bench", "cashier", "2580")
    loyalty.open_shift(new_id(), cashier, 0)
    for first in range(0, cards, 1000):
        with store.write() as s:
            writer = JournalWriter(s, store.till_id, new_id())
            for i, card_id in enumerate(card_ids[first:first + 1000], start=first):
                writer.post("card.issue", card_id=card_id, payload={
                    "id": card_id, "number": f"{880300000000000 + i:016d}", "kind": "prepaid",
                    "status": "active"})
    return card_ids


def _write_entries(store: Store, n: int, card_ids: list[str]) -> None:
    """`n` stored-value entries over the cards, through the engine's journal writer."""
    done = 0
    while done < n:
        with store.write() as s:
            writer = JournalWriter(s, store.till_id, new_id())
            for _ in range(min(ENTRIES_PER_OPERATION * 20, n - done)):
                writer.post("sv.topup", card_id=card_ids[done % len(card_ids)],
                            account="stored_value", amount=10_000)
                done += 1


def _till(tmp: str, ho: HeadOffice, url: str) -> tuple[Store, SyncWorker]:
    store = Store.open(Path(tmp) / "till.sqlite3")
    client = register_till(store, url, ho.create_enrolment_code("bench").code, "bench")
    return store, SyncWorker(store, client, reconcile_at=None, push_batch=1000)


def push_throughput(n: int = 20_000, db_url: str | None = None) -> float:
    """Journal entries per second pushed to a local head office and acknowledged.

    SQLite in a temp dir unless `db_url` names another database (e.g. `postgresql://...`);
    `push_throughput_pg` brings its own PostgreSQL.
    """
    with local_head_office(db_url) as (ho, url), tempfile.TemporaryDirectory() as tmp:
        store, worker = _till(tmp, ho, url)
        card_ids = _prepare(store, max(1, n // 10))
        before = worker.push_all()  # the cards and the shift, not timed
        _write_entries(store, n, card_ids)
        start = time.perf_counter()
        pushed = worker.push_all()
        elapsed = time.perf_counter() - start
        if pushed != n or ho.journal_count() != before + n:
            raise RuntimeError(f"pushed {pushed}, head office holds {ho.journal_count()} of "
                               f"{before + n}")
        worker.client.close()
        store.close()
        return n / elapsed


def push_throughput_pg(n: int = 20_000) -> float:
    """`push_throughput` against a throw-away PostgreSQL cluster (started and stopped here)."""
    with postgres_database() as db_url:
        return push_throughput(n, db_url)


def reconcile_time(n_cards: int = 100_000, db_url: str | None = None) -> float:
    """Seconds for a nightly reconciliation of `n_cards` cards (already in sync)."""
    with local_head_office(db_url) as (ho, url), tempfile.TemporaryDirectory() as tmp:
        store, worker = _till(tmp, ho, url)
        _write_entries(store, n_cards, _prepare(store, n_cards))
        worker.sync_once()
        start = time.perf_counter()
        report = worker.reconcile()
        elapsed = time.perf_counter() - start
        if report.cards_compared != n_cards or report.differences:
            raise RuntimeError(f"reconciliation compared {report.cards_compared} cards, "
                               f"{len(report.differences)} differences")
        worker.client.close()
        store.close()
        return elapsed


if __name__ == "__main__":
    print(f"sync_push_entries_per_s {push_throughput():.0f}")
    print(f"sync_push_pg_entries_per_s {push_throughput_pg():.0f}")
    print(f"reconcile_100k_cards_s {reconcile_time():.2f}")
