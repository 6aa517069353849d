"""column sizes from loyalty_core.bounds: e-mail 254 (RFC 5321), segment 200 (older tills took
any free text as a segment), so PostgreSQL never refuses a value a till accepted.

Revision ID: ho0005
Revises: ho0004
Create Date: 2026-12-01 05:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ho0005"
down_revision = "ho0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch_op:
        batch_op.alter_column("email", type_=sa.String(254), existing_type=sa.String(200))
        batch_op.alter_column("segment", type_=sa.String(200), existing_type=sa.String(64))


def downgrade() -> None:
    with op.batch_alter_table("members") as batch_op:
        batch_op.alter_column("segment", type_=sa.String(64), existing_type=sa.String(200))
        batch_op.alter_column("email", type_=sa.String(200), existing_type=sa.String(254))
