"""A payment card presented by mistake never reaches a log, an exception text or an event.

Every path a number can come in by is exercised with logging at DEBUG for every logger; the
test looks for the full number, its first six digits and its middle digits: the one mask
(loyalty_core.cardnumbers.mask) shows the last four only, so none of them may appear.
"""

from __future__ import annotations

import logging
import os
import re

import pytest

from hardware.cardnumbers import CardNumbering
from hardware.errors import HardwareError
from hardware.events import HardwareEvent, ReaderError
from hardware.manager import ReaderManager
from hardware.serial_reader import SerialConfig, SerialMagstripeBackend
from hardware.simulated import SimulatedReader
from hardware.tracks import parse_swipe, parse_track1, parse_track2
from hardware.wedge import WedgeDecoder
from tests.hardware.conftest import EventLog

NUMBERING = CardNumbering()
# Test numbers whose middle digits differ from their first six, so a correct mask never shows them.
PANS = [
    "4000056655665556",
    "2223003122003222",
    "378734493671000",
    "6011000990139424",
    "3566002020360505",
]


def track1(pan: str) -> str:
    return f"%B{pan}^CARDHOLDER/TEST^2812201123400000000?"


def track2(pan: str) -> str:
    return f";{pan}=28122011234000000?"


def assert_clean(pan: str, *texts: str) -> None:
    first_six, middle = pan[:6], pan[6:-4]
    for text in texts:
        # Timestamps are long digit runs that could contain six digits by chance: drop them.
        text = re.sub(r"observed_ns=\d+", "", text)
        compact = text.replace(" ", "").replace("-", "")
        assert pan not in compact
        assert first_six not in compact, f"issuer digits of the PAN leaked: {text!r}"
        assert middle not in compact, f"middle digits of the PAN leaked: {text!r}"


def test_assert_clean_catches_every_older_mask() -> None:
    """The check above must fail for the full number and for a first-6/last-4 mask."""
    pan = PANS[0]
    for leaky in (pan, f"{pan[:4]} {pan[4:6]}** **** {pan[-4:]}", f"x{pan[6:-4]}x"):
        with pytest.raises(AssertionError):
            assert_clean(pan, leaky)
    assert_clean(pan, f"•••• {pan[-4:]}")


@pytest.mark.parametrize("pan", PANS)
def test_parsers_refuse_and_mask(pan: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    for raw in (pan, f"{pan[:4]} {pan[4:8]} {pan[8:12]} {pan[12:]}", track1(pan) + track2(pan)):
        with pytest.raises(HardwareError) as info:
            if raw.startswith("%"):
                parse_swipe(raw, NUMBERING)
            else:
                NUMBERING.parse(raw)
        exc = info.value
        assert exc.code == "payment_card_refused"
        assert exc.__cause__ is None and exc.__context__ is None
        texts += [str(exc), repr(exc), str(exc.args), getattr(exc, "masked", "")]
    # Track objects themselves (before our numbering refuses them) mask in repr.
    texts += [repr(parse_track1(track1(pan))), repr(parse_track2(track2(pan)))]
    assert_clean(pan, caplog.text, *texts)


@pytest.mark.parametrize("pan", PANS)
def test_every_input_path_keeps_the_pan_out_of_logs_and_events(
    pan: str,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    tmp_path: os.PathLike[str],
    event_log: EventLog,
) -> None:
    caplog.set_level(logging.DEBUG)
    events: list[HardwareEvent] = []

    decoder = WedgeDecoder(NUMBERING)
    for i, ch in enumerate(track1(pan) + track2(pan) + "\r"):
        out = decoder.feed(ch, i * 3.0)
        assert out.passthrough == ""
        events.extend(out.events)

    sim = SimulatedReader(numbering=NUMBERING)
    master, slave = os.openpty()
    try:
        serial = SerialMagstripeBackend(SerialConfig(os.ttyname(slave), name="mag"), NUMBERING)
        with ReaderManager([sim, serial], callback=event_log):
            event_log.wait_for(lambda e: e.source == "mag")
            events.append(sim.present(pan))
            events.append(sim.swipe(track2(pan)))
            os.write(master, (track1(pan) + track2(pan) + "\r").encode())
            event_log.wait_for(lambda e: isinstance(e, ReaderError) and e.source == "mag")
    finally:
        os.close(master)
        os.close(slave)
    events.extend(event_log.events)

    refusals = [e for e in events if isinstance(e, ReaderError)]
    assert len(refusals) >= 4 and all(e.code == "payment_card_refused" for e in refusals)
    out, err = capsys.readouterr()
    assert_clean(pan, caplog.text, repr(events), out, err)
