"""what a joining till needs of the chain's past: memberships, sales, spend per day.

- `memberships`: every member's plan and term (`membership.buy`, the last applied wins, as on
  a till);
- `sales`: every sale in the till's shape, and `ix_journal_sale` (partial: sale_id set), so the
  snapshot finds a recent sale's entries by index;
- `spend_days`: qualifying spend per (day, card), the day being the entry's UTC date.

Back-filled from the journal held so far (ingested, not quarantined, in ingest order), as the
projection would have made them.

Revision ID: ho0012
Revises: ho0011
Create Date: 2026-12-01 10:30:00
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "ho0012"
down_revision = "ho0011"
branch_labels = None
depends_on = None

_HELD = ("j.ingest_seq IS NOT NULL "
         "AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.entry_id = j.id)")


def upgrade() -> None:
    op.create_table(
        "memberships",
        sa.Column("member_id", sa.String(64), nullable=False),
        sa.Column("plan_id", sa.String(64), nullable=False),
        sa.Column("starts_on", sa.String(10), nullable=False),
        sa.Column("ends_on", sa.String(10), nullable=False),
        sa.PrimaryKeyConstraint("member_id", "plan_id"),
    )
    op.create_table(
        "sales",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("operation_id", sa.String(64), nullable=False),
        sa.Column("till_id", sa.String(64), nullable=False),
        sa.Column("shift_id", sa.String(64)),
        sa.Column("staff_id", sa.String(64)),
        sa.Column("card_id", sa.String(64)),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("discount", sa.BigInteger, nullable=False),
        sa.Column("points_redeemed", sa.BigInteger, nullable=False),
        sa.Column("stored_value_used", sa.BigInteger, nullable=False),
        sa.Column("cash_due", sa.BigInteger, nullable=False),
        sa.Column("points_earned", sa.BigInteger, nullable=False),
        sa.Column("lines", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("receipt_no", sa.String(40)),
    )
    op.create_index("ix_sales_created", "sales", ["created_at", "id"])
    op.create_table(
        "spend_days",
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("card_id", sa.String(64), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("day", "card_id"),
    )
    op.create_index("ix_journal_sale", "journal", ["sale_id"],
                    sqlite_where=sa.text("sale_id IS NOT NULL"),
                    postgresql_where=sa.text("sale_id IS NOT NULL"))
    _backfill()


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _backfill() -> None:
    conn = op.get_bind()
    conn.execute(sa.text(
        "INSERT INTO spend_days (day, card_id, amount) "
        "SELECT substr(j.created_at, 1, 10), j.card_id, sum(j.amount) FROM journal j "
        f"WHERE j.account = 'qualifying_spend' AND j.card_id IS NOT NULL AND {_HELD} "
        "GROUP BY substr(j.created_at, 1, 10), j.card_id"
    ))
    memberships: dict[tuple[str, str], dict[str, Any]] = {}
    sales: dict[str, dict[str, Any]] = {}
    rows = conn.execute(sa.text(
        "SELECT j.kind, j.sale_id, j.operation_id, j.till_id, j.staff_id, j.card_id, "
        "j.created_at, j.payload FROM journal j "
        f"WHERE j.kind IN ('sale', 'membership.buy') AND {_HELD} ORDER BY j.ingest_seq"
    ))
    for kind, sale_id, op_id, till_id, staff_id, card_id, created_at, payload in rows:
        p = json.loads(payload) if payload else {}
        if not isinstance(p, dict):
            continue
        if kind == "membership.buy":
            key = (p.get("member_id"), p.get("plan_id"))
            if all(isinstance(k, str) for k in key) and isinstance(p.get("ends_on"), str):
                memberships[key] = {"member_id": key[0], "plan_id": key[1],  # type: ignore[dict-item]
                                    "starts_on": str(p.get("starts_on")),
                                    "ends_on": p["ends_on"]}
        elif sale_id and sale_id not in sales:
            lines = p.get("lines")
            sales[sale_id] = {
                "id": sale_id, "operation_id": op_id, "till_id": till_id,
                "shift_id": p.get("shift_id"), "staff_id": staff_id, "card_id": card_id,
                **{k: _int(p.get(k)) for k in ("amount", "discount", "points_redeemed",
                                               "stored_value_used", "cash_due",
                                               "points_earned")},
                "lines": None if lines is None else json.dumps(
                    lines, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
                "created_at": created_at, "receipt_no": p.get("receipt_no"),
            }
    if memberships:
        conn.execute(sa.text(
            "INSERT INTO memberships (member_id, plan_id, starts_on, ends_on) "
            "VALUES (:member_id, :plan_id, :starts_on, :ends_on)"), list(memberships.values()))
    if sales:
        cols = list(next(iter(sales.values())))
        conn.execute(sa.text(
            f"INSERT INTO sales ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})"
        ), list(sales.values()))


def downgrade() -> None:
    op.drop_index("ix_journal_sale", "journal")
    op.drop_table("spend_days")
    op.drop_index("ix_sales_created", "sales")
    op.drop_table("sales")
    op.drop_table("memberships")
