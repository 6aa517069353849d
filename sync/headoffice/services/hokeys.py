"""Head office's own keys, derived from the master key it is given at start (tillsecrets.py).

- The **answer-signing key** (Ed25519): signs every answer to a till (sync.wire.answers). Derived,
  not stored, so a copied head-office database cannot sign as head office, and every process
  started with the same master key signs with the same key (the tills pinned its public half at
  enrolment).
- The **chain key** (32 bytes, hex): given to each till at enrolment; the till stores other
  stores' card numbers as HMAC-SHA256 under it (loyalty_core.cardkeys), and head office uses it to
  serve them so. Holding a till's key file gives it; a till database alone does not.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.wire.answers import public_key_text


@lru_cache(maxsize=8)
def answer_key(master: bytes) -> Ed25519PrivateKey:
    seed = hmac.new(master, b"ho-answer-signing-key\x00v1", hashlib.sha256).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def answer_public_key(master: bytes) -> str:
    return public_key_text(answer_key(master))


@lru_cache(maxsize=8)
def chain_key(master: bytes) -> str:
    return hmac.new(master, b"chain-card-key\x00v1", hashlib.sha256).hexdigest()
