"""state keys: the (created_at, till_id, seq) of the entry that last set a card's status and a
member's tier, so state entries arriving out of order converge (loyalty_core.projection).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# loyalty_core.projection.state_key, in SQL.
_KEY = "j.created_at || ' ' || j.till_id || ' ' || printf('%012d', j.seq)"


def upgrade() -> None:
    op.add_column("cards", sa.Column("status_key", sa.String(length=120), nullable=True))
    op.add_column("members", sa.Column("tier_key", sa.String(length=120), nullable=True))
    # Existing rows take the newest key the journal holds for them: from now on an entry older
    # than that is the one that loses.
    op.execute(
        f"UPDATE cards SET status_key = (SELECT max({_KEY}) FROM journal j "
        "WHERE j.card_id = cards.id AND j.kind IN ('card.issue', 'card.status'))"
    )
    op.execute(
        f"UPDATE members SET tier_key = (SELECT max({_KEY}) FROM journal j "
        "WHERE (j.kind = 'tier.change' AND json_extract(j.payload, '$.member_id') = members.id) "
        "OR (j.kind = 'member.enroll' AND json_extract(j.payload, '$.member.id') = members.id))"
    )


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("tier_key")
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.drop_column("status_key")
