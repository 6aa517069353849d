"""A reward redeemed on a registered till: its points and its unit of stock are held at head
office around the redemption, each step on its lane (issue 12), and a flagged card says so on
the customer panel."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.mainwindow import MainWindow
from app.operations import rewards
from app.operations.holds import HeldOp
from loyalty_core.ids import new_id
from sync.headoffice.schema import card_flags, reservations
from sync.till.worker import SyncWorker
from sync.wire.models import RewardOut
from tests.app.conftest import WAIT, Shop, log_in, present
from tests.app.test_network_lane import Online, online  # noqa: F401  (the fixture)


def test_a_reward_is_held_at_head_office_around_the_redemption(
    qtbot: Any, shop: Shop, online: Online  # noqa: F811
) -> None:
    online.client.gate.set()
    online.head_office.ho.set_reward(RewardOut(id="r-mug", store_id="main", name="Cốc sứ",
                                               points_cost=300, stock=2, active=True))
    SyncWorker(shop.store, online.client).sync_once()
    from app.runner import Runner

    runner = Runner()
    runner.set_engine(shop.loyalty)
    card_id = shop.loyalty.customer_view(shop.combined)["card_id"]
    op = rewards.redeem_reward(runner, new_id(), shop.cashier_id, shop.combined, "r-mug",
                               approval_id=None, guard=online.guard, card_id=card_id)
    assert isinstance(op, HeldOp)
    done: list[dict[str, Any]] = []
    op.success(done.append).run_in_background()
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    assert done[0]["points"] == 300
    [hold_id] = online.client.reserved
    with online.head_office.engine.connect() as conn:
        rows = conn.execute(
            select(reservations.c.resource, reservations.c.subject, reservations.c.status)
            .where(reservations.c.hold_id == hold_id)
        ).all()
    assert sorted(rows) == [("points", None, "confirmed"), ("reward", "r-mug", "confirmed")]
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT)


def test_the_customer_panel_shows_head_office_flags(
    qtbot: Any, till: MainWindow, shop: Shop, online: Online  # noqa: F811
) -> None:
    card_id = shop.loyalty.customer_view(shop.combined)["card_id"]
    with online.head_office.engine.begin() as conn:
        conn.execute(card_flags.insert().values(card_id=card_id, flagged="points,voucher",
                                                stored_value=0, flagged_at="2026-12-01",
                                                change_seq=10**6))
    SyncWorker(shop.store, online.client).sync_once()
    log_in(qtbot, till)
    present(qtbot, till, shop.combined)
    status = till.counter.panel._fields["status"]
    qtbot.waitUntil(lambda: "flagged by head office" in status.text(), timeout=WAIT)
    assert "points overdrawn" in status.text()
    assert "voucher used more than allowed" in status.text()
