"""Head-office initial schema.

Revision ID: ho0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ho0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(sa.table("counters", sa.column("name"), sa.column("value")),
                   [{"name": "change", "value": 0}])
    op.create_table(
        "tills",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("secret", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("registered_at", sa.String(32), nullable=False),
        sa.Column("revoked_at", sa.String(32)),
    )
    op.create_table(
        "enrolment_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
        sa.Column("used_at", sa.String(32)),
        sa.Column("till_id", sa.String(64)),
    )
    op.create_table(
        "nonces",
        sa.Column("till_id", sa.String(64), nullable=False),
        sa.Column("nonce", sa.String(64), nullable=False),
        sa.Column("seen_at", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("till_id", "nonce"),
    )
    op.create_index("ix_nonces_seen_at", "nonces", ["seen_at"])
    op.create_table(
        "journal",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("till_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("card_id", sa.String(64)),
        sa.Column("account", sa.String(24)),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("operation_id", sa.String(64), nullable=False),
        sa.Column("sale_id", sa.String(64)),
        sa.Column("staff_id", sa.String(64)),
        sa.Column("approval_id", sa.String(64)),
        sa.Column("rule_version", sa.Integer),
        sa.Column("reason", sa.String(200)),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("ingest_seq", sa.BigInteger, unique=True),
        sa.Column("received_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("till_id", "seq", name="uq_journal_till_seq"),
    )
    op.create_index("ix_journal_card", "journal", ["card_id"])
    op.create_index("ix_journal_operation", "journal", ["operation_id"])
    op.create_table(
        "till_progress",
        sa.Column("till_id", sa.String(64), primary_key=True),
        sa.Column("acked_seq", sa.BigInteger, nullable=False),
        sa.Column("acked_hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(32)),
        sa.Column("birthday", sa.String(10)),
        sa.Column("email", sa.String(200)),
        sa.Column("segment", sa.String(64)),
        sa.Column("tier", sa.String(64)),
        sa.Column("tier_at", sa.String(32)),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_members_phone", "members", ["phone"])
    op.create_table(
        "cards",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("number", sa.String(32)),
        sa.Column("kind", sa.String(16)),
        sa.Column("member_id", sa.String(64)),
        sa.Column("status", sa.String(16)),
        sa.Column("status_reason", sa.String(200)),
        sa.Column("status_at", sa.String(32)),
        sa.Column("expires_on", sa.String(10)),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_cards_number", "cards", ["number"])
    op.create_index("ix_cards_member_id", "cards", ["member_id"])
    op.create_table(
        "balances",
        sa.Column("card_id", sa.String(64), nullable=False),
        sa.Column("account", sa.String(24), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("card_id", "account"),
    )
    op.create_table(
        "card_flags",
        sa.Column("card_id", sa.String(64), primary_key=True),
        sa.Column("flagged", sa.String(64)),
        sa.Column("stored_value", sa.BigInteger, nullable=False),
        sa.Column("flagged_at", sa.String(32), nullable=False),
        sa.Column("change_seq", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_card_flags_change_seq", "card_flags", ["change_seq"])
    op.create_table(
        "rules",
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("effective_from", sa.String(32), nullable=False),
        sa.Column("rules", sa.Text, nullable=False),
        sa.Column("change_seq", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_rules_change_seq", "rules", ["change_seq"])
    op.create_table(
        "tiers",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.Column("threshold", sa.BigInteger, nullable=False),
        sa.Column("earn_multiplier_pct", sa.Integer, nullable=False),
        sa.Column("discount_bp", sa.Integer, nullable=False),
        sa.Column("birthday_points", sa.Integer, nullable=False),
        sa.Column("change_seq", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_tiers_change_seq", "tiers", ["change_seq"])
    op.create_table(
        "staff",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("pin_hash", sa.Text, nullable=False),
        sa.Column("card_number", sa.String(32)),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("change_seq", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_staff_change_seq", "staff", ["change_seq"])
    op.create_table(
        "rewards",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("points_cost", sa.BigInteger, nullable=False),
        sa.Column("stock", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("change_seq", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("id", "store_id"),
    )
    op.create_index("ix_rewards_change_seq", "rewards", ["change_seq"])
    op.create_table(
        "reservations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("till_id", sa.String(64), nullable=False),
        sa.Column("card_id", sa.String(64), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("operation_id", sa.String(64)),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_reservations_card_id", "reservations", ["card_id"])
    op.create_index("ix_reservations_operation_id", "reservations", ["operation_id"])
    op.create_table(
        "reconciliations",
        sa.Column("till_id", sa.String(64), nullable=False),
        sa.Column("run_id", sa.String(64), nullable=False),
        sa.Column("chunk", sa.Integer, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("differences", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("till_id", "run_id", "chunk"),
    )


def downgrade() -> None:
    for name in (
        "reconciliations", "reservations", "rewards", "staff", "tiers", "rules", "card_flags",
        "balances", "cards", "members", "till_progress", "journal", "nonces",
        "enrolment_codes", "tills", "counters",
    ):
        op.drop_table(name)
