"""Magnetic stripe tracks: ISO 7813 parsing, the LRC, and the typed tracks of one swipe.

A swipe is refused here, at the parser, unless it carries one of our card numbers; a payment
card swiped by mistake is masked before anything else sees it (see loyalty_core.cardnumbers).
Track objects mask their account number in repr() so a stray log line cannot leak one either.
Pure logic with no events and no I/O: the wedge decoder, the serial reader and the simulated
reader all parse through here, so every input path applies the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hardware.cardnumbers import CardNumber, CardNumbering, mask
from hardware.errors import TrackError

TRACK1_START, TRACK2_START, END_SENTINEL = "%", ";", "?"
TRACK1_SEPARATOR, TRACK2_SEPARATOR = "^", "="
TRACK1_MAX_CHARS = 79  # sentinels included, LRC excluded (ISO/IEC 7811-2)
TRACK2_MAX_CHARS = 40
PAN_MAX_DIGITS = 19
NAME_MAX_CHARS = 26

# -- parsed tracks ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Track1:
    """ISO 7813 track 1 (alphanumeric). pan and discretionary data are hidden from repr()."""

    format_code: str
    pan: str = field(repr=False)
    name: str
    expiry: str | None  # YYMM, year first as on the stripe
    service_code: str | None
    discretionary: str = field(repr=False, default="")

    @property
    def masked_pan(self) -> str:
        return mask(self.pan)

    def __repr__(self) -> str:
        return (
            f"Track1(format_code={self.format_code!r}, pan={self.masked_pan!r}, "
            f"name={self.name!r}, expiry={self.expiry!r}, service_code={self.service_code!r})"
        )


@dataclass(frozen=True)
class Track2:
    """ISO 7813 track 2 (numeric). pan and discretionary data are hidden from repr()."""

    pan: str = field(repr=False)
    expiry: str | None
    service_code: str | None
    discretionary: str = field(repr=False, default="")

    @property
    def masked_pan(self) -> str:
        return mask(self.pan)

    def __repr__(self) -> str:
        return (
            f"Track2(pan={self.masked_pan!r}, expiry={self.expiry!r}, "
            f"service_code={self.service_code!r})"
        )


@dataclass(frozen=True)
class TrackData:
    """The tracks of one swipe, as carried by CardPresented.tracks."""

    track1: Track1 | None = None
    track2: Track2 | None = None


@dataclass(frozen=True)
class Swipe:
    """A swipe that carried one of our card numbers."""

    card: CardNumber
    tracks: TrackData


# -- LRC and track parsing ------------------------------------------------------------------


def track1_lrc(track: str) -> str:
    """The LRC character for a track 1 string from '%' through '?' (6-bit XOR, ISO 7811-2)."""
    acc = 0
    for ch in track:
        acc ^= (ord(ch) - 0x20) & 0x3F
    return chr(acc + 0x20)


def track2_lrc(track: str) -> str:
    """The LRC character for a track 2 string from ';' through '?' (4-bit XOR)."""
    acc = 0
    for ch in track:
        acc ^= (ord(ch) - 0x30) & 0x0F
    return chr(acc + 0x30)


def _is_read_error(body: str) -> bool:
    return body == "E"


def _take_expiry_and_service(rest: str, separator: str) -> tuple[str | None, str | None, str]:
    """Expiry (YYMM) then service code; each may be absent, marked by a field separator."""
    expiry: str | None
    if rest.startswith(separator):
        expiry, rest = None, rest[1:]
    elif not rest:
        return None, None, ""
    elif len(rest) >= 4 and rest[:4].isascii() and rest[:4].isdigit():
        expiry, rest = rest[:4], rest[4:]
        if not 1 <= int(expiry[2:]) <= 12:
            raise TrackError("expiry month is out of range", code="track_bad_expiry")
    else:
        raise TrackError("expiry date is malformed", code="track_bad_expiry")
    service: str | None
    if rest.startswith(separator):
        service, rest = None, rest[1:]
    elif not rest:
        service = None
    elif len(rest) >= 3 and rest[:3].isascii() and rest[:3].isdigit():
        service, rest = rest[:3], rest[3:]
    else:
        raise TrackError("service code is malformed", code="track_bad_service_code")
    return expiry, service, rest


def _check_frame(text: str, start: str, max_chars: int, lrc_of: Any) -> str:
    """Check sentinels, length and LRC (when one follows the end sentinel); return the body."""
    if not text.startswith(start):
        raise TrackError("start sentinel is missing", code="track_no_start_sentinel")
    end = text.find(END_SENTINEL)
    if end < 0:
        raise TrackError("end sentinel is missing", code="track_no_end_sentinel")
    frame, after = text[: end + 1], text[end + 1 :]
    body = frame[1:-1]
    if _is_read_error(body):
        raise TrackError("the reader could not read the stripe; swipe again", code="read_error")
    if len(frame) > max_chars:
        raise TrackError("track is longer than the standard allows", code="track_too_long")
    if len(after) > 1:
        raise TrackError("unexpected characters after the end sentinel", code="track_garbage")
    if after and after != lrc_of(frame):
        raise TrackError("track LRC does not match; swipe again", code="track_bad_lrc")
    return body


def parse_track1(text: str) -> Track1:
    """Parse `%<format><PAN>^<NAME>^<YYMM><service><discretionary>?[LRC]`."""
    body = _check_frame(text, TRACK1_START, TRACK1_MAX_CHARS, track1_lrc)
    if any(not 0x20 <= ord(ch) <= 0x5F for ch in body) or TRACK1_START in body:
        raise TrackError("track 1 holds characters outside its set", code="track_bad_character")
    if len(body) < 2 or not ("A" <= body[0] <= "Z"):
        raise TrackError("track 1 format code is missing", code="track_bad_format")
    parts = body[1:].split(TRACK1_SEPARATOR, 2)
    if len(parts) < 2:
        raise TrackError("track 1 field separator is missing", code="track_bad_format")
    pan, name = parts[0], parts[1]
    rest = parts[2] if len(parts) == 3 else ""
    if not pan or len(pan) > PAN_MAX_DIGITS or not pan.isdigit():
        raise TrackError("track 1 account number is malformed", code="track_bad_pan")
    if len(name) > NAME_MAX_CHARS:
        raise TrackError("track 1 name is too long", code="track_bad_format")
    expiry, service, rest = _take_expiry_and_service(rest, TRACK1_SEPARATOR)
    return Track1(body[0], pan, name.strip(), expiry, service, rest)


def parse_track2(text: str) -> Track2:
    """Parse `;<PAN>=<YYMM><service><discretionary>?[LRC]`; our own cards may omit `=...`."""
    body = _check_frame(text, TRACK2_START, TRACK2_MAX_CHARS, track2_lrc)
    if any(not 0x30 <= ord(ch) <= 0x3F for ch in body) or TRACK2_START in body:
        raise TrackError("track 2 holds characters outside its set", code="track_bad_character")
    pan, sep, rest = body.partition(TRACK2_SEPARATOR)
    if not pan or len(pan) > PAN_MAX_DIGITS or not pan.isdigit():
        raise TrackError("track 2 account number is malformed", code="track_bad_pan")
    if not sep:
        return Track2(pan, None, None, "")
    expiry, service, rest = _take_expiry_and_service(rest, TRACK2_SEPARATOR)
    if rest and not rest.isdigit():
        raise TrackError("track 2 discretionary data is malformed", code="track_bad_character")
    return Track2(pan, expiry, service, rest)


def split_tracks(raw: str) -> list[str]:
    """Split one swipe's text (tracks back to back, terminator removed) into track strings.

    A character right after an end sentinel is an LRC when the text ends there or another
    track starts after it; otherwise a `%`/`;` there starts the next track.
    """
    text = raw.strip("\r\n")
    tracks: list[str] = []
    i = 0
    while i < len(text):
        if text[i] not in (TRACK1_START, TRACK2_START):
            raise TrackError("swipe data is not a magnetic track", code="track_garbage")
        end = text.find(END_SENTINEL, i + 1)
        if end < 0:
            raise TrackError("end sentinel is missing", code="track_no_end_sentinel")
        stop = end + 1
        if stop < len(text):
            nxt_is_end = stop + 1 == len(text)
            followed_by_start = stop + 1 < len(text) and text[stop + 1] in "%;"
            if nxt_is_end or followed_by_start or text[stop] not in "%;":
                stop += 1
        tracks.append(text[i:stop])
        i = stop
    if not tracks:
        raise TrackError("the swipe was empty", code="track_empty")
    return tracks


def parse_tracks(raw: str) -> TrackData:
    """Parse what a reader sent for one swipe; a read error on one track is fine if the other
    track is good, because readers report each track separately."""
    track1: Track1 | None = None
    track2: Track2 | None = None
    first_error: TrackError | None = None
    for text in split_tracks(raw):
        try:
            if text[0] == TRACK1_START and track1 is None:
                track1 = parse_track1(text)
            elif text[0] == TRACK2_START and track2 is None:
                track2 = parse_track2(text)
            # a second ';' track is track 3: not used by us, ignored
        except TrackError as exc:
            if first_error is None or first_error.code != "read_error":
                first_error = exc
    if track1 is None and track2 is None:
        assert first_error is not None
        raise first_error
    if track1 is not None and track2 is not None and track1.pan != track2.pan:
        raise TrackError("track 1 and track 2 disagree; swipe again", code="track_mismatch")
    return TrackData(track1, track2)


def parse_swipe(raw: str, numbering: CardNumbering) -> Swipe:
    """Tracks + our numbering: the only way a magstripe number gets into the program.

    Raises TrackError or CardNumberError (never anything else for any input); messages and
    reprs of both hold no unmasked digits.
    """
    if not isinstance(raw, str):
        raise TrackError("swipe data must be text", code="track_garbage")
    tracks = parse_tracks(raw)
    pan = tracks.track2.pan if tracks.track2 is not None else tracks.track1.pan  # type: ignore[union-attr]
    card = numbering.parse(pan)  # raises, masked, for payment cards and strangers
    return Swipe(card, tracks)
