"""Tiers, staff and rewards as versions with an effective time (issue 12).

Every write is a version kept in `object_versions` (nothing is ever lost); a version whose time
has come is applied to the live table exactly as an edit always was (`catalog.upsert_live`: a
new change number, so tills pull it by the ordinary objects path; a reward's opening stock only
for a new (reward, store)). A version effective now is applied in the request that wrote it;
a later one by `apply_due`, which head office's scheduler calls (and `loyalty-headoffice
versions apply`, for cron).

Why head office applies them instead of tills holding future versions as they do rules and
programs: they are few and rarely changed, and the till's hot path joins tiers by id, which a
versioned tier table would slow. The price: a till offline when a version came into force gets
it at its next pull (docs/SYNC.md, "Tiers, staff and rewards at their time").

Which version is in force, per object: the newest by (effective_from, version) among those
whose time has come, as for rules. Applying takes the counter lock first and re-reads, so two
servers at once serialise and the second finds nothing left to do: applying twice = once.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, Table, and_, func, select, update
from sqlalchemy.exc import IntegrityError

from loyalty_core.canonical import canonical_json
from loyalty_core.errors import LoyaltyError
from loyalty_core.rules_schema import effective_utc
from sync.headoffice import schema as t
from sync.headoffice.services.catalog import upsert_live
from sync.headoffice.services.context import Context, ServiceError, take_counter
from sync.wire.models import RewardOut, StaffOut, TierOut

log = logging.getLogger(__name__)
V = t.object_versions


@dataclass(frozen=True)
class Kind:
    model: type[BaseModel]
    table: Table
    keys: tuple[str, ...]
    keep: tuple[str, ...] = ()  # columns an edit leaves alone (a reward's stock)


KINDS: dict[str, Kind] = {
    "tier": Kind(TierOut, t.tiers, ("id",)),
    "staff": Kind(StaffOut, t.staff, ("id",)),
    "reward": Kind(RewardOut, t.rewards, ("id", "store_id"), keep=("stock",)),
}


def parse_version(kind: str, data: Any) -> tuple[BaseModel, str | None]:
    """A request body (the object as in the pull answer, plus an optional `effective_from`) as
    (object, effective time in UTC or None = now); refused whole with every error (422)."""
    if kind not in KINDS:
        raise ServiceError(404, "admin.unknown_kind", kind)
    if not isinstance(data, dict):
        raise ServiceError(422, "payload.invalid", [{"loc": [], "msg": "must be an object",
                                                     "type": "dict_type"}])
    fields = {k: v for k, v in data.items() if k != "effective_from"}
    errors: list[Any] = []
    effective: str | None = None
    if data.get("effective_from") is not None:
        try:
            effective = effective_utc(data["effective_from"])
        except LoyaltyError as exc:
            errors.append({"loc": ["effective_from"], "msg": exc.message, "type": exc.code})
    obj: BaseModel | None = None
    try:
        obj = KINDS[kind].model.model_validate(fields)
    except ValidationError as exc:
        errors = [*exc.errors(include_url=False, include_context=False, include_input=False),
                  *errors]
    if errors or obj is None:
        raise ServiceError(422, "payload.invalid", errors)
    return obj, effective


def write_version(ctx: Context, kind: str, obj: BaseModel, effective_from: str | None = None,
                  by: str | None = None) -> dict[str, Any]:
    """Keep `obj` as the object's next version, in force from `effective_from` (a time with its
    zone; None = now); applied in this same transaction when its time has come.
    A tier or staff code held by another one is refused (409) before anything is written, so
    a version never fails later for it."""
    spec = KINDS[kind]
    if effective_from is not None:  # canonical whoever calls: versions compare as text
        try:
            effective_from = effective_utc(effective_from)
        except LoyaltyError as exc:
            raise ServiceError(422, "payload.invalid", [
                {"loc": ["effective_from"], "msg": exc.message, "type": exc.code}]) from None
    body = obj.model_dump()
    object_id, scope = body["id"], (body["store_id"] if kind == "reward" else "")
    with ctx.engine.begin() as conn:
        seq = take_counter(conn, 1)  # the lock first: versions are numbered one at a time
        now = ctx.now()
        effective = effective_from or now
        if "code" in body:
            holder = conn.execute(select(spec.table.c.id).where(
                spec.table.c.code == body["code"], spec.table.c.id != object_id)).first()
            if holder is not None:
                raise ServiceError(409, "object.code_taken",
                                   f"{kind} code {body['code']} is held by {holder[0]}")
        version = 1 + int(conn.execute(select(func.max(V.c.version)).where(
            _key(kind, object_id, scope))).scalar() or 0)
        conn.execute(V.insert().values(
            kind=kind, object_id=object_id, scope=scope, version=version,
            effective_from=effective, body=canonical_json(body), state="scheduled",
            created_at=now, created_by=by))
        _settle(ctx, conn, kind, object_id, scope, seq, now)
        state = conn.execute(select(V.c.state).where(
            _key(kind, object_id, scope), V.c.version == version)).scalar_one()
    return {"ok": True, "kind": kind, "id": object_id, "store_id": scope or None,
            "version": version, "effective_from": effective, "state": state}


def apply_due(ctx: Context) -> list[dict[str, Any]]:
    """Apply every version whose time has come; one object per transaction, so one the live
    table refuses (marked `failed`, with the reason) holds up no other. Returns what changed."""
    now = ctx.now()
    with ctx.read() as conn:
        due = conn.execute(
            select(V.c.kind, V.c.object_id, V.c.scope).distinct()
            .where(V.c.state == "scheduled", V.c.effective_from <= now)
            .order_by(V.c.kind, V.c.object_id, V.c.scope)
        ).all()
    done: list[dict[str, Any]] = []
    for kind, object_id, scope in due:
        for _attempt in range(20):  # each failure takes one version out; bounded anyway
            try:
                with ctx.engine.begin() as conn:
                    seq = take_counter(conn, 1)
                    done += _settle(ctx, conn, kind, object_id, scope, seq, now)
                break
            except IntegrityError as exc:
                log.warning("version of %s %s refused by the live table: %s", kind, object_id,
                            exc.orig)
                with ctx.engine.begin() as conn:
                    take_counter(conn, 1)
                    winner = _winner(conn, kind, object_id, scope, now)
                    if winner is None or winner.state != "scheduled":
                        break
                    _mark(conn, kind, object_id, scope, winner.version, "failed", now,
                          f"refused by the live table: {type(exc.orig).__name__}")
                    done.append(_done(kind, object_id, scope, winner.version, "failed"))
    return done


def scheduled(ctx: Context, kind: str | None = None) -> list[dict[str, Any]]:
    """Versions not yet in force, soonest first: what is coming."""
    with ctx.read() as conn:
        query = select(V).where(V.c.state == "scheduled").order_by(
            V.c.effective_from, V.c.kind, V.c.object_id, V.c.scope, V.c.version)
        if kind is not None:
            query = query.where(V.c.kind == kind)
        return [_row_out(r) for r in conn.execute(query)]


def cancel(ctx: Context, kind: str, object_id: str, version: int,
           store_id: str | None = None) -> dict[str, Any]:
    """Cancel a version not yet applied; an applied one is history (409): write a new one."""
    scope = store_id or ""
    with ctx.engine.begin() as conn:
        take_counter(conn, 1)  # serialised with apply_due: never cancel one being applied
        row = conn.execute(select(V).where(_key(kind, object_id, scope),
                                           V.c.version == version)).first()
        if row is None:
            raise ServiceError(404, "not_found", f"no version {version} of {kind} {object_id}")
        if row.state != "scheduled":
            raise ServiceError(409, "version.not_scheduled",
                               f"version {version} of {kind} {object_id} is {row.state}")
        _mark(conn, kind, object_id, scope, version, "cancelled", ctx.now(), None)
        row = conn.execute(select(V).where(_key(kind, object_id, scope),
                                           V.c.version == version)).one()
    return _row_out(row)


def history(ctx: Context, kind: str, object_id: str, store_id: str | None = None,
            at: str | None = None) -> list[dict[str, Any]]:
    """Every version of one object in version order; with `at` (a time with its zone), only
    the one in force at that time: the last applied by then ([] if none was)."""
    scope = store_id or ""
    with ctx.read() as conn:
        if at is None:
            rows = conn.execute(select(V).where(_key(kind, object_id, scope))
                                .order_by(V.c.version)).all()
            return [_row_out(r) for r in rows]
        try:
            moment = effective_utc(at)
        except LoyaltyError as exc:
            raise ServiceError(422, "payload.invalid", [f"at: {exc.message}"]) from None
        row = conn.execute(
            select(V).where(_key(kind, object_id, scope), V.c.state == "applied",
                            V.c.settled_at <= moment)
            .order_by(V.c.settled_at.desc(), V.c.effective_from.desc(), V.c.version.desc())
            .limit(1)
        ).first()
    return [] if row is None else [_row_out(row)]


def _settle(ctx: Context, conn: Connection, kind: str, object_id: str, scope: str, seq: int,
            now: str) -> list[dict[str, Any]]:
    """Under the counter lock: put the object's version in force if a due one won, and mark
    the other due ones superseded. Nothing due: nothing done."""
    rows = _candidates(conn, kind, object_id, scope, now)
    due = [r for r in rows if r.state == "scheduled"]
    if not due:
        return []
    winner = max(rows, key=lambda r: (r.effective_from, r.version))
    done = []
    if winner.state == "scheduled":
        spec = KINDS[kind]
        values = {**json.loads(winner.body), "change_seq": seq}
        upsert_live(conn, ctx, spec.table, list(spec.keys), values, spec.keep)
        _mark(conn, kind, object_id, scope, winner.version, "applied", now, None)
        done.append(_done(kind, object_id, scope, winner.version, "applied"))
    for r in due:
        if r.version != winner.version:
            _mark(conn, kind, object_id, scope, r.version, "superseded", now,
                  f"version {winner.version} in force")
            done.append(_done(kind, object_id, scope, r.version, "superseded"))
    return done


def _candidates(conn: Connection, kind: str, object_id: str, scope: str, now: str) -> list[Any]:
    return list(conn.execute(select(V).where(
        _key(kind, object_id, scope), V.c.state.in_(("scheduled", "applied")),
        V.c.effective_from <= now)).all())


def _winner(conn: Connection, kind: str, object_id: str, scope: str, now: str) -> Any:
    rows = _candidates(conn, kind, object_id, scope, now)
    return max(rows, key=lambda r: (r.effective_from, r.version)) if rows else None


def _mark(conn: Connection, kind: str, object_id: str, scope: str, version: int, state: str,
          now: str, note: str | None) -> None:
    conn.execute(update(V).where(_key(kind, object_id, scope), V.c.version == version)
                 .values(state=state, settled_at=now, note=note))


def _key(kind: str, object_id: str, scope: str) -> Any:
    return and_(V.c.kind == kind, V.c.object_id == object_id, V.c.scope == scope)


def _done(kind: str, object_id: str, scope: str, version: int, state: str) -> dict[str, Any]:
    return {"kind": kind, "id": object_id, "store_id": scope or None, "version": version,
            "state": state}


def _row_out(row: Any) -> dict[str, Any]:
    """A version as listed; a staff member's PIN hash stays in the table, never in a listing."""
    body = json.loads(row.body)
    if "pin_hash" in body:
        body["pin_hash"] = "(kept)"
    return {"kind": row.kind, "id": row.object_id, "store_id": row.scope or None,
            "version": row.version, "effective_from": row.effective_from,
            "state": row.state, "created_at": row.created_at, "created_by": row.created_by,
            "settled_at": row.settled_at, "note": row.note, "body": body}
