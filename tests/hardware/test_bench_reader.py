"""The benchmark helper works (a tiny run), so `make bench` does not discover breakage late."""

from __future__ import annotations

import pytest

from tests.hardware.bench_reader import _p, reader_event_latency
from tests.hardware.pcscd import PcscdDaemon


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (_p(values, 95), _p(values, 50), _p([7.0], 95)) == (95.0, 50.0, 7.0)


@pytest.mark.pcsc
def test_reader_event_latency_small_run(pcscd_session: PcscdDaemon) -> None:
    # The bench starts its own daemon; the session one must be down meanwhile (one socket).
    pcscd_session.stop()
    try:
        result = reader_event_latency(3)
    finally:
        pcscd_session.start()
    assert result["reader_event_samples"] == 3
    assert 0 < result["reader_event_median_ms"] <= result["reader_event_p95_ms"]
    # A card read is a few APDUs of about 1 ms; pcscd's polling is up to 400 ms.
    assert result["reader_event_p95_ms"] < 200
    assert 0 <= result["pcscd_detect_median_ms"] <= 1000
