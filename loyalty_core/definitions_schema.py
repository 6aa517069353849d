"""What head office may define for the chain (programs, membership plans, coalition partners,
vouchers), checked the same way where it is set (head office) and where it is applied (a till).

A definition is typed by a person at head office and then runs at every till, so it is judged
whole before it is stored: every error is listed at once (`path: reason`), and an invalid one is
refused and changes nothing. Program parameters are judged by the till's own `programs.REGISTRY`
validators, one parameter at a time so that every bad parameter is named, then whole.

A definition travels as an envelope: `kind`, `code` (its name in the chain), `version`, `id`,
`store_id` (None: every store), `effective_from` (UTC) and `body` (the kind's fields). Ids are
derived from the code, so head office and every till agree without asking: a plan or a voucher
keeps one id across versions (memberships and voucher uses name it); a program or partner gets
one per version, so a till can keep a running version in force until the next one's effective
time.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from loyalty_core.bounds import MAX_AMOUNT, MAX_ID, MAX_TEXT
from loyalty_core.errors import LoyaltyError
from loyalty_core.inputs import clean_text
from loyalty_core.rules_schema import effective_utc

DEFINITION_KINDS = ("program", "plan", "partner", "voucher")
# Versions of these are kept side by side at a till, each from its effective time.
VERSIONED_ROWS = ("program", "partner")
_NAMESPACE = uuid.UUID("6f1d3c52-6b8e-4d0f-9a41-2f4f3b0c9e17")
CODE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_"
VOUCHER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a counter


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


DAY = r"^\d{4}-\d{2}-\d{2}$"


class ProgramBody(_Strict):
    kind: str = Field(min_length=1, max_length=24)
    name: str = Field(min_length=1, max_length=MAX_TEXT)
    params: dict[str, Any]
    starts_on: str | None = Field(default=None, pattern=DAY)
    ends_on: str | None = Field(default=None, pattern=DAY)
    active: bool = True


class PlanBody(_Strict):
    name: str = Field(min_length=1, max_length=MAX_TEXT)
    fee: int = Field(ge=0, le=MAX_AMOUNT)
    term_days: int = Field(ge=1, le=36_500)
    discount_bp: int = Field(default=0, ge=0, le=10_000)
    earn_multiplier_pct: int = Field(default=100, ge=0, le=1_000)
    active: bool = True


class PartnerBody(_Strict):
    name: str = Field(min_length=1, max_length=MAX_TEXT)
    ours: int = Field(ge=1, le=1_000_000)
    theirs: int = Field(ge=1, le=1_000_000)
    active: bool = True


class VoucherBody(_Strict):
    kind: Literal["percent", "fixed"]
    value: int = Field(ge=1, le=MAX_AMOUNT)
    min_spend: int = Field(default=0, ge=0, le=MAX_AMOUNT)
    max_uses: int = Field(default=1, ge=1, le=1_000)
    valid_from: str = Field(pattern=DAY)
    valid_to: str = Field(pattern=DAY)
    member_id: str | None = Field(default=None, min_length=1, max_length=MAX_ID)
    reason: str | None = Field(default=None, max_length=MAX_TEXT)
    batch: str | None = Field(default=None, max_length=MAX_ID)


BODIES: dict[str, type[_Strict]] = {
    "program": ProgramBody,
    "plan": PlanBody,
    "partner": PartnerBody,
    "voucher": VoucherBody,
}


def definition_id(kind: str, code: str, version: int) -> str:
    """The id a definition's row has everywhere (see the module docstring)."""
    name = f"{kind}:{code}:{version}" if kind in VERSIONED_ROWS else f"{kind}:{code}"
    return str(uuid.uuid5(_NAMESPACE, name))


def clean_code(kind: str, code: object) -> str:
    """Programs, plans and partners: lower-case words; vouchers: what a cashier types."""
    if not isinstance(code, str):
        raise LoyaltyError("definition.bad_code", "code must be text")
    if kind == "voucher":
        text = code.strip().upper()
        if 3 <= len(text) <= 32 and all(ch.isascii() and (ch.isalnum() or ch == "-")
                                        for ch in text):
            return text
        raise LoyaltyError("definition.bad_code", "voucher code is 3-32 letters, digits or dashes")
    text = code.strip()
    if 1 <= len(text) <= 32 and all(ch in CODE_CHARS for ch in text):
        return text
    raise LoyaltyError("definition.bad_code", "code is 1-32 of a-z, 0-9, '-' and '_'")


def _dates(body: dict[str, Any], first: str, last: str) -> list[str]:
    errors = []
    days: dict[str, date] = {}
    for key in (first, last):
        value = body.get(key)
        if isinstance(value, str):
            try:
                days[key] = date.fromisoformat(value)
            except ValueError:
                errors.append(f"body.{key}: not a calendar date")
    if len(days) == 2 and days[last] < days[first]:
        errors.append(f"body.{last}: ends before it starts")
    return errors


def _program_errors(body: dict[str, Any]) -> list[str]:
    from loyalty_core.programs import REGISTRY, coalition  # they never import this module

    kind = body.get("kind")
    params = body.get("params")
    if not isinstance(kind, str) or not isinstance(params, dict):
        return []  # the model has named it
    if kind not in REGISTRY:
        return [f"body.kind: unknown program kind {kind!r} (one of {', '.join(REGISTRY)})"]
    errors = []
    found: set[str] = set()
    for key, value in params.items():
        if isinstance(value, float):
            errors.append(f"body.params.{key}: program numbers are integers")
            found.add(key)
            continue
        try:
            REGISTRY[kind].validate({key: value})
        except LoyaltyError as exc:
            errors.append(f"body.params.{key}: {exc.message}")
            found.add(key)
    if not errors:
        try:
            REGISTRY[kind].validate(params)
        except LoyaltyError as exc:
            errors.append(f"body.params.{exc.params.get('field', '')}: {exc.message}")
    if kind == coalition.KIND.name:
        errors.append("body.kind: a coalition partner is defined as a partner, not a program")
    return errors


def definition_errors(kind: object, code: object, version: object, effective_from: object,
                      store_id: object, body: object) -> list[str]:
    """Every problem with one definition, as `path: reason` lines; empty when it is valid."""
    if kind not in DEFINITION_KINDS:
        return [f"kind: one of {', '.join(DEFINITION_KINDS)}"]
    assert isinstance(kind, str)
    errors: list[str] = []
    try:
        clean_code(kind, code)
    except LoyaltyError as exc:
        errors.append(f"code: {exc.message}")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version < 2**31:
        errors.append("version: a whole number from 1")
    try:
        effective_utc(effective_from)
    except LoyaltyError as exc:
        errors.append(f"effective_from: {exc.message}")
    if store_id is not None and (not isinstance(store_id, str) or not 0 < len(store_id) <= MAX_ID):
        errors.append("store_id: an id, or null for every store")
    if not isinstance(body, dict):
        return [*errors, "body: must be an object"]
    try:
        BODIES[kind].model_validate(body)
    except ValidationError as exc:
        errors += [
            f"body.{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        ]
    for key in ("name", "reason"):
        if isinstance(body.get(key), str):
            try:
                clean_text(body[key], key, required=key == "name")
            except LoyaltyError as exc:
                errors.append(f"body.{key}: {exc.message}")
    if kind == "program":
        errors += _program_errors(body)
        errors += _dates(body, "starts_on", "ends_on")
    elif kind == "voucher":
        errors += _dates(body, "valid_from", "valid_to")
        if body.get("kind") == "percent" and isinstance(body.get("value"), int) \
                and body["value"] > 10_000:
            errors.append("body.value: a percentage voucher is at most 10000 bp (100 %)")
    return errors


def checked_definition(obj: object) -> dict[str, Any]:
    """The envelope in its stored form (code cleaned, effective time in UTC, id derived), or
    `LoyaltyError("definition.invalid")` naming every error."""
    if not isinstance(obj, dict):
        raise LoyaltyError("definition.invalid", "definition is not valid",
                           errors=["(root): must be an object"])
    extra = set(obj) - {"kind", "code", "version", "id", "store_id", "effective_from", "body"}
    errors = [f"{key}: unknown field" for key in sorted(extra)]
    errors += definition_errors(obj.get("kind"), obj.get("code"), obj.get("version"),
                                obj.get("effective_from"), obj.get("store_id"), obj.get("body"))
    if errors:
        raise LoyaltyError("definition.invalid", "definition is not valid", errors=errors)
    kind = str(obj["kind"])
    code = clean_code(kind, obj["code"])
    body = dict(obj["body"])
    for key in ("name", "reason"):  # one form of a text everywhere: trimmed, NFC
        if isinstance(body.get(key), str):
            body[key] = clean_text(body[key], key)
    version = int(obj["version"])
    wanted = definition_id(kind, code, version)
    if obj.get("id") not in (None, wanted):
        raise LoyaltyError("definition.invalid", "definition is not valid",
                           errors=[f"id: must be {wanted} for this kind, code and version"])
    return {
        "kind": kind,
        "code": code,
        "version": version,
        "id": wanted,
        "store_id": obj.get("store_id"),
        "effective_from": effective_utc(obj["effective_from"]),
        "body": body,
    }
