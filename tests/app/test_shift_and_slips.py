from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from app.i18n import settings
from app.mainwindow import MainWindow
from app.receipts import PrinterConfig, PrinterError, print_slip, printable
from app.statusbar import TillStatusBar
from app.zreport import ZReportDialog
from sync.till.status import SyncSnapshot
from tests.app.conftest import WAIT, Shop, log_in, present
from tests.app.test_operations import finish, open_sale, quote_shows


def sell(qtbot: Any, till: MainWindow, amount: str, tender: str = "cash") -> dict[str, Any]:
    dialog = open_sale(qtbot, till)
    dialog.amount.setText(amount)
    quote_shows(qtbot, dialog, "cash_due", amount + " ₫")
    dialog.tender.setCurrentIndex(dialog.tender.findData(tender))
    return finish(qtbot, dialog)


def open_z(qtbot: Any, till: MainWindow) -> ZReportDialog:
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F7)
    qtbot.waitUntil(
        lambda: (
            getattr(till.counter, "zreport", None) is not None
            and till.counter.zreport.report is not None
        ),
        timeout=WAIT,
    )
    return till.counter.zreport


def test_z_report_and_close_by_supervisor(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till, "2001", "5678", float_text="1.000.000")
    sell(qtbot, till, "200.000")
    sell(qtbot, till, "300.000", tender="card")
    dialog = open_z(qtbot, till)
    assert dialog.report is not None
    assert dialog.report["cash"]["sales"] == 200_000
    assert dialog.report["cash"]["card_sales"] == 300_000
    assert dialog.expected.text() == "1.200.000 ₫"
    labels = [bar[0] for bar in dialog.chart.bars]
    assert labels[:2] == ["Cash sales", "Card sales"]
    assert dialog.chart.bars[0][1] == 200_000
    assert dialog.table.rowCount() >= 1 and dialog.table.item(0, 0).text() == "Sales"
    dialog.counted.setText("1.150.000")
    assert dialog.difference.text() == "-50.000 ₫"
    # Issue 14: a difference needs a reason, then a second press, before the shift closes.
    dialog.close_shift()
    assert "type the reason" in dialog.message.text() and dialog.final is None
    dialog.reason.setText("Thối nhầm tiền")
    dialog.close_shift()
    assert "Press F10 again" in dialog.message.text() and dialog.final is None
    assert shop.loyalty.open_shift_id() is not None
    dialog.close_shift()
    qtbot.waitUntil(lambda: dialog.final is not None, timeout=WAIT)
    assert dialog.message.objectName() == "subtle"  # success is not shown as an error
    assert dialog.final["difference"] == -50_000
    assert shop.loyalty.open_shift_id() is None
    assert "Difference" in "\n".join(dialog.report_lines())
    assert "Thối nhầm tiền" in "\n".join(dialog.report_lines())
    dialog.reject()
    qtbot.waitUntil(lambda: till.page == "shift", timeout=WAIT)  # next shift starts here


def test_cashier_cannot_close_the_shift(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    """Issue 14: the cashier is offered a supervisor prompt on the spot; only a supervisor's
    code and PIN close the shift, under the supervisor's name."""
    log_in(qtbot, till)
    dialog = open_z(qtbot, till)
    dialog.counted.setText("2.000.000")
    dialog.close_shift()
    qtbot.waitUntil(lambda: getattr(dialog, "prompt", None) is not None, timeout=WAIT)
    prompt = dialog.prompt
    qtbot.waitUntil(prompt.isVisible, timeout=WAIT)
    assert shop.loyalty.open_shift_id() is not None
    prompt.code.setText("1001")  # the cashier's own code is refused
    prompt.pin.setText("1234")
    prompt.submit()
    qtbot.waitUntil(lambda: "Only a supervisor" in prompt.message.text(), timeout=WAIT)
    assert shop.loyalty.open_shift_id() is not None
    prompt.code.setText("2001")
    prompt.pin.setText("5678")
    prompt.submit()
    qtbot.waitUntil(lambda: dialog.final is not None, timeout=WAIT)
    assert dialog.final["closed_by"] == shop.supervisor_id
    assert shop.loyalty.open_shift_id() is None


def test_slip_printed_to_an_escpos_device_file(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    # Issue 14: diacritics-free text is now one of three modes (image is the default).
    config = PrinterConfig("file", str(device), text_mode="ascii")
    print_slip(["Nguyễn Thị Lan", "Tổng: 1.250.000 ₫"], config)
    data = device.read_bytes()
    assert b"Nguyen Thi Lan" in data
    assert b"1.250.000 d" in data
    assert b"\x1dV" in data  # the ESC/POS cut command


def test_printer_problems_are_refusals_not_crashes() -> None:
    try:
        print_slip(["x"], PrinterConfig())
    except PrinterError as exc:
        assert exc.code == "printer.not_configured"
    else:
        raise AssertionError("no printer configured must be reported")
    with socket.socket() as s:  # a port nobody listens on: connection refused at once
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    try:
        print_slip(["x"], PrinterConfig("network", f"127.0.0.1:{port}"))
    except PrinterError as exc:
        assert exc.code in ("printer.unreachable", "printer.failed")
    else:
        raise AssertionError("a printer that does not answer must be reported")


def test_print_without_printer_keeps_the_slip(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    settings().setValue("printer/kind", "none")
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    sell(qtbot, till, "100.000")
    slip = till.counter.slip.toPlainText()
    assert "LOYALTY SLIP" in slip and "Phạm Quốc Bảo" in slip
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F8)
    # Issue 14: a refusal stays on the counter's notice until dismissed.
    qtbot.waitUntil(lambda: bool(till.counter.notice.text()), timeout=WAIT)
    assert "No receipt printer is set up" in till.counter.notice.text()
    assert till.counter.slip.toPlainText() == slip
    assert till.counter.print_button.isEnabled()


def test_print_button_prints_to_configured_file(
    qtbot: Any, till: MainWindow, shop: Shop, tmp_path: Path
) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    settings().setValue("printer/kind", "file")
    settings().setValue("printer/target", str(device))
    settings().setValue("printer/text_mode", "ascii")  # issue 14: image is the default now
    try:
        log_in(qtbot, till)
        present(qtbot, till, shop.member)
        sell(qtbot, till, "100.000")
        messages: list[str] = []
        till.counter.status_message.connect(messages.append)
        till.counter.print_last_slip()
        qtbot.waitUntil(lambda: bool(messages), timeout=WAIT)
        assert messages == ["Slip printed."]
        assert b"Pham Quoc Bao" in device.read_bytes()
        assert shop.member.encode() not in device.read_bytes()
    finally:
        settings().setValue("printer/kind", "none")
        settings().remove("printer/text_mode")


def test_printable_drops_only_diacritics() -> None:
    assert printable("Đặng Kim Trang — 627.708 ₫") == "Dang Kim Trang ? 627.708 d"


def test_status_bar_shows_sync_snapshot(qtbot: Any, till: MainWindow) -> None:
    bar: TillStatusBar = till.status
    assert bar.sync.text() == "Offline — sync not configured"
    bar.set_sync_state(
        SyncSnapshot(online=True, entries_waiting=12, last_success="2026-11-25T08:30:00.000000Z")
    )
    text = bar.sync.text()
    assert text.startswith("Online") and "12 waiting to sync" in text and "last sync" in text
    bar.set_sync_state(SyncSnapshot(online=False, entries_waiting=3, last_error="refused"))
    assert bar.sync.text() == "Offline  ·  3 waiting to sync  ·  never synced"
    # Entries kept without effect (pulled, or ours refused by head office) are counted, and
    # head office's reason is one hover away.
    bar.set_sync_state(SyncSnapshot(online=True, quarantined=2, refused=1,
                                    last_refusal="shift.not_open: sv.topup (seq 9)"))
    assert bar.sync.text().endswith("never synced  ·  3 quarantined")
    assert bar.sync.toolTip() == "shift.not_open: sv.topup (seq 9)"

    bar.set_sync_state(
        SyncSnapshot(online=True, rules_refused={"version": 7, "errors": ["earn.vnd_per_point"]})
    )
    assert bar.sync.text().endswith("rules version 7 refused, previous rules kept")
    bar.set_sync_state(SyncSnapshot(online=True, definitions_refused=2))
    assert bar.sync.text().endswith("2 head-office definitions refused")
    # A whole push batch refused: retried, but the cashier sees why it is stuck.
    bar.set_sync_state(SyncSnapshot(online=True, entries_waiting=4,
                                    push_refused="push.chain_broken: seq 12"))
    assert "head office refused our entries: push.chain_broken: seq 12" in bar.sync.text()


def test_status_bar_says_when_the_till_clock_is_wrong(qtbot: Any, till: MainWindow) -> None:
    bar: TillStatusBar = till.status
    bar.set_sync_state(SyncSnapshot(online=True, clock_offset_s=45))
    assert "clock" not in bar.sync.text()  # under a minute: nothing to do
    bar.set_sync_state(SyncSnapshot(online=True, clock_offset_s=610))
    assert "the till's clock is 10 min slow: set the clock" in bar.sync.text()
    assert bar.sync.property("online") is False  # shown as a problem, not as all-good
    bar.set_sync_state(SyncSnapshot(online=True, clock_offset_s=-3600))
    assert "the till's clock is 60 min fast" in bar.sync.text()


def test_reader_status_follows_reader_events(qtbot: Any, till: MainWindow) -> None:
    from hardware.events import ReaderAttached, ReaderLost

    till.ctx.hub.sink(ReaderAttached("ACR122U"))
    qtbot.waitUntil(lambda: "Reader ready: ACR122U" in till.status.readers.text(), timeout=WAIT)
    till.ctx.hub.sink(ReaderLost("ACR122U", "unplugged"))
    qtbot.waitUntil(lambda: "Reader lost: ACR122U" in till.status.readers.text(), timeout=WAIT)
