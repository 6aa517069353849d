"""Fixtures for sync: a real head office on loopback (SQLite and PostgreSQL), real tills.

The PostgreSQL cluster is made by the fixture itself through `sync.headoffice.pgcluster` (initdb
in a temp dir, started on a free loopback port, stopped at the end even on failure), so `make test`
needs nothing running; `tests.bench.sync_bench` uses the same code.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from loyalty_core.engine import Loyalty
from loyalty_core.ids import new_id
from loyalty_core.rules import DEFAULT_RULES
from loyalty_core.staff import hash_pin
from loyalty_core.store import Store
from sync.headoffice.api import create_asgi
from sync.headoffice.db import make_engine, migrate
from sync.headoffice.office import HeadOffice
from sync.headoffice.pgcluster import PgCluster, PgUnavailable, free_port
from sync.headoffice.pgcluster import pg_cluster as start_pg_cluster
from sync.till.client import HeadOfficeClient
from sync.till.registration import register_till
from sync.till.worker import SyncWorker
from sync.wire.models import MAX_BODY_BYTES, RuleOut, StaffOut, TierOut

ADMIN_TOKEN = "test-admin-token"
STORE = "store-q1"


def wait_until(predicate: Any, timeout: float = 10.0, step: float = 0.02) -> bool:
    """Bounded polling: every wait in these tests ends."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())


# -- PostgreSQL ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """One private cluster for the session (sync.headoffice.pgcluster); fails as root without
    PostgreSQL."""
    try:
        with start_pg_cluster() as cluster:
            yield cluster
    except PgUnavailable:
        if os.geteuid() == 0:
            pytest.fail("PostgreSQL server binaries missing (apt-get install postgresql)")
        pytest.skip("PostgreSQL server binaries not installed")


@pytest.fixture(params=["sqlite", "postgresql"])
def ho_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'headoffice.sqlite3'}"
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database()


# -- head office on loopback ------------------------------------------------------------------------


class RunningServer:
    """uvicorn in a thread; can be stopped and started again on the same port."""

    def __init__(self, ho: HeadOffice, port: int) -> None:
        self.ho = ho
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.max_bytes = MAX_BODY_BYTES

    def start(self, **ssl: Any) -> None:
        config = uvicorn.Config(
            create_asgi(self.ho, ADMIN_TOKEN, self.max_bytes), host="127.0.0.1", port=self.port,
            log_level="warning", lifespan="off", timeout_graceful_shutdown=2, **ssl,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        assert wait_until(lambda: self._server is not None and self._server.started, 15)

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(15)
            assert not self._thread.is_alive()
        self._server = self._thread = None


def seed_head_office(ho: HeadOffice) -> dict[str, str]:
    """Rules, tiers and staff owned by head office, as a real chain would have them."""
    ho.set_rule(RuleOut(version=1, effective_from="2020-01-01T00:00:00.000000Z",
                        rules=dict(DEFAULT_RULES)))
    ids: dict[str, str] = {}
    for code, name, rank, threshold, mult, disc in (
        ("member", "Thành viên", 1, 0, 100, 0),
        ("silver", "Bạc", 2, 5_000_000, 110, 200),
        ("gold", "Vàng", 3, 20_000_000, 150, 500),
    ):
        ids[f"tier:{code}"] = new_id()
        ho.set_tier(TierOut(id=ids[f"tier:{code}"], code=code, name=name, rank=rank,
                            threshold=threshold, earn_multiplier_pct=mult, discount_bp=disc,
                            birthday_points=0))
    for code, name, role, pin in (
        ("1001", "Nguyễn Thị Lan", "cashier", "1234"),
        ("1002", "Lê Hoàng Nam", "cashier", "2468"),
        ("2001", "Trần Văn Minh", "supervisor", "5678"),
    ):
        ids[code] = new_id()
        ho.set_staff(StaffOut(id=ids[code], code=code, name=name, role=role,
                              pin_hash=hash_pin(pin), card_number=None, active=True))
    return ids


@dataclass
class HeadOfficeEnv:
    server: RunningServer
    ho: HeadOffice
    url: str
    ids: dict[str, str]
    db_url: str


@pytest.fixture
def head_office(ho_db_url: str) -> Iterator[HeadOfficeEnv]:
    engine = make_engine(ho_db_url)
    migrate(engine)
    ho = HeadOffice(engine)
    ids = seed_head_office(ho)
    server = RunningServer(ho, free_port())
    server.start()
    try:
        yield HeadOfficeEnv(server, ho, server.url, ids, ho_db_url)
    finally:
        server.stop()
        engine.dispose()


@dataclass
class Till:
    store: Store
    loyalty: Loyalty
    client: HeadOfficeClient
    worker: SyncWorker
    cashier: str
    supervisor: str

    def close(self) -> None:
        self.worker.stop()
        self.client.close()
        self.store.close()


def make_till(tmp_path: Path, name: str, env: HeadOfficeEnv, base_url: str | None = None,
              timeout: float = 5.0, store_id: str = STORE) -> Till:
    """A till database made by the engine, registered with head office, objects pulled."""
    store = Store.open(tmp_path / f"{name}.sqlite3")
    code = env.ho.create_enrolment_code(store_id).code
    client = register_till(store, env.url, code, name, timeout=timeout)
    if base_url is not None:
        client = HeadOfficeClient(base_url, store.till_id, client.secret, timeout=timeout)
    worker = SyncWorker(store, client, reconcile_at=None, backoff_base=0.01, backoff_cap=0.05,
                        interval=0.05)
    till = Till(store, Loyalty(store), client, worker, env.ids["1001"], env.ids["2001"])
    return till


def open_counter(till: Till) -> str:
    """Open the cashier's shift: head office accepts cash-backed value only from an open shift."""
    return str(till.loyalty.open_shift(new_id(), till.cashier, 1_000_000)["shift_id"])


@pytest.fixture
def two_tills(tmp_path: Path, head_office: HeadOfficeEnv) -> Iterator[tuple[Till, Till]]:
    a = make_till(tmp_path, "till-a", head_office)
    b = make_till(tmp_path, "till-b", head_office)
    for till in (a, b):
        till.worker.sync_once()  # staff, tiers and rules arrive before the first sale
        open_counter(till)
    try:
        yield a, b
    finally:
        a.close()
        b.close()
