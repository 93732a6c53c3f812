"""Keeping the local cache in step with the backend (no Qt; the sync worker drives it).

One :meth:`SyncService.sync` pushes the user's template edits, then pulls templates,
clients and communications incrementally (one cursor per resource, kept in the cache) and
the SMS balance. A resource without a cursor gets a full pull, after which anything the
server no longer lists is removed. Each page is applied with its cursor in one transaction,
so an interrupted sync resumes where it stopped and never skips a change.

A record that breaks the contract (see :mod:`sobrus_comm.backend.parsing`) is set aside by
the API client and counted here (``SyncReport.skipped``, said to the user by
:meth:`SyncReport.notice_fr`): one bad record never blocks the others, and the cache keeps
the last good copy of a record it already had.

Network and login failures propagate as the backend's typed errors
(``Unavailable``, ``Unauthorized``…): the worker turns them into "offline" or "log in".
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Protocol, TypeVar

from sqlalchemy import Connection

from sobrus_comm.backend.consent_parsing import RemoteConsent, SmsSettings
from sobrus_comm.backend.errors import (
    ApiError,
    Conflict,
    Forbidden,
    InvalidResponse,
    NotFound,
    Unauthorized,
    Unavailable,
    ValidationError,
)
from sobrus_comm.backend.results import MAX_PAGE_SIZE, Balance, CancelResult, Page
from sobrus_comm.domain.consent import ConsentRecord, InboundReply
from sobrus_comm.domain.credit_forecast import PACE_WEEKS, Forecast, forecast_from_totals
from sobrus_comm.domain.credit_ledger import Movement
from sobrus_comm.domain.models import Client, Communication, Template, TemplateCategory
from sobrus_comm.services.consent import ConsentService
from sobrus_comm.services.in_doubt import settle_cancelled_in_doubt
from sobrus_comm.services.read_ahead import read_ahead
from sobrus_comm.services.sync_batch import PageBatch
from sobrus_comm.store.communications import UpsertResult
from sobrus_comm.store.consent import OPT_OUT_WORDING, REPLY_NUMBER
from sobrus_comm.store.db import Database
from sobrus_comm.store.templates import LocalState, TemplateConflict

log = logging.getLogger("sobrus_comm.sync")

T = TypeVar("T")

CLIENTS, TEMPLATES, COMMUNICATIONS = "clients", "templates", "communications"
LEDGER = "ledger"
CONSENTS, REPLIES = "consents", "replies"  # issue 14
RESOURCES = (TEMPLATES, CLIENTS, COMMUNICATIONS)
DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE  # the contract's maximum: fewer round trips on a full pull
#: A first pull of the history or the clients commits this many rows at a time (an fsync
#: each), not every page.
FIRST_PULL_BATCH_ROWS = 10_000
#: ... and holds the write lock at most about this long (the sender thread writes too).
FIRST_PULL_BATCH_MAX_S = 1.0
# A first pull's page cache (KiB): a million rows' indexes take their inserts at random.
FIRST_PULL_CACHE_KIB = 64 * 1024


class SyncApi(Protocol):
    """What the sync needs from the backend (``SobrusApi`` provides it)."""

    def iter_clients(self, *, cursor: str | None = ..., limit: int = ...) -> Iterator[Page[Client]]:
        ...

    def iter_templates(
        self, *, cursor: str | None = ..., limit: int = ...
    ) -> Iterator[Page[Template]]: ...

    def iter_communications(
        self, *, cursor: str | None = ..., limit: int = ..., with_remaining: bool = ...,
        ahead: bool = ...,
    ) -> Iterator[Page[Communication]]: ...

    def balance(self) -> Balance: ...

    def create_template(
        self, name: str, body: str, category: TemplateCategory | str = ..., body_ar: str = ...
    ) -> Template: ...

    def update_template(self, template: Template) -> Template: ...

    def delete_template(self, template_id: int, *, version: int | None = None) -> None: ...

    def cancel_messages(self, client_message_ids: Sequence[str]) -> tuple[CancelResult, ...]: ...

    def iter_ledger(
        self, *, cursor: str | None = ..., limit: int = ..., ahead: bool = ...
    ) -> Iterator[Page[Movement]]: ...

    def iter_consents(
        self, *, cursor: str | None = ..., limit: int = ...
    ) -> Iterator[Page[RemoteConsent]]: ...

    def create_consent(self, record_uid: str, record: ConsentRecord) -> RemoteConsent: ...

    def iter_replies(
        self, *, cursor: str | None = ..., limit: int = ...
    ) -> Iterator[Page[InboundReply]]: ...

    def sms_settings(self) -> SmsSettings: ...


class SyncInterrupted(Exception):
    """``stop`` was set: the sync ended between two pages (what was applied is kept)."""


@dataclass(frozen=True)
class TemplatePushError:
    template: Template
    message: str  # French


@dataclass
class SyncReport:
    """What one sync changed: what the GUI must refresh."""

    full: list[str] = field(default_factory=list)  # resources pulled in full this time
    clients_changed: int = 0  # upserted + deleted
    templates_changed: int = 0
    templates_pushed: int = 0
    template_conflicts: list[TemplateConflict] = field(default_factory=list)
    template_errors: list[TemplatePushError] = field(default_factory=list)
    history: UpsertResult = field(default_factory=UpsertResult)
    history_reset: bool = False  # full pull of the history: reload it whole
    balance: Balance | None = None
    outbox_reconciled: int = 0  # outbox rows in doubt found in the history
    outbox_settled: int = 0  # rows a cancel left in doubt, settled with the backend
    skipped: dict[str, int] = field(default_factory=dict)  # unreadable records, by resource
    ledger_changed: int = 0  # credit ledger movements pulled
    credit_forecast: Forecast | None = None  # how long the balance lasts at the recent pace
    consents_changed: int = 0  # records pulled from other workstations
    consents_pushed: int = 0
    replies_new: int = 0
    opted_out: tuple[int, ...] = ()  # clients switched to « refusé » by a stop reply
    promotions_withdrawn: int = 0  # their queued promotions taken out of the outbox
    duration_s: float = 0.0

    def notice_fr(self) -> str:
        """What the user should know about this sync (« 1 fiche client illisible
        ignorée »), or an empty string."""
        return " · ".join(
            f"{n} {_SKIPPED_FR[resource][n > 1]}"
            for resource, n in self.skipped.items() if n
        )

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.clients_changed or self.templates_changed or self.history
            or self.history_reset or self.template_conflicts or self.outbox_settled
            or self.consents_changed or self.replies_new
        )


_SKIPPED_FR = {
    CLIENTS: ("fiche client illisible ignorée", "fiches client illisibles ignorées"),
    TEMPLATES: ("modèle de message illisible ignoré", "modèles de message illisibles ignorés"),
    COMMUNICATIONS: ("message de l'historique illisible ignoré",
                     "messages de l'historique illisibles ignorés"),
    LEDGER: ("mouvement de crédits illisible ignoré", "mouvements de crédits illisibles ignorés"),
}


class SyncService:
    def __init__(
        self,
        api: SyncApi,
        db: Database,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        stop: threading.Event | None = None,
        history_progress: Callable[[int, int], None] | None = None,
        first_pull_batch_rows: int = FIRST_PULL_BATCH_ROWS,
        first_pull_batch_max_s: float = FIRST_PULL_BATCH_MAX_S,
    ) -> None:
        self.api = api
        self.db = db
        self.page_size = page_size
        self.stop = stop or threading.Event()
        #: Called (rows in the cache, rows expected) after each page of a first history
        #: pull, fresh or resumed: « Synchronisation de l'historique : 412 000 / 1 000 000 ».
        self.history_progress = history_progress
        self.first_pull_batch_rows = first_pull_batch_rows
        self.first_pull_batch_max_s = first_pull_batch_max_s

    def sync(self) -> SyncReport:
        """Push template edits, then pull everything that changed since the last sync."""
        started = time.perf_counter()
        report = SyncReport()
        self.push_templates(report)
        self.pull_templates(report)
        self.pull_clients(report)
        self.pull_communications(report)
        self.sync_consent(report)
        self.settle_cancelled_in_doubt(report)
        self.pull_balance(report)
        self.pull_ledger(report)  # after the balance: a movement newer than it is not a gap
        report.credit_forecast = self.credit_forecast(report)
        report.duration_s = time.perf_counter() - started
        log.info(
            "sync done in %.2f s: full=%s clients=%d templates=%d history +%d ~%d skipped=%s",
            report.duration_s, report.full, report.clients_changed, report.templates_changed,
            len(report.history.new_ids), len(report.history.changed_ids), report.skipped,
        )
        return report

    def full_sync(self) -> SyncReport:
        """Forget the cursors and pull everything again (e.g. « Tout resynchroniser »)."""
        self.db.cursors.reset()
        return self.sync()

    # --- push ------------------------------------------------------------------------------

    def push_templates(self, report: SyncReport | None = None) -> SyncReport:
        """Send the local template changes, each guarded by the version it started from."""
        report = report or SyncReport()
        for pending in self.db.templates.pending_push():
            self._check_stop()
            local = pending.template
            assert local.id is not None
            try:
                if pending.state == LocalState.CREATED:
                    server = self.api.create_template(local.name, local.body, local.category,
                                                      local.body_ar)
                    self.db.templates.mark_pushed(local.id, server)
                elif pending.state == LocalState.MODIFIED:
                    server = self.api.update_template(local)
                    self.db.templates.mark_pushed(local.id, server)
                else:
                    self.api.delete_template(local.id, version=local.version or None)
                    self.db.templates.mark_pushed(local.id, None)
                report.templates_pushed += 1
            except Conflict as exc:
                current = exc.current
                if not isinstance(current, Template):
                    report.template_errors.append(TemplatePushError(local, exc.message_fr))
                    continue
                conflict = self.db.templates.mark_conflict(local.id, current)
                if conflict is not None:
                    report.template_conflicts.append(conflict)
            except NotFound:
                if pending.state == LocalState.DELETED:  # already gone: that was the wish
                    self.db.templates.mark_pushed(local.id, None)
                else:  # deleted on the server meanwhile: keep the edit as a new template
                    self.db.templates.apply_remote_deletions([local.id])
            except ApiError as exc:
                if _is_transient(exc):
                    raise
                # Refused (no permission, invalid): keep the edit, tell the user.
                report.template_errors.append(TemplatePushError(local, exc.message_fr))
        return report

    # --- pull ------------------------------------------------------------------------------

    def pull_templates(self, report: SyncReport) -> None:
        def apply(page: Page[Template], tx: Connection) -> int:
            report.template_conflicts.extend(self.db.templates.apply_remote(page.items, conn=tx))
            self.db.templates.apply_remote_deletions((t.id for t in page.deleted), conn=tx)
            return len(page.items) + len(page.deleted)

        def finish(seen: set[int], tx: Connection) -> None:
            self.db.templates.delete_missing(seen, conn=tx)

        report.templates_changed += self._pull(TEMPLATES, self.api.iter_templates, apply,
                                               finish, report)

    def pull_clients(self, report: SyncReport) -> None:
        def apply(page: Page[Client], tx: Connection) -> int:
            self.db.clients.upsert_many(page.items, conn=tx)
            self.db.clients.delete_many((t.id for t in page.deleted), conn=tx)
            return len(page.items) + len(page.deleted)

        def finish(seen: set[int], tx: Connection) -> None:
            self.db.clients.delete_missing(seen, conn=tx)

        # 50k clients in a first pull: batched like the history's (one fsync per batch).
        first = self.db.cursors.get(CLIENTS) is None
        report.clients_changed += self._pull(
            CLIENTS, self.api.iter_clients, apply, finish, report,
            batch_rows=self.first_pull_batch_rows if first else 0)

    def pull_communications(self, report: SyncReport) -> None:
        cursor = self.db.cursors.get(COMMUNICATIONS)
        full = cursor is None
        # A first pull that an interruption cut short goes on from its cursor: still a
        # first pull (progress, whole reload), not an incremental one.
        resumed = not full and not self._full_pull_done(COMMUNICATIONS)
        first = full or resumed
        done = self.db.communications.count() if resumed else 0
        total: int | None = None

        def apply(page: Page[Communication], tx: Connection) -> int:
            nonlocal done, total
            result = self.db.communications.upsert_many(page.items, conn=tx, which=not first)
            self.db.sent_purposes.apply_history(page.items, conn=tx)  # frequency caps
            if not first:  # a first pull reloads the history whole: no id lists to keep
                report.history.extend(result)
            if first and self.history_progress is not None:
                if total is None:
                    total = done + len(page.items) + (page.remaining or 0)
                done += len(page.items)  # rows pulled (a re-pull of a full cache counts too)
                self.history_progress(done, max(total, done))
            return len(page.items)

        def finish(seen: set[int], tx: Connection) -> None:
            self.db.communications.delete_missing(seen, conn=tx)

        fetch = self.api.iter_communications
        if first:
            # Thousands of pages: the server prepares the next page while this one is
            # parsed (ahead), and it is parsed while the one before is written (read_ahead).
            fetch = read_ahead(partial(self.api.iter_communications, ahead=True,
                                       with_remaining=self.history_progress is not None))
        with (self.db.communications.without_pull_indexes() if first
              else nullcontext()):
            # Into an empty cache there is nothing to clean up: no million ids to keep.
            cleanup = finish if not full or self.db.communications.count() else None
            changed = self._pull(COMMUNICATIONS, fetch, apply, cleanup, report,
                                 batch_rows=self.first_pull_batch_rows if first else 0)
        if resumed:  # finished at last: from now on, pulls are incremental
            self.db.cursors.set(COMMUNICATIONS, self.db.cursors.get(COMMUNICATIONS), full=True)
        report.history_reset = report.history_reset or first
        if changed:
            report.outbox_reconciled += self.db.outbox.reconcile_with_history()

    # --- consent, replies, opt-out mention (issue 14) ------------------------------------

    def sync_consent(self, report: SyncReport) -> None:
        """Push consent recorded here, pull others' and the replies (a stop word opts the
        client out before anything else queued for them is posted), and the mention."""
        try:
            self.push_consents(report)
            self.pull_consents(report)
            self.pull_replies(report)
            if report.opted_out:  # the backend learns of the opt-outs now, not next time
                self.push_consents(report)
            settings = self.api.sms_settings()
        except NotFound:  # a backend without consent yet: nothing to pull, nothing lost
            log.warning("backend has no consent endpoints: consent not synced")
            return
        self.db.account.set(OPT_OUT_WORDING, settings.opt_out_wording)
        self.db.account.set(REPLY_NUMBER, settings.reply_number)

    def push_consents(self, report: SyncReport) -> None:
        for stored in self.db.consent.pending_push():
            self._check_stop()
            try:
                remote = self.api.create_consent(stored.uid, stored.record)
            except (ValidationError, NotFound) as exc:  # e.g. a client deleted meanwhile
                log.warning("consent record not pushed: %r", exc)
                continue
            self.db.consent.mark_pushed(stored.uid, remote.id)
            report.consents_pushed += 1

    def pull_consents(self, report: SyncReport) -> None:
        def apply(page: Page[RemoteConsent], tx: Connection) -> int:
            added = self.db.consent.add_many(
                [(r.record, r.record_uid, r.id) for r in page.items], conn=tx)
            return sum(1 for uid in added if uid is not None)

        # Never deleted by a full pull (no clean-up): consent records are evidence.
        report.consents_changed += self._pull(CONSENTS, self.api.iter_consents, apply,
                                              None, report)

    def pull_replies(self, report: SyncReport) -> None:
        consent = ConsentService(self.db)

        def apply(page: Page[InboundReply], tx: Connection) -> int:
            applied = consent.apply_replies(page.items, conn=tx)
            report.opted_out = (*report.opted_out, *applied.opted_out)
            report.promotions_withdrawn += applied.withdrawn
            return applied.new

        report.replies_new += self._pull(REPLIES, self.api.iter_replies, apply, None,
                                         report)  # kept whole, as evidence too

    def settle_cancelled_in_doubt(self, report: SyncReport) -> None:
        """Rows a cancel left in doubt that the history did not settle: ask the backend."""
        try:
            settled = settle_cancelled_in_doubt(self.db, self.api)
        except (Forbidden, ValidationError, InvalidResponse) as exc:
            # Not this user's to settle, or a backend that does not answer it well: the
            # rows stay in doubt (shown so) until a later sync can settle them.
            log.warning("cancelled send not settled: %r", exc)
            return
        report.history.extend(settled.history)
        report.outbox_settled += settled.received + settled.voided

    def _full_pull_done(self, resource: str) -> bool:
        return any(c.resource == resource and c.full_sync_at is not None
                   for c in self.db.cursors.all())

    def pull_balance(self, report: SyncReport) -> None:
        balance = self.api.balance()
        known = self.db.balance.get()
        if known is None or (known.credits, known.updated_at) != (
            balance.credits, balance.updated_at.replace(microsecond=0)
        ):
            self.db.balance.set(balance.credits, balance.updated_at)
        report.balance = balance

    def pull_ledger(self, report: SyncReport) -> None:
        """The credit ledger, incrementally like the history (movements never change)."""
        def apply(page: Page[Movement], tx: Connection) -> int:
            return self.db.ledger.upsert_many(page.items, conn=tx)

        def finish(seen: set[int], tx: Connection) -> None:
            self.db.ledger.delete_missing(seen, conn=tx)

        # A first pull lists every charge's messages (1M for a decade): pulled like the
        # history's, pages asked ahead and written in batches.
        first = self.db.cursors.get(LEDGER) is None
        fetch = read_ahead(partial(self.api.iter_ledger, ahead=True)) if first else (
            self.api.iter_ledger)
        report.ledger_changed += self._pull(
            LEDGER, fetch, apply, finish, report,
            batch_rows=self.first_pull_batch_rows if first else 0)

    def credit_forecast(self, report: SyncReport) -> Forecast | None:
        if report.balance is None:
            return None
        # The pace needs the last weeks' credits by kind, summed by the store: reading
        # the movements themselves took 600 ms at 1M messages, after every sync.
        now = datetime.now(UTC)
        totals = self.db.ledger.credits_by_kind(now - timedelta(weeks=PACE_WEEKS), now)
        return forecast_from_totals(totals, report.balance.credits)

    def _pull(
        self,
        resource: str,
        fetch: Callable[..., Iterable[Page[T]]],
        apply: Callable[[Page[T], Connection], int],
        finish: Callable[[set[int], Connection], None] | None,
        report: SyncReport,
        *,
        batch_rows: int = 0,
    ) -> int:
        """Walk the pages after the stored cursor, applying each with its cursor.

        Pages are committed ``batch_rows`` rows at a time (each page alone with 0); a
        stop, a network failure or the end commits the whole pages already written."""
        with (self.db.long_writer(FIRST_PULL_CACHE_KIB) if batch_rows
              else nullcontext()) as writer:
            return self._pull_pages(resource, fetch, apply, finish, report,
                                    PageBatch(self.db, batch_rows,
                                              self.first_pull_batch_max_s, writer))

    def _pull_pages(
        self,
        resource: str,
        fetch: Callable[..., Iterable[Page[T]]],
        apply: Callable[[Page[T], Connection], int],
        finish: Callable[[set[int], Connection], None] | None,
        report: SyncReport,
        batch: PageBatch,
    ) -> int:
        cursor = self.db.cursors.get(resource)
        full = cursor is None
        # What a full pull saw, for ``finish`` to drop the rest (None: nothing to drop).
        seen: set[int] | None = set() if full and finish is not None else None
        changed = 0
        pages = iter(fetch(cursor=cursor, limit=self.page_size))
        try:
            while True:
                try:
                    page = next(pages)
                except StopIteration:
                    break
                except BaseException:
                    batch.commit()  # offline mid-pull: the pages written stay, with cursor
                    raise
                if page.skipped:
                    report.skipped[resource] = (report.skipped.get(resource, 0)
                                                + len(page.skipped))
                    # Kept from a full pull's clean-up: the last good copy beats no copy.
                    if seen is not None:
                        seen.update(s.id for s in page.skipped if s.id is not None)
                if not (page.items or page.deleted) and page.next_cursor == cursor:
                    continue  # nothing new: no write, no fsync (the common case, every minute)
                tx = batch.tx()
                changed += apply(page, tx)
                cursor = page.next_cursor
                self.db.cursors.set(resource, cursor, conn=tx)
                batch.page_done(len(page.items) + len(page.deleted))
                if seen is not None:
                    seen.update(item.id for item in page.items)  # type: ignore[attr-defined]
                if page.has_more and self.stop.is_set():
                    # Between pages only: the pages written are committed with their
                    # cursor, so an interrupted full pull goes on incrementally next time.
                    batch.commit()
                    raise SyncInterrupted
            batch.commit()
        except BaseException as exc:
            batch.rollback(exc)  # only a page that failed half-way is still open
            raise
        if full:
            with self.db.write() as tx:
                if finish is not None and seen is not None:
                    finish(seen, tx)
                self.db.cursors.set(resource, cursor, full=True, conn=tx)
            report.full.append(resource)
        return changed

    def _check_stop(self) -> None:
        if self.stop.is_set():
            raise SyncInterrupted


def _is_transient(exc: ApiError) -> bool:
    """Failures that stop the whole sync (offline, logged out), not one template."""
    return isinstance(exc, Unavailable | Unauthorized | InvalidResponse)
