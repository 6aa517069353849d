"""A till-sized window with one focused text field and the till's own WedgeFilter, run as its
own process on a real X display by test_wedge_x11.py.

It reports on stdout, one JSON object a line: `ready` once the field has the focus, every
reader event the hub delivers, every change of the field's text, and each Shift key press the
application saw (so the test knows the keys really came with Shift, as a wedge reader's do).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.readers import ReaderHub, WedgeFilter
from hardware.cardnumbers import CardNumbering
from hardware.events import CardPresented, HardwareEvent, ReaderError
from hardware.wedge import WedgeDecoder


def say(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


class ShiftCounter(QObject):
    """Counts Shift presses before the WedgeFilter sees them (it is installed after this)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Shift
            and obj is QApplication.focusWidget()
        ):
            say(shift=True)
        return False


def report(event: HardwareEvent) -> None:
    if isinstance(event, CardPresented):
        say(event="card", card=event.card_number, source=event.source)
    elif isinstance(event, ReaderError):
        say(event="error", code=event.code)


def main(title: str, max_gap_ms: float) -> int:
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle(title)
    window.resize(800, 200)
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("Phone or card number"))
    field = QLineEdit()
    layout.addWidget(field)
    field.textChanged.connect(lambda text: say(text=text))
    hub = ReaderHub()
    hub.event_received.connect(report)
    counter = ShiftCounter()
    app.installEventFilter(counter)
    wedge = WedgeFilter(hub, WedgeDecoder(CardNumbering(), max_gap_ms=max_gap_ms))
    app.installEventFilter(wedge)  # as app.main does: swipes are caught application-wide
    window.show()
    window.activateWindow()
    field.setFocus()

    def ready_when_focused() -> None:
        if field.hasFocus() and window.isActiveWindow():
            say(ready=True)
        else:
            window.activateWindow()
            field.setFocus()
            QTimer.singleShot(50, ready_when_focused)

    QTimer.singleShot(0, ready_when_focused)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
