"""Each client in their language (issue 16): clients.preferred_language, first_name_ar,
last_name_ar; templates.body_ar and the server's side of it in a conflict (remote_body_ar).

Columns with a constant default: SQLite adds them in place, no table copy. Every client
reads French and every template has no Arabic text until the next sync: the clients' and
templates' sync cursors are forgotten so that it pulls both in full once.

Revision ID: 0012
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("clients", sa.Column("preferred_language", sa.String(2), nullable=False,
                                       server_default="fr"))
    op.add_column("clients", sa.Column("first_name_ar", sa.Text, nullable=False,
                                       server_default=""))
    op.add_column("clients", sa.Column("last_name_ar", sa.Text, nullable=False,
                                       server_default=""))
    op.add_column("templates", sa.Column("body_ar", sa.Text, nullable=False,
                                         server_default=""))
    op.add_column("templates", sa.Column("remote_body_ar", sa.Text))
    op.execute("UPDATE sync_cursors SET cursor = NULL WHERE resource IN ('clients', 'templates')")


def downgrade() -> None:
    with op.batch_alter_table("templates") as batch:
        batch.drop_column("remote_body_ar")
        batch.drop_column("body_ar")
    with op.batch_alter_table("clients") as batch:
        batch.drop_column("last_name_ar")
        batch.drop_column("first_name_ar")
        batch.drop_column("preferred_language")
