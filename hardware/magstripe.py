"""Magnetic stripe cards: ISO 7813 track parsing, the keyboard-wedge decoder, serial readers.

A swipe is refused here, at the parser, unless it carries one of our card numbers; a payment
card swiped by mistake is masked before anything else sees it (see cardnumbers.py). Track
objects mask their account number in repr() so a stray log line cannot leak one either.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from hardware.backend import EventSink, ThreadBackend
from hardware.cardnumbers import CardNumber, CardNumbering, mask
from hardware.errors import CardNumberError, HardwareError, TrackError
from hardware.events import CardPresented, HardwareEvent, ReaderAttached, ReaderError, ReaderLost

log = logging.getLogger(__name__)

TRACK1_START, TRACK2_START, END_SENTINEL = "%", ";", "?"
TRACK1_SEPARATOR, TRACK2_SEPARATOR = "^", "="
TRACK1_MAX_CHARS = 79  # sentinels included, LRC excluded (ISO/IEC 7811-2)
TRACK2_MAX_CHARS = 40
PAN_MAX_DIGITS = 19
NAME_MAX_CHARS = 26
STX, ETX = 0x02, 0x03


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


# -- keyboard wedge ---------------------------------------------------------------------------


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


# -- serial readers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SerialConfig:
    """A serial magstripe reader: most are 9600 8N1 with CR-terminated lines."""

    port: str
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    name: str | None = None
    max_frame: int = 512


class LineFramer:
    """Bytes to frames: CR or LF ends a line; STX starts a frame and ETX ends one when the
    reader wraps its output. Bounded, so a babbling device cannot grow memory."""

    def __init__(self, max_frame: int = 512) -> None:
        self.max_frame = max_frame
        self._buf = bytearray()
        self._discarding = False
        self.overflowed = False

    def feed(self, data: bytes) -> list[bytes]:
        frames: list[bytes] = []
        for b in data:
            if b == STX:
                self._buf.clear()
                self._discarding = False
            elif b in (ETX, 0x0D, 0x0A):
                if self._buf and not self._discarding:
                    frames.append(bytes(self._buf))
                self._buf.clear()
                self._discarding = False
            elif self._discarding:
                continue
            elif len(self._buf) >= self.max_frame:
                # Drop the rest of the line too: its tail alone would look like a new frame.
                self.overflowed = True
                self._discarding = True
                self._buf.clear()
            else:
                self._buf.append(b)
        return frames


def frame_event(
    frame: bytes, numbering: CardNumbering, source: str, observed_ns: int
) -> HardwareEvent:
    try:
        text = frame.decode("ascii")
    except UnicodeDecodeError:
        return ReaderError(
            source,
            "the reader sent data that is not a swipe",
            "track_garbage",
            observed_ns=observed_ns,
        )
    return swipe_event(text, numbering, source, observed_ns)


class SerialMagstripeBackend(ThreadBackend):
    """A serial (or USB-serial) magstripe reader read on its own thread through pyserial.

    The port is reopened with back-off when it goes away (USB-serial unplugged), emitting
    ReaderLost / ReaderAttached, so the cashier can replug it without restarting the till.
    """

    def __init__(
        self,
        config: SerialConfig,
        numbering: CardNumbering | None = None,
        *,
        read_timeout_s: float = 0.2,
        max_backoff_s: float = 2.0,
    ) -> None:
        super().__init__(config.name or f"serial:{config.port}")
        self.config = config
        self.numbering = numbering or CardNumbering()
        self.read_timeout_s = read_timeout_s
        self.max_backoff_s = max_backoff_s
        self._serial: Any = None
        self._serial_lock = threading.Lock()

    def _open(self) -> Any:
        import serial  # pyserial; imported here so the package loads where it is absent

        return serial.Serial(
            port=self.config.port,
            baudrate=self.config.baudrate,
            bytesize=self.config.bytesize,
            parity=self.config.parity,
            stopbits=self.config.stopbits,
            timeout=self.read_timeout_s,
        )

    def _wake(self) -> None:
        with self._serial_lock:
            port = self._serial
        if port is not None:
            try:
                port.cancel_read()
            except Exception:  # noqa: BLE001 - best effort wake-up; the read timeout still ends it
                pass

    def run(self, sink: EventSink) -> None:
        backoff = 0.1
        attached = False
        while not self.stopping:
            try:
                port = self._open()
            except Exception as exc:  # noqa: BLE001 - any open failure means "not there yet"
                if attached:
                    sink(ReaderLost(self.name, f"cannot open {self.config.port}: {exc}"))
                    attached = False
                self.wait(backoff)
                backoff = min(backoff * 2, self.max_backoff_s)
                continue
            with self._serial_lock:
                self._serial = port
            backoff = 0.1
            if not attached:
                sink(ReaderAttached(self.name))
                attached = True
            try:
                self._read_loop(port, sink)
            except Exception as exc:  # noqa: BLE001 - a vanished port raises SerialException/OSError
                log.warning("%s: serial port failed: %s", self.name, type(exc).__name__)
                sink(ReaderLost(self.name, "the serial port stopped answering"))
                attached = False
            finally:
                with self._serial_lock:
                    self._serial = None
                try:
                    port.close()
                except Exception:  # noqa: BLE001 - closing a dead port may fail; it is gone anyway
                    pass
            if not self.stopping:
                self.wait(backoff)

    def _read_loop(self, port: Any, sink: EventSink) -> None:
        framer = LineFramer(self.config.max_frame)
        while not self.stopping:
            # Block for the first byte (bounded by the read timeout), then take what is there.
            data = port.read(1)
            if not data:
                continue
            waiting = port.in_waiting
            if waiting:
                data += port.read(waiting)
            now = time.monotonic_ns()
            for frame in framer.feed(data):
                sink(frame_event(frame, self.numbering, self.name, now))
            if framer.overflowed:
                framer.overflowed = False
                sink(ReaderError(self.name, "the reader sent an over-long line", "track_too_long"))


__all__ = [
    "HardwareError",
    "LineFramer",
    "SerialConfig",
    "SerialMagstripeBackend",
    "Swipe",
    "Track1",
    "Track2",
    "TrackData",
    "TrackError",
    "WedgeDecoder",
    "WedgeOutput",
    "parse_swipe",
    "parse_track1",
    "parse_track2",
    "parse_tracks",
    "split_tracks",
    "track1_lrc",
    "track2_lrc",
]
