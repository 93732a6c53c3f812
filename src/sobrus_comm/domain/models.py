"""The app's nouns, as plain immutable values shared by every layer."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


class TemplateCategory(enum.StrEnum):
    TRANSACTIONAL = "transactional"  # balance reminders, notices: sent even to opted-out clients
    PROMOTIONAL = "promotional"  # never sent to clients who opted out


class Objective(enum.StrEnum):
    """What a grouped send is for (the source document's two choices)."""

    BALANCE_REMINDER = "balance_reminder"  # « Rappel de solde client »
    CUSTOM_TEMPLATE = "custom_template"  # « Modèle personnalisé »


class MessageStatus(enum.StrEnum):
    PENDING = "pending"  # in the local outbox, not yet accepted by the backend
    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"
    CANCELLED = "cancelled"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Client:
    id: int
    first_name: str
    last_name: str
    phone: str | None  # as typed in Sobrus, not normalised
    balance_due: Decimal = Decimal("0")
    balance_due_since: date | None = None
    sms_opt_out: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class Template:
    id: int | None
    name: str
    body: str
    category: TemplateCategory = TemplateCategory.TRANSACTIONAL
    version: int = 0


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    permissions: frozenset[str] = field(default_factory=frozenset)

    def can(self, permission: str) -> bool:
        return permission in self.permissions


class Permission:
    SEND_SMS = "send_sms"
    MANAGE_TEMPLATES = "manage_templates"
    REQUEST_RECHARGE = "request_recharge"


@dataclass(frozen=True)
class Communication:
    """One SMS as the history shows it."""

    id: int
    client_message_id: str
    created_at: datetime
    initiated_by: str
    type: str
    status: MessageStatus
    content: str
    recipient_name: str
    recipient_phone: str | None
    client_id: int | None = None
    failure_reason: str | None = None
    segments: int = 1
    campaign_id: str | None = None
    updated_at: datetime | None = None
    is_test: bool = False
    # « Suivi »: each status reached and when (UTC), oldest first, as the backend reports it.
    # Empty when unknown (rows cached before the backend sent it).
    status_history: tuple[tuple[MessageStatus, datetime], ...] = ()
    # What it was sent as for the frequency caps (domain.frequency.Purpose); None: unknown.
    purpose: str | None = None


# The French label of each status, as the history shows it (the source document's « Statut »).
STATUS_LABELS: dict[MessageStatus, str] = {
    MessageStatus.PENDING: "En attente",
    MessageStatus.QUEUED: "En attente",
    MessageStatus.SENT: "Envoyé",
    MessageStatus.DELIVERED: "Délivré",
    MessageStatus.FAILED: "Échec",
    MessageStatus.REJECTED: "Échec",
    MessageStatus.CANCELLED: "Annulé",
}

# Lifecycle order, used to sort by status.
STATUS_ORDER: dict[MessageStatus, int] = {
    status: rank for rank, status in enumerate(
        (MessageStatus.PENDING, MessageStatus.QUEUED, MessageStatus.SENT,
         MessageStatus.DELIVERED, MessageStatus.FAILED, MessageStatus.REJECTED,
         MessageStatus.CANCELLED))
}


def status_label(status: str) -> str:
    try:
        return STATUS_LABELS[MessageStatus(status)]
    except ValueError:
        return status
