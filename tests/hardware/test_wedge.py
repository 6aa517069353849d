"""The keyboard-wedge decoder: swipes told from typing by timing and sentinels."""

from __future__ import annotations

from hardware.cardnumbers import CardNumbering
from hardware.events import CardPresented, ReaderError
from hardware.wedge import WedgeDecoder, WedgeOutput

NUMBERING = CardNumbering()
OURS = NUMBERING.make("member", 777).number
SWIPE = f"%B{OURS}^TRAN/THI B^2901101?;{OURS}=2901101?"


def feed(decoder: WedgeDecoder, text: str, start: float, gap: float) -> list[WedgeOutput]:
    return [decoder.feed(ch, start + i * gap) for i, ch in enumerate(text)]


def passthrough(outputs: list[WedgeOutput]) -> str:
    return "".join(o.passthrough for o in outputs)


def events(outputs: list[WedgeOutput]) -> list[object]:
    return [e for o in outputs for e in o.events]


def test_fast_burst_is_a_swipe_and_nothing_is_typed() -> None:
    d = WedgeDecoder(NUMBERING)
    out = feed(d, SWIPE + "\r", 1000, 4)
    assert passthrough(out) == ""
    [event] = events(out)
    assert isinstance(event, CardPresented)
    assert (event.card_number, event.kind, event.source) == (OURS, "member", "keyboard-wedge")
    assert event.tracks is not None and event.tracks.track1 is not None


def test_human_typing_passes_through_unchanged() -> None:
    d = WedgeDecoder(NUMBERING)
    out = feed(d, "hello 123\r", 0, 120)
    assert passthrough(out) == "hello 123\r" and events(out) == []


def test_slowly_typed_sentinel_is_released_as_typing() -> None:
    d = WedgeDecoder(NUMBERING)
    out = feed(d, ";1234?\r", 0, 80)  # a person typing what looks like a track
    assert passthrough(out) == ";1234?\r" and events(out) == []


def test_held_sentinel_is_released_by_flush_after_the_gap() -> None:
    d = WedgeDecoder(NUMBERING)
    assert d.feed("%", 100).passthrough == ""
    assert d.deadline_ms == 130
    assert d.flush(120).passthrough == ""  # too early: could still be a reader
    assert d.flush(131).passthrough == "%"
    assert not d.holding and d.deadline_ms is None


def test_fast_burst_without_end_sentinel_is_typing() -> None:
    d = WedgeDecoder(NUMBERING)
    out = feed(d, ";12\r", 0, 5)
    assert passthrough(out) == ";12\r" and events(out) == []


def test_gap_in_the_middle_releases_the_burst() -> None:
    d = WedgeDecoder(NUMBERING)
    out = feed(d, ";8801", 0, 5) + feed(d, "00?\r", 200, 5)
    assert passthrough(out) == ";880100?\r" and events(out) == []


def test_bad_swipe_is_a_reader_error_not_typing() -> None:
    d = WedgeDecoder(NUMBERING)
    out = feed(d, "%E?\r", 0, 3)
    [event] = events(out)
    assert isinstance(event, ReaderError) and event.code == "read_error"
    assert passthrough(out) == ""


def test_enter_after_each_track_gives_one_event_and_no_stray_newline() -> None:
    d = WedgeDecoder(NUMBERING)
    t1, t2 = SWIPE.split(";")
    out = feed(d, t1 + "\r\n", 0, 3) + feed(d, ";" + t2 + "\r\n", 3 * (len(t1) + 2), 3)
    assert passthrough(out) == ""
    assert len(events(out)) == 1


def test_two_customers_swiping_in_turn_give_two_events() -> None:
    d = WedgeDecoder(NUMBERING)
    out = feed(d, SWIPE + "\r", 0, 3) + feed(d, SWIPE + "\r", 5000, 3)
    assert len(events(out)) == 2


def test_over_long_burst_is_released() -> None:
    d = WedgeDecoder(NUMBERING, max_burst=20)
    out = feed(d, ";" + "1" * 30, 0, 2)
    assert passthrough(out) + d.flush().passthrough == ";" + "1" * 30


def test_clock_going_backwards_does_not_glue_keys() -> None:
    d = WedgeDecoder(NUMBERING)
    out = [d.feed(";", 100), d.feed("1", 50)]
    assert passthrough(out) == ";1"
