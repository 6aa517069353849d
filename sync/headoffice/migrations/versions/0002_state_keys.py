"""State keys: the projection's ordering key on head office's cards and members.

Head office now runs the till's projection rules (`loyalty_core.projection`), which order state
entries by (created_at, till_id, seq) kept on the row. Existing rows get their old timestamp as
the key: a prefix of every full key made at that time, so an entry of that same moment replayed
later still wins over it, as "the later or equal time wins" did before.

Revision ID: ho0002
Revises: ho0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ho0002"
down_revision = "ho0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("members", sa.Column("tier_key", sa.String(128)))
    op.add_column("cards", sa.Column("status_key", sa.String(128)))
    op.execute("UPDATE members SET tier_key = tier_at")
    op.execute("UPDATE cards SET status_key = status_at")


def downgrade() -> None:
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("status_key")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("tier_key")
