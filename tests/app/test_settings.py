"""Issue 14: the settings screen (supervisor or manager only), stored in QSettings and read by
the program at start-up (readers, wedge) or at every slip (printer)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGroupBox

from app.i18n import settings
from app.mainwindow import MainWindow
from app.settings_dialog import SettingsDialog, hardware_config, printer_config
from tests.app.conftest import WAIT, log_in
from tests.app.test_screens import assert_fits

KEYS = ("readers", "wedge", "printer", "display")


@pytest.fixture(autouse=True)
def clean_settings() -> Iterator[None]:
    yield
    s = settings()
    for group in KEYS:
        s.remove(group)
    s.sync()


def open_settings(qtbot: Any, till: MainWindow) -> SettingsDialog:
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F12, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(
        lambda: getattr(till, "settings_dialog", None) is not None
        and till.settings_dialog.isVisible(),
        timeout=WAIT,
    )
    dialog = till.settings_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    return dialog


def test_supervisor_sets_readers_and_printer(qtbot: Any, till: MainWindow, tmp_path: Path) -> None:
    log_in(qtbot, till, "2001", "5678")
    dialog = open_settings(qtbot, till)
    till.resize(1024, 768)
    assert_fits(dialog)
    titles = [box.title() for box in dialog.findChildren(QGroupBox)]
    assert any("restart" in t for t in titles) and any("at once" in t for t in titles)
    dialog.wedge_gap.setValue(45)
    dialog.wedge_prefix.setText(";")  # a start sentinel: refused, nothing saved
    qtbot.keyClick(dialog.wedge_prefix, Qt.Key.Key_F10)
    assert "prefix" in dialog.message.text() and dialog.isVisible()
    assert settings().value("wedge/prefix") is None
    dialog.wedge_prefix.setText("@@")
    dialog.wedge_suffix.setCurrentIndex(dialog.wedge_suffix.findData("tab"))
    dialog.serial_port.setText("/dev/ttyUSB7")
    dialog.serial_baud.setCurrentIndex(dialog.serial_baud.findData("19200"))
    dialog.ignore_virtual.setChecked(True)
    slip = tmp_path / "printer.bin"
    dialog.printer_kind.setCurrentIndex(dialog.printer_kind.findData("file"))
    dialog.printer_target.setText(str(slip))
    dialog.drawer.setChecked(True)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "printed" in dialog.message.text(), timeout=WAIT)
    assert slip.read_bytes()
    qtbot.keyClick(dialog.wedge_prefix, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    config = hardware_config({"member": "88"}, demo=False)
    assert config.wedge_max_gap_ms == 45 and config.wedge_prefix == "@@"
    assert config.wedge_suffix == "\t"
    assert config.serial[0].port == "/dev/ttyUSB7" and config.serial[0].baudrate == 19200
    assert config.allow_virtual_readers is False
    decoder = config.wedge_decoder()
    assert decoder.prefix == "@@" and decoder.suffix == "\t"
    printer = printer_config()
    assert printer.kind == "file" and printer.target == str(slip) and printer.cash_drawer
    assert till.counter.printer_config() == printer  # the counter prints with it at once


def test_virtual_reader_filter_keeps_physical_readers() -> None:
    from hardware.pcsc import is_virtual_reader

    assert not is_virtual_reader("ACS ACR122U PICC Interface 00 00")
    assert is_virtual_reader("Virtual PCD 00 00")
    assert is_virtual_reader("Microsoft Virtual Smart Card 0")


def test_cashier_needs_a_supervisor_for_the_settings(qtbot: Any, till: MainWindow) -> None:
    log_in(qtbot, till)
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F12, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(till, "prompt", None) is not None, timeout=WAIT)
    assert getattr(till, "settings_dialog", None) is None
    prompt = till.prompt
    qtbot.waitUntil(lambda: QApplication.activeWindow() is prompt, timeout=WAIT)
    qtbot.keyClicks(prompt.code, "2001")
    qtbot.keyClick(prompt.code, Qt.Key.Key_Return)
    qtbot.keyClicks(prompt.pin, "5678")
    qtbot.keyClick(prompt.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(till, "settings_dialog", None) is not None, timeout=WAIT)
    till.settings_dialog.reject()
