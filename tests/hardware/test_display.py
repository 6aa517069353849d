"""The pole display's bytes (issue 14), through a real pseudo-terminal as its serial port."""

from __future__ import annotations

import os
import select
from pathlib import Path

import pytest

from hardware.display import CLEAR, INIT, LINE_TWO, DisplayConfig, DisplayError, fit, frame, show


def test_lines_are_twenty_ascii_characters() -> None:
    assert fit("Cần trả", "1.250.000 ₫") == "Can tra  1.250.000 d"
    assert len(fit("Cảm ơn quý khách đã mua hàng")) == 20
    assert fit("Tiền thừa", "12.345.678.000 ₫") == "Tie 12.345.678.000 d"  # the amount whole


def test_frame_clears_then_writes_both_lines() -> None:
    data = frame("Can tra 100.000 d", "Cam on!")
    assert data.startswith(INIT + CLEAR)
    top, bottom = data[len(INIT + CLEAR) :].split(LINE_TWO)
    assert top == b"Can tra 100.000 d   " and bottom == b"Cam on!" + b" " * 13


def _read_all(fd: int, want: int) -> bytes:
    got = b""
    while len(got) < want:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            break
        got += os.read(fd, 1024)
    return got


def test_shown_on_a_serial_port() -> None:
    master, slave = os.openpty()
    try:
        port = os.ttyname(slave)
        show(DisplayConfig(port, 9600), "Tổng", "Cảm ơn")
        data = _read_all(master, len(frame("x", "y")))
        assert data == frame("Tong", "Cam on")
    finally:
        os.close(master)
        os.close(slave)


def test_file_target_and_no_display(tmp_path: Path) -> None:
    target = tmp_path / "pole"
    show(DisplayConfig(f"file:{target}"), "A", "B")
    assert target.read_bytes() == frame("A", "B")
    show(DisplayConfig(""), "A", "B")  # none configured: nothing to do, no error


def test_missing_port_is_a_display_error(tmp_path: Path) -> None:
    with pytest.raises(DisplayError) as caught:
        show(DisplayConfig(str(tmp_path / "ttyUSB9")), "A", "B")
    assert caught.value.code == "display.unreachable"
