"""ReaderManager: owns the backends and turns them into one stream of events.

Backends run their device I/O on their own threads and push events into an internal queue; a
single dispatcher thread delivers them, in order, to the callback and/or a queue.Queue. So
the app's callback is never called concurrently, and a slow callback (or a Qt signal
emission) never stalls a reader's device loop.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable

from hardware.backend import Backend
from hardware.events import HardwareEvent

log = logging.getLogger(__name__)

EventCallback = Callable[[HardwareEvent], None]
_STOP = object()


class ReaderManager:
    """Start/stop the readers; deliver their events to `callback` and/or `events`.

    `callback` runs on the manager's dispatcher thread (the app adapts it to a Qt signal,
    which queues it to the GUI thread). `events`, when given, receives every event too.
    """

    def __init__(
        self,
        backends: Iterable[Backend] = (),
        callback: EventCallback | None = None,
        events: queue.Queue[HardwareEvent] | None = None,
    ) -> None:
        self._backends: list[Backend] = list(backends)
        self.callback = callback
        self.events = events
        self._inbox: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._dispatcher: threading.Thread | None = None
        self._lock = threading.Lock()
        self._running = False

    @property
    def backends(self) -> tuple[Backend, ...]:
        return tuple(self._backends)

    @property
    def running(self) -> bool:
        return self._running

    def add_backend(self, backend: Backend) -> None:
        with self._lock:
            self._backends.append(backend)
            if self._running:
                backend.start(self._submit)

    def submit(self, event: HardwareEvent) -> None:
        """Put an event from outside a backend (e.g. a keyboard-wedge swipe the GUI decoded)
        into the same ordered stream."""
        self._submit(event)

    def _submit(self, event: HardwareEvent) -> None:
        self._inbox.put(event)

    def start(self) -> None:
        with self._lock:
            if self._running:
                return
            self._running = True
            self._dispatcher = threading.Thread(
                target=self._dispatch, name="hw:dispatch", daemon=True
            )
            self._dispatcher.start()
            for backend in self._backends:
                backend.start(self._submit)

    def stop(self, timeout: float = 3.0) -> bool:
        """Stop every backend and the dispatcher within `timeout` seconds in total.

        Events already produced are still delivered. Returns False (and logs which) if some
        thread did not finish in time; those threads are daemons and cannot block exit.
        """
        with self._lock:
            if not self._running:
                return True
            self._running = False
            backends = list(self._backends)
        deadline = time.monotonic() + timeout
        for backend in backends:
            backend.stop()
        ok = True
        for backend in backends:
            if not backend.join(deadline - time.monotonic()):
                log.warning("reader backend %s did not stop in time", backend.name)
                ok = False
        self._inbox.put(_STOP)
        dispatcher, self._dispatcher = self._dispatcher, None
        if dispatcher is not None:
            dispatcher.join(max(0.0, deadline - time.monotonic()))
            if dispatcher.is_alive():
                log.warning("hardware event dispatcher did not stop in time")
                ok = False
        return ok

    def __enter__(self) -> ReaderManager:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _dispatch(self) -> None:
        while True:
            item = self._inbox.get()
            if item is _STOP:
                return
            event: HardwareEvent = item  # type: ignore[assignment]
            if self.events is not None:
                self.events.put(event)
            if self.callback is not None:
                try:
                    self.callback(event)
                except Exception:
                    # The app's bug must not stop card reading; it is logged with its trace.
                    log.exception("hardware event callback failed for %s", type(event).__name__)
