"""A private pcscd with vpcd virtual readers, started and stopped by the tests and the bench.

The daemon's socket path is compiled in (/run/pcscd/pcscd.comm), so only one pcscd can run on a
machine: we refuse to start over a live daemon we did not start rather than break someone
else's, and we always stop ours (SIGTERM, then SIGKILL and stale-file cleanup) even on failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from tests.hardware import vcard

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
RUN_DIR = Path("/run/pcscd")
PID_FILE = RUN_DIR / "pcscd.pid"
READY_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 5.0


class PcscdUnavailable(RuntimeError):
    """pcscd or the vpcd driver is not installed, or the machine does not let us run it."""


@dataclass(frozen=True)
class VirtualReader:
    """One vpcd slot: the reader name pcscd lists and the TCP port a virtual card connects to."""

    name: str
    port: int


def missing_requirements() -> str | None:
    """Say what is missing for a real pcscd + vpcd run, or None when everything is there."""
    if shutil.which("pcscd") is None:
        return "pcscd is not installed (apt-get install pcscd)"
    if not VPCD_DRIVER.exists():
        return f"the vpcd driver {VPCD_DRIVER} is missing (apt-get install vsmartcard-vpcd)"
    return None


def _port_pair_free(port: int) -> bool:
    for p in (port, port + 1):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("0.0.0.0", p))
            except OSError:
                return False
    return True


def find_free_port_pairs(count: int) -> list[int]:
    """Ports P with P and P+1 both free: vpcd binds two readers per configuration entry."""
    found: list[int] = []
    candidate = 40000 + (os.getpid() * 7) % 20000
    while len(found) < count:
        if candidate > 64000:
            candidate = 40000
        if _port_pair_free(candidate) and all(abs(candidate - f) > 1 for f in found):
            found.append(candidate)
            candidate += 2
        else:
            candidate += 3
    return found


def _live_pid(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def _list_readers() -> list[str] | None:
    from smartcard.scard import (
        SCARD_S_SUCCESS,
        SCARD_SCOPE_USER,
        SCardEstablishContext,
        SCardListReaders,
        SCardReleaseContext,
    )

    hresult, ctx = SCardEstablishContext(SCARD_SCOPE_USER)
    if hresult != SCARD_S_SUCCESS:
        return None
    try:
        hresult, readers = SCardListReaders(ctx, [])
        return list(readers) if hresult == SCARD_S_SUCCESS else []
    finally:
        SCardReleaseContext(ctx)


class PcscdDaemon:
    """pcscd in the foreground with `entries` vpcd entries (two readers each) on free ports.

    Use as a context manager. `restart()` stops and starts the same daemon configuration, which
    is how the tests prove the reader backend survives pcscd going away.
    """

    def __init__(self, entries: int = 1) -> None:
        if entries < 1:
            raise ValueError("at least one vpcd entry is needed")
        self.entries = entries
        self._workdir: Path | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._ports: list[int] = []
        self.readers: list[VirtualReader] = []

    # -- life cycle -------------------------------------------------------------------------

    def __enter__(self) -> PcscdDaemon:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        missing = missing_requirements()
        if missing:
            raise PcscdUnavailable(missing)
        if self._workdir is None:
            self._prepare()
        assert self._workdir is not None
        self._clear_stale_files()
        # The log lives beside, never inside, the conf dir: pcscd parses every file there.
        with open(self._workdir / "pcscd.log", "ab") as log:
            # In a network namespace of its own (only a loopback there): vpcd binds 0.0.0.0,
            # and this way its reader ports exist on no network interface of the machine.
            # pcscd's unix socket stays reachable; virtual cards join the namespace to connect
            # (tests.hardware.vcard.connect). unshare execs sh, which execs pcscd: same pid.
            self._proc = subprocess.Popen(
                ["unshare", "--net", "sh", "-c",
                 f"ip link set lo up && exec pcscd --foreground -c '{self._workdir / 'conf'}'"],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        vcard.NETNS = f"/proc/{self._proc.pid}/ns/net"
        self._wait_ready()

    def stop(self) -> None:
        """SIGTERM and wait; SIGKILL (and clear the files it leaves) if it will not go."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(STOP_TIMEOUT_S)
        self._clear_stale_files(ours=True)

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        try:
            self.stop()
        finally:
            if self._workdir is not None:
                shutil.rmtree(self._workdir, ignore_errors=True)
                self._workdir = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def log_tail(self, lines: int = 30) -> str:
        if self._workdir is None:
            return ""
        try:
            text = (self._workdir / "pcscd.log").read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    # -- internals --------------------------------------------------------------------------

    def _prepare(self) -> None:
        self._workdir = Path(tempfile.mkdtemp(prefix="pcscd-test-"))
        conf = self._workdir / "conf"  # pcscd parses every file here: reader entries only
        drivers = self._workdir / "drivers"
        conf.mkdir()
        drivers.mkdir()
        self._ports = find_free_port_pairs(self.entries)
        self.readers = []
        for i, port in enumerate(self._ports):
            # Entries sharing one driver file interfere; a copy (not a symlink) each works.
            driver = drivers / f"libifdvpcd-{i}.so"
            shutil.copyfile(VPCD_DRIVER, driver)
            friendly = f"Virtual PCD {chr(ord('A') + i)}"
            (conf / f"vpcd-{i}").write_text(
                f'FRIENDLYNAME "{friendly}"\nDEVICENAME /dev/null:{port}\nLIBPATH {driver}\n'
            )
        self._expected_prefixes = [f"Virtual PCD {chr(ord('A') + i)}" for i in range(self.entries)]

    def _clear_stale_files(self, ours: bool = False) -> None:
        pid = _live_pid(PID_FILE)
        if pid is not None and not ours:
            raise PcscdUnavailable(
                f"another pcscd (pid {pid}) is running; stop it before running the hardware tests"
            )
        if RUN_DIR.is_dir():
            for stale in RUN_DIR.glob("pcscd.*"):
                with contextlib.suppress(OSError):
                    stale.unlink()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        want = 2 * self.entries
        while time.monotonic() < deadline:
            if self._proc is None or self._proc.poll() is not None:
                raise PcscdUnavailable(f"pcscd exited at start:\n{self.log_tail()}")
            readers = _list_readers()
            if readers is not None and len(readers) >= want:
                self._assign(readers)
                return
            time.sleep(0.02)
        self.stop()
        raise PcscdUnavailable(f"pcscd listed no vpcd readers in {READY_TIMEOUT_S}s")

    def _assign(self, names: list[str]) -> None:
        """Map pcscd's names to ports: slot 0 of an entry is PORT, slot 1 is PORT+1."""
        readers: list[VirtualReader] = []
        for prefix, port in zip(self._expected_prefixes, self._ports, strict=True):
            slots = sorted(n for n in names if n.startswith(prefix + " "))
            if len(slots) != 2:
                raise PcscdUnavailable(f"expected two readers named {prefix!r}, got {names}")
            readers.extend(VirtualReader(n, port + k) for k, n in enumerate(slots))
        self.readers = readers
