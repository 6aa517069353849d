"""joining a chain from a snapshot; both clocks on entries; quarantine reported by tills.

- `point_lots`: head office now keeps every card's point lots (the projection's `add_lot` /
  `take_from_lot`), so a new till's snapshot carries them. Back-filled here from the journal
  held so far (credits of points make lots, the `lots` a payload names consume them), skipping
  entries head office quarantined, as the projection does.
- `journal.corrected_at`: the till's clock corrected by its measured offset from head office
  (`created_at` stays the till's own clock); null for entries written before.
- `till_quarantine`: entries a till quarantined when it pulled them, as that till reported them.

Revision ID: ho0009
Revises: ho0008
Create Date: 2026-12-01 07:40:00
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "ho0009"
down_revision = "ho0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "point_lots",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("card_id", sa.String(64), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("remaining", sa.BigInteger, nullable=False),
        sa.Column("expires_on", sa.String(10)),
    )
    op.create_index("ix_point_lots_card", "point_lots", ["card_id"])
    with op.batch_alter_table("journal") as batch_op:
        batch_op.add_column(sa.Column("corrected_at", sa.String(32), nullable=True))
    op.create_table(
        "till_quarantine",
        sa.Column("till_id", sa.String(64), nullable=False),
        sa.Column("entry_id", sa.String(64), nullable=False),
        sa.Column("entry_till_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("quarantined_at", sa.String(32), nullable=False),
        sa.Column("reported_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("till_id", "entry_id"),
    )
    _backfill_lots()


def _backfill_lots() -> None:
    """Lots of the journal held so far, in ingest order, as the projection would have made them."""
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT j.id, j.card_id, j.account, j.amount, j.payload FROM journal j "
        "WHERE j.ingest_seq IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.entry_id = j.id) "
        "AND ((j.account = 'points' AND j.amount > 0) OR j.payload LIKE '%\"lots\"%') "
        "ORDER BY j.ingest_seq"
    ))
    lots: dict[str, dict[str, object]] = {}
    for entry_id, card_id, account, amount, payload in rows:
        data = json.loads(payload) if payload else {}
        if account == "points" and int(amount) > 0 and card_id:
            expires = data.get("expires_on") if isinstance(data, dict) else None
            lots[entry_id] = {"id": entry_id, "card_id": card_id, "amount": int(amount),
                              "remaining": int(amount),
                              "expires_on": expires if isinstance(expires, str) else None}
        used = data.get("lots") if isinstance(data, dict) else None
        for lot in used if isinstance(used, list) else ():
            if isinstance(lot, dict) and lot.get("lot_id") in lots:
                lots[lot["lot_id"]]["remaining"] -= int(lot.get("amount") or 0)  # type: ignore[operator]
    if lots:
        conn.execute(sa.text(
            "INSERT INTO point_lots (id, card_id, amount, remaining, expires_on) "
            "VALUES (:id, :card_id, :amount, :remaining, :expires_on)"
        ), list(lots.values()))


def downgrade() -> None:
    op.drop_table("till_quarantine")
    with op.batch_alter_table("journal") as batch_op:
        batch_op.drop_column("corrected_at")
    op.drop_index("ix_point_lots_card", "point_lots")
    op.drop_table("point_lots")
