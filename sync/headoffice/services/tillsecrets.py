"""Till secrets without storing them: secret = HMAC-SHA256(master key, till id, generation).

Head office must know a till's secret to check its HMAC signatures, but its database should not
hold one (a copied head-office database would let its holder sign as every till). So the secret
is derived from a master key given to head office at start (`loyalty-headoffice serve
--master-key-file`, or `LOYALTY_HO_MASTER_KEY`) and the till's id and secret generation; the
database holds only the generation. Rotation = the next generation.

Secrets issued before this existed cannot be derived: at start they are sealed, i.e. encrypted
with a one-time pad derived from the master key (HMAC-SHA512 over the till id: one pad per till
and secret, never reused), and the clear column emptied.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

MASTER_KEY_ENV = "LOYALTY_HO_MASTER_KEY"
MIN_KEY_CHARS = 32


class MasterKeyError(ValueError):
    """No usable master key: head office must not start and issue secrets it cannot re-derive."""


def new_master_key() -> str:
    return secrets.token_urlsafe(48)


def master_key_from(text: str | None) -> bytes:
    key = (text or "").strip()
    if len(key) < MIN_KEY_CHARS:
        raise MasterKeyError(f"the master key must be at least {MIN_KEY_CHARS} characters")
    return key.encode("utf-8")


def load_master_key(key_file: str | Path | None) -> bytes:
    """From the key file if given, else the environment; raises `MasterKeyError`."""
    if key_file:
        try:
            return master_key_from(Path(key_file).read_text(encoding="utf-8"))
        except OSError as exc:
            raise MasterKeyError(f"cannot read the master key file: {exc}") from exc
    return master_key_from(os.environ.get(MASTER_KEY_ENV))


def derive(master: bytes, till_id: str, generation: int) -> str:
    mac = hmac.new(master, f"till-secret\x00{till_id}\x00{generation}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()).decode().rstrip("=")


def _pad(master: bytes, till_id: str, n: int) -> bytes:
    pad = hmac.new(master, f"legacy-seal\x00{till_id}".encode(), hashlib.sha512).digest()
    if n > len(pad):
        raise ValueError("legacy secret too long to seal")
    return pad[:n]


def seal(master: bytes, till_id: str, secret: str) -> str:
    raw = secret.encode("utf-8")
    return bytes(a ^ b for a, b in zip(raw, _pad(master, till_id, len(raw)), strict=True)).hex()


def unseal(master: bytes, till_id: str, sealed: str) -> str:
    raw = bytes.fromhex(sealed)
    return bytes(a ^ b for a, b in zip(raw, _pad(master, till_id, len(raw)), strict=True)).decode(
        "utf-8", errors="replace"
    )
