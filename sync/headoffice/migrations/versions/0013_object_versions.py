"""Tiers, staff and rewards versioned with an effective time: every write is kept in
`object_versions`, and a version is applied to its live table when its time has come.

Revision ID: ho0013
Revises: ho0010
Create Date: 2026-12-01 10:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ho0013"
down_revision = "ho0010"
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


def downgrade() -> None:
    op.drop_index("ix_object_versions_due", table_name="object_versions")
    op.drop_table("object_versions")
