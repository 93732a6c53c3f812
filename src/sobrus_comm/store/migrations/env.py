"""Alembic environment: always run in code, on a connection handed over by migrate.py."""

from __future__ import annotations

from alembic import context

from sobrus_comm.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Les migrations se lancent via sobrus_comm.store.migrate.")

# render_as_batch: SQLite cannot ALTER most things, batch mode rebuilds the table instead.
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
