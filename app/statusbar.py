"""The status bar: who is logged in, readers, sync state, and a busy indicator.

The sync line always says something true: when no sync worker runs at this till it says so
("offline — not configured") rather than pretending to be online.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from app.context import AppContext
from app.messages_inputs import reader_name

CLOCK_SKEW_WARN_S = 60  # a till more than a minute off head office's clock says so


class TillStatusBar(QStatusBar):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sync_state: Any = None  # a sync worker's state snapshot, when one exists
        self.cashier = QLabel()
        self.sync = QLabel()
        self.sync.setObjectName("syncStatus")
        self.readers = QLabel()
        self.readers.setObjectName("readerStatus")
        self.busy = QProgressBar()
        self.busy.setObjectName("busy")
        self.busy.setRange(0, 0)  # indeterminate: "working", not a fake percentage
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.addWidget(self.cashier)
        self.addPermanentWidget(self.busy)
        self.addPermanentWidget(self.readers)
        self.addPermanentWidget(self.sync)
        # Show "busy" only when work takes long enough to notice; flicker is worse.
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(250)
        self._busy_timer.timeout.connect(self.busy.show)
        ctx.runner.busy_changed.connect(self._on_busy)
        ctx.hub.status_changed.connect(self.refresh)
        self.refresh()

    def _on_busy(self, busy: bool, _label: str) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy.hide()

    def refresh(self) -> None:
        state = self.ctx.state
        if state.cashier is not None:
            self.cashier.setText(self.tr("Cashier: {name}").format(name=state.cashier.name))
        else:
            self.cashier.setText(self.tr("Not logged in"))
        connected = [reader_name(n) for n, up in self.ctx.hub.connected.items() if up]
        lost = [reader_name(n) for n, up in self.ctx.hub.connected.items() if not up]
        if lost:
            self.readers.setText(self.tr("Reader lost: {names}").format(names=", ".join(lost)))
        elif connected:
            self.readers.setText(
                self.tr("Reader ready: {names}").format(names=", ".join(connected))
            )
        else:
            self.readers.setText(self.tr("No reader (type or swipe)"))
        self.sync.setText(self._sync_text())

    def _sync_text(self) -> str:
        s = self.sync_state
        if s is None:
            return self.tr("Offline — sync not configured")
        text = self.tr("Online") if s.online else self.tr("Offline")
        if getattr(s, "untrusted_answer", None):
            # head office's answer failed its signature check: nothing of it was applied
            text += "  ·  " + self.tr("head office answer not signed by its key: refused")
        text += "  ·  " + self.tr("{count} waiting to sync").format(count=s.entries_waiting)
        if s.last_success:
            text += "  ·  " + self.tr("last sync {time}").format(time=_local(s.last_success))
        else:
            text += "  ·  " + self.tr("never synced")
        skew = getattr(s, "clock_offset_s", None)
        if skew is not None and abs(skew) > CLOCK_SKEW_WARN_S:
            # The till keeps syncing on head office's time, but receipts and shifts use its own
            # clock: someone must set it right.
            text += "  ·  " + self.tr(
                "the till's clock is {minutes} min {direction}: set the clock"
            ).format(
                minutes=max(1, round(abs(skew) / 60)),
                direction=self.tr("slow") if skew > 0 else self.tr("fast"),
            )
        push_refused = getattr(s, "push_refused", None)
        if push_refused:
            # a whole batch refused: it is retried, but a person must know why it is stuck
            text += "  ·  " + self.tr("head office refused our entries: {reason}").format(
                reason=push_refused
            )
        quarantined = getattr(s, "quarantined", 0) + getattr(s, "refused", 0)
        if quarantined:
            text += "  ·  " + self.tr("{count} quarantined").format(count=quarantined)
        refused = getattr(s, "rules_refused", None)
        if refused:
            # head office sent rules the till cannot use: the previous rules stay in force
            text += "  ·  " + self.tr("rules version {version} refused, previous rules kept").format(
                version=refused.get("version")
            )
        definitions = getattr(s, "definitions_refused", 0)
        if definitions:
            # head office sent programs, plans or vouchers this till could not apply
            text += "  ·  " + self.tr("{count} head-office definitions refused").format(
                count=definitions
            )
        return text

    def set_sync_state(self, state: Any) -> None:
        """`state` is a sync.till.worker.SyncSnapshot (immutable: safe to keep)."""
        self.sync_state = state
        self.sync.setText(self._sync_text())
        skew = getattr(state, "clock_offset_s", None)
        skewed = skew is not None and abs(skew) > CLOCK_SKEW_WARN_S
        self.sync.setProperty("online", bool(state.online) and not skewed)
        self.sync.setToolTip(state.last_error or getattr(state, "last_refusal", None) or "")
        self.sync.style().polish(self.sync)


class SyncBridge(QObject):
    """The sync worker calls `sink` from its thread; the signal delivers on the GUI thread."""

    changed = Signal(object)

    def sink(self, snapshot: Any) -> None:
        self.changed.emit(snapshot)


def _local(iso: str) -> str:
    """Head office times are UTC; the cashier reads the shop's clock."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%H:%M %d/%m")
    except ValueError:
        return iso
