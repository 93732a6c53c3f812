"""The cache's tables, as SQLAlchemy Core metadata (the shape at the head migration).

The schema itself is only ever created by the Alembic migrations in ``migrations/``; this
module describes the head so repositories can build statements, and a test checks that the
two agree. Timestamps are stored as integer Unix seconds (UTC): they sort and load fast,
and the GUI formats only the rows it shows.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

clients = Table(
    "clients",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # the server's id
    Column("first_name", Text, nullable=False, server_default=""),
    Column("last_name", Text, nullable=False, server_default=""),
    Column("phone", Text),
    # Decimal as text: SQLite has no exact decimal type, and money must not become a float.
    Column("balance_due", Text, nullable=False, server_default="0"),
    Column("balance_due_since", Text),  # ISO date
    Column("sms_opt_out", Boolean, nullable=False, server_default="0"),
    Column("updated_at", Integer),
    # Issue 16 (revision 0012): the language the client reads, the name in Arabic script.
    Column("preferred_language", String(2), nullable=False, server_default="fr"),
    Column("first_name_ar", Text, nullable=False, server_default=""),
    Column("last_name_ar", Text, nullable=False, server_default=""),
)

templates = Table(
    "templates",
    metadata,
    # The server's id; a template created here and not yet pushed has a negative id.
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("category", String(20), nullable=False, server_default="transactional"),
    Column("version", Integer, nullable=False, server_default="0"),  # server version we hold
    # A LocalState (templates.py): what the next push must do.
    Column("local_state", String(20), nullable=False, server_default="synced"),
    # The server's side of a conflict, kept until the user chooses.
    Column("remote_name", Text),
    Column("remote_body", Text),
    Column("remote_category", String(20)),
    Column("remote_version", Integer),
    Column("updated_at", Integer),
    # Issue 16 (revision 0012): the Arabic text ("" for none), and the server's in a conflict.
    Column("body_ar", Text, nullable=False, server_default=""),
    Column("remote_body_ar", Text),
)

communications = Table(
    "communications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # the server's id
    Column("client_message_id", Text, nullable=False),
    Column("created_at", Integer, nullable=False),
    Column("updated_at", Integer),
    Column("initiated_by", Text, nullable=False, server_default=""),
    Column("type", Text, nullable=False, server_default=""),
    Column("status", String(12), nullable=False),
    Column("content", Text, nullable=False, server_default=""),
    Column("recipient_name", Text, nullable=False, server_default=""),
    Column("recipient_phone", Text),
    Column("client_id", Integer),  # no foreign key: the server owns integrity
    Column("failure_reason", Text),
    Column("segments", Integer, nullable=False, server_default="1"),
    Column("campaign_id", Text),
    Column("is_test", Boolean, nullable=False, server_default="0"),
    # The status timeline as text (see domain.history_view.encode_status_history); NULL for
    # rows cached before the backend sent it.
    Column("status_history", Text),
    Column("kind", String(20)),  # domain.models.MessageKind; NULL when the backend did not say
    Index("ix_communications_created_at", "created_at"),
    Index("ix_communications_client_message_id", "client_message_id"),
)

balance = Table(
    "balance",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("credits", Integer, nullable=False, server_default="0"),
    Column("updated_at", Integer),
    CheckConstraint("id = 1", name="ck_balance_single_row"),
)

sync_cursors = Table(
    "sync_cursors",
    metadata,
    Column("resource", String(40), primary_key=True),
    Column("cursor", Text),  # opaque to us: whatever the server gave as the next updated_since
    Column("full_sync_at", Integer),  # when the last full pull of this resource completed
    Column("updated_at", Integer),
)

campaigns = Table(
    "campaigns",
    metadata,
    Column("id", String(36), primary_key=True),  # UUID, generated here
    Column("created_at", Integer, nullable=False),
    Column("label", Text, nullable=False, server_default=""),
    Column("objective", String(30), nullable=False, server_default=""),
    Column("template_id", Integer),
    # Sent with every batch: the backend refuses promotions to opted-out clients.
    Column("category", String(20), nullable=False, server_default="transactional"),
    Column("is_test", Boolean, nullable=False, server_default="0"),
    Column("total", Integer, nullable=False),
    Column("credits_needed", Integer, nullable=False, server_default="0"),
    # sending | paused | completed | cancelled
    Column("state", String(12), nullable=False, server_default="sending"),
    Column("pause_reason", String(30)),
    Column("finished_at", Integer),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),  # rowid order = send order
    Column(
        "campaign_id",
        String(36),
        ForeignKey("campaigns.id", ondelete="CASCADE"),
        nullable=False,
    ),
    # Fixed at enqueue, reused on every retry and resume: the backend's idempotency key.
    Column("client_message_id", String(36), nullable=False, unique=True),
    Column("client_id", Integer),
    Column("client_name", Text, nullable=False, server_default=""),
    Column("phone_e164", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("encoding", String(10), nullable=False, server_default="GSM-7"),
    Column("segments", Integer, nullable=False, server_default="1"),
    # pending | posting | accepted | rejected | cancelled
    Column("state", String(10), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("error_code", String(40)),
    Column("error_message", Text),
    Column("communication_id", Integer),  # the server's id once accepted
    Column("updated_at", Integer),
    Index("ix_outbox_campaign_state", "campaign_id", "state"),
)

# The credit ledger (issue 12): movements as the backend lists them, never changed here.
credit_ledger = Table(
    "credit_ledger",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # the server's id
    Column("kind", String(12), nullable=False),  # recharge | charge | refund | adjustment
    Column("credits", Integer, nullable=False),  # signed
    Column("balance_after", Integer, nullable=False),
    Column("created_at", Integer, nullable=False),
    Column("campaign_id", Text),
    Column("recharge_request_id", Integer),
    Column("note", Text),
    Index("ix_credit_ledger_campaign_id", "campaign_id"),
)

credit_ledger_items = Table(
    "credit_ledger_items",
    metadata,
    Column("movement_id", Integer, ForeignKey("credit_ledger.id", ondelete="CASCADE"),
           primary_key=True),
    Column("client_message_id", Text, primary_key=True),
    Column("credits", Integer, nullable=False),
)


# --- Scheduled sends (issue 15, migration 0011) ------------------------------------------

schedules = Table(
    "schedules",
    metadata,
    Column("uid", String(36), primary_key=True),  # generated where it was made
    # The schedule as the contract carries it (domain.schedules.to_wire), with the backend's
    # version and the last run it told us of.
    Column("data", Text, nullable=False),
    # synced | dirty (to push) | deleted (to delete on the backend)
    Column("local_state", String(10), nullable=False, server_default="synced"),
    Column("conflict", Text),  # the backend's copy when our edit met a newer one
    Column("updated_at", Integer),
)

schedule_runs = Table(
    "schedule_runs",
    metadata,
    Column("uid", String(36), primary_key=True),
    Column("occurrence_key", String(16), primary_key=True),  # local « 2026-12-01T09:00 »
    Column("campaign_id", String(36)),  # the outbox campaign of this run, when one was made
    Column("result", String(20), nullable=False),  # a RunResult
    Column("detail", Text, nullable=False, server_default=""),
    Column("pause_reason", Text, nullable=False, server_default=""),
    Column("pushed", Boolean, nullable=False, server_default="0"),  # recorded on the backend
    Column("recorded_at", Integer, nullable=False),
)


# --- Consent, replies, frequency (migration 0010) -------------------------------------

consent_records = Table(
    "consent_records",
    metadata,
    Column("id", Integer, primary_key=True),
    # Generated here: the backend's idempotency key, so a record is never stored twice.
    Column("record_uid", String(36), nullable=False, unique=True),
    Column("server_id", Integer),  # NULL until the backend has it (the next push sends it)
    Column("client_id", Integer, nullable=False),
    Column("purpose", String(20), nullable=False, server_default="promotions"),
    Column("state", String(10), nullable=False),
    Column("recorded_at", Integer, nullable=False),
    Column("staff", Text, nullable=False, server_default=""),
    Column("channel", String(12), nullable=False),
    Column("reply_id", Integer),
    Column("reply_text", Text, nullable=False, server_default=""),
    Column("note", Text, nullable=False, server_default=""),
    Index("ix_consent_records_client", "client_id", "recorded_at"),
)

inbound_replies = Table(
    "inbound_replies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # the server's id
    Column("client_id", Integer),
    Column("phone", Text),
    Column("text", Text, nullable=False, server_default=""),
    Column("received_at", Integer, nullable=False),
    Column("is_stop", Boolean, nullable=False, server_default="0"),
    Column("is_read", Boolean, nullable=False, server_default="0"),
    Index("ix_inbound_replies_client", "client_id", "received_at"),
)

sent_purposes = Table(
    "sent_purposes",
    metadata,
    Column("client_message_id", String(36), primary_key=True),
    Column("client_id", Integer, nullable=False),
    Column("purpose", String(20), nullable=False),
    Column("sent_at", Integer, nullable=False),
    Index("ix_sent_purposes_client", "client_id", "sent_at"),
)

account_settings = Table(
    "account_settings",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False, server_default=""),
)
