"""SMS credits: buying packs through the sales team (COMM_SOLDE_SMS_004) and what was used.

The recharge procedure of the source document, as a tracked workflow: pick a pack (a
request is created), pay by bank transfer, attach the transfer proof, the sales team marks
the payment received, the pack is activated and the balance goes up. A request not paid yet
may be cancelled (a pack chosen by mistake, or bought another way).

Qt-free. The calls that reach the backend block: the GUI runs them in a worker thread.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from sobrus_comm.backend.api import MAX_PROOF_BYTES, sniff_proof_type

# The backend's types the GUI names are re-exported (``X as X``): it never imports backend/.
from sobrus_comm.backend.errors import ApiError as ApiError
from sobrus_comm.backend.errors import Conflict as Conflict
from sobrus_comm.backend.errors import ValidationError
from sobrus_comm.backend.results import Balance, Page
from sobrus_comm.backend.results import Pack as Pack
from sobrus_comm.backend.results import PaymentInstructions as PaymentInstructions
from sobrus_comm.backend.results import RechargeRequest as RechargeRequest
from sobrus_comm.backend.results import RechargeStatus as RechargeStatus
from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.domain.money import format_dh
from sobrus_comm.store import Database

# The steps as the pharmacy sees them (labels from the issue), in order.
STEPS: tuple[RechargeStatus, ...] = (
    RechargeStatus.REQUESTED,
    RechargeStatus.AWAITING_PAYMENT,
    RechargeStatus.PAYMENT_RECEIVED,
    RechargeStatus.ACTIVATED,
)
STATUS_LABELS_FR: dict[RechargeStatus, str] = {
    RechargeStatus.REQUESTED: "Demande envoyée",
    RechargeStatus.AWAITING_PAYMENT: "En attente de paiement",
    RechargeStatus.PAYMENT_RECEIVED: "Paiement reçu",
    RechargeStatus.ACTIVATED: "Activé",
    RechargeStatus.CANCELLED: "Annulée",
}
# What the backend still lets the pharmacy cancel: nothing has been paid yet.
CANCELLABLE: frozenset[RechargeStatus] = frozenset({RechargeStatus.REQUESTED,
                                                    RechargeStatus.AWAITING_PAYMENT})
PROOF_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png")
PROOF_FILTER_FR = "Avis de virement (*.pdf *.jpg *.jpeg *.png)"
MAX_PROOF_MB = MAX_PROOF_BYTES // (1024 * 1024)


class RechargeApi(Protocol):
    """What this service needs of :class:`sobrus_comm.backend.api.SobrusApi`."""

    def balance(self) -> Balance: ...
    def packs(self) -> list[Pack]: ...
    def create_recharge_request(self, pack_id: int,
                                note: str | None = None) -> RechargeRequest: ...
    def recharge_requests(self, *, cursor: str | None = None,
                          limit: int = ...) -> Page[RechargeRequest]: ...
    def upload_transfer_proof(self, request_id: int, file: str | Path | bytes,
                              filename: str | None = None) -> RechargeRequest: ...
    def cancel_recharge_request(self, request_id: int) -> RechargeRequest: ...


def status_label(status: RechargeStatus) -> str:
    return STATUS_LABELS_FR.get(status, str(status))


def price_per_sms(pack: Pack) -> str:
    """« 0,45 DH / SMS », to compare packs."""
    return f"{format_dh(pack.price / pack.credits)} / SMS"


def reference(request: RechargeRequest) -> str:
    """The request's number as the pharmacy sees it in the list (« SMS-000123 »).

    What goes in the transfer's label is the backend's ``request.payment.reference``
    (the sandbox gives the same text); this one stays once the instructions are gone.
    """
    return f"SMS-{request.id:06d}"


def can_cancel(request: RechargeRequest) -> bool:
    return request.status in CANCELLABLE


def cancel_question_fr(request: RechargeRequest) -> str:
    """The confirmation: which request, and the one case where cancelling is a mistake."""
    pack = request.pack
    question = (f"Annuler la demande {reference(request)} (pack {format_count(pack.credits)} "
                f"SMS, {format_dh(pack.price)}) ?")
    if request.proof is not None:
        return (f"{question} Un avis de virement est déjà joint : si le virement a bien été "
                "fait, n'annulez pas, le pack sera activé dès réception du paiement.")
    return (f"{question} Si vous avez déjà fait le virement, n'annulez pas : joignez plutôt "
            "l'avis de virement.")


def cancel_refused_fr(current: RechargeRequest) -> str:
    """Why the backend refused to cancel: the request moved on meanwhile."""
    ref = reference(current)
    if current.status == RechargeStatus.PAYMENT_RECEIVED:
        return (f"La demande {ref} ne peut plus être annulée : le service commercial a déjà "
                "reçu le paiement. Le pack sera activé sous peu.")
    if current.status == RechargeStatus.ACTIVATED:
        return f"La demande {ref} ne peut plus être annulée : le pack a déjà été activé."
    return (f"La demande {ref} ne peut plus être annulée (statut : "
            f"« {status_label(current.status)} »).")


def check_proof_file(path: Path) -> str:
    """The MIME type of an acceptable transfer proof, or :class:`ValidationError` (French).

    Checked at once when the file is picked (size, then the first bytes, not the name), so
    a wrong file is refused before anything is uploaded; the backend checks again.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise ValidationError(f"Impossible de lire le fichier « {path.name} ».",
                              code="unreadable_file", detail=type(exc).__name__) from None
    if size == 0:
        raise ValidationError(f"Le fichier « {path.name} » est vide.", code="empty_file")
    if size > MAX_PROOF_BYTES:
        megabytes = f"{size / (1024 * 1024):.1f}".replace(".", ",")
        raise ValidationError(
            f"Le fichier « {path.name} » est trop volumineux ({megabytes} Mo ; "
            f"{MAX_PROOF_MB} Mo au maximum).", code="file_too_large")
    kind = sniff_proof_type(head)
    if kind is None:
        raise ValidationError(
            f"« {path.name} » n'est pas un PDF, un JPEG ou un PNG : envoyez l'avis de "
            "virement dans l'un de ces formats.", code="unsupported_file_type")
    return kind


@dataclass
class RechargeRefresh:
    """What one refresh brought: every request known, and those activated just now."""

    requests: list[RechargeRequest]
    newly_activated: list[RechargeRequest]
    balance: Balance | None


@dataclass
class RechargeTracker:
    """The requests seen so far, merged page after page through the incremental cursor."""

    by_id: dict[int, RechargeRequest] = field(default_factory=dict)
    cursor: str | None = None

    def merge(self, items: Iterable[RechargeRequest], *,
              initial: bool = False) -> list[RechargeRequest]:
        """Keep the newest of each request; returns those that became activated now.

        On the ``initial`` load nothing counts as "just activated": old activations are
        history, not news.
        """
        activated = []
        for item in items:
            before = self.by_id.get(item.id)
            if before is not None and item.updated_at < before.updated_at:
                continue
            self.by_id[item.id] = item
            was_active = before is not None and before.status == RechargeStatus.ACTIVATED
            if item.status == RechargeStatus.ACTIVATED and not was_active and not initial:
                activated.append(item)
        return activated

    def newest_first(self) -> list[RechargeRequest]:
        return sorted(self.by_id.values(), key=lambda r: (r.created_at, r.id), reverse=True)


class RechargeService:
    """The recharge use cases over the API; the balance it learns goes to the local cache.

    One instance per worker thread (the API client holds a ``requests.Session``).
    """

    def __init__(self, api: RechargeApi, db: Database,
                 tracker: RechargeTracker | None = None) -> None:
        self.api = api
        self.db = db
        self.tracker = tracker or RechargeTracker()

    def packs(self) -> list[Pack]:
        return sorted(self.api.packs(), key=lambda p: p.credits)

    def request_pack(self, pack_id: int) -> RechargeRequest:
        created = self.api.create_recharge_request(pack_id)
        self.tracker.merge([created])
        return created

    def attach_proof(self, request_id: int, path: Path) -> RechargeRequest:
        check_proof_file(path)
        updated = self.api.upload_transfer_proof(request_id, path)
        self.tracker.merge([updated])
        return updated

    def cancel_request(self, request_id: int) -> RechargeRequest:
        """Cancel a request not paid yet; returns it as the backend now has it.

        The backend is the judge (the sales team may have received the payment a second
        ago): on its 409 the tracker learns the request's real state, so the list shows it,
        and the :class:`Conflict` says why in French. Already cancelled (from another
        workstation) is what was asked: no error.
        """
        try:
            cancelled = self.api.cancel_recharge_request(request_id)
        except Conflict as exc:
            current = exc.current
            if not isinstance(current, RechargeRequest):
                raise
            self.tracker.merge([current])
            if current.status == RechargeStatus.CANCELLED:
                return current
            raise Conflict(cancel_refused_fr(current), current=current, code=exc.code,
                           status=exc.status, detail=exc.detail, problem=exc.problem) from exc
        self.tracker.merge([cancelled])
        return cancelled

    def refresh(self) -> RechargeRefresh:
        """Pull what changed since the last call; the balance too when a pack was activated
        (or on the first call)."""
        first = self.tracker.cursor is None
        activated: list[RechargeRequest] = []
        while True:
            page = self.api.recharge_requests(cursor=self.tracker.cursor)
            activated += self.tracker.merge(page.items, initial=first)
            self.tracker.cursor = page.next_cursor
            if not page.has_more:
                break
        balance = None
        if first or activated:
            balance = self.api.balance()
            self.db.balance.set(balance.credits, balance.updated_at)
        return RechargeRefresh(self.tracker.newest_first(), activated, balance)

    def refresh_balance(self) -> Balance:
        balance = self.api.balance()
        self.db.balance.set(balance.credits, balance.updated_at)
        return balance


# Requests that can still turn into credits.
OPEN_STATUSES = frozenset({RechargeStatus.REQUESTED, RechargeStatus.AWAITING_PAYMENT,
                           RechargeStatus.PAYMENT_RECEIVED})


def open_request_ids(requests: Iterable[RechargeRequest]) -> list[int]:
    """The requests to keep an eye on, across runs of the app."""
    return sorted(r.id for r in requests if r.status in OPEN_STATUSES)


def activated_since(requests: Iterable[RechargeRequest],
                    previously_open: Collection[int]) -> list[RechargeRequest]:
    """The requests that were open at the last look and are activated now: the news to
    tell at start-up (an activation that happened while the app was closed)."""
    return [r for r in requests
            if r.status == RechargeStatus.ACTIVATED and r.id in previously_open]


def activation_message_fr(activated: Sequence[RechargeRequest], credits: int | None) -> str:
    names = ", ".join(r.pack.name for r in activated)
    verb = "a été activé" if len(activated) == 1 else "ont été activés"
    tail = f" Nouveau solde : {format_count(credits)} SMS." if credits is not None else ""
    return f"{names} {verb}.{tail}"


# --- credits used, from the history -------------------------------------------------------

# Messages that cost nothing: cancelled before posting, refused by the backend, or still in
# the local outbox.
_FREE_STATUSES = frozenset({"cancelled", "rejected", "pending"})
MONTHS_FR = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
             "oct.", "nov.", "déc.")


@dataclass(frozen=True)
class MonthUsage:
    year: int
    month: int
    credits: int

    @property
    def label_fr(self) -> str:
        return MONTHS_FR[self.month - 1]


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def monthly_usage(rows: Iterable[HistoryRow], today: date,
                  months: int = 12) -> list[MonthUsage]:
    """Credits used per calendar month (local time), the last ``months`` months, oldest
    first, this month included. ``rows`` are history rows."""
    last = _month_index(today.year, today.month)
    first = last - months + 1
    totals = [0] * months
    for row in rows:
        if row.status in _FREE_STATUSES:
            continue
        when = datetime.fromtimestamp(row.created_at)  # local time
        index = _month_index(when.year, when.month) - first
        if 0 <= index < months:
            totals[index] += int(row.segments or 0)
    return [MonthUsage((first + i) // 12, (first + i) % 12 + 1, credits)
            for i, credits in enumerate(totals)]
