"""Issue 14, tenders: split payment by keyboard, VietQR transfer confirmed before the sale is
written, the slip's receipt number and tenders printed, the customer display, receipt search."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.i18n import settings
from app.mainwindow import MainWindow
from app.sale import SaleDialog
from app.tenders import tenders_for
from app.transfer import TransferDialog
from loyalty_core import vietqr
from loyalty_core.ids import new_id
from tests.app.conftest import WAIT, Shop, log_in, present, wait_idle
from tests.app.test_counter_flows import approve_with_pin, done
from tests.app.test_fast_sale import sale_dialog_active
from tests.app.test_shift_and_slips import open_z

BANK = {"vietqr/bank_bin": "970436", "vietqr/account": "0011001234567", "vietqr/name": "CUA HANG"}


@pytest.fixture
def bank() -> Iterator[None]:
    s = settings()
    for key, value in BANK.items():
        s.setValue(key, value)
    yield
    for key in (*BANK, "display/port", "printer/kind", "printer/target", "printer/text_mode"):
        s.remove(key)


def type_keys(qtbot: Any, text: str) -> None:
    for ch in text:
        qtbot.keyClick(QApplication.focusWidget(), ch)


def key(qtbot: Any, k: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), k)


def fast_sale(qtbot: Any, till: MainWindow, amount: str) -> SaleDialog:
    type_keys(qtbot, amount)
    key(qtbot, Qt.Key.Key_Return)
    dialog = sale_dialog_active(qtbot, till)
    qtbot.waitUntil(lambda: dialog.quote_data is not None, timeout=WAIT)
    return dialog


def transfer_dialog(qtbot: Any, dialog: SaleDialog) -> TransferDialog:
    qtbot.waitUntil(
        lambda: (
            getattr(dialog, "transfer_dialog", None) is not None
            and dialog.transfer_dialog.isVisible()
        ),
        timeout=WAIT,
    )
    qr = dialog.transfer_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is qr, timeout=WAIT)
    return qr


def test_tenders_for_puts_the_rest_on_the_chosen_tender() -> None:
    assert tenders_for(500_000, {"card": 100_000, "transfer": 0}, "cash") == {
        "card": 100_000,
        "cash": 400_000,
    }
    assert tenders_for(500_000, {"card": 100_000, "transfer": 150_000}, "card") == {
        "card": 350_000,
        "transfer": 150_000,
    }
    assert tenders_for(500_000, {"card": 600_000, "transfer": 0}, "cash") is None


def test_split_cash_card_transfer_by_keyboard(
    qtbot: Any, till: MainWindow, shop: Shop, bank: None, tmp_path: Path
) -> None:
    display = tmp_path / "pole"
    settings().setValue("display/port", f"file:{display}")
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    dialog = fast_sale(qtbot, till, "500000")
    assert dialog.cash_given.amount() == 500_000  # exact cash preselected
    key(qtbot, Qt.Key.Key_F3)  # the card takes the rest ...
    assert dialog.split.card.hasFocus() and dialog.split.card.amount() == 500_000
    type_keys(qtbot, "100000")  # ... and typing replaces it
    qtbot.waitUntil(lambda: dialog.cash_given.amount() == 400_000, timeout=WAIT)
    key(qtbot, Qt.Key.Key_F4)
    type_keys(qtbot, "150000")
    qtbot.waitUntil(lambda: dialog.cash_given.amount() == 250_000, timeout=WAIT)
    assert dialog.tenders() == {"card": 100_000, "transfer": 150_000, "cash": 250_000}
    # The customer hands over 300.000 for the cash part: typed in the cash given, change shown.
    dialog.cash_given.setFocus()
    type_keys(qtbot, "200000")
    assert dialog.summary_text("remaining") == "50.000 ₫"
    key(qtbot, Qt.Key.Key_Return)  # not covered: refused, nothing written
    assert "less than" in dialog.message.text() and dialog.result_data is None
    dialog.cash_given.selectAll()
    type_keys(qtbot, "300000")
    assert dialog.summary_text("change") == "50.000 ₫"
    assert dialog.summary_text("remaining") == "0 ₫"
    key(qtbot, Qt.Key.Key_Return)  # covered: the transfer's QR first
    qr = transfer_dialog(qtbot, dialog)
    qtbot.waitUntil(lambda: qr.payload is not None, timeout=WAIT)
    assert qr.amount_label.text() == "150.000 ₫"
    assert dialog.result_data is None  # nothing is written before the money is confirmed
    key(qtbot, Qt.Key.Key_Return)  # money received
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    result = dialog.result_data
    assert result["tenders"] == {"cash": 250_000, "card": 100_000, "transfer": 150_000}
    assert qr.reference == result["receipt_no"]
    assert dialog.transfer_qr == vietqr.payload(
        "970436", "0011001234567", 150_000, result["receipt_no"]
    )
    # The Z report sums each tender.
    cash = shop.loyalty.shift_report(till.ctx.state.shift_id)["cash"]
    assert (cash["sales"], cash["card_sales"], cash["transfer_sales"]) == (
        250_000,
        100_000,
        150_000,
    )
    slip = till.counter.slip.toPlainText()
    assert result["receipt_no"] in slip
    for line in ("Bank card", "100.000 ₫", "Bank transfer", "150.000 ₫", "Cash given"):
        assert line in slip
    assert till.counter.slip_extra == {"receipt_no": result["receipt_no"], "qr": dialog.transfer_qr}
    # The customer display showed what was due, then the change and thanks.
    wait_idle(qtbot, till)
    shown = display.read_bytes()
    assert b"To pay" in shown and b"500.000 d" in shown
    assert b"Change" in shown and b"50.000 d" in shown and b"Thank you!" in shown
    # ... and the Z report on screen has a bar per tender.
    report = open_z(qtbot, till)
    bars = {label: value for label, value, _colour in report.chart.bars}
    assert bars["Card sales"] == 100_000 and bars["Transfer sales"] == 150_000
    assert bars["Cash sales"] >= 250_000


def test_transfer_escape_writes_nothing_and_enter_pays(
    qtbot: Any, till: MainWindow, shop: Shop, bank: None
) -> None:
    log_in(qtbot, till)
    before = shop.loyalty.recent_sales(limit=50)
    present(qtbot, till, shop.member)
    dialog = fast_sale(qtbot, till, "120000")
    dialog.tender.setCurrentIndex(dialog.tender.findData("transfer"))
    dialog.amount.setFocus()
    key(qtbot, Qt.Key.Key_Return)  # no cash to give: Enter in the amount pays
    qr = transfer_dialog(qtbot, dialog)
    qtbot.waitUntil(lambda: qr.payload is not None, timeout=WAIT)
    assert not qr.qr.pixmap().isNull()
    key(qtbot, Qt.Key.Key_Escape)  # back to the sale: nothing written
    qtbot.waitUntil(lambda: not qr.isVisible(), timeout=WAIT)
    wait_idle(qtbot, till)
    assert shop.loyalty.recent_sales(limit=50) == before and dialog.isVisible()
    dialog.confirm()  # the code is shown again; now the money came
    qr = transfer_dialog(qtbot, dialog)
    qtbot.waitUntil(lambda: qr.received_button.isEnabled(), timeout=WAIT)
    key(qtbot, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    assert dialog.result_data["tenders"] == {"transfer": 120_000}
    assert dialog.result_data["receipt_no"] == qr.reference


def test_transfer_needs_the_shops_account(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    for k in BANK:
        settings().remove(k)
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    dialog = fast_sale(qtbot, till, "90000")
    key(qtbot, Qt.Key.Key_F4)  # all of it by transfer
    assert dialog.split.transfer.amount() == 90_000
    key(qtbot, Qt.Key.Key_Return)
    qr = transfer_dialog(qtbot, dialog)
    assert "bank account is not set up" in qr.message.text()
    assert not qr.received_button.isEnabled()
    key(qtbot, Qt.Key.Key_Return)  # Enter cannot confirm money that could not be asked for
    assert qr.isVisible() and dialog.result_data is None
    key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not qr.isVisible(), timeout=WAIT)
    assert dialog.result_data is None


def test_parts_over_the_bill_are_refused(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    dialog = fast_sale(qtbot, till, "100000")
    dialog.split.card.set_amount(150_000)
    dialog.confirm()
    assert "more than the amount to pay" in dialog.message.text()
    assert dialog.result_data is None


def test_a_broken_customer_display_never_blocks_the_sale(
    qtbot: Any, till: MainWindow, shop: Shop, bank: None, tmp_path: Path
) -> None:
    settings().setValue("display/port", str(tmp_path / "no-such-port"))
    messages: list[str] = []
    till.counter.status_message.connect(messages.append)
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    dialog = fast_sale(qtbot, till, "80000")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: any("Customer display" in m for m in messages), timeout=WAIT)
    said = [m for m in messages if "Customer display" in m]
    assert len(said) == 1  # said once, not at every quote
    assert "cannot be opened" in said[0]


def test_refund_finds_a_sale_by_its_receipt_number(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    log_in(qtbot, till)
    walk_in = shop.loyalty.checkout(
        new_id(), shop.cashier_id, None, 70_000, shift_id=till.ctx.state.shift_id
    )
    present(qtbot, till, shop.member)  # lists the member's sales: the walk-in is not there
    till.counter.open_refund()
    dialog = till.counter.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.loaded, timeout=WAIT)
    assert walk_in["sale_id"] not in [s["sale_id"] for s in dialog.sales]
    assert dialog.table.hasFocus()
    type_keys(qtbot, walk_in["receipt_no"])  # typed (or scanned) on the list
    assert dialog.search.edit.text() == walk_in["receipt_no"]
    qtbot.waitUntil(
        lambda: (dialog.selected_sale() or {}).get("sale_id") == walk_in["sale_id"], timeout=WAIT
    )
    row = [s["sale_id"] for s in dialog.sales].index(walk_in["sale_id"])
    assert dialog.table.item(row, 4).text() == walk_in["receipt_no"]
    key(qtbot, Qt.Key.Key_Return)  # to the list
    key(qtbot, Qt.Key.Key_Return)  # to the reason
    assert dialog.reason.hasFocus()
    type_keys(qtbot, "Doi hang")
    key(qtbot, Qt.Key.Key_Return)
    approve_with_pin(qtbot, dialog)  # a refund needs a supervisor
    assert done(qtbot, dialog)["receipt_no"] == walk_in["receipt_no"]


def test_slip_of_a_transfer_sale_printed_as_an_image(
    qtbot: Any, till: MainWindow, shop: Shop, bank: None, tmp_path: Path
) -> None:
    """No code page configured: the slip is a raster, the receipt number is text and a barcode,
    and the transfer's QR is printed after the text."""
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    settings().setValue("printer/kind", "file")
    settings().setValue("printer/target", str(device))
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    dialog = fast_sale(qtbot, till, "200000")
    key(qtbot, Qt.Key.Key_F4)
    key(qtbot, Qt.Key.Key_Return)
    qr = transfer_dialog(qtbot, dialog)
    qtbot.waitUntil(lambda: qr.received_button.isEnabled(), timeout=WAIT)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    receipt = dialog.result_data["receipt_no"]
    messages: list[str] = []
    till.counter.status_message.connect(messages.append)
    till.counter.print_last_slip()
    qtbot.waitUntil(lambda: "Slip printed." in messages, timeout=WAIT)
    data = device.read_bytes()
    assert data.count(b"\x1dv0") == 2  # the slip's text, then the QR
    assert b"Pham Quoc Bao" not in data and b"Ph?m" not in data  # drawn, not sent as text
    assert receipt.encode() in data and b"{B" + receipt.encode() in data


def test_settings_keep_the_bank_account_printer_mode_and_display(
    qtbot: Any, till: MainWindow, bank: None
) -> None:
    from app.settings_dialog import printer_config
    from tests.app.test_settings import open_settings

    log_in(qtbot, till, "2001", "5678")
    dialog = open_settings(qtbot, till)
    dialog.bank_bin.setText("97043")  # five digits: refused, nothing saved
    qtbot.keyClick(dialog.bank_bin, Qt.Key.Key_F10)
    assert dialog.isVisible() and "bank" in dialog.message.text().lower()
    assert settings().value("vietqr/bank_bin") == "970436"
    dialog.bank_bin.setText("970415")
    dialog.bank_account.setText("113366668888")
    dialog.bank_name.setText("Cửa hàng Hoa Mai")
    dialog.text_mode.setCurrentIndex(dialog.text_mode.findData("codepage"))
    dialog.code_page.setText("CP1258:27")
    dialog.width.setCurrentIndex(dialog.width.findData("48"))
    dialog.display_port.setText("/dev/ttyUSB3")
    dialog.display_baud.setCurrentIndex(dialog.display_baud.findData("19200"))
    qtbot.keyClick(dialog.bank_name, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    s = settings()
    assert (s.value("vietqr/bank_bin"), s.value("vietqr/account")) == ("970415", "113366668888")
    assert s.value("vietqr/name") == "Cửa hàng Hoa Mai"
    config = printer_config()
    assert (config.text_mode, config.code_page, config.width, config.dots) == (
        "codepage",
        "CP1258:27",
        48,
        576,
    )
    from app.customer_display import display_config

    assert display_config().port == "/dev/ttyUSB3" and display_config().baud == 19200
    for k in ("printer/code_page", "printer/width", "display/baud"):
        s.remove(k)


def test_slip_names_the_receipt_and_each_tender_at_both_widths() -> None:
    from app.receipts import slip_lines

    result = {
        "receipt_no": "AB12CD-000042",
        "amount": 500_000,
        "discount": 0,
        "cash_due": 500_000,
        "points_earned": 50,
        "tenders": {"cash": 250_000, "card": 100_000, "transfer": 150_000},
    }
    for width in (32, 48):
        lines = slip_lines(
            "sale",
            result,
            till_name="Quầy 1",
            cashier="Nguyễn Thị Lan",
            card_number=None,
            card_kind=None,
            customer=None,
            width=width,
        )
        assert all(len(line) <= width for line in lines)
        assert len(lines[2]) == width  # the rule spans the paper
        text = "\n".join(lines)
        assert "Receipt no." in text and "AB12CD-000042" in text
        for caption, amount in (("Cash", "250.000 ₫"), ("Bank card", "100.000 ₫")):
            assert any(caption in line and amount in line for line in lines)
        assert any("Bank transfer" in line and "150.000 ₫" in line for line in lines)
