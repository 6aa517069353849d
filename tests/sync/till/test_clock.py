"""A till whose clock is wrong keeps syncing on head office's time and says its clock is off."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from loyalty_core.ids import new_id
from sync.till.client import HeadOfficeClient, Refused
from sync.till.worker import SyncWorker
from tests.sync.conftest import HeadOfficeEnv, make_till

SLOW = 600.0  # the till's clock is ten minutes behind head office's


def skewed_client(client: HeadOfficeClient, skew: float) -> HeadOfficeClient:
    return HeadOfficeClient(
        client.base_url, client.till_id, client.secret, timeout=5.0,
        clock=lambda: time.time() - skew,
    )


@pytest.mark.parametrize("ho_db_url", ["sqlite"], indirect=True)
def test_a_slow_till_clock_still_syncs_and_is_measured(
    tmp_path: Path, head_office: HeadOfficeEnv
) -> None:
    till = make_till(tmp_path, "slow", head_office)
    client = skewed_client(till.client, SLOW)
    worker = SyncWorker(till.store, client, reconcile_at=None)
    try:
        assert worker.run_cycle()  # staff, tiers and rules arrive despite the clock
        till.loyalty.checkout(new_id(), till.cashier, _member_card(till), 50_000)
        assert worker.run_cycle()
        assert worker.snapshot().entries_waiting == 0
        offset = worker.snapshot().clock_offset_s
        assert offset is not None and abs(offset - SLOW) <= 3
        # Signed with the measured offset from then on: no second refusal is needed.
        client.pull(0, 0, 0, limit=1)
    finally:
        worker.stop()
        client.close()
        till.close()


@pytest.mark.parametrize("ho_db_url", ["sqlite"], indirect=True)
def test_a_forged_server_time_is_not_trusted_without_a_refusal(
    tmp_path: Path, head_office: HeadOfficeEnv
) -> None:
    """Only head office's own `auth.stale` answer (to a request we signed) moves the offset
    enough to re-sign; a wrong secret is refused as before, not retried forever."""
    till = make_till(tmp_path, "forged", head_office)
    wrong = HeadOfficeClient(till.client.base_url, till.client.till_id, "not-the-secret",
                             clock=lambda: time.time() - SLOW)
    try:
        with pytest.raises(Refused) as refused:
            wrong.pull(0, 0, 0, limit=1)
        assert refused.value.code == "auth.bad_signature"
    finally:
        wrong.close()
        till.close()


def test_offset_follows_the_date_header_only_when_it_moves(tmp_path: Path) -> None:
    client = HeadOfficeClient("http://127.0.0.1:9", "t", "s", clock=lambda: 1_000_000.0)

    class Resp:
        headers = {"Date": "Mon, 12 Jan 1970 13:46:40 GMT"}  # 1,000,000 s after the epoch

    client._measure_offset(Resp(), 1_000_000.0, 1_000_000.0)  # type: ignore[arg-type]
    assert client.clock_offset_s == pytest.approx(0.5)
    client._measure_offset(Resp(), 999_999.0, 999_999.0)  # type: ignore[arg-type]
    assert client.clock_offset_s == pytest.approx(0.5)  # within the header's resolution
    client._measure_offset(Resp(), 999_000.0, 999_000.0)  # type: ignore[arg-type]
    assert client.clock_offset_s == pytest.approx(1_000.5)


def _member_card(till: object) -> str:
    from loyalty_core.ids import new_id as op

    enrolled = till.loyalty.enroll_member(op(), till.cashier, "Đỗ Minh Châu")  # type: ignore[attr-defined]
    return str(enrolled["card_number"])
