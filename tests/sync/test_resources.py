"""Every limited resource coordinated (issue 12), against a real head office on loopback.

Stored value, points, a single-use voucher and the last unit of a reward:
- three tills offline: each decides within its share of the chain's offline limits (or a
  supervisor overrides), the total overuse stays within docs/SYNC.md's formula, head office
  flags the card for every resource, and every till shows the flag after its next pull, with
  `verify` clean everywhere (the overdraw is a debt, not a broken database);
- two tills online at once (threads racing holds): never an overdraw;
- a till that dies between its commit and the confirm: the pushed entries settle the hold.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.rules import DEFAULT_RULES
from loyalty_core.store import Store
from loyalty_core.verify import verify_store
from sync.headoffice import schema as t
from sync.till.allowance import Item
from sync.till.client import HeadOfficeClient
from sync.till.holds import SpendHold, hold_for, reward_hold
from sync.till.offline import StoredValueGuard
from sync.wire.models import RewardOut
from tests.sync.conftest import STORE, HeadOfficeEnv, Till, make_till, open_counter

REWARD = "r-cup"
SV_LIMIT = DEFAULT_RULES["offline_stored_value_limit"]
POINTS_LIMIT = DEFAULT_RULES["offline_points_limit"]


@pytest.fixture
def three_tills(tmp_path: Path, head_office: HeadOfficeEnv) -> Iterator[list[Till]]:
    head_office.ho.set_reward(RewardOut(id=REWARD, store_id=STORE, name="Ly sứ", points_cost=50,
                                        stock=1, active=True))
    tills = [make_till(tmp_path, f"till-{n}", head_office) for n in "abc"]
    for till in tills:
        till.worker.sync_once()  # staff, rules, the reward and the chain's till count
        open_counter(till)
    try:
        yield tills
    finally:
        for till in tills:
            till.close()


def sync_all(tills: list[Till]) -> None:
    """Push everything, then every till pulls what the others pushed (and the flags)."""
    for till in tills + tills:
        till.worker.sync_once()


def customer(a: Till) -> dict[str, Any]:
    """A member with 200,000 đ stored value, 300 points and a single-use voucher of their own."""
    enrolled = a.loyalty.enroll_member(new_id(), a.cashier, "Phạm Thu Trang", phone="0903123456",
                                       card_kind="combined")
    number = str(enrolled["card_number"])
    a.loyalty.top_up(new_id(), a.cashier, number, 200_000)
    a.loyalty.checkout(new_id(), a.cashier, number, 3_000_000)  # 300 points
    today = date.today()
    voucher = a.loyalty.issue_vouchers(
        new_id(), a.cashier, kind="fixed", value=10_000, valid_from=today.isoformat(),
        valid_to=(today + timedelta(days=30)).isoformat(), member_id=enrolled["member_id"],
    )["codes"][0]
    view = a.loyalty.customer_view(number)
    assert view["balances"]["stored_value"] == 200_000 and view["balances"]["points"] == 300
    return {"number": number, "card_id": str(view["card_id"]), "voucher": voucher}


def approved(till: Till, run: Callable[[str | None], Any]) -> Any:
    """`run(None)`; if only a supervisor can let it through offline, ask one and run again."""
    try:
        return run(None)
    except ApprovalRequired as asked:
        approval = till.loyalty.approve(str(asked.params["operation"]), dict(asked.params),
                                        till.cashier, code="2001", pin="5678",
                                        amount=int(asked.params["value"]))
        return run(approval)


def test_three_tills_offline_overuse_is_bounded_flagged_and_seen_everywhere(
    three_tills: list[Till], head_office: HeadOfficeEnv
) -> None:
    tills = three_tills
    c = customer(tills[0])
    sync_all(tills)
    assert [t_.loyalty.customer_view(c["number"])["balances"]["points"] for t_ in tills] == [300] * 3
    head_office.server.stop()
    spent_sv = spent_points = 0
    decisions: list[str] = []
    for till in tills:
        guard = StoredValueGuard(till.store, till.client)
        # Each till's share of the chain's limits, never the whole limit.
        assert guard.allowance(c["card_id"], Item("stored_value", 1)) == min(200_000, SV_LIMIT // 3)
        op = new_id()

        def sale(approval: str | None, till: Till = till, guard: StoredValueGuard = guard,
                 op: str = op) -> dict[str, Any]:
            hold = hold_for(guard, c["card_id"], 150_000, op, approval, points=100,
                            voucher_code=c["voucher"])
            assert hold is not None
            return hold.run(lambda: till.loyalty.checkout(
                op, till.cashier, c["number"], 300_000, points_to_redeem=100,
                stored_value_to_use=150_000, voucher_code=c["voucher"]))

        sold = approved(till, sale)  # a single-use voucher is never anyone's offline share
        assert sold["stored_value_used"] == 150_000
        spent_sv += 150_000
        spent_points += 100
        reward_op = new_id()

        def reward(approval: str | None, till: Till = till, guard: StoredValueGuard = guard,
                   op: str = reward_op) -> dict[str, Any]:
            hold = reward_hold(guard, c["card_id"], REWARD[:32], op, approval)
            assert hold is not None
            result = hold.run(lambda: till.loyalty.redeem_reward(op, till.cashier, c["number"],
                                                                 REWARD[:32]))
            decisions.append(hold.decision.mode if hold.decision else "")
            return result

        approved(till, reward)  # the last unit: no till's share either
        spent_points += 50
    assert decisions == ["override"] * 3
    head_office.server.start()
    sync_all(tills)

    ho = head_office.ho
    sv, points = ho.balance(c["card_id"], "stored_value"), ho.balance(c["card_id"], "points")
    assert sv == 200_000 - spent_sv < 0
    assert points < 0
    # docs/SYNC.md: per card and shop day, N tills offline overdraw at most N·⌊L/N⌋ − B.
    assert -sv <= 3 * (SV_LIMIT // 3) - 200_000
    assert -points <= 3 * (POINTS_LIMIT // 3) - 300
    with ho.engine.connect() as conn:
        uses = conn.execute(select(t.voucher_uses.c.uses, t.voucher_uses.c.max_uses)).one()
        stock = conn.execute(select(t.reward_stock.c.received, t.reward_stock.c.taken)).one()
    assert (uses.uses, uses.max_uses) == (3, 1)
    assert (stock.received, stock.taken) == (1, 3)
    [flagged] = ho.flagged()
    assert flagged.card_id == c["card_id"]
    assert flagged.flagged == "overdrawn,points,voucher,reward"
    # Voucher and reward overuse beyond supervisors' overrides: 2 each (one use was there).
    assert sorted((o["resource"], o["over"]) for o in flagged.overuse) == [
        ("reward", 1), ("reward", 2), ("voucher", 1), ("voucher", 2)]
    for till in tills:
        view = till.loyalty.customer_view(c["number"])
        assert view["flagged"] == "overdrawn,points,voucher,reward"
        assert view["balances"]["stored_value"] == sv
        assert view["balances"]["points"] == points
        guard = StoredValueGuard(till.store, till.client)
        assert guard.offline_allowance(c["card_id"]) == 0  # a flagged card is held online only
        assert verify_store(till.store) == []  # a flagged debt, never a broken till


def race(tills: list[Till], attempt: Callable[[Till], Any]) -> list[Any]:
    """Both tills call `attempt` at the same moment, each on its own thread."""
    barrier = threading.Barrier(len(tills))
    results: list[Any] = [None] * len(tills)

    def go(i: int) -> None:
        barrier.wait(10)
        try:
            results[i] = attempt(tills[i])
        except LoyaltyError as refused:
            results[i] = refused

    threads = [threading.Thread(target=go, args=(i,)) for i in range(len(tills))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    return results


def test_two_tills_online_at_once_never_overdraw(
    three_tills: list[Till], head_office: HeadOfficeEnv
) -> None:
    tills = three_tills[:2]
    c = customer(tills[0])
    sync_all(three_tills)
    # A generous budget: these tests are about who wins, not how fast (a loaded test machine
    # must not turn a slow answer into an offline decision).
    guards = {id(t_): StoredValueGuard(t_.store, t_.client, budget_s=10) for t_ in tills}

    def spend(items: tuple[Item, ...]) -> Callable[[Till], Any]:
        def attempt(till: Till) -> Any:
            return guards[id(till)].authorise_items(c["card_id"], items, new_id())
        return attempt

    with tills[0].store.read() as s:
        from loyalty_core import syncallowance
        voucher = syncallowance.voucher(s, c["voucher"])
    assert voucher is not None
    for items, code in (
        ((Item("stored_value", 150_000),), "stored_value.refused_by_head_office"),
        ((Item("points", 200),), "points.insufficient"),
        ((Item("voucher", 1, voucher[0]),), "voucher.used_up"),
        ((Item("reward", 1, REWARD),), "reward.out_of_stock"),
    ):
        results = race(tills, spend(items))
        won = [r for r in results if not isinstance(r, LoyaltyError)]
        lost = [r for r in results if isinstance(r, LoyaltyError)]
        assert len(won) == 1 and [r.code for r in lost] == [code], results
        assert won[0].mode == "online"
    with head_office.ho.engine.connect() as conn:
        held = conn.execute(select(t.reservations.c.resource, t.reservations.c.status)).all()
    assert sorted(held) == [("points", "held"), ("reward", "held"), ("stored_value", "held"),
                            ("voucher", "held")]
    assert head_office.ho.flagged() == []


def test_online_sales_racing_end_with_nothing_overdrawn(
    three_tills: list[Till], head_office: HeadOfficeEnv
) -> None:
    """Whole sales (hold, commit, confirm) from two tills at once, several rounds."""
    tills = three_tills[:2]
    c = customer(tills[0])
    sync_all(three_tills)
    # A generous budget: these tests are about who wins, not how fast (a loaded test machine
    # must not turn a slow answer into an offline decision).
    guards = {id(t_): StoredValueGuard(t_.store, t_.client, budget_s=10) for t_ in tills}

    def sale(till: Till) -> Any:
        op = new_id()
        hold = SpendHold(guards[id(till)], c["card_id"], 60_000, op,
                         items=(Item("stored_value", 60_000), Item("points", 80)))
        return hold.run(lambda: till.loyalty.checkout(
            op, till.cashier, c["number"], 200_000, points_to_redeem=80,
            stored_value_to_use=60_000))

    won = 0
    for _ in range(3):
        results = race(tills, sale)
        won += sum(not isinstance(r, LoyaltyError) for r in results)
        for till in tills:
            till.worker.sync_once()
    sync_all(three_tills)
    ho = head_office.ho
    assert won == 3  # 200,000 đ holds three spends of 60,000; 300 points three of 80
    assert ho.balance(c["card_id"], "stored_value") == 200_000 - won * 60_000 >= 0
    assert ho.balance(c["card_id"], "points") >= 0
    assert ho.flagged() == []
    with ho.engine.connect() as conn:
        statuses = set(conn.execute(select(t.reservations.c.status)).scalars())
    assert statuses <= {"settled"}


def test_a_hold_survives_a_crash_between_commit_and_confirm(
    three_tills: list[Till], head_office: HeadOfficeEnv
) -> None:
    a = three_tills[0]
    c = customer(a)
    sync_all(three_tills)
    guard = StoredValueGuard(a.store, a.client, budget_s=10)
    op = new_id()
    decision = guard.authorise_items(
        c["card_id"], (Item("stored_value", 120_000), Item("points", 100)), op)
    assert decision.mode == "online" and decision.hold_id is not None
    a.loyalty.checkout(op, a.cashier, c["number"], 300_000, points_to_redeem=100,
                       stored_value_to_use=120_000)
    # The till dies here: no confirm. Head office still holds both (a third till cannot take
    # what the sale took), until the entries arrive.
    path, secret = a.store.path, a.client.secret
    a.close()
    other = StoredValueGuard(three_tills[1].store, three_tills[1].client, budget_s=10)
    with pytest.raises(LoyaltyError) as refused:
        other.authorise_items(c["card_id"], (Item("stored_value", 100_000),), new_id())
    assert refused.value.params["available"] == 80_000
    store = Store.open(path)
    a.store, a.client = store, HeadOfficeClient(head_office.url, store.till_id, secret)
    from sync.till.worker import SyncWorker

    a.worker = SyncWorker(store, a.client, reconcile_at=None)
    a.worker.sync_once()
    with head_office.ho.engine.connect() as conn:
        rows = conn.execute(
            select(t.reservations.c.resource, t.reservations.c.status).where(
                t.reservations.c.hold_id == decision.hold_id)
        ).all()
    assert sorted(rows) == [("points", "settled"), ("stored_value", "settled")]
    assert head_office.ho.balance(c["card_id"], "stored_value") == 80_000
    # Settled, not counted twice: 80,000 đ is there to hold, no more.
    ok = other.authorise_items(c["card_id"], (Item("stored_value", 80_000),), new_id())
    assert ok.mode == "online"
    assert other.release(ok)


def test_an_n_use_voucher_held_by_three_tills_at_once_gives_n_uses(
    three_tills: list[Till], head_office: HeadOfficeEnv
) -> None:
    a = three_tills[0]
    today = date.today()
    code = a.loyalty.issue_vouchers(
        new_id(), a.cashier, kind="percent", value=1_000, valid_from=today.isoformat(),
        valid_to=(today + timedelta(days=30)).isoformat(), max_uses=2,
    )["codes"][0]
    sync_all(three_tills)
    with a.store.read() as s:
        from loyalty_core import syncallowance
        found = syncallowance.voucher(s, code)
    assert found is not None
    guards = {id(t_): StoredValueGuard(t_.store, t_.client, budget_s=10) for t_ in three_tills}
    results = race(three_tills, lambda till: guards[id(till)].authorise_items(
        None, (Item("voucher", 1, found[0]),), new_id()))
    assert sum(not isinstance(r, LoyaltyError) for r in results) == 2
    assert [r.code for r in results if isinstance(r, LoyaltyError)] == ["voucher.used_up"]
    # A released hold gives its use back (only the till that holds it can release it).
    n, winner = next((n, r) for n, r in enumerate(results) if not isinstance(r, LoyaltyError))
    loser = next(n for n, r in enumerate(results) if isinstance(r, LoyaltyError))
    assert not guards[id(three_tills[loser])].release(winner)
    assert guards[id(three_tills[n])].release(winner)
    again = guards[id(three_tills[loser])].authorise_items(
        None, (Item("voucher", 1, found[0]),), new_id())
    assert again.mode == "online"


def test_a_head_office_slower_than_the_counters_budget_counts_as_unreachable(
    tmp_path: Path, head_office: HeadOfficeEnv
) -> None:
    """The hold is out longer than the budget: the till decides within its offline share
    instead of making the customer wait (the late hold expires, or the sale's entry settles it)."""
    from tests.sync.faultproxy import FaultProxy

    a = make_till(tmp_path, "till-slow", head_office)
    proxy = FaultProxy(head_office.server.port)
    try:
        a.worker.sync_once()
        open_counter(a)
        c = customer(a)
        a.worker.sync_once()
        slow = HeadOfficeClient(proxy.url, a.store.till_id, a.client.secret)
        guard = StoredValueGuard(a.store, slow, budget_s=0.3)
        proxy.inject("delay_after", "/v1/holds", delay=1.5)
        decision = guard.authorise_items(c["card_id"], (Item("stored_value", 50_000),), new_id())
        assert decision.mode == "offline"
        # Answering in time, the same guard holds online.
        assert guard.authorise_items(
            c["card_id"], (Item("stored_value", 50_000),), new_id()).mode == "online"
        slow.close()
    finally:
        proxy.close()
        a.close()
