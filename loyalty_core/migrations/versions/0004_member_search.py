"""member search: phones in E.164, a folded-name column and a reversed-phone column, indexed.

What it does with phones: every members.phone that `phonenumbers` parses (Vietnam as the default
region) is rewritten to E.164 (`0912 345 678` -> `+84912345678`). A number that does not parse
(junk such as `1`, or a foreign number typed without its country code) is left exactly as it was:
it is not deleted (the member still exists and a supervisor can correct it) and it stays findable
by its own digits through phone_rev; new enrolments can no longer store such a number. Two
members whose different forms meet at one E.164 number are both kept (the journal holds both
enrolments); the new duplicate check refuses a third.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 05:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from loyalty_core.memberkeys import name_key, phone_rev, stored_phone

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("phone_rev", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_members_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_members_phone_rev"), ["phone_rev"], unique=False)
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name, phone FROM members")).fetchall()
    update = sa.text(
        "UPDATE members SET phone = :phone, name_key = :name_key, phone_rev = :phone_rev "
        "WHERE id = :id"
    )
    batch = []
    for member_id, name, phone in rows:
        stored = stored_phone(phone)
        batch.append(
            {
                "id": member_id,
                "phone": stored,
                "name_key": name_key(name),
                "phone_rev": phone_rev(stored),
            }
        )
        if len(batch) >= 5000:
            conn.execute(update, batch)
            batch = []
    if batch:
        conn.execute(update, batch)


def downgrade() -> None:
    # Phones stay in E.164: the cashier's original form is in the journal's enrol entries.
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_members_phone_rev"))
        batch_op.drop_index(batch_op.f("ix_members_name_key"))
        batch_op.drop_column("phone_rev")
        batch_op.drop_column("name_key")
