"""Indexes for the history and the sender; a retry counter on outbox rows.

The history sorts 100k rows by date and live updates look rows up by client_message_id;
the sender picks pending rows of one campaign. Existing rows get attempts = 0.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(
            sa.Column("attempts", sa.Integer, nullable=False, server_default="0")
        )
    op.create_index("ix_outbox_campaign_state", "outbox", ["campaign_id", "state"])
    op.create_index("ix_communications_created_at", "communications", ["created_at"])
    op.create_index(
        "ix_communications_client_message_id", "communications", ["client_message_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_communications_client_message_id", "communications")
    op.drop_index("ix_communications_created_at", "communications")
    op.drop_index("ix_outbox_campaign_state", "outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("attempts")
