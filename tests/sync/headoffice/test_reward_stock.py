"""Reward stock at head office is movements (issue 12): a redemption pushed before head office
defined the reward is counted, never judged against a stock of nothing, and the definition then
brings its opening stock; an edit never resets it; holds see received − taken − held."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loyalty_core.canonical import GENESIS_HASH, entry_hash
from loyalty_core.ids import iso_utc, new_id, utcnow
from sync.headoffice.db import make_engine, migrate
from sync.headoffice.office import HeadOffice, ServiceError, TillIdentity
from sync.headoffice.services.policy import TrustPolicy
from sync.wire.models import HoldItem, HoldRequest, RewardOut, StockMove, WireEntry

STORE = "s1"


def redemptions(till_id: str, n: int, reward_id: str) -> list[WireEntry]:
    out: list[WireEntry] = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        wire: dict[str, Any] = {
            "id": new_id(), "till_id": till_id, "seq": seq, "created_at": iso_utc(utcnow()),
            "kind": "reward.redeem", "card_id": f"card-{seq}", "account": "points",
            "amount": -10, "operation_id": new_id(), "sale_id": None, "staff_id": None,
            "approval_id": None, "rule_version": 1, "reason": None,
            "payload": {"lots": [], "reward_id": reward_id, "store_id": STORE, "name": "Ly"},
            "prev_hash": prev,
        }
        wire["hash"] = entry_hash(wire)
        prev = wire["hash"]
        out.append(WireEntry.model_validate(wire))
    return out


@pytest.fixture
def ho(tmp_path: Path) -> HeadOffice:
    engine = make_engine(str(tmp_path / "ho.sqlite3"))
    migrate(engine)
    office = HeadOffice(engine)
    office.ctx.policy = TrustPolicy(judge=False)  # synthetic entries: stock is the subject
    return office


def reward(stock: int, name: str = "Ly sứ") -> RewardOut:
    return RewardOut(id="r1", store_id=STORE, name=name, points_cost=10, stock=stock,
                     active=True)


def hold(ho: HeadOffice, till: TillIdentity, amount: int = 1) -> Any:
    return ho.hold(till, HoldRequest(hold_id=new_id(), operation_id=new_id(), items=[
        HoldItem(resource="reward", subject="r1", amount=amount)]))


def test_stock_is_movements_and_redemptions(ho: HeadOffice) -> None:
    reg = ho.register(ho.create_enrolment_code(STORE).code, "till-x", "Quầy x")
    till = TillIdentity(reg.till_id, STORE)
    # Two redemptions of a reward head office has not defined yet: counted, not judged.
    ho.push(till, redemptions("till-x", 2, "r1"))
    # (Synthetic cards with no points: each is flagged for points, none for the reward.)
    assert [f.flagged for f in ho.flagged()] == ["points", "points"]
    assert hold(ho, till).items[0].available is None  # not defined here: not coordinated
    ho.set_reward(reward(5))  # its opening stock
    ho.set_reward(reward(99, "Ly sứ mới"))  # an edit: the stock stays
    first = hold(ho, till)
    # 5 received − 2 taken − 1 held earlier (unchecked, still live) − this one = 1.
    assert first.items[0].available == 1
    with pytest.raises(ServiceError) as refused:
        hold(ho, till, 2)
    assert refused.value.code == "reserve.insufficient"
    assert ho.move_stock(StockMove(reward_id="r1", store_id=STORE, quantity=3)) == 8
    assert hold(ho, till, 2).items[0].available == 2
    with pytest.raises(ServiceError):
        ho.move_stock(StockMove(reward_id="nope", store_id=STORE, quantity=1))


def test_holds_expire_and_a_late_confirm_is_refused(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    now = [datetime(2026, 12, 1, 8, 0, tzinfo=UTC)]
    engine = make_engine(str(tmp_path / "ho.sqlite3"))
    migrate(engine)
    ho = HeadOffice(engine, reservation_ttl=timedelta(minutes=5), clock=lambda: now[0])
    reg = ho.register(ho.create_enrolment_code(STORE).code, "till-y", "Quầy y")
    till = TillIdentity(reg.till_id, STORE)
    ho.set_reward(reward(1))
    held = hold(ho, till)
    assert held.items[0].available == 0
    with pytest.raises(ServiceError):
        hold(ho, till)  # the last unit is held
    now[0] += timedelta(minutes=6)
    with pytest.raises(ServiceError) as late:
        ho.confirm_hold(till, held.hold_id, new_id())
    assert late.value.code == "reserve.expired"
    assert hold(ho, till).items[0].available == 0  # expired: the unit is there again
    engine.dispose()
