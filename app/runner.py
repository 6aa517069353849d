"""Background operations, in the shape of Anki's CollectionOp / QueryOp.

Every database call leaves the GUI thread: the cashier keeps seeing a live screen while SQLite
fsyncs a sale. Work runs on lanes, each one worker thread (a QThreadPool with a single thread),
and results come back to the GUI thread through a queued signal:

- the **db** lane: every engine call, in the order the cashier made them (a quote never
  overtakes the sale before it);
- the **device** lane: printers, so a printer timing out never holds up the next lookup;
- the **network** lane: every call to head office (stored-value holds), so a head-office
  time-out never freezes a customer lookup behind it.

An op is a callable taking the `Loyalty` facade: the runner hands the engine in when the op runs,
so ops (built per domain in `app.operations`) close over their inputs, never over a global.

- `QueryOp` reads and hands the value to `success`.
- `CollectionOp` changes something; after `success` the runner emits `changed` with an
  `OpChanges` describing what it touched, so open screens refresh only what they show of it.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

if TYPE_CHECKING:
    from loyalty_core.engine import Loyalty

log = logging.getLogger(__name__)

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

Lane = Literal["db", "device", "network"]
DB: Lane = "db"
DEVICE: Lane = "device"
NETWORK: Lane = "network"
LANES: tuple[Lane, ...] = (DB, DEVICE, NETWORK)


@dataclass(frozen=True)
class OpChanges:
    """What an operation changed: screens showing that card refresh themselves."""

    kind: str
    card_number: str | None = None
    result: Any = None


class BackgroundOp(Protocol[T_co]):
    """What `ApprovalFlow` runs: an op whose outcome goes to callbacks on the GUI thread.

    `CollectionOp` is one; an op chained over several lanes (a stored-value sale) is another.
    """

    def success(self, fn: Callable[[Any], None]) -> BackgroundOp[T_co]: ...

    def failure(self, fn: Callable[[BaseException], None]) -> BackgroundOp[T_co]: ...

    def run_in_background(self) -> Any: ...

    def changes_of(self, result: Any) -> OpChanges:
        """What a successful run touched, for the screen that asked for it."""
        ...


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
        self._pools: dict[Lane, QThreadPool] = {}
        for lane in LANES:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)  # one thread per lane: work on a lane keeps its order
            self._pools[lane] = pool
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._pending: dict[int, _Pending] = {}
        self._busy_shown = False
        self._next = 1
        self._loyalty: Loyalty | None = None

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def set_engine(self, loyalty: Loyalty) -> None:
        """The engine handed to every op from now on (opened on the db lane at start-up)."""
        self._loyalty = loyalty

    def engine(self) -> Loyalty:
        if self._loyalty is None:
            raise RuntimeError("the database is not open yet")
        return self._loyalty

    def submit(
        self,
        fn: Callable[[], Any],
        *,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        changes: Callable[[Any], OpChanges] | None = None,
        label: str = "",
        lane: Lane = DB,
    ) -> int:
        """Run a call that needs no engine (opening it, a printer, head office) on `lane`."""
        if lane not in self._pools:
            raise ValueError(f"unknown lane {lane!r}")
        job_id = self._next
        self._next += 1
        self._pending[job_id] = _Pending(success, failure, changes, label)
        if not self._busy_shown:
            self._busy_shown = True
            self.busy_changed.emit(True, label)
        self._pools[lane].start(_Job(job_id, fn, self._relay))
        return job_id

    def submit_op(
        self,
        op: Callable[[Loyalty], Any],
        *,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        changes: Callable[[Any], OpChanges] | None = None,
        label: str = "",
        lane: Lane = DB,
    ) -> int:
        """Run an op with the engine handed in, on the worker (the db lane unless told)."""
        return self.submit(
            lambda: op(self.engine()),
            success=success,
            failure=failure,
            changes=changes,
            label=label,
            lane=lane,
        )

    def _on_finished(self, job_id: int, ok: bool, value: Any) -> None:
        pending = self._pending.pop(job_id, None)
        try:
            if pending is not None:
                self._report(pending, ok, value)
        finally:
            # After the callbacks: an op chained over lanes submits its next step from one,
            # and the busy indicator stays on across the hand-over instead of blinking.
            if not self._pending and self._busy_shown:
                self._busy_shown = False
                self.busy_changed.emit(False, "")

    def _report(self, pending: _Pending, ok: bool, value: Any) -> None:
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
        """Block until every lane is idle; only for shutdown, never from a button."""
        return all(pool.waitForDone(msecs) for pool in self._pools.values())


class QueryOp(Generic[T]):
    """A read whose result goes to `success` on the GUI thread (Anki's QueryOp)."""

    def __init__(
        self,
        runner: Runner,
        op: Callable[[Loyalty], T],
        success: Callable[[T], None],
        label: str = "",
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
        return self._runner.submit_op(
            self._op, success=self._success, failure=self._failure, label=self._label
        )


class CollectionOp(Generic[T]):
    """A change; on success the runner announces what it touched (Anki's CollectionOp)."""

    def __init__(
        self,
        runner: Runner,
        op: Callable[[Loyalty], T],
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

    def changes_of(self, result: T) -> OpChanges:
        return self._changes(result)

    def run_in_background(self) -> int:
        return self._runner.submit_op(
            self._op,
            success=self._success,
            failure=self._failure,
            changes=self._changes,
            label=self._label,
        )
