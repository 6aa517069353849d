"""The customer's pole display: two lines of twenty characters on a serial port.

Pole displays (Epson DM-D and the many clones in ESC/POS mode) take plain bytes: ESC @ resets,
FF clears and homes the cursor, US $ x y moves it. They have no Vietnamese glyphs, so text is
shown without diacritics. Every write opens, writes and closes the port: a display unplugged and
plugged back works on the next sale, and nothing is held open between sales.

Errors are `DisplayError`s with a code; the app shows them on the status bar and the sale goes
on: a customer display never blocks a sale. No Qt: this runs on the app's device lane.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

COLUMNS, ROWS = 20, 2
INIT = b"\x1b@"
CLEAR = b"\x0c"
LINE_TWO = b"\x1f$\x01\x02"  # US $ 1 2: column 1, row 2


class DisplayError(Exception):
    """A display problem to show on the status bar (app/messages.py has the sentences)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.params = {"detail": detail}


@dataclass(frozen=True)
class DisplayConfig:
    """port: a serial device (/dev/ttyUSB0, COM3), or `file:<path>` to write the bytes to a
    file (tests, or a display behind a pipe). Empty: no display."""

    port: str = ""
    baud: int = 9600

    @property
    def enabled(self) -> bool:
        return bool(self.port.strip())


def ascii_text(text: str) -> str:
    """What the display can show: `Cảm ơn quý khách` -> `Cam on quy khach`, `₫` -> `d`."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("₫", "d")
    bare = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn"
    )
    return "".join(ch if " " <= ch <= "~" else "?" for ch in bare)


def fit(left: str, right: str = "") -> str:
    """One display line: `left` then `right` flush right, twenty characters exactly."""
    left, right = ascii_text(left), ascii_text(right)
    if not right:
        return left[:COLUMNS].ljust(COLUMNS)
    room = max(0, COLUMNS - len(right) - 1)
    return (left[:room] + " " * (COLUMNS - len(left[:room]) - len(right)) + right)[-COLUMNS:]


def frame(top: str, bottom: str) -> bytes:
    """The bytes that show two lines (each already `fit` or padded here)."""
    return INIT + CLEAR + fit(top).encode("ascii") + LINE_TWO + fit(bottom).encode("ascii")


def _open(config: DisplayConfig) -> Any:
    port = config.port.strip()
    if port.startswith("file:"):
        return open(port[5:], "ab")  # noqa: SIM115 - closed by the caller
    import serial

    return serial.Serial(port, config.baud, timeout=1, write_timeout=1)


def show(config: DisplayConfig, top: str, bottom: str) -> None:
    """Two lines on the display; raises DisplayError, never anything else."""
    if not config.enabled:
        return
    try:
        device = _open(config)
    except Exception as exc:  # noqa: BLE001 - pyserial and the OS raise many types
        raise DisplayError("display.unreachable", type(exc).__name__) from exc
    try:
        device.write(frame(top, bottom))
        device.flush()
    except Exception as exc:  # noqa: BLE001 - a display unplugged mid-write
        raise DisplayError("display.failed", type(exc).__name__) from exc
    finally:
        try:
            device.close()
        except Exception:  # noqa: BLE001 - closing a failed port is best effort
            pass
