"""The status timeline of each SMS (« Suivi »): communications.status_history.

A compact text column (« queued@1700000000;sent@1700000030;delivered@1700000090 », see
domain.history_view.encode_status_history): the history still loads in one SELECT. Rows
already cached get NULL, and the details pane falls back to creation + last change for them.
The history's sync cursor is forgotten so that the next sync pulls the history in full
once and fills the timelines from the backend; an interrupted pull leaves some rows NULL,
which is fine.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column without default: SQLite adds it in place, no table copy.
    op.add_column("communications", sa.Column("status_history", sa.Text))
    # Keeps full_sync_at (shown in the settings); a NULL cursor means "pull in full next".
    op.execute("UPDATE sync_cursors SET cursor = NULL WHERE resource = 'communications'")


def downgrade() -> None:
    with op.batch_alter_table("communications") as batch:
        batch.drop_column("status_history")
