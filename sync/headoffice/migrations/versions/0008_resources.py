"""Every limited resource coordinated: holds on points, vouchers and reward stock, voucher uses,
reward stock as movements, and the overuse worklist.

Revision ID: ho0008
Revises: ho0005
Create Date: 2026-12-01 07:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ho0008"
down_revision = "ho0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reservations") as batch:
        batch.add_column(
            sa.Column("resource", sa.String(16), nullable=False, server_default="stored_value")
        )
        batch.add_column(sa.Column("subject", sa.String(64)))
        batch.add_column(sa.Column("hold_id", sa.String(64)))
    op.create_index("ix_reservations_hold_id", "reservations", ["hold_id"])
    op.create_index("ix_reservations_subject", "reservations", ["resource", "subject"])
    op.create_table(
        "voucher_uses",
        sa.Column("voucher_id", sa.String(64), primary_key=True),
        sa.Column("code", sa.String(64)),
        sa.Column("max_uses", sa.Integer),
        sa.Column("uses", sa.Integer, nullable=False),
    )
    op.create_table(
        "reward_stock",
        sa.Column("reward_id", sa.String(64), nullable=False),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("received", sa.BigInteger, nullable=False),
        sa.Column("taken", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("reward_id", "store_id"),
    )
    op.create_index("ix_voucher_uses_code", "voucher_uses", ["code"])
    # What the stock field said so far is the stock each store received.
    op.execute(
        "INSERT INTO reward_stock (reward_id, store_id, received, taken) "
        "SELECT id, store_id, stock, 0 FROM rewards"
    )
    op.create_table(
        "overuse",
        sa.Column("entry_id", sa.String(64), nullable=False),
        sa.Column("resource", sa.String(16), nullable=False),
        sa.Column("subject", sa.String(64), nullable=False),
        sa.Column("card_id", sa.String(64)),
        sa.Column("till_id", sa.String(64), nullable=False),
        sa.Column("over", sa.BigInteger, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("entry_id", "resource"),
    )
    op.create_index("ix_overuse_card_id", "overuse", ["card_id"])


def downgrade() -> None:
    op.drop_table("overuse")
    op.drop_table("reward_stock")
    op.drop_table("voucher_uses")
    op.drop_index("ix_reservations_subject", table_name="reservations")
    op.drop_index("ix_reservations_hold_id", table_name="reservations")
    with op.batch_alter_table("reservations") as batch:
        batch.drop_column("hold_id")
        batch.drop_column("subject")
        batch.drop_column("resource")
