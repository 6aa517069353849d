"""Where the till keeps the secret that signs its sync requests: a 0600 key file beside the
database, not in it.

A copied database then no longer lets its holder act as the till at head office (the key file
is a separate thing to steal, and it is rotated with `loyalty-pos enrol --rotate`). The file is
`<database>.key` (`till.sqlite3.key`), or `$LOYALTY_TILL_KEY_DIR/<database>.key` when a shop
keeps keys elsewhere (a mounted secrets volume, `$XDG_CONFIG_HOME/loyalty`).
"""

from __future__ import annotations

import os
from pathlib import Path

from loyalty_core.private_files import read_private_text, write_private_text

KEY_DIR_ENV = "LOYALTY_TILL_KEY_DIR"


def key_path(db_path: str | Path) -> Path:
    db = Path(db_path)
    directory = os.environ.get(KEY_DIR_ENV)
    base = Path(directory) if directory else db.parent
    return base / f"{db.name}.key"


def read_secret(db_path: str | Path) -> str | None:
    """The till's secret, or None when the till was never registered."""
    return read_private_text(key_path(db_path)) or None


def write_secret(db_path: str | Path, secret: str) -> Path:
    """Replace the key file atomically (0600); returns its path."""
    path = key_path(db_path)
    write_private_text(path, secret + "\n")
    return path
