"""One swipe's text to the event the UI gets: CardPresented or ReaderError.

Its own module so the event model (events.py) can name the track types without the parser
importing the events back: tracks -> swipes -> events is one direction, no cycle.
"""

from __future__ import annotations

import logging
import time

from hardware.cardnumbers import CardNumbering
from hardware.errors import CardNumberError, TrackError
from hardware.events import CardPresented, HardwareEvent, ReaderError
from hardware.tracks import parse_swipe

log = logging.getLogger(__name__)


def swipe_event(
    raw: str, numbering: CardNumbering, source: str, observed_ns: int | None = None
) -> HardwareEvent:
    """One swipe's text to the event the UI gets: CardPresented or ReaderError."""
    if observed_ns is None:
        observed_ns = time.monotonic_ns()
    try:
        swipe = parse_swipe(raw, numbering)
    except CardNumberError as exc:
        log.info("%s: card refused (%s, %s)", source, exc.code, exc.masked)
        return ReaderError(source, exc.message, exc.code, observed_ns=observed_ns)
    except TrackError as exc:
        log.info("%s: bad swipe (%s)", source, exc.code)
        return ReaderError(source, exc.message, exc.code, observed_ns=observed_ns)
    return CardPresented(
        source,
        card_number=swipe.card.number,
        tracks=swipe.tracks,
        kind=swipe.card.kind,
        observed_ns=observed_ns,
    )
