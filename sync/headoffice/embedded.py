"""A head office served by uvicorn on a thread of this process, on loopback.

For the demo's head office process (`sync.headoffice.demo`: a newcomer sees the till sync at
once, with nothing to set up) and for the benchmarks. A real head office runs
`loyalty-headoffice serve`.
"""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from sync.headoffice.api import create_asgi
from sync.headoffice.db import make_engine, migrate
from sync.headoffice.office import HeadOffice


class EmbeddedHeadOffice:
    def __init__(self, db_url: str, port: int = 0, master_key: bytes | None = None) -> None:
        self.engine = make_engine(db_url)
        migrate(self.engine)
        self.ho = HeadOffice(self.engine, master_key=master_key)
        if port == 0:
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = int(s.getsockname()[1])
        self.url = f"http://127.0.0.1:{port}"
        self._server = uvicorn.Server(
            uvicorn.Config(
                create_asgi(self.ho), host="127.0.0.1", port=port, log_level="warning",
                lifespan="off",
            )
        )
        self._thread = threading.Thread(target=self._server.run, name="head-office", daemon=True)

    def start(self, timeout: float = 15.0) -> EmbeddedHeadOffice:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        if not self._server.started:
            raise RuntimeError("head office did not start")
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(15)
        self.engine.dispose()
