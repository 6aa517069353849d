"""The PC/SC backend against a real pcscd, the vpcd driver and our virtual card."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest

from hardware.apdu import GET_UID, LOYALTY_AID, select_aid
from hardware.cardnumbers import CardNumbering
from hardware.events import CardPresented, CardRemoved, ReaderAttached, ReaderError, ReaderLost
from hardware.manager import ReaderManager
from hardware.pcsc import PcscBackend, is_virtual_reader
from tests.hardware.conftest import EventLog
from tests.hardware.pcscd import PcscdDaemon
from tests.hardware.vcard import VirtualCard

pytestmark = pytest.mark.pcsc

NUMBERING = CardNumbering()
MEMBER = NUMBERING.make("member", 1234).number
GIFT = NUMBERING.make("gift", 42).number
UID = bytes.fromhex("04A1B2C3D4E580")


def presented(source: str):  # type: ignore[no-untyped-def]
    return lambda e: isinstance(e, CardPresented) and e.source == source


def removed(source: str):  # type: ignore[no-untyped-def]
    return lambda e: isinstance(e, CardRemoved) and e.source == source


def error(source: str):  # type: ignore[no-untyped-def]
    return lambda e: isinstance(e, ReaderError) and e.source == source


@pytest.fixture
def manager(pcscd: PcscdDaemon, event_log: EventLog) -> Iterator[ReaderManager]:
    mgr = ReaderManager([PcscBackend(NUMBERING, allow_virtual=True)], callback=event_log)
    mgr.start()
    for reader in pcscd.readers:
        event_log.wait_for(lambda e, n=reader.name: isinstance(e, ReaderAttached) and e.source == n)
    try:
        yield mgr
    finally:
        assert mgr.stop(timeout=3.0), "manager did not stop in time"


def insert(cards: list[VirtualCard], port: int, **kwargs: object) -> VirtualCard:
    card = VirtualCard(**kwargs)  # type: ignore[arg-type]
    cards.append(card)
    return card.insert(port)


def test_applet_card_gives_number_uid_and_kind_then_removal(
    pcscd: PcscdDaemon, manager: ReaderManager, event_log: EventLog, cards: list[VirtualCard]
) -> None:
    reader = pcscd.readers[0]
    card = insert(cards, reader.port, card_number=MEMBER, uid=UID)
    event = event_log.wait_for(presented(reader.name))
    assert isinstance(event, CardPresented)
    assert (event.card_number, event.uid, event.kind) == (MEMBER, UID.hex().upper(), "member")
    assert card.apdus[0] == GET_UID
    assert card.apdus[1] == select_aid(LOYALTY_AID)
    assert card.apdus[2][:2] == b"\x00\xb0"
    card.remove()
    event_log.wait_for(removed(reader.name))


def test_card_without_applet_gives_uid_only(
    pcscd: PcscdDaemon, manager: ReaderManager, event_log: EventLog, cards: list[VirtualCard]
) -> None:
    reader = pcscd.readers[1]
    insert(cards, reader.port, applet=False, uid=bytes.fromhex("DEADBEEF"))
    event = event_log.wait_for(presented(reader.name))
    assert isinstance(event, CardPresented)
    assert (event.card_number, event.uid, event.kind) == (None, "DEADBEEF", None)


@pytest.mark.parametrize(
    ("sw", "expect_number", "expect_uid"),
    [
        ({"select": b"\x6f\x00"}, False, True),  # applet broken: UID still identifies it
        ({"read_binary": b"\x69\x82"}, False, True),  # file protected
        ({"get_data": b"\x6a\x81"}, True, False),  # contact card: no UID, number from applet
    ],
    ids=["select-6F00", "read-6982", "getdata-6A81"],
)
def test_error_status_words_fall_back_without_crashing(
    pcscd: PcscdDaemon,
    manager: ReaderManager,
    event_log: EventLog,
    cards: list[VirtualCard],
    sw: dict[str, bytes],
    expect_number: bool,
    expect_uid: bool,
) -> None:
    reader = pcscd.readers[0]
    insert(cards, reader.port, card_number=GIFT, sw=sw)
    event = event_log.wait_for(presented(reader.name))
    assert isinstance(event, CardPresented)
    assert (event.card_number == GIFT) is expect_number
    assert (event.uid is not None) is expect_uid


def test_unreadable_card_is_a_reader_error(
    pcscd: PcscdDaemon, manager: ReaderManager, event_log: EventLog, cards: list[VirtualCard]
) -> None:
    reader = pcscd.readers[0]
    insert(cards, reader.port, applet=False, sw={"get_data": b"\x6a\x81"})
    event = event_log.wait_for(error(reader.name))
    assert isinstance(event, ReaderError) and event.code == "card_unrecognised"


def test_garbage_in_card_number_file_is_uid_only(
    pcscd: PcscdDaemon, manager: ReaderManager, event_log: EventLog, cards: list[VirtualCard]
) -> None:
    reader = pcscd.readers[0]
    insert(cards, reader.port, file_data=b"\x00\x01ABC\xff")
    event = event_log.wait_for(presented(reader.name))
    assert isinstance(event, CardPresented)
    assert event.card_number is None and event.uid is not None


def test_wrong_le_is_retried_with_the_length_the_card_asks_for(
    pcscd: PcscdDaemon, manager: ReaderManager, event_log: EventLog, cards: list[VirtualCard]
) -> None:
    reader = pcscd.readers[0]
    card = insert(cards, reader.port, card_number=MEMBER, le_strict=True)
    event = event_log.wait_for(presented(reader.name))
    assert isinstance(event, CardPresented) and event.card_number == MEMBER
    assert card.apdus[-1] == bytes.fromhex("00B0000010")


def test_card_pulled_mid_apdu_then_next_card_reads(
    pcscd: PcscdDaemon, manager: ReaderManager, event_log: EventLog, cards: list[VirtualCard]
) -> None:
    reader = pcscd.readers[0]
    card = insert(cards, reader.port, drop_on="read_binary")
    event = event_log.wait_for(error(reader.name))
    assert isinstance(event, ReaderError) and event.code == "card_read_interrupted"
    assert card.dropped.is_set()
    event_log.wait_for(removed(reader.name))
    # The dropped connection must not reset the next card (SCARD_W_RESET_CARD).
    mark = event_log.mark()
    insert(cards, reader.port, card_number=GIFT)
    event = event_log.wait_for(presented(reader.name), after=mark)
    assert isinstance(event, CardPresented) and event.card_number == GIFT


def test_two_readers_at_once(
    pcscd: PcscdDaemon, manager: ReaderManager, event_log: EventLog, cards: list[VirtualCard]
) -> None:
    first, second = pcscd.readers[0], pcscd.readers[3]  # different vpcd entries
    a = insert(cards, first.port, card_number=MEMBER, uid=bytes.fromhex("01020304"))
    b = insert(cards, second.port, card_number=GIFT, uid=bytes.fromhex("0A0B0C0D"))
    ea = event_log.wait_for(presented(first.name))
    eb = event_log.wait_for(presented(second.name))
    assert isinstance(ea, CardPresented) and isinstance(eb, CardPresented)
    assert (ea.card_number, ea.uid) == (MEMBER, "01020304")
    assert (eb.card_number, eb.uid) == (GIFT, "0A0B0C0D")
    b.remove()
    event_log.wait_for(removed(second.name))
    assert not any(isinstance(e, CardRemoved) and e.source == first.name for e in event_log.events)
    a.remove()
    event_log.wait_for(removed(first.name))


def test_card_already_on_the_reader_at_start_is_reported(
    pcscd: PcscdDaemon, event_log: EventLog, cards: list[VirtualCard]
) -> None:
    reader = pcscd.readers[2]
    insert(cards, reader.port, card_number=MEMBER)
    _wait_present(reader.name)
    with ReaderManager([PcscBackend(NUMBERING, allow_virtual=True)], callback=event_log):
        event = event_log.wait_for(presented(reader.name))
        assert isinstance(event, CardPresented) and event.card_number == MEMBER


def test_virtual_readers_are_ignored_unless_allowed(
    pcscd: PcscdDaemon, event_log: EventLog, cards: list[VirtualCard]
) -> None:
    """A vpcd reader lets anyone on its port present any card: a till's default ignores it."""
    reader = pcscd.readers[0]
    with ReaderManager([PcscBackend(NUMBERING)], callback=event_log):
        insert(cards, reader.port, card_number=MEMBER)
        _wait_present(reader.name)
        time.sleep(0.6)  # more than pcscd's 400 ms presence poll
    assert not any(e.source == reader.name for e in event_log.events)
    assert is_virtual_reader(reader.name) and not is_virtual_reader("ACS ACR122U PICC 00 00")


def test_reader_filter_ignores_other_readers(
    pcscd: PcscdDaemon, event_log: EventLog, cards: list[VirtualCard]
) -> None:
    wanted = [r for r in pcscd.readers if " B " in r.name]
    other = [r for r in pcscd.readers if " B " not in r.name]
    with ReaderManager([PcscBackend(NUMBERING, reader_filter=r"pcd b\b", allow_virtual=True)], callback=event_log):
        for reader in wanted:
            event_log.wait_for(
                lambda e, n=reader.name: isinstance(e, ReaderAttached) and e.source == n
            )
        insert(cards, other[0].port, card_number=MEMBER)
        insert(cards, wanted[0].port, card_number=GIFT)
        event = event_log.wait_for(presented(wanted[0].name))
        assert isinstance(event, CardPresented) and event.card_number == GIFT
        _wait_present(other[0].name)
        time.sleep(0.2)
    assert not any(e.source == other[0].name for e in event_log.events)


def test_payment_number_in_applet_is_refused(
    pcscd: PcscdDaemon,
    manager: ReaderManager,
    event_log: EventLog,
    cards: list[VirtualCard],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    pan = "4000056655665556"
    reader = pcscd.readers[0]
    insert(cards, reader.port, card_number=pan)
    event = event_log.wait_for(error(reader.name))
    assert isinstance(event, ReaderError) and event.code == "payment_card_refused"
    for text in (caplog.text, repr(event_log.events)):
        assert pan not in text and pan[6:12] not in text


def test_stop_interrupts_a_long_wait_promptly(pcscd: PcscdDaemon, event_log: EventLog) -> None:
    mgr = ReaderManager([PcscBackend(NUMBERING, wait_timeout_ms=30_000, allow_virtual=True)], callback=event_log)
    mgr.start()
    event_log.wait_for(lambda e: isinstance(e, ReaderAttached) and e.source != "PC/SC")
    time.sleep(0.2)  # now blocked in SCardGetStatusChange
    started = time.monotonic()
    assert mgr.stop(timeout=3.0)
    assert time.monotonic() - started < 1.0


def test_pcscd_restart_is_survived(
    pcscd: PcscdDaemon, manager: ReaderManager, event_log: EventLog, cards: list[VirtualCard]
) -> None:
    reader = pcscd.readers[0]
    card = insert(cards, reader.port, card_number=MEMBER)
    event_log.wait_for(presented(reader.name))
    mark = event_log.mark()
    card.remove()
    pcscd.stop()
    event_log.wait_for(lambda e: isinstance(e, ReaderLost) and e.source == reader.name, after=mark)
    event_log.wait_for(lambda e: isinstance(e, ReaderLost) and e.source == "PC/SC", after=mark)
    time.sleep(0.5)  # a few failed reconnects while it is down
    mark = event_log.mark()
    pcscd.start()
    for r in pcscd.readers:
        event_log.wait_for(
            lambda e, n=r.name: isinstance(e, ReaderAttached) and e.source == n, after=mark
        )
    insert(cards, reader.port, card_number=GIFT)
    event = event_log.wait_for(presented(reader.name), after=mark)
    assert isinstance(event, CardPresented) and event.card_number == GIFT


def test_pcscd_down_at_start_then_up(
    pcscd: PcscdDaemon, event_log: EventLog, cards: list[VirtualCard]
) -> None:
    pcscd.stop()
    with ReaderManager([PcscBackend(NUMBERING, allow_virtual=True)], callback=event_log):
        event_log.wait_for(lambda e: isinstance(e, ReaderLost) and e.source == "PC/SC")
        pcscd.start()
        reader = pcscd.readers[1]
        event_log.wait_for(lambda e: isinstance(e, ReaderAttached) and e.source == reader.name)
        insert(cards, reader.port, card_number=MEMBER)
        event = event_log.wait_for(presented(reader.name))
        assert isinstance(event, CardPresented) and event.card_number == MEMBER


def _wait_present(name: str, timeout: float = 5.0) -> None:
    from smartcard import scard

    _, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    try:
        state = scard.SCARD_STATE_UNAWARE
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            hresult, states = scard.SCardGetStatusChange(ctx, 500, [(name, state)])
            if hresult == scard.SCARD_S_SUCCESS:
                state = states[0][1] & ~scard.SCARD_STATE_CHANGED
                if state & scard.SCARD_STATE_PRESENT:
                    return
        raise AssertionError(f"{name} never showed the card")
    finally:
        scard.SCardReleaseContext(ctx)


def test_the_test_vpcd_listens_on_no_network_address(
    pcscd: PcscdDaemon, event_log: EventLog, cards: list[VirtualCard]
) -> None:
    """Issue 13: while the tests' pcscd+vpcd run, `ss -ltn` on this machine shows no reader
    port at all (vpcd lives in its own network namespace), yet a virtual card still works."""
    import subprocess

    listening = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True, check=True,
                               timeout=10).stdout
    ports = {line.split()[3].rsplit(":", 1)[1] for line in listening.splitlines() if line.strip()}
    assert not {str(r.port) for r in pcscd.readers} & ports, listening
    reader = pcscd.readers[0]
    with ReaderManager([PcscBackend(NUMBERING, allow_virtual=True)], callback=event_log):
        insert(cards, reader.port, card_number=MEMBER)
        event = event_log.wait_for(presented(reader.name))
        assert isinstance(event, CardPresented) and event.card_number == MEMBER
