"""Tiers, staff and rewards versioned with an effective time: every write is kept in
`object_versions`, and a version is applied to its live table when its time has come.

The live rows written before are kept as each object's version 1 (applied now, written by
`ho0013`), so every object has a history from here on.

Revision ID: ho0013
Revises: ho0012
Create Date: 2026-12-01 10:30:00
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from loyalty_core.canonical import canonical_json

revision = "ho0013"
down_revision = "ho0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "object_versions",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("object_id", sa.String(64), nullable=False),
        sa.Column("scope", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("effective_from", sa.String(32), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("settled_at", sa.String(32)),
        sa.Column("note", sa.Text),
        sa.PrimaryKeyConstraint("kind", "object_id", "scope", "version"),
    )
    op.create_index("ix_object_versions_due", "object_versions", ["state", "effective_from"])
    _keep_live_rows()


def _keep_live_rows() -> None:
    text, big, flag = sa.String, sa.BigInteger, sa.Boolean
    live = {
        "tier": sa.table("tiers", *(sa.column(n, text) for n in ("id", "code", "name")),
                         *(sa.column(n, big) for n in ("rank", "threshold", "earn_multiplier_pct",
                                                       "discount_bp", "birthday_points"))),
        "staff": sa.table("staff", *(sa.column(n, text) for n in (
            "id", "code", "name", "role", "pin_hash", "card_number", "store_id")),
            sa.column("active", flag)),
        "reward": sa.table("rewards", *(sa.column(n, text) for n in ("id", "store_id", "name")),
                           sa.column("points_cost", big), sa.column("stock", big),
                           sa.column("active", flag)),
    }
    versions = sa.table("object_versions", *(sa.column(n) for n in (
        "kind", "object_id", "scope", "version", "effective_from", "body", "state",
        "created_at", "created_by", "settled_at")))
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"
    bind = op.get_bind()
    for kind, table in live.items():
        rows = [dict(r._mapping) for r in bind.execute(sa.select(table))]
        if rows:
            bind.execute(versions.insert(), [
                {"kind": kind, "object_id": r["id"],
                 "scope": r["store_id"] if kind == "reward" else "", "version": 1,
                 "effective_from": now, "body": canonical_json(r), "state": "applied",
                 "created_at": now, "created_by": "ho0013", "settled_at": now}
                for r in rows])


def downgrade() -> None:
    op.drop_index("ix_object_versions_due", table_name="object_versions")
    op.drop_table("object_versions")
