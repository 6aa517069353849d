"""Alembic environment for the head-office database.

The server runs its migrations itself at start (`sync.headoffice.db.migrate`), handing Alembic an
open connection, so there is no alembic.ini to ship or to point at the wrong database.
"""

from __future__ import annotations

from alembic import context

from sync.headoffice.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run head-office migrations through sync.headoffice.db.migrate")
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
