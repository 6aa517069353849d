"""Head office's own objects (rules, tiers, staff, rewards): each write takes a change number,
so tills pull exactly what changed after their objects cursor. Tiers, staff and rewards are
written here only when a version of them comes into force (services/objectversions.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, func, select

from loyalty_core.canonical import canonical_json
from loyalty_core.errors import LoyaltyError
from loyalty_core.rules_schema import checked_version
from sync.headoffice import schema as t
from sync.headoffice.services.context import Context, ServiceError, take_counter
from sync.headoffice.services.resources import opening_stock
from sync.wire.models import RuleOut


def _upsert_object(ctx: Context, table: Table, keys: list[str], values: dict[str, Any],
                   keep: tuple[str, ...] = ()) -> None:
    with ctx.engine.begin() as conn:
        upsert_live(conn, ctx, table, keys, {**values, "change_seq": take_counter(conn, 1)}, keep)


def upsert_live(conn: Connection, ctx: Context, table: Table, keys: list[str],
                values: dict[str, Any], keep: tuple[str, ...] = ()) -> None:
    """Write one live row; `values` carry their change number (the caller holds the counter
    lock). `keep`: columns an edit leaves alone (only a new row takes them)."""
    new = table is t.rewards and conn.execute(
        select(func.count()).select_from(t.rewards).where(
            t.rewards.c.id == values["id"], t.rewards.c.store_id == values["store_id"]
        )
    ).scalar_one() == 0
    stmt = ctx.insert(table).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c[k] for k in keys],
        set_={k: v for k, v in values.items() if k not in keys and k not in keep},
    )
    conn.execute(stmt)
    if new:
        # A reward's first definition at a store brings its opening stock; an edit never
        # resets it (stock moves by `resources.move_stock` and by redemptions).
        opening_stock(conn, ctx, values["id"], values["store_id"], values["stock"])


def set_rule(ctx: Context, rule: RuleOut) -> None:
    """Refused whole, with every error, when the rules would not work at a till (the till checks
    again when it pulls); the effective time is stored in UTC so versions compare as time."""
    try:
        effective, rules = checked_version(rule.effective_from, rule.rules)
    except LoyaltyError as exc:
        raise ServiceError(422, exc.code, exc.params.get("errors", [])) from None
    _upsert_object(
        ctx,
        t.rules,
        ["version"],
        {"version": rule.version, "effective_from": effective, "rules": canonical_json(rules)},
    )
