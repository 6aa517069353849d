"""Reader latency benchmark for `make bench`, against a real pcscd + vpcd + virtual card.

Two numbers, because they have different owners:
- reader_event_*: from our PC/SC backend seeing the status change (SCardGetStatusChange
  returning) to the event reaching the manager's callback. This includes reading the card
  (GET DATA, SELECT, READ BINARY) and the dispatcher hand-off: it is ours to keep small.
- pcscd_detect_*: from the virtual card connecting to the backend seeing it. This is pcscd's
  fixed 400 ms presence polling (median about 200 ms) and not something we can change.

Run alone: `.venv/bin/python -m tests.hardware.bench_reader [N]` prints JSON.
"""

from __future__ import annotations

import json
import math
import queue
import random
import sys
import time

from hardware.cardnumbers import CardNumbering
from hardware.events import CardPresented, CardRemoved, HardwareEvent, ReaderAttached
from hardware.manager import ReaderManager
from hardware.pcsc import PcscBackend
from tests.hardware.pcscd import PcscdDaemon
from tests.hardware.vcard import VirtualCard

EVENT_TIMEOUT_S = 5.0


def _p(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least pct% of samples at or below."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def _next(q: queue.Queue[tuple[HardwareEvent, int]], kind: type) -> tuple[HardwareEvent, int]:
    deadline = time.monotonic() + EVENT_TIMEOUT_S
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no {kind.__name__} within {EVENT_TIMEOUT_S}s")
        event, delivered = q.get(timeout=remaining)
        if isinstance(event, kind):
            return event, delivered


def reader_event_latency(n: int = 30) -> dict[str, float]:
    """Present and remove a card `n` times; return latencies in ms (see module docstring)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    numbering = CardNumbering()
    number = numbering.make("member", 1).number
    delivered: queue.Queue[tuple[HardwareEvent, int]] = queue.Queue()

    def callback(event: HardwareEvent) -> None:
        delivered.put((event, time.monotonic_ns()))

    ours: list[float] = []
    detect: list[float] = []
    with PcscdDaemon(entries=1) as daemon:
        reader = daemon.readers[0]
        with ReaderManager([PcscBackend(numbering, allow_virtual=True)], callback=callback):
            while True:
                event, _ = _next(delivered, ReaderAttached)
                if event.source == reader.name:
                    break
            rng = random.Random(1)
            for _ in range(n):
                # Insert at a random phase of pcscd's 400 ms poll, or every sample would land
                # at the same phase (the loop syncs to the poll that saw the last removal).
                time.sleep(rng.uniform(0, 0.4))
                card = VirtualCard(card_number=number).insert(reader.port)
                try:
                    event, at = _next(delivered, CardPresented)
                    assert isinstance(event, CardPresented) and event.card_number == number
                    assert card.inserted_at_ns is not None
                    ours.append((at - event.observed_ns) / 1e6)
                    detect.append((event.observed_ns - card.inserted_at_ns) / 1e6)
                finally:
                    card.remove()
                _next(delivered, CardRemoved)
    return {
        "reader_event_p95_ms": round(_p(ours, 95), 3),
        "reader_event_median_ms": round(_p(ours, 50), 3),
        "pcscd_detect_p95_ms": round(_p(detect, 95), 1),
        "pcscd_detect_median_ms": round(_p(detect, 50), 1),
        "reader_event_samples": float(n),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    n = int(args[0]) if args else 30
    print(json.dumps(reader_event_latency(n), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
