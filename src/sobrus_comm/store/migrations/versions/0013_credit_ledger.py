"""The credit ledger (issue 12): credit_ledger and credit_ledger_items.

New tables only: nothing existing is touched. The ledger fills on the next sync (no cursor
yet for the "ledger" resource, so the first pull is a full one).

Revision ID: 0013
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "credit_ledger",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("credits", sa.Integer, nullable=False),
        sa.Column("balance_after", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("campaign_id", sa.Text),
        sa.Column("recharge_request_id", sa.Integer),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_credit_ledger_campaign_id", "credit_ledger", ["campaign_id"])
    op.create_table(
        "credit_ledger_items",
        sa.Column("movement_id", sa.Integer,
                  sa.ForeignKey("credit_ledger.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("client_message_id", sa.Text, primary_key=True),
        sa.Column("credits", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("credit_ledger_items")
    op.drop_index("ix_credit_ledger_campaign_id", "credit_ledger")
    op.drop_table("credit_ledger")
