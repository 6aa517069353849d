"""Where the till keeps the secret that signs its sync requests: a 0600 key file beside the
database, not in it.

A copied database then no longer lets its holder act as the till at head office (the key file
is a separate thing to steal, and it is rotated with `loyalty-pos enrol --rotate`). The file is
`<database>.key` (`till.sqlite3.key`), or `$LOYALTY_TILL_KEY_DIR/<database>.key` when a shop
keeps keys elsewhere (a mounted secrets volume, `$XDG_CONFIG_HOME/loyalty`).

Since head office signs its answers, the same file also pins what the till received at
enrolment: head office's Ed25519 public key (`ho_public_key`, checked on every answer) and the
chain key (`chain_key`, under which other stores' card numbers are kept: `cardkeys`). The file is
then a small JSON object; a file holding only the secret (enrolled before) is still read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from loyalty_core.private_files import read_private_text, write_private_text

KEY_DIR_ENV = "LOYALTY_TILL_KEY_DIR"


def key_path(db_path: str | Path) -> Path:
    db = Path(db_path)
    directory = os.environ.get(KEY_DIR_ENV)
    base = Path(directory) if directory else db.parent
    return base / f"{db.name}.key"


def read_keys(db_path: str | Path) -> dict[str, str]:
    """Everything in the key file: `secret`, and `ho_public_key`, `chain_key` once pinned."""
    text = (read_private_text(key_path(db_path)) or "").strip()
    if not text:
        return {}
    if not text.startswith("{"):
        return {"secret": text}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str) and v}


def read_secret(db_path: str | Path) -> str | None:
    """The till's secret, or None when the till was never registered."""
    return read_keys(db_path).get("secret") or None


def write_keys(db_path: str | Path, **keys: str) -> Path:
    """Set these keys (others kept), replacing the file atomically (0600); returns its path."""
    merged = {**read_keys(db_path), **{k: v for k, v in keys.items() if v}}
    path = key_path(db_path)
    write_private_text(path, json.dumps(merged, sort_keys=True) + "\n")
    return path


def write_secret(db_path: str | Path, secret: str) -> Path:
    return write_keys(db_path, secret=secret)
