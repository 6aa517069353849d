"""Head office on its own lane: a stored-value hold waiting on the network never holds up the
till's database work, and the hold ends as before (confirmed after the sale, released when the
sale did not commit).

Head office here is the real one, served on loopback in this test's process, and the till is registered
and synced with it; only the client's reserve is made to wait at a gate, as a slow head office
would make it wait.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from app.mainwindow import MainWindow
from app.operations import cards, sales
from app.runner import NETWORK, OpChanges, Runner
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from sync.headoffice.embedded import EmbeddedHeadOffice
from sync.headoffice.schema import reservations
from sync.headoffice.services.policy import TrustPolicy
from sync.till.allowance import Item
from sync.till.client import HeadOfficeClient, Unreachable
from sync.till.holds import SpendHold, hold_for
from sync.till.offline import StoredValueGuard
from sync.till.registration import client_for, register_till
from sync.till.worker import SyncWorker
from sync.wire.models import HoldOut, HoldRequest
from tests.app.conftest import WAIT, Shop, log_in, present

GATE_SECONDS = WAIT / 1000 * 2  # a reserve never waits longer than this, even if a test fails


class GatedClient(HeadOfficeClient):
    """The till's real client, whose reserve first waits at `gate`: a head office that is slow
    to answer. `reserved` lists the reservation ids head office was asked to hold."""

    def __init__(self, client: HeadOfficeClient) -> None:
        super().__init__(client.base_url, client.till_id, client.secret)
        self.gate = threading.Event()
        self.waiting = threading.Event()
        self.reserved: list[str] = []

    def hold(self, req: HoldRequest, timeout: float | None = None) -> HoldOut:
        # Issue 12: the counter holds every limited resource through `/holds` (one call).
        self.waiting.set()
        self.gate.wait(GATE_SECONDS)
        self.reserved.append(req.hold_id)
        return super().hold(req, timeout)


@dataclass
class Online:
    client: GatedClient
    guard: StoredValueGuard
    head_office: EmbeddedHeadOffice


@pytest.fixture
def online(shop: Shop) -> Iterator[Online]:
    """The shop's till registered with a head office that knows its cards; no offline limit,
    so every stored-value spend is held at head office."""
    served = EmbeddedHeadOffice(f"sqlite:///{shop.store.path}-headoffice.sqlite3").start()
    # The shop fixture topped its cards up before any shift was open, which head office's trust
    # checks refuse (tests/sync/headoffice/test_hostile_till.py); lanes are the subject here.
    served.ho.ctx.policy = TrustPolicy(judge=False)
    register_till(shop.store, served.url, served.ho.create_enrolment_code("main").code, "Quầy 1")
    registered = client_for(shop.store)
    assert registered is not None
    SyncWorker(shop.store, registered).sync_once()
    registered.close()
    client = GatedClient(registered)
    try:
        yield Online(client, StoredValueGuard(shop.store, client, daily_limit=0), served)
    finally:
        client.gate.set()
        client.close()
        served.stop()


def at_head_office(online: Online, reservation_id: str) -> tuple[str, str | None]:
    """(status, operation id) of a hold, read from head office's own table."""
    with online.head_office.engine.connect() as conn:
        row = conn.execute(
            select(reservations.c.status, reservations.c.operation_id).where(
                reservations.c.hold_id == reservation_id
            )
        ).one()
    return str(row.status), row.operation_id


def test_db_lane_runs_while_the_network_lane_waits(qtbot: Any, shop: Shop) -> None:
    runner = Runner()
    runner.set_engine(shop.loyalty)
    gate = threading.Event()
    order: list[str] = []
    try:
        runner.submit(
            lambda: gate.wait(GATE_SECONDS), success=lambda _r: order.append("network"),
            lane=NETWORK,
        )
        cards.customer_view(
            runner, shop.member, lambda view: order.append(view["number"])
        ).run_in_background()
        qtbot.waitUntil(lambda: order == [shop.member], timeout=WAIT)
        assert runner.busy  # the network job is still out
    finally:
        gate.set()
    qtbot.waitUntil(lambda: order == [shop.member, "network"], timeout=WAIT)
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)


def test_a_lookup_completes_while_head_office_holds_the_sale(
    qtbot: Any, till: MainWindow, shop: Shop, online: Online
) -> None:
    till.ctx.sv_guard = online.guard
    log_in(qtbot, till)
    present(qtbot, till, shop.prepaid)
    till.counter.open_sale()
    dialog = till.counter.dialog
    dialog.amount.setText("60.000")
    dialog.stored.setText("60.000")
    dialog.confirm()
    assert online.client.waiting.wait(WAIT / 1000)  # the reserve is out, head office is slow
    looked_up: list[dict[str, Any]] = []
    cards.customer_view(till.ctx.runner, shop.member, looked_up.append).run_in_background()
    qtbot.waitUntil(lambda: bool(looked_up), timeout=WAIT)
    assert looked_up[0]["number"] == shop.member
    assert not online.client.gate.is_set() and dialog.result_data is None  # still waiting
    online.client.gate.set()
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    assert shop.balances(shop.prepaid)["stored_value"] == 200_000 - 60_000
    [reservation_id] = online.client.reserved
    assert at_head_office(online, reservation_id) == ("confirmed", dialog.operation_id)


def test_a_sale_that_does_not_commit_releases_its_hold(
    qtbot: Any, till: MainWindow, shop: Shop, online: Online
) -> None:
    online.client.gate.set()
    till.ctx.sv_guard = online.guard
    log_in(qtbot, till)
    present(qtbot, till, shop.prepaid)
    till.counter.open_sale()
    dialog = till.counter.dialog
    dialog.amount.setText("60.000")
    dialog.stored.setText("60.000")
    dialog.voucher.setText("KHONGCO")  # no such voucher: the checkout refuses
    qtbot.waitUntil(lambda: "Unknown voucher" in dialog.message.text(), timeout=WAIT)
    dialog.confirm()
    qtbot.waitUntil(lambda: bool(online.client.reserved), timeout=WAIT)
    qtbot.waitUntil(
        lambda: not dialog._submitting and "Unknown voucher" in dialog.message.text(),
        timeout=WAIT,
    )
    assert dialog.result_data is None
    assert shop.balances(shop.prepaid)["stored_value"] == 200_000
    [reservation_id] = online.client.reserved
    # The hold names its operation from the start (so a crash before confirm still settles).
    assert at_head_office(online, reservation_id) == ("released", dialog.operation_id)


def test_pay_hands_back_the_sale_and_how_its_hold_ended(
    qtbot: Any, shop: Shop, online: Online
) -> None:
    online.client.gate.set()
    runner = Runner()
    runner.set_engine(shop.loyalty)
    busy: list[bool] = []
    runner.busy_changed.connect(lambda b, _label: busy.append(b))
    changes: list[OpChanges] = []
    runner.changed.connect(changes.append)
    sale = sales.SaleRequest(
        operation_id=new_id(),
        cashier_id=shop.cashier_id,
        card_number=shop.prepaid,
        amount=70_000,
        stored_value=70_000,
    )
    card_id = shop.loyalty.customer_view(shop.prepaid)["card_id"]
    paid: list[sales.Paid] = []
    sales.pay(runner, sale, guard=online.guard, card_id=card_id).success(
        paid.append
    ).run_in_background()
    qtbot.waitUntil(lambda: bool(paid), timeout=WAIT)
    [result] = paid
    assert result.sale["stored_value_used"] == 70_000
    assert result.hold is not None and result.hold.committed and result.hold.acknowledged
    assert result.hold.decision.mode == "online"
    assert changes == [OpChanges("sale", shop.prepaid, result.sale)]
    assert busy == [True, False]  # one busy spell over the three steps on two lanes


def test_pay_without_a_guard_is_one_step_on_the_db_lane(qtbot: Any, shop: Shop) -> None:
    runner = Runner()
    runner.set_engine(shop.loyalty)
    sale = sales.SaleRequest(
        operation_id=new_id(),
        cashier_id=shop.cashier_id,
        card_number=shop.prepaid,
        amount=30_000,
        stored_value=30_000,
    )
    paid: list[sales.Paid] = []
    sales.pay(runner, sale, guard=None, card_id="any").success(paid.append).run_in_background()
    qtbot.waitUntil(lambda: bool(paid), timeout=WAIT)
    assert paid[0].hold is None and paid[0].sale["stored_value_used"] == 30_000


def test_split_approvals_gives_the_guard_its_override_and_the_engine_the_rest() -> None:
    assert sales.split_approvals({}, None) == (None, None)
    assert sales.split_approvals({"stored_value_offline": "A1"}, "A1") == ("A1", None)
    assert sales.split_approvals({"redeem": "A2"}, "A2") == (None, "A2")
    both = {"stored_value_offline": "A1", "redeem": "A2"}
    assert sales.split_approvals(both, "A1") == ("A1", "A2")  # the last asked was the guard's
    assert sales.split_approvals(both, "A2") == ("A1", "A2")


# -- sync.till.holds without the app's lanes


def test_hold_run_confirms_after_the_checkout(shop: Shop, online: Online) -> None:
    online.client.gate.set()
    card_id = shop.loyalty.customer_view(shop.prepaid)["card_id"]
    op = new_id()
    hold = SpendHold(online.guard, card_id, 50_000, op)
    result = hold.run(
        lambda: shop.loyalty.checkout(
            op, shop.cashier_id, shop.prepaid, 50_000, stored_value_to_use=50_000
        )
    )
    assert result["stored_value_used"] == 50_000
    assert hold.decision is not None and hold.decision.mode == "online"
    assert at_head_office(online, hold.decision.hold_id or "") == ("confirmed", op)


def test_hold_run_releases_when_the_checkout_fails(shop: Shop, online: Online) -> None:
    online.client.gate.set()
    card_id = shop.loyalty.customer_view(shop.prepaid)["card_id"]
    op = new_id()
    hold = SpendHold(online.guard, card_id, 50_000, op)
    with pytest.raises(LoyaltyError):
        hold.run(
            lambda: shop.loyalty.checkout(
                op, shop.cashier_id, shop.prepaid, 50_000, stored_value_to_use=50_000,
                voucher_code="KHONGCO",
            )
        )
    assert hold.decision is not None and hold.decision.hold_id is not None
    assert at_head_office(online, hold.decision.hold_id) == ("released", op)
    assert shop.balances(shop.prepaid)["stored_value"] == 200_000


def test_hold_settles_only_what_was_authorised(shop: Shop) -> None:
    guard = StoredValueGuard(shop.store, None, daily_limit=0)
    card_id = shop.loyalty.customer_view(shop.prepaid)["card_id"]
    hold = SpendHold(guard, card_id, 10_000, new_id())
    with pytest.raises(RuntimeError):
        hold.confirm()  # never authorised: nothing to confirm
    with pytest.raises(Unreachable):
        guard.hold(card_id, (Item("stored_value", 10_000),), new_id())  # no head office
    assert hold_for(None, card_id, 10_000, new_id()) is None  # an unregistered till
    assert hold_for(guard, None, 10_000, new_id()) is None  # a walk-in
    assert hold_for(guard, card_id, 0, new_id()) is None  # no stored value in the payment
    assert isinstance(hold_for(guard, card_id, 10_000, new_id()), SpendHold)
