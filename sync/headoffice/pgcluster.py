"""A throw-away PostgreSQL cluster on loopback, for tests and `sync.headoffice.bench`.

initdb in a temp dir, started on a free 127.0.0.1 port, stopped and deleted at
the end even on failure. As root the server runs as the `postgres` user (runuser).
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

PG_BIN_CANDIDATES = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin",
                     "/usr/lib/postgresql/17/bin")


class PgUnavailable(RuntimeError):
    """The PostgreSQL server binaries are not installed."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pg_bin() -> Path | None:
    for candidate in PG_BIN_CANDIDATES:
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@dataclass
class PgCluster:
    host: str
    port: int
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def admin_dsn(self) -> str:
        return f"host={self.host} port={self.port} user=postgres dbname=postgres"

    def new_database(self) -> str:
        """A fresh empty database; its SQLAlchemy URL (psycopg 3)."""
        name = f"ho_{os.getpid()}_{next(self.counter)}"
        with psycopg.connect(self.admin_dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@{self.host}:{self.port}/{name}"


@contextmanager
def pg_cluster(max_connections: int = 200, fsync: bool = False) -> Iterator[PgCluster]:
    """Start a private cluster; raises `PgUnavailable` when PostgreSQL is not installed.

    `fsync=False` for tests (speed); the bench keeps it on, as a real head office would.
    """
    bindir = pg_bin()
    if bindir is None:
        raise PgUnavailable("PostgreSQL server binaries not installed")
    is_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="ho-pg-"))
    data, sock, logfile = base / "data", base / "sock", base / "pg.log"
    sock.mkdir()

    def as_owner(*cmd: str) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *cmd] if is_root else list(cmd)

    if is_root:
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
    port = free_port()
    started = False
    try:
        subprocess.run(
            as_owner(str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                     "--auth=trust", "-E", "UTF8", "--no-sync"),
            check=True, capture_output=True, timeout=120,
        )
        subprocess.run(
            as_owner(
                str(bindir / "pg_ctl"), "-D", str(data), "-l", str(logfile), "-w", "-t", "60",
                "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 "
                      f"-c fsync={'on' if fsync else 'off'} -c max_connections={max_connections}",
                "start",
            ),
            check=True, capture_output=True, timeout=90,
        )
        started = True
        yield PgCluster("127.0.0.1", port)
    finally:
        if started:
            subprocess.run(
                as_owner(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"),
                capture_output=True, timeout=60,
            )
        shutil.rmtree(base, ignore_errors=True)
