"""head office's definitions: the record of every program, plan, partner and voucher head office
sent, and the version and effective time of the rows applied from them (programs keep one row
per version, in force from its effective time).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 07:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "definitions",
        sa.Column("kind", sa.String(length=16), primary_key=True),
        sa.Column("code", sa.String(length=40), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=True),
        sa.Column("effective_from", sa.String(length=32), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
    )
    with op.batch_alter_table("programs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("code", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("effective_from", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_programs_code"), ["code"], unique=False)
    with op.batch_alter_table("membership_plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("effective_from", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    with op.batch_alter_table("membership_plans", schema=None) as batch_op:
        batch_op.drop_column("active")
        batch_op.drop_column("effective_from")
        batch_op.drop_column("version")
    with op.batch_alter_table("programs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programs_code"))
        batch_op.drop_column("effective_from")
        batch_op.drop_column("version")
        batch_op.drop_column("code")
    op.drop_table("definitions")
