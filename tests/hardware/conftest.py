"""Fixtures for the hardware tests: a real pcscd with vpcd readers, virtual cards, an event log.

When pcscd or vpcd is missing the tests fail as root or on CI (a broken test machine must not
pass by skipping) and skip, with the reason, for a developer without root.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from hardware.events import HardwareEvent
from tests.hardware.pcscd import PcscdDaemon, PcscdUnavailable, missing_requirements
from tests.hardware.vcard import VirtualCard

WAIT_S = 5.0  # pcscd polls every 400 ms; 5 s is generous without making failures slow


def _unavailable(reason: str) -> None:
    if os.geteuid() == 0 or os.environ.get("CI"):
        pytest.fail(f"hardware tests need pcscd with vpcd: {reason}", pytrace=False)
    pytest.skip(f"hardware tests need pcscd with vpcd (run as root or install them): {reason}")


@pytest.fixture(scope="session")
def pcscd_session() -> Iterator[PcscdDaemon]:
    missing = missing_requirements()
    if missing:
        _unavailable(missing)
    daemon = PcscdDaemon(entries=2)
    # Belt and braces: even if pytest itself dies, the interpreter's exit stops our daemon.
    atexit.register(daemon.close)
    try:
        daemon.start()
    except (PcscdUnavailable, PermissionError) as exc:
        daemon.close()
        _unavailable(str(exc))
    try:
        yield daemon
    finally:
        daemon.close()


@pytest.fixture
def pcscd(pcscd_session: PcscdDaemon) -> PcscdDaemon:
    """The session daemon, running (a test that stops it may fail before restarting it)."""
    if not pcscd_session.running:
        pcscd_session.start()
    return pcscd_session


class EventLog:
    """Collects events from the manager's callback and waits for them, bounded."""

    def __init__(self) -> None:
        self.events: list[HardwareEvent] = []
        self._cond = threading.Condition()

    def __call__(self, event: HardwareEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait_for(
        self,
        predicate: Callable[[HardwareEvent], bool],
        timeout: float = WAIT_S,
        after: int = 0,
    ) -> HardwareEvent:
        """The first event (from index `after`) matching predicate; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for event in self.events[after:]:
                    if predicate(event):
                        return event
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no matching event in {timeout}s; saw {self.events}")
                self._cond.wait(remaining)

    def mark(self) -> int:
        with self._cond:
            return len(self.events)

    def since(self, mark: int) -> list[HardwareEvent]:
        with self._cond:
            return list(self.events[mark:])


@pytest.fixture
def event_log() -> EventLog:
    return EventLog()


def wait_reader_empty(name: str, timeout: float = WAIT_S) -> None:
    """Block until pcscd reports no card in `name`, so the next test starts clean."""
    from smartcard import scard

    hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return
    try:
        deadline = time.monotonic() + timeout
        state = scard.SCARD_STATE_UNAWARE
        while time.monotonic() < deadline:
            hresult, states = scard.SCardGetStatusChange(ctx, 500, [(name, state)])
            if hresult == scard.SCARD_E_TIMEOUT:
                continue
            if hresult != scard.SCARD_S_SUCCESS:
                return
            state = states[0][1] & ~scard.SCARD_STATE_CHANGED
            if not state & scard.SCARD_STATE_PRESENT:
                return
        raise AssertionError(f"reader {name} still reports a card after {timeout}s")
    finally:
        scard.SCardReleaseContext(ctx)


@pytest.fixture
def cards(pcscd: PcscdDaemon) -> Iterator[list[VirtualCard]]:
    """Cards a test inserts are appended here; all are removed and the readers seen empty."""
    made: list[VirtualCard] = []
    yield made
    for card in made:
        card.remove()
    if pcscd.running:
        for reader in pcscd.readers:
            wait_reader_empty(reader.name)
