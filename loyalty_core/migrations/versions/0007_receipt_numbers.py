"""receipt numbers: each sale's per-till receipt number, so a refund can find a sale by it.

The number itself lives in the sale entry's payload (the journal is the record); this column is
its projection, indexed for the lookup. Sales made before have none.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 05:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.add_column(sa.Column("receipt_no", sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f("ix_sales_receipt_no"), ["receipt_no"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_receipt_no"))
        batch_op.drop_column("receipt_no")
