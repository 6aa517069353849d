"""The ESC/POS receipt printer: text in the printer's Vietnamese code page, or as a raster image.

Most cheap receipt printers have no Vietnamese code page, and those that have one number it
differently (Epson's table 52 is CP1258, many 58 mm clones call it 27 or 94). So the slip goes
out one of three ways, chosen in the settings:

- `codepage`: the printer's CP1258 table; Vietnamese is sent as CP1258 bytes (a base letter,
  then the tone as a combining mark, the standard CP1258 spelling: Python's own codec cannot
  encode most toned letters and escpos's encoder then prints `?`);
- `image`: the text drawn with a TrueType font that has the Vietnamese glyphs (DejaVu) and sent
  as a raster image, which every ESC/POS printer prints;
- `ascii`: diacritics dropped (`Nguyễn` -> `Nguyen`), for printers that can do neither.

The receipt number is always also printed as plain ASCII text and a CODE128 barcode under the
slip, so a refund can find the sale by scanning or typing it whatever the mode; a VietQR
transfer code is printed as a QR image. No Qt: this runs on the app's device lane.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TEXT_MODES = ("image", "codepage", "ascii")
# Paper width in characters (font A) and in printer dots: 58 mm and 80 mm rolls at 203 dpi.
DOTS = {32: 384, 42: 512, 48: 576}
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/TTF/DejaVuSansMono.ttf",
    "/usr/share/fonts/dejavu/DejaVuSansMono.ttf",
    "/System/Library/Fonts/Supplemental/DejaVuSansMono.ttf",
    "C:/Windows/Fonts/consola.ttf",
)
# CP1258 writes a toned Vietnamese letter as its base (â, ê, ơ, ư ... are in the table) followed
# by one of these five combining tone marks, which are in the table too.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


class PrinterError(Exception):
    """A printer problem the cashier can fix (app/messages.py has the sentences)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.params = {"detail": detail}


@dataclass(frozen=True)
class PrinterConfig:
    """kind: none | file | network | usb | serial; target: device path, host[:port], vid:pid
    (hex) or serial port. code_page: the printer's Vietnamese table, `CP1258` (Epson's number)
    or `CP1258:27` (the number this printer uses). text_mode: image | codepage | ascii (see the
    module). width: characters per line, 32 (58 mm) or 48 (80 mm). cash_drawer: kick the drawer
    after the slip."""

    kind: str = "none"
    target: str = ""
    code_page: str = ""
    width: int = 32
    cash_drawer: bool = False
    text_mode: str = "image"

    @property
    def dots(self) -> int:
        return DOTS.get(self.width, 384 if self.width <= 32 else 576)


def printable(text: str) -> str:
    """ASCII for printers without Vietnamese: `Nguyễn Thị Lan` -> `Nguyen Thi Lan`."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("₫", "d").replace("•", "*")
    decomposed = unicodedata.normalize("NFD", text)
    return (
        "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
        .encode("ascii", "replace")
        .decode("ascii")
    )


def cp1258_bytes(text: str) -> bytes:
    """Vietnamese in Windows-1258 as printers expect it: `ễ` -> `ê` + combining tilde."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text.replace("•", "*")):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = parts[0] + "".join(m for m in parts[1:] if m not in _TONES)
        tones = "".join(m for m in parts[1:] if m in _TONES)
        out += (unicodedata.normalize("NFC", base) + tones).encode("cp1258", "replace")
    return bytes(out)


def code_page_table(code_page: str) -> tuple[str, int | None]:
    """`CP1258:27` -> ("CP1258", 27); `CP1258` -> ("CP1258", None): escpos's profile knows it."""
    match = re.fullmatch(r"\s*([A-Za-z0-9_-]+)\s*(?::\s*(\d{1,3}))?\s*", code_page or "")
    if not match:
        raise PrinterError("printer.bad_code_page", code_page[:20])
    name, number = match.group(1).upper(), match.group(2)
    if name not in ("CP1258", "WINDOWS-1258", "WPC1258"):
        raise PrinterError("printer.bad_code_page", name[:20])
    table = int(number) if number is not None else None
    if table is not None and table > 255:
        raise PrinterError("printer.bad_code_page", code_page[:20])
    return "CP1258", table


def font_path() -> str | None:
    """A monospaced TrueType font with Vietnamese glyphs: columns stay aligned as on screen."""
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return None


def render_lines(lines: list[str], width_chars: int, dots: int, font_file: str) -> Any:
    """The slip's text as a 1-bit image `dots` wide, `width_chars` monospaced columns across."""
    from PIL import Image, ImageDraw, ImageFont

    size = 40
    font = ImageFont.truetype(font_file, size)
    while size > 8 and font.getlength("M" * width_chars) > dots:
        size -= 1
        font = ImageFont.truetype(font_file, size)
    ascent, descent = font.getmetrics()
    step = ascent + descent + 2
    image = Image.new("1", (dots, max(1, step * len(lines) + 4)), 1)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((0, 2 + i * step), unicodedata.normalize("NFC", line), font=font, fill=0)
    return image


def open_printer(config: PrinterConfig) -> Any:
    try:
        from escpos import printer
    except ImportError as exc:  # pragma: no cover - installed with the program
        raise PrinterError("printer.not_configured", str(exc)) from exc
    try:
        if config.kind == "file":
            return printer.File(config.target)
        if config.kind == "network":
            host, _, port = config.target.partition(":")
            return printer.Network(host, int(port or 9100), timeout=5)
        if config.kind == "usb":
            vid, _, pid = config.target.partition(":")
            return printer.Usb(int(vid, 16), int(pid, 16))
        if config.kind == "serial":
            return printer.Serial(config.target)
    except PrinterError:
        raise
    except Exception as exc:  # noqa: BLE001 - escpos raises many types for "not there"
        raise PrinterError("printer.unreachable", type(exc).__name__) from exc
    raise PrinterError("printer.not_configured")


def write_slip(
    device: Any,
    lines: list[str],
    config: PrinterConfig,
    *,
    receipt_no: str | None = None,
    qr: str | None = None,
) -> None:
    """The slip's bytes onto an opened escpos device (a real one, or `escpos.printer.Dummy`)."""
    text = "\n".join(lines) + "\n"
    mode = config.text_mode if config.text_mode in TEXT_MODES else "image"
    font_file = font_path() if mode == "image" else None
    if mode == "codepage" and config.code_page:
        name, table = code_page_table(config.code_page)
        if table is None:
            device.charcode(name)
        else:
            device._raw(b"\x1bt" + bytes([table]))
        device._raw(cp1258_bytes(text))
    elif mode == "image" and font_file:
        device.image(
            render_lines(lines, config.width, config.dots, font_file), impl="bitImageRaster"
        )
    else:
        device.text(printable(text))
    if qr:
        device.set(align="center")
        device.qr(qr, size=6 if config.dots <= 384 else 8, native=False)
    if receipt_no:
        device.set(align="center")
        if re.fullmatch(r"[A-Z0-9-]{1,40}", receipt_no):
            device.barcode("{B" + receipt_no, "CODE128", height=60, width=2, function_type="B")
        device.text(printable(receipt_no) + "\n")
        device.set(align="left")


def print_slip(
    lines: list[str],
    config: PrinterConfig,
    *,
    receipt_no: str | None = None,
    qr: str | None = None,
) -> None:
    """Runs on the device lane: device I/O must never freeze the counter."""
    if config.kind == "none" or not config.target:
        raise PrinterError("printer.not_configured")
    if config.text_mode == "codepage" and config.code_page:
        code_page_table(config.code_page)  # a bad setting is said before anything prints
    device = open_printer(config)
    try:
        if config.kind in ("network", "usb"):
            # Only two-way connections can tell us about paper; a file/device node cannot.
            if device.paper_status() == 0:
                raise PrinterError("printer.paper_out")
        write_slip(device, lines, config, receipt_no=receipt_no, qr=qr)
        device.cut()
        if config.cash_drawer:
            device.cashdraw(2)
    except PrinterError:
        raise
    except Exception as exc:  # noqa: BLE001 - the cashier needs "try again", not a traceback
        raise PrinterError("printer.failed", type(exc).__name__) from exc
    finally:
        try:
            device.close()
        except Exception:  # noqa: BLE001 - closing a failed device is best effort
            pass
