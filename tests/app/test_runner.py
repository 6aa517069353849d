from __future__ import annotations

import threading
from typing import Any

from app.runner import CollectionOp, OpChanges, QueryOp, Runner
from loyalty_core.engine import Loyalty
from loyalty_core.errors import LoyaltyError
from tests.app.conftest import WAIT, Shop


def test_work_runs_off_the_gui_thread_and_results_come_back_on_it(
    qtbot: Any, shop: Shop
) -> None:
    runner = Runner()
    runner.set_engine(shop.loyalty)
    gui = threading.get_ident()
    seen: dict[str, Any] = {}

    def work(loyalty: Loyalty) -> int:
        seen["worker"] = threading.get_ident()
        seen["engine"] = loyalty
        return 42

    def done(value: int) -> None:
        seen["callback"] = threading.get_ident()
        seen["value"] = value

    busy: list[bool] = []
    runner.busy_changed.connect(lambda b, _label: busy.append(b))
    QueryOp(runner, work, done).run_in_background()
    qtbot.waitUntil(lambda: "value" in seen, timeout=WAIT)
    assert seen["worker"] != gui and seen["callback"] == gui and seen["value"] == 42
    assert seen["engine"] is shop.loyalty  # the runner hands the engine in
    assert busy == [True, False]


def test_operations_run_in_the_order_given(qtbot: Any) -> None:
    runner = Runner()
    order: list[int] = []
    for i in range(20):
        runner.submit(lambda i=i: i, success=order.append)
    qtbot.waitUntil(lambda: len(order) == 20, timeout=WAIT)
    assert order == list(range(20))


def test_refusal_goes_to_failure_and_changes_are_announced(qtbot: Any, shop: Shop) -> None:
    runner = Runner()
    runner.set_engine(shop.loyalty)
    failures: list[BaseException] = []
    changes: list[OpChanges] = []
    runner.changed.connect(changes.append)

    def refuse(_loyalty: Loyalty) -> None:
        raise LoyaltyError("card.blocked", "blocked", reason="lost")

    CollectionOp(runner, refuse, lambda _r: OpChanges("x")).failure(
        failures.append
    ).run_in_background()
    CollectionOp(
        runner, lambda _lo: {"ok": 1}, lambda r: OpChanges("sale", "8801", r)
    ).run_in_background()
    qtbot.waitUntil(lambda: bool(failures) and bool(changes), timeout=WAIT)
    assert getattr(failures[0], "code", None) == "card.blocked"
    assert changes == [OpChanges("sale", "8801", {"ok": 1})]


def test_unhandled_errors_reach_the_failed_signal(qtbot: Any) -> None:
    runner = Runner()
    with qtbot.waitSignal(runner.failed, timeout=WAIT) as blocker:
        runner.submit(lambda: 1 // 0)
    assert isinstance(blocker.args[0], ZeroDivisionError)


def test_an_op_before_the_engine_is_open_fails_in_words(qtbot: Any) -> None:
    runner = Runner()
    failures: list[BaseException] = []
    QueryOp(runner, lambda lo: lo.till_name(), lambda _v: None).failure(
        failures.append
    ).run_in_background()
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT)
    assert isinstance(failures[0], RuntimeError) and "not open" in str(failures[0])
