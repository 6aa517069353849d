"""Every answer head office gives a till is signed: an ASGI wrapper around the whole app.

Wrapping the app rather than each route means no route can be added without it: a new endpoint
a till calls is signed like push and pull are, and a till with head office's key pinned refuses
anything unsigned (sync.wire.answers, docs/SECURITY.md "Head office signs what it serves").

An answer is signed when it is a 2xx to a request that carries a till's nonce (every signed
request does); its body is held until complete (answers are bounded: a pull page) so the
signature covers exactly the bytes sent. A new till's snapshot is the exception: hundreds of
megabytes, streamed, signed in its own last line over the digest of the lines before it.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from sync.headoffice.services import hokeys
from sync.wire import answers, signing

_NONCE = signing.HEADER_NONCE.lower().encode()
# Streams too large to hold, which sign themselves in their last line (services/snapshot.py).
STREAMED = ("/snapshot",)


class SignAnswers:
    def __init__(self, app: Any, master_key: bytes) -> None:
        self.app = app
        self.master_key = master_key

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        nonce = None
        if scope["type"] == "http":
            nonce = next((v for k, v in scope.get("headers", []) if k == _NONCE), None)
        if nonce is None or scope.get("path", "").endswith(STREAMED):
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] | None = None
        chunks: list[bytes] = []

        async def signing_send(message: dict[str, Any]) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            headers = list(start.get("headers", []))
            status = int(start["status"])
            if 200 <= status < 300:
                url = Request(scope).url
                path = url.path + (f"?{url.query}" if url.query else "")
                signature = answers.sign_answer(
                    hokeys.answer_key(self.master_key), scope["method"], path,
                    nonce.decode("latin-1"), status, body,
                )
                headers.append((answers.HEADER_ANSWER_SIGNATURE.lower().encode(),
                                signature.encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, signing_send)
