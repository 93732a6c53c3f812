"""Consent records, clients' replies, what each SMS was sent as, the account's opt-out.

New tables only (nothing existing is reshaped):
- consent_records: every change of a client's consent with its evidence, never updated
  but to note that the backend has it (server_id);
- inbound_replies: what clients answered, pulled by sync; ``is_read`` is this workstation's;
- sent_purposes: balance reminder / promotion / other per SMS (client_message_id), from the
  synced history and this workstation's outbox: what the frequency caps count;
- account_settings: the opt-out wording and reply number of the account.

Revision ID: 0010
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent_records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("record_uid", sa.String(36), nullable=False, unique=True),
        sa.Column("server_id", sa.Integer),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("purpose", sa.String(20), nullable=False, server_default="promotions"),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("recorded_at", sa.Integer, nullable=False),
        sa.Column("staff", sa.Text, nullable=False, server_default=""),
        sa.Column("channel", sa.String(12), nullable=False),
        sa.Column("reply_id", sa.Integer),
        sa.Column("reply_text", sa.Text, nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_consent_records_client", "consent_records", ["client_id", "recorded_at"])
    op.create_table(
        "inbound_replies",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("client_id", sa.Integer),
        sa.Column("phone", sa.Text),
        sa.Column("text", sa.Text, nullable=False, server_default=""),
        sa.Column("received_at", sa.Integer, nullable=False),
        sa.Column("is_stop", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("is_read", sa.Boolean, nullable=False, server_default="0"),
    )
    op.create_index("ix_inbound_replies_client", "inbound_replies", ["client_id", "received_at"])
    op.create_table(
        "sent_purposes",
        sa.Column("client_message_id", sa.String(36), primary_key=True),
        sa.Column("client_id", sa.Integer, nullable=False),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("sent_at", sa.Integer, nullable=False),
    )
    op.create_index("ix_sent_purposes_client", "sent_purposes", ["client_id", "sent_at"])
    op.create_table(
        "account_settings",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False, server_default=""),
    )
    # The cursors of the new resources start empty: the first sync pulls them in full.


def downgrade() -> None:
    op.drop_table("account_settings")
    op.drop_index("ix_sent_purposes_client", "sent_purposes")
    op.drop_table("sent_purposes")
    op.drop_index("ix_inbound_replies_client", "inbound_replies")
    op.drop_table("inbound_replies")
    op.drop_index("ix_consent_records_client", "consent_records")
    op.drop_table("consent_records")
