"""Grouped sends: writing a confirmed plan to the outbox, and draining it into the backend.

No Qt here: :class:`CampaignSender` runs in the sender worker's thread and reports through
a :class:`SendListener`; the worker turns those calls into signals.

Exactly-once, across retries, crashes and restarts, rests on three rules:

* a message's ``client_message_id`` is generated once, when the plan is written, and is
  the backend's idempotency key for it;
* a batch is marked ``posting`` and committed *before* the POST, so a message that may
  have reached the backend is never taken for an unsent one;
* anything uncertain (timeout, dropped connection, 5xx, a crash) is retried with the same
  ids, never re-planned; the backend answers a replayed id with its stored result.
"""

from __future__ import annotations

import enum
import logging
import random
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import Connection

from sobrus_comm.backend.errors import (
    ApiError,
    Forbidden,
    InsufficientCredits,
    InvalidResponse,
    Unauthorized,
    Unavailable,
    ValidationError,
)
from sobrus_comm.backend.results import MAX_BATCH_SIZE, BatchResult, OutgoingMessage
from sobrus_comm.domain.frequency import purpose_of
from sobrus_comm.domain.models import Objective, Template, message_kind
from sobrus_comm.domain.recipients import SendPlan
from sobrus_comm.store.communications import UpsertResult
from sobrus_comm.store.db import Database
from sobrus_comm.store.outbox import (
    CampaignProgress,
    CampaignState,
    MessageOutcome,
    OutboxMessage,
    OutboxRow,
    OutboxState,
)

log = logging.getLogger("sobrus_comm.sender")

DEFAULT_BATCH_SIZE = 100

_OBJECTIVE_LABELS = {
    Objective.BALANCE_REMINDER: "Rappel de solde client",
    Objective.CUSTOM_TEMPLATE: "Modèle personnalisé",
}


class BatchApi(Protocol):
    """The one backend call the sender needs (``SobrusApi`` provides it)."""

    def send_batch(
        self,
        messages: Sequence[OutgoingMessage],
        *,
        campaign_id: str | None = None,
        category: str = "transactional",
        is_test: bool = False,
        kind: str | None = None,
        purpose: str | None = None,
    ) -> BatchResult: ...


class PauseKind(enum.StrEnum):
    INSUFFICIENT_CREDITS = "insufficient_credits"  # recharge, then resume
    LOGIN_EXPIRED = "login_expired"  # log in again, then resume
    FORBIDDEN = "forbidden"  # this user may not send SMS
    OFFLINE = "offline"  # transient: the sender retries by itself


@dataclass(frozen=True)
class PauseReason:
    kind: PauseKind
    message: str  # French, for the user
    needed: int | None = None  # INSUFFICIENT_CREDITS: credits the refused batch needed
    available: int | None = None  # INSUFFICIENT_CREDITS: credits left on the account


@dataclass(frozen=True)
class MessageResult:
    """The final answer for one message of the campaign."""

    client_message_id: str
    client_id: int | None
    client_name: str
    phone_e164: str
    accepted: bool
    communication_id: int | None = None
    error_code: str | None = None
    error_message: str | None = None  # French, for display


@dataclass(frozen=True)
class Rejection:
    client_id: int | None
    client_name: str
    phone_e164: str
    code: str | None
    reason: str | None  # French


@dataclass(frozen=True)
class SendSummary:
    """How a campaign ended (or stands, when paused)."""

    campaign_id: str
    total: int
    accepted: int
    rejected: int
    cancelled: int
    in_doubt: int = 0  # posted when the send was cancelled, outcome unknown yet
    rejections: tuple[Rejection, ...] = ()
    state: CampaignState = CampaignState.COMPLETED


class SendListener(Protocol):
    """What the sender reports while it runs (called from the sender's thread)."""

    def progress(self, done: int, total: int) -> None: ...

    def results(self, results: Sequence[MessageResult]) -> None: ...

    def paused(self, reason: PauseReason) -> None: ...

    def resumed(self) -> None: ...

    def stored(self, history: UpsertResult, credits: int) -> None:
        """The batch's messages are in the local history; the balance is ``credits``."""


class _SilentListener:
    def progress(self, done: int, total: int) -> None:
        pass

    def results(self, results: Sequence[MessageResult]) -> None:
        pass

    def paused(self, reason: PauseReason) -> None:
        pass

    def resumed(self) -> None:
        pass

    def stored(self, history: UpsertResult, credits: int) -> None:
        pass


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter for transient failures (offline, 5xx, timeouts).

    The one owner of the batch send's retries: the API client posts once per call, within
    its deadline (backend/transport.py), so « Hors ligne » shows after the first failure.
    """

    initial_s: float = 1.0
    max_s: float = 30.0
    factor: float = 2.0
    jitter: float = 0.2  # ± share of each delay, so that many workstations do not align

    def delays(self, rng: random.Random | None = None) -> Iterator[float]:
        rng = rng or random.Random()
        delay = self.initial_s
        while True:
            yield delay * (1 + rng.uniform(-self.jitter, self.jitter))
            delay = min(self.max_s, delay * self.factor)


@dataclass
class SendOutcome:
    """What :meth:`CampaignSender.run` ended with.

    ``finished``: completed or cancelled; ``paused``: waiting for the user (credits,
    login); otherwise it was stopped (app closing) and is resumed at the next start.
    """

    summary: SendSummary
    paused: PauseReason | None = None
    cancelled: bool = False

    @property
    def finished(self) -> bool:
        return self.summary.state in (CampaignState.COMPLETED, CampaignState.CANCELLED)


class OutboxService:
    """Use cases around the outbox that the GUI calls directly (all quick, no network)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def enqueue(
        self,
        plan: SendPlan,
        *,
        template: Template,
        objective: Objective,
        label: str | None = None,
        is_test: bool = False,
        campaign_id: str | None = None,
        message_id: Callable[[int], str] | None = None,
    ) -> str:
        """Write a confirmed plan as a campaign (one transaction); returns the campaign id.

        ``campaign_id`` and ``message_id`` (by client id) fix the ids instead of drawing
        random ones: a scheduled occurrence derives them, so that every workstation posts
        the same ids and the backend accepts each SMS once.

        Raises ValueError for an empty plan and a ``StoreError`` (disk full, locked) when
        it cannot be written, in which case nothing at all was written.
        """
        messages = [
            OutboxMessage(
                phone_e164=m.phone_e164, text=m.text,
                # A test send to a typed number carries a made-up negative client id: the
                # backend must get no client id at all for it.
                client_id=m.client_id if m.client_id > 0 else None,
                client_name=m.client_name, segments=m.segments, encoding=m.encoding,
                **({"client_message_id": message_id(m.client_id)} if message_id else {}),
            )
            for m in plan.messages
        ]
        return self._db.outbox.create_campaign(
            messages,
            label=label or f"{_OBJECTIVE_LABELS[objective]} — {template.name}",
            objective=str(objective),
            template_id=template.id,
            category=str(template.category),
            is_test=is_test,
            credits_needed=plan.total_segments,
            campaign_id=campaign_id,
        )

    def unfinished_campaigns(self) -> list[CampaignProgress]:
        """Campaigns a crash, a kill or a pause left unfinished: offer to resume them
        (« Reprendre l'envoi interrompu ? »). Resume one with a sender worker."""
        self._db.outbox.reconcile_with_history()
        found = []
        for campaign in self._db.outbox.unfinished():
            if campaign.remaining == 0 and self._db.outbox.finish_if_done(campaign.id):
                continue  # everything was answered before the crash: nothing to resume
            found.append(campaign)
        return found

    def campaign(self, campaign_id: str) -> CampaignProgress | None:
        return self._db.outbox.progress(campaign_id)

    def cancel(self, campaign_id: str) -> int:
        """Cancel: rows not yet posted become cancelled and are never sent (thread-safe)."""
        return self._db.outbox.cancel(campaign_id)

    def withdraw_promotions(self, client_ids: Sequence[int], *,
                            conn: Connection | None = None) -> int:
        """Clients who said stop: their promotion rows not yet posted are cancelled, never
        sent (``conn``: the caller's transaction, e.g. the sync page that brought the stop)."""
        if not client_ids:
            return 0
        return self._db.consent.withdraw_pending_promotions(client_ids, conn=conn)

    def summary(self, campaign_id: str) -> SendSummary:
        return _summary(self._db, campaign_id)


def _summary(db: Database, campaign_id: str) -> SendSummary:
    progress = db.outbox.progress(campaign_id)
    if progress is None:
        raise KeyError(campaign_id)
    rejections = tuple(
        Rejection(r.client_id, r.client_name, r.phone_e164, r.error_code, r.error_message)
        for r in db.outbox.rows(campaign_id, [OutboxState.REJECTED])
    )
    return SendSummary(
        campaign_id=campaign_id, total=progress.total, accepted=progress.accepted,
        rejected=progress.rejected, cancelled=progress.cancelled,
        in_doubt=progress.posting if progress.state == CampaignState.CANCELLED else 0,
        rejections=rejections, state=progress.state,
    )


@dataclass
class CampaignSender:
    """Drains one campaign into the backend, batch after batch. Runs in one thread.

    ``stop`` is checked between batches and interrupts a backoff wait at once; the worker's
    cancel sets it after cancelling the pending rows in the database.
    """

    db: Database
    api: BatchApi
    campaign_id: str
    batch_size: int = DEFAULT_BATCH_SIZE
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    stop: threading.Event = field(default_factory=threading.Event)
    listener: SendListener = field(default_factory=_SilentListener)

    def __post_init__(self) -> None:
        if not 1 <= self.batch_size <= MAX_BATCH_SIZE:
            raise ValueError(f"batch_size must be between 1 and {MAX_BATCH_SIZE}")

    def run(self) -> SendOutcome:
        """Send until done, cancelled, or paused for the user. StoreError propagates:
        the rows stay in the outbox and the campaign can be resumed."""
        outbox = self.db.outbox
        if not outbox.set_sending(self.campaign_id):  # finished or cancelled already
            return SendOutcome(_summary(self.db, self.campaign_id))
        progress = outbox.progress(self.campaign_id)
        assert progress is not None
        total, category, is_test = progress.total, progress.category, progress.is_test
        # A scheduled occurrence says so in the synced history (« Nature »), on every desk.
        scheduled = self.campaign_id in self.db.schedules.campaign_schedules()
        kind = message_kind(progress.objective, is_test=is_test, scheduled=scheduled)
        purpose = str(purpose_of(progress.objective, category))
        done = progress.done
        self.listener.progress(done, total)
        while not self.stop.is_set():
            batch = outbox.claim_batch(self.campaign_id, self.batch_size)
            if not batch:
                break
            posted = self._post(batch, category, is_test, kind, purpose)
            if posted.pause is not None:
                # Refused as a whole: this request recorded nothing. Rows that an earlier,
                # uncertain attempt may have delivered stay in doubt (posting) for a replay.
                if not posted.uncertain:
                    outbox.release(r.client_message_id for r in batch if r.attempts == 1)
                outbox.pause(self.campaign_id, posted.pause.kind.value)
                self.listener.paused(posted.pause)
                return SendOutcome(_summary(self.db, self.campaign_id), paused=posted.pause)
            if posted.answer is not None:
                results = self._record(batch, posted.answer)
            elif posted.refused is not None:
                results = self._reject_all(batch, posted.refused)
            else:  # stopped while waiting to retry: the rows stay in doubt
                break
            done += len(results)
            self.listener.results(results)
            self.listener.progress(done, total)
        state = outbox.progress(self.campaign_id)
        cancelled = state is not None and state.state == CampaignState.CANCELLED
        if not cancelled:
            outbox.finish_if_done(self.campaign_id)
        return SendOutcome(_summary(self.db, self.campaign_id), cancelled=cancelled)

    def _post(self, batch: list[OutboxRow], category: str, is_test: bool,
              kind: str | None, purpose: str | None = None) -> _Posted:
        """POST one batch, retrying transient failures with the same ids until it gets an
        answer, a refusal, or ``stop``."""
        messages = [
            OutgoingMessage(
                client_message_id=r.client_message_id, phone=r.phone_e164, content=r.text,
                client_id=r.client_id, recipient_name=r.client_name or None,
            )
            for r in batch
        ]
        delays = self.retry.delays()
        posted = _Posted()
        while True:
            try:
                posted.answer = self.api.send_batch(
                    messages, campaign_id=self.campaign_id, category=category, is_test=is_test,
                    kind=kind,
                    purpose=purpose,
                )
            except InsufficientCredits as exc:
                posted.pause = PauseReason(PauseKind.INSUFFICIENT_CREDITS, exc.message_fr,
                                           needed=exc.needed, available=exc.available)
            except Unauthorized as exc:
                posted.pause = PauseReason(PauseKind.LOGIN_EXPIRED, exc.message_fr)
            except Forbidden as exc:
                posted.pause = PauseReason(PauseKind.FORBIDDEN, exc.message_fr)
            except ValidationError as exc:
                # The same batch would be refused again: reject its rows, go on with the rest.
                log.error("batch refused as invalid: %s %s", exc.code, exc.errors)
                posted.refused = exc
            except (Unavailable, InvalidResponse) as exc:
                # Maybe received, maybe not: retry the very same ids after a pause.
                delay = next(delays)
                retry_after = getattr(exc, "retry_after", None)
                if retry_after:
                    delay = max(delay, min(float(retry_after), self.retry.max_s))
                log.warning("batch post failed (%r); retrying in %.1f s", exc, delay)
                if not posted.uncertain:
                    posted.uncertain = True
                    self.listener.paused(PauseReason(PauseKind.OFFLINE, exc.message_fr))
                if self.stop.wait(delay):
                    return posted
                continue
            if posted.uncertain and posted.answer is not None:
                self.listener.resumed()
            return posted

    def _record(self, batch: list[OutboxRow], answer: BatchResult) -> list[MessageResult]:
        """Store the answer: outcomes, the new history rows and the balance, together."""
        by_id = answer.by_id()
        outcomes: list[MessageOutcome] = []
        for row in batch:
            got = by_id.get(row.client_message_id)
            if got is None:  # not in the answer: stays posting, re-posted with its id
                log.error("no result for a posted message; it will be posted again")
                continue
            outcomes.append(
                MessageOutcome(
                    row.client_message_id, got.accepted, communication_id=got.communication.id,
                    error_code=got.error_code, error_message=got.error_detail,
                )
            )
        with self.db.write() as tx:
            self.db.outbox.record_outcomes(outcomes, conn=tx)
            history = self.db.communications.upsert_many(
                (r.communication for r in answer.results), conn=tx
            )
            self.db.balance.set(answer.balance.credits, answer.balance.updated_at, conn=tx)
        self.listener.stored(history, answer.balance.credits)
        rows = {r.client_message_id: r for r in batch}
        return [_result(rows[o.client_message_id], o) for o in outcomes]

    def _reject_all(self, batch: list[OutboxRow], exc: ApiError) -> list[MessageResult]:
        outcomes = [
            MessageOutcome(r.client_message_id, False, error_code=exc.code or "invalid",
                           error_message=exc.message_fr)
            for r in batch
        ]
        self.db.outbox.record_outcomes(outcomes)
        return [_result(r, o) for r, o in zip(batch, outcomes, strict=True)]


@dataclass
class _Posted:
    """How one batch's POST ended."""

    answer: BatchResult | None = None
    pause: PauseReason | None = None
    refused: ApiError | None = None
    uncertain: bool = False  # an attempt failed in a way that may have reached the backend


def _result(row: OutboxRow, outcome: MessageOutcome) -> MessageResult:
    return MessageResult(
        client_message_id=row.client_message_id, client_id=row.client_id,
        client_name=row.client_name, phone_e164=row.phone_e164, accepted=outcome.accepted,
        communication_id=outcome.communication_id, error_code=outcome.error_code,
        error_message=outcome.error_message,
    )
