"""Hostile input against every head-office endpoint, signed and unsigned (hypothesis).

Bodies are random JSON, valid bodies with one thing broken (a field dropped, added, given the
wrong type, a float for money, a huge integer, a huge or NUL-laden string, nested junk), raw
non-JSON bytes, and pushes of correctly hashed entries whose fields are hostile. For each:

- head office never answers 5xx;
- junk (anything the endpoint's pydantic model refuses) and unauthenticated calls get a 4xx;
- a refused request writes nothing: every table but the nonce log is unchanged.

`SYNC_FUZZ_EXAMPLES` scales the run (default 300 per database).
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from sqlalchemy import func, select

from loyalty_core.canonical import ENTRY_FIELDS, GENESIS_HASH, entry_hash
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, new_id, utcnow
from sync.headoffice import schema
from sync.wire import signing
from sync.wire.models import (
    ConfirmRequest,
    HoldRequest,
    PullRequest,
    PushRequest,
    QuarantineReport,
    ReconcileRequest,
    RegisterRequest,
    ReserveRequest,
    RewardOut,
    RuleOut,
    StaffOut,
    StockMove,
    TierOut,
)
from tests.sync.conftest import ADMIN_TOKEN, STORE, HeadOfficeEnv

EXAMPLES = int(os.environ.get("SYNC_FUZZ_EXAMPLES", "300"))
HUGE = 2**70

# -- values ------------------------------------------------------------------------------------

nasty_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "\x00", "a\x00b", "\ud800", "\udfff", "Nguyễn Thị Lan", "💳" * 30,
                     "' OR 1=1 --", "%s%s%n", "../../etc/passwd", "\u202e", "0" * 65,
                     "x" * 70_000, "NaN", "1e309", "-0"]),
)
nasty_int = st.one_of(
    st.integers(min_value=-(2**31), max_value=2**31),
    st.sampled_from([0, -1, 2**31, 2**32, 2**53 + 1, 2**63 - 1, 2**63, -(2**63) - 1, HUGE,
                     -HUGE, 10**40]),
)
nasty_float = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.just(1.0),
                        st.just(100000.5))
scalars = st.one_of(st.none(), st.booleans(), nasty_int, nasty_float, nasty_text)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(nasty_text, inner, max_size=4)),
    max_leaves=12,
)


def dumps(value: Any) -> bytes:
    """JSON as a careless client writes it: NaN and Infinity tokens, lone surrogates escaped."""
    return json.dumps(value, allow_nan=True).encode()


# -- valid bodies to break ---------------------------------------------------------------------


def entry(till_id: str, seq: int, prev: str, **over: Any) -> dict[str, Any]:
    e: dict[str, Any] = {
        "id": new_id(), "till_id": till_id, "seq": seq, "created_at": iso_utc(utcnow()),
        "kind": "sv.topup", "card_id": new_id(), "account": "stored_value", "amount": 10_000,
        "operation_id": new_id(), "sale_id": None, "staff_id": None, "approval_id": None,
        "rule_version": 1, "reason": None, "payload": {}, "prev_hash": prev,
    }
    e.update(over)
    try:
        e["hash"] = entry_hash({k: e[k] for k in ENTRY_FIELDS})
    except (UnicodeEncodeError, LoyaltyError):
        # A lone surrogate or a NaN cannot be hashed canonically: send a made-up hash.
        e["hash"] = "0" * 64
    return e


def templates(till_id: str) -> dict[str, dict[str, Any]]:
    return {
        "push": {"entries": [entry(till_id, 10**6, GENESIS_HASH)]},
        "pull": {"journal_cursor": 0, "objects_cursor": 0, "flags_cursor": 0, "limit": 10},
        "reserve": {"reservation_id": new_id(), "card_id": new_id(), "amount": 1_000},
        "confirm": {"operation_id": new_id()},
        "release": {},
        "reconcile": {"run_id": new_id(), "chunk": 0, "first": "", "last": "", "final": True,
                      "cards": [{"card_id": new_id(), "balances": {"points": 5}}],
                      "digest": {till_id: {"count": 0, "last_seq": 0,
                                           "last_hash": GENESIS_HASH}}},
        "quarantine": {"entries": [{"entry_id": new_id(), "till_id": new_id(), "seq": 3,
                                    "kind": "card.issue", "reason": "card.id_taken: here",
                                    "at": "2026-12-01T07:00:00.000000Z"}]},
        "snapshot": {},
        "register": {"code": "not-a-real-code-123", "till_id": new_id(), "name": "Quầy 9"},
        "rules": {"version": 99, "effective_from": "2020-01-01T00:00:00.000000Z",
                  "rules": {"points_per_10000": 1}},
        "tiers": {"id": new_id(), "code": "fz", "name": "Fuzz", "rank": 9, "threshold": 1,
                  "earn_multiplier_pct": 100, "discount_bp": 0, "birthday_points": 0},
        "staff": {"id": new_id(), "code": "9999", "name": "Fuzz", "role": "cashier",
                  "pin_hash": "x", "card_number": None, "active": False},
        "rewards": {"id": new_id(), "store_id": STORE, "name": "Fuzz", "points_cost": 1,
                    "stock": 0, "active": False},
        "enrolment": {"store_id": STORE},
        "revoke": {},
        "overdrawn": {},
        "hold": {"hold_id": new_id(), "operation_id": new_id(), "card_id": new_id(),
                 "items": [{"resource": "points", "amount": 5},
                           {"resource": "voucher", "subject": new_id(), "amount": 1}]},
        "confirm_hold": {"operation_id": new_id()},
        "release_hold": {},
        "flags": {},
        "reward_stock": {"reward_id": new_id(), "store_id": STORE, "quantity": 3},
    }


# endpoint name -> (method, path, model the server parses the body with, who may call it)
ENDPOINTS: dict[str, tuple[str, str, type[BaseModel] | None, str]] = {
    "push": ("POST", "/v1/push", PushRequest, "till"),
    "pull": ("POST", "/v1/pull", PullRequest, "till"),
    "reserve": ("POST", "/v1/reservations", ReserveRequest, "till"),
    "confirm": ("POST", "/v1/reservations/{id}/confirm", ConfirmRequest, "till"),
    "release": ("POST", "/v1/reservations/{id}/release", None, "till"),
    "reconcile": ("POST", "/v1/reconcile", ReconcileRequest, "till"),
    "quarantine": ("POST", "/v1/quarantine", QuarantineReport, "till"),
    "snapshot": ("POST", "/v1/snapshot", None, "till"),
    "register": ("POST", "/v1/tills/register", RegisterRequest, "anyone"),
    "rules": ("PUT", "/v1/admin/rules", RuleOut, "admin"),
    "tiers": ("PUT", "/v1/admin/tiers", TierOut, "admin"),
    "staff": ("PUT", "/v1/admin/staff", StaffOut, "admin"),
    "rewards": ("PUT", "/v1/admin/rewards", RewardOut, "admin"),
    "enrolment": ("POST", "/v1/admin/enrolment-codes", None, "admin"),
    "revoke": ("POST", "/v1/admin/tills/{id}/revoke", None, "admin"),
    "overdrawn": ("GET", "/v1/reports/overdrawn", None, "admin"),
    "hold": ("POST", "/v1/holds", HoldRequest, "till"),
    "confirm_hold": ("POST", "/v1/holds/{id}/confirm", ConfirmRequest, "till"),
    "release_hold": ("POST", "/v1/holds/{id}/release", None, "till"),
    "flags": ("GET", "/v1/reports/flags", None, "admin"),
    "reward_stock": ("POST", "/v1/admin/reward-stock", StockMove, "admin"),
}

MONEY = {"amount", "points_cost", "threshold", "stock", "seq", "chunk", "limit", "version",
         "journal_cursor", "objects_cursor", "flags_cursor", "rank", "rule_version"}


@st.composite
def broken(draw: st.DrawFn, template: dict[str, Any]) -> Any:
    """The template with one thing broken, at the top level or inside its first list item."""
    body = json.loads(json.dumps(template))
    target = body
    for key in ("entries", "cards"):
        if key in body and body[key] and draw(st.booleans()):
            target = body[key][0]
    keys = sorted(target)
    op = draw(st.sampled_from(["drop", "extra", "junk", "float", "huge", "string", "wrap"]))
    if op == "extra" or not keys:
        target[draw(nasty_text)] = draw(json_values)
        return body
    key = draw(st.sampled_from(keys))
    if op == "drop":
        del target[key]
    elif op == "junk":
        target[key] = draw(json_values)
    elif op == "float":
        target[key] = draw(nasty_float)
    elif op == "huge":
        target[key] = draw(st.sampled_from([HUGE, -HUGE, 2**63, 10**40]))
    elif op == "string":
        target[key] = draw(nasty_text)
    else:
        target[key] = [target[key]]
    return body


@st.composite
def hostile_push(draw: st.DrawFn, till_id: str) -> dict[str, Any]:
    """Entries that pass the hash check (a till's secret in hostile hands) with odd fields."""
    over: dict[str, Any] = {}
    for field, values in (
        ("seq", st.one_of(st.integers(1, 10**6), st.sampled_from([2**31, 2**63 - 1, 2**63,
                                                                    HUGE]))),
        ("amount", nasty_int),
        ("rule_version", st.one_of(st.none(), nasty_int)),
        ("reason", st.one_of(st.none(), nasty_text)),
        ("kind", st.sampled_from(["sv.topup", "member.enroll", "card.issue", "card.status",
                                  "tier.change", "x" * 64, "é"])),
        ("payload", st.dictionaries(nasty_text, json_values, max_size=3)),
        ("card_id", st.one_of(st.none(), nasty_text)),
        ("created_at", st.sampled_from(["2020-01-01T00:00:00.000000Z", "\x00" * 24,
                                        "nineteen eighty-four!"])),
    ):
        if draw(st.booleans()):
            over[field] = draw(values)
    return {"entries": [entry(till_id, over.pop("seq", 10**6), GENESIS_HASH, **over)]}


# -- the test ----------------------------------------------------------------------------------

TABLES = [schema.journal, schema.till_progress, schema.balances, schema.card_flags,
          schema.members, schema.cards, schema.reservations, schema.reconciliations,
          schema.tills, schema.enrolment_codes, schema.rules, schema.tiers, schema.staff,
          schema.rewards, schema.counters, schema.voucher_uses, schema.reward_stock,
          schema.overuse]


def fingerprint(env: HeadOfficeEnv) -> list[Any]:
    """Everything head office holds except the nonce log (a signed request's nonce is spent
    once its signature checked, whatever the payload)."""
    out: list[Any] = []
    with env.ho.engine.connect() as conn:
        for table in TABLES:
            rows = conn.execute(select(table)).all()
            out.append((table.name, len(rows), sorted(map(repr, rows))))
        out.append(int(conn.execute(select(func.count()).select_from(schema.journal))
                       .scalar_one()))
    return out


def valid_for(model: type[BaseModel] | None, body: bytes) -> bool:
    if model is None:
        return True
    try:
        model.model_validate_json(body or b"{}")
    except ValidationError:
        return False
    return True


@given(data=st.data())
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
def test_hostile_requests_never_500_and_refusals_write_nothing(
    data: st.DataObject, fuzz_till: tuple[HeadOfficeEnv, str, str]
) -> None:
    env, till_id, secret = fuzz_till
    name = data.draw(st.sampled_from(sorted(ENDPOINTS)), "endpoint")
    method, path, model, who = ENDPOINTS[name]
    if "{id}" in path:
        # Any id but a "/" (which names another route, a routing 404 before any auth).
        ident = data.draw(st.one_of(st.just(new_id()), st.text(min_size=1, max_size=80)
                                    .filter(lambda s: s != till_id and "/" not in s)),
                          "path id")
        path = path.replace("{id}", requests.utils.quote(ident, safe=""))
    kind = data.draw(st.sampled_from(["broken", "json", "bytes", "valid", "hostile"]), "kind")
    template = templates(till_id)[name]
    if kind == "broken":
        body = dumps(data.draw(broken(template), "body"))
    elif kind == "json":
        body = dumps(data.draw(json_values, "body"))
    elif kind == "bytes":
        body = data.draw(st.one_of(st.binary(max_size=64), st.sampled_from(
            [b"", b"{", b"null", b"[]", b"\xff\xfe\x00", b'{"entries": [', b"{}" * 1000,
             b'{"a":' * 5000, b"\x00" * 100])), "body")
    elif kind == "hostile" and name == "push":
        body = dumps(data.draw(hostile_push(till_id), "body"))
    else:
        body = dumps(template)
    signed_as = data.draw(st.sampled_from(["good", "none", "bad"]), "auth")
    headers = {"Content-Type": "application/json"}
    if signed_as == "good" and who == "till":
        headers.update(signing.signed_headers(till_id, secret, method, path, body))
    elif signed_as == "good" and who == "admin":
        headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
    elif signed_as == "bad":
        headers.update(signing.signed_headers(till_id, secret, method, path, body + b" "))
        headers["Authorization"] = "Bearer not-the-token"

    before = fingerprint(env)
    resp = requests.request(method, env.url + path, data=body, headers=headers, timeout=30)
    after = fingerprint(env)

    assert resp.status_code < 500, (name, kind, signed_as, body[:300], resp.text[:300])
    authorised = signed_as == "good" or who == "anyone"
    if not authorised:
        assert resp.status_code in (401, 403), (name, signed_as, resp.status_code)
    if not valid_for(model, body):
        assert 400 <= resp.status_code < 500, (name, kind, body[:300], resp.status_code)
    if resp.status_code >= 400:
        assert after == before, (name, kind, signed_as, resp.status_code, body[:300])
    assert resp.status_code in (200, 401, 403, 404, 409, 413, 422), resp.status_code


@pytest.fixture
def fuzz_till(head_office: HeadOfficeEnv) -> tuple[HeadOfficeEnv, str, str]:
    code = head_office.ho.create_enrolment_code(STORE).code
    reg = head_office.ho.register(code, new_id(), "fuzz")
    return head_office, reg.till_id, reg.secret
