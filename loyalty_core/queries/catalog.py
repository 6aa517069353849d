"""Questions about what the shop offers: rules, programs, vouchers, rewards, paid memberships.

Head office owns the definitions: programs, plans, partners and vouchers are written only by
`loyalty_core.definitions` (queries/definitions.py); rewards are still added here (the demo).
"""

from __future__ import annotations

import functools
import json
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from loyalty_core import rawsql
from loyalty_core.ids import iso_utc, utcnow
from loyalty_core.models import Reward, RewardStock
from loyalty_core.rows import MembershipRow, PlanRow, ProgramRow, RewardRow, VoucherRow


def rules_in_force(s: Session, now: str) -> tuple[int, str, str] | None:
    """(version, effective_from, rules JSON text) of the newest rules effective at `now`."""
    row = rawsql.one(
        s,
        "SELECT version, effective_from, rules FROM rule_versions WHERE effective_from <= ? "
        "ORDER BY effective_from DESC, version DESC LIMIT 1",
        (now,),
    )
    return None if row is None else (int(row[0]), str(row[1]), str(row[2]))


def setting(s: Session, table: str, key: str) -> str | None:
    """A value of `settings` or `sync_state` (head office's word once registered)."""
    if table not in ("settings", "sync_state"):
        raise ValueError(table)
    value = rawsql.scalar(s, f"SELECT value FROM {table} WHERE key = ?", (key,))
    return None if value is None else str(value)


# ---- programs ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _params(text: str) -> dict[str, Any]:
    """Program parameters change rarely and are read on every sale: parse each text once.
    Callers only read the result."""
    return json.loads(text)


def programs_today(s: Session, today: date, now: str | None = None) -> dict[str, list[ProgramRow]]:
    """Every program running today, by kind, in one query (it runs on every checkout).

    Of a head-office program's versions, the newest whose effective time (UTC) has come is the
    one in force: a campaign starts at its effective time, and an edit replaces the version
    before it only from its own (loyalty_core.definitions).
    """
    day = today.isoformat()
    moment = now if now is not None else iso_utc(utcnow())
    out: dict[str, list[ProgramRow]] = {}
    for pid, kind, name, params, ends_on in rawsql.rows(
        s,
        "SELECT id, kind, name, params, ends_on FROM programs p WHERE active "
        "AND (starts_on IS NULL OR starts_on <= ?) AND (ends_on IS NULL OR ends_on >= ?) "
        "AND (effective_from IS NULL OR effective_from <= ?) "
        "AND NOT EXISTS (SELECT 1 FROM programs q WHERE q.code = p.code "
        "AND q.version > p.version AND q.effective_from <= ?) "
        "ORDER BY id",
        (day, day, moment, moment),
    ):
        out.setdefault(kind, []).append(ProgramRow(pid, kind, name, _params(params), ends_on))
    return out


def card_spend_since(s: Session, card_id: str, since: str) -> int:
    """Net spend of one card's sales from a day on (a discount card's period spend)."""
    value = rawsql.scalar(
        s,
        "SELECT coalesce(sum(amount - discount), 0) FROM sales "
        "WHERE card_id = ? AND created_at >= ?",
        (card_id, since),
    )
    return int(value or 0)


# ---- vouchers ----------------------------------------------------------------------------

_VOUCHER = (
    "SELECT id, code, kind, value, min_spend, max_uses, uses, valid_from, valid_to, member_id "
    "FROM vouchers "
)


def voucher(s: Session, code: str) -> VoucherRow | None:
    row = rawsql.one(s, _VOUCHER + "WHERE code = ?", (code,))
    return None if row is None else VoucherRow(*row)


def member_vouchers(s: Session, member_id: str, day: str) -> list[VoucherRow]:
    """A member's vouchers valid on `day` and not used up."""
    return [
        VoucherRow(*r)
        for r in rawsql.rows(
            s,
            _VOUCHER + "WHERE member_id = ? AND valid_to >= ? AND valid_from <= ? "
            "AND uses < max_uses",
            (member_id, day, day),
        )
    ]


# ---- rewards -----------------------------------------------------------------------------


def reward(s: Session, code: str) -> RewardRow | None:
    row = rawsql.one(
        s, "SELECT id, code, name, points_cost FROM rewards WHERE code = ? AND active", (code,)
    )
    return None if row is None else RewardRow(*row)


def reward_stock(s: Session, reward_id: str, store_id: str) -> int | None:
    value = rawsql.scalar(
        s,
        "SELECT quantity FROM reward_stock WHERE reward_id = ? AND store_id = ?",
        (reward_id, store_id),
    )
    return None if value is None else int(value)


def rewards_in_stock(s: Session, store_id: str) -> list[tuple[RewardRow, int]]:
    """Active rewards with stock at this store, cheapest first."""
    return [
        (RewardRow(*r[:4]), int(r[4]))
        for r in rawsql.rows(
            s,
            "SELECT r.id, r.code, r.name, r.points_cost, st.quantity FROM rewards r "
            "JOIN reward_stock st ON st.reward_id = r.id "
            "WHERE r.active AND st.store_id = ? AND st.quantity > 0 ORDER BY r.points_cost",
            (store_id,),
        )
    ]


def add_reward(
    s: Session, reward_id: str, code: str, name: str, points_cost: int, store_id: str, stock: int
) -> None:
    s.add(Reward(id=reward_id, code=code, name=name, points_cost=points_cost, active=True))
    s.flush()
    s.add(RewardStock(reward_id=reward_id, store_id=store_id, quantity=stock))


def partner_reference_used(s: Session, partner: str, reference: str) -> bool:
    return (
        rawsql.one(
            s,
            "SELECT 1 FROM partner_references WHERE partner = ? AND reference = ?",
            (partner, reference),
        )
        is not None
    )


# ---- paid memberships --------------------------------------------------------------------

_PLAN = (
    "SELECT id, code, name, fee, term_days, discount_bp, earn_multiplier_pct FROM membership_plans "
)


_ON_SALE = "active AND (effective_from IS NULL OR effective_from <= ?) "


def plan(s: Session, code: str) -> PlanRow | None:
    """A plan on sale now: active, and its effective time (UTC) come."""
    row = rawsql.one(s, _PLAN + "WHERE code = ? AND " + _ON_SALE, (code, iso_utc(utcnow())))
    return None if row is None else PlanRow(*row)


def plans(s: Session) -> list[PlanRow]:
    return [
        PlanRow(*r)
        for r in rawsql.rows(s, _PLAN + "WHERE " + _ON_SALE + "ORDER BY fee", (iso_utc(utcnow()),))
    ]


def membership(s: Session, member_id: str, plan_id: str) -> tuple[str, str] | None:
    """(starts_on, ends_on) of a member's membership of one plan."""
    row = rawsql.one(
        s,
        "SELECT starts_on, ends_on FROM memberships WHERE member_id = ? AND plan_id = ?",
        (member_id, plan_id),
    )
    return None if row is None else (str(row[0]), str(row[1]))


def latest_membership(s: Session, member_id: str) -> MembershipRow | None:
    """The member's membership ending last, with its plan's terms."""
    row = rawsql.one(
        s,
        "SELECT m.plan_id, m.starts_on, m.ends_on, p.name, p.code, p.discount_bp, "
        "p.earn_multiplier_pct FROM memberships m JOIN membership_plans p ON p.id = m.plan_id "
        "WHERE m.member_id = ? ORDER BY m.ends_on DESC LIMIT 1",
        (member_id,),
    )
    return None if row is None else MembershipRow(*row)
