"""Trust checks: quarantine of refused entries, the facts the checks need, staff's store.

Revision ID: ho0003
Revises: ho0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ho0003"
down_revision = "ho0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("staff", sa.Column("store_id", sa.String(64), nullable=True))
    op.create_table(
        "quarantine",
        sa.Column("entry_id", sa.String(64), primary_key=True),
        sa.Column("till_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_index("ix_quarantine_till", "quarantine", ["till_id", "seq"])
    op.create_table(
        "trust_objects",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("till_id", sa.String(64), nullable=False),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("detail", sa.String(64)),
        sa.Column("open", sa.Boolean, nullable=False),
        sa.Column("value", sa.BigInteger),
        sa.PrimaryKeyConstraint("kind", "id"),
    )
    # Cards issued before this revision belong to the store of the till that issued them.
    op.execute(
        "INSERT INTO trust_objects (kind, id, till_id, store_id, detail, open) "
        "SELECT 'card', c.id, min(j.till_id), min(t.store_id), c.kind, true FROM cards c "
        "JOIN journal j ON j.card_id = c.id AND j.kind = 'card.issue' "
        "JOIN tills t ON t.id = j.till_id GROUP BY c.id, c.kind"
    )


def downgrade() -> None:
    op.drop_table("trust_objects")
    op.drop_index("ix_quarantine_till", table_name="quarantine")
    op.drop_table("quarantine")
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("store_id")
