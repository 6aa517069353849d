"""Issue 14: the fast sale, counted in keys, and what the slip says about it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.counter import sale_amount_typed
from app.mainwindow import MainWindow
from app.receipts import slip_lines
from app.sale import SaleDialog
from tests.app.conftest import WAIT, Shop, log_in, present, wait_idle


def sale_dialog_active(qtbot: Any, till: MainWindow) -> SaleDialog:
    qtbot.waitUntil(
        lambda: isinstance(till.counter.dialog, SaleDialog) and till.counter.dialog.isVisible(),
        timeout=WAIT,
    )
    dialog = till.counter.dialog
    assert isinstance(dialog, SaleDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    return dialog


def test_amount_typed_at_the_counter_is_a_sale_not_a_search() -> None:
    assert sale_amount_typed("250000") == 250_000
    assert sale_amount_typed("250.000") == 250_000
    assert sale_amount_typed("0912345678") is None  # a phone
    assert sale_amount_typed("6037990000000012") is None  # a card number
    assert sale_amount_typed("abc") is None


def test_card_sale_paid_exact_cash_is_the_digits_and_two_keys(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    keys = 0
    for ch in "250000":
        qtbot.keyClick(QApplication.focusWidget(), ch)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    keys += 1
    dialog = sale_dialog_active(qtbot, till)
    assert dialog.amount.amount() == 250_000 and dialog.cash_given.hasFocus()
    qtbot.waitUntil(lambda: dialog.cash_given.amount() == 250_000, timeout=WAIT)  # exact cash
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    keys += 1
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    assert keys == 2
    assert dialog.result_data["cash_due"] == 250_000 and dialog.result_data["points_earned"] == 25
    assert shop.balances(shop.member)["points"] == 225
    # Ready for the next customer without F9: no card on the panel, focus on the lookup.
    qtbot.waitUntil(lambda: till.counter.panel.view is None, timeout=WAIT)
    wait_idle(qtbot, till)
    assert till.counter.card_number is None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is till, timeout=WAIT)
    assert QApplication.focusWidget() is till.counter.lookup


def test_cash_given_shows_change_and_prints_it(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    till.counter.lookup.setText("180000")
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_Return)
    dialog = sale_dialog_active(qtbot, till)
    qtbot.waitUntil(lambda: dialog.cash_given.amount() == 180_000, timeout=WAIT)
    qtbot.keyClicks(dialog.cash_given, "100000")  # replaces the preselected exact amount
    qtbot.waitUntil(lambda: dialog.summary_text("change") != "—", timeout=WAIT)
    qtbot.keyClick(dialog.cash_given, Qt.Key.Key_Return)
    assert "less than" in dialog.message.text() and dialog.result_data is None
    dialog.cash_given.clear()
    qtbot.keyClicks(dialog.cash_given, "200000")
    qtbot.waitUntil(lambda: dialog.summary_text("change") == "20.000 ₫", timeout=WAIT)
    qtbot.keyClick(dialog.exact_button, Qt.Key.Key_F9)  # exact cash again
    assert dialog.cash_given.amount() == 180_000 and dialog.summary_text("change") == "0 ₫"
    dialog.cash_given.setText("500000")
    qtbot.keyClick(dialog.cash_given, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    slip = till.counter.slip.toPlainText()
    assert "Cash given" in slip and "500.000 ₫" in slip and "320.000 ₫" in slip


def test_stored_value_pays_by_default_only_where_the_card_carries_it(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.prepaid)
    till.counter.open_sale(150_000)
    dialog = sale_dialog_active(qtbot, till)
    qtbot.waitUntil(lambda: dialog.summary_text("cash_due") == "0 ₫", timeout=WAIT)
    assert dialog.stored.amount() == 150_000
    assert not dialog.points.isVisible()  # a prepaid card has no points to offer
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    present(qtbot, till, shop.member)
    till.counter.open_sale(150_000)
    dialog = sale_dialog_active(qtbot, till)
    assert not dialog.stored.isVisible() and dialog.points.isVisible()


def test_no_points_offers_on_cards_without_points(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    view = present(qtbot, till, shop.prepaid)
    assert view["capabilities"]["points"] is False
    assert till.counter.panel.field_text("points") == "—"
    assert not till.counter.rewards_button.isEnabled()
    panel = till.counter.panel
    offers = [
        {"kind": "multiplier", "name": "Double points", "multiplier_pct": 200},
        {"kind": "cashback", "name": "5% back", "bp": 500},
    ]
    panel._show_programs({**view, "offers": offers})
    assert "Double points" not in panel.offers.text() and "5% back" in panel.offers.text()
    gift = {"capabilities": {"points": False, "cashback": False}, "offers": offers}
    panel._show_programs(gift)
    assert panel.offers.isHidden()
    member = {"capabilities": {"points": True, "cashback": False}, "offers": offers}
    panel._show_programs(member)
    assert "Double points" in panel.offers.text() and "5% back" not in panel.offers.text()


def test_slip_prints_voucher_as_voucher_and_cashback() -> None:
    result = {
        "amount": 500_000,
        "discount": 75_000,
        "voucher_discount": 50_000,
        "discount_source": "tier",
        "cash_due": 425_000,
        "points_earned": 42,
        "cashback": 4_250,
        "balances": {"points": 100, "stored_value": 4_250},
    }
    lines = slip_lines(
        "sale",
        result,
        till_name="Quầy 1",
        cashier="Lan",
        card_number="6037990000000012",
        card_kind="combined",
        customer="Lê Thu Hà",
    )
    text = "\n".join(lines)
    assert "Voucher" in text and "-50.000 ₫" in text
    assert "Tier discount" in text and "-25.000 ₫" in text
    assert "Cashback to the card" in text and "4.250 ₫" in text
    assert "Member + prepaid card" in text  # the kind in full, never cut
    assert "6037990000000012" not in text and "•••• 0012" in text
    assert all(len(line) <= 32 for line in lines)
