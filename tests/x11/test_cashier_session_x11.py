"""A scripted cashier session on the real program with real X key events (issue 14).

Xvfb + openbox + xdotool, as in test_wedge_x11: log in by keys, a wedge swipe with real Shift
events, a card sale paid exact cash, a cash sale with change, a sale paid with points that a
supervisor approves by keyboard, a sale with the member's voucher (Alt+1), a refund a
supervisor approves by keyboard, an enrolment typed field by field, a member search (a name
typed at the counter, then Shift+F6 and a phone's last digits), the shift closed (a
difference, its reason kept by the engine, the supervisor asked on the spot) and a new shift
opened with Enter.
Every key sent is counted; the database is checked afterwards through the engine. The keys a
card sale paid exact cash needs beyond its amount go to build/cashier_session.json, where the
bench (`sale_keys_beyond_amount`) reads them.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from loyalty_core.engine import Loyalty
from loyalty_core.store import Store
from tests.x11.test_wedge_x11 import ROOT, TIMEOUT, Window, _xdotool, display  # noqa: F401

SESSION_FILE = ROOT / "build" / "cashier_session.json"
# A person's pause between keys is far longer than a wedge reader's (30 ms): the wedge filter
# must see these keys as typing, as it would at a real counter.
HUMAN_GAP_S = 0.12


class Cashier:
    """The program under the probe, the state it reports, and the keys sent to it."""

    def __init__(self, window: Window) -> None:
        self.w = window
        self.state: dict[str, Any] = {}
        self.keys = 0

    def until(self, check: Callable[[dict[str, Any]], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            self.w.settle(0.05)
            self._fold()
            if check(self.state):
                return
        pytest.fail(f"timed out waiting for {what}; state {self._brief()}")

    def _fold(self) -> None:
        for message in self.w.seen[getattr(self, "_n", 0) :]:
            self.state.update(message)
        self._n = len(self.w.seen)

    def _brief(self) -> dict[str, Any]:
        return {k: v for k, v in self.state.items() if k not in ("cards", "slip")}

    def type(self, text: str, *, count: bool = True) -> None:
        """Typed as a person does (slower than a wedge reader); `\\n` is the Enter key."""
        self.w.type(text, delay_ms=80)
        if count:
            self.keys += len(text)

    def press(self, *keys: str) -> None:
        for key in keys:
            time.sleep(HUMAN_GAP_S)
            done = _xdotool(self.w.env, "key", key)
            assert done.returncode == 0, done.stderr
            self.keys += 1

    def swipe(self, number: str) -> None:
        """A wedge reader: the whole track in a burst, Shift for % ^ ?, then Enter."""
        self.w.type(f"%B{number}^TRAN/VAN AN^2901101?;{number}=2901101?\n", delay_ms=4)
        self.until(lambda s: s.get("customer") == number, "the swiped customer")


@pytest.fixture
def session(display: dict[str, str], tmp_path: Path) -> Iterator[tuple[Cashier, Path]]:  # noqa: F811
    probe = str(Path(__file__).with_name("till_probe.py"))
    db = tmp_path / "till.sqlite3"
    args = [probe, "--demo", "--db", str(db), "--lang", "en", "--size", "1366x768"]
    w = Window(display, args, tmp_path / "till.log")
    try:
        yield Cashier(w), db
    finally:
        w.close()


def test_scripted_cashier_session(session: tuple[Cashier, Path]) -> None:
    c, db = session
    c.until(lambda s: s.get("page") == "login" and bool(s.get("cards")), "the log-in screen")
    c.until(lambda s: s.get("focus") == "staffCode", "the staff code field's focus")
    gold = c.state["cards"]["gold"]

    # Log in: code, Enter, PIN, Enter (the demo's shift is already open).
    c.type("1001\n1234\n")
    c.until(lambda s: s.get("page") == "counter" and s.get("focus") == "lookup", "the counter")

    # 1. Card sale paid exact cash: the amount, Enter (tender, exact cash), Enter (pay).
    c.swipe(gold)
    c.type("250000", count=False)
    before = c.keys
    c.press("Return")
    c.until(lambda s: s.get("focus") == "saleCashGiven", "the sale's cash given")
    c.press("Return")
    c.until(lambda s: s.get("customer") is None and s.get("window") == "MainWindow", "cleared")
    sale_keys = c.keys - before
    assert "250.000 ₫" in c.state["slip"]

    # 2. Cash sale with change: the customer hands over 200.000 for 180.000.
    c.swipe(gold)
    c.type("180000", count=False)
    c.press("Return")
    c.until(lambda s: s.get("focus") == "saleCashGiven", "the sale's cash given")
    c.until(lambda s: not s.get("busy"), "the quote")
    c.type("200000\n")
    c.until(lambda s: s.get("customer") is None and "Change" in s.get("slip", ""), "change")
    slip = c.state["slip"]
    assert "200.000 ₫" in slip and "Cash given" in slip

    # 3. A sale paid with all points (F6): over the limit, a supervisor approves by keyboard.
    c.swipe(gold)
    c.type("800000", count=False)
    c.press("Return")
    c.until(lambda s: s.get("focus") == "saleCashGiven", "the sale's cash given")
    c.press("F6")
    c.until(lambda s: not s.get("busy"), "the quote with points")
    c.press("Return")
    c.until(lambda s: s.get("focus") == "supervisorCode", "the supervisor approval")
    c.type("2001\n5678\n")
    c.until(lambda s: s.get("customer") is None and "Points used" in s.get("slip", ""), "paid")

    # 3b. A voucher: head office's voucher code, typed (or scanned) in the sale: the amount at
    # the counter, Enter (the sale, exact cash), Alt+V to the voucher, the code, Enter pays.
    member = c.state["cards"]["member"]
    c.swipe(member)
    c.until(lambda s: s.get("customer") == member, "the member shown")
    c.type("400000\n")
    c.until(lambda s: s.get("focus") == "saleCashGiven", "the sale's cash given")
    c.press("alt+v")
    c.until(lambda s: s.get("focus") == "saleVoucher", "the voucher field")
    c.type("SINHNHAT50")
    c.until(lambda s: not s.get("busy"), "the quote with the voucher")
    c.press("Return")
    c.until(lambda s: s.get("customer") is None and s.get("window") == "MainWindow",
            "the voucher sale paid")

    # 3c. A refund of the gold card's last sale (the one paid with points): F11, the sale is
    # chosen, Enter to the reason, Enter refunds, a supervisor approves by keyboard.
    c.swipe(gold)
    c.press("F11")
    c.until(lambda s: s.get("focus") == "refundSales" and not s.get("busy"), "the refund list")
    c.press("Return")
    c.until(lambda s: s.get("focus") == "refundReason", "the refund's reason")
    c.type("Khach tra hang\n")
    c.until(lambda s: s.get("focus") == "supervisorCode", "the refund's approval")
    c.type("2001\n5678\n")
    c.until(lambda s: s.get("window") == "MainWindow" and not s.get("busy"), "refunded")

    # 4. Enrolment: Enter walks name -> phone -> birthday (dd/mm/yyyy) -> e-mail -> referrer ->
    # consents -> kind -> card, and enrols from the last field.
    c.press("F5")
    c.until(lambda s: s.get("focus") == "enrolName", "the enrolment form")
    c.type("Tran Van Binh\n0933222111\n03/12/1995\n")
    c.until(lambda s: s.get("focus") == "enrolEmail", "the e-mail field")
    c.press("Return", "Return", "Return", "Return", "Return", "Return")
    c.until(lambda s: s.get("customer") not in (None, gold), "the new member on the counter")
    member_card = c.state["customer"]

    # 4b. Member search: a name typed at the counter opens the search (Esc leaves it); then
    # Shift+F6 and the last digits of her phone, Enter opens her one card.
    c.press("F9")
    c.until(lambda s: s.get("customer") is None and s.get("focus") == "lookup", "cleared")
    c.type("tran van binh\n")
    c.until(lambda s: s.get("focus") == "searchText" and (s.get("found") or 0) >= 1, "by name")
    c.press("Escape")
    c.until(lambda s: s.get("focus") == "lookup", "back at the counter")
    c.press("shift+F6")
    c.until(lambda s: s.get("focus") == "searchText", "the member search")
    c.type("222111")
    c.until(lambda s: s.get("found") == 1, "the member by her phone's last digits")
    c.press("Return")
    c.until(lambda s: s.get("customer") == member_card, "her card opened from the search")

    # 5. Close the shift: count, a difference needs its reason and F10 twice; the cashier
    # cannot close, a supervisor does it on the spot; Esc goes back; Enter opens the next.
    c.press("F7")
    c.until(lambda s: s.get("focus") == "countedCash", "the Z report")
    c.until(lambda s: not s.get("busy"), "the Z report figures")
    c.type("1000000\n")
    c.until(lambda s: s.get("focus") == "differenceReason", "the reason field")
    c.type("Dem lai sai\n")
    c.press("F10")
    c.until(lambda s: s.get("focus") == "promptCode", "the supervisor prompt")
    c.type("2001\n5678\n")
    c.until(lambda s: s.get("window") == "ZReportDialog" and not s.get("busy"), "closed")
    lo = Loyalty(Store.open(db))
    assert lo.open_shift_id() is None
    c.press("Escape")
    c.until(lambda s: s.get("page") == "shift" and s.get("focus") == "openingFloat", "new shift")
    c.type("1500000\n")
    c.until(lambda s: s.get("page") == "counter", "the counter again")

    # The database, through the engine.
    shift = lo.open_shift_id()
    assert shift is not None and lo.shift_report(shift)["opening_float"] == 1_500_000
    sales = lo.recent_sales(card_number=gold, limit=3)
    assert [s["amount"] for s in sales] == [800_000, 180_000, 250_000]
    assert sales[0]["points_redeemed"] > 0
    assert sales[0]["refundable"] == 0  # refunded in full
    voucher_sale = lo.recent_sales(card_number=member, limit=1)[0]
    assert voucher_sale["amount"] == 400_000 and voucher_sale["net"] <= 350_000
    with sqlite3.connect(db) as con:  # the single-use voucher is used up
        assert con.execute("SELECT uses FROM vouchers WHERE code = 'SINHNHAT50'").fetchone() == (1,)
    closed = lo.day_report()["closed_shifts"][-1]
    assert closed["difference"] and closed["difference_reason"] == "Dem lai sai"
    view = lo.customer_view(member_card)
    assert view["member"]["name"] == "Tran Van Binh"
    assert view["member"]["birthday"] == "1995-12-03"
    assert lo.find_by_phone("0933222111")[0]["number"] == member_card

    assert sale_keys <= 2
    SESSION_FILE.parent.mkdir(exist_ok=True)
    SESSION_FILE.write_text(
        json.dumps({"sale_keys_beyond_amount": sale_keys, "session_keys": c.keys}, indent=2)
    )
