from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.mainwindow import MainWindow
from app.sale import SaleDialog
from hardware.events import CardPresented
from tests.app.conftest import SUPERVISOR_UID, WAIT, Shop, log_in, present, wait_idle


def open_sale(qtbot: Any, till: MainWindow) -> SaleDialog:
    till.counter.open_sale()
    dialog = till.counter.dialog
    assert isinstance(dialog, SaleDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    return dialog


def quote_shows(qtbot: Any, dialog: SaleDialog, key: str, text: str) -> None:
    qtbot.waitUntil(lambda: dialog.summary_text(key) == text, timeout=WAIT)


def finish(qtbot: Any, dialog: SaleDialog) -> dict[str, Any]:
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    assert dialog.result_data is not None
    return dialog.result_data


def test_cash_sale_without_card_by_keyboard_only(qtbot: Any, till: MainWindow) -> None:
    log_in(qtbot, till)
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F2)
    qtbot.waitUntil(
        lambda: till.counter.dialog is not None and till.counter.dialog.isVisible(), timeout=WAIT
    )
    dialog = till.counter.dialog
    assert isinstance(dialog, SaleDialog)
    qtbot.keyClicks(dialog.amount, "150000")
    quote_shows(qtbot, dialog, "cash_due", "150.000 ₫")
    # Issue 14: Enter in the amount goes to the cash given (exact cash preselected); Enter pays.
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.result_data is None and dialog.cash_given.hasFocus()
    assert dialog.cash_given.amount() == 150_000
    qtbot.keyClick(dialog.cash_given, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    assert dialog.result_data["cash_due"] == 150_000
    qtbot.waitUntil(lambda: "150.000 ₫" in till.counter.slip.toPlainText(), timeout=WAIT)


def test_sale_earns_points_and_shows_them_before_confirm(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    dialog = open_sale(qtbot, till)
    dialog.amount.setText("1.250.000")
    quote_shows(qtbot, dialog, "points_earned", "125")
    assert dialog.summary_text("cash_due") == "1.250.000 ₫"
    result = finish(qtbot, dialog)
    assert result["points_earned"] == 125
    assert shop.balances(shop.member)["points"] == 200 + 125
    # Issue 14: after the sale the counter clears itself for the next customer (no F9); the
    # new balance is on the slip.
    qtbot.waitUntil(lambda: till.counter.panel.view is None, timeout=WAIT)
    slip = till.counter.slip.toPlainText()
    assert "Points balance" in slip and "325" in slip
    assert "Points earned" in slip and "125" in slip
    assert shop.member not in slip and shop.member[-4:] in slip


def test_sale_paid_partly_with_points(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.combined)
    dialog = open_sale(qtbot, till)
    dialog.stored.setText("0")  # stored value is applied by default (issue 14); not this time
    dialog.amount.setText("300000")
    dialog.points.setValue(100)  # 100 points x 1.000 ₫
    quote_shows(qtbot, dialog, "cash_due", "200.000 ₫")
    assert dialog.summary_text("points_value") == "100.000 ₫"
    result = finish(qtbot, dialog)
    assert result["points_redeemed"] == 100
    assert shop.balances(shop.combined)["points"] == 1_000 - 100 + result["points_earned"]


def test_sale_paid_partly_from_stored_value(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.prepaid)
    dialog = open_sale(qtbot, till)
    dialog.amount.setText("250000")
    # Issue 14: everything the card holds, at most the bill, is applied by default.
    quote_shows(qtbot, dialog, "cash_due", "50.000 ₫")
    assert dialog.stored.amount() == 200_000
    dialog.stored.setText("0")
    quote_shows(qtbot, dialog, "cash_due", "250.000 ₫")
    dialog.stored_max.click()  # everything the card holds, at most the bill
    assert dialog.stored.amount() == 200_000
    quote_shows(qtbot, dialog, "cash_due", "50.000 ₫")
    dialog.tender.setCurrentIndex(dialog.tender.findData("card"))
    finish(qtbot, dialog)
    assert shop.balances(shop.prepaid)["stored_value"] == 0


def test_sale_with_points_stored_value_and_cash(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.combined)
    dialog = open_sale(qtbot, till)
    dialog.amount.setText("900.000")
    dialog.points.setValue(200)
    dialog.stored.setText("500.000")
    quote_shows(qtbot, dialog, "cash_due", "200.000 ₫")
    result = finish(qtbot, dialog)
    balances = shop.balances(shop.combined)
    assert balances["stored_value"] == 1_050_000 - 500_000
    assert balances["points"] == 1_000 - 200 + result["points_earned"]


def test_too_many_points_is_refused_in_words(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    dialog = open_sale(qtbot, till)
    dialog.amount.setText("100.000")
    dialog.points.setValue(150)  # worth 150.000 ₫ on a 100.000 ₫ bill
    qtbot.waitUntil(lambda: "more than the bill" in dialog.message.text(), timeout=WAIT)
    dialog.confirm()
    qtbot.waitUntil(
        lambda: not dialog._submitting and "at most 100 points" in dialog.message.text(),
        timeout=WAIT,
    )
    assert dialog.result_data is None
    assert shop.balances(shop.member)["points"] == 200


def test_double_confirm_makes_one_sale(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    dialog = open_sale(qtbot, till)
    dialog.amount.setText("500.000")
    quote_shows(qtbot, dialog, "points_earned", "50")
    op_id = dialog.operation_id
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    dialog.confirm()  # a second press before the first came back
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    wait_idle(qtbot, till)
    assert shop.balances(shop.member)["points"] == 200 + 50
    # And the engine itself: the same operation id again returns the first sale, writes none.
    again = shop.loyalty.checkout(op_id, shop.cashier_id, shop.member, 500_000)
    assert again["sale_id"] == dialog.result_data["sale_id"]
    assert shop.balances(shop.member)["points"] == 250


def redeem_needing_approval(qtbot: Any, till: MainWindow, shop: Shop) -> SaleDialog:
    present(qtbot, till, shop.combined)
    dialog = open_sale(qtbot, till)
    dialog.amount.setText("1.000.000")
    dialog.points.setValue(600)  # 600.000 ₫ of points: over the 500.000 ₫ approval limit
    quote_shows(qtbot, dialog, "points_value", "600.000 ₫")
    dialog.confirm()
    qtbot.waitUntil(
        lambda: (
            getattr(dialog, "flow", None) is not None
            and dialog.flow.dialog is not None
            and dialog.flow.dialog.isVisible()
        ),
        timeout=WAIT,
    )
    return dialog


def test_approval_given_by_supervisor_pin(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    dialog = redeem_needing_approval(qtbot, till, shop)
    approval = dialog.flow.dialog
    assert "600.000 ₫" in approval.what.text() and "500.000 ₫" in approval.what.text()
    approval.code.setText("2001")
    approval.pin.setText("5678")
    approval.submit()
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    assert dialog.result_data["points_redeemed"] == 600
    assert (
        shop.balances(shop.combined)["points"] == 1_000 - 600 + dialog.result_data["points_earned"]
    )


def test_approval_by_supervisor_card(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    dialog = redeem_needing_approval(qtbot, till, shop)
    till.ctx.hub.sink(CardPresented("test reader", uid=SUPERVISOR_UID))
    # Issue 13: a supervisor's card needs the PIN as well (card = have, PIN = know).
    approval = dialog.flow.dialog
    qtbot.waitUntil(lambda: "needs the PIN" in approval.message.text(), timeout=WAIT)
    assert dialog.result_data is None
    approval.pin.setText("5678")
    approval.submit()
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    assert dialog.result_data["points_redeemed"] == 600


def test_approval_refused_then_cancelled_writes_nothing(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till)
    dialog = redeem_needing_approval(qtbot, till, shop)
    approval = dialog.flow.dialog
    approval.code.setText("2001")
    approval.pin.setText("0000")
    approval.submit()
    qtbot.waitUntil(lambda: "Wrong PIN" in approval.message.text(), timeout=WAIT)
    approval.code.setText("1001")  # a cashier cannot approve at all
    approval.pin.setText("1234")
    approval.submit()
    qtbot.waitUntil(lambda: "Only a supervisor" in approval.message.text(), timeout=WAIT)
    approval.reject()
    qtbot.waitUntil(lambda: "Cancelled" in dialog.message.text(), timeout=WAIT)
    assert dialog.result_data is None
    assert dialog.confirm_button.isEnabled()  # the cashier may lower the points and retry
    assert shop.balances(shop.combined)["points"] == 1_000


def test_supervisor_cannot_approve_own_sale(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till, "2001", "5678")
    dialog = redeem_needing_approval(qtbot, till, shop)
    approval = dialog.flow.dialog
    approval.code.setText("2001")
    approval.pin.setText("5678")
    approval.submit()
    qtbot.waitUntil(lambda: "cannot approve your own" in approval.message.text(), timeout=WAIT)
    assert dialog.result_data is None
    assert shop.balances(shop.combined)["points"] == 1_000


def test_top_up_shows_bonus(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.combined)
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F3)
    qtbot.waitUntil(
        lambda: till.counter.dialog is not None and till.counter.dialog.isVisible(), timeout=WAIT
    )
    dialog = till.counter.dialog
    dialog.amount.setText("1.000.000")
    qtbot.waitUntil(lambda: dialog.summary_text("bonus") == "50.000 ₫", timeout=WAIT)
    assert dialog.summary_text("total") == "1.050.000 ₫"
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    assert shop.balances(shop.combined)["stored_value"] == 1_050_000 + 1_050_000
    qtbot.waitUntil(
        lambda: till.counter.panel.field_text("stored_value") == "2.100.000 ₫", timeout=WAIT
    )


def test_top_up_refused_for_member_only_card(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    assert not till.counter.topup_button.isEnabled()
    till.counter.open_topup()
    assert till.counter.dialog is None


def test_sell_new_gift_card(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    till.counter.open_gift()
    dialog = till.counter.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.amount.setText("300.000")
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    number = dialog.result_data["card_number"]
    qtbot.waitUntil(lambda: till.counter.card_number == number, timeout=WAIT)
    assert till.counter.panel.field_text("stored_value") == "300.000 ₫"
    assert "Gift card" in till.counter.panel.field_text("card")


def test_sell_presented_gift_card(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    from loyalty_core.ids import new_id

    blank = shop.loyalty.issue_card(new_id(), shop.cashier_id, "gift")["number"]
    log_in(qtbot, till)
    till.counter.open_gift()
    dialog = till.counter.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    till.ctx.hub.sink(CardPresented("test reader", card_number=blank))
    qtbot.waitUntil(lambda: dialog.number.text() == blank, timeout=WAIT)
    assert till.counter.card_number is None  # the dialog took the card, not the counter
    dialog.amount.setText("500000")
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    assert shop.balances(blank)["stored_value"] == 500_000


def test_enrol_member_at_the_counter(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: till.counter.dialog is not None and till.counter.dialog.isVisible(), timeout=WAIT
    )
    dialog = till.counter.dialog
    dialog.confirm()
    assert "full name" in dialog.message.text()
    dialog.name.setText("Vũ Ngọc Yến")
    dialog.phone.setText("0912345678")  # already enrolled: refused in words
    dialog.confirm()
    qtbot.waitUntil(lambda: "already enrolled" in dialog.message.text(), timeout=WAIT)
    dialog.phone.setText("0933111222")
    dialog.birthday.setText("1995-02-03")
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    number = dialog.result_data["card_number"]
    qtbot.waitUntil(lambda: till.counter.card_number == number, timeout=WAIT)
    assert till.counter.panel.name.text() == "Vũ Ngọc Yến"
    assert shop.loyalty.find_by_phone("0933111222")[0]["number"] == number


def test_sale_on_blocked_card_goes_without_card(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.blocked)
    dialog = open_sale(qtbot, till)
    assert dialog.card_number is None
