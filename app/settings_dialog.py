"""The till's settings screen (supervisor or manager only): readers, printer, cash drawer,
customer display, language, and whether head office can be reached.

Everything is stored in QSettings, the one place `app.main` reads the hardware set-up from
(`hardware_config`, `printer_config`). Readers are opened once at start-up, so their settings
take effect on the next start; the printer is opened for every slip, so its settings apply at
once. The screen says which is which.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.context import AppContext
from app.messages import error_text
from app.operations import devices
from app.receipts import PrinterConfig
from app.widgets import TOUCH_HEIGHT, ActionButton

SUFFIXES = {"enter": "\r", "tab": "\t", "none": ""}
# Virtual PC/SC readers (vpcd, Windows Hello "Microsoft Virtual Smart Card", ...) never hold a
# customer's card: with this filter only physical readers are opened.


def _flag(value: Any, default: bool) -> bool:
    if value is None:
        return default
    return str(value).lower() in ("true", "1", "yes")


def hardware_config(prefixes: Mapping[str, str], demo: bool) -> Any:
    """The readers as the settings screen set them up (read at start-up by `app.main`)."""
    from hardware.config import HardwareConfig
    from hardware.serial_reader import SerialConfig

    s = i18n.settings()
    port = str(s.value("readers/serial_port", "") or "").strip()
    serial = (SerialConfig(port, int(s.value("readers/serial_baud", 9600))),) if port else ()
    # Virtual PC/SC readers (vpcd) let anyone on their port present any card: the hardware layer
    # ignores them unless this is set (the demo and the tests only).
    allow_virtual = _flag(s.value("readers/allow_virtual"), demo)
    return HardwareConfig(
        prefixes=dict(prefixes),
        pcsc=_flag(s.value("readers/pcsc"), not demo),
        allow_virtual_readers=allow_virtual,
        serial=serial,
        simulated=demo,
        wedge_max_gap_ms=float(s.value("wedge/max_gap_ms", 30)),
        wedge_prefix=str(s.value("wedge/prefix", "") or ""),
        wedge_suffix=SUFFIXES.get(str(s.value("wedge/suffix", "enter")), "\r"),
    )


def printer_config() -> PrinterConfig:
    s = i18n.settings()
    code_page = str(s.value("printer/code_page", "") or "")
    # Before the text mode was a setting, a code page meant "print in it"; otherwise an image.
    mode = str(s.value("printer/text_mode", "") or ("codepage" if code_page else "image"))
    return PrinterConfig(
        str(s.value("printer/kind", "none")),
        str(s.value("printer/target", "")),
        code_page=code_page,
        width=int(s.value("printer/width", 32)),
        cash_drawer=_flag(s.value("printer/cash_drawer"), False),
        text_mode=mode,
    )


def _combo(name: str, items: list[tuple[str, str]], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setMinimumHeight(TOUCH_HEIGHT - 8)
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current)
    combo.setCurrentIndex(max(0, index))
    return combo


def _line(name: str, text: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    edit.setMinimumHeight(TOUCH_HEIGHT - 8)
    edit.setPlaceholderText(placeholder)
    return edit


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, sync_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        s = i18n.settings()
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumSize(720, 560)
        outer = QVBoxLayout(self)
        title = QLabel(self.tr("Till settings"))
        title.setObjectName("dialogTitle")
        outer.addWidget(title)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget()
        box = QVBoxLayout(content)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)

        readers = QGroupBox(self.tr("Card readers (take effect on restart)"))
        form = QFormLayout(readers)
        self.pcsc = QCheckBox(self.tr("Use PC/SC (NFC) readers"))
        self.pcsc.setObjectName("setPcsc")
        self.pcsc.setChecked(_flag(s.value("readers/pcsc"), True))
        form.addRow("", self.pcsc)
        self.ignore_virtual = QCheckBox(self.tr("Ignore virtual readers"))
        self.ignore_virtual.setObjectName("setIgnoreVirtual")
        self.ignore_virtual.setChecked(not _flag(s.value("readers/allow_virtual"), False))
        form.addRow("", self.ignore_virtual)
        self.serial_port = _line(
            "setSerialPort", str(s.value("readers/serial_port", "") or ""), "/dev/ttyUSB0"
        )
        form.addRow(self.tr("Serial magstripe port"), self.serial_port)
        bauds = [(str(b), str(b)) for b in (1200, 2400, 4800, 9600, 19200, 38400, 115200)]
        self.serial_baud = _combo("setSerialBaud", bauds, str(s.value("readers/serial_baud", 9600)))
        form.addRow(self.tr("Baud rate"), self.serial_baud)
        self.wedge_gap = QSpinBox()
        self.wedge_gap.setObjectName("setWedgeGap")
        self.wedge_gap.setRange(5, 200)
        self.wedge_gap.setSuffix(" ms")
        self.wedge_gap.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.wedge_gap.setValue(int(float(s.value("wedge/max_gap_ms", 30))))
        form.addRow(self.tr("Keyboard-wedge: longest gap between keys"), self.wedge_gap)
        self.wedge_prefix = _line("setWedgePrefix", str(s.value("wedge/prefix", "") or ""))
        form.addRow(self.tr("Keyboard-wedge: prefix"), self.wedge_prefix)
        self.wedge_suffix = _combo(
            "setWedgeSuffix",
            [(self.tr("Enter"), "enter"), (self.tr("Tab"), "tab"), (self.tr("Nothing"), "none")],
            str(s.value("wedge/suffix", "enter")),
        )
        form.addRow(self.tr("Keyboard-wedge: sent after the card"), self.wedge_suffix)
        box.addWidget(readers)

        printer = QGroupBox(self.tr("Receipt printer and cash drawer (take effect at once)"))
        form = QFormLayout(printer)
        kinds = [
            (self.tr("None"), "none"),
            (self.tr("USB (vendor:product)"), "usb"),
            (self.tr("Network (host:port)"), "network"),
            (self.tr("Serial (port)"), "serial"),
            (self.tr("File or device"), "file"),
        ]
        self.printer_kind = _combo("setPrinterKind", kinds, str(s.value("printer/kind", "none")))
        form.addRow(self.tr("Connection"), self.printer_kind)
        self.printer_target = _line("setPrinterTarget", str(s.value("printer/target", "") or ""))
        form.addRow(self.tr("Address"), self.printer_target)
        current = printer_config()
        modes = [
            (self.tr("As an image (any printer)"), "image"),
            (self.tr("The printer's Vietnamese code page"), "codepage"),
            (self.tr("Without diacritics"), "ascii"),
        ]
        self.text_mode = _combo("setTextMode", modes, current.text_mode)
        form.addRow(self.tr("Vietnamese text"), self.text_mode)
        self.code_page = _line(
            "setCodePage", str(s.value("printer/code_page", "") or ""), "CP1258 / CP1258:27"
        )
        form.addRow(self.tr("Vietnamese code page (CP1258[:table])"), self.code_page)
        widths = [
            (self.tr("58 mm (32 characters, 384 dots)"), "32"),
            (self.tr("80 mm (48 characters, 576 dots)"), "48"),
        ]
        self.width = _combo("setPrinterWidth", widths, str(s.value("printer/width", 32)))
        form.addRow(self.tr("Paper width"), self.width)
        self.drawer = QCheckBox(self.tr("Open the cash drawer after a cash payment"))
        self.drawer.setObjectName("setCashDrawer")
        self.drawer.setChecked(_flag(s.value("printer/cash_drawer"), False))
        form.addRow("", self.drawer)
        box.addWidget(printer)

        other = QGroupBox(self.tr("Customer display and language"))
        form = QFormLayout(other)
        self.display_port = _line(
            "setDisplayPort", str(s.value("display/port", "") or ""), self.tr("none")
        )
        form.addRow(self.tr("Customer display port"), self.display_port)
        self.display_baud = _combo("setDisplayBaud", bauds, str(s.value("display/baud", 9600)))
        form.addRow(self.tr("Customer display baud rate"), self.display_baud)
        self.language = _combo(
            "setLanguage", [("Tiếng Việt", "vi"), ("English", "en")], i18n.current_language()
        )
        form.addRow(self.tr("Language"), self.language)
        self.sync = QLabel(sync_text)
        self.sync.setObjectName("setSync")
        self.sync.setWordWrap(True)
        form.addRow(self.tr("Head office"), self.sync)
        box.addWidget(other)

        bank = QGroupBox(self.tr("Bank transfers (VietQR)"))
        form = QFormLayout(bank)
        self.bank_bin = _line("setBankBin", str(s.value("vietqr/bank_bin", "") or ""), "970436")
        form.addRow(self.tr("Bank BIN (6 digits)"), self.bank_bin)
        self.bank_account = _line("setBankAccount", str(s.value("vietqr/account", "") or ""))
        form.addRow(self.tr("Account number"), self.bank_account)
        self.bank_name = _line("setBankName", str(s.value("vietqr/name", "") or ""))
        form.addRow(self.tr("Account holder"), self.bank_name)
        box.addWidget(bank)

        self.message = QLabel()
        self.message.setObjectName("subtle")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        row = QHBoxLayout()
        self.cancel_button = ActionButton(self.tr("Cancel"), "Esc")
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = ActionButton(self.tr("Save"), "F10")
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        # Test print sits with the buttons: always in view, whatever the scroll.
        self.test_button = ActionButton(self.tr("Test print"), "F8")
        self.test_button.clicked.connect(self.test_print)
        row.addWidget(self.cancel_button)
        row.addWidget(self.test_button)
        row.addWidget(self.save_button)
        outer.addLayout(row)
        self.pcsc.setFocus()

    def save(self) -> None:
        from hardware.wedge import WedgeDecoder

        try:  # a prefix the decoder cannot tell from a card would break every swipe
            WedgeDecoder(
                prefix=self.wedge_prefix.text(),
                suffix=SUFFIXES[str(self.wedge_suffix.currentData())],
                max_gap_ms=float(self.wedge_gap.value()),
            )
        except ValueError:
            self._say(
                self.tr("The keyboard-wedge prefix may not contain % ; or Enter."), error=True
            )
            self.wedge_prefix.setFocus()
            return
        bank_bin, account = self.bank_bin.text().strip(), self.bank_account.text().strip()
        if bank_bin or account:
            from loyalty_core import vietqr
            from loyalty_core.errors import LoyaltyError

            try:  # the same check a transfer's code gets: a typo is caught here, not at a sale
                vietqr.payload(bank_bin, account)
            except LoyaltyError as exc:
                self._say(error_text(exc), error=True)
                self.bank_bin.setFocus()
                return
        s = i18n.settings()
        s.setValue("vietqr/bank_bin", bank_bin)
        s.setValue("vietqr/account", account)
        s.setValue("vietqr/name", self.bank_name.text().strip())
        s.setValue("printer/text_mode", self.text_mode.currentData())
        s.setValue("display/baud", int(self.display_baud.currentData()))
        s.setValue("readers/pcsc", "true" if self.pcsc.isChecked() else "false")
        s.setValue("readers/allow_virtual", "false" if self.ignore_virtual.isChecked() else "true")
        s.setValue("readers/serial_port", self.serial_port.text().strip())
        s.setValue("readers/serial_baud", int(self.serial_baud.currentData()))
        s.setValue("wedge/max_gap_ms", self.wedge_gap.value())
        s.setValue("wedge/prefix", self.wedge_prefix.text())
        s.setValue("wedge/suffix", self.wedge_suffix.currentData())
        s.setValue("printer/kind", self.printer_kind.currentData())
        s.setValue("printer/target", self.printer_target.text().strip())
        s.setValue("printer/code_page", self.code_page.text().strip())
        s.setValue("printer/width", int(self.width.currentData()))
        s.setValue("printer/cash_drawer", "true" if self.drawer.isChecked() else "false")
        s.setValue("display/port", self.display_port.text().strip())
        s.sync()
        self.language_chosen = str(self.language.currentData())
        self.accept()

    def test_print(self) -> None:
        config = PrinterConfig(
            str(self.printer_kind.currentData()),
            self.printer_target.text().strip(),
            code_page=self.code_page.text().strip(),
            width=int(self.width.currentData()),
            text_mode=str(self.text_mode.currentData()),
        )
        lines = [self.tr("Test print"), "Tiếng Việt: đồng ₫ ươ", "-" * config.width]
        devices.print_slip(
            self.ctx.runner,
            lines,
            config,
            success=lambda _r: self._say(self.tr("Test slip printed.")),
            failure=lambda exc: self._say(error_text(exc), error=True),
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setObjectName("error" if error else "subtle")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
