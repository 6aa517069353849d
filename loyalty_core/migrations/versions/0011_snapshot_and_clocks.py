"""joining from a snapshot, and both clocks on entries.

- `snapshot_baseline`: the snapshot a new till joined its chain from, as head office sent it
  (zlib chunks); `verify` replays the journal on top of it (loyalty_core.snapshotload).
- `sync_quarantine.reported_at`: when head office was told about a quarantined entry.
- `journal.corrected_at`: the till's clock corrected by its measured offset from head office
  (`created_at` stays the till's own clock). A plain ADD COLUMN: a batch rebuild of `journal`
  would drop its append-only triggers.

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-01 07:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("journal", sa.Column("corrected_at", sa.String(length=32), nullable=True))
    op.add_column("sync_quarantine",
                  sa.Column("reported_at", sa.String(length=32), nullable=True))
    op.create_table(
        "snapshot_baseline",
        sa.Column("chunk", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("chunk"),
    )


def downgrade() -> None:
    op.drop_table("snapshot_baseline")
    with op.batch_alter_table("sync_quarantine") as batch_op:
        batch_op.drop_column("reported_at")
    op.drop_column("journal", "corrected_at")
