"""member lifetime spend: each member's qualifying spend since their cards began, on their row,
kept by triggers (why: loyalty_core/memberspend.py).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from loyalty_core import memberspend

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    column = memberspend.COLUMN
    op.add_column(
        "members", sa.Column(column, sa.Integer(), nullable=False, server_default="0")
    )
    op.execute(
        f"UPDATE members SET {column} = {memberspend.MEMBER_SPEND.format(member='members.id')} "
        "WHERE id IN (SELECT member_id FROM cards WHERE member_id IS NOT NULL)"
    )
    memberspend.install(op.execute)


def downgrade() -> None:
    for name in memberspend.TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("members") as batch_op:
        batch_op.drop_column(memberspend.COLUMN)
