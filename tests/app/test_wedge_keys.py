"""WedgeFilter fed the key events a real USB keyboard-wedge reader produces (issue 14): Shift
pressed and released around `%`, `^`, `?` and capitals, key releases in different orders, the
reader's own pace. The swipe must arrive as a card and never reach the focused field."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.mainwindow import MainWindow
from app.readers import ReaderHub, WedgeFilter
from hardware.cardnumbers import CardNumbering
from hardware.events import CardPresented, HardwareEvent, ReaderError
from hardware.wedge import WedgeDecoder
from tests.app.conftest import WAIT, Shop, log_in

NUMBERING = CardNumbering()
OURS = NUMBERING.make("member", 2024).number
SWIPE = f"%B{OURS}^TRAN/THI B^2901101?;{OURS}=2901101?"
SHIFTED = set('%^?:"<>~!@#$&*()_+{}|') | set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def qt_key(ch: str) -> int:
    if ch in "\r\n":
        return int(Qt.Key.Key_Return.value)
    if ch == "\t":
        return int(Qt.Key.Key_Tab.value)
    return ord(ch.upper())  # Qt's key codes for printable ASCII are the upper-case code points


class Harness:
    """A window with one text field, a hub and the application-wide WedgeFilter, as main()."""

    def __init__(self, qtbot: Any, decoder: WedgeDecoder) -> None:
        self.window = QWidget()
        self.field = QLineEdit(self.window)
        QVBoxLayout(self.window).addWidget(self.field)
        self.hub = ReaderHub()
        self.events: list[HardwareEvent] = []
        self.hub.event_received.connect(self.events.append)
        self.wedge = WedgeFilter(self.hub, decoder)
        QApplication.instance().installEventFilter(self.wedge)
        qtbot.addWidget(self.window)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.window.activateWindow()
        self.field.setFocus()
        qtbot.waitUntil(self.field.hasFocus, timeout=WAIT)
        self.stamp = 1_000_000
        self.shift_down = False

    def close(self) -> None:
        QApplication.instance().removeEventFilter(self.wedge)

    def _send(self, kind: QEvent.Type, key: int, text: str, step_ms: int) -> None:
        """One key event with an X-server-like timestamp; real time advances at least as
        much as the timestamp does, as it would for a real device."""
        mods = SHIFT if self.shift_down else NONE
        event = QKeyEvent(kind, key, mods, text)
        event.setTimestamp(self.stamp)
        target = QApplication.focusWidget() or self.window
        QApplication.sendEvent(target, event)
        self.stamp += step_ms
        if step_ms:
            time.sleep(step_ms / 1000)

    def shift(self, down: bool, step_ms: int) -> None:
        if down:
            self.shift_down = True
            self._send(QEvent.Type.KeyPress, int(Qt.Key.Key_Shift.value), "", step_ms)
        else:
            self._send(QEvent.Type.KeyRelease, int(Qt.Key.Key_Shift.value), "", step_ms)
            self.shift_down = False

    def press(self, ch: str, step_ms: int) -> None:
        self._send(QEvent.Type.KeyPress, qt_key(ch), "\r" if ch == "\n" else ch, step_ms)

    def release(self, ch: str, step_ms: int) -> None:
        self._send(QEvent.Type.KeyRelease, qt_key(ch), "\r" if ch == "\n" else ch, step_ms)

    def reader_types(self, text: str, step_ms: int = 2, order: str = "nested") -> None:
        """What a US-layout wedge reader sends, one HID report every step_ms."""
        previous: str | None = None
        for ch in text:
            shifted = ch in SHIFTED
            if shifted:
                self.shift(True, step_ms)
            self.press(ch, step_ms)
            if order == "rollover":
                if previous is not None:
                    self.release(previous, step_ms)
                previous = ch
                if shifted:
                    self.shift(False, step_ms)
            elif order == "early-shift-up" and shifted:
                self.shift(False, step_ms)
                self.release(ch, step_ms)
            else:
                self.release(ch, step_ms)
                if shifted:
                    self.shift(False, step_ms)
        if previous is not None:
            self.release(previous, step_ms)

    def cards(self) -> list[str | None]:
        return [e.card_number for e in self.events if isinstance(e, CardPresented)]


@pytest.fixture
def harness(qtbot: Any) -> Iterator[Harness]:
    h = Harness(qtbot, WedgeDecoder(NUMBERING))
    yield h
    h.close()


@pytest.mark.parametrize("order", ["nested", "early-shift-up", "rollover"])
def test_swipe_with_real_shift_events_is_a_card_not_text(
    qtbot: Any, harness: Harness, order: str
) -> None:
    seen: list[str] = []
    harness.field.textChanged.connect(seen.append)
    harness.reader_types(SWIPE + "\r", order=order)
    qtbot.waitUntil(lambda: harness.cards() == [OURS], timeout=WAIT)
    qtbot.wait(60)  # past the swipe gap: nothing held is given back later either
    assert harness.field.text() == "" and seen == []
    assert not harness.wedge.decoder.holding


def test_slow_reader_with_shift_between_keys(qtbot: Any) -> None:
    """12 ms a report: shifted keys are 48 ms apart, kept together by the Shift reports."""
    h = Harness(qtbot, WedgeDecoder(NUMBERING))
    try:
        h.reader_types(SWIPE[:40] + "?\r", step_ms=12)  # track 1 cut short: still a track
        qtbot.waitUntil(lambda: len(h.events) == 1, timeout=WAIT)
        assert h.field.text() == ""
    finally:
        h.close()


def test_qtest_key_presses_with_shift_modifier(qtbot: Any, harness: Harness) -> None:
    """QTest's own events (no timestamp: the filter's clock is used) with the Shift key."""
    field = harness.field
    for ch in SWIPE + "\r":
        if ch in SHIFTED:
            QTest.keyPress(field, Qt.Key.Key_Shift)
            QTest.keyClick(field, ch, SHIFT)
            QTest.keyRelease(field, Qt.Key.Key_Shift, SHIFT)
        elif ch == "\r":
            QTest.keyClick(field, Qt.Key.Key_Return)
        else:
            QTest.keyClick(field, ch)
    qtbot.waitUntil(lambda: harness.cards() == [OURS], timeout=WAIT)
    assert field.text() == ""


def test_person_typing_with_shift_reaches_the_field(qtbot: Any, harness: Harness) -> None:
    harness.reader_types("%50 OFF?", step_ms=60)  # a person: far slower than the swipe gap
    qtbot.waitUntil(lambda: harness.field.text() == "%50 OFF?", timeout=WAIT)
    assert harness.events == []


def test_held_sentinel_then_shift_alone_is_given_back(qtbot: Any, harness: Harness) -> None:
    harness.press(";", 0)
    harness.release(";", 5)
    harness.shift(True, 0)  # a person reaching for Shift: the held `;` is not lost
    qtbot.waitUntil(lambda: harness.field.text() == ";", timeout=WAIT)
    harness.shift(False, 0)
    assert harness.events == []


def test_bad_read_is_an_error_and_not_typed(qtbot: Any, harness: Harness) -> None:
    harness.reader_types("%E?;E?\r")
    qtbot.waitUntil(lambda: len(harness.events) == 1, timeout=WAIT)
    [event] = harness.events
    assert isinstance(event, ReaderError) and event.code == "read_error"
    assert harness.field.text() == ""


def test_prefix_and_tab_suffix(qtbot: Any) -> None:
    h = Harness(qtbot, WedgeDecoder(NUMBERING, prefix="@", suffix="\t"))
    try:
        other = QLineEdit(h.window)
        h.window.layout().addWidget(other)
        h.reader_types("@" + SWIPE + "\t")
        qtbot.waitUntil(lambda: h.cards() == [OURS], timeout=WAIT)
        assert h.field.text() == "" and h.field.hasFocus()  # the Tab did not move the focus
        h.reader_types("@x", step_ms=60)  # the prefix typed by a person is text
        qtbot.waitUntil(lambda: h.field.text() == "@x", timeout=WAIT)
    finally:
        h.close()


def test_reader_without_suffix(qtbot: Any) -> None:
    h = Harness(qtbot, WedgeDecoder(NUMBERING, suffix=""))
    try:
        h.reader_types(SWIPE)
        qtbot.waitUntil(lambda: h.cards() == [OURS], timeout=WAIT)  # after the pause
        assert h.field.text() == ""
    finally:
        h.close()


def test_counter_lookup_swipe_with_shift(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    """The counter's phone/card search field has the focus; the swipe opens the customer."""
    log_in(qtbot, till)
    lookup = till.counter.lookup
    lookup.setFocus()
    qtbot.waitUntil(lookup.hasFocus, timeout=WAIT)
    seen: list[str] = []
    lookup.textChanged.connect(seen.append)
    h = object.__new__(Harness)  # the till's own filter and field, driven like a reader
    h.window, h.field, h.stamp, h.shift_down = till, lookup, 5_000_000, False
    h.reader_types(f"%B{shop.member}^PHAM/QUOC BAO^2901101?;{shop.member}=2901101?\r")
    qtbot.waitUntil(lambda: till.counter.card_number == shop.member, timeout=WAIT)
    assert till.counter.panel.name.text() == "Phạm Quốc Bảo"
    assert seen == [] and lookup.text() == ""


class _ReleaseSpy(QObject):
    """Sees what reaches the field itself, after the application-wide filters."""

    def __init__(self) -> None:
        super().__init__()
        self.releases: list[int] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyRelease and isinstance(event, QKeyEvent):
            self.releases.append(event.key())
        return False


def test_x_style_events_linefeed_and_release_under_another_key(
    qtbot: Any, harness: Harness
) -> None:
    """As X delivers `xdotool type`: Shift goes up first, so `%` is released as `5` (same scan
    code, other key code), and "\\n" arrives as a Linefeed key, not Return."""
    spy = _ReleaseSpy()
    harness.field.installEventFilter(spy)
    stamp = 7_000_000

    def send(kind: QEvent.Type, key: int, scan: int, text: str, mods: Any = NONE) -> None:
        nonlocal stamp
        event = QKeyEvent(kind, key, mods, scan, 0, 0, text)
        event.setTimestamp(stamp)
        QApplication.sendEvent(harness.field, event)
        stamp += 2
        time.sleep(0.002)

    press, release = QEvent.Type.KeyPress, QEvent.Type.KeyRelease
    shift_key, shift_scan = int(Qt.Key.Key_Shift.value), 50
    for ch in f";{OURS}?":
        if ch == "?":
            send(press, shift_key, shift_scan, "", SHIFT)
            send(press, ord("?"), 61, "?", SHIFT)
            send(release, shift_key, shift_scan, "")
            send(release, ord("/"), 61, "/")  # released as the unshifted key
        else:
            scan = 100 + ord(ch)
            send(press, ord(ch), scan, ch)
            send(release, ord(ch), scan, ch)
    send(press, 0x0A, 36, "\n")
    send(release, 0x0A, 36, "\n")
    qtbot.waitUntil(lambda: harness.cards() == [OURS], timeout=WAIT)
    harness.field.removeEventFilter(spy)
    assert harness.field.text() == ""
    assert [k for k in spy.releases if k != shift_key] == []  # every held key's release too
    assert not harness.wedge.decoder.holding
