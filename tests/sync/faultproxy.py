"""A small HTTP proxy on loopback that breaks chosen requests the ways networks do.

One request per connection (the proxy answers with `Connection: close`), which is all the sync
client needs. Faults: `refuse` (close at once, nothing forwarded), `reset_before` (TCP reset,
nothing forwarded), `error_before` (503 without forwarding), `error_after` (forward, head office
commits, the till gets a 502), `drop_after` (forward, then hang up without a reply),
`reset_after` (forward, then a TCP reset), `truncate_after` (forward, send part of the reply and
hang up), `garble_after` (forward, send a cut body under a matching Content-Length: a complete
HTTP reply that is not the JSON promised), `slow_after` (forward, reply late but within
the client's timeout), `delay_after` (forward, reply only after the client's timeout).

Faults are injected one by one (`inject`) or at random (`chaos`): a seeded `random.Random`
decides per request, in the order requests reach this proxy, so one till behind its own proxy
meets the same sequence of faults for the same seed.
"""

from __future__ import annotations

import random
import socket
import socketserver
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass

BEFORE = ("refuse", "reset_before", "error_before")
AFTER = ("error_after", "drop_after", "reset_after", "truncate_after", "garble_after",
         "slow_after", "delay_after")
ALL_FAULTS = BEFORE + AFTER


@dataclass
class Fault:
    kind: str
    path: str = ""
    times: int = 1
    delay: float = 0.0


def _read_http(sock: socket.socket) -> bytes:
    """One HTTP message (headers + Content-Length body); b"" if the peer closed first."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return b""
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def _reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN (SO_LINGER 0): the peer sees 'connection reset'."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


def _garbled(message: bytes) -> bytes:
    """Half the body under a Content-Length that matches it: well-formed HTTP, broken JSON."""
    head, _, body = message.partition(b"\r\n\r\n")
    cut = body[: len(body) // 2]
    lines = [ln for ln in head.split(b"\r\n")
             if not ln.lower().startswith((b"content-length:", b"connection:"))]
    lines += [b"Content-Length: " + str(len(cut)).encode(), b"Connection: close"]
    return b"\r\n".join(lines) + b"\r\n\r\n" + cut


@dataclass
class Chaos:
    """Random faults: each request meets one with probability `rate`, kind chosen uniformly."""

    rng: random.Random
    rate: float
    kinds: tuple[str, ...]
    path: str = ""
    slow: float = 0.2
    delay: float = 1.5


def _close_after(message: bytes) -> bytes:
    head, _, body = message.partition(b"\r\n\r\n")
    lines = [ln for ln in head.split(b"\r\n") if not ln.lower().startswith(b"connection:")]
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


class FaultProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.faults: list[Fault] = []
        self.lock = threading.Lock()
        self.forwarded: list[str] = []
        self.chaos_: Chaos | None = None
        self.applied: Counter[str] = Counter()  # faults actually met, by kind
        self.requests = 0
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._handle(self.request)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def inject(self, kind: str, path: str = "", times: int = 1, delay: float = 0.0) -> None:
        with self.lock:
            self.faults.append(Fault(kind, path, times, delay))

    def chaos(self, seed: int | None, rate: float = 0.3, kinds: tuple[str, ...] = ALL_FAULTS,
              path: str = "", slow: float = 0.2, delay: float = 1.5) -> None:
        """Break a random `rate` of requests (whose line contains `path`); `None` stops it."""
        with self.lock:
            self.chaos_ = (None if seed is None else
                           Chaos(random.Random(seed), rate, kinds, path, slow, delay))

    def _take_fault(self, request_line: str) -> Fault | None:
        with self.lock:
            self.requests += 1
            for fault in self.faults:
                if fault.path in request_line and fault.times > 0:
                    fault.times -= 1
                    self.applied[fault.kind] += 1
                    return fault
            c = self.chaos_
            if c is not None and c.path in request_line and c.rng.random() < c.rate:
                kind = c.rng.choice(c.kinds)
                self.applied[kind] += 1
                return Fault(kind, delay=c.delay if kind == "delay_after" else c.slow)
        return None

    def _handle(self, client: socket.socket) -> None:
        request = _read_http(client)
        if not request:
            return
        line = request.split(b"\r\n", 1)[0].decode("latin-1")
        fault = self._take_fault(line)
        if fault is not None and fault.kind == "refuse":
            client.close()
            return
        if fault is not None and fault.kind == "reset_before":
            _reset(client)
            return
        if fault is not None and fault.kind == "error_before":
            client.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                           b"Connection: close\r\n\r\n")
            return
        with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30) as up:
            up.sendall(request)
            response = _read_http(up)
        with self.lock:
            self.forwarded.append(line)
        try:
            self._reply(client, fault, response)
        except OSError:
            pass  # the client gave up (its timeout) before the reply: that is the fault

    @staticmethod
    def _reply(client: socket.socket, fault: Fault | None, response: bytes) -> None:
        if fault is None:
            client.sendall(_close_after(response))
        elif fault.kind == "error_after":
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n"
                           b"Connection: close\r\n\r\n")
        elif fault.kind == "drop_after":
            client.close()
        elif fault.kind == "reset_after":
            _reset(client)
        elif fault.kind == "truncate_after":
            whole = _close_after(response)
            client.sendall(whole[: max(1, len(whole) * 2 // 3)])
            client.close()
        elif fault.kind == "garble_after":
            client.sendall(_garbled(response))
        elif fault.kind in ("delay_after", "slow_after"):
            time.sleep(fault.delay)
            client.sendall(_close_after(response))
        else:
            raise ValueError(f"unknown fault {fault.kind}")

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
