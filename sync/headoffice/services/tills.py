"""Tills: one-time enrolment codes, registration, revocation and request authentication."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update

from loyalty_core.ids import iso_utc, new_id
from sync.headoffice import schema as t
from sync.headoffice.services.context import Context, ServiceError, TillIdentity
from sync.wire import signing
from sync.wire.models import EnrolmentCodeOut, RegisterResponse


def create_enrolment_code(
    ctx: Context, store_id: str, ttl: timedelta = timedelta(days=1)
) -> EnrolmentCodeOut:
    """Only the code's hash is stored: a copy of the database does not enrol a till."""
    code = secrets.token_urlsafe(12)
    expires = iso_utc(ctx.clock() + ttl)
    with ctx.engine.begin() as conn:
        conn.execute(
            t.enrolment_codes.insert().values(
                code_hash=hashlib.sha256(code.encode()).hexdigest(),
                store_id=store_id,
                created_at=ctx.now(),
                expires_at=expires,
            )
        )
    return EnrolmentCodeOut(code=code, store_id=store_id, expires_at=expires)


def register(ctx: Context, code: str, till_id: str | None, name: str) -> RegisterResponse:
    """Spend a one-time code; the till keeps the id it already writes into its journal."""
    code_hash = hashlib.sha256(code.encode()).hexdigest()
    till_id = till_id or new_id()
    now = ctx.now()
    secret = signing.new_secret()
    with ctx.engine.begin() as conn:
        claimed = conn.execute(
            update(t.enrolment_codes)
            .where(
                t.enrolment_codes.c.code_hash == code_hash,
                t.enrolment_codes.c.used_at.is_(None),
                t.enrolment_codes.c.expires_at > now,
            )
            .values(used_at=now, till_id=till_id)
            .returning(t.enrolment_codes.c.store_id)
        ).first()
        if claimed is None:
            raise ServiceError(403, "enrol.bad_code", "unknown, used or expired code")
        inserted = conn.execute(
            ctx.insert(t.tills)
            .values(
                id=till_id,
                name=name or till_id,
                store_id=claimed.store_id,
                secret=secret,
                status="active",
                registered_at=now,
            )
            .on_conflict_do_nothing()
            .returning(t.tills.c.id)
        ).first()
        if inserted is None:
            # Rolls back the code too, so the operator can retry with a fresh till id.
            raise ServiceError(409, "enrol.till_exists", till_id)
    return RegisterResponse(till_id=till_id, secret=secret, store_id=claimed.store_id)


def revoke_till(ctx: Context, till_id: str) -> bool:
    with ctx.engine.begin() as conn:
        done = conn.execute(
            update(t.tills)
            .where(t.tills.c.id == till_id, t.tills.c.status == "active")
            .values(status="revoked", revoked_at=ctx.now())
        )
    return done.rowcount == 1


def authenticate(
    ctx: Context,
    till_id: str | None,
    timestamp: str | None,
    nonce: str | None,
    signature: str | None,
    method: str,
    path: str,
    body: bytes,
) -> TillIdentity:
    """401 for anything unauthenticated; 403 for a known till that is revoked."""
    if not (till_id and timestamp and nonce and signature) or len(nonce) > 64:
        raise ServiceError(401, "auth.missing", "signature headers missing")
    with ctx.engine.connect() as conn:
        till = conn.execute(
            select(t.tills.c.secret, t.tills.c.status, t.tills.c.store_id).where(
                t.tills.c.id == till_id
            )
        ).first()
    if till is None:
        raise ServiceError(401, "auth.unknown_till", till_id)
    if not signing.verify(till.secret, signature, method, path, timestamp, nonce, body):
        raise ServiceError(401, "auth.bad_signature")
    if till.status != "active":
        raise ServiceError(403, "auth.revoked", till_id)
    try:
        sent = int(timestamp)
    except ValueError as exc:
        raise ServiceError(401, "auth.bad_timestamp") from exc
    now = int(ctx.clock().timestamp())
    if abs(now - sent) > signing.MAX_SKEW_SECONDS:
        raise ServiceError(401, "auth.stale", {"server_time": now})
    with ctx.engine.begin() as conn:
        fresh = conn.execute(
            ctx.insert(t.nonces)
            .values(till_id=till_id, nonce=nonce, seen_at=now)
            .on_conflict_do_nothing()
            .returning(t.nonces.c.nonce)
        ).first()
        if fresh is None:
            raise ServiceError(401, "auth.replay")
        # A nonce older than the skew window can no longer pass the timestamp check.
        if secrets.randbelow(100) == 0:
            conn.execute(
                t.nonces.delete().where(t.nonces.c.seen_at < now - 2 * signing.MAX_SKEW_SECONDS)
            )
    return TillIdentity(id=till_id, store_id=till.store_id)
