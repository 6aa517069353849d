"""Head-office-shaped definitions for tests that have no head office running.

A till never defines programs, plans, partners or vouchers: head office does, and the till applies
what it pulls (`Loyalty.apply_definitions`, the path a pull takes). These build the objects head
office would send, with the old call shapes, so engine tests stay about the engine. Tests with a
real head office define them there (tests/sync/test_definitions_chain.py).
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from loyalty_core.definitions_schema import VOUCHER_ALPHABET
from loyalty_core.engine import Loyalty

PAST = "2020-01-01T00:00:00Z"


def _code() -> str:
    return uuid.uuid4().hex[:20]


def envelope(kind: str, code: str, body: dict[str, Any], *, version: int = 1,
             effective_from: str = PAST, store_id: str | None = None) -> dict[str, Any]:
    return {"kind": kind, "code": code, "version": version, "effective_from": effective_from,
            "store_id": store_id, "body": body}


def define_program(loyalty: Loyalty, kind: str, name: str, params: dict[str, Any],
                   starts_on: str | None = None, ends_on: str | None = None) -> str:
    """A program as head office sends it; a coalition program is head office's partner."""
    if kind == "coalition" and isinstance(params, dict) and "partner" in params:
        body = {"name": name, **{k: v for k, v in params.items() if k != "partner"}}
        return loyalty.apply_definitions([envelope("partner", params["partner"], body)])[0]
    body = {"kind": kind, "name": name, "params": params, "starts_on": starts_on,
            "ends_on": ends_on}
    return loyalty.apply_definitions([envelope("program", _code(), body)])[0]


def define_plan(loyalty: Loyalty, code: str, name: str, fee: int, term_days: int,
                discount_bp: int = 0, earn_multiplier_pct: int = 100) -> str:
    body = {"name": name, "fee": fee, "term_days": term_days, "discount_bp": discount_bp,
            "earn_multiplier_pct": earn_multiplier_pct}
    return loyalty.apply_definitions([envelope("plan", code, body)])[0]


def issue_vouchers(loyalty: Loyalty, _operation_id: str, _staff_id: str | None, *, kind: str,
                   value: int, valid_from: str, valid_to: str, count: int = 1,
                   max_uses: int = 1, min_spend: int = 0, member_id: str | None = None,
                   reason: str | None = None, codes: list[str] | None = None) -> dict[str, Any]:
    """Vouchers as head office generates them (codes given, or unguessable ones), all or none."""
    made = list(codes) if codes is not None else [
        "".join(secrets.choice(VOUCHER_ALPHABET) for _ in range(12)) for _ in range(count)
    ]
    body = {"kind": kind, "value": value, "valid_from": valid_from, "valid_to": valid_to,
            "max_uses": max_uses, "min_spend": min_spend, "member_id": member_id,
            "reason": reason}
    loyalty.apply_definitions([envelope("voucher", code, body) for code in made])
    return {"codes": [c.strip().upper() for c in made]}
