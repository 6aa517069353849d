"""Definitions: programs, membership plans, coalition partners and vouchers, versioned with an
effective time, owned by head office and pulled by every till.

Revision ID: ho0006
Revises: ho0005
Create Date: 2026-12-01 07:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ho0006"
down_revision = "ho0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "definitions",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("store_id", sa.String(64)),
        sa.Column("effective_from", sa.String(32), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("batch", sa.String(64)),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("change_seq", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("kind", "code", "version"),
    )
    op.create_index("ix_definitions_change_seq", "definitions", ["change_seq"])
    op.create_index("ix_definitions_batch", "definitions", ["batch"])


def downgrade() -> None:
    op.drop_index("ix_definitions_batch", table_name="definitions")
    op.drop_index("ix_definitions_change_seq", table_name="definitions")
    op.drop_table("definitions")
