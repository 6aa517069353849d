"""`Loyalty.checkout` against the raw sqlite3 reference (`run._raw_checkout`), engine only.

On a machine shared with other work, wall time says more about the neighbours than about the
code, so this reports CPU time per checkout (`time.process_time`) beside wall time, for ours and
for the reference, over the same cards of the quick dataset. No readers, no sync, no app:

    python -m tests.bench.checkout_cpu [-n 500] [--profile]

`--profile` prints a pyinstrument profile of our checkouts instead.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from loyalty_core.engine import Loyalty
from loyalty_core.ids import new_id
from loyalty_core.store import Store
from tests.bench import dataset
from tests.bench.run import BUILD, _raw_checkout

STAFF = "bench-cashier"


def _ensure_staff(store: Store) -> None:
    from loyalty_core.models import Staff
    from loyalty_core.staff import hash_pin

    with store.write() as s:
        if s.get(Staff, STAFF) is None:
            s.add(Staff(id=STAFF, code="bench", name="Bench", role="cashier",
                        pin_hash=hash_pin("1234")))


def ours(loyalty: Loyalty, numbers: list[str], n: int, rng: random.Random,
         profile: bool = False) -> tuple[float, float]:
    """(CPU ms, wall ms) per checkout of ours."""
    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0002)
        profiler.start()
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(n):
        loyalty.checkout(new_id(), STAFF, rng.choice(numbers), 150_000)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    return cpu * 1000 / n, wall * 1000 / n


def raw(db: Path, numbers: list[str], n: int) -> tuple[float, float]:
    c0 = time.process_time()
    walls = _raw_checkout(db, numbers, n)
    return (time.process_time() - c0) * 1000 / n, statistics.mean(walls)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=1000, help="checkouts of each side in all")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    BUILD.mkdir(exist_ok=True)
    db = BUILD / "bench-quick.sqlite3"
    meta = dataset.build(db, dataset.QUICK)
    numbers = list(meta["sample_numbers"][200:])  # type: ignore[index]
    store = Store.open(db)
    _ensure_staff(store)
    loyalty = Loyalty(store)
    rng = random.Random(1)
    ours(loyalty, numbers, 20, rng)  # warm: rules parsed, statements prepared
    # Alternating rounds, so a burst of load from the neighbours hits both sides alike; the
    # best round of each is the figure least disturbed by them.
    mine: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    per_round = max(1, args.n // args.rounds)
    for _ in range(args.rounds):
        mine.append(ours(loyalty, numbers, per_round, rng, args.profile))
        theirs.append(raw(db, numbers, per_round))
    store.close()
    for name, fig in (("ours", mine), ("raw", theirs)):
        print(f"{name:5} cpu ms per checkout: best {min(c for c, _ in fig):.3f} "
              f"median {statistics.median(c for c, _ in fig):.3f}; wall ms: best "
              f"{min(w for _, w in fig):.3f} median {statistics.median(w for _, w in fig):.3f}")
    cpu_ratio = min(c for c, _ in theirs) / min(c for c, _ in mine)
    wall_ratio = min(w for _, w in theirs) / min(w for _, w in mine)
    print(f"ratio raw/ours (best rounds; the bench's checkout_vs_raw_ratio is the wall one): "
          f"cpu {cpu_ratio:.3f} wall {wall_ratio:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
