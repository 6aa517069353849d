"""Till secrets derived from a master key; staff belong to a store.

`tills.secret` becomes nullable (a legacy secret waits there until head office's next start
seals it under the master key into `secret_wrap`); `secret_gen`/`pending_gen` number a till's
secrets for rotation. `staff.store_id` lets a pull send a till only its own store's staff.

Revision ID: ho0004
Revises: ho0001
Create Date: 2026-12-01 05:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ho0004"
down_revision = "ho0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tills") as batch:
        batch.alter_column("secret", existing_type=sa.String(128), nullable=True)
        batch.add_column(sa.Column("secret_wrap", sa.String(256)))
        batch.add_column(
            sa.Column("secret_gen", sa.Integer, nullable=False, server_default="1")
        )
        batch.add_column(sa.Column("pending_gen", sa.Integer))
    op.add_column("staff", sa.Column("store_id", sa.String(64)))


def downgrade() -> None:
    op.drop_column("staff", "store_id")
    with op.batch_alter_table("tills") as batch:
        batch.drop_column("pending_gen")
        batch.drop_column("secret_gen")
        batch.drop_column("secret_wrap")
        batch.alter_column("secret", existing_type=sa.String(128), nullable=False)
