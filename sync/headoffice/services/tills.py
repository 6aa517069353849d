"""Tills: one-time enrolment codes, registration, revocation, request authentication and
secret rotation. Secrets are derived from the master key (tillsecrets.py), never stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update

from loyalty_core.ids import iso_utc, new_id
from sync.headoffice import schema as t
from sync.headoffice.db import unflushed
from sync.headoffice.services import hokeys, tillsecrets
from sync.headoffice.services.context import Context, ServiceError, TillIdentity
from sync.headoffice.services.hoentries import HEAD_OFFICE_TILL
from sync.wire import signing
from sync.wire.models import EnrolmentCodeOut, RegisterResponse

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def create_enrolment_code(
    ctx: Context, store_id: str, ttl: timedelta = timedelta(days=1)
) -> EnrolmentCodeOut:
    """Only the code's hash is stored: a copy of the database does not enrol a till."""
    # Read aloud and typed on a command line: no '-' (a leading one is an option to argparse)
    # and no look-alikes; 16 characters of 32 are 80 bits.
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
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
    if till_id == HEAD_OFFICE_TILL:  # head office's own chain (services/hoentries.py)
        raise ServiceError(409, "enrol.reserved_id", {"till_id": till_id})
    now = ctx.now()
    secret = tillsecrets.derive(ctx.master_key, till_id, 1)
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
                secret_gen=1,
                status="active",
                registered_at=now,
            )
            .on_conflict_do_nothing()
            .returning(t.tills.c.id)
        ).first()
        if inserted is None:
            # Rolls back the code too, so the operator can retry with a fresh till id.
            raise ServiceError(409, "enrol.till_exists", till_id)
    return RegisterResponse(till_id=till_id, secret=secret, store_id=claimed.store_id,
                            **pinned_keys(ctx))


def pinned_keys(ctx: Context) -> dict[str, str]:
    """What a till pins at enrolment (and again at rotation): head office's public answer key
    and the chain key for other stores' card numbers (hokeys.py)."""
    return {"ho_public_key": hokeys.answer_public_key(ctx.master_key),
            "chain_key": hokeys.chain_key(ctx.master_key)}


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
            select(
                t.tills.c.secret_wrap, t.tills.c.secret_gen, t.tills.c.pending_gen,
                t.tills.c.status, t.tills.c.store_id,
            ).where(t.tills.c.id == till_id)
        ).first()
    if till is None:
        raise ServiceError(401, "auth.unknown_till", till_id)
    current = (
        tillsecrets.unseal(ctx.master_key, till_id, till.secret_wrap)
        if till.secret_wrap
        else tillsecrets.derive(ctx.master_key, till_id, int(till.secret_gen))
    )
    if not signing.verify(current, signature, method, path, timestamp, nonce, body):
        pending = till.pending_gen
        if pending is None or not signing.verify(
            tillsecrets.derive(ctx.master_key, till_id, int(pending)),
            signature, method, path, timestamp, nonce, body,
        ):
            raise ServiceError(401, "auth.bad_signature")
        _finish_rotation(ctx, till_id, int(pending))
    if till.status != "active":
        raise ServiceError(403, "auth.revoked", till_id)
    try:
        sent = int(timestamp)
    except ValueError as exc:
        raise ServiceError(401, "auth.bad_timestamp") from exc
    now = int(ctx.clock().timestamp())
    if abs(now - sent) > signing.MAX_SKEW_SECONDS:
        raise ServiceError(401, "auth.stale", {"server_time": now})
    with unflushed(ctx.engine) as conn:
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


def rotate_secret(ctx: Context, till: TillIdentity) -> RegisterResponse:
    """Issue the till's next secret. The current one keeps working until the till signs a
    request with the new one (then it is refused for ever), so a reply lost on the way does
    not lock the till out: asking again returns the same pending secret."""
    with ctx.engine.begin() as conn:
        row = conn.execute(
            select(t.tills.c.secret_gen, t.tills.c.pending_gen).where(t.tills.c.id == till.id)
        ).one()
        pending = row.pending_gen
        if pending is None:
            pending = int(row.secret_gen) + 1
            conn.execute(
                update(t.tills).where(t.tills.c.id == till.id).values(pending_gen=pending)
            )
    return RegisterResponse(
        till_id=till.id,
        secret=tillsecrets.derive(ctx.master_key, till.id, int(pending)),
        store_id=till.store_id,
        **pinned_keys(ctx),
    )


def _finish_rotation(ctx: Context, till_id: str, generation: int) -> None:
    with ctx.engine.begin() as conn:
        conn.execute(
            update(t.tills)
            .where(t.tills.c.id == till_id, t.tills.c.pending_gen == generation)
            .values(secret_gen=generation, pending_gen=None, secret_wrap=None, secret=None)
        )


def seal_legacy_secrets(ctx: Context) -> int:
    """Secrets issued before derivation (kept in clear by the old schema) are sealed under the
    master key and the clear column emptied; returns how many."""
    with ctx.engine.begin() as conn:
        rows = conn.execute(
            select(t.tills.c.id, t.tills.c.secret).where(t.tills.c.secret.is_not(None))
        ).all()
        for row in rows:
            conn.execute(
                update(t.tills)
                .where(t.tills.c.id == row.id)
                .values(secret_wrap=tillsecrets.seal(ctx.master_key, row.id, row.secret),
                        secret=None)
            )
    return len(rows)
