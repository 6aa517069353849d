"""Serial magstripe readers through pyserial, on a real pseudo-terminal."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hardware.cardnumbers import CardNumbering
from hardware.events import CardPresented, ReaderAttached, ReaderError, ReaderLost
from hardware.manager import ReaderManager
from hardware.serial_reader import LineFramer, SerialConfig, SerialMagstripeBackend
from tests.hardware.conftest import EventLog

NUMBERING = CardNumbering()
OURS = NUMBERING.make("gift", 9001).number


class Pty:
    """A pseudo-terminal reachable through a symlink we can repoint, like a replugged USB-serial
    adapter that comes back under the same udev name."""

    def __init__(self, link: Path) -> None:
        self.link = link
        self.master: int | None = None
        self.slave: int | None = None

    def plug(self) -> None:
        self.master, self.slave = os.openpty()
        tmp = self.link.with_suffix(".new")
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(os.ttyname(self.slave))
        tmp.replace(self.link)

    def unplug(self) -> None:
        self.link.unlink(missing_ok=True)
        for fd in (self.master, self.slave):
            if fd is not None:
                os.close(fd)
        self.master = self.slave = None

    def write(self, data: bytes) -> None:
        assert self.master is not None
        os.write(self.master, data)


@pytest.fixture
def pty() -> Iterator[Pty]:
    with tempfile.TemporaryDirectory() as tmp:
        p = Pty(Path(tmp) / "ttyMAG0")
        try:
            yield p
        finally:
            p.unplug()


@pytest.fixture
def serial_manager(pty: Pty, event_log: EventLog) -> Iterator[ReaderManager]:
    pty.plug()
    backend = SerialMagstripeBackend(SerialConfig(str(pty.link), name="mag"), NUMBERING)
    mgr = ReaderManager([backend], callback=event_log)
    mgr.start()
    event_log.wait_for(lambda e: isinstance(e, ReaderAttached) and e.source == "mag")
    try:
        yield mgr
    finally:
        assert mgr.stop(timeout=2.0)


def test_cr_terminated_swipe(pty: Pty, serial_manager: ReaderManager, event_log: EventLog) -> None:
    pty.write(f";{OURS}=2901?\r".encode())
    event = event_log.wait_for(lambda e: isinstance(e, CardPresented))
    assert isinstance(event, CardPresented)
    assert (event.source, event.card_number, event.kind) == ("mag", OURS, "gift")


def test_stx_etx_framed_swipe_split_across_writes(
    pty: Pty, serial_manager: ReaderManager, event_log: EventLog
) -> None:
    pty.write(b"\x02%B" + OURS[:5].encode())
    pty.write(OURS[5:].encode() + b"^LE/VAN C^2901?\x03")
    event = event_log.wait_for(lambda e: isinstance(e, CardPresented))
    assert isinstance(event, CardPresented) and event.card_number == OURS
    assert event.tracks is not None and event.tracks.track1 is not None
    assert event.tracks.track1.name == "LE/VAN C"


def test_garbage_and_read_errors_are_reader_errors(
    pty: Pty, serial_manager: ReaderManager, event_log: EventLog
) -> None:
    pty.write(b"%E?\r\xff\xfe\x80\r")
    first = event_log.wait_for(lambda e: isinstance(e, ReaderError))
    assert isinstance(first, ReaderError) and first.code == "read_error"
    second = event_log.wait_for(lambda e: isinstance(e, ReaderError) and e is not first)
    assert isinstance(second, ReaderError) and second.code == "track_garbage"
    pty.write(f";{OURS}?\r".encode())
    event_log.wait_for(lambda e: isinstance(e, CardPresented))


def test_unplug_and_replug(pty: Pty, serial_manager: ReaderManager, event_log: EventLog) -> None:
    pty.unplug()
    event_log.wait_for(lambda e: isinstance(e, ReaderLost) and e.source == "mag")
    mark = event_log.mark()
    pty.plug()
    event_log.wait_for(lambda e: isinstance(e, ReaderAttached), after=mark)
    pty.write(f";{OURS}?\r".encode())
    event = event_log.wait_for(lambda e: isinstance(e, CardPresented), after=mark)
    assert isinstance(event, CardPresented) and event.card_number == OURS


def test_port_missing_at_start_attaches_when_it_appears(pty: Pty, event_log: EventLog) -> None:
    backend = SerialMagstripeBackend(SerialConfig(str(pty.link), name="late"), NUMBERING)
    with ReaderManager([backend], callback=event_log):
        with pytest.raises(AssertionError):
            event_log.wait_for(lambda e: isinstance(e, ReaderAttached), timeout=0.5)
        pty.plug()
        event_log.wait_for(lambda e: isinstance(e, ReaderAttached) and e.source == "late")


def test_framer_is_bounded() -> None:
    framer = LineFramer(max_frame=8)
    assert framer.feed(b"1234567890123\r") == []  # the whole over-long line is dropped
    assert framer.overflowed
    assert framer.feed(b"12345\r") == [b"12345"]
    assert framer.feed(b"\x02junk\x02;1?\x03\r\n") == [b";1?"]
