from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.mainwindow import MainWindow
from hardware.events import ReaderError
from hardware.tracks import track2_lrc
from tests.app.conftest import WAIT, Shop, log_in, present


def test_reader_event_shows_customer_panel(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    view = present(qtbot, till, shop.combined)
    panel = till.counter.panel
    assert view["usable"]
    assert panel.name.text() == "Lê Thu Hà"
    assert panel.field_text("points") == "1.000"
    assert panel.field_text("stored_value") == "1.050.000 ₫"
    assert "Member + prepaid card" in panel.field_text("card")
    assert shop.combined[-4:] in panel.field_text("card")
    assert shop.combined not in panel.field_text("card")  # masked, never the whole number
    assert "Active" in panel.field_text("status")
    assert not panel.refusal.isVisible()
    assert till.counter.topup_button.isEnabled()


def test_wedge_swipe_is_captured_anywhere(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    lookup = till.counter.lookup
    lookup.setFocus()
    seen: list[str] = []
    lookup.textChanged.connect(seen.append)
    track = f";{shop.member}?"
    # A wedge reader "types" the track in a burst and ends it with Enter.
    qtbot.keyClicks(lookup, track + track2_lrc(track))
    qtbot.keyClick(lookup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: till.counter.card_number == shop.member, timeout=WAIT)
    assert till.counter.panel.name.text() == "Phạm Quốc Bảo"
    assert seen == []  # the swipe never reached the focused field, not even for a moment


def test_slow_semicolon_is_typing_not_a_swipe(qtbot: Any, till: MainWindow) -> None:
    log_in(qtbot, till)
    lookup = till.counter.lookup
    lookup.setFocus()
    qtbot.keyClicks(lookup, "ab;")
    # The held ';' is given back to the field once the swipe gap has passed.
    qtbot.waitUntil(lambda: lookup.text() == "ab;", timeout=WAIT)


def test_typed_card_number(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    till.counter.lookup.setText(shop.prepaid)
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: till.counter.card_number == shop.prepaid, timeout=WAIT)
    panel = till.counter.panel
    assert panel.name.text() == "Prepaid card"
    assert panel.field_text("stored_value") == "200.000 ₫"
    assert panel.field_text("points") == "—"


def test_phone_lookup(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    till.counter.lookup.setText("0987 654 321")
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: till.counter.card_number == shop.member, timeout=WAIT)
    till.counter.lookup.setText("0900000000")
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: "No member has this phone" in till.counter.panel.refusal.text(), timeout=WAIT
    )
    assert till.counter.card_number is None


def test_blocked_card_shows_reason(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    view = present(qtbot, till, shop.blocked)
    assert not view["usable"]
    refusal = till.counter.panel.refusal
    assert refusal.isVisible()
    assert refusal.text() == "This card is blocked. Reason: Khách báo mất thẻ"
    assert "Blocked" in till.counter.panel.field_text("status")


def test_unknown_card_and_payment_card(qtbot: Any, till: MainWindow) -> None:
    from loyalty_core import cardnumbers

    log_in(qtbot, till)
    stranger = cardnumbers.generate("member")  # ours by numbering, never issued here
    till.counter.show_card(stranger)
    qtbot.waitUntil(
        lambda: "is not known at this till" in till.counter.panel.refusal.text(), timeout=WAIT
    )
    assert stranger not in till.counter.panel.refusal.text()
    till.ctx.hub.sink(ReaderError("test reader", "refused", "payment_card_refused"))
    qtbot.waitUntil(lambda: "payment card" in till.counter.panel.refusal.text(), timeout=WAIT)
    assert till.counter.card_number is None
