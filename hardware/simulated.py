"""A reader driven by code: the demo's card reader and a development aid.

It goes through the same validation as the real backends (our numbering, the track parser),
so what the demo shows is what a real reader would produce, refusals included.
"""

from __future__ import annotations

import re
import threading

from hardware.backend import Backend, EventSink
from hardware.cardnumbers import CardNumbering
from hardware.errors import CardNumberError
from hardware.events import CardPresented, CardRemoved, HardwareEvent, ReaderAttached, ReaderError
from hardware.swipes import swipe_event

_HEX_UID = re.compile(r"^(?:[0-9A-Fa-f]{2}){4,10}$")


class SimulatedReader(Backend):
    """present()/remove()/swipe() may be called from any thread (the demo calls them from the
    GUI); events still reach the app through the manager's dispatcher like real ones."""

    def __init__(self, name: str = "Simulated reader", numbering: CardNumbering | None = None):
        super().__init__(name)
        self.numbering = numbering or CardNumbering()
        self._sink: EventSink | None = None
        self._lock = threading.Lock()
        self._present = False

    def start(self, sink: EventSink) -> None:
        # Nothing to wait on, so no thread: the simulated device is "plugged in" at once.
        with self._lock:
            self._sink = sink
        sink(ReaderAttached(self.name))

    def stop(self) -> None:
        with self._lock:
            self._sink = None

    def join(self, timeout: float) -> bool:
        return True

    @property
    def card_present(self) -> bool:
        return self._present

    def present(
        self, card: str | None = None, *, uid: str | None = None, card_number: str | None = None
    ) -> HardwareEvent:
        """Put a card on the reader: `card` is read as one of our numbers if it is digits of
        our length, else as a hex UID. A card already there is removed first, as on a real
        reader. Returns the event sent, so the demo can show refusals too."""
        if card is not None:
            compact = card.replace(" ", "")
            if compact.isdigit() and card_number is None and uid is None:
                card_number = compact
            elif _HEX_UID.match(compact) and uid is None:
                uid = compact
            else:
                card_number = compact
        if self._present:
            self.remove()
        event: HardwareEvent
        if card_number is None and uid is None:
            event = ReaderError(self.name, "no card given", "card_unrecognised")
        else:
            try:
                parsed = self.numbering.parse(card_number) if card_number is not None else None
            except CardNumberError as exc:
                event = ReaderError(self.name, exc.message, exc.code)
            else:
                event = CardPresented(
                    self.name,
                    card_number=parsed.number if parsed else None,
                    uid=uid.upper() if uid else None,
                    kind=parsed.kind if parsed else None,
                )
        self._present = True
        self._emit(event)
        return event

    def remove(self) -> None:
        if not self._present:
            return
        self._present = False
        self._emit(CardRemoved(self.name))

    def swipe(self, tracks: str) -> HardwareEvent:
        """A magstripe swipe (track text as a reader sends it): parsed like a real one."""
        event = swipe_event(tracks, self.numbering, self.name)
        self._emit(event)
        return event

    def _emit(self, event: HardwareEvent) -> None:
        with self._lock:
            sink = self._sink
        if sink is not None:
            sink(event)
