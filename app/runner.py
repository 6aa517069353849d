"""Background operations, in the shape of Anki's CollectionOp / QueryOp.

Every database call leaves the GUI thread: the cashier keeps seeing a live screen while SQLite
fsyncs a sale. Work runs on one worker thread (QThreadPool with a single thread) so operations
reach the database in the order the cashier made them (a quote never overtakes the sale before
it), and results come back to the GUI thread through a queued signal.

- `QueryOp` reads and hands the value to `success`.
- `CollectionOp` changes something; after `success` the runner emits `changed` with an
  `OpChanges` describing what it touched, so open screens refresh only what they show of it.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class OpChanges:
    """What an operation changed: screens showing that card refresh themselves."""

    kind: str
    card_number: str | None = None
    result: Any = None


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it so slots run on the GUI thread."""

    finished = Signal(int, bool, object)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job_id = job_id
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            value = self._fn()
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._relay.finished.emit(self._job_id, False, exc)
            return
        self._relay.finished.emit(self._job_id, True, value)


@dataclass
class _Pending:
    success: Callable[[Any], None] | None
    failure: Callable[[BaseException], None] | None
    changes: Callable[[Any], OpChanges] | None
    label: str


class Runner(QObject):
    """Runs operations off the GUI thread and reports busy state for the busy indicator."""

    busy_changed = Signal(bool, str)
    changed = Signal(object)  # OpChanges
    failed = Signal(object)  # an exception no operation handled itself

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # Printers and other devices get their own lane: a printer timing out must not hold
        # up the next customer's lookup.
        self._device_pool = QThreadPool(self)
        self._device_pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._pending: dict[int, _Pending] = {}
        self._next = 1

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(
        self,
        fn: Callable[[], Any],
        *,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        changes: Callable[[Any], OpChanges] | None = None,
        label: str = "",
        lane: str = "db",
    ) -> int:
        job_id = self._next
        self._next += 1
        self._pending[job_id] = _Pending(success, failure, changes, label)
        if len(self._pending) == 1:
            self.busy_changed.emit(True, label)
        pool = self._device_pool if lane == "device" else self._pool
        pool.start(_Job(job_id, fn, self._relay))
        return job_id

    def _on_finished(self, job_id: int, ok: bool, value: Any) -> None:
        pending = self._pending.pop(job_id, None)
        if not self._pending:
            self.busy_changed.emit(False, "")
        if pending is None:
            return
        if ok:
            if pending.success is not None:
                pending.success(value)
            if pending.changes is not None:
                self.changed.emit(pending.changes(value))
            return
        if not getattr(value, "code", None):
            # Not a refusal the cashier can act on: keep the whole story in the log.
            log.error(
                "operation %r failed:\n%s",
                pending.label,
                getattr(value, "__traceback_text__", repr(value)),
            )
        if pending.failure is not None:
            pending.failure(value)
        else:
            self.failed.emit(value)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until the worker is idle; only for shutdown, never from a button."""
        return self._pool.waitForDone(msecs) and self._device_pool.waitForDone(msecs)


class QueryOp(Generic[T]):
    """A read whose result goes to `success` on the GUI thread (Anki's QueryOp)."""

    def __init__(
        self, runner: Runner, op: Callable[[], T], success: Callable[[T], None], label: str = ""
    ) -> None:
        self._runner = runner
        self._op = op
        self._success = success
        self._failure: Callable[[BaseException], None] | None = None
        self._label = label

    def failure(self, fn: Callable[[BaseException], None]) -> QueryOp[T]:
        self._failure = fn
        return self

    def run_in_background(self) -> int:
        return self._runner.submit(
            self._op, success=self._success, failure=self._failure, label=self._label
        )


class CollectionOp(Generic[T]):
    """A change; on success the runner announces what it touched (Anki's CollectionOp)."""

    def __init__(
        self,
        runner: Runner,
        op: Callable[[], T],
        changes: Callable[[T], OpChanges],
        label: str = "",
    ) -> None:
        self._runner = runner
        self._op = op
        self._changes = changes
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._label = label

    def success(self, fn: Callable[[T], None]) -> CollectionOp[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> CollectionOp[T]:
        self._failure = fn
        return self

    def run_in_background(self) -> int:
        return self._runner.submit(
            self._op,
            success=self._success,
            failure=self._failure,
            changes=self._changes,
            label=self._label,
        )
