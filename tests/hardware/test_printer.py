"""The receipt printer's bytes (issue 14): Vietnamese kept through the code page or a raster
image, never `?`; the receipt number in plain text and as a barcode; the paper width."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from escpos.printer import Dummy

from hardware.printer import (
    PrinterConfig,
    PrinterError,
    code_page_table,
    cp1258_bytes,
    font_path,
    print_slip,
    printable,
    write_slip,
)

LINES = ["Nguyễn Thị Lan", "Tổng cộng:   1.250.000 ₫", "Cảm ơn quý khách! ậ ữ ỡ"]
RASTER = b"\x1dv0"  # GS v 0: a raster bit image
RECEIPT = "AB12CD-000042"


def printed(config: PrinterConfig, **kw: str) -> bytes:
    device = Dummy()
    write_slip(device, LINES, config, **kw)
    return bytes(device.output)


def test_cp1258_spells_tones_as_combining_marks() -> None:
    assert cp1258_bytes("Nguyễn") == b"Nguy\xea\xden"  # ê + combining tilde
    assert cp1258_bytes("ậ") == b"\xe2\xf2"  # â + dot below, in that order
    assert cp1258_bytes("đồng ₫") == b"\xf0\xf4\xccng \xfe"
    assert b"?" not in cp1258_bytes("".join(LINES))
    # Every Vietnamese letter round-trips through the printer's table.
    word = "ẮẰẲẴẶắằẳẵặẤẦẨẪẬấầẩẫậỨỪỬỮỰứừửữựỚỜỞỠỢớờởỡợĐđ"
    back = unicodedata.normalize("NFC", cp1258_bytes(word).decode("cp1258"))
    assert back == word


def test_code_page_mode_sends_the_table_and_cp1258_text() -> None:
    data = printed(PrinterConfig("file", "x", code_page="CP1258", text_mode="codepage"))
    assert data.startswith(b"\x1bt\x34")  # ESC t 52: Epson's CP1258 table
    assert cp1258_bytes("Nguyễn Thị Lan") in data
    assert b"Nguy?n" not in data and b"Th? " not in data
    clone = printed(PrinterConfig("file", "x", code_page="CP1258:27", text_mode="codepage"))
    assert clone.startswith(b"\x1bt\x1b")  # ESC t 27: the table number this printer uses


def test_image_mode_prints_a_raster_and_no_replaced_text() -> None:
    if font_path() is None:
        pytest.skip("no DejaVu Sans Mono on this machine (fonts-dejavu-core)")
    data = printed(PrinterConfig("file", "x", text_mode="image"), receipt_no=RECEIPT)
    assert data.startswith(RASTER)
    assert b"Nguy" not in data  # the text is in the picture, not sent as (lossy) text
    width_bytes = int.from_bytes(data[4:6], "little")
    assert width_bytes * 8 == 384  # 58 mm: 384 dots
    assert RECEIPT.encode() in data  # in plain text under the picture ...
    assert b"\x1dk" in data and b"{B" + RECEIPT.encode() in data  # ... and as CODE128
    wide = printed(PrinterConfig("file", "x", width=48, text_mode="image"))
    assert int.from_bytes(wide[4:6], "little") * 8 == 576  # 80 mm: 576 dots


def test_image_mode_draws_the_diacritics() -> None:
    """The raster of a line with tones differs from the same line without them."""
    if font_path() is None:
        pytest.skip("no DejaVu Sans Mono on this machine (fonts-dejavu-core)")
    config = PrinterConfig("file", "x", text_mode="image")
    toned, bare = Dummy(), Dummy()
    write_slip(toned, ["Nguyễn Thị Lan"], config)
    write_slip(bare, [printable("Nguyễn Thị Lan")], config)
    assert toned.output != bare.output


def test_transfer_qr_is_printed_as_an_image() -> None:
    data = printed(PrinterConfig("file", "x", text_mode="ascii"), qr="00020101021138570010A0")
    assert data.count(RASTER) == 1 and b"Nguyen Thi Lan" in data


def test_ascii_mode_drops_only_diacritics() -> None:
    data = printed(PrinterConfig("file", "x", text_mode="ascii"))
    assert b"Nguyen Thi Lan" in data and b"1.250.000 d" in data


def test_bad_code_page_is_refused_before_printing(tmp_path: Path) -> None:
    with pytest.raises(PrinterError) as caught:
        code_page_table("CP437")
    assert caught.value.code == "printer.bad_code_page"
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    with pytest.raises(PrinterError):
        print_slip(
            ["x"], PrinterConfig("file", str(device), code_page="CP1258:999", text_mode="codepage")
        )
    assert device.read_bytes() == b""


def test_whole_slip_to_a_device_file(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    print_slip(
        LINES,
        PrinterConfig("file", str(device), text_mode="codepage", code_page="CP1258"),
        receipt_no=RECEIPT,
        qr="0002010102",
    )
    data = device.read_bytes()
    assert cp1258_bytes("Cảm ơn quý khách!") in data
    assert RECEIPT.encode() in data and RASTER in data and data.rstrip().endswith(b"\x1dV\x00")
