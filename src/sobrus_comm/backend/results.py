"""Typed results of the API calls that the domain dataclasses do not cover."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Generic, TypeVar

from sobrus_comm.domain.models import Communication, TemplateCategory, User

T = TypeVar("T")

MAX_BATCH_SIZE = 500  # messages per POST /communications/batch (the contract's maxItems)
# The contract's largest page (its Limit): a first pull of a decade of history is 500 pages.
MAX_PAGE_SIZE = 2000


@dataclass(frozen=True)
class CurrentUser:
    user: User
    pharmacy_id: int
    pharmacy_name: str
    pharmacy_city: str | None = None


@dataclass(frozen=True)
class LoginResult:
    token: str = field(repr=False)  # a secret: never in logs or reprs
    expires_at: datetime
    current: CurrentUser

    @property
    def user(self) -> User:
        return self.current.user


@dataclass(frozen=True)
class Tombstone:
    id: int
    deleted_at: datetime


@dataclass(frozen=True)
class Skipped:
    """A record of a list set aside because it breaks the contract.

    ``id`` when it could be read (the cache then keeps its last good copy), ``where`` its
    place in the answer and ``reason`` the rule it broke: never its values, which may hold
    a name or a phone number.
    """

    where: str
    reason: str
    id: int | None = None


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of an incremental list.

    Keep ``next_cursor`` (it is always set) and pass it back later to get only what changed
    since; ``has_more`` says whether to ask again right away. ``skipped``: the records (and
    tombstones) of this page that broke the contract and were set aside.
    """

    items: tuple[T, ...]
    next_cursor: str
    has_more: bool
    deleted: tuple[Tombstone, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    remaining: int | None = None  # changes left after this page, when it was asked


@dataclass(frozen=True)
class OutgoingMessage:
    """One SMS to send. ``client_message_id`` is a UUID generated once, kept for retries."""

    client_message_id: str
    phone: str | None
    content: str
    client_id: int | None = None
    recipient_name: str | None = None


@dataclass(frozen=True)
class MessageResult:
    client_message_id: str
    accepted: bool
    communication: Communication
    error_code: str | None = None  # invalid_phone, opted_out, unknown_client, …
    error_detail: str | None = None  # French, for display


@dataclass(frozen=True)
class Balance:
    credits: int
    updated_at: datetime


@dataclass(frozen=True)
class BatchResult:
    campaign_id: str | None
    results: tuple[MessageResult, ...]
    credits_charged: int  # by this request only: 0 when every id had been received before
    balance: Balance

    @property
    def accepted(self) -> tuple[MessageResult, ...]:
        return tuple(r for r in self.results if r.accepted)

    @property
    def rejected(self) -> tuple[MessageResult, ...]:
        return tuple(r for r in self.results if not r.accepted)

    def by_id(self) -> dict[str, MessageResult]:
        return {r.client_message_id: r for r in self.results}


@dataclass(frozen=True)
class CancelResult:
    """The backend's word on one message of a send cancelled while in doubt."""

    client_message_id: str
    communication: Communication | None  # as received; None: never received, now voided

    @property
    def received(self) -> bool:
        return self.communication is not None


@dataclass(frozen=True)
class Pack:
    id: int
    name: str
    credits: int
    price: Decimal  # DH
    currency: str = "MAD"


class RechargeStatus(enum.StrEnum):
    # French labels: services/recharge.py (STATUS_LABELS_FR), one set for the whole app.
    REQUESTED = "requested"
    AWAITING_PAYMENT = "awaiting_payment"
    PAYMENT_RECEIVED = "payment_received"
    ACTIVATED = "activated"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class TransferProof:
    filename: str
    content_type: str
    size: int
    uploaded_at: datetime


@dataclass(frozen=True)
class PaymentInstructions:
    """How to pay a recharge request: the sales team's bank account and the transfer label."""

    bank_name: str
    account_holder: str
    rib: str  # 24 digits, no spaces (format with sobrus_comm.domain.bank.format_rib)
    iban: str  # "MA" + check digits + the RIB
    swift: str
    reference: str  # to write in the transfer's label, so the payment is matched
    amount: Decimal  # DH
    currency: str = "MAD"


@dataclass(frozen=True)
class RechargeRequest:
    id: int
    pack: Pack
    status: RechargeStatus
    requested_by: str
    created_at: datetime
    updated_at: datetime
    note: str | None = None
    activated_at: datetime | None = None
    proof: TransferProof | None = None
    payment: PaymentInstructions | None = None  # present while the request awaits payment

    @property
    def can_attach_proof(self) -> bool:
        return self.status in (RechargeStatus.REQUESTED, RechargeStatus.AWAITING_PAYMENT)


__all__ = [
    "MAX_BATCH_SIZE", "Balance", "BatchResult", "CurrentUser",
    "LoginResult", "MessageResult", "OutgoingMessage", "Pack", "Page", "PaymentInstructions",
    "RechargeRequest", "RechargeStatus", "TemplateCategory", "Tombstone", "TransferProof",
]
