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

from loyalty_core.ids import new_id
from loyalty_core.journal import JournalWriter
from loyalty_core.store import Store
from sync.headoffice.embedded import EmbeddedHeadOffice
from sync.headoffice.office import HeadOffice
from sync.headoffice.pgcluster import pg_cluster
from sync.till.registration import register_till
from sync.till.worker import SyncWorker

ENTRIES_PER_OPERATION = 50


@contextmanager
def local_head_office(db_url: str | None = None) -> Iterator[tuple[HeadOffice, str]]:
    """A head office served by uvicorn on 127.0.0.1 (SQLite in a temp dir unless given)."""
    with tempfile.TemporaryDirectory(prefix="ho-bench-") as tmp:
        served = EmbeddedHeadOffice(db_url or f"sqlite:///{Path(tmp) / 'ho.sqlite3'}").start()
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


def _write_entries(store: Store, n: int, cards: int) -> None:
    """`n` stored-value entries over `cards` cards, through the engine's journal writer."""
    done = 0
    card_ids = [new_id() for _ in range(cards)]
    while done < n:
        with store.write() as s:
            writer = JournalWriter(s, store.till_id, new_id())
            for _ in range(min(ENTRIES_PER_OPERATION * 20, n - done)):
                writer.post("sv.topup", card_id=card_ids[done % cards], account="stored_value",
                            amount=10_000)
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
        _write_entries(store, n, cards=max(1, n // 10))
        start = time.perf_counter()
        pushed = worker.push_all()
        elapsed = time.perf_counter() - start
        if pushed != n or ho.journal_count() != n:
            raise RuntimeError(f"pushed {pushed}, head office holds {ho.journal_count()} of {n}")
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
        _write_entries(store, n_cards, cards=n_cards)
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
