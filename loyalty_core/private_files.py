"""Files only this account may read: databases (with their -wal/-shm) and key files.

A till is a PC anyone in the shop can reach, often with several Unix accounts; its database holds
PIN hashes, card numbers and members' details, and its key file the secret that signs sync
requests. So both are created 0600, in a 0700 directory when we create the directory. SQLite
gives the -wal and -shm files the permissions of the database file, so creating the database
file first (0600) covers them; existing files are tightened on every open.

Pure `os` (no SQL): head office and the till share it, and the key-file helpers live here too.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def private_dir(directory: Path) -> None:
    """Create `directory` 0700 when missing (parents too); an existing one is left alone, as
    it may be a shared place the operator chose (the user's home, /var/lib/...)."""
    if directory.exists():
        return
    old = os.umask(0o077)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    finally:
        os.umask(old)
    os.chmod(directory, DIR_MODE)


def private_file(path: str | Path) -> Path:
    """Make sure `path` exists and is 0600 (its directory 0700 when created here)."""
    file = Path(path)
    private_dir(file.parent)
    fd = os.open(file, os.O_CREAT | os.O_RDWR, FILE_MODE)
    os.close(fd)
    os.chmod(file, FILE_MODE)
    return file


def private_database(path: str | Path) -> Path:
    """Before SQLite opens `path`: the file and any side files it already has become 0600."""
    file = private_file(path)
    for suffix in SQLITE_SIDE_FILES:
        side = file.with_name(file.name + suffix)
        if side.exists():
            os.chmod(side, FILE_MODE)
    return file


def write_private_text(path: str | Path, text: str) -> None:
    """Write atomically (temporary file 0600 in the same directory, then rename): a reader
    sees the old key or the new one, never half of one, and never a moment of 0644."""
    file = Path(path)
    private_dir(file.parent)
    tmp = file.with_name(f".{file.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, file)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_private_text(path: str | Path) -> str | None:
    """The file's text, or None when it does not exist."""
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
