"""kill -9 at any instant loses no acknowledged operation and leaves nothing half-written.

A child process (`crash_child.py`) works a demo-seeded till as fast as it can; this test SIGKILLs
it at random instants, restarts it (it retries its last unacknowledged operation with the same
operation id, as the cashier program does), and after the last kill checks the database against
what the child acknowledged.

Kills: ``LOYALTY_CRASH_KILLS`` (default 25, what ``make test`` runs in well under a minute). The
full run, `test_crash_full`, is marked slow and only runs when ``LOYALTY_CRASH_KILLS`` is set to
200 or more, e.g. ``LOYALTY_CRASH_KILLS=250 .venv/bin/pytest tests/reliability -m slow``.
``LOYALTY_CRASH_SEED`` replays a failing run (the seed is printed in every failure message).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from loyalty_core.demo import seed_demo
from loyalty_core.engine import Loyalty
from loyalty_core.models import Balance, JournalEntry, Operation
from loyalty_core.store import Store
from loyalty_core.verify import verify_store
from tests.reliability.crash_child import call, read_lines

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_KILLS = 25
FULL_KILLS = 200
READY_TIMEOUT = 30.0  # seconds for a child to open the database and retry its last intent
MAX_KILL_DELAY = 0.35  # seconds of work before the kill: several operations at most


def kills_wanted() -> int:
    return int(os.environ.get("LOYALTY_CRASH_KILLS", DEFAULT_KILLS))


def start_child(db: Path, ack: Path, intent: Path, seed: int, max_ops: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.reliability.crash_child",
            str(db),
            str(ack),
            str(intent),
            str(seed),
            str(max_ops),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_ready(child: subprocess.Popen, context: str) -> None:
    """Block until the child printed "ready" (startup and the retry are done) or fail."""
    deadline = time.monotonic() + READY_TIMEOUT
    assert child.stdout is not None
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if line.strip() == "ready":
            return
        if line == "" and child.poll() is not None:
            err = child.stderr.read() if child.stderr else ""
            pytest.fail(f"{context}: child died before ready (rc {child.returncode}):\n{err}")
    child.kill()
    child.wait(timeout=10)
    pytest.fail(f"{context}: child not ready within {READY_TIMEOUT}s")


def run_kills(tmp: Path, kills: int, seed: int) -> dict[str, Any]:
    """Seed a till, then start, let work and SIGKILL the child `kills` times."""
    db, ack, intent = tmp / "till.sqlite3", tmp / "ack.jsonl", tmp / "intent.jsonl"
    store = Store.open(db)
    seed_demo(store)
    with store.read() as s:
        seeded = set(s.scalars(select(Operation.id)))
    store.close()
    rng = random.Random(seed)
    mid_operation = 0
    for i in range(kills):
        context = f"seed {seed} kill {i + 1}/{kills}"
        child = start_child(db, ack, intent, rng.randrange(2**31), max_ops=10_000)
        try:
            wait_ready(child, context)
            time.sleep(rng.uniform(0.0, MAX_KILL_DELAY))
            if child.poll() is not None:
                err = child.stderr.read() if child.stderr else ""
                pytest.fail(f"{context}: child exited by itself (rc {child.returncode}):\n{err}")
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(timeout=10)
            for stream in (child.stdout, child.stderr):
                if stream:
                    stream.close()
        assert child.returncode == -signal.SIGKILL, f"{context}: rc {child.returncode}"
        acked = {a["op"] for a in read_lines(ack)}
        intents = read_lines(intent)
        if intents and intents[-1]["op"] not in acked:
            mid_operation += 1
    # A last clean start performs the retry of whatever the last kill interrupted, then stops.
    child = start_child(db, ack, intent, rng.randrange(2**31), max_ops=0)
    try:
        out, err = child.communicate(timeout=READY_TIMEOUT)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
    assert child.returncode == 0, f"seed {seed}: final child failed:\n{err}"
    return {
        "db": db,
        "ack": ack,
        "intent": intent,
        "mid_operation": mid_operation,
        "seeded": seeded,
    }


def check_database(run: dict[str, Any], seed: int, kills: int) -> None:
    """Everything the design promises after a crash, checked against the acknowledged log."""
    where = f"seed {seed}, {kills} kills"
    acks = read_lines(run["ack"])
    intents = read_lines(run["intent"])
    assert acks, f"{where}: nothing was acknowledged; the kills came too early to test anything"
    by_op = Counter(a["op"] for a in acks)
    retried = [a for a in acks if a.get("retried")]
    store = Store.open(run["db"])
    loyalty = Loyalty(store)
    try:
        with store.read() as s:
            ops = {o.id: o for o in s.scalars(select(Operation))}
            rows = s.scalars(
                select(JournalEntry)
                .where(JournalEntry.till_id == store.till_id)
                .order_by(JournalEntry.seq)
            ).all()
            balances = {(b.card_id, b.account): b.balance for b in s.scalars(select(Balance))}
            sums = {
                (c, a): int(v)
                for c, a, v in s.execute(
                    select(
                        JournalEntry.card_id, JournalEntry.account, func.sum(JournalEntry.amount)
                    )
                    .where(JournalEntry.account.is_not(None))
                    .group_by(JournalEntry.card_id, JournalEntry.account)
                )
            }
        entries_by_op: dict[str, list[JournalEntry]] = {}
        for e in rows:
            entries_by_op.setdefault(e.operation_id, []).append(e)

        # No sequence gap, and every entry belongs to a recorded operation (nothing half-written).
        assert [e.seq for e in rows] == list(range(1, len(rows) + 1)), f"{where}: seq gap"
        orphans = sorted(set(entries_by_op) - set(ops))
        assert not orphans, f"{where}: journal entries of unrecorded operations {orphans[:5]}"
        empty = sorted(o for o in ops if o not in entries_by_op)
        assert not empty, f"{where}: operations recorded without their entries {empty[:5]}"
        nonzero = {k: v for k, v in balances.items() if v}
        assert nonzero == {k: v for k, v in sums.items() if v}, (
            f"{where}: cached balances differ from journal sums"
        )

        # Every acknowledged operation is there exactly once, with the result the child saw.
        known = {i["op"] for i in intents} | set(by_op)
        for ack in acks:
            op = ack["op"]
            assert op in ops, f"{where}: acknowledged operation {op} ({ack['kind']}) is lost"
            stored = json.loads(json.dumps(ops[op].result))
            assert stored == json.loads(json.dumps(ack["result"])), f"{where}: {op} result differs"
            if ack["kind"] == "checkout":
                check_checkout(entries_by_op[op], ack, where)
            if ack["kind"] == "refund":
                kinds = Counter(e.kind for e in entries_by_op[op])
                assert kinds["refund"] == 1, f"{where}: refund {op} entries {kinds}"
        twice = {op: n for op, n in by_op.items() if n != 1}
        assert not twice, f"{where}: operations acknowledged more than once {twice}"
        # Operations nobody intended: only an approval given just before a kill may be unknown
        # (its id is made by the engine, so the intent log cannot name it in advance).
        phantom = [
            o.id
            for o in ops.values()
            if o.id not in known and o.id not in run["seeded"] and o.kind != "approval"
        ]
        assert not phantom, f"{where}: operations no intent explains {phantom}"

        # Re-running an acknowledged operation returns its result and writes nothing.
        before = len(rows)
        for ack in acks[-60:]:
            if ack["kind"] == "approval":
                continue
            again = call(loyalty, ack)
            assert json.loads(json.dumps(again)) == json.loads(json.dumps(ack["result"])), (
                f"{where}: replay of {ack['op']} gave another result"
            )
        with store.read() as s:
            after = s.scalar(select(func.count()).select_from(JournalEntry))
        assert after == before, f"{where}: replays wrote {after - before} journal rows"
        assert verify_store(store) == [], f"{where}: verify found problems"
        assert len(retried) <= kills
    finally:
        store.close()


def check_checkout(entries: list[JournalEntry], ack: dict[str, Any], where: str) -> None:
    """A sale has every entry it promised: earn, redeem, stored value, qualifying spend."""
    result, op = ack["result"], ack["op"]
    kinds: dict[str, int] = {}
    for e in entries:
        kinds[e.kind] = kinds.get(e.kind, 0) + e.amount
    counts = Counter(e.kind for e in entries)
    assert counts["sale"] == 1, f"{where}: checkout {op} has {counts['sale']} sale entries"
    assert {e.sale_id for e in entries if e.account} <= {result["sale_id"]}
    if result["points_earned"]:
        assert kinds.get("earn") == result["points_earned"], f"{where}: {op} earn entry"
    if result["points_redeemed"]:
        assert kinds.get("redeem") == -result["points_redeemed"], f"{where}: {op} redeem entry"
    if result["stored_value_used"]:
        assert kinds.get("sv.spend") == -result["stored_value_used"], f"{where}: {op} sv entry"
    if "tier_change" in result:  # the card has a member: qualifying spend is recorded
        # qualifying spend is money paid, not points (issue 11)
        assert kinds.get("qspend") == result["qualifying_spend"], f"{where}: {op} qspend entry"


def crash_run(tmp_path: Path, kills: int) -> dict[str, Any]:
    seed = int(os.environ.get("LOYALTY_CRASH_SEED", random.SystemRandom().randrange(2**31)))
    started = time.monotonic()
    run = run_kills(tmp_path, kills, seed)
    check_database(run, seed, kills)
    run["seconds"] = time.monotonic() - started
    print(f"crash test: {kills} kills, {run['mid_operation']} mid-operation, seed {seed}")
    return run


def test_crash_default(tmp_path: Path) -> None:
    """The `make test` run: LOYALTY_CRASH_KILLS kills (default 25), capped at 199."""
    kills = min(kills_wanted(), FULL_KILLS - 1)
    run = crash_run(tmp_path, kills)
    # Most kills must land while an operation is in flight, or this test proves little.
    assert run["mid_operation"] >= kills // 2, f"only {run['mid_operation']} kills mid-operation"


@pytest.mark.slow
@pytest.mark.skipif(
    kills_wanted() < FULL_KILLS, reason=f"set LOYALTY_CRASH_KILLS>={FULL_KILLS} for the full run"
)
def test_crash_full(tmp_path: Path) -> None:
    """The full run: LOYALTY_CRASH_KILLS (>= 200) kills; several minutes."""
    kills = kills_wanted()
    run = crash_run(tmp_path, kills)
    assert run["mid_operation"] >= kills // 2
