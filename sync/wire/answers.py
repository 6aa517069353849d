"""Head office signs what it serves: an Ed25519 signature over every answer to a signed request.

A till cannot tell a real head office from a man in the middle by TLS alone (a shop network, a
proxy, a private CA on a PC anyone can reach), and what it pulls changes balances and cards. So
head office signs each 2xx answer to a till's signed request with its Ed25519 key, and the till
checks it against the public key pinned at enrolment before it uses a byte of the answer.

The signed message binds the answer to the very request it answers: the method, the path, the
request's nonce (a fresh random value per request, so an old signed answer cannot be replayed
to a later request), the HTTP status and the SHA-256 of the body exactly as sent.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

HEADER_ANSWER_SIGNATURE = "X-HO-Signature"
DOMAIN = "loyalty-ho-answer-v1"


def answer_message(method: str, path: str, nonce: str, status: int, body: bytes) -> bytes:
    body_hash = hashlib.sha256(body).hexdigest()
    return "\n".join((DOMAIN, method.upper(), path, nonce, str(status), body_hash)).encode()


def sign_answer(key: Ed25519PrivateKey, method: str, path: str, nonce: str, status: int,
                body: bytes) -> str:
    sig = key.sign(answer_message(method, path, nonce, status, body))
    return base64.b64encode(sig).decode("ascii")


def public_key_text(key: Ed25519PrivateKey) -> str:
    """The public half as the till pins it: 64 hex characters (the raw 32-byte key)."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def load_public_key(text: str) -> Ed25519PublicKey:
    """ValueError for anything but 64 hex characters."""
    raw = bytes.fromhex(text.strip())
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def answer_ok(public_key: Ed25519PublicKey, signature: str | None, method: str, path: str,
              nonce: str, status: int, body: bytes) -> bool:
    """False for a missing, malformed or wrong signature."""
    if not signature:
        return False
    try:
        sig = base64.b64decode(signature.encode("ascii"), validate=True)
        public_key.verify(sig, answer_message(method, path, nonce, status, body))
    except (InvalidSignature, ValueError, UnicodeError):
        return False
    return True
