"""Fixtures for the cashier program: a real till database written through the engine only.

Qt runs offscreen (a display-less test run would otherwise abort), and QSettings go to a
temporary directory so tests never read or change a real till's settings.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="loyalty-pos-test-config-")

import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from app import i18n  # noqa: E402
from app.context import AppContext  # noqa: E402
from app.mainwindow import MainWindow  # noqa: E402
from app.readers import ReaderHub, WedgeFilter  # noqa: E402
from app.runner import Runner  # noqa: E402
from hardware.events import CardPresented  # noqa: E402
from loyalty_core.engine import Loyalty  # noqa: E402
from loyalty_core.ids import new_id  # noqa: E402
from loyalty_core.store import Store  # noqa: E402

CASHIER_UID = "04A1B2C3D4"
SUPERVISOR_UID = "04D5E6F7A8"
WAIT = 10_000  # ms; generous for a loaded CI machine, never reached when things work


@dataclass
class Shop:
    loyalty: Loyalty
    store: Store
    cashier_id: str
    supervisor_id: str
    combined: str  # member "Lê Thu Hà": 1.000 points, 1.050.000 ₫ stored value
    member: str  # member "Phạm Quốc Bảo": points only
    prepaid: str  # no member: 200.000 ₫
    blocked: str  # blocked, reason "Khách báo mất thẻ"

    def balances(self, number: str) -> dict[str, int]:
        return self.loyalty.customer_view(number)["balances"]


@pytest.fixture
def shop(tmp_path: Any) -> Iterator[Shop]:
    store = Store.open(tmp_path / "till.sqlite3")
    lo = Loyalty(store)
    cashier = lo.add_staff("1001", "Nguyễn Thị Lan", "cashier", "1234", CASHIER_UID)
    supervisor = lo.add_staff("2001", "Trần Văn Minh", "supervisor", "5678", SUPERVISOR_UID)
    combined = lo.enroll_member(
        new_id(),
        cashier,
        "Lê Thu Hà",
        phone="0912345678",
        birthday="1990-05-17",
        card_kind="combined",
    )["card_number"]
    lo.top_up(new_id(), cashier, combined, 1_000_000)  # + 5 % bonus = 1.050.000
    lo.checkout(new_id(), cashier, combined, 10_000_000, stored_value_to_use=0)  # 1.000 points
    member = lo.enroll_member(new_id(), cashier, "Phạm Quốc Bảo", phone="0987654321")["card_number"]
    lo.checkout(new_id(), cashier, member, 2_000_000)  # 200 points
    prepaid = lo.issue_card(new_id(), cashier, "prepaid", activate=True)["number"]
    lo.top_up(new_id(), cashier, prepaid, 200_000)
    blocked = lo.enroll_member(new_id(), cashier, "Đỗ Minh Tâm")["card_number"]
    lo.set_card_status(new_id(), supervisor, blocked, "blocked", "Khách báo mất thẻ")
    yield Shop(lo, store, cashier, supervisor, combined, member, prepaid, blocked)
    store.close()


@pytest.fixture
def till(qtbot: Any, shop: Shop) -> Iterator[MainWindow]:
    """The main window on the shop's database, in English (tests of Vietnamese switch)."""
    app = QApplication.instance()
    i18n.install_language(app, "en")
    runner = Runner()
    hub = ReaderHub()
    ctx = AppContext(runner, hub)
    ctx.state.till_name = "Quầy test"
    ctx.set_loyalty(shop.loyalty)
    window = MainWindow(ctx)
    wedge = WedgeFilter(hub)
    app.installEventFilter(wedge)  # as main() does: swipes are caught application-wide
    window.wedge = wedge
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible():
            dialog.reject()
    app.removeEventFilter(wedge)
    runner.wait_idle(WAIT)
    i18n.install_language(app, "en")


def log_in(
    qtbot: Any,
    window: MainWindow,
    code: str = "1001",
    pin: str = "1234",
    float_text: str = "2.000.000",
) -> None:
    """Log in and, if there is no shift yet, open one: the state every counter test needs."""
    window.login.code.setText(code)
    window.login.pin.setText(pin)
    window.login.submit()
    qtbot.waitUntil(lambda: window.page in ("shift", "counter"), timeout=WAIT)
    if window.page == "shift":
        window.shift.float_edit.setText(float_text)
        window.shift.submit()
        qtbot.waitUntil(lambda: window.page == "counter", timeout=WAIT)


def present(qtbot: Any, window: MainWindow, number: str) -> dict[str, Any]:
    """A card on a reader: the same event a real or simulated reader sends."""
    window.ctx.hub.sink(CardPresented("test reader", card_number=number))
    qtbot.waitUntil(
        lambda: (
            window.counter.panel.view is not None and window.counter.panel.view["number"] == number
        ),
        timeout=WAIT,
    )
    return window.counter.panel.view


def wait_idle(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.ctx.runner.busy, timeout=WAIT)
