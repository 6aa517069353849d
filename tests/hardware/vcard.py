"""A virtual contactless card for vpcd, written for the tests.

It is the TCP client of the vpcd protocol: connecting is insertion, closing is removal; every
message is a 2-byte big-endian length and a payload; a 1-byte payload is a control code
(00 power off, 01 power on, 02 reset, 04 get ATR); anything longer is a command APDU answered
with data + SW1 SW2. Its behaviour (UID, applet, card number, error status words, dropping
off mid-APDU) is configurable so the tests can drive every path of the PC/SC backend.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from types import TracebackType

# A contactless storage card as PC/SC part 3 reports it; T=1 so case-4 APDUs pass unchanged.
DEFAULT_ATR = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")
LOYALTY_AID = bytes.fromhex("F04C4F59414C545901")
OK = b"\x90\x00"

CTRL_POWER_OFF, CTRL_POWER_ON, CTRL_RESET, CTRL_GET_ATR = 0, 1, 2, 4


# The network namespace the tests' pcscd (and so vpcd) runs in, set by tests.hardware.pcscd:
# vpcd's ports exist only there, on its loopback, so nobody on the network can present a card.
NETNS: str | None = None
_CLONE_NEWNET = 0x40000000


def connect(host: str, port: int) -> socket.socket:
    """A TCP connection made inside `NETNS` (when set): a helper thread joins the namespace
    (setns affects only the calling thread), connects, and hands the socket back; a socket keeps
    its namespace whichever thread then uses it."""
    if NETNS is None:
        return socket.create_connection((host, port), timeout=1.0)
    result: list[socket.socket | BaseException] = []

    def run() -> None:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            fd = os.open(str(NETNS), os.O_RDONLY)
            try:
                if libc.setns(fd, _CLONE_NEWNET) != 0:
                    raise OSError(ctypes.get_errno(), "setns into the test pcscd's namespace")
            finally:
                os.close(fd)
            result.append(socket.create_connection((host, port), timeout=1.0))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            result.append(exc)

    thread = threading.Thread(target=run, name="vcard-netns")
    thread.start()
    thread.join()
    got = result[0]
    if isinstance(got, BaseException):
        raise got
    return got


@dataclass
class VirtualCard:
    """Behaviour knobs.

    sw: status words to answer instead of the normal reply, keyed by "get_data", "select" or
    "read_binary". drop_on: the command on which the card vanishes without answering (the card
    pulled mid-APDU). file_data: raw bytes of the applet's card-number file when the test wants
    something other than ASCII digits. le_strict: answer READ BINARY with a wrong Le by 6Cxx
    (the exact length), as many real cards do.
    """

    uid: bytes = bytes.fromhex("04A1B2C3D4E580")
    applet: bool = True
    card_number: str | None = "8801000000000017"
    atr: bytes = DEFAULT_ATR
    sw: dict[str, bytes] = field(default_factory=dict)
    drop_on: str | None = None
    file_data: bytes | None = None
    le_strict: bool = False
    apdus: list[bytes] = field(default_factory=list)
    inserted_at_ns: int | None = None

    def __post_init__(self) -> None:
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._selected = False
        self._lock = threading.Lock()
        self.dropped = threading.Event()

    # -- insertion and removal --------------------------------------------------------------

    def insert(self, port: int, host: str = "127.0.0.1", timeout: float = 5.0) -> VirtualCard:
        """Connect to vpcd. vpcd accepts only while its reader is empty, so retry briefly."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = connect(host, port)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.inserted_at_ns = time.monotonic_ns()
        self._selected = False
        self.dropped.clear()
        with self._lock:
            self._sock = sock
        self._thread = threading.Thread(
            target=self._serve, args=(sock,), daemon=True, name=f"vcard:{port}"
        )
        self._thread.start()
        return self

    def remove(self) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None:
            self._thread.join(2.0)
            self._thread = None

    def __enter__(self) -> VirtualCard:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.remove()

    # -- protocol -------------------------------------------------------------------------

    @staticmethod
    def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
        buf = b""
        while len(buf) < n:
            # vpcd writes length and payload separately without TCP_NODELAY: without a quick
            # ACK every APDU waits for the peer's delayed-ACK timer (about 40 ms).
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            try:
                chunk = sock.recv(n - len(buf))
            except OSError:
                return None
            if not chunk:
                return None
            buf += chunk
        return buf

    def _send(self, sock: socket.socket, payload: bytes) -> None:
        sock.sendall(struct.pack(">H", len(payload)) + payload)

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                header = self._recv_exact(sock, 2)
                if header is None:
                    return
                (length,) = struct.unpack(">H", header)
                payload = self._recv_exact(sock, length)
                if payload is None:
                    return
                if length == 1:
                    code = payload[0]
                    if code == CTRL_GET_ATR:
                        self._send(sock, self.atr)
                    elif code in (CTRL_POWER_OFF, CTRL_RESET, CTRL_POWER_ON):
                        self._selected = False
                    continue
                self.apdus.append(payload)
                reply = self._answer(payload)
                if reply is None:  # the card leaves the field before answering
                    self.dropped.set()
                    self._close_from_thread(sock)
                    return
                self._send(sock, reply)
        except OSError:
            return

    def _close_from_thread(self, sock: socket.socket) -> None:
        with self._lock:
            if self._sock is sock:
                self._sock = None
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()

    def _answer(self, apdu: bytes) -> bytes | None:
        cla, ins, p1, p2 = apdu[0], apdu[1], apdu[2], apdu[3]
        if cla == 0xFF and ins == 0xCA:
            return self._reply("get_data", self.uid + OK)
        if ins == 0xA4 and p1 == 0x04:
            lc = apdu[4] if len(apdu) > 4 else 0
            aid = apdu[5 : 5 + lc]
            if self.applet and aid == LOYALTY_AID:
                reply = self._reply("select", OK)
                self._selected = reply == OK
                return reply
            self._selected = False
            return self._reply("select", b"\x6a\x82")
        if ins == 0xB0:
            if not self._selected:
                return self._reply("read_binary", b"\x69\x86")
            data = self.file_data
            if data is None:
                data = (self.card_number or "").encode("ascii")
            offset = (p1 << 8) | p2
            chunk = data[offset:]
            le = apdu[4] if len(apdu) == 5 else None
            if self.le_strict and le != len(chunk):
                return self._reply("read_binary", bytes([0x6C, len(chunk) & 0xFF]))
            return self._reply("read_binary", chunk + OK)
        return b"\x6d\x00"

    def _reply(self, command: str, normal: bytes) -> bytes | None:
        if self.drop_on == command:
            return None
        return self.sw.get(command, normal)
