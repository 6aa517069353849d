"""The demo's own head office: `loyalty-pos --demo` syncs with it at once, on loopback.

The head office runs as a child process (`python -m sync.headoffice.demo`), so the till's
process never imports head-office code. It keeps its database next to the demo till's
(`<till>-headoffice.sqlite3`), so the till and its head office agree across restarts; a till
whose head office database was removed registers again.

Two steps so the till's start-up does not wait: `launch_demo_head_office` only starts the child
(milliseconds); `DemoHeadOffice.connect` later waits for its URL and registers the till.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import sync

if TYPE_CHECKING:
    from loyalty_core.store import Store

CHILD_MODULE = "sync.headoffice.demo"


class DemoHeadOfficeError(RuntimeError):
    """The child process did not come up (exited, or printed nothing usable in time)."""


def head_office_path(till_db: str | Path) -> Path:
    path = Path(till_db)
    return path.with_name(f"{path.stem}-headoffice.sqlite3")


class DemoHeadOffice:
    """The running child process; `url` is known once `connect` (or `wait_ready`) returned."""

    def __init__(self, till_db: str | Path) -> None:
        self.db_path = head_office_path(till_db)
        self.existed = self.db_path.exists()  # before the child creates it
        self.url: str | None = None
        self.code: str | None = None
        env = dict(os.environ)
        # The child finds our packages where this process found them (an uninstalled checkout).
        root = str(Path(sync.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-m", CHILD_MODULE, "--db", str(self.db_path), "--port", "0"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
        )

    def wait_ready(self, timeout: float = 60.0) -> str:
        """The child's URL, once it serves; raises `DemoHeadOfficeError` if it does not."""
        if self.url is not None:
            return self.url
        assert self.process.stdout is not None
        lines: queue.Queue[bytes] = queue.Queue()
        stdout: IO[bytes] = self.process.stdout
        threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            self.stop()
            raise DemoHeadOfficeError(
                f"no answer from the demo head office in {timeout} s"
            ) from None
        try:
            ready: dict[str, Any] = json.loads(line)
            self.url, self.code = str(ready["url"]), str(ready["code"])
        except (ValueError, KeyError, TypeError) as exc:
            self.stop()
            raise DemoHeadOfficeError(
                f"the demo head office exited ({self.process.poll()}): {line[:200]!r}"
            ) from exc
        return self.url

    def connect(self, store: Store, timeout: float = 60.0) -> None:
        """Register the till once; afterwards the same till and secret, only the port is new."""
        from loyalty_core import syncstore
        from sync.till.registration import client_for, register_till

        url = self.wait_ready(timeout)
        if self.existed and client_for(store) is not None:
            with store.write() as s:
                syncstore.set_state(s, syncstore.HO_URL, url)
        else:
            assert self.code is not None
            register_till(store, url, self.code, "Quầy 1 (demo)").close()

    def stop(self, timeout: float = 10.0) -> None:
        """Closing its stdin asks the child to stop; it is killed if it does not in time."""
        if self.process.poll() is None:
            try:
                assert self.process.stdin is not None
                self.process.stdin.close()
            except OSError:
                pass
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        if self.process.stdout is not None:
            self.process.stdout.close()


def launch_demo_head_office(till_db: str | Path) -> DemoHeadOffice:
    """Start the child now; `connect` it to the till's store when that is open."""
    return DemoHeadOffice(till_db)


def start_demo_head_office(store: Store, timeout: float = 60.0) -> DemoHeadOffice:
    """Start the child and register the till with it (launch and connect in one)."""
    served = launch_demo_head_office(store.path)
    try:
        served.connect(store, timeout)
    except BaseException:
        served.stop()
        raise
    return served
