"""The till's HTTP client for head office (requests), with signing and typed responses.

Every failure the worker must tell apart is one exception class: `Unreachable` (refused,
timeout, 5xx, reply lost: retry later, nothing is assumed done) versus `Refused` (head office
answered and said no: retrying the same request will not help).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from sync.wire import answers, signing
from sync.wire.models import (
    API_PREFIX,
    ConfirmRequest,
    HoldOut,
    HoldRequest,
    LookupRequest,
    LookupResponse,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    QuarantinedOut,
    QuarantineReport,
    QuarantineReportOut,
    ReconcileRequest,
    ReconcileResponse,
    RegisterRequest,
    RegisterResponse,
    ReservationOut,
    ReserveRequest,
    WireEntry,
)

M = TypeVar("M", bound=BaseModel)


class SyncError(Exception):
    """Base of every error from talking to head office."""


class Unreachable(SyncError):
    """No usable answer: the request may or may not have been applied, so only idempotent
    retries are allowed (every sync request is)."""


class Refused(SyncError):
    """Head office answered with a 4xx; `code` is its stable reason."""

    def __init__(self, status: int, code: str, detail: Any = None) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail


class BadAnswerSignature(Unreachable):
    """Head office's answer is not signed by the key pinned at enrolment (a man in the middle,
    a proxy, a wrong server): nothing of it is used. An untrusted answer is no answer, so it is
    handled as one (retried later; a stored-value hold falls back to the offline rules)."""


class HeadOfficeClient:
    """One till's connection to head office.

    `verify` and `cert` go straight to requests: a CA bundle path for a private CA, and the
    till's client certificate when head office requires mutual TLS.

    Used from several threads at once (the sync worker, the counter's stored-value holds), so
    each thread gets its own `requests.Session`: a session's connection pool and cookies are
    not safe to share between threads.
    """

    def __init__(
        self,
        base_url: str,
        till_id: str,
        secret: str,
        *,
        timeout: float = 10.0,
        verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        clock: Callable[[], float] = time.time,
        ho_public_key: str | None = None,
    ) -> None:
        """`ho_public_key`: head office's answer key pinned at enrolment (64 hex characters);
        when given, every answer must carry head office's signature (sync.wire.answers) or it
        is refused with `BadAnswerSignature` before anything reads it."""
        self.clock = clock  # this till's clock (Unix seconds); tests set a wrong one
        self.ho_public_key = ho_public_key
        self._answer_key = answers.load_public_key(ho_public_key) if ho_public_key else None
        self.base_url = base_url.rstrip("/")
        self.till_id = till_id
        self.secret = secret
        self.timeout = timeout
        # Passed on every request: a Session attribute would lose to REQUESTS_CA_BUNDLE.
        self.verify = verify
        self.cert = cert
        self._local = threading.local()
        self._sessions: list[requests.Session] = []  # every thread's, for `close`
        self._lock = threading.Lock()
        # Head office's clock minus ours, in seconds; None until head office has answered once.
        self.clock_offset_s: float | None = None

    @property
    def session(self) -> requests.Session:
        """The calling thread's session, made on its first request."""
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    @staticmethod
    def register(
        base_url: str, code: str, till_id: str | None, name: str = "", *,
        timeout: float = 10.0, verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
    ) -> RegisterResponse:
        body = RegisterRequest(code=code, till_id=till_id, name=name).model_dump_json()
        try:
            resp = requests.post(
                f"{base_url.rstrip('/')}{API_PREFIX}/tills/register",
                data=body.encode(),
                headers={"Content-Type": "application/json"},
                timeout=timeout,
                verify=verify,
                cert=cert,
            )
        except requests.RequestException as exc:
            raise Unreachable(str(exc)) from exc
        return _decode(resp, RegisterResponse)

    def close(self) -> None:
        """Close every thread's session; a later request (from any thread) opens a new one."""
        with self._lock:
            sessions, self._sessions = self._sessions, []
            self._local = threading.local()
        for session in sessions:
            session.close()

    def _call(self, method: str, path: str, body: BaseModel | None, out: type[M],
              timeout: float | None = None) -> M:
        try:
            return self._signed_call(method, path, body, out, timeout)
        except Refused as exc:
            # Our clock was too far from head office's for the signature's timestamp: head
            # office said its time (after checking our signature), so sign with that and retry
            # once. A request refused as stale was not applied, so the retry is safe.
            if exc.code != "auth.stale" or not self._learn_offset(exc.detail):
                raise
            return self._signed_call(method, path, body, out, timeout)

    def _signed_call(self, method: str, path: str, body: BaseModel | None, out: type[M],
                     timeout: float | None = None) -> M:
        data = body.model_dump_json().encode() if body is not None else b""
        full = f"{API_PREFIX}{path}"
        sent = self.clock()
        headers = signing.signed_headers(
            self.till_id, self.secret, method, full, data, sent + (self.clock_offset_s or 0.0)
        )
        headers["Content-Type"] = "application/json"
        try:
            resp = self.session.request(
                method, self.base_url + full, data=data, headers=headers,
                timeout=self.timeout if timeout is None else timeout,
                verify=self.verify, cert=self.cert,
            )
        except requests.RequestException as exc:
            raise Unreachable(f"{type(exc).__name__}: {exc}") from exc
        self._measure_offset(resp, sent, self.clock())
        if self._answer_key is not None and resp.status_code < 300 and not answers.answer_ok(
            self._answer_key, resp.headers.get(answers.HEADER_ANSWER_SIGNATURE), method, full,
            headers[signing.HEADER_NONCE], resp.status_code, resp.content,
        ):
            raise BadAnswerSignature(
                f"{method} {full}: head office's answer is not signed with its pinned key"
            )
        return _decode(resp, out)

    def _measure_offset(self, resp: requests.Response, sent: float, received: float) -> None:
        """Head office's HTTP `Date` (whole seconds) against the middle of our round trip.

        The header's one-second resolution would make the figure jitter, so it only moves when
        the new measurement differs by more than two seconds from the last.
        """
        header = resp.headers.get("Date")
        if not header:
            return
        try:
            server = parsedate_to_datetime(header).timestamp() + 0.5
        except (TypeError, ValueError):
            return
        offset = server - (sent + received) / 2
        if self.clock_offset_s is None or abs(offset - self.clock_offset_s) > 2:
            self.clock_offset_s = offset

    def _learn_offset(self, detail: Any) -> bool:
        server = detail.get("server_time") if isinstance(detail, dict) else None
        if not isinstance(server, int) or isinstance(server, bool):
            return False
        self.clock_offset_s = server - self.clock()
        return True

    def rotate(self) -> RegisterResponse:
        """The till's next secret (see sync.till.registration.rotate_secret)."""
        return self._call("POST", "/tills/rotate", None, RegisterResponse)

    def push(self, entries: list[dict[str, Any]]) -> PushResponse:
        req = PushRequest(entries=[WireEntry.model_validate(e) for e in entries])
        return self._call("POST", "/push", req, PushResponse)

    def pull(self, journal_cursor: int, objects_cursor: int, flags_cursor: int,
             limit: int = 1000) -> PullResponse:
        req = PullRequest(journal_cursor=journal_cursor, objects_cursor=objects_cursor,
                          flags_cursor=flags_cursor, limit=limit)
        return self._call("POST", "/pull", req, PullResponse)

    def reserve(self, reservation_id: str, card_id: str, amount: int) -> ReservationOut:
        req = ReserveRequest(reservation_id=reservation_id, card_id=card_id, amount=amount)
        return self._call("POST", "/reservations", req, ReservationOut)

    def confirm(self, reservation_id: str, operation_id: str) -> ReservationOut:
        return self._call("POST", f"/reservations/{reservation_id}/confirm",
                          ConfirmRequest(operation_id=operation_id), ReservationOut)

    def release(self, reservation_id: str) -> ReservationOut:
        return self._call("POST", f"/reservations/{reservation_id}/release", None,
                          ReservationOut)

    def hold(self, req: HoldRequest, timeout: float | None = None) -> HoldOut:
        """Hold every resource of one operation at head office (all or none); `timeout` is
        the counter's budget: a slow head office counts as unreachable."""
        return self._call("POST", "/holds", req, HoldOut, timeout)

    def confirm_hold(self, hold_id: str, operation_id: str,
                     timeout: float | None = None) -> HoldOut:
        return self._call("POST", f"/holds/{hold_id}/confirm",
                          ConfirmRequest(operation_id=operation_id), HoldOut, timeout)

    def release_hold(self, hold_id: str, timeout: float | None = None) -> HoldOut:
        return self._call("POST", f"/holds/{hold_id}/release", None, HoldOut, timeout)

    def reconcile(self, req: ReconcileRequest) -> ReconcileResponse:
        return self._call("POST", "/reconcile", req, ReconcileResponse)

    def lookup(self, *, number: str | None = None, phone: str | None = None) -> LookupResponse:
        """A member this till holds no personal data of (sync.till.lookup)."""
        return self._call("POST", "/lookup", LookupRequest(number=number, phone=phone),
                          LookupResponse)

    def report_quarantine(self, entries: list[dict[str, Any]]) -> QuarantineReportOut:
        """Tell head office which pulled entries this till holds without effect, and why."""
        req = QuarantineReport(entries=[QuarantinedOut.model_validate(e) for e in entries])
        return self._call("POST", "/quarantine", req, QuarantineReportOut)

    def snapshot_lines(self, read_timeout: float = 120.0) -> Iterator[bytes]:
        """Head office's snapshot for this till (`loyalty_core.snapshotload`), streamed line by
        line, never whole in memory. A broken stream raises `Unreachable` (nothing applied:
        the caller loads it in one transaction)."""
        for attempt in (0, 1):
            full = f"{API_PREFIX}/snapshot"
            headers = signing.signed_headers(
                self.till_id, self.secret, "POST", full, b"",
                self.clock() + (self.clock_offset_s or 0.0),
            )
            try:
                resp = self.session.post(
                    self.base_url + full, data=b"", headers=headers, stream=True,
                    timeout=(self.timeout, read_timeout), verify=self.verify, cert=self.cert,
                )
            except requests.RequestException as exc:
                raise Unreachable(f"{type(exc).__name__}: {exc}") from exc
            if resp.status_code >= 400:
                resp.content  # noqa: B018 - read the error body before decoding it
                try:
                    _decode(resp, QuarantineReportOut)
                except Refused as exc:
                    if attempt == 0 and exc.code == "auth.stale" and self._learn_offset(
                            exc.detail):
                        continue
                    raise
            break
        nonce = headers[signing.HEADER_NONCE]
        digest = hashlib.sha256()
        try:
            for raw in resp.iter_lines(chunk_size=1 << 16, delimiter=b"\n"):
                if not raw:
                    continue
                line = raw + b"\n"
                if raw.startswith(b'{"end":'):
                    self._check_snapshot_end(raw, digest.hexdigest(), nonce, full)
                else:
                    digest.update(line)
                yield line
        except requests.RequestException as exc:
            raise Unreachable(f"snapshot stream broke: {exc}") from exc
        finally:
            resp.close()

    def _check_snapshot_end(self, raw: bytes, sha: str, nonce: str, path: str) -> None:
        """The snapshot's last line: head office's signature over the digest of every line
        before it, for this request's nonce. Refused before the loader sees the line, so its
        one transaction writes nothing."""
        if self._answer_key is None:
            return  # a till enrolled before keys were pinned checks nothing (docs/SECURITY.md)
        try:
            end = json.loads(raw)
        except ValueError:
            end = {}
        if end.get("sha256") != sha or not answers.answer_ok(
            self._answer_key, end.get("signature"), "POST", path, nonce, 200, sha.encode()
        ):
            raise BadAnswerSignature("head office's snapshot is not signed by its key")


def _decode(resp: requests.Response, out: type[M]) -> M:
    if resp.status_code >= 500:
        raise Unreachable(f"head office error {resp.status_code}")
    if resp.status_code >= 400:
        try:
            body = resp.json()
            code, detail = str(body.get("error", "http")), body.get("detail")
        except (ValueError, AttributeError):
            code, detail = "http", resp.text[:200]
        raise Refused(resp.status_code, code, detail)
    try:
        return out.model_validate_json(resp.content)
    except ValidationError as exc:
        # A proxy page or a truncated body: treat as no answer, the request is retried.
        raise Unreachable(f"unreadable reply: {exc.error_count()} errors") from exc
