"""A small HTTP proxy on loopback that breaks chosen requests the ways networks do.

One request per connection (the proxy answers with `Connection: close`), which is all the sync
client needs. Faults: `refuse` (close at once, nothing forwarded), `error_before` (503 without
forwarding), `error_after` (forward, head office commits, the till gets a 502), `drop_after`
(forward, then hang up without a reply), `delay_after` (forward, reply only after the client's
timeout).
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from dataclasses import dataclass


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

    def _take_fault(self, request_line: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.path in request_line and fault.times > 0:
                    fault.times -= 1
                    return fault
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
        if fault is not None and fault.kind == "error_before":
            client.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                           b"Connection: close\r\n\r\n")
            return
        with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30) as up:
            up.sendall(request)
            response = _read_http(up)
        with self.lock:
            self.forwarded.append(line)
        if fault is None:
            client.sendall(_close_after(response))
        elif fault.kind == "error_after":
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n"
                           b"Connection: close\r\n\r\n")
        elif fault.kind == "drop_after":
            client.close()
        elif fault.kind == "delay_after":
            time.sleep(fault.delay)
            try:
                client.sendall(_close_after(response))
            except OSError:
                pass

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
