"""Card readers as seen from the GUI: one Qt signal for every reader event.

Reader backends run on their own threads (hardware/) and call a plain sink; `ReaderHub.sink`
is that sink. Emitting a signal from another thread queues it to the GUI thread, so screens
only ever handle events on the GUI thread (Electrum's handler idea: device logic never touches
widgets). The keyboard-wedge magstripe reader is different: its "device" is the keyboard, so
`WedgeFilter` watches key presses application-wide and feeds the hardware package's decoder,
wherever the focus is.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from hardware.events import (
    CardPresented,
    HardwareEvent,
    ReaderAttached,
    ReaderError,
    ReaderLost,
)
from hardware.wedge import WedgeDecoder, WedgeOutput


class ReaderHub(QObject):
    """Fan-in of every reader; also remembers which readers are connected for the status bar."""

    event_received = Signal(object)  # HardwareEvent
    status_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.connected: dict[str, bool] = {}
        self.last_error: str | None = None
        self._manager: Any = None
        self._internal = _HubRelay(self)
        self._internal.event.connect(self._dispatch)

    def sink(self, event: HardwareEvent) -> None:
        """Thread-safe: backends call this from their own threads."""
        self._internal.event.emit(event)

    def attach(self, manager: Any) -> None:
        """Take events from a hardware.manager.ReaderManager (its callback becomes our sink)."""
        self._manager = manager
        manager.callback = self.sink
        manager.start()

    def stop(self) -> None:
        manager, self._manager = self._manager, None
        if manager is not None:
            manager.stop(2.0)

    def _dispatch(self, event: HardwareEvent) -> None:
        if isinstance(event, ReaderAttached):
            self.connected[event.source] = True
            self.status_changed.emit()
        elif isinstance(event, ReaderLost):
            self.connected[event.source] = False
            self.status_changed.emit()
        elif isinstance(event, CardPresented) and event.source not in self.connected:
            # A reader that delivers a card is evidently there (wedge readers never attach).
            self.connected[event.source] = True
            self.status_changed.emit()
        elif isinstance(event, ReaderError):
            self.last_error = event.code
        self.event_received.emit(event)


class _HubRelay(QObject):
    event = Signal(object)


_TERMINATOR_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class WedgeFilter(QObject):
    """Application-wide key filter that lifts keyboard-wedge swipes out of the key stream.

    Keys the decoder holds back (a `%` or `;` and what follows it quickly) are swallowed; if
    they turn out to be typing they are re-delivered to the focused widget, so a cashier typing
    `;` in a note loses nothing. A swipe never reaches the focused field.
    """

    def __init__(self, hub: ReaderHub, decoder: WedgeDecoder | None = None) -> None:
        super().__init__(hub)
        self.hub = hub
        self.decoder = decoder or WedgeDecoder()
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush_due)

    @staticmethod
    def _now_ms() -> float:
        return time.monotonic() * 1000.0

    @staticmethod
    def _target() -> QWidget | None:
        return QApplication.focusWidget() or QApplication.activeWindow()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        # A key event visits the window, the focus widget and maybe its parents: act once.
        if not isinstance(obj, QWidget) or obj is not self._target():
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        char = "\r" if key in _TERMINATOR_KEYS else event.text()
        if len(char) != 1 or event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            if self.decoder.holding:
                self._apply(self.decoder.flush())
            return False
        was_holding = self.decoder.holding
        out = self.decoder.feed(char, self._now_ms())
        if not was_holding and not self.decoder.holding and not out.events:
            # Plain typing (or the tail of a reader's CR LF, which the decoder drops).
            return out.passthrough != char
        self._apply(out)
        return True

    def _apply(self, out: WedgeOutput) -> None:
        if out.passthrough:
            self._replay(out.passthrough)
        for ev in out.events:
            self.hub.sink(ev)
        deadline = self.decoder.deadline_ms
        if deadline is None:
            self._timer.stop()
        else:
            self._timer.start(max(1, int(deadline - self._now_ms()) + 1))

    def _flush_due(self) -> None:
        out = self.decoder.flush(self._now_ms())
        self._apply(out)
        if self.decoder.holding and not self._timer.isActive():
            self._timer.start(5)

    def _replay(self, text: str) -> None:
        target = self._target()
        if target is None:
            return
        self._replaying = True
        try:
            for ch in text:
                if ch in "\r\n":
                    key, ch_text = Qt.Key.Key_Return, "\r"
                else:
                    key, ch_text = Qt.Key.Key_unknown, ch
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(
                        target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch_text)
                    )
        finally:
            self._replaying = False
