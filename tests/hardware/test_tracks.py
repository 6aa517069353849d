"""ISO 7813 track parsing and our swipe validation."""

from __future__ import annotations

import pytest

from hardware.cardnumbers import CardNumbering
from hardware.errors import CardNumberError, TrackError
from hardware.tracks import (
    parse_swipe,
    parse_track1,
    parse_track2,
    parse_tracks,
    split_tracks,
    track1_lrc,
    track2_lrc,
)

NUMBERING = CardNumbering()
OURS = NUMBERING.make("prepaid", 31337).number
T1 = f"%B{OURS}^NGUYEN/VAN A^2812101123456?"
T2 = f";{OURS}=2812101123456?"


def test_lrc_matches_hand_computed_values() -> None:
    # ; 1 2 3 4 ? as 4-bit codes: B 1 2 3 4 F -> XOR 0 -> '0'
    assert track2_lrc(";1234?") == "0"
    # % B 1 ^ A ^ ? as 6-bit codes: 05 22 11 3E 21 3E 1F -> XOR 08 -> '('
    assert track1_lrc("%B1^A^?") == "("
    assert parse_track2(";1234?0").pan == "1234"
    assert parse_track1("%B1^A^?(").name == "A"
    with pytest.raises(TrackError) as info:
        parse_track2(";1234?1")
    assert info.value.code == "track_bad_lrc"


def test_track1_fields() -> None:
    t = parse_track1(T1)
    assert (t.format_code, t.pan, t.name, t.expiry, t.service_code, t.discretionary) == (
        "B",
        OURS,
        "NGUYEN/VAN A",
        "2812",
        "101",
        "123456",
    )


def test_track2_fields_and_absent_expiry() -> None:
    t = parse_track2(T2)
    assert (t.pan, t.expiry, t.service_code, t.discretionary) == (OURS, "2812", "101", "123456")
    t = parse_track2(f";{OURS}==101?")
    assert (t.expiry, t.service_code) == (None, "101")
    t = parse_track2(f";{OURS}?")  # our own cards may carry only the number
    assert (t.pan, t.expiry) == (OURS, None)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("%E?", "read_error"),
        (f"B{OURS}^A^2812101?", "track_no_start_sentinel"),
        (f"%B{OURS}^A^2812101", "track_no_end_sentinel"),
        (f"%B{OURS}A2812101?", "track_bad_format"),
        (f"%B{OURS}^A^2813101?", "track_bad_expiry"),
        (f"%B{OURS}^A^28121X1?", "track_bad_service_code"),
        ("%B^A^2812101?", "track_bad_pan"),
        (f"%b{OURS}^A^2812101?", "track_bad_character"),
        (f"%B{OURS}^{'X' * 27}^2812101?", "track_bad_format"),
        (f"%B{OURS}^A^2812101{'1' * 60}?", "track_too_long"),
        (f"%B{OURS}^A^2812101?xx", "track_garbage"),
    ],
)
def test_track1_errors(text: str, code: str) -> None:
    with pytest.raises(TrackError) as info:
        parse_track1(text)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (";E?", "read_error"),
        (f";{OURS}=28121A1?", "track_bad_character"),
        (f";{OURS}=2812101{'1' * 20}?", "track_too_long"),
        (";=2812101?", "track_bad_pan"),
        (f";{'1' * 20}=2812?", "track_bad_pan"),
    ],
)
def test_track2_errors(text: str, code: str) -> None:
    with pytest.raises(TrackError) as info:
        parse_track2(text)
    assert info.value.code == code


def test_split_tracks_handles_lrc_that_looks_like_a_sentinel() -> None:
    # A track 1 whose LRC character happens to be ';' followed by track 2.
    assert split_tracks("%A?;;1?") == ["%A?;", ";1?"]
    assert split_tracks(f"{T1};{OURS}?") == [T1, f";{OURS}?"]
    assert split_tracks(T2 + track2_lrc(T2) + "\r") == [T2 + track2_lrc(T2)]


def test_both_tracks_give_our_card() -> None:
    swipe = parse_swipe(T1 + T2 + "\r", NUMBERING)
    assert swipe.card.number == OURS and swipe.card.kind == "prepaid"
    assert swipe.tracks.track1 is not None and swipe.tracks.track1.name == "NGUYEN/VAN A"
    assert swipe.tracks.track2 is not None and swipe.tracks.track2.expiry == "2812"


def test_one_bad_track_is_fine_when_the_other_reads() -> None:
    assert parse_swipe("%E?" + T2, NUMBERING).card.number == OURS
    assert parse_swipe(T1 + ";E?", NUMBERING).card.number == OURS
    with pytest.raises(TrackError) as info:
        parse_swipe("%E?;E?", NUMBERING)
    assert info.value.code == "read_error"


def test_tracks_that_disagree_are_refused() -> None:
    other = NUMBERING.make("prepaid", 31338).number
    with pytest.raises(TrackError) as info:
        parse_tracks(T1 + f";{other}=2812101?")
    assert info.value.code == "track_mismatch"


def test_payment_swipe_is_refused_and_masked() -> None:
    pan = "4000056655665556"
    with pytest.raises(CardNumberError) as info:
        parse_swipe(f"%B{pan}^CARDHOLDER/A^2812101000000000?;{pan}=28121010000000000?", NUMBERING)
    assert info.value.code == "payment_card_refused"
    assert info.value.masked == "•••• 5556"
    for shown in (repr(info.value), str(info.value), info.value.masked):
        assert pan not in shown and pan[:6] not in shown and pan[6:12] not in shown
    assert info.value.__cause__ is None and info.value.__context__ is None


def test_track_repr_masks_the_account_number() -> None:
    t1, t2 = parse_track1(T1), parse_track2(T2)
    for text in (repr(t1), repr(t2), str(t1), str(t2)):
        assert OURS not in text and "123456" not in text
