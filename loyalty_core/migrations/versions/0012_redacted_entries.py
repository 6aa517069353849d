"""redacted entries: other tills' entries head office served without what this till may not hold
(another store's member data, card numbers as keyed hashes). Their hash is the original's and
cannot be recomputed here; head office's signature on the pull vouched for them, and `verify`
checks their place in their till's chain only.

Revision ID: 0012
Revises: 0007
Create Date: 2026-12-01 07:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "redacted_entries",
        sa.Column("entry_id", sa.String(length=64), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("redacted_entries")
