"""Random input at every parser: only our own error types may come out."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hardware.apdu import (
    applet_selected,
    parse_card_number_response,
    parse_uid_response,
    split_sw,
)
from hardware.cardnumbers import CardNumbering
from hardware.errors import HardwareError
from hardware.events import CardPresented, ReaderError
from hardware.serial_reader import LineFramer, frame_event
from hardware.tracks import parse_swipe
from hardware.wedge import WedgeDecoder

NUMBERING = CardNumbering()
OURS = NUMBERING.make("discount", 4242).number

track_alphabet = st.sampled_from(list("%;?^=EB0123456789AZ /\r\n") + [OURS, "\x00", "é"])
track_like = st.lists(track_alphabet, max_size=60).map("".join)


@settings(max_examples=400)
@given(st.one_of(st.text(max_size=120), track_like))
def test_swipe_parser_raises_only_our_errors(text: str) -> None:
    try:
        swipe = parse_swipe(text, NUMBERING)
    except HardwareError as exc:
        assert exc.code and exc.__cause__ is None
    else:
        assert NUMBERING.is_ours(swipe.card.number)


@settings(max_examples=200)
@given(st.binary(max_size=200))
def test_serial_frames_give_events_for_any_bytes(data: bytes) -> None:
    framer = LineFramer(max_frame=64)
    for frame in framer.feed(data):
        event = frame_event(frame, NUMBERING, "serial", 0)
        assert isinstance(event, CardPresented | ReaderError)


keys = st.lists(
    st.tuples(
        st.one_of(track_alphabet, st.text(max_size=2)),
        st.floats(min_value=-50, max_value=200, allow_nan=False),
    ),
    max_size=80,
)


@settings(max_examples=300)
@given(keys)
def test_wedge_decoder_never_raises_and_loses_no_typing(events: list[tuple[str, float]]) -> None:
    decoder = WedgeDecoder(NUMBERING)
    now = 0.0
    typed = ""
    swipes = 0
    for char, gap in events:
        now += gap
        out = decoder.feed(char, now)
        typed += out.passthrough
        swipes += len(out.events)
        for event in out.events:
            assert isinstance(event, CardPresented | ReaderError)
    typed += decoder.flush().passthrough
    if swipes == 0:
        # Keys are only ever swallowed into a swipe (or the LF after one): without a swipe,
        # everything the person typed reaches the widget, in order.
        assert typed == "".join(c for c, _ in events)


@settings(max_examples=400)
@given(st.binary(max_size=40))
def test_apdu_response_handling_raises_only_our_errors(data: bytes) -> None:
    for parse in (parse_uid_response, applet_selected, split_sw):
        try:
            parse(data)
        except HardwareError:
            pass
    try:
        parse_card_number_response(data, NUMBERING)
    except HardwareError:
        pass


@given(st.binary(max_size=30).map(lambda b: OURS.encode()[: len(b) % 17] + b))
def test_card_number_file_near_misses(data: bytes) -> None:
    try:
        card = parse_card_number_response(data + b"\x90\x00", NUMBERING)
    except HardwareError:
        return
    assert card.number == OURS
