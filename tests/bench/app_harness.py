"""Runs in its own process for `make bench`: the cashier program on the bench database.

Measures reader event -> customer panel painted (offscreen Qt), through the same route a real
reader's event takes (ReaderHub -> main window -> runner -> engine -> panel), and the process's
resident memory once it has shown many customers.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app import i18n  # noqa: E402
from app.context import AppContext  # noqa: E402
from app.mainwindow import MainWindow  # noqa: E402
from app.readers import ReaderHub  # noqa: E402
from app.runner import Runner  # noqa: E402
from hardware.events import CardPresented  # noqa: E402
from loyalty_core.engine import Loyalty  # noqa: E402
from loyalty_core.store import Store  # noqa: E402


def wait_for(app: QApplication, done: object, timeout_s: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not reach the expected state")
        app.processEvents()
        time.sleep(0.0002)


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(db: str, numbers: list[str], n: int) -> dict[str, float]:
    app = QApplication(sys.argv[:1])
    i18n.install_language(app, "vi")
    ctx = AppContext(Runner(), ReaderHub())
    ctx.set_loyalty(Loyalty(Store.open(db)))
    window = MainWindow(ctx)
    window.show()
    window.login.code.setText("bench")
    window.login.pin.setText("1234")
    window.login.submit()
    wait_for(app, lambda: window.page in ("shift", "counter"))
    if window.page == "shift":
        window.shift.float_edit.setText("1.000.000")
        window.shift.submit()
        wait_for(app, lambda: window.page == "counter")
    rng = random.Random(3)
    samples: list[float] = []
    for _ in range(n):
        number = rng.choice(numbers)
        t0 = time.perf_counter()
        ctx.hub.sink(CardPresented("bench reader", card_number=number))
        wait_for(
            app,
            lambda number=number: (
                window.counter.panel.view is not None
                and window.counter.panel.view["number"] == number
            ),
        )
        window.counter.panel.repaint()  # painted, not just scheduled
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return {
        "swipe_to_panel_p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 3),
        "swipe_to_panel_p50_ms": round(samples[len(samples) // 2], 3),
        "rss_mb": round(rss_mb(), 1),
    }


if __name__ == "__main__":
    args = json.loads(sys.stdin.read())
    print(json.dumps(main(args["db"], args["numbers"], args["n"])), flush=True)
    # Skip interpreter finalisation: PySide6 6.12 can abort while garbage-collecting Qt objects
    # at exit ("bool_dealloc"), which has nothing to do with what was measured.
    os._exit(0)
