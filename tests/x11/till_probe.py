"""The cashier program (`python -m app.main ...`) with a probe that reports on stdout, one JSON
object a line, what the real-X test needs to see: the page shown, the demo cards, which widget
has the focus, the counter's search field text, reader events, the customer on the counter and how many
members the member search found.
Nothing in the program is replaced: the probe only watches, from a timer on the GUI thread.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

import app.main
import app.mainwindow
from app.widgets import alive
from hardware.events import CardPresented, HardwareEvent, ReaderError


def say(**fields: Any) -> None:
    print(json.dumps(fields, default=str), flush=True)


def watch(window: Any) -> None:
    last: dict[str, Any] = {}

    def on_event(event: HardwareEvent) -> None:
        if isinstance(event, CardPresented):
            say(event="card", card=event.card_number, source=event.source)
        elif isinstance(event, ReaderError):
            say(event="error", code=event.code, source=event.source)

    window.ctx.hub.event_received.connect(on_event)
    window.counter.lookup.textChanged.connect(lambda text: say(text=text))

    def poll() -> None:
        focus = QApplication.focusWidget()
        active = QApplication.activeWindow()
        search = getattr(window.counter, "search_dialog", None)
        state = {
            "found": search.list.count() if search is not None and alive(search) else None,
            "page": window.page,
            "lookup_focused": focus is window.counter.lookup,
            "customer": window.counter.card_number,
            "cards": window.ctx.state.demo_cards,
            "focus": focus.objectName() if focus is not None else None,
            "window": type(active).__name__ if active is not None else None,
            "busy": window.ctx.runner.busy,
            "notice": window.counter.notice.text(),
            "slip": window.counter.slip.toPlainText(),
            "vouchers": " ".join(
                b.text() for b in window.counter.panel.voucher_buttons if alive(b) and b.isVisible()
            ),
            "login_message": window.login.message.text(),
            "typed": focus.text()
            if isinstance(focus, QLineEdit) and focus.echoMode() == QLineEdit.EchoMode.Normal
            else None,
        }
        for key, value in state.items():
            if last.get(key) != value:
                last[key] = value
                say(**{key: value})

    class Keys(QObject):
        """Which key presses reach the focused widget (after the wedge filter)."""

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.KeyPress and obj is QApplication.focusWidget():
                say(key=event.key(), key_text=event.text())  # type: ignore[attr-defined]
            return False

    window.key_probe = Keys(window)
    QApplication.instance().installEventFilter(window.key_probe)
    timer = QTimer(window)
    timer.timeout.connect(poll)
    timer.start(50)


_init = app.mainwindow.MainWindow.__init__


def _watched_init(self: Any, *args: Any, **kwargs: Any) -> None:
    _init(self, *args, **kwargs)
    watch(self)


app.mainwindow.MainWindow.__init__ = _watched_init  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.exit(app.main.main(sys.argv[1:]))
