"""chain jobs: `job_runs` (one row per job and period) and `expiring` (dated point lots and
cashback credits), filled from the entries already held so the first run misses nothing.

Revision ID: ho0007
Revises: ho0005
Create Date: 2026-12-01 07:30:00
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "ho0007"
down_revision = "ho0006"
branch_labels = None
depends_on = None

_BATCH = 5_000


def upgrade() -> None:
    op.create_table(
        "expiring",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("card_id", sa.String(64), nullable=False),
        sa.Column("account", sa.String(24), nullable=False),
        sa.Column("remaining", sa.BigInteger, nullable=False),
        sa.Column("expires_on", sa.String(10), nullable=False),
    )
    op.create_index("ix_expiring_due", "expiring", ["account", "expires_on", "id"],
                    sqlite_where=sa.text("remaining > 0"),
                    postgresql_where=sa.text("remaining > 0"))
    op.create_index("ix_expiring_card", "expiring", ["card_id"])
    op.create_table(
        "job_runs",
        sa.Column("job", sa.String(32), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("cursor", sa.String(64), nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32)),
        sa.PrimaryKeyConstraint("job", "period"),
    )
    _backfill(op.get_bind())


def _backfill(conn: sa.Connection) -> None:
    """The projection's rule for this table (services/expiring.py) over the entries held,
    in ingest order; quarantined and not-yet-contiguous entries had no effect, so none here."""
    rows: dict[str, dict[str, Any]] = {}
    taken: dict[str, int] = {}
    result = conn.execute(sa.text(
        "SELECT j.id, j.kind, j.card_id, j.account, j.amount, j.payload FROM journal j "
        "LEFT JOIN quarantine q ON q.entry_id = j.id "
        "WHERE j.ingest_seq IS NOT NULL AND q.entry_id IS NULL "
        "AND (j.account = 'points' OR j.kind IN ('cashback', 'cashback.expire')) "
        "ORDER BY j.ingest_seq"
    )).yield_per(_BATCH)
    for entry_id, kind, card_id, account, amount, payload_text in result:
        try:
            payload = json.loads(payload_text)
        except ValueError:
            continue
        if not isinstance(payload, dict):
            continue
        expires = payload.get("expires_on")
        if account == "points" and (amount or 0) > 0 and isinstance(expires, str) and card_id:
            rows[entry_id] = {"id": entry_id, "card_id": card_id, "account": "points",
                              "remaining": int(amount), "expires_on": expires[:10]}
        elif kind == "cashback" and isinstance(expires, str) and card_id:
            rows[entry_id] = {"id": entry_id, "card_id": card_id, "account": "stored_value",
                              "remaining": int(amount or 0), "expires_on": expires[:10]}
        elif kind == "cashback.expire" and isinstance(payload.get("cashback_entry"), str):
            taken[payload["cashback_entry"]] = 1 << 62
        for lot in payload.get("lots") or ():
            if isinstance(lot, dict) and isinstance(lot.get("lot_id"), str):
                taken[lot["lot_id"]] = taken.get(lot["lot_id"], 0) + int(lot.get("amount") or 0)
    table = sa.table("expiring", *(sa.column(c) for c in
                                   ("id", "card_id", "account", "remaining", "expires_on")))
    out = []
    for row in rows.values():
        left = row["remaining"] - taken.get(row["id"], 0)
        row["remaining"] = max(0, left) if row["account"] == "stored_value" else left
        out.append(row)
        if len(out) >= _BATCH:
            conn.execute(sa.insert(table), out)
            out = []
    if out:
        conn.execute(sa.insert(table), out)


def downgrade() -> None:
    op.drop_table("job_runs")
    op.drop_index("ix_expiring_card", "expiring")
    op.drop_index("ix_expiring_due", "expiring")
    op.drop_table("expiring")
