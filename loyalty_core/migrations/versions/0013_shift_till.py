"""shift till: the till that opened each shift, so a till's open shift is its own.

A till holds the shifts its store's other tills opened (pulled shift.open entries); asking for
"the open shift" found theirs and refused to open its own (`shift.already_open`). Filled from
each shift's shift.open entry.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 09:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("till_id", sa.String(length=64), nullable=True))
    op.execute(
        "UPDATE shifts SET till_id = (SELECT j.till_id FROM journal j "
        "WHERE j.kind = 'shift.open' AND json_extract(j.payload, '$.shift_id') = shifts.id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.drop_column("till_id")
