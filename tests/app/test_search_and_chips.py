"""Issue 14, part B at the counter: member search by keyboard, UID-only chip cards linked at
enrolment and replacement (and a tap of one opens the member), a referrer by card number, and
the drawer difference's reason kept by the engine and shown to the supervisor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import i18n
from app.dialogs import EnrollDialog
from app.flows import ReplaceCardDialog
from app.mainwindow import MainWindow
from app.messages import status_text
from app.search import MemberSearchDialog
from app.widgets import alive
from hardware.events import CardPresented
from loyalty_core.ids import new_id
from tests.app.conftest import SUPERVISOR_UID, WAIT, Shop, log_in, present
from tests.app.test_shift_and_slips import open_z

RETURN = Qt.Key.Key_Return
CHIP = "04C0FFEE112233"


def focused() -> Any:
    return QApplication.focusWidget()


def open_search(qtbot: Any, till: MainWindow) -> MemberSearchDialog:
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(
        lambda: getattr(till.counter, "search_dialog", None) is not None
        and till.counter.search_dialog.isVisible(),
        timeout=WAIT,
    )
    dialog = till.counter.search_dialog
    qtbot.waitUntil(lambda: focused() is dialog.text, timeout=WAIT)
    return dialog


def test_search_by_name_without_accents_opens_the_card_by_keys(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till)
    dialog = open_search(qtbot, till)
    qtbot.keyClicks(dialog.text, "le thu")  # Lê Thu Hà, typed without accents
    qtbot.waitUntil(lambda: dialog.list.count() == 1 and dialog.cards_of is not None, timeout=WAIT)
    assert dialog.list.item(0).text().startswith("Lê Thu Hà")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Down)  # the arrows reach the list
    assert focused() is dialog.list
    qtbot.keyClick(dialog.list, RETURN)  # one card: opened at once
    qtbot.waitUntil(
        lambda: till.counter.panel.view is not None
        and till.counter.panel.view["number"] == shop.combined,
        timeout=WAIT,
    )
    assert not alive(dialog) or not dialog.isVisible()


def test_search_by_the_last_digits_of_a_phone(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    dialog = open_search(qtbot, till)
    qtbot.keyClicks(dialog.text, "654321")  # Phạm Quốc Bảo's 0987654321
    qtbot.keyClick(dialog.text, RETURN)  # Enter searches at once, Enter again opens
    qtbot.waitUntil(lambda: dialog.list.count() == 1 and dialog.cards_of is not None, timeout=WAIT)
    assert dialog.list.item(0).text().startswith("Phạm Quốc Bảo")
    qtbot.keyClick(dialog.text, RETURN)
    qtbot.waitUntil(
        lambda: till.counter.panel.view is not None
        and till.counter.panel.view["number"] == shop.member,
        timeout=WAIT,
    )


def test_a_name_typed_at_the_counter_opens_the_search(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till)
    qtbot.keyClicks(till.counter.lookup, "pham quoc")
    qtbot.keyClick(till.counter.lookup, RETURN)
    qtbot.waitUntil(
        lambda: getattr(till.counter, "search_dialog", None) is not None
        and till.counter.search_dialog.list.count() == 1,
        timeout=WAIT,
    )
    dialog = till.counter.search_dialog
    assert dialog.text.text() == "pham quoc"
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)  # Esc: nothing opened, nothing written
    qtbot.waitUntil(lambda: not alive(dialog) or not dialog.isVisible(), timeout=WAIT)
    assert till.counter.panel.view is None


def test_too_little_typed_says_what_is_needed(qtbot: Any, till: MainWindow) -> None:
    log_in(qtbot, till)
    dialog = open_search(qtbot, till)
    qtbot.keyClicks(dialog.text, "l")
    dialog.search()
    assert dialog.list.count() == 0 and "2 letters" in dialog.message.text()
    qtbot.keyClicks(dialog.text, "zzzq")
    qtbot.keyClick(dialog.text, RETURN)
    qtbot.waitUntil(lambda: "No member" in dialog.message.text(), timeout=WAIT)


def test_blocked_cards_come_last_in_words_and_enter_picks_a_card(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    lo = shop.loyalty
    first = lo.enroll_member(new_id(), shop.cashier_id, "Võ Thị Kim", phone="0977000111")
    lo.set_card_status(new_id(), shop.supervisor_id, first["card_number"], "blocked", "Mất thẻ")
    second = lo.issue_card(new_id(), shop.cashier_id, "prepaid", first["member_id"], activate=True)
    app = QApplication.instance()
    i18n.install_language(app, "vi")
    try:
        log_in(qtbot, till)
        dialog = open_search(qtbot, till)
        qtbot.keyClicks(dialog.text, "vo thi kim")
        qtbot.waitUntil(lambda: dialog.card_list.count() == 2, timeout=WAIT)
        lines = [dialog.card_list.item(i).text() for i in range(2)]
        assert second["number"][-4:] in lines[0] and first["card_number"][-4:] in lines[1]
        assert status_text("blocked") in lines[1] and "blocked" not in lines[1]
        assert first["card_number"] not in lines[1]  # masked
        qtbot.keyClick(dialog.text, RETURN)  # two cards: Enter goes to the cards
        assert focused() is dialog.card_list and dialog.card_list.currentRow() == 0
        qtbot.keyClick(dialog.card_list, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.card_list, RETURN)  # the blocked one, chosen on purpose
        qtbot.waitUntil(
            lambda: till.counter.panel.view is not None
            and till.counter.panel.view["number"] == first["card_number"],
            timeout=WAIT,
        )
    finally:
        i18n.install_language(app, "en")


def test_a_chip_card_is_linked_at_enrolment_and_its_tap_opens_the_member(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till)
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: isinstance(till.counter.dialog, EnrollDialog), timeout=WAIT)
    dialog = till.counter.dialog
    qtbot.keyClicks(dialog.name, "Mai Anh Thu")
    till.ctx.hub.sink(CardPresented("nfc reader", uid=CHIP))  # a chip with no number on it
    qtbot.waitUntil(lambda: dialog.chip.uid == CHIP, timeout=WAIT)
    assert CHIP in dialog.chip.text() and dialog.number.text() == ""
    qtbot.keyClick(dialog.name, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    number = dialog.result_data["card_number"]
    assert shop.loyalty.card_number_for_uid(CHIP) == number
    till.counter.clear_customer()
    till.ctx.hub.sink(CardPresented("nfc reader", uid=CHIP))  # the next tap finds her
    qtbot.waitUntil(
        lambda: till.counter.panel.view is not None
        and till.counter.panel.view["member"]["name"] == "Mai Anh Thu",
        timeout=WAIT,
    )


def test_a_taken_chip_is_refused_in_words(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    shop.loyalty.enroll_member(new_id(), shop.cashier_id, "Đinh Lan", card_uid="04AABBCC")
    log_in(qtbot, till)
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: isinstance(till.counter.dialog, EnrollDialog), timeout=WAIT)
    dialog = till.counter.dialog
    dialog.name.setText("Mai Anh Thu")
    dialog.chip.take("04:AA:BB:CD")  # another chip, typed as some readers report it
    assert dialog.chip.uid == "04AABBCD"
    dialog.chip.take("04AABBCC")
    dialog.confirm()
    qtbot.waitUntil(lambda: "already linked" in dialog.message.text(), timeout=WAIT)
    assert dialog.result_data is None


def test_a_chip_card_replaces_a_lost_card(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(till.counter.dialog, ReplaceCardDialog), timeout=WAIT)
    dialog = till.counter.dialog
    dialog.reason.setText("Khách báo mất thẻ")
    till.ctx.hub.sink(CardPresented("nfc reader", uid=CHIP))
    qtbot.waitUntil(lambda: dialog.chip.uid == CHIP, timeout=WAIT)
    dialog.confirm()
    qtbot.waitUntil(
        lambda: dialog.flow.dialog is not None and dialog.flow.dialog.isVisible(), timeout=WAIT
    )
    till.ctx.hub.sink(CardPresented("test reader", uid=SUPERVISOR_UID))
    approval = dialog.flow.dialog
    qtbot.waitUntil(lambda: "needs the PIN" in approval.message.text(), timeout=WAIT)
    approval.pin.setText("5678")
    approval.submit()
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    new = dialog.result_data["card_number"]
    assert shop.loyalty.card_number_for_uid(CHIP) == new
    assert shop.loyalty.customer_view(shop.member)["status"] == "blocked"


def test_a_referrer_by_card_number(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: isinstance(till.counter.dialog, EnrollDialog), timeout=WAIT)
    dialog = till.counter.dialog
    dialog.name.setText("Trịnh Văn Lộc")
    dialog.referrer.setText(shop.member)  # the recommending member's card, typed or swiped
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    new = dialog.result_data["member_id"]
    referrer = shop.loyalty.customer_view(shop.member)["member"]["id"]
    assert any(m["id"] == new for m in shop.loyalty.search_members("trinh van"))
    with shop.store.read() as s:
        from sqlalchemy import select

        from loyalty_core.models import Member

        assert s.scalar(select(Member.referrer_id).where(Member.id == new)) == referrer


def test_the_difference_reason_is_the_engines_and_the_supervisor_sees_it(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till, "2001", "5678", float_text="500.000")
    dialog = open_z(qtbot, till)
    dialog.counted.setText("480.000")
    dialog.reason.setText("Thối nhầm cho khách")
    dialog.close_shift()
    dialog.close_shift()  # the second, deliberate press
    qtbot.waitUntil(lambda: dialog.final is not None, timeout=WAIT)
    assert dialog.final["difference_reason"] == "Thối nhầm cho khách"
    closed = shop.loyalty.day_report()["closed_shifts"]
    assert closed[-1]["difference"] == -20_000
    assert closed[-1]["difference_reason"] == "Thối nhầm cho khách"
    assert "Reason: Thối nhầm cho khách" in dialog.report_lines()
    dialog.reject()
    qtbot.waitUntil(lambda: till.page == "shift", timeout=WAIT)
    till.shift.float_edit.setText("100.000")
    till.shift.submit()
    qtbot.waitUntil(lambda: till.page == "counter", timeout=WAIT)
    till.open_supervisor()
    qtbot.waitUntil(
        lambda: getattr(till, "supervisor", None) is not None
        and till.supervisor.report is not None,
        timeout=WAIT,
    )
    text = till.supervisor.drawers.text()
    assert "-20.000 ₫" in text and "Thối nhầm cho khách" in text


def test_a_voucher_is_chosen_by_its_key(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    from app.sale import SaleDialog
    from tests.app.test_counter_flows import issue_voucher

    issue_voucher(shop, shop.member, "QUA50K", min_spend=300_000)
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    panel = till.counter.panel
    qtbot.waitUntil(lambda: len(panel.voucher_buttons) == 1, timeout=WAIT)
    assert "(Alt+1)" in panel.voucher_buttons[0].text()
    qtbot.waitUntil(panel.voucher_buttons[0].isVisible, timeout=WAIT)
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(till.counter.dialog, SaleDialog), timeout=WAIT)
    dialog = till.counter.dialog
    assert dialog.voucher.text() == "QUA50K"
    qtbot.waitUntil(lambda: focused() is dialog.amount, timeout=WAIT)
    qtbot.keyClicks(dialog.amount, "400000")
    qtbot.waitUntil(lambda: dialog.summary_text("voucher") == "-50.000 ₫", timeout=WAIT)


def test_a_phone_with_several_cards_opens_the_keyboard_picker(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    """Was a QInputDialog (a nested event loop, English OK/Cancel): now the member search,
    with the member's cards usable first and in words."""
    lo = shop.loyalty
    member = lo.customer_view(shop.member)["member"]["id"]
    extra = lo.issue_card(new_id(), shop.cashier_id, "prepaid", member, activate=True)["number"]
    lo.set_card_status(new_id(), shop.supervisor_id, shop.member, "blocked", "Mất thẻ")
    log_in(qtbot, till)
    qtbot.keyClicks(till.counter.lookup, "0987654321")
    qtbot.keyClick(till.counter.lookup, RETURN)
    qtbot.waitUntil(
        lambda: getattr(till.counter, "search_dialog", None) is not None
        and alive(till.counter.search_dialog)
        and till.counter.search_dialog.card_list.count() == 2,
        timeout=WAIT,
    )
    dialog = till.counter.search_dialog
    assert extra[-4:] in dialog.card_list.item(0).text()
    assert "Blocked" in dialog.card_list.item(1).text()
    qtbot.waitUntil(lambda: focused() is dialog.text, timeout=WAIT)
    qtbot.keyClick(dialog.text, RETURN)
    qtbot.keyClick(dialog.card_list, RETURN)
    qtbot.waitUntil(
        lambda: till.counter.panel.view is not None
        and till.counter.panel.view["number"] == extra,
        timeout=WAIT,
    )
