"""PC/SC readers (contact and contactless) through pyscard's low-level scard API.

Why the low-level API: one thread blocks in SCardGetStatusChange over every reader plus the
PnP pseudo-reader, so insertions, removals and reader hot-plug arrive without polling, and
SCardCancel wakes it at once on stop(). pcscd going away (stop, crash, upgrade) shows up as a
failed call; we report the readers lost, release the context and re-establish it with
back-off, so the till recovers when pcscd returns without a restart.

Connections use SCARD_LEAVE_CARD and are dropped when the card is removed: a stale handle
left to the default disposition would reset the next card put on that reader.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass

from smartcard import scard

from hardware.apdu import (
    GET_UID,
    LOYALTY_AID,
    applet_selected,
    get_response,
    parse_card_number_response,
    parse_uid_response,
    read_binary,
    select_aid,
    split_sw,
)
from hardware.backend import EventSink, ThreadBackend
from hardware.cardnumbers import CardNumbering
from hardware.errors import ApduError, CardNumberError
from hardware.events import (
    CardPresented,
    CardRemoved,
    HardwareEvent,
    ReaderAttached,
    ReaderError,
    ReaderLost,
)

log = logging.getLogger(__name__)

PNP_READER = "\\\\?PnP?\\Notification"

# Results meaning the daemon (or our context with it) is gone: start over with a new context.
_SERVICE_GONE = frozenset(
    {
        scard.SCARD_E_NO_SERVICE,
        scard.SCARD_E_SERVICE_STOPPED,
        scard.SCARD_E_INVALID_HANDLE,
        scard.SCARD_E_SYSTEM_CANCELLED,
    }
)
_NO_READERS = scard.SCARD_E_NO_READERS_AVAILABLE


def _u32(hresult: int) -> int:
    return hresult & 0xFFFFFFFF


def hresult_text(hresult: int) -> str:
    """A PC/SC result as pyscard's message plus the hex code, for logs."""
    try:
        text = scard.SCardGetErrorMessage(hresult)
    except Exception:  # noqa: BLE001 - an unknown code must not break error reporting
        text = "unknown error"
    return f"{text.strip()} (0x{_u32(hresult):08X})"


class _ServiceLost(Exception):
    """pcscd stopped answering on this context."""


class _CardGone(Exception):
    """The card (or its reader) went away during a command."""


@dataclass
class _Slot:
    name: str
    state: int = scard.SCARD_STATE_UNAWARE
    present: bool = False
    counter: int = -1
    hcard: int | None = None
    reported: bool = False


# vsmartcard's vpcd ("Virtual PCD 00 00") and similar software readers.
VIRTUAL_READER = re.compile(r"\bvirtual\b|\bvpcd\b|\bvicc\b", re.IGNORECASE)


def is_virtual_reader(name: str) -> bool:
    return VIRTUAL_READER.search(name) is not None


class PcscBackend(ThreadBackend):
    """Every PC/SC reader whose name matches `reader_filter` (a case-insensitive regex).

    Virtual readers (vpcd, "Virtual PCD ...": anyone who reaches their TCP port can present any
    card, a staff card included) are ignored unless `allow_virtual` is set (tests, the demo).

    Events carry the reader name as source. Events whose source is this backend's own name
    ("PC/SC" by default) are about the service as a whole: ReaderLost when pcscd is down,
    ReaderAttached when it is (back) up.
    """

    def __init__(
        self,
        numbering: CardNumbering | None = None,
        *,
        reader_filter: str | None = None,
        aid: bytes = LOYALTY_AID,
        read_card_number: bool = True,
        wait_timeout_ms: int = 1000,
        max_backoff_s: float = 1.0,
        name: str = "PC/SC",
        allow_virtual: bool = False,
    ) -> None:
        super().__init__(name)
        self.allow_virtual = allow_virtual
        self.numbering = numbering or CardNumbering()
        self.reader_filter = re.compile(reader_filter, re.IGNORECASE) if reader_filter else None
        self.aid = aid
        self.read_card_number = read_card_number
        self.wait_timeout_ms = wait_timeout_ms
        self.max_backoff_s = max_backoff_s
        self._ctx: int | None = None
        self._ctx_lock = threading.Lock()
        self._slots: dict[str, _Slot] = {}
        self._pnp_state = scard.SCARD_STATE_UNAWARE

    # -- thread entry -----------------------------------------------------------------------

    def _wake(self) -> None:
        with self._ctx_lock:
            if self._ctx is not None:
                scard.SCardCancel(self._ctx)

    def run(self, sink: EventSink) -> None:
        backoff = 0.1
        service_up: bool | None = None
        while not self.stopping:
            hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult != scard.SCARD_S_SUCCESS:
                if service_up is not False:
                    log.warning("PC/SC service unavailable: %s", hresult_text(hresult))
                    sink(ReaderLost(self.name, "the PC/SC service (pcscd) is not running"))
                    service_up = False
                self.wait(backoff)
                backoff = min(backoff * 2, self.max_backoff_s)
                continue
            with self._ctx_lock:
                self._ctx = ctx
            backoff = 0.1
            if service_up is not True:
                log.info("PC/SC service available")
                sink(ReaderAttached(self.name))
                service_up = True
            reason = "stopped"
            try:
                self._session(ctx, sink)
            except _ServiceLost as exc:
                reason = f"the PC/SC service went away: {exc}"
                log.warning("%s", reason)
            finally:
                with self._ctx_lock:
                    self._ctx = None
                self._drop_all(sink, reason, report=not self.stopping)
                scard.SCardReleaseContext(ctx)
            if not self.stopping:
                sink(ReaderLost(self.name, reason))
                service_up = False
                self.wait(backoff)

    # -- one context's life ---------------------------------------------------------------------

    def _session(self, ctx: int, sink: EventSink) -> None:
        self._pnp_state = scard.SCARD_STATE_UNAWARE
        self._refresh(ctx, sink)
        while not self.stopping:
            states = [(s.name, s.state) for s in self._slots.values()]
            states.append((PNP_READER, self._pnp_state))
            hresult, new_states = scard.SCardGetStatusChange(ctx, self.wait_timeout_ms, states)
            observed = time.monotonic_ns()
            if self.stopping:
                return
            if hresult in (scard.SCARD_E_TIMEOUT, scard.SCARD_E_CANCELLED):
                # Also list readers on timeouts: hot-plug still works where PnP is missing.
                self._refresh(ctx, sink)
                continue
            if hresult == scard.SCARD_E_UNKNOWN_READER:
                self._refresh(ctx, sink)
                continue
            if hresult != scard.SCARD_S_SUCCESS:
                raise _ServiceLost(hresult_text(hresult))
            if self._apply(ctx, sink, new_states, observed):
                self._refresh(ctx, sink)

    def _apply(
        self,
        ctx: int,
        sink: EventSink,
        new_states: list[tuple[str, int, list[int]]],
        observed: int,
    ) -> bool:
        """Act on changed readers; True when the reader list must be read again."""
        need_refresh = False
        for name, event_state, _atr in new_states:
            if name == PNP_READER:
                if event_state & scard.SCARD_STATE_CHANGED:
                    self._pnp_state = event_state & ~scard.SCARD_STATE_CHANGED
                    need_refresh = True
                continue
            slot = self._slots.get(name)
            if slot is None:
                continue
            if event_state & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_IGNORE):
                need_refresh = True
                continue
            if not event_state & scard.SCARD_STATE_CHANGED:
                continue
            slot.state = event_state & ~scard.SCARD_STATE_CHANGED
            present = bool(event_state & scard.SCARD_STATE_PRESENT)
            # pcsc-lite counts card events in the high word: a quick remove + insert between
            # two waits still shows as a new card.
            counter = (event_state >> 16) & 0xFFFF
            swapped = slot.present and present and counter != slot.counter
            if slot.present and (not present or swapped):
                self._removed(slot, sink, observed)
            if present and (not slot.present or swapped):
                slot.present, slot.counter = True, counter
                slot.reported = True
                sink(self._read_card(ctx, slot, observed))
            slot.present, slot.counter = present, counter
        return need_refresh

    def _refresh(self, ctx: int, sink: EventSink) -> None:
        hresult, names = scard.SCardListReaders(ctx, [])
        if hresult == _NO_READERS:
            names = []
        elif hresult != scard.SCARD_S_SUCCESS:
            raise _ServiceLost(hresult_text(hresult))
        wanted = [n for n in names if self._wanted(n)]
        for name in list(self._slots):
            if name not in wanted:
                slot = self._slots.pop(name)
                self._removed(slot, sink, time.monotonic_ns())
                log.info("reader lost: %s", name)
                sink(ReaderLost(name, "the reader was disconnected"))
        for name in wanted:
            if name not in self._slots:
                self._slots[name] = _Slot(name)
                log.info("reader attached: %s", name)
                sink(ReaderAttached(name))

    def _wanted(self, name: str) -> bool:
        if not self.allow_virtual and is_virtual_reader(name):
            return False
        return self.reader_filter is None or self.reader_filter.search(name) is not None

    def _drop_all(self, sink: EventSink, reason: str, report: bool) -> None:
        for slot in self._slots.values():
            self._disconnect(slot)
            if report:
                if slot.reported:
                    sink(CardRemoved(slot.name))
                sink(ReaderLost(slot.name, reason))
        self._slots.clear()

    def _removed(self, slot: _Slot, sink: EventSink, observed: int) -> None:
        self._disconnect(slot)
        slot.present = False
        if slot.reported:
            slot.reported = False
            sink(CardRemoved(slot.name, observed_ns=observed))

    @staticmethod
    def _disconnect(slot: _Slot) -> None:
        if slot.hcard is not None:
            scard.SCardDisconnect(slot.hcard, scard.SCARD_LEAVE_CARD)
            slot.hcard = None

    # -- reading a card -------------------------------------------------------------------------

    def _read_card(self, ctx: int, slot: _Slot, observed: int) -> HardwareEvent:
        """UID by GET DATA, then our applet's card number if the card carries one."""
        name = slot.name
        self._disconnect(slot)
        hresult, hcard, protocol = scard.SCardConnect(
            ctx, name, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
        )
        if hresult != scard.SCARD_S_SUCCESS:
            if hresult in _SERVICE_GONE:
                raise _ServiceLost(hresult_text(hresult))
            log.info("%s: cannot connect to the card: %s", name, hresult_text(hresult))
            return ReaderError(
                name,
                "the card did not respond; present it again",
                "card_unresponsive",
                observed_ns=observed,
            )
        slot.hcard = hcard
        try:
            return self._read_connected(slot, hcard, protocol, observed)
        except _CardGone as exc:
            log.info("%s: card left during a command: %s", name, exc)
            self._disconnect(slot)
            return ReaderError(
                name,
                "the card was removed too soon; present it again",
                "card_read_interrupted",
                observed_ns=observed,
            )

    def _read_connected(
        self, slot: _Slot, hcard: int, protocol: int, observed: int
    ) -> HardwareEvent:
        name = slot.name
        uid: str | None = None
        try:
            uid = parse_uid_response(self._transmit(hcard, protocol, GET_UID))
        except ApduError as exc:
            log.info("%s: no UID (%s, SW %s)", name, exc.code, _sw_text(exc.sw))
        number: str | None = None
        kind: str | None = None
        if self.read_card_number:
            try:
                if applet_selected(self._transmit(hcard, protocol, select_aid(self.aid))):
                    response = self._transmit(hcard, protocol, read_binary())
                    card = parse_card_number_response(response, self.numbering)
                    number, kind = card.number, card.kind
            except ApduError as exc:
                # The UID still identifies the card; the app maps it through the card table.
                log.warning(
                    "%s: loyalty applet unreadable (%s, SW %s)", name, exc.code, _sw_text(exc.sw)
                )
            except CardNumberError as exc:
                log.warning("%s: card number refused (%s, %s)", name, exc.code, exc.masked)
                return ReaderError(name, exc.message, exc.code, observed_ns=observed)
        if uid is None and number is None:
            return ReaderError(
                name, "this card cannot be read here", "card_unrecognised", observed_ns=observed
            )
        return CardPresented(name, card_number=number, uid=uid, kind=kind, observed_ns=observed)

    def _transmit(self, hcard: int, protocol: int, apdu: bytes) -> bytes:
        """Send one APDU, following 61xx (GET RESPONSE) and 6Cxx (wrong Le) like a T=0 stack."""
        response = self._raw_transmit(hcard, protocol, apdu)
        data, sw = split_sw(response)
        if sw >> 8 == 0x6C and len(apdu) >= 5:
            response = self._raw_transmit(hcard, protocol, apdu[:-1] + bytes([sw & 0xFF]))
            data, sw = split_sw(response)
        collected = data
        for _ in range(16):  # bounded: a card answering 61xx forever is broken, not endless
            if sw >> 8 != 0x61:
                break
            data, sw = split_sw(self._raw_transmit(hcard, protocol, get_response(sw & 0xFF)))
            collected += data
        return collected + bytes([sw >> 8, sw & 0xFF])

    @staticmethod
    def _raw_transmit(hcard: int, protocol: int, apdu: bytes) -> bytes:
        hresult, response = scard.SCardTransmit(hcard, protocol, list(apdu))
        if hresult != scard.SCARD_S_SUCCESS:
            if hresult in _SERVICE_GONE:
                raise _ServiceLost(hresult_text(hresult))
            raise _CardGone(hresult_text(hresult))
        if not response:
            # Success with no status word: the reader lost the card mid-command (vpcd and
            # some contactless readers report a vanished card this way rather than by error).
            raise _CardGone("empty response")
        return bytes(response)


def _sw_text(sw: int | None) -> str:
    return "-" if sw is None else f"{sw:04X}"
