"""snapshot history: what a joined till needs of the chain's past beyond balances and lots.

- `snapshot_voucher_uses`: each voucher's uses head office had counted at the join;
- `snapshot_spend`: qualifying spend per card and day over the tier window before the join;
- `snapshot_entries`: the entries of the sales in the refund window before the join.

All three are loaded only from head office's snapshot (loyalty_core.snapshotload) and are part
of the baseline `verify` replays on.

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-01 10:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snapshot_voucher_uses",
        sa.Column("voucher_id", sa.String(length=64), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("voucher_id"),
    )
    op.create_table(
        "snapshot_spend",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("card_id", sa.String(length=64), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_snapshot_spend_card", "snapshot_spend", ["card_id", "day", "amount"])
    op.create_table(
        "snapshot_entries",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("till_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("card_id", sa.String(length=64), nullable=True),
        sa.Column("account", sa.String(length=24), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.String(length=64), nullable=False),
        sa.Column("sale_id", sa.String(length=64), nullable=True),
        sa.Column("staff_id", sa.String(length=64), nullable=True),
        sa.Column("approval_id", sa.String(length=64), nullable=True),
        sa.Column("rule_version", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("corrected_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_snapshot_entries_sale_id", "snapshot_entries", ["sale_id"])


def downgrade() -> None:
    op.drop_index("ix_snapshot_entries_sale_id", table_name="snapshot_entries")
    op.drop_table("snapshot_entries")
    op.drop_index("ix_snapshot_spend_card", table_name="snapshot_spend")
    op.drop_table("snapshot_spend")
    op.drop_table("snapshot_voucher_uses")
