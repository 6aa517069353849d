"""Two tills and a real head office on loopback: every entry exactly once, balances agree."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from loyalty_core import syncstore
from loyalty_core.ids import new_id
from sync.till.offline import StoredValueGuard
from sync.till.worker import SyncWorker
from tests.sync.conftest import (
    ADMIN_TOKEN,
    HeadOfficeEnv,
    Till,
    make_till,
    open_counter,
    wait_until,
)
from tests.sync.faultproxy import FaultProxy


def own_count(till: Till) -> int:
    with till.store.read() as s:
        mine = syncstore.journal_digest(s).get(till.store.till_id)
        return int(mine["count"]) if mine else 0


def digest(till: Till) -> dict[str, dict[str, object]]:
    with till.store.read() as s:
        return syncstore.journal_digest(s)


def assert_exactly_once(env: HeadOfficeEnv, *tills: Till) -> None:
    """Head office holds each till's whole chain once: count and last hash equal the till's."""
    assert env.ho.journal_count() == sum(own_count(t) for t in tills)
    for till in tills:
        mine = digest(till).get(till.store.till_id, {"last_seq": 0, "last_hash": "0" * 64})
        with till.store.read() as s:
            assert syncstore.acked(s) == (mine["last_seq"], mine["last_hash"])
            assert syncstore.pending_count(s, till.store.till_id) == 0


def assert_reconciled(*tills: Till) -> None:
    for till in tills:
        report = till.worker.reconcile()
        assert report.differences == [], report.differences
        assert report.cards_compared > 0


def shop_day(till: Till, card_kind: str = "combined") -> dict[str, object]:
    """Enrol, top up, sell with points and stored value: a real mix of entry kinds."""
    loyalty = till.loyalty
    enrolled = loyalty.enroll_member(new_id(), till.cashier, "Trần Thị Hoa", card_kind=card_kind)
    number = enrolled["card_number"]
    loyalty.top_up(new_id(), till.cashier, number, 1_000_000)
    loyalty.checkout(new_id(), till.cashier, number, 450_000, stored_value_to_use=200_000)
    loyalty.checkout(new_id(), till.cashier, number, 1_200_000)
    return enrolled


def test_offline_on_both_tills_then_sync(two_tills: tuple[Till, Till],
                                         head_office: HeadOfficeEnv) -> None:
    a, b = two_tills
    head_office.server.stop()
    card_a = shop_day(a)
    card_b = shop_day(b)
    gift = b.loyalty.sell_gift_card(new_id(), b.cashier, 300_000)
    for till in (a, b):
        assert till.worker.run_cycle() is False
        snap = till.worker.snapshot()
        assert snap.online is False and snap.entries_waiting > 0 and snap.last_error
    head_office.server.start()
    for till in (a, b, a):
        till.worker.sync_once()
    assert_exactly_once(head_office, a, b)
    # Each till now holds the other's journal and projected it like its own entries.
    assert digest(a) == digest(b)
    view = b.loyalty.customer_view(str(card_a["card_number"]))
    assert view["member"]["name"] == "Trần Thị Hoa"
    assert view["balances"] == a.loyalty.customer_view(str(card_a["card_number"]))["balances"]
    assert a.loyalty.customer_view(gift["card_number"])["balances"]["stored_value"] == 300_000
    card_id = str(card_b["card_id"])
    # 1,000,000 top-up + 5 % bonus (rules band >= 1,000,000) - 200,000 spent.
    assert head_office.ho.balance(card_id, "stored_value") == 850_000
    # A card enrolled at B is usable at A after the pull: spend points there.
    a.loyalty.checkout(new_id(), a.cashier, str(card_b["card_number"]), 100_000,
                       points_to_redeem=10)
    a.worker.sync_once()
    b.worker.sync_once()
    assert_exactly_once(head_office, a, b)
    assert_reconciled(a, b)


def test_gift_card_spent_offline_on_both_is_flagged(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, b = two_tills
    sold = a.loyalty.sell_gift_card(new_id(), a.cashier, 500_000)
    a.worker.sync_once()
    b.worker.sync_once()
    head_office.server.stop()
    for till in (a, b):
        guard = StoredValueGuard(till.store, till.client)
        assert guard.offline_allowance(sold["card_id"]) == 500_000
        op = new_id()
        decision = guard.authorise(sold["card_id"], 400_000, op)
        assert decision.mode == "offline"
        till.loyalty.checkout(op, till.cashier, sold["card_number"], 400_000,
                              stored_value_to_use=400_000)
        assert guard.spent_offline_today(sold["card_id"]) == 400_000
    head_office.server.start()
    for till in (a, b, a):
        till.worker.sync_once()
    assert head_office.ho.balance(sold["card_id"], "stored_value") == -300_000
    flagged = [c.card_id for c in head_office.ho.overdrawn()]
    assert flagged == [sold["card_id"]]
    for till in (a, b):
        view = till.loyalty.customer_view(sold["card_number"])
        assert view["flagged"] == "overdrawn"
        assert view["balances"]["stored_value"] == -300_000
        assert StoredValueGuard(till.store, till.client).offline_allowance(sold["card_id"]) == 0
    report = requests.get(f"{head_office.url}/v1/reports/overdrawn",
                          headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=5)
    assert report.status_code == 200
    assert [r["card_id"] for r in report.json()] == [sold["card_id"]]
    assert report.json()[0]["stored_value"] == -300_000
    assert requests.get(f"{head_office.url}/v1/reports/overdrawn", timeout=5).status_code == 401
    assert_exactly_once(head_office, a, b)
    assert_reconciled(a, b)


@pytest.mark.parametrize(
    "fault", ["refuse", "error_before", "error_after", "drop_after", "delay_after"]
)
def test_network_faults_never_duplicate_or_lose(
    fault: str, tmp_path: Path, head_office: HeadOfficeEnv
) -> None:
    proxy = FaultProxy(head_office.server.port)
    # The delay outlasts the till's timeout by a second, and the timeout leaves head office
    # time to answer an honest request on a loaded CI machine (1 s failed there now and then).
    till = make_till(tmp_path, "till-f", head_office, base_url=proxy.url, timeout=2.5)
    try:
        till.worker.sync_once()
        open_counter(till)
        shop_day(till)
        for path in ("/v1/push", "/v1/pull"):
            proxy.inject(fault, path, delay=3.5)
            assert till.worker.run_cycle() is False
            assert till.worker.snapshot().online is False
            till.loyalty.checkout(new_id(), till.cashier, None, 99_000)
            assert till.worker.run_cycle() is True
            assert_exactly_once(head_office, till)
        if fault in ("error_after", "drop_after", "delay_after"):
            assert sum("/v1/push" in line for line in proxy.forwarded) >= 2
        assert_reconciled(till)
    finally:
        till.close()
        proxy.close()


def test_till_killed_between_push_and_ack(tmp_path: Path, head_office: HeadOfficeEnv) -> None:
    till = make_till(tmp_path, "till-k", head_office)
    till.worker.sync_once()
    open_counter(till)
    shop_day(till)
    with till.store.read() as s:
        entries = syncstore.pending_entries(s, till.store.till_id, 0, 1000)
    first = till.client.push(entries)  # head office commits; the till "dies" before storing it
    assert first.acked_seq == len(entries) and first.inserted == len(entries)
    path, secret = till.store.path, till.client.secret
    till.close()
    from loyalty_core.store import Store
    from sync.till.client import HeadOfficeClient

    store = Store.open(path)
    client = HeadOfficeClient(head_office.url, store.till_id, secret)
    worker = SyncWorker(store, client, reconcile_at=None)
    with store.read() as s:
        assert syncstore.acked(s)[0] == 0
    again = client.push(entries)
    assert again.inserted == 0 and again.duplicates == len(entries)
    worker.sync_once()
    assert head_office.ho.journal_count() == len(entries)
    with store.read() as s:
        assert syncstore.acked(s)[0] == len(entries)
    report = worker.reconcile()
    assert report.differences == []
    client.close()
    store.close()


def test_worker_thread_backs_off_and_recovers(two_tills: tuple[Till, Till],
                                              head_office: HeadOfficeEnv) -> None:
    a, b = two_tills
    states: list[object] = []
    a.worker.on_change = states.append
    head_office.server.stop()
    a.worker.start()
    shop_day(a)
    a.worker.wake()
    # The waiting count is refreshed at the end of each failed cycle: wait for one that began
    # after the day's entries were written, rather than racing the thread.
    assert wait_until(
        lambda: a.worker.failures >= 3 and a.worker.snapshot().entries_waiting > 0, 10
    )
    snap = a.worker.snapshot()
    assert snap.running and not snap.online and snap.entries_waiting > 0
    # The counter keeps working while the worker retries.
    a.loyalty.checkout(new_id(), a.cashier, None, 50_000)
    head_office.server.start()
    a.worker.wake()
    assert wait_until(lambda: a.worker.snapshot().entries_waiting == 0
                      and a.worker.snapshot().online, 15)
    a.worker.stop()
    assert a.worker.snapshot().last_success is not None
    assert a.worker.snapshot().last_error is None
    assert states, "the callback saw state changes"
    b.worker.sync_once()
    assert_exactly_once(head_office, a, b)


def test_reconcile_reports_and_does_not_overwrite(two_tills: tuple[Till, Till],
                                                  head_office: HeadOfficeEnv) -> None:
    a, _b = two_tills
    enrolled = shop_day(a)
    a.worker.sync_once()
    from sqlalchemy import update

    from sync.headoffice import schema

    card_id = str(enrolled["card_id"])
    with head_office.ho.engine.begin() as conn:  # someone edits head office's copy by hand
        conn.execute(
            update(schema.balances)
            .where(schema.balances.c.card_id == card_id,
                   schema.balances.c.account == "points")
            .values(amount=schema.balances.c.amount + 7)
        )
    before = a.loyalty.customer_view(str(enrolled["card_number"]))["balances"]
    report = a.worker.reconcile()
    assert [(d["card_id"], d["account"], d["head_office_value"] - d["till_value"])
            for d in report.differences] == [(card_id, "points", 7)]
    assert a.loyalty.customer_view(str(enrolled["card_number"]))["balances"] == before
    assert a.worker.snapshot().reconcile_differences == 1


def test_pulled_reward_catalog_is_offered_and_redeemed(two_tills: tuple[Till, Till],
                                                       head_office: HeadOfficeEnv) -> None:
    """Head office's catalog and this store's stock reach the till's rewards screen."""
    a, _b = two_tills
    from tests.sync.conftest import STORE

    for reward in (
        {"id": "coc-su", "store_id": STORE, "name": "Cốc sứ", "points_cost": 50, "stock": 1,
         "active": True},
        {"id": "loa", "store_id": STORE, "name": "Loa", "points_cost": 10, "stock": 0,
         "active": True},
        {"id": "tui", "store_id": "store-other", "name": "Túi", "points_cost": 10, "stock": 9,
         "active": True},
    ):
        resp = requests.put(f"{head_office.url}/v1/admin/rewards", json=reward,
                            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=10)
        assert resp.status_code == 200, resp.text
    a.worker.sync_once()
    card = a.loyalty.enroll_member(new_id(), a.cashier, "Lý Thu Thảo")["card_number"]
    a.loyalty.checkout(new_id(), a.cashier, card, 1_000_000)
    offered = a.loyalty.rewards_available(card)
    assert [(r["name"], r["stock"]) for r in offered] == [("Cốc sứ", 1)]
    a.loyalty.redeem_reward(new_id(), a.cashier, card, "coc-su")
    assert a.loyalty.rewards_available(card) == []


def test_batches_too_big_for_the_body_limit_are_halved(two_tills: tuple[Till, Till],
                                                        head_office: HeadOfficeEnv) -> None:
    """A batch head office refuses as too large (413) is sent in halves, never retried whole."""
    a, b = two_tills
    head_office.server.stop()
    head_office.server.max_bytes = 24_000  # about 30 entries a request
    head_office.server.start()
    for _ in range(12):
        shop_day(a)  # about 100 entries waiting
    with a.store.read() as s:
        waiting = syncstore.pending_count(s, a.store.till_id)
    assert waiting > 60
    a.worker.sync_once()
    b.worker.sync_once()
    assert_exactly_once(head_office, a, b)
    assert_reconciled(a, b)
