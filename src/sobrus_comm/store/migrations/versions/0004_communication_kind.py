"""What each SMS was sent as (balance reminder, custom template, test, resend, scheduled):
communications.kind.

The backend now carries it, so the history can filter and sort by it on every workstation.
Rows already cached take it from this workstation's own campaigns where they came from one;
the history's cursor is forgotten so that the next sync pulls the history in full once and
fills the rest from the backend (the pull resumes where it stopped if interrupted).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column without default: SQLite adds it in place, no table copy.
    op.add_column("communications", sa.Column("kind", sa.String(20)))
    op.execute("""
        UPDATE communications SET kind = (
            SELECT CASE
                WHEN c.is_test THEN 'test'
                WHEN c.objective IN ('balance_reminder', 'custom_template', 'resend',
                                     'scheduled') THEN c.objective
            END
            FROM campaigns c WHERE c.id = communications.campaign_id)
        WHERE campaign_id IS NOT NULL
    """)
    op.execute("UPDATE sync_cursors SET cursor = NULL WHERE resource = 'communications'")


def downgrade() -> None:
    with op.batch_alter_table("communications") as batch:
        batch.drop_column("kind")
