"""least data per till: which members each store has seen (their personal data may reach that
store's tills), and the online lookups each till made (rate limit and audit).

Revision ID: ho0010
Revises: ho0005
Create Date: 2026-12-01 07:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ho0010"
down_revision = "ho0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "member_sightings",
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("member_id", sa.String(64), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("store_id", "member_id"),
    )
    op.create_index("ix_member_sightings_change", "member_sightings", ["store_id", "change_seq"])
    op.create_table(
        "lookups",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("till_id", sa.String(64), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("by", sa.String(16), nullable=False),
        sa.Column("found", sa.Integer(), nullable=False),
    )
    op.create_index("ix_lookups_till_at", "lookups", ["till_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_lookups_till_at", table_name="lookups")
    op.drop_table("lookups")
    op.drop_index("ix_member_sightings_change", table_name="member_sightings")
    op.drop_table("member_sightings")
