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
# Keys that change what the next key types: a wedge reader presses Shift for `%`, `^`, `?` and
# capitals (AltGr on some layouts), so inside a burst they are the reader, not its end.
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_Mode_switch,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Hyper_L,
        Qt.Key.Key_Hyper_R,
    }
)
_CTRL, _ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
_REPLAY_KEYS = {"\r": Qt.Key.Key_Return, "\n": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}
# Larger than any delay between a key and its handling; a bigger jump means the clocks changed.
_RESYNC_MS = 2000.0


class WedgeFilter(QObject):
    """Application-wide key filter that lifts keyboard-wedge swipes out of the key stream.

    Keys the decoder holds back (a `%` or `;` and what follows it quickly) are swallowed, and so
    are their releases; if they turn out to be typing they are re-delivered to the focused
    widget, so a cashier typing `;` in a note loses nothing. A swipe never reaches the focused
    field. Modifier keys (the Shift a reader presses for `%`, `^`, `?`) are shown to the decoder
    as part of the burst and always reach the widget, which tracks modifier state itself.

    Timing uses the key event's own timestamp when the platform gives one (X server time), so a
    GUI thread busy for a moment mid-swipe does not stretch the gaps between the reader's keys;
    the flush timer still waits `max_gap_ms` of our time after the last key was handled.
    """

    def __init__(self, hub: ReaderHub, decoder: WedgeDecoder | None = None) -> None:
        super().__init__(hub)
        self.hub = hub
        self.decoder = decoder or WedgeDecoder()
        self._replaying = False
        self._swallowed: set[int] = set()  # keys whose press we held: their release goes too
        self._offset: float | None = None  # our clock minus the event clock, least seen
        self._lag = 0.0  # how late the last key was handled, in ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush_due)

    @staticmethod
    def _now_ms() -> float:
        return time.monotonic() * 1000.0

    def _event_ms(self, event: QKeyEvent) -> float:
        """When the key happened, on our clock: the event's timestamp shifted by the smallest
        delay seen (a delay is never negative), or now when the platform gives none."""
        now = self._now_ms()
        stamp = event.timestamp()
        if not stamp:
            self._lag = 0.0
            return now
        offset = now - stamp
        if self._offset is None or offset < self._offset or offset - self._offset > _RESYNC_MS:
            self._offset = offset
        when = stamp + self._offset
        self._lag = now - when
        return when

    def _decoder_now(self) -> float:
        return self._now_ms() - self._lag

    @staticmethod
    def _target() -> QWidget | None:
        return QApplication.focusWidget() or QApplication.activeWindow()

    def _char_of(self, event: QKeyEvent) -> str | None:
        """The character a key press typed, or None for a shortcut or a key that types none."""
        text = event.text()
        if event.key() in _TERMINATOR_KEYS or text in ("\r", "\n"):
            return "\r"  # Return, keypad Enter, or Linefeed (what `xdotool type "\n"` sends)
        mods = event.modifiers()
        # Ctrl+Alt together is AltGr on Windows (it types `^` on some layouts); either alone is
        # a shortcut or a menu key.
        if bool(mods & _CTRL) != bool(mods & _ALT):
            return None
        if len(text) != 1:
            return None
        reader_chars = self.decoder.prefix + self.decoder.suffix
        return text if text.isprintable() or text in reader_chars else None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        etype = event.type()
        if self._replaying or etype not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        # A key event visits the window, the focus widget and maybe its parents: act once.
        if not isinstance(obj, QWidget) or obj is not self._target():
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() in _MODIFIER_KEYS:
            if self.decoder.holding:
                self._apply(self.decoder.modifier(self._event_ms(event)))
            return False
        # The physical key: X releases `%` as `5` (Shift is already up), so Qt's key code of a
        # release need not match its press; the scan code does.
        key = event.nativeScanCode() or event.key()
        if etype == QEvent.Type.KeyRelease:
            if key in self._swallowed and not event.isAutoRepeat():
                self._swallowed.discard(key)
                if self.decoder.holding:
                    self._apply(self.decoder.key_up(self._event_ms(event)))
                return True
            return False
        swallow = self._press(event)
        if swallow:
            self._swallowed.add(key)
        else:
            self._swallowed.discard(key)  # its release belongs to the widget, as the press did
        return swallow

    def _press(self, event: QKeyEvent) -> bool:
        """Feed one key press to the decoder; True when the focused widget must not get it."""
        char = self._char_of(event)
        if char is None:
            if self.decoder.holding:
                self._apply(self.decoder.flush())
            return False
        was_holding = self.decoder.holding
        out = self.decoder.feed(char, self._event_ms(event))
        if not was_holding and not self.decoder.holding and not out.events:
            # Plain typing (or the tail of a reader's CR LF, which the decoder drops).
            if out.passthrough == char == "\r" and event.key() not in _TERMINATOR_KEYS:
                # A Linefeed key (xdotool's Return on a bare X keymap, some readers' suffix)
                # is Enter to the cashier: fields only answer Key_Return.
                self._replay("\r")
                return True
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
            self._timer.start(max(1, int(deadline - self._decoder_now()) + 1))

    def _flush_due(self) -> None:
        out = self.decoder.flush(self._decoder_now())
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
                key = _REPLAY_KEYS.get(ch, Qt.Key.Key_unknown)
                ch_text = "\r" if ch == "\n" else ch
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(
                        target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch_text)
                    )
        finally:
            self._replaying = False
