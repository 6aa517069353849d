"""Head office's definitions applied at a till: the one way programs, membership plans, coalition
partners and vouchers come to exist here.

A till never defines them itself (a VIP plan made in one store gave no discount in the next, a
campaign ran in one store only): head office defines them (`sync.headoffice.services
.definitions`), the till pulls them with its objects cursor and applies them here, in the pull's
transaction. The same path serves tests and the demo with head-office-shaped objects
(`definitions_schema` checks them exactly as head office did).

- A program or partner keeps one row per version; the query layer runs the newest version whose
  effective time has come (`queries.catalog.programs_today`), so a campaign starts at its
  effective time at every till, not when each till happens to pull it.
- A plan or a voucher keeps one row (memberships and voucher uses name its id) with the terms of
  its newest version in force: a new version takes over at the first pull after its effective
  time (`bring_due`, every pull; the worker pulls every few seconds while online). A new plan is
  sold from its effective time. A voucher's uses are the journal's (`voucher.use` entries, any
  till): a newer version never resets them.
- Every definition is also kept as it came (`definitions`), so `verify` can rebuild the vouchers
  table from the definitions and the journal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from loyalty_core.definitions_schema import checked_definition
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, utcnow
from loyalty_core.programs import coalition
from loyalty_core.queries import definitions as q

REFUSED_KEY = "pull.definitions_refused"
# When plan and voucher versions were last put in force: verify's replay judges them as of then.
DUE_AT_KEY = "definitions.due_at"


def apply_definition(s: Session, obj: object, now: str | None = None) -> str:
    """Apply one definition in the caller's transaction; returns its id.

    `LoyaltyError("definition.invalid")` (every error) or `("definition.conflict")` refuses it
    and changes nothing. A version older than one held changes nothing but is recorded.
    """
    env = checked_definition(obj)
    kind, code, version = env["kind"], env["code"], env["version"]
    held = q.held(s, kind, code, version)
    if held is not None:
        if held.body != env["body"] or held.effective_from != env["effective_from"]:
            raise LoyaltyError("definition.conflict", "this version was already defined "
                               "differently", definition=f"{kind} {code} v{version}")
        return env["id"]
    moment = now or iso_utc(utcnow())
    with s.begin_nested():
        q.record(s, env, moment)
        if kind in ("program", "partner"):
            q.put_program(s, _program_row(env))
        else:
            _put_in_force(s, kind, code, moment)
            q.set_state(s, DUE_AT_KEY, max(moment, q.get_state(s, DUE_AT_KEY) or ""))
        s.flush()
    return env["id"]


def bring_due(s: Session, now: str | None = None) -> int:
    """Put in force the plan and voucher versions whose effective time has come since they
    were pulled (each pull calls this). Returns how many codes were looked at."""
    moment = now or iso_utc(utcnow())
    codes = q.versioned_codes(s, ("plan", "voucher"))
    for kind, code in codes:
        _put_in_force(s, kind, code, moment)
    if codes:
        q.set_state(s, DUE_AT_KEY, moment)
    return len(codes)


def _put_in_force(s: Session, kind: str, code: str, now: str) -> None:
    """One row per plan or voucher: the newest version whose effective time has come, or, before
    any has, the first (a new plan is then on sale only from its effective time)."""
    versions = q.versions(s, kind, code)
    due = [v for v in versions if v["effective_from"] <= now]
    env = due[-1] if due else versions[0]
    if kind == "plan":
        _put_plan(s, env)
    else:
        _put_voucher(s, env)


def apply_all(s: Session, objects: object) -> list[str]:
    """Apply a list of definitions, all or none (the caller's transaction rolls back)."""
    if not isinstance(objects, list | tuple):
        raise LoyaltyError("definition.invalid", "definition is not valid",
                           errors=["(root): a list of definitions"])
    bring_due(s)
    return [apply_definition(s, obj) for obj in objects]


def apply_pulled(s: Session, objects: Iterable[Mapping[str, Any]]) -> int:
    """Apply a pull's definitions; one that is refused is recorded for the status bar (until a
    later version of it applies) and the others still apply: head office checked them too, so a
    refusal means a newer head office or a conflict a person must look at. Returns how many
    were refused."""
    objects = list(objects)
    bring_due(s)
    held = {(r["kind"], r["code"]): r for r in refused(s)}
    count = 0
    for obj in objects:
        key = (obj.get("kind"), obj.get("code"))
        try:
            apply_definition(s, obj)
            held.pop(key, None)
        except LoyaltyError as exc:
            count += 1
            held[key] = {"kind": key[0], "code": key[1], "version": obj.get("version"),
                         "error": exc.code, "errors": list(exc.params.get("errors", []))[:20]}
    if held:
        q.set_state(s, REFUSED_KEY, json.dumps(list(held.values())[-50:], ensure_ascii=False))
    else:
        q.delete_state(s, REFUSED_KEY)
    return count


def refused(s: Session) -> list[dict[str, Any]]:
    """Definitions head office sent that this till refused, newest last (the status bar)."""
    text = q.get_state(s, REFUSED_KEY)
    return [] if not text else list(json.loads(text))


def replay_into(source: Session, target: Session) -> None:
    """Apply every definition `source` holds to `target` (verify's empty copy), with the plan
    and voucher versions in force that `source` last put in force."""
    moment = q.get_state(source, DUE_AT_KEY) or None
    for obj in q.all_definitions(source):
        apply_definition(target, obj, now=moment)


def _program_row(env: dict[str, Any]) -> dict[str, Any]:
    body = env["body"]
    common = {
        "id": env["id"],
        "name": body["name"],
        "active": body.get("active", True),
        "code": f"{env['kind']}:{env['code']}",
        "version": env["version"],
        "effective_from": env["effective_from"],
    }
    if env["kind"] == "partner":
        params = {"partner": env["code"], "ours": body["ours"], "theirs": body["theirs"]}
        return {**common, "kind": coalition.KIND.name, "params": params, "starts_on": None,
                "ends_on": None}
    return {**common, "kind": body["kind"], "params": dict(body["params"]),
            "starts_on": body.get("starts_on"), "ends_on": body.get("ends_on")}


def _code_free(env: dict[str, Any], holder: str | None, what: str) -> None:
    """A code held here by a row of another id (made before head office owned them) is a
    conflict, never overwritten."""
    if holder is not None and holder != env["id"]:
        raise LoyaltyError("definition.conflict", f"a {what} made here has this code",
                           definition=f"{what} {env['code']} v{env['version']}")


def _put_plan(s: Session, env: dict[str, Any]) -> None:
    _code_free(env, q.plan_id_with_code(s, env["code"]), "plan")
    body = env["body"]
    q.put_plan(s, {
        "id": env["id"],
        "code": env["code"],
        "name": body["name"],
        "fee": body["fee"],
        "term_days": body["term_days"],
        "discount_bp": body.get("discount_bp", 0),
        "earn_multiplier_pct": body.get("earn_multiplier_pct", 100),
        "version": env["version"],
        "effective_from": env["effective_from"],
        "active": body.get("active", True),
    })


def _put_voucher(s: Session, env: dict[str, Any]) -> None:
    _code_free(env, q.voucher_id_with_code(s, env["code"]), "voucher")
    body = env["body"]
    q.put_voucher(s, {
        "id": env["id"],
        "code": env["code"],
        "kind": body["kind"],
        "value": body["value"],
        "min_spend": body.get("min_spend", 0),
        "max_uses": body.get("max_uses", 1),
        "valid_from": body["valid_from"],
        "valid_to": body["valid_to"],
        "member_id": body.get("member_id"),
        "reason": body.get("reason"),
        "created_at": env["effective_from"],
    })
