"""ReaderManager delivery and the simulated reader the demo uses."""

from __future__ import annotations

import queue
import threading
import time

import pytest

import hardware
from hardware.backend import EventSink, ThreadBackend
from hardware.cardnumbers import CardNumbering
from hardware.config import HardwareConfig, build_manager, simulated_reader
from hardware.events import (
    CardPresented,
    CardRemoved,
    HardwareEvent,
    ReaderAttached,
    ReaderError,
)
from hardware.manager import ReaderManager
from hardware.simulated import SimulatedReader
from tests.hardware.conftest import EventLog

NUMBERING = CardNumbering()
OURS = NUMBERING.make("combined", 5).number


def test_simulated_reader_produces_the_real_event_sequence(event_log: EventLog) -> None:
    sim = SimulatedReader(numbering=NUMBERING)
    q: queue.Queue[HardwareEvent] = queue.Queue()
    with ReaderManager([sim], callback=event_log, events=q):
        sim.present(OURS)
        sim.present("04a1b2c3")  # a second card: the first is removed first
        sim.remove()
        sim.remove()  # nothing there: no event
        event_log.wait_for(lambda e: isinstance(e, CardRemoved), after=3)
    kinds = [type(e).__name__ for e in event_log.events]
    assert kinds == [
        "ReaderAttached",
        "CardPresented",
        "CardRemoved",
        "CardPresented",
        "CardRemoved",
    ]
    first, second = event_log.events[1], event_log.events[3]
    assert isinstance(first, CardPresented) and isinstance(second, CardPresented)
    assert (first.card_number, first.kind, first.uid) == (OURS, "combined", None)
    assert (second.card_number, second.uid) == (None, "04A1B2C3")
    assert [q.get_nowait() for _ in range(5)] == event_log.events


def test_simulated_reader_refuses_what_a_real_one_refuses() -> None:
    sim = SimulatedReader(numbering=NUMBERING)
    refused = sim.present("4111 1111 1111 1111")
    assert isinstance(refused, ReaderError) and refused.code == "payment_card_refused"
    swiped = sim.swipe(f";{OURS}=3001?")
    assert isinstance(swiped, CardPresented) and swiped.card_number == OURS
    bad = sim.swipe(";E?")
    assert isinstance(bad, ReaderError) and bad.code == "read_error"


def test_callback_runs_on_one_dispatcher_thread_and_survives_exceptions(
    caplog: pytest.LogCaptureFixture,
) -> None:
    threads: set[str] = set()
    seen: list[HardwareEvent] = []
    done = threading.Event()

    def callback(event: HardwareEvent) -> None:
        threads.add(threading.current_thread().name)
        seen.append(event)
        if isinstance(event, ReaderAttached):
            raise RuntimeError("app bug")
        if isinstance(event, CardRemoved):
            done.set()

    sim = SimulatedReader(numbering=NUMBERING)
    with ReaderManager([sim], callback=callback):
        sim.present(OURS)
        sim.remove()
        assert done.wait(2.0)
    assert threads == {"hw:dispatch"}
    assert [type(e) for e in seen] == [ReaderAttached, CardPresented, CardRemoved]
    assert "callback failed" in caplog.text


class _Stubborn(ThreadBackend):
    """A device loop that ignores stop() for a while, like a driver stuck in a call."""

    def run(self, sink: EventSink) -> None:
        time.sleep(1.5)


def test_stop_is_bounded_even_when_a_backend_hangs() -> None:
    mgr = ReaderManager([_Stubborn("stuck")])
    mgr.start()
    started = time.monotonic()
    assert mgr.stop(timeout=0.3) is False
    assert time.monotonic() - started < 0.6


def test_crashing_backend_is_reported_not_silent(event_log: EventLog) -> None:
    class Broken(ThreadBackend):
        def run(self, sink: EventSink) -> None:
            raise ValueError("driver bug")

    with ReaderManager([Broken("broken")], callback=event_log):
        event = event_log.wait_for(lambda e: isinstance(e, ReaderError))
    assert isinstance(event, ReaderError) and event.code == "backend_crashed"


def test_build_manager_from_config() -> None:
    config = HardwareConfig(
        prefixes={"member": "9704"},
        card_number_length=12,
        pcsc=True,
        pcsc_reader_filter="ACR",
        serial=(hardware.SerialConfig("/dev/ttyUSB9"),),
        simulated=True,
    )
    mgr = build_manager(config)
    names = [b.name for b in mgr.backends]
    assert names == ["PC/SC", "serial:/dev/ttyUSB9", "Simulated reader"]
    sim = simulated_reader(mgr)
    assert sim is not None and sim.numbering.prefixes == {"member": "9704"}


def test_package_imports_only_the_numbering_module_of_ours_and_no_qt_nor_sql() -> None:
    """hardware may load loyalty_core.cardnumbers (a leaf) and nothing else of ours: loading the
    package must not pull in the engine, its SQL libraries, sync, the app or Qt."""
    import subprocess
    import sys

    code = (
        "import sys, hardware, hardware.pcsc, hardware.config;"
        "allowed={'loyalty_core','loyalty_core.cardnumbers'};"
        "bad=[m for m in sys.modules if m not in allowed and m.split('.')[0] in "
        "('app','loyalty_core','sync','PySide6','PyQt5','PyQt6','shiboken6',"
        "'sqlalchemy','sqlite3','_sqlite3','alembic')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
