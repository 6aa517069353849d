"""The keyboard-wedge magstripe decoder: a reader that types, told apart from a person typing."""

from __future__ import annotations

from dataclasses import dataclass

from hardware.cardnumbers import CardNumbering
from hardware.events import CardPresented, HardwareEvent
from hardware.swipes import swipe_event
from hardware.tracks import END_SENTINEL


@dataclass(frozen=True)
class WedgeOutput:
    """What the app does after a key: re-deliver `passthrough` to the focused widget (it was
    a person typing) and hand `events` to the UI like any other reader event."""

    passthrough: str = ""
    events: tuple[HardwareEvent, ...] = ()


class WedgeDecoder:
    """Tells a keyboard-wedge swipe from a person typing, from key timing alone. Pure logic.

    The app captures keys application-wide and feeds (char, timestamp_ms). A start sentinel
    opens a burst whose keys are held back; the burst is a swipe if every gap stays under
    `max_gap_ms` and it ends with a terminator after an end sentinel. A slower key releases
    the held keys as typing. Because a held `;` typed by a person would otherwise wait for
    the next key, the app calls `flush(now_ms)` once `deadline_ms` has passed (a single-shot
    timer). Readers that send Enter after each track produce two bursts back to back: the
    second one (starting within the gap of the first's Enter) is folded into the first swipe.
    """

    def __init__(
        self,
        numbering: CardNumbering | None = None,
        *,
        source: str = "keyboard-wedge",
        max_gap_ms: float = 30.0,
        start_sentinels: str = "%;",
        terminators: str = "\r\n",
        max_burst: int = 256,
    ) -> None:
        self.numbering = numbering or CardNumbering()
        self.source = source
        self.max_gap_ms = max_gap_ms
        self.start_sentinels = start_sentinels
        self.terminators = terminators
        self.max_burst = max_burst
        self._held: list[str] = []
        self._last_ms: float | None = None
        self._continuation = False
        self._last_swipe_end_ms: float | None = None
        self._last_swipe_number: str | None = None

    @property
    def holding(self) -> bool:
        return bool(self._held)

    @property
    def deadline_ms(self) -> float | None:
        """When held keys turn into typing if nothing else arrives; None when nothing is held."""
        if not self._held or self._last_ms is None:
            return None
        return self._last_ms + self.max_gap_ms

    def feed(self, char: str, timestamp_ms: float) -> WedgeOutput:
        if not self._held:
            return self._idle_key(char, timestamp_ms)
        assert self._last_ms is not None
        gap = timestamp_ms - self._last_ms
        if gap < 0 or gap > self.max_gap_ms:
            released = self._release()
            after = self._idle_key(char, timestamp_ms)
            return WedgeOutput(released + after.passthrough, after.events)
        self._last_ms = timestamp_ms
        if self._is_terminator(char):
            return self._end_burst(char, timestamp_ms)
        self._held.append(char)
        if len(self._held) > self.max_burst:
            return WedgeOutput(self._release())
        return WedgeOutput()

    def flush(self, now_ms: float | None = None) -> WedgeOutput:
        """Release held keys as typing: always when now_ms is None, else once the gap passed."""
        if not self._held:
            return WedgeOutput()
        deadline = self.deadline_ms
        if now_ms is not None and deadline is not None and now_ms <= deadline:
            return WedgeOutput()
        return WedgeOutput(self._release())

    # internals

    def _is_terminator(self, char: str) -> bool:
        return len(char) == 1 and char in self.terminators

    def _idle_key(self, char: str, ts: float) -> WedgeOutput:
        end = self._last_swipe_end_ms
        just_swiped = end is not None and 0 <= ts - end <= self.max_gap_ms
        if just_swiped and self._is_terminator(char):
            self._last_swipe_end_ms = ts  # CR LF from the reader: the LF belongs to the swipe
            return WedgeOutput()
        if len(char) == 1 and char in self.start_sentinels:
            self._held = [char]
            self._last_ms = ts
            self._continuation = just_swiped
            return WedgeOutput()
        return WedgeOutput(char)

    def _release(self) -> str:
        text = "".join(self._held)
        self._held = []
        self._last_ms = None
        return text

    def _end_burst(self, terminator: str, ts: float) -> WedgeOutput:
        text = "".join(self._held)
        if END_SENTINEL not in text or len(text) < 3:
            return WedgeOutput(self._release() + terminator)
        self._held = []
        self._last_ms = None
        # observed_ns stays on our monotonic clock: the app's key timestamps use another epoch.
        event = swipe_event(text, self.numbering, self.source)
        previous = self._last_swipe_number
        continuation = self._continuation
        self._last_swipe_end_ms = ts
        if isinstance(event, CardPresented):
            self._last_swipe_number = event.card_number
            if continuation and previous == event.card_number:
                return WedgeOutput()
            return WedgeOutput(events=(event,))
        if continuation:
            return WedgeOutput()  # the second track of a swipe already reported
        self._last_swipe_number = None
        return WedgeOutput(events=(event,))
