"""Serial (and USB-serial) magstripe readers: line framing and the pyserial reader thread."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from hardware.backend import EventSink, ThreadBackend
from hardware.cardnumbers import CardNumbering
from hardware.events import HardwareEvent, ReaderAttached, ReaderError, ReaderLost
from hardware.swipes import swipe_event

log = logging.getLogger(__name__)

STX, ETX = 0x02, 0x03


@dataclass(frozen=True)
class SerialConfig:
    """A serial magstripe reader: most are 9600 8N1 with CR-terminated lines."""

    port: str
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    name: str | None = None
    max_frame: int = 512


class LineFramer:
    """Bytes to frames: CR or LF ends a line; STX starts a frame and ETX ends one when the
    reader wraps its output. Bounded, so a babbling device cannot grow memory."""

    def __init__(self, max_frame: int = 512) -> None:
        self.max_frame = max_frame
        self._buf = bytearray()
        self._discarding = False
        self.overflowed = False

    def feed(self, data: bytes) -> list[bytes]:
        frames: list[bytes] = []
        for b in data:
            if b == STX:
                self._buf.clear()
                self._discarding = False
            elif b in (ETX, 0x0D, 0x0A):
                if self._buf and not self._discarding:
                    frames.append(bytes(self._buf))
                self._buf.clear()
                self._discarding = False
            elif self._discarding:
                continue
            elif len(self._buf) >= self.max_frame:
                # Drop the rest of the line too: its tail alone would look like a new frame.
                self.overflowed = True
                self._discarding = True
                self._buf.clear()
            else:
                self._buf.append(b)
        return frames


def frame_event(
    frame: bytes, numbering: CardNumbering, source: str, observed_ns: int
) -> HardwareEvent:
    try:
        text = frame.decode("ascii")
    except UnicodeDecodeError:
        return ReaderError(
            source,
            "the reader sent data that is not a swipe",
            "track_garbage",
            observed_ns=observed_ns,
        )
    return swipe_event(text, numbering, source, observed_ns)


class SerialMagstripeBackend(ThreadBackend):
    """A serial (or USB-serial) magstripe reader read on its own thread through pyserial.

    The port is reopened with back-off when it goes away (USB-serial unplugged), emitting
    ReaderLost / ReaderAttached, so the cashier can replug it without restarting the till.
    """

    def __init__(
        self,
        config: SerialConfig,
        numbering: CardNumbering | None = None,
        *,
        read_timeout_s: float = 0.2,
        max_backoff_s: float = 2.0,
    ) -> None:
        super().__init__(config.name or f"serial:{config.port}")
        self.config = config
        self.numbering = numbering or CardNumbering()
        self.read_timeout_s = read_timeout_s
        self.max_backoff_s = max_backoff_s
        self._serial: Any = None
        self._serial_lock = threading.Lock()

    def _open(self) -> Any:
        import serial  # pyserial; imported here so the package loads where it is absent

        return serial.Serial(
            port=self.config.port,
            baudrate=self.config.baudrate,
            bytesize=self.config.bytesize,
            parity=self.config.parity,
            stopbits=self.config.stopbits,
            timeout=self.read_timeout_s,
        )

    def _wake(self) -> None:
        with self._serial_lock:
            port = self._serial
        if port is not None:
            try:
                port.cancel_read()
            except Exception:  # noqa: BLE001 - best effort wake-up; the read timeout still ends it
                pass

    def run(self, sink: EventSink) -> None:
        backoff = 0.1
        attached = False
        while not self.stopping:
            try:
                port = self._open()
            except Exception as exc:  # noqa: BLE001 - any open failure means "not there yet"
                if attached:
                    sink(ReaderLost(self.name, f"cannot open {self.config.port}: {exc}"))
                    attached = False
                self.wait(backoff)
                backoff = min(backoff * 2, self.max_backoff_s)
                continue
            with self._serial_lock:
                self._serial = port
            backoff = 0.1
            if not attached:
                sink(ReaderAttached(self.name))
                attached = True
            try:
                self._read_loop(port, sink)
            except Exception as exc:  # noqa: BLE001 - a vanished port raises SerialException/OSError
                log.warning("%s: serial port failed: %s", self.name, type(exc).__name__)
                sink(ReaderLost(self.name, "the serial port stopped answering"))
                attached = False
            finally:
                with self._serial_lock:
                    self._serial = None
                try:
                    port.close()
                except Exception:  # noqa: BLE001 - closing a dead port may fail; it is gone anyway
                    pass
            if not self.stopping:
                self.wait(backoff)

    def _read_loop(self, port: Any, sink: EventSink) -> None:
        framer = LineFramer(self.config.max_frame)
        while not self.stopping:
            # Block for the first byte (bounded by the read timeout), then take what is there.
            data = port.read(1)
            if not data:
                continue
            waiting = port.in_waiting
            if waiting:
                data += port.read(waiting)
            now = time.monotonic_ns()
            for frame in framer.feed(data):
                sink(frame_event(frame, self.numbering, self.name, now))
            if framer.overflowed:
                framer.overflowed = False
                sink(ReaderError(self.name, "the reader sent an over-long line", "track_too_long"))
