"""The app's nouns, as plain immutable values shared by every layer."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sobrus_comm.domain.languages import Language


class TemplateCategory(enum.StrEnum):
    TRANSACTIONAL = "transactional"  # balance reminders, notices: sent even to opted-out clients
    PROMOTIONAL = "promotional"  # never sent to clients who opted out


class Objective(enum.StrEnum):
    """What a grouped send is for (the source document's two choices)."""

    BALANCE_REMINDER = "balance_reminder"  # « Rappel de solde client »
    CUSTOM_TEMPLATE = "custom_template"  # « Modèle personnalisé »


class MessageKind(enum.StrEnum):
    """What a message was sent as: carried by the backend, so every workstation knows it."""

    BALANCE_REMINDER = "balance_reminder"  # a grouped « Rappel de solde client »
    CUSTOM_TEMPLATE = "custom_template"  # a grouped send from a « Modèle personnalisé »
    TEST = "test"  # « Envoyer un test »
    RESEND = "resend"  # « Renvoyer ce SMS »
    SCHEDULED = "scheduled"  # an occurrence of a scheduled send


KIND_LABELS: dict[MessageKind, str] = {
    MessageKind.BALANCE_REMINDER: "Rappel de solde",
    MessageKind.CUSTOM_TEMPLATE: "Modèle personnalisé",
    MessageKind.TEST: "Test",
    MessageKind.RESEND: "Renvoi",
    MessageKind.SCHEDULED: "Envoi programmé",
}
UNKNOWN_KIND_LABEL = "—"  # sent before kinds were recorded, or by another tool


def kind_label(kind: str | None) -> str:
    try:
        return KIND_LABELS[MessageKind(kind)] if kind else UNKNOWN_KIND_LABEL
    except ValueError:
        return UNKNOWN_KIND_LABEL


def message_kind(objective: str, *, is_test: bool = False,
                 scheduled: bool = False) -> MessageKind | None:
    """The kind of the messages of a campaign written with this objective (outbox)."""
    if is_test:
        return MessageKind.TEST
    if scheduled:
        return MessageKind.SCHEDULED
    try:
        return MessageKind(objective)
    except ValueError:
        return None


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
    # Issue 16: the language the client reads their SMS in, and their name in Arabic
    # script when the pharmacy recorded it (empty otherwise).
    preferred_language: Language = Language.FRENCH
    first_name_ar: str = ""
    last_name_ar: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def full_name_ar(self) -> str:
        return f"{self.first_name_ar} {self.last_name_ar}".strip()


@dataclass(frozen=True)
class Template:
    id: int | None
    name: str
    body: str
    category: TemplateCategory = TemplateCategory.TRANSACTIONAL
    version: int = 0
    body_ar: str = ""  # the Arabic text; empty: Arabic readers get the French one


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
    # What it was sent as (a MessageKind value); None when the backend does not know.
    kind: str | None = None
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
