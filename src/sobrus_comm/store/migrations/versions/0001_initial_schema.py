"""Initial schema: clients, templates, communications, balance, sync cursors, outbox.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clients",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("first_name", sa.Text, nullable=False, server_default=""),
        sa.Column("last_name", sa.Text, nullable=False, server_default=""),
        sa.Column("phone", sa.Text),
        sa.Column("balance_due", sa.Text, nullable=False, server_default="0"),
        sa.Column("balance_due_since", sa.Text),
        sa.Column("sms_opt_out", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("updated_at", sa.Integer),
    )
    op.create_table(
        "templates",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("category", sa.String(20), nullable=False, server_default="transactional"),
        sa.Column("version", sa.Integer, nullable=False, server_default="0"),
        sa.Column("local_state", sa.String(20), nullable=False, server_default="synced"),
        sa.Column("remote_name", sa.Text),
        sa.Column("remote_body", sa.Text),
        sa.Column("remote_category", sa.String(20)),
        sa.Column("remote_version", sa.Integer),
        sa.Column("updated_at", sa.Integer),
    )
    op.create_table(
        "communications",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("client_message_id", sa.Text, nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.Integer),
        sa.Column("initiated_by", sa.Text, nullable=False, server_default=""),
        sa.Column("type", sa.Text, nullable=False, server_default=""),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("content", sa.Text, nullable=False, server_default=""),
        sa.Column("recipient_name", sa.Text, nullable=False, server_default=""),
        sa.Column("recipient_phone", sa.Text),
        sa.Column("client_id", sa.Integer),
        sa.Column("failure_reason", sa.Text),
        sa.Column("segments", sa.Integer, nullable=False, server_default="1"),
        sa.Column("campaign_id", sa.Text),
        sa.Column("is_test", sa.Boolean, nullable=False, server_default="0"),
    )
    op.create_table(
        "balance",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("credits", sa.Integer, nullable=False, server_default="0"),
        sa.Column("updated_at", sa.Integer),
        sa.CheckConstraint("id = 1", name="ck_balance_single_row"),
    )
    op.create_table(
        "sync_cursors",
        sa.Column("resource", sa.String(40), primary_key=True),
        sa.Column("cursor", sa.Text),
        sa.Column("full_sync_at", sa.Integer),
        sa.Column("updated_at", sa.Integer),
    )
    op.create_table(
        "campaigns",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("label", sa.Text, nullable=False, server_default=""),
        sa.Column("objective", sa.String(30), nullable=False, server_default=""),
        sa.Column("template_id", sa.Integer),
        sa.Column("category", sa.String(20), nullable=False, server_default="transactional"),
        sa.Column("is_test", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("credits_needed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("state", sa.String(12), nullable=False, server_default="sending"),
        sa.Column("pause_reason", sa.String(30)),
        sa.Column("finished_at", sa.Integer),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "campaign_id",
            sa.String(36),
            sa.ForeignKey("campaigns.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("client_message_id", sa.String(36), nullable=False, unique=True),
        sa.Column("client_id", sa.Integer),
        sa.Column("client_name", sa.Text, nullable=False, server_default=""),
        sa.Column("phone_e164", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("encoding", sa.String(10), nullable=False, server_default="GSM-7"),
        sa.Column("segments", sa.Integer, nullable=False, server_default="1"),
        sa.Column("state", sa.String(10), nullable=False, server_default="pending"),
        sa.Column("error_code", sa.String(40)),
        sa.Column("error_message", sa.Text),
        sa.Column("communication_id", sa.Integer),
        sa.Column("updated_at", sa.Integer),
    )


def downgrade() -> None:
    for table in (
        "outbox", "campaigns", "sync_cursors", "balance", "communications", "templates",
        "clients",
    ):
        op.drop_table(table)
