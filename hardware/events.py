"""The one stream of events the UI listens to; plain frozen dataclasses, no Qt.

Every event carries `source` (the reader's name) so a till with two readers can tell them
apart, and `observed_ns` (time.monotonic_ns() when the backend saw the device change) so the
latency from device to screen can be measured end to end.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from hardware.tracks import TrackData


def _now_ns() -> int:
    return time.monotonic_ns()


@dataclass(frozen=True)
class CardPresented:
    """A card was tapped, inserted or swiped.

    card_number is set only for a validated number of ours (never a payment card). uid is the
    contactless UID in upper-case hex when the reader could read one; the app maps a UID to a
    card through the engine's card table when there is no number. kind is the card kind the
    number's prefix says ("member", "gift", ...), or None when only the UID is known.
    """

    source: str
    card_number: str | None = None
    uid: str | None = None
    tracks: TrackData | None = None
    kind: str | None = None
    observed_ns: int = field(default_factory=_now_ns, compare=False)


@dataclass(frozen=True)
class CardRemoved:
    """The card left a PC/SC reader (magstripe swipes have no removal)."""

    source: str
    observed_ns: int = field(default_factory=_now_ns, compare=False)


@dataclass(frozen=True)
class ReaderAttached:
    """A reader became usable: plugged in, pcscd came back, a serial port opened."""

    source: str
    observed_ns: int = field(default_factory=_now_ns, compare=False)


@dataclass(frozen=True)
class ReaderLost:
    """A reader went away (unplugged, pcscd stopped, serial port gone); it may come back."""

    source: str
    reason: str = ""
    observed_ns: int = field(default_factory=_now_ns, compare=False)


@dataclass(frozen=True)
class ReaderError:
    """Something the cashier may need to hear about: a bad swipe, a refused card, a failed read.

    code is stable (the app translates by code); message is plain English and never holds an
    unmasked card number.
    """

    source: str
    message: str
    code: str = "hardware_error"
    observed_ns: int = field(default_factory=_now_ns, compare=False)


HardwareEvent = CardPresented | CardRemoved | ReaderAttached | ReaderLost | ReaderError
