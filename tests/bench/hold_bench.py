"""`hold_roundtrip_p95_ms`: one online hold taken and confirmed, as a till does around a sale.

A real head office on loopback (`sync_bench.local_head_office`, SQLite unless a URL is given),
a real till database and the till's real client. Two figures, alternating round by round:
- `hold_roundtrip_p95_ms` (the key): reserve + confirm through the real client, i.e.
  `HeadOfficeClient.hold` then `confirm_hold` (signed requests, head office's authentication,
  its nonce and hold transactions);
- `hold_guard_p95_ms`: the whole counter path, `StoredValueGuard.authorise_items` (the same
  call plus the till's own note that the operation was held online, a SQLite write) and
  `StoredValueGuard.confirm`.
Each round holds stored value on a card head office knows, so every round reads its balance and
live holds, as at a real counter.
"""

from __future__ import annotations

import sys
import tempfile
import time

from loyalty_core.ids import new_id
from sync.till.allowance import Item
from sync.till.offline import HOLD_BUDGET_S, StoredValueGuard
from sync.wire.models import HoldItem, HoldRequest
from tests.bench.sync_bench import _prepare, _till, _write_entries, local_head_office

WARM_UP = 20


def hold_roundtrips(n: int = 500, db_url: str | None = None) -> tuple[list[float], list[float]]:
    """Milliseconds of `n` client round trips and of `n` guard paths (after a warm-up)."""
    with local_head_office(db_url) as (ho, url), tempfile.TemporaryDirectory() as tmp:
        store, worker = _till(tmp, ho, url)
        cards = _prepare(store, 10)
        _write_entries(store, 100, cards)  # 100,000 đ on each card
        worker.push_all()
        guard = StoredValueGuard(store, worker.client)
        client = worker.client
        items = (Item("stored_value", 10),)
        wire: list[float] = []
        counter: list[float] = []
        for i in range(2 * (n + WARM_UP)):
            card = cards[i % len(cards)]
            op = new_id()
            if i % 2 == 0:
                req = HoldRequest(hold_id=new_id(), operation_id=op, card_id=card,
                                  items=[HoldItem(resource="stored_value", amount=10)])
                start = time.perf_counter()
                held = client.hold(req, timeout=HOLD_BUDGET_S)
                done = client.confirm_hold(req.hold_id, op, timeout=HOLD_BUDGET_S)
                elapsed = (time.perf_counter() - start) * 1000
                if held.status != "held" or done.status != "confirmed":
                    raise RuntimeError(f"round {i}: {held.status}, {done.status}")
                if i >= 2 * WARM_UP:
                    wire.append(elapsed)
            else:
                start = time.perf_counter()
                decision = guard.authorise_items(card, items, op)
                confirmed = guard.confirm(decision, op)
                elapsed = (time.perf_counter() - start) * 1000
                if decision.mode != "online" or not confirmed:
                    raise RuntimeError(f"round {i}: {decision.mode}, confirmed={confirmed}")
                if i >= 2 * WARM_UP:
                    counter.append(elapsed)
        client.close()
        store.close()
        return wire, counter


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def hold_keys(n: int = 500, db_url: str | None = None) -> dict[str, float]:
    wire, counter = hold_roundtrips(n, db_url)
    return {
        "hold_roundtrip_p95_ms": round(p95(wire), 2),
        "hold_roundtrip_median_ms": round(sorted(wire)[len(wire) // 2], 2),
        "hold_guard_p95_ms": round(p95(counter), 2),
        "hold_rounds": len(wire),
    }


if __name__ == "__main__":
    print(hold_keys(int(sys.argv[1]) if len(sys.argv) > 1 else 500))
