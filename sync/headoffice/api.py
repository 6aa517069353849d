"""The head-office HTTP API (FastAPI) over `HeadOffice`.

Handlers read the raw body themselves: the signature covers those exact bytes, and a request
must be authenticated before its payload is even parsed (an unauthenticated caller learns
nothing from validation errors). Database work runs in the thread pool, never on the event loop.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import DataError, IntegrityError

from sync.headoffice.answersigning import SignAnswers
from sync.headoffice.office import HeadOffice, ServiceError, TillIdentity
from sync.wire import signing
from sync.wire.models import (
    API_PREFIX,
    MAX_BODY_BYTES,
    ConfirmRequest,
    HoldRequest,
    LookupRequest,
    PullRequest,
    PushRequest,
    QuarantineReport,
    ReconcileRequest,
    RegisterRequest,
    ReserveRequest,
    RuleOut,
    StockMove,
    valid_id,
)

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
ASGIApp = Callable[[dict[str, Any], Callable[[], Awaitable[dict[str, Any]]],
                    Callable[[dict[str, Any]], Awaitable[None]]], Awaitable[None]]


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse bodies over `max_bytes` with 413, by Content-Length or by counting the stream.

    Outside FastAPI so a chunked upload without a length is cut off before it is buffered whole.
    """

    def __init__(self, app: Any, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = True
                if too_big:
                    await self._refuse(send)
                    return
        received = 0
        started = over = False

        async def limited_receive() -> dict[str, Any]:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    over = True
                    raise _TooLarge
            return message

        async def tracking_send(message: dict[str, Any]) -> None:
            nonlocal started
            if over:
                return  # the framework's 500 for our exception: replaced by the 413 below
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    @staticmethod
    async def _refuse(send: Any) -> None:
        body = json.dumps({"error": "body.too_large"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _parse(model: type[M], body: bytes) -> M:
    try:
        return model.model_validate_json(body or b"{}")
    except ValidationError as exc:
        detail = exc.errors(include_url=False, include_context=False, include_input=False)
        raise ServiceError(422, "payload.invalid", detail) from exc


def create_app(ho: HeadOffice, admin_token: str | None = None) -> FastAPI:
    """The FastAPI app; wrap it in `BodyLimit` (see `create_asgi`) before serving."""
    app = FastAPI(title="Loyalty head office", version="1")
    app.state.head_office = ho

    @app.exception_handler(ServiceError)
    async def _service_error(_request: Request, exc: ServiceError) -> JSONResponse:
        return JSONResponse(status_code=exc.status, content={"error": exc.code,
                                                             "detail": exc.detail})

    # Last line of defence behind the pydantic models: what a database constraint or driver
    # refuses is the caller's data, not a server failure. The transaction has rolled back.
    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        log.warning("%s %s refused by a constraint: %s", request.method, request.url.path,
                    exc.orig)
        return JSONResponse(status_code=409, content={"error": "conflict", "detail": None})

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: DataError) -> JSONResponse:
        log.warning("%s %s refused by the database: %s", request.method, request.url.path,
                    exc.orig)
        return JSONResponse(status_code=422, content={"error": "payload.out_of_range",
                                                      "detail": None})

    @app.exception_handler(UnicodeError)
    async def _unicode(_request: Request, _exc: UnicodeError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"error": "payload.bad_text",
                                                      "detail": None})

    def path_id(value: str) -> str:
        if not valid_id(value):
            raise ServiceError(404, "not_found", "no such id")
        return value

    async def till_of(request: Request) -> tuple[TillIdentity, bytes]:
        body = await request.body()
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        h = request.headers
        till = await run_in_threadpool(
            ho.authenticate,
            h.get(signing.HEADER_TILL),
            h.get(signing.HEADER_TIMESTAMP),
            h.get(signing.HEADER_NONCE),
            h.get(signing.HEADER_SIGNATURE),
            request.method,
            path,
            body,
        )
        return till, body

    def require_admin(request: Request) -> None:
        given = request.headers.get("Authorization", "")
        if not admin_token:
            raise ServiceError(403, "admin.disabled", "start the server with an admin token")
        if not hmac.compare_digest(given.encode(), f"Bearer {admin_token}".encode()):
            raise ServiceError(401, "admin.bad_token")

    @app.get(f"{API_PREFIX}/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post(f"{API_PREFIX}/tills/register")
    async def register(request: Request) -> Any:
        req = _parse(RegisterRequest, await request.body())
        return await run_in_threadpool(ho.register, req.code, req.till_id, req.name)

    @app.post(f"{API_PREFIX}/tills/rotate")
    async def rotate(request: Request) -> Any:
        till, _body = await till_of(request)
        return await run_in_threadpool(ho.rotate_secret, till)

    @app.post(f"{API_PREFIX}/push")
    async def push(request: Request) -> Any:
        till, body = await till_of(request)
        req = _parse(PushRequest, body)
        return await run_in_threadpool(ho.push, till, req.entries)

    @app.post(f"{API_PREFIX}/pull")
    async def pull(request: Request) -> Any:
        till, body = await till_of(request)
        return await run_in_threadpool(ho.pull, till, _parse(PullRequest, body))

    @app.post(f"{API_PREFIX}/snapshot")
    async def snapshot(request: Request) -> Any:
        till, _body = await till_of(request)
        nonce = request.headers.get(signing.HEADER_NONCE, "")
        # A generator over one read transaction, iterated in the thread pool by Starlette. It
        # signs itself in its last line (answersigning.py lets a stream through unbuffered).
        return StreamingResponse(ho.snapshot_lines(till, nonce),
                                 media_type="application/x-ndjson")

    @app.post(f"{API_PREFIX}/quarantine")
    async def quarantine_report(request: Request) -> Any:
        till, body = await till_of(request)
        return await run_in_threadpool(ho.report_quarantine, till,
                                       _parse(QuarantineReport, body))

    @app.post(f"{API_PREFIX}/reservations")
    async def reserve(request: Request) -> Any:
        till, body = await till_of(request)
        req = _parse(ReserveRequest, body)
        return await run_in_threadpool(ho.reserve, till, req.reservation_id, req.card_id,
                                       req.amount, req.operation_id)

    @app.post(f"{API_PREFIX}/holds")
    async def hold(request: Request) -> Any:
        till, body = await till_of(request)
        return await run_in_threadpool(ho.hold, till, _parse(HoldRequest, body))

    @app.post(f"{API_PREFIX}/holds/{{hold_id}}/confirm")
    async def confirm_hold(hold_id: str, request: Request) -> Any:
        till, body = await till_of(request)
        req = _parse(ConfirmRequest, body)
        return await run_in_threadpool(ho.confirm_hold, till, path_id(hold_id),
                                       req.operation_id)

    @app.post(f"{API_PREFIX}/holds/{{hold_id}}/release")
    async def release_hold(hold_id: str, request: Request) -> Any:
        till, _body = await till_of(request)
        return await run_in_threadpool(ho.release_hold, till, path_id(hold_id))

    @app.post(f"{API_PREFIX}/reservations/{{reservation_id}}/confirm")
    async def confirm(reservation_id: str, request: Request) -> Any:
        till, body = await till_of(request)
        req = _parse(ConfirmRequest, body)
        return await run_in_threadpool(ho.confirm, till, path_id(reservation_id),
                                       req.operation_id)

    @app.post(f"{API_PREFIX}/reservations/{{reservation_id}}/release")
    async def release(reservation_id: str, request: Request) -> Any:
        till, _body = await till_of(request)
        return await run_in_threadpool(ho.release, till, path_id(reservation_id))

    @app.post(f"{API_PREFIX}/reconcile")
    async def reconcile(request: Request) -> Any:
        till, body = await till_of(request)
        return await run_in_threadpool(ho.reconcile, till, _parse(ReconcileRequest, body))

    @app.post(f"{API_PREFIX}/lookup")
    async def lookup(request: Request) -> Any:
        till, body = await till_of(request)
        return await run_in_threadpool(ho.lookup, till, _parse(LookupRequest, body))

    @app.get(f"{API_PREFIX}/reports/overdrawn")
    async def overdrawn(request: Request) -> Any:
        require_admin(request)
        return await run_in_threadpool(ho.overdrawn)

    @app.get(f"{API_PREFIX}/reports/flags")
    async def flags(request: Request) -> Any:
        require_admin(request)
        return await run_in_threadpool(ho.flagged)

    @app.post(f"{API_PREFIX}/admin/reward-stock")
    async def reward_stock(request: Request) -> Any:
        require_admin(request)
        move = _parse(StockMove, await request.body())
        return {"received": await run_in_threadpool(ho.move_stock, move)}

    @app.post(f"{API_PREFIX}/admin/enrolment-codes")
    async def enrolment_code(request: Request) -> Any:
        require_admin(request)
        try:
            body = json.loads(await request.body() or b"{}")
        except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, nested too deep
            raise ServiceError(422, "payload.invalid", "body is not JSON") from exc
        store_id = body.get("store_id") if isinstance(body, dict) else None
        if not isinstance(store_id, str) or not valid_id(store_id):
            raise ServiceError(422, "payload.invalid", "store_id required")
        return await run_in_threadpool(ho.create_enrolment_code, store_id)

    @app.post(f"{API_PREFIX}/admin/tills/{{till_id}}/revoke")
    async def revoke(till_id: str, request: Request) -> Any:
        require_admin(request)
        return {"revoked": await run_in_threadpool(ho.revoke_till, path_id(till_id))}

    admin_objects: dict[str, tuple[type[BaseModel], Callable[[Any], None]]] = {
        "rules": (RuleOut, ho.set_rule),
    }
    # Tiers, staff and rewards: each PUT is a version, with an optional `effective_from`
    # (default now); GET/DELETE /admin/scheduled list and cancel those not yet in force.
    version_kinds = {"tiers": "tier", "staff": "staff", "rewards": "reward"}

    # Head office's definitions: PUT /admin/programs (plans, partners, vouchers), the body the
    # envelope of loyalty_core.definitions_schema without its kind; refused whole with every
    # error (422). Vouchers in bulk: POST /admin/voucher-batches, GET one back for export.
    definition_kinds = {"programs": "program", "plans": "plan", "partners": "partner",
                        "vouchers": "voucher"}

    async def json_body(request: Request) -> Any:
        try:
            return json.loads(await request.body() or b"{}")
        except (ValueError, RecursionError) as exc:
            raise ServiceError(422, "payload.invalid", "body is not JSON") from exc

    @app.post(f"{API_PREFIX}/admin/voucher-batches")
    async def voucher_batch(request: Request) -> Any:
        require_admin(request)
        body = await json_body(request)
        if not isinstance(body, dict):
            raise ServiceError(422, "definition.invalid", ["(root): must be an object"])
        extra = sorted(set(body) - {"count", "body", "effective_from", "store_id", "prefix"})
        if extra:
            raise ServiceError(422, "definition.invalid", [f"{k}: unknown field" for k in extra])
        batch, codes = await run_in_threadpool(
            ho.generate_vouchers, body.get("count"), body.get("body"),
            body.get("effective_from"), body.get("store_id"), body.get("prefix") or "")
        return {"batch": batch, "codes": codes}

    @app.get(f"{API_PREFIX}/admin/voucher-batches/{{batch}}")
    async def voucher_batch_codes(batch: str, request: Request) -> Any:
        require_admin(request)
        rows = await run_in_threadpool(ho.voucher_batch, path_id(batch))
        if not rows:
            raise ServiceError(404, "not_found", "no such batch")
        return rows

    def version_kind(kind: str) -> str:
        if kind not in version_kinds.values():
            raise ServiceError(404, "admin.unknown_kind", kind)
        return kind

    @app.get(f"{API_PREFIX}/admin/scheduled")
    async def scheduled(request: Request, kind: str | None = None) -> Any:
        require_admin(request)
        return await run_in_threadpool(ho.scheduled, None if kind is None else version_kind(kind))

    @app.delete(f"{API_PREFIX}/admin/scheduled/{{kind}}/{{object_id}}/{{version}}")
    async def cancel_version(kind: str, object_id: str, version: int, request: Request,
                             store_id: str | None = None) -> Any:
        require_admin(request)
        return await run_in_threadpool(ho.cancel_version, version_kind(kind),
                                       path_id(object_id), version, store_id)

    @app.get(f"{API_PREFIX}/admin/versions/{{kind}}/{{object_id}}")
    async def object_history(kind: str, object_id: str, request: Request,
                             store_id: str | None = None, at: str | None = None) -> Any:
        """Every version of one object, or (`at`) the one in force at that time."""
        require_admin(request)
        return await run_in_threadpool(ho.object_history, version_kind(kind),
                                       path_id(object_id), store_id, at)

    @app.put(f"{API_PREFIX}/admin/{{kind}}")
    async def put_object(kind: str, request: Request) -> Any:
        require_admin(request)
        if kind in definition_kinds:
            obj = await json_body(request)
            if not isinstance(obj, dict):
                raise ServiceError(422, "definition.invalid", ["(root): must be an object"])
            if obj.get("kind", definition_kinds[kind]) != definition_kinds[kind]:
                raise ServiceError(422, "definition.invalid", ["kind: given by the path"])
            obj = {k: v for k, v in obj.items() if k != "kind"}
            return await run_in_threadpool(ho.set_definition, definition_kinds[kind], obj)
        if kind in version_kinds:
            return await run_in_threadpool(ho.set_version, version_kinds[kind],
                                           await json_body(request), "admin-api")
        if kind not in admin_objects:
            raise ServiceError(404, "admin.unknown_kind", kind)
        model, setter = admin_objects[kind]
        obj = _parse(model, await request.body())
        await run_in_threadpool(setter, obj)
        return {"ok": True}

    return app


def create_asgi(
    ho: HeadOffice, admin_token: str | None = None, max_bytes: int = MAX_BODY_BYTES
) -> BodyLimit:
    # Every answer to a till's signed request leaves signed (answersigning.py).
    return BodyLimit(SignAnswers(create_app(ho, admin_token), ho.ctx.master_key), max_bytes)
