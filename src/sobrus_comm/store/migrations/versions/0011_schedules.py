"""Scheduled sends: the schedules synced from the backend and the runs of this workstation.

Two new tables, nothing else touched: a cache upgraded in place keeps all its rows.

Revision ID: 0011
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "schedules",
        sa.Column("uid", sa.String(36), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("local_state", sa.String(10), nullable=False, server_default="synced"),
        sa.Column("conflict", sa.Text),
        sa.Column("updated_at", sa.Integer),
    )
    op.create_table(
        "schedule_runs",
        sa.Column("uid", sa.String(36), primary_key=True),
        sa.Column("occurrence_key", sa.String(16), primary_key=True),
        sa.Column("campaign_id", sa.String(36)),
        sa.Column("result", sa.String(20), nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
        sa.Column("pause_reason", sa.Text, nullable=False, server_default=""),
        sa.Column("pushed", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("recorded_at", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("schedule_runs")
    op.drop_table("schedules")
