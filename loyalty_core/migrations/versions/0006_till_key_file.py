"""till key file: the till's sync secret leaves the database for a 0600 key file beside it
(loyalty_core.tillkey), so a copied database no longer signs requests as the till; staff get a
count of lock-outs in a row, so each lock-out lasts longer (loyalty_core.staff).

Revision ID: 0006
Revises: 0003
Create Date: 2026-12-01 05:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from loyalty_core.tillkey import read_secret, write_secret

revision = "0006"
down_revision = "0003"
branch_labels = None
depends_on = None

_KEY = "ho.till_secret"


def _database_path() -> str | None:
    path = op.get_bind().engine.url.database
    return None if not path or path == ":memory:" else path


def upgrade() -> None:
    op.add_column(
        "staff", sa.Column("lockouts", sa.Integer(), server_default="0", nullable=False)
    )
    bind = op.get_bind()
    secret = bind.execute(
        sa.text("SELECT value FROM sync_state WHERE key = :k"), {"k": _KEY}
    ).scalar()
    path = _database_path()
    if secret is None or path is None:
        return
    if read_secret(path) is None:
        write_secret(path, secret)
    bind.execute(sa.text("DELETE FROM sync_state WHERE key = :k"), {"k": _KEY})


def downgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("lockouts")
    path = _database_path()
    secret = read_secret(path) if path else None
    if secret is not None:
        op.get_bind().execute(
            sa.text("INSERT OR REPLACE INTO sync_state (key, value) VALUES (:k, :v)"),
            {"k": _KEY, "v": secret},
        )
