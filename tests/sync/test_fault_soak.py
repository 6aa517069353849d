"""Soak: two tills sell while their sync workers push and pull through a hostile network.

Each till talks to head office through its own `FaultProxy` in chaos mode: a seeded random
share of requests is refused, reset, answered 503/502, dropped or reset after head office
committed, truncated, garbled, slowed or delayed past the client's timeout. The workers retry
on their own. At the end head office holds each till's chain exactly once (same ids, seqs and
hashes), each till holds the other's, and reconciliation finds no difference.

Reproduce a run with `SYNC_SOAK_SEED=<seed>` (printed on failure); `SYNC_SOAK_ROUNDS` scales it.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

from sqlalchemy import func, select

from loyalty_core import syncstore
from loyalty_core.ids import new_id
from loyalty_core.journal import JournalWriter
from sync.headoffice import schema
from sync.headoffice.services.policy import TrustPolicy
from tests.sync.conftest import HeadOfficeEnv, Till, make_till, wait_until
from tests.sync.faultproxy import ALL_FAULTS, FaultProxy

SEED = int(os.environ.get("SYNC_SOAK_SEED", "20240607"))
ROUNDS = int(os.environ.get("SYNC_SOAK_ROUNDS", "40"))
ENTRIES_PER_ROUND = 40  # per till: 2 tills x 40 rounds x 40 = 3,200 entries, plus real sales
FAULT_RATE = 0.35
TIMEOUT = 0.5  # the client's; `delay_after` replies just after it
CONVERGE_S = 40.0


def own_chain(till: Till) -> list[tuple[str, int, str]]:
    with till.store.read() as s:
        seq, n = 0, []
        for _ in range(1000):  # bounded: 1000 pages of 1000
            page = syncstore.pending_entries(s, till.store.till_id, seq, 1000)
            if not page:
                return n
            n += [(e["id"], int(e["seq"]), e["hash"]) for e in page]
            seq = int(page[-1]["seq"])
    raise AssertionError("journal larger than the test's bound")


def held_chain(env: HeadOfficeEnv, till_id: str) -> list[tuple[str, int, str]]:
    j = schema.journal
    with env.ho.engine.connect() as conn:
        rows = conn.execute(
            select(j.c.id, j.c.seq, j.c.hash).where(j.c.till_id == till_id).order_by(j.c.seq)
        ).all()
    return [(r.id, int(r.seq), r.hash) for r in rows]


def write_round(till: Till, rng: random.Random, cards: list[str]) -> None:
    """One operation of stored-value and points entries on cards both tills touch."""
    with till.store.write() as s:
        writer = JournalWriter(s, till.store.till_id, new_id(), staff_id=till.cashier)
        for _ in range(ENTRIES_PER_ROUND):
            if rng.random() < 0.5:
                writer.post("sv.topup", card_id=rng.choice(cards), account="stored_value",
                            amount=rng.randint(1, 2_000_000))
            else:
                writer.post("points.adjust", card_id=rng.choice(cards), account="points",
                            amount=rng.randint(1, 500), reason="soak")


def test_two_tills_through_random_faults(tmp_path: Path, head_office: HeadOfficeEnv) -> None:
    seed = SEED + (0 if head_office.db_url.startswith("sqlite") else 1)
    # Transport under faults is the subject: raw entries on cards no entry issued, no shift.
    head_office.ho.ctx.policy = TrustPolicy(judge=False)
    rng = random.Random(seed)
    proxies = [FaultProxy(head_office.server.port) for _ in range(2)]
    tills = [make_till(tmp_path, f"till-{i}", head_office, base_url=p.url, timeout=TIMEOUT)
             for i, p in enumerate(proxies)]
    context = f"SYNC_SOAK_SEED={SEED} (db seed {seed})"
    try:
        for till in tills:
            till.worker.push_batch = 60  # many requests, so many chances to break one
            till.worker.pull_limit = 100
            till.worker.interval = 0.02
            till.worker.sync_once()  # staff and rules before the first sale
        shared_cards = [new_id() for _ in range(60)]
        members = [t.loyalty.enroll_member(new_id(), t.cashier, f"Khách {i}",
                                           card_kind="combined")["card_number"]
                   for i, t in enumerate(tills)]
        for i, proxy in enumerate(proxies):
            proxy.chaos(seed * 10 + i, rate=FAULT_RATE, kinds=ALL_FAULTS, slow=TIMEOUT / 4,
                        delay=TIMEOUT + 0.1)
        for till in tills:
            till.worker.start()

        started = time.monotonic()
        for r in range(ROUNDS):
            for i, till in enumerate(tills):
                write_round(till, rng, shared_cards)
                if r % 8 == 0:  # a real sale now and then: enrol, top-up, checkout kinds
                    till.loyalty.top_up(new_id(), till.cashier, members[i], 500_000)
                    till.loyalty.checkout(new_id(), till.cashier, members[i], 120_000,
                                          stored_value_to_use=50_000)
                till.worker.wake()
            time.sleep(0.05)

        expected = sum(len(own_chain(t)) for t in tills)
        assert expected >= 2 * ROUNDS * ENTRIES_PER_ROUND
        # Converge under chaos: the workers alone must get everything across, and keep going
        # (pulling) until each proxy has dealt every kind of fault at least once.
        converged = wait_until(
            lambda: head_office.ho.journal_count() == expected
            and all(t.worker.snapshot().entries_waiting == 0 for t in tills)
            and all(set(p.applied) == set(ALL_FAULTS) for p in proxies),
            timeout=CONVERGE_S, step=0.1,
        )
        assert converged, (context, head_office.ho.journal_count(), expected,
                           [t.worker.snapshot() for t in tills],
                           [dict(p.applied) for p in proxies])
        soak_s = time.monotonic() - started

        for till in tills:
            till.worker.stop()
        for proxy in proxies:
            proxy.chaos(None)
        for till in tills:
            till.client.timeout = 10.0
        for till in (*tills, tills[0]):
            till.worker.sync_once()  # the last pulls, on a quiet network

        # The network really was hostile: a good share of all requests met a fault.
        for proxy in proxies:
            assert sum(proxy.applied.values()) >= 0.2 * proxy.requests, (context, proxy.applied)
        # Exactly once on head office: each till's chain, entry for entry.
        j = schema.journal
        with head_office.ho.engine.connect() as conn:
            total, distinct = conn.execute(
                select(func.count(), func.count(func.distinct(j.c.id)))
            ).one()
            unsequenced = conn.execute(
                select(func.count()).select_from(j).where(j.c.ingest_seq.is_(None))
            ).scalar_one()
        assert total == distinct == expected, context
        assert unsequenced == 0, context
        for till in tills:
            chain = own_chain(till)
            assert [s for _, s, _ in chain] == list(range(1, len(chain) + 1))
            assert held_chain(head_office, till.store.till_id) == chain, context
            with till.store.read() as s:
                assert syncstore.acked(s) == (chain[-1][1], chain[-1][2])
        # Each till holds the other's entries once, and the same digest as the other till.
        digests = []
        for till in tills:
            with till.store.read() as s:
                digests.append(syncstore.journal_digest(s))
        assert digests[0] == digests[1], context
        assert sum(int(d["count"]) for d in digests[0].values()) == expected
        for till in tills:
            report = till.worker.reconcile()
            assert report.differences == [], (context, report.differences[:5])
            assert report.cards_compared >= len(shared_cards)
        print(f"soak {context}: {expected} entries in {soak_s:.1f} s, faults "
              f"{[dict(p.applied) for p in proxies]}")
    finally:
        for till in tills:
            till.close()
        for proxy in proxies:
            proxy.close()
