"""The base class every reader backend derives from (Electrum's device-plugin shape).

A backend owns one device family and runs its I/O on its own daemon thread; it reports
through an EventSink and never raises into the manager. Stopping is cooperative: `stop()`
sets a flag and calls `_wake()` so a blocking wait (SCardGetStatusChange, a serial read)
returns at once rather than at its next timeout.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable

from hardware.events import HardwareEvent, ReaderError

log = logging.getLogger(__name__)

EventSink = Callable[[HardwareEvent], None]


class Backend(ABC):
    """One family of readers, as the manager sees it: start with a sink, stop, join."""

    def __init__(self, name: str) -> None:
        self.name = name

    @abstractmethod
    def start(self, sink: EventSink) -> None:
        """Begin reporting to `sink` (which is thread-safe and never blocks)."""

    @abstractmethod
    def stop(self) -> None:
        """Ask the backend to finish; must not block."""

    @abstractmethod
    def join(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the backend to finish; True if it has."""


class ThreadBackend(Backend):
    """A backend whose device loop runs on its own daemon thread.

    Subclasses implement run(sink) and, if they block longer than ~0.2 s, _wake().
    """

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep that ends early on stop(); True when stopping. Used for back-off."""
        return self._stop.wait(seconds)

    def start(self, sink: EventSink) -> None:
        if self._thread is not None:
            raise RuntimeError(f"backend {self.name!r} already started")
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._guarded_run, args=(sink,), name=f"hw:{self.name}", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Ask the thread to finish; does not wait (see join)."""
        self._stop.set()
        self._wake()

    def join(self, timeout: float) -> bool:
        """Wait for the thread; True if it has finished."""
        thread = self._thread
        if thread is None:
            return True
        thread.join(max(0.0, timeout))
        if thread.is_alive():
            return False
        self._thread = None
        return True

    def _wake(self) -> None:  # noqa: B027 - optional hook: short waits need no wake-up
        """Interrupt a blocking device wait. Backends that block longer than ~0.2 s override."""
        return None

    def _guarded_run(self, sink: EventSink) -> None:
        # A bug in a backend must not silently kill the reader: report it and end the thread.
        try:
            self.run(sink)
        except Exception:
            log.exception("reader backend %s crashed", self.name)
            sink(
                ReaderError(
                    self.name, "the reader stopped because of an internal error", "backend_crashed"
                )
            )

    @abstractmethod
    def run(self, sink: EventSink) -> None:
        """The device loop; return when `stopping` becomes true."""
