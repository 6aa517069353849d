"""Any counter operation that spends a limited resource, run around its head-office hold.

The sequence is `sync.till.holds.SpendHold`'s (authorise, commit, confirm or release); this op
only puts each step on its lane, submitted from the GUI thread when the step before finished:
authorise and confirm/release on the network lane, the engine call on the db lane. So a slow
head office never holds up a customer lookup queued behind it. The sale has its own
(`sales.PayOp`, which also reports how the hold ended); a reward redemption uses this one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from app.runner import DB, NETWORK, OpChanges, Runner

if TYPE_CHECKING:
    from loyalty_core.engine import Loyalty
    from sync.till.holds import SpendHold

log = logging.getLogger(__name__)
T = TypeVar("T")


class HeldOp(Generic[T]):
    """`op` on the db lane between the hold's authorise and its confirm (or release)."""

    def __init__(
        self,
        runner: Runner,
        hold: SpendHold,
        op: Callable[[Loyalty], T],
        changes: Callable[[T], OpChanges],
        label: str = "",
    ) -> None:
        self._runner = runner
        self._hold = hold
        self._op = op
        self._changes = changes
        self._label = label
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None

    def success(self, fn: Callable[[T], None]) -> HeldOp[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> HeldOp[T]:
        self._failure = fn
        return self

    def changes_of(self, result: T) -> OpChanges:
        return self._changes(result)

    def run_in_background(self) -> None:
        self._runner.submit(
            self._hold.authorise,
            success=lambda _decision: self._commit(),
            failure=self._failed,
            label=f"{self._label} hold",
            lane=NETWORK,
        )

    def _commit(self) -> None:
        self._runner.submit_op(
            self._op, success=self._committed, failure=self._not_committed, label=self._label,
            lane=DB,
        )

    def _committed(self, result: Any) -> None:
        def done(_settled: Any = None) -> None:
            if self._success is not None:
                self._success(result)
            self._runner.changed.emit(self._changes(result))

        def unconfirmed(exc: BaseException) -> None:
            # It stands whatever head office heard; the hold expires or is settled by sync.
            log.warning("could not confirm the hold of %s: %r", self._label, exc)
            done()

        self._runner.submit(self._hold.confirm, success=done, failure=unconfirmed,
                            label=f"confirm {self._label} hold", lane=NETWORK)

    def _not_committed(self, exc: BaseException) -> None:
        self._runner.submit(
            self._hold.release,
            success=lambda _settled: self._failed(exc),
            failure=lambda _release_exc: self._failed(exc),
            label=f"release {self._label} hold",
            lane=NETWORK,
        )

    def _failed(self, exc: BaseException) -> None:
        if self._failure is not None:
            self._failure(exc)
        else:
            self._runner.failed.emit(exc)
