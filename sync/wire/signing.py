"""Request signing shared by the till client and the head-office server.

Each request carries the till id, a UTC timestamp, a random nonce and an HMAC-SHA256 over
method, path, timestamp, nonce and the SHA-256 of the body, keyed by the till's secret. The
timestamp bounds how long a captured request is worth replaying; the nonce (remembered by the
server for that long) refuses the replay inside the window; the body hash ties the signature to
exactly these bytes, so nothing in a signed push can be altered on the way.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

HEADER_TILL = "X-Till-Id"
HEADER_TIMESTAMP = "X-Timestamp"
HEADER_NONCE = "X-Nonce"
HEADER_SIGNATURE = "X-Signature"

# How far a request's clock may be from the server's; also how long nonces are remembered.
MAX_SKEW_SECONDS = 300


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_nonce() -> str:
    return secrets.token_hex(16)


def string_to_sign(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    body_hash = hashlib.sha256(body).hexdigest()
    return "\n".join((method.upper(), path, timestamp, nonce, body_hash)).encode("utf-8")


def sign(secret: str, method: str, path: str, timestamp: str, nonce: str, body: bytes) -> str:
    message = string_to_sign(method, path, timestamp, nonce, body)
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signed_headers(
    till_id: str, secret: str, method: str, path: str, body: bytes, now: float | None = None
) -> dict[str, str]:
    """Headers for one request; `path` includes the query string exactly as sent.

    `now` is the time to sign with (Unix seconds): a till whose clock is wrong passes head
    office's time as it last measured it, so it keeps syncing (and says its clock is wrong).
    """
    timestamp = str(int(time.time() if now is None else now))
    nonce = new_nonce()
    return {
        HEADER_TILL: till_id,
        HEADER_TIMESTAMP: timestamp,
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: sign(secret, method, path, timestamp, nonce, body),
    }


def verify(secret: str, signature: str, method: str, path: str, timestamp: str, nonce: str,
           body: bytes) -> bool:
    """Constant-time comparison so the signature cannot be guessed byte by byte."""
    expected = sign(secret, method, path, timestamp, nonce, body)
    return hmac.compare_digest(expected, signature)
