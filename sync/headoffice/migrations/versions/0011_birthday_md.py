"""birthday gifts as a chain job: `members.birthday_md` ('MM-DD' of the birthday) and its index,
so the `birthday.grant` job reads the members whose window opens today by an index range; and
`job_runs.cursor` widened to 128: a cursor is a key and an id (`MM-DD|member id`,
`expires_on|entry id`), and an id may be 64 characters, which PostgreSQL's VARCHAR(64) refused.

Filled here from the birthdays held, by the same rule the projection applies to new members
(`loyalty_core.programs.birthday.birthday_md`: a text that is not a calendar date gets none).

Revision ID: ho0011
Revises: ho0010
Create Date: 2026-12-01 10:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from loyalty_core.programs.birthday import birthday_md

revision = "ho0011"
down_revision = "ho0010"
branch_labels = None
depends_on = None

_BATCH = 5_000


def upgrade() -> None:
    op.add_column("members", sa.Column("birthday_md", sa.String(5)))
    conn = op.get_bind()
    after = ""
    while True:
        rows = conn.execute(
            sa.text("SELECT id, birthday FROM members WHERE id > :after "
                    "AND birthday IS NOT NULL ORDER BY id LIMIT :n"),
            {"after": after, "n": _BATCH},
        ).all()
        if not rows:
            break
        found = [{"b_id": r[0], "b_md": md} for r in rows if (md := birthday_md(r[1]))]
        if found:
            conn.execute(sa.text("UPDATE members SET birthday_md = :b_md WHERE id = :b_id"),
                         found)
        after = rows[-1][0]
    op.create_index("ix_members_birthday_md", "members", ["birthday_md", "id"])
    with op.batch_alter_table("job_runs") as batch:
        batch.alter_column("cursor", type_=sa.String(128), existing_type=sa.String(64),
                           existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("job_runs") as batch:
        batch.alter_column("cursor", type_=sa.String(64), existing_type=sa.String(128),
                           existing_nullable=False)
    op.drop_index("ix_members_birthday_md", table_name="members")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("birthday_md")
