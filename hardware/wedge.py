"""The keyboard-wedge magstripe decoder: a reader that types, told apart from a person typing.

A USB wedge reader is a keyboard as far as the computer knows: its HID reports press Shift for
`%`, `^`, `?` and capitals, may release a key after the next one is pressed (rollover), and types
at its own pace (1-10 ms a key for most, slower on some). So the decoder is fed every key event
the app sees, not only the characters: a modifier inside a burst is part of the burst, a key
release carries no text and is never an end, and only a character or a pause can end a burst.
"""

from __future__ import annotations

from dataclasses import dataclass

from hardware.cardnumbers import CardNumbering
from hardware.events import CardPresented, HardwareEvent
from hardware.swipes import swipe_event
from hardware.tracks import END_SENTINEL, TRACK1_START, TRACK2_START

ENTER = "\r\n"  # the app feeds Return/Enter as "\r"; a reader's CR LF gives "\r" then "\n"


@dataclass(frozen=True)
class WedgeOutput:
    """What the app does after a key: re-deliver `passthrough` to the focused widget (it was
    a person typing) and hand `events` to the UI like any other reader event."""

    passthrough: str = ""
    events: tuple[HardwareEvent, ...] = ()


class WedgeDecoder:
    """Tells a keyboard-wedge swipe from a person typing, from key timing alone. Pure logic.

    The app captures keys application-wide and feeds each typed character with `feed(char,
    timestamp_ms)`, each modifier key (Shift, AltGr, Caps Lock ...), pressed or released,
    with `modifier(timestamp_ms)`, and each release of a key it held with `key_up(timestamp_ms)`. A burst opens with the reader's `prefix` (if it is set up to
    send one) or a start sentinel, and its keys are held back; it is a swipe if no gap between
    key events exceeds `max_gap_ms` and it ends with the reader's `suffix` after an end sentinel
    (`suffix=""`: the reader sends nothing after the data, so the pause after it ends the burst).
    A slower key releases the held keys as typing. Because held keys would otherwise wait for
    the next key, the app calls `flush(now_ms)` once `deadline_ms` has passed (a single-shot
    timer). Readers that send Enter after each track produce two bursts back to back: the second
    one (starting within the gap of the first's Enter) is folded into the first swipe.
    """

    def __init__(
        self,
        numbering: CardNumbering | None = None,
        *,
        source: str = "keyboard-wedge",
        max_gap_ms: float = 30.0,
        start_sentinels: str = TRACK1_START + TRACK2_START,
        prefix: str = "",
        suffix: str = "\r",
        max_burst: int = 256,
    ) -> None:
        if max_gap_ms <= 0:
            raise ValueError("max_gap_ms must be positive")
        if any(ch in start_sentinels or ch in ENTER for ch in prefix):
            raise ValueError("the prefix may not hold a start sentinel or Enter")
        self.numbering = numbering or CardNumbering()
        self.source = source
        self.max_gap_ms = max_gap_ms
        self.start_sentinels = start_sentinels
        self.prefix = prefix
        # Enter arrives as CR or LF depending on the reader and the toolkit: one suffix for both.
        self.suffix = suffix.replace("\n", "\r")
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
        """A key press that typed `char` (Enter as "\\r"), with whatever modifiers were down."""
        if not self._held:
            return self._idle_key(char, timestamp_ms)
        if not self._in_time(timestamp_ms):
            released = self._release_or_decode()
            after = self._idle_key(char, timestamp_ms)
            return WedgeOutput(released.passthrough + after.passthrough, released.events)
        self._last_ms = timestamp_ms
        self._held.append(char)
        if self._ends_burst():
            return self._end_burst(timestamp_ms, len(self.suffix))
        if len(char) == 1 and char in ENTER:
            if not self.suffix and self._complete_swipe(without_last=True):
                return self._end_burst(timestamp_ms, 1)  # Enter the reader was not set up for
            if not self._suffix_pending():
                return WedgeOutput(self._release())  # Enter is never track data: typing
        if not self._could_be_a_swipe() or len(self._held) > self.max_burst:
            # Not what this reader sends: the held keys were typing, and this key may start a
            # burst of its own (a person types `@`, then a real swipe begins with `%`).
            self._held.pop()
            released = self._release()
            after = self._idle_key(char, timestamp_ms)
            return WedgeOutput(released + after.passthrough, after.events)
        return WedgeOutput()

    def modifier(self, timestamp_ms: float) -> WedgeOutput:
        """A modifier key went down or up. Inside a burst it is the reader pressing Shift (or
        AltGr on some layouts) for the next character: part of the burst, and proof the reader
        is still typing. Outside a burst it means nothing."""
        return self._activity(timestamp_ms)

    def key_up(self, timestamp_ms: float) -> WedgeOutput:
        """A key of the burst was released. It types nothing, so it never ends a burst (whether
        it comes before or after the next key's press); like a modifier it shows the reader is
        still typing, which lets a reader that is slow between presses keep its gaps short.
        The app reports only releases of keys it held back for the decoder."""
        return self._activity(timestamp_ms)

    def _activity(self, timestamp_ms: float) -> WedgeOutput:
        if not self._held:
            return WedgeOutput()
        if not self._in_time(timestamp_ms):
            return self._release_or_decode()
        self._last_ms = timestamp_ms
        return WedgeOutput()

    def flush(self, now_ms: float | None = None) -> WedgeOutput:
        """The pause after a burst: decode it when it is a whole swipe of a reader that sends no
        suffix, else release held keys as typing. Always when now_ms is None, else only once the
        gap has passed."""
        if not self._held:
            return WedgeOutput()
        deadline = self.deadline_ms
        if now_ms is not None and deadline is not None and now_ms <= deadline:
            return WedgeOutput()
        return self._release_or_decode()

    # internals

    def _in_time(self, ts: float) -> bool:
        assert self._last_ms is not None
        gap = ts - self._last_ms
        return 0 <= gap <= self.max_gap_ms

    def _opens_burst(self, char: str) -> bool:
        first = self.prefix[:1] or self.start_sentinels
        return len(char) == 1 and char in first

    def _could_be_a_swipe(self) -> bool:
        """The held keys still read as prefix, then a start sentinel, then track data."""
        n, p = len(self._held), len(self.prefix)
        if n <= p:
            return "".join(self._held) == self.prefix[:n]
        if self._held[p] not in self.start_sentinels:
            return False
        last = self._held[-1]
        return len(last) == 1 and (last.isprintable() or last in ENTER or last in self.suffix)

    def _ends_burst(self) -> bool:
        if not self.suffix:
            return False
        text = "".join(self._held).replace("\n", "\r")
        return text.endswith(self.suffix) and END_SENTINEL in text[: -len(self.suffix)]

    def _suffix_pending(self) -> bool:
        """The held keys end with the first part of a longer suffix, after an end sentinel."""
        text = "".join(self._held).replace("\n", "\r")
        for k in range(1, len(self.suffix)):
            if text.endswith(self.suffix[:k]) and END_SENTINEL in text[:-k]:
                return True
        return False

    def _idle_key(self, char: str, ts: float) -> WedgeOutput:
        end = self._last_swipe_end_ms
        just_swiped = end is not None and 0 <= ts - end <= self.max_gap_ms
        if just_swiped and len(char) == 1 and char in ENTER:
            self._last_swipe_end_ms = ts  # CR LF from the reader: the LF belongs to the swipe
            return WedgeOutput()
        if self._opens_burst(char):
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

    def _release_or_decode(self) -> WedgeOutput:
        """A burst that stopped: a swipe when the reader sends no suffix and it is complete.
        The swipe ended at its last key, not at whatever key showed the pause."""
        if not self.suffix and self._complete_swipe():
            assert self._last_ms is not None
            return self._end_burst(self._last_ms, 0)
        return WedgeOutput(self._release())

    def _complete_swipe(self, without_last: bool = False) -> bool:
        held = self._held[:-1] if without_last else self._held
        body = "".join(held)[len(self.prefix) :]
        end = body.rfind(END_SENTINEL)
        return len(body) >= 3 and end >= 2 and len(body) - end <= 2  # `?` then at most an LRC

    def _end_burst(self, ts: float, suffix_len: int) -> WedgeOutput:
        held = "".join(self._held)
        text = held[len(self.prefix) : len(held) - suffix_len]
        if END_SENTINEL not in text or len(text) < 3:
            return WedgeOutput(self._release())
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
