"""Issue 14: every dialog keyboard-correct, with real key events through QTest.

One regression test per defect found by driving the till as a cashier would: Enter cancelling
the approval (and an approval row written anyway), Enter enrolling from the name field, the
open-shift float appended to, rewards redeemed without confirmation and out of the arrows'
reach, the refund dialog opening on Cancel, birthdays typed day first refused.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import func, select

from app.dialogs import EnrollDialog, OperationDialog
from app.flows import RefundDialog, RewardsDialog
from app.mainwindow import MainWindow
from app.sale import SaleDialog
from loyalty_core.ids import new_id
from loyalty_core.models import JournalEntry
from tests.app.conftest import WAIT, Shop, log_in, present, wait_idle

RETURN = Qt.Key.Key_Return


def approvals_written(shop: Shop) -> int:
    with shop.store.read() as s:
        return int(
            s.scalar(select(func.count()).where(JournalEntry.kind == "approval")) or 0
        )


def focused() -> Any:
    return QApplication.focusWidget()


def open_with(qtbot: Any, till: MainWindow, key: Qt.Key, modifier: Any = None) -> Any:
    if modifier is None:
        qtbot.keyClick(till.counter.lookup, key)
    else:
        qtbot.keyClick(till.counter.lookup, key, modifier)
    qtbot.waitUntil(
        lambda: till.counter.dialog is not None and till.counter.dialog.isVisible(), timeout=WAIT
    )
    dialog = till.counter.dialog
    # Keys go to the dialog once the window system made it the active window.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    return dialog


def approval_shown(qtbot: Any, dialog: OperationDialog) -> Any:
    qtbot.waitUntil(
        lambda: (
            getattr(dialog, "flow", None) is not None
            and dialog.flow.dialog is not None
            and dialog.flow.dialog.isVisible()
        ),
        timeout=WAIT,
    )
    approval = dialog.flow.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is approval, timeout=WAIT)
    return approval


def sale_needing_approval(qtbot: Any, till: MainWindow, shop: Shop) -> SaleDialog:
    present(qtbot, till, shop.combined)
    till.counter.open_sale()
    dialog = till.counter.dialog
    assert isinstance(dialog, SaleDialog)
    dialog.stored.setText("0")
    dialog.amount.setText("1.000.000")
    dialog.points.setValue(600)  # over the 500.000 ₫ approval limit
    qtbot.waitUntil(lambda: dialog.summary_text("points_value") == "600.000 ₫", timeout=WAIT)
    dialog.confirm()
    return dialog


def test_every_operation_dialog_defaults_to_its_action_never_cancel(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.combined)
    for key, modifier in (
        (Qt.Key.Key_F2, None),
        (Qt.Key.Key_F3, None),
        (Qt.Key.Key_F4, None),
        (Qt.Key.Key_F5, None),
        (Qt.Key.Key_F11, None),
        (Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier),
    ):
        dialog = open_with(qtbot, till, key, modifier)
        assert dialog.confirm_button.isDefault()
        for button in dialog.findChildren(QPushButton):
            assert not button.autoDefault(), button.text()  # Enter never lands on Cancel
        assert focused() is not dialog.cancel_button
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible(), timeout=WAIT)
        wait_idle(qtbot, till)
        till.counter.dialog = None
        qtbot.waitUntil(lambda: QApplication.activeWindow() is till, timeout=WAIT)


def test_enter_in_the_approval_pin_approves_never_cancels(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till)
    dialog = sale_needing_approval(qtbot, till, shop)
    approval = approval_shown(qtbot, dialog)
    assert approval.approve_button.isDefault() and not approval.cancel_button.autoDefault()
    assert focused() is approval.code
    qtbot.keyClicks(approval.code, "2001")
    qtbot.keyClick(approval.code, RETURN)  # code -> PIN
    assert focused() is approval.pin and approval.isVisible()
    qtbot.keyClicks(approval.pin, "5678")
    qtbot.keyClick(approval.pin, RETURN)
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    assert dialog.result_data["points_redeemed"] == 600
    assert approvals_written(shop) == 1


def test_esc_in_the_approval_writes_no_approval(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    before = approvals_written(shop)
    dialog = sale_needing_approval(qtbot, till, shop)
    approval = approval_shown(qtbot, dialog)
    qtbot.keyClicks(approval.code, "2001")
    qtbot.keyClick(approval.code, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: "Cancelled" in dialog.message.text(), timeout=WAIT)
    wait_idle(qtbot, till)
    assert approvals_written(shop) == before
    assert dialog.result_data is None and dialog.isVisible()
    assert shop.balances(shop.combined)["points"] == 1_000


def test_esc_while_the_supervisor_is_checked_cannot_orphan_an_approval(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till)
    dialog = sale_needing_approval(qtbot, till, shop)
    approval = approval_shown(qtbot, dialog)
    approval.code.setText("2001")
    approval.pin.setText("5678")
    approval.submit()
    approval.reject()  # Esc while the credentials are checked: the answer is awaited
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    assert approvals_written(shop) == 1  # the one approval, used by the sale


def test_enrolment_enter_walks_the_form_and_day_first_birthday(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till)
    dialog = open_with(qtbot, till, Qt.Key.Key_F5)
    assert isinstance(dialog, EnrollDialog)
    assert focused() is dialog.name
    assert dialog.birthday.placeholderText() == "dd/mm/yyyy"
    qtbot.keyClicks(dialog.name, "Vu Ngoc Yen")  # QTest types ASCII only
    qtbot.keyClick(dialog.name, RETURN)  # not an enrolment: on to the phone
    assert focused() is dialog.phone and dialog.result_data is None
    assert not dialog._submitting
    qtbot.keyClicks(dialog.phone, "0933111222")
    qtbot.keyClick(dialog.phone, RETURN)
    assert focused() is dialog.birthday
    qtbot.keyClicks(dialog.birthday, "31/02/1995")  # no such day
    for _ in range(7):  # birthday, e-mail, referrer, two consents, card kind -> card number
        qtbot.keyClick(focused(), RETURN)
    assert focused() is dialog.number and dialog.result_data is None
    qtbot.keyClick(dialog.number, RETURN)
    assert "dd/mm/yyyy" in dialog.message.text() and dialog.result_data is None
    dialog.birthday.setText("03/12/1995")
    dialog.referrer.setText("0999999999")  # nobody's phone: refused in words, nothing written
    qtbot.keyClick(dialog.number, RETURN)
    qtbot.waitUntil(lambda: "referr" in dialog.message.text().lower(), timeout=WAIT)
    assert dialog.result_data is None
    dialog.referrer.setText("0987654321")  # Phạm Quốc Bảo recommended her
    qtbot.keyClick(dialog.number, RETURN)
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    number = dialog.result_data["card_number"]
    view = shop.loyalty.customer_view(number)
    assert view["member"]["birthday"] == "1995-12-03"
    referrer = shop.loyalty.customer_view(shop.member)["member"]["id"]
    with shop.store.read() as s:
        payload = s.scalars(
            select(JournalEntry.payload)
            .where(JournalEntry.kind == "member.enroll")
            .order_by(JournalEntry.seq.desc())
        ).first()
    assert payload["member"]["referrer_id"] == referrer


def test_enrolment_f10_submits_from_any_field(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    dialog = open_with(qtbot, till, Qt.Key.Key_F5)
    qtbot.keyClicks(dialog.name, "Ho Thi Mai")
    qtbot.keyClick(dialog.name, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)


def test_open_shift_enter_confirms_and_the_float_is_not_appended_to(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    till.login.code.setText("1001")
    till.login.pin.setText("1234")
    qtbot.keyClick(till.login.pin, RETURN)
    qtbot.waitUntil(lambda: till.page == "shift", timeout=WAIT)
    edit = till.shift.float_edit
    assert focused() is edit
    qtbot.keyClicks(edit, "2000000")  # replaces the preselected 0
    qtbot.keyClick(edit, RETURN)
    qtbot.keyClicks(edit, "250000")  # the next customer's amount, typed at once
    qtbot.waitUntil(lambda: till.page == "counter", timeout=WAIT)
    shift = shop.loyalty.open_shift_id()
    assert shift is not None
    report = shop.loyalty.shift_report(shift)
    assert report["opening_float"] == 2_000_000


def test_rewards_reachable_by_arrows_and_confirmed_before_redeeming(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    shop.loyalty.define_reward("COC", "Cốc sứ", 80, stock=2)
    shop.loyalty.define_reward("MU", "Mũ", 90, stock=2)
    log_in(qtbot, till)
    present(qtbot, till, shop.combined)
    dialog = open_with(qtbot, till, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(dialog, RewardsDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    assert focused() is dialog.list
    first = dialog.selected_code()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    second = dialog.selected_code()
    assert {first, second} == {"COC", "MU"}
    qtbot.keyClick(dialog.list, RETURN)
    assert "Enter to confirm" in dialog.message.text()
    assert shop.balances(shop.combined)["points"] == 1_000  # nothing spent on one Enter
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up)  # another reward: asked again
    qtbot.keyClick(dialog.list, RETURN)
    assert shop.balances(shop.combined)["points"] == 1_000
    qtbot.keyClick(dialog.list, RETURN)
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    assert dialog.result_data["reward"] and shop.balances(shop.combined)["points"] < 1_000


def test_rewards_esc_after_the_question_spends_nothing(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    shop.loyalty.define_reward("COC", "Cốc sứ", 80, stock=2)
    log_in(qtbot, till)
    present(qtbot, till, shop.combined)
    dialog = open_with(qtbot, till, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    qtbot.keyClick(dialog.list, RETURN)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    wait_idle(qtbot, till)
    assert shop.balances(shop.combined)["points"] == 1_000


def test_refund_opens_on_the_sales_and_enter_walks_to_the_reason(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    shop.loyalty.checkout(new_id(), shop.cashier_id, shop.member, 300_000)
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    dialog = open_with(qtbot, till, Qt.Key.Key_F11)
    assert isinstance(dialog, RefundDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    assert focused() is dialog.table
    qtbot.keyClick(dialog.table, RETURN)
    assert focused() is dialog.reason and dialog.result_data is None
    assert not dialog._submitting


def test_cashier_opens_the_supervisor_screen_with_a_supervisor_on_the_spot(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till)
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(till, "prompt", None) is not None, timeout=WAIT)
    prompt = till.prompt
    qtbot.waitUntil(lambda: QApplication.activeWindow() is prompt, timeout=WAIT)
    assert focused() is prompt.code
    qtbot.keyClicks(prompt.code, "2001")
    qtbot.keyClick(prompt.code, RETURN)
    assert focused() is prompt.pin and prompt.isVisible()
    qtbot.keyClicks(prompt.pin, "5678")
    qtbot.keyClick(prompt.pin, RETURN)
    qtbot.waitUntil(
        lambda: getattr(till, "supervisor", None) is not None and till.supervisor.isVisible(),
        timeout=WAIT,
    )
    assert till.ctx.state.cashier is not None and till.ctx.state.cashier.code == "1001"


def test_must_read_messages_stay_and_words_are_translated(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    from app import i18n
    from app.messages_inputs import reader_name

    log_in(qtbot, till)
    present(qtbot, till, shop.prepaid)
    till.counter.open_rewards()  # a refusal: stays until dismissed
    qtbot.wait(100)
    assert "collects points" in till.counter.notice.text()
    till.counter.notice.ok_button.click()
    assert till.counter.notice.text() == ""
    app = QApplication.instance()
    i18n.install_language(app, "vi")
    try:
        assert reader_name("Simulated reader") != "Simulated reader"
        from app.messages import kind_text, status_text

        assert status_text("blocked") != "Blocked" and kind_text("member") != "Member card"
    finally:
        i18n.install_language(app, "en")


def test_a_linefeed_key_is_enter_to_the_fields(qtbot: Any, till: MainWindow) -> None:
    """xdotool's Return on a bare X keymap arrives as a Linefeed (key 10, text "\\n"); the
    wedge filter hands it to the field as Return, so Enter works under Xvfb as on a till."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    till.login.code.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is till.login.code, timeout=WAIT)
    till.login.code.setText("1001")
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, 10, Qt.KeyboardModifier.NoModifier, "\n")
        QApplication.sendEvent(till.login.code, event)
    assert QApplication.focusWidget() is till.login.pin
    assert till.login.code.text() == "1001"
