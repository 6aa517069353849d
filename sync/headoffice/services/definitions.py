"""Head office's definitions: programs (every kind), membership plans, coalition partners and
vouchers (a single code, or a batch generated here with unguessable codes).

Each is a versioned object with an effective time (UTC), checked whole by
`loyalty_core.definitions_schema` (the program kinds by the till's own `programs.REGISTRY`
validators) and refused whole, with every error, when invalid (422). Each write takes a change
number, so tills pull exactly what changed after their objects cursor, scoped to their store's
definitions and the chain-wide ones (services/pull.py).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from loyalty_core.canonical import canonical_json
from loyalty_core.definitions_schema import (
    VOUCHER_ALPHABET,
    checked_definition,
    clean_code,
    definition_errors,
)
from loyalty_core.errors import LoyaltyError
from sync.headoffice import schema as t
from sync.headoffice.db import in_list, insert_many
from sync.headoffice.services.context import Context, ServiceError, take_counter
from sync.wire.models import DefinitionOut

MAX_BATCH = 10_000
CODE_LENGTH = 12  # 32^12 = 2^60 codes: unguessable at a counter or by a script


def set_definition(ctx: Context, kind: str, obj: dict[str, Any]) -> DefinitionOut:
    """Create or version one definition. Without a version it is the next one. The same version
    sent again unchanged is a no-op (a retried request); changed, or older than the newest, 409."""
    if not isinstance(obj, dict):
        raise ServiceError(422, "definition.invalid", ["(root): must be an object"])
    obj = {**obj, "kind": kind}
    with ctx.engine.begin() as conn:
        first = take_counter(conn, 1)  # the lock first: versions are numbered one at a time
        if obj.get("version") is None:
            try:
                obj["version"] = _newest(conn, kind, clean_code(kind, obj.get("code"))) + 1
            except LoyaltyError:
                obj["version"] = 1  # the check below names the code's problem
        env = _checked(conn, obj)
        held = _held(conn, env)
        if held is not None:
            if held != (env["effective_from"], canonical_json(env["body"]), env["store_id"]):
                raise ServiceError(409, "definition.conflict",
                                   f"version {env['version']} of {env['code']} exists")
            return _out(env)
        newest = _newest(conn, kind, env["code"])
        if env["version"] < newest:
            raise ServiceError(409, "definition.stale_version",
                               f"{env['code']} is at version {newest}")
        _insert(conn, [env], first, ctx.now(), None)
    return _out(env)


def generate_vouchers(
    ctx: Context, count: int, body: dict[str, Any], effective_from: str,
    store_id: str | None = None, prefix: str = "",
) -> tuple[str, list[str]]:
    """A batch of `count` single vouchers with the same terms and unguessable codes, all or none.
    Returns (batch id, codes); `batch_codes` gives the codes again for export."""
    errors = []
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_BATCH:
        errors.append(f"count: 1 to {MAX_BATCH}")
        count = 1
    if not isinstance(prefix, str) or len(prefix) > 8 or not all(
        ch.isascii() and ch.isalnum() for ch in prefix
    ):
        errors.append("prefix: at most 8 letters or digits")
        prefix = ""
    if not isinstance(body, dict):
        body = {}
        errors.append("body: must be an object")
    if "batch" in body:
        errors.append("body.batch: head office names the batch")
    batch = "B" + "".join(secrets.choice(VOUCHER_ALPHABET) for _ in range(11))
    body = {**body, "batch": batch}
    errors += definition_errors("voucher", prefix.upper() + "X" * CODE_LENGTH, 1, effective_from,
                                store_id, body)
    if errors:
        raise ServiceError(422, "definition.invalid", errors)
    with ctx.engine.begin() as conn:
        _check_member(conn, body)
        codes: set[str] = set()
        while len(codes) < count:
            fresh = {prefix.upper() + "".join(secrets.choice(VOUCHER_ALPHABET)
                                              for _ in range(CODE_LENGTH))
                     for _ in range(count - len(codes))}
            taken = set(conn.execute(select(t.definitions.c.code).where(
                t.definitions.c.kind == "voucher", in_list(conn, t.definitions.c.code,
                                                           sorted(fresh)))).scalars())
            codes |= fresh - taken
        ordered = sorted(codes)
        envs = [checked_definition({"kind": "voucher", "code": code, "version": 1,
                                    "effective_from": effective_from, "store_id": store_id,
                                    "body": body}) for code in ordered]
        first = take_counter(conn, len(envs))
        _insert(conn, envs, first, ctx.now(), batch)
    return batch, ordered


def batch_codes(ctx: Context, batch: str) -> list[dict[str, Any]]:
    """A batch's vouchers (code and terms of the newest version) for export; [] if unknown."""
    with ctx.read() as conn:
        rows = conn.execute(
            select(t.definitions.c.code, t.definitions.c.body, t.definitions.c.store_id,
                   t.definitions.c.effective_from)
            .where(t.definitions.c.kind == "voucher", t.definitions.c.batch == batch)
            .order_by(t.definitions.c.code, t.definitions.c.version)
        ).all()
    out: dict[str, dict[str, Any]] = {}
    for code, body, store_id, effective in rows:
        out[code] = {"code": code, "store_id": store_id, "effective_from": effective,
                     "min_spend": 0, "max_uses": 1,
                     **json.loads(body)}
    return list(out.values())


def list_definitions(ctx: Context, kind: str | None = None) -> list[DefinitionOut]:
    """The newest version of every definition (of one kind), vouchers of batches included."""
    with ctx.read() as conn:
        query = select(t.definitions).order_by(t.definitions.c.kind, t.definitions.c.code,
                                               t.definitions.c.version)
        if kind is not None:
            query = query.where(t.definitions.c.kind == kind)
        newest: dict[tuple[str, str], DefinitionOut] = {}
        for row in conn.execute(query):
            newest[(row.kind, row.code)] = row_out(row)
    return list(newest.values())


def row_out(row: Any) -> DefinitionOut:
    return DefinitionOut(kind=row.kind, code=row.code, version=row.version, id=row.id,
                         store_id=row.store_id, effective_from=row.effective_from,
                         body=json.loads(row.body))


def _checked(conn: Connection, obj: dict[str, Any]) -> dict[str, Any]:
    try:
        env = checked_definition(obj)
    except LoyaltyError as exc:
        raise ServiceError(422, exc.code, exc.params.get("errors", [])) from None
    if env["kind"] == "voucher":
        _check_member(conn, env["body"])
    return env


def _check_member(conn: Connection, body: dict[str, Any]) -> None:
    member = body.get("member_id")
    if member is not None and conn.execute(
        select(t.members.c.id).where(t.members.c.id == member)
    ).first() is None:
        raise ServiceError(422, "definition.invalid", ["body.member_id: no such member"])


def _newest(conn: Connection, kind: str, code: str) -> int:
    value = conn.execute(
        select(func.max(t.definitions.c.version)).where(
            t.definitions.c.kind == kind, t.definitions.c.code == code)
    ).scalar()
    return int(value or 0)


def _held(conn: Connection, env: dict[str, Any]) -> tuple[str, str, str | None] | None:
    row = conn.execute(
        select(t.definitions.c.effective_from, t.definitions.c.body, t.definitions.c.store_id)
        .where(t.definitions.c.kind == env["kind"], t.definitions.c.code == env["code"],
               t.definitions.c.version == env["version"])
    ).first()
    return None if row is None else (row[0], row[1], row[2])


def _insert(conn: Connection, envs: Sequence[dict[str, Any]], first: int, now: str,
            batch: str | None) -> None:
    insert_many(conn, t.definitions, [
        {
            "kind": e["kind"],
            "code": e["code"],
            "version": e["version"],
            "id": e["id"],
            "store_id": e["store_id"],
            "effective_from": e["effective_from"],
            "body": canonical_json(e["body"]),
            "batch": batch,
            "created_at": now,
            "change_seq": first + i,
        }
        for i, e in enumerate(envs)
    ])
    # A voucher's use limit is what head office's holds and overuse flags count against
    # (services/resources.py): known from its definition, not from a till's entry. A new version
    # changes the limit at once, never the uses counted.
    vouchers = [
        {"voucher_id": e["id"], "code": e["code"],
         "max_uses": int(e["body"].get("max_uses") or 1), "uses": 0}
        for e in envs if e["kind"] == "voucher"
    ]
    if vouchers:
        insert_many(conn, t.voucher_uses, vouchers, conflict=["voucher_id"],
                    replace=["code", "max_uses"])


def _out(env: dict[str, Any]) -> DefinitionOut:
    return DefinitionOut(**env)
