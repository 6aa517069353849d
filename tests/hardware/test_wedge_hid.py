"""The wedge decoder fed what a real USB keyboard-wedge reader sends: HID key-downs and key-ups
with Shift (or AltGr) around `%`, `^`, `?` and capitals, at the reader's own pace, with an
optional prefix and a suffix other than Enter (issue 14)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hardware.cardnumbers import CardNumbering
from hardware.config import HardwareConfig
from hardware.events import CardPresented, HardwareEvent, ReaderError
from hardware.tracks import track1_lrc
from hardware.wedge import WedgeDecoder, WedgeOutput

NUMBERING = CardNumbering()
OURS = NUMBERING.make("combined", 4711).number
TRACK1 = f"%B{OURS}^NGUYEN/VAN AN^2812101?"
SWIPE = TRACK1 + f";{OURS}=2812101?"
SHIFTED = set('%^?:"<>~!@#$&*()_+{}|') | set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True)
class Hid:
    """One HID report as the app sees it: a modifier change, or a key going down or up."""

    what: str  # "mod", "down", "up"
    char: str
    ms: float


def reader(text: str, step: float = 2.0, order: str = "nested", start: float = 1000.0) -> list[Hid]:
    """The reports a US-layout wedge reader sends for `text`, one report every `step` ms.

    order "nested": Shift down, key down, key up, Shift up (most readers).
    order "early-shift-up": Shift goes up before the key does.
    order "rollover": each key goes down before the previous one is up (n-key rollover).
    """
    out: list[Hid] = []
    t = start
    pending_up: str | None = None
    for ch in text:
        shift = ch in SHIFTED
        if shift:
            out.append(Hid("mod", "shift", t))
            t += step
        out.append(Hid("down", ch, t))
        t += step
        if order == "rollover":
            if pending_up is not None:
                out.append(Hid("up", pending_up, t))
                t += step
            pending_up = ch
            if shift:
                out.append(Hid("mod", "shift", t))
                t += step
            continue
        if order == "early-shift-up" and shift:
            out += [Hid("mod", "shift", t), Hid("up", ch, t + step)]
        else:
            out.append(Hid("up", ch, t))
            if shift:
                out.append(Hid("mod", "shift", t + step))
        t += 2 * step if shift else step
    if pending_up is not None:
        out.append(Hid("up", pending_up, t))
    return out


def play(decoder: WedgeDecoder, reports: list[Hid]) -> tuple[str, list[HardwareEvent]]:
    """Feed every report; the app passes on only the key-ups of keys the decoder holds."""
    typed, events = "", []
    for r in reports:
        if r.what == "mod":
            out = decoder.modifier(r.ms)
        elif r.what == "down":
            out = decoder.feed(r.char, r.ms)
        elif decoder.holding:
            out = decoder.key_up(r.ms)
        else:
            continue
        typed += out.passthrough
        events += out.events
    return typed, events


def test_the_simulated_reader_sends_shift_around_sentinels() -> None:
    reports = reader("%B^?;1", step=1)
    assert [r.what for r in reports[:5]] == ["mod", "down", "up", "mod", "mod"]
    assert sum(r.what == "mod" for r in reports) == 8  # % B ^ ? each: Shift down and up


@pytest.mark.parametrize("order", ["nested", "early-shift-up", "rollover"])
def test_swipe_with_shift_events_is_one_card_and_nothing_typed(order: str) -> None:
    typed, events = play(WedgeDecoder(NUMBERING), reader(SWIPE + "\r", order=order))
    assert typed == ""
    [event] = events
    assert isinstance(event, CardPresented) and event.card_number == OURS


def test_slow_reader_whose_shifted_keys_are_far_apart_is_still_a_swipe() -> None:
    """20 ms a report: `%` to `B` is 80 ms apart, but the Shift and key-up reports in between
    are the reader still typing, so no gap exceeds 30 ms."""
    reports = reader(SWIPE + "\r", step=20)
    downs = [r.ms for r in reports if r.what == "down"]
    assert max(b - a for a, b in zip(downs, downs[1:], strict=False)) > 30
    typed, events = play(WedgeDecoder(NUMBERING), reports)
    assert typed == "" and len(events) == 1


def test_key_up_outside_a_burst_or_after_the_gap() -> None:
    d = WedgeDecoder(NUMBERING)
    assert d.key_up(0) == WedgeOutput()
    assert d.feed("a", 1).passthrough == "a"
    assert d.key_up(2) == WedgeOutput() and not d.holding
    d.feed(";", 10)
    assert d.key_up(25).passthrough == "" and d.deadline_ms == 55
    assert d.key_up(100).passthrough == ";" and not d.holding


def test_a_slower_reader_needs_a_longer_gap_setting() -> None:
    reports = reader(SWIPE + "\r", step=45)
    typed, events = play(WedgeDecoder(NUMBERING), reports)
    assert events == [] and typed == SWIPE + "\r"  # at the default 30 ms it is typing
    typed, events = play(WedgeDecoder(NUMBERING, max_gap_ms=60), reports)
    assert typed == "" and len(events) == 1


def test_person_typing_with_shift_passes_through() -> None:
    d = WedgeDecoder(NUMBERING)
    typed, events = play(d, reader("%50 OFF?\r", step=70))
    typed += d.flush().passthrough
    assert typed == "%50 OFF?\r" and events == []


def test_shift_held_long_after_a_sentinel_releases_it_as_typing() -> None:
    d = WedgeDecoder(NUMBERING)
    assert d.feed(";", 0).passthrough == ""
    assert d.modifier(10).passthrough == ""  # the reader pressing Shift: still a burst
    assert d.deadline_ms == 40
    assert d.modifier(200).passthrough == ";"  # a person, much later
    assert not d.holding


def test_modifier_outside_a_burst_does_nothing() -> None:
    d = WedgeDecoder(NUMBERING)
    assert d.modifier(5) == d.modifier(6) and not d.holding


def test_read_error_with_shift_is_an_error_not_typing() -> None:
    typed, events = play(WedgeDecoder(NUMBERING), reader("%E?;E?\r"))
    assert typed == ""
    [event] = events
    assert isinstance(event, ReaderError) and event.code == "read_error"


def test_track_with_lrc_sent_by_the_reader() -> None:
    typed, events = play(WedgeDecoder(NUMBERING), reader(TRACK1 + track1_lrc(TRACK1) + "\r"))
    assert typed == "" and isinstance(events[0], CardPresented)


def test_configured_prefix_is_not_typed_and_must_come_first() -> None:
    d = WedgeDecoder(NUMBERING, prefix="@")
    typed, events = play(d, reader("@" + SWIPE + "\r"))
    assert typed == "" and len(events) == 1
    # This reader always sends the prefix: a bare track is typing (after its pause).
    typed, events = play(d, reader(SWIPE + "\r", start=9000))
    typed += d.flush().passthrough
    assert events == [] and typed == SWIPE + "\r"


def test_prefix_followed_by_something_else_is_typing() -> None:
    d = WedgeDecoder(NUMBERING, prefix="@@")
    typed, events = play(d, reader("@@x;1?\r"))
    typed += d.flush().passthrough
    assert events == [] and typed == "@@x;1?\r"


def test_suffix_other_than_enter() -> None:
    d = WedgeDecoder(NUMBERING, suffix="\t")
    typed, events = play(d, reader(SWIPE + "\t"))
    assert typed == "" and len(events) == 1
    typed, events = play(d, reader(";12\t", start=9000))  # no end sentinel: typing
    assert typed + d.flush().passthrough == ";12\t" and events == []


def test_two_character_suffix() -> None:
    d = WedgeDecoder(NUMBERING, prefix="\x02", suffix="\x03\r")
    typed, events = play(d, reader("\x02" + SWIPE + "\x03\r"))
    assert typed == "" and len(events) == 1


def test_reader_without_suffix_is_decoded_after_its_pause() -> None:
    d = WedgeDecoder(NUMBERING, suffix="")
    reports = reader(SWIPE)
    typed, events = play(d, reports)
    assert typed == "" and events == [] and d.holding
    end = reports[-1].ms
    assert d.flush(end + 5).events == ()  # the reader may still be typing
    out = d.flush(end + 31)
    assert out.passthrough == "" and [type(e) for e in out.events] == [CardPresented]
    assert not d.holding


def test_reader_without_suffix_next_key_after_the_pause_is_kept() -> None:
    d = WedgeDecoder(NUMBERING, suffix="")
    typed, events = play(d, reader(SWIPE))
    out = d.feed("5", reader(SWIPE)[-1].ms + 500)  # the cashier types an amount later
    assert out.passthrough == "5" and [type(e) for e in out.events] == [CardPresented]


def test_reader_without_suffix_then_enter_much_later_is_the_cashiers() -> None:
    d = WedgeDecoder(NUMBERING, suffix="")
    reports = reader(SWIPE)
    play(d, reports)
    out = d.feed("\r", reports[-1].ms + 500)
    assert out.passthrough == "\r" and len(out.events) == 1
    assert d.feed("\r", reports[-1].ms + 900).passthrough == "\r"


def test_reader_without_suffix_but_half_a_track_is_typing() -> None:
    d = WedgeDecoder(NUMBERING, suffix="")
    typed, _ = play(d, reader(";8801"))
    assert d.flush(10_000).passthrough == ";8801"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"prefix": "%"}, "prefix"), ({"prefix": "\r"}, "prefix"), ({"max_gap_ms": 0}, "gap")],
)
def test_bad_configuration_is_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        WedgeDecoder(NUMBERING, **kwargs)  # type: ignore[arg-type]


hid_reports = st.lists(
    st.tuples(
        st.sampled_from(["mod", "down", "down", "down", "up"]),
        st.sampled_from(list("%;?^=B0123456789 /\r\n\t@") + [OURS]),
        st.floats(0, 60),
    ),
    max_size=80,
)


@settings(max_examples=300)
@given(hid_reports, st.sampled_from(["", "@"]), st.sampled_from(["\r", "\t", ""]))
def test_any_hid_stream_loses_no_typing(
    raw: list[tuple[str, str, float]], prefix: str, suffix: str
) -> None:
    d = WedgeDecoder(NUMBERING, prefix=prefix, suffix=suffix)
    now, reports = 0.0, []
    for what, char, gap in raw:
        now += gap
        reports.append(Hid(what, char, now))
    typed, events = play(d, reports)
    out = d.flush()
    typed, events = typed + out.passthrough, events + list(out.events)
    assert not d.holding
    if not events:
        # Keys are only swallowed into a swipe (or the LF after one): without one, everything
        # typed reaches the widget in order, modifiers and key-ups notwithstanding.
        assert typed == "".join(r.char for r in reports if r.what == "down")


def test_shop_configuration_builds_the_decoder() -> None:
    config = HardwareConfig(
        prefixes={"member": "9704"},
        card_number_length=12,
        wedge_max_gap_ms=50,
        wedge_prefix="@",
        wedge_suffix="\t",
    )
    d = config.wedge_decoder()
    assert (d.max_gap_ms, d.prefix, d.suffix) == (50, "@", "\t")
    number = config.numbering().make("member", 1).number
    typed, events = play(d, reader(f"@;{number}?\t", step=40))
    assert typed == "" and [e.card_number for e in events] == [number]  # type: ignore[union-attr]
