"""The sender worker: drains one campaign of the outbox into the backend, off the GUI thread.

One worker per run of a campaign (a new one, or one resumed after a crash or a pause):
create it, :func:`~sobrus_comm.workers.threads.start_in_thread` it with ``start=run`` and
``stopped=sig_stopped``. Its API client is made in its thread by ``api_factory``; its
database calls use their own pooled connections. It never touches a widget.

Signals:
    sig_progress(int done, int total): messages answered (accepted, rejected or cancelled)
        out of the campaign's total.
    sig_message_result(object result): one :class:`~sobrus_comm.services.outbox.MessageResult`
        per message answered.
    sig_batch_results(object results): the same, a ``list`` per batch (cheaper to handle).
    sig_paused(object reason): a :class:`~sobrus_comm.services.outbox.PauseReason`. Kind
        ``offline``: the backend is unreachable, the worker retries the same messages by
        itself (``sig_resumed`` follows). Other kinds (``insufficient_credits`` with
        ``needed``/``available``, ``login_expired``, ``forbidden``): the worker stops, the
        campaign stays paused and is resumed by a new worker after the user acted.
    sig_resumed(): the backend answers again after an ``offline`` pause.
    sig_history_rows(object rows): ``list[tuple]``, the history rows of the messages just
        accepted or rejected (upsert them into the history model).
    sig_balance_changed(int credits): the balance after the last batch.
    sig_finished(object summary): a :class:`~sobrus_comm.services.outbox.SendSummary`; the
        campaign is over (completed, or cancelled: ``summary.state``).
    sig_failed(str message): stopped by an error (disk full, database locked, unexpected),
        in French. No message is lost: the campaign is resumable.
    sig_stopped(): always emitted last; the thread may end.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal, Slot

from sobrus_comm.backend.errors import ApiError
from sobrus_comm.logging_setup import get_logger
from sobrus_comm.services.outbox import (
    DEFAULT_BATCH_SIZE,
    BatchApi,
    CampaignSender,
    MessageResult,
    OutboxService,
    PauseReason,
    RetryPolicy,
)
from sobrus_comm.store.communications import UpsertResult
from sobrus_comm.store.db import Database
from sobrus_comm.store.errors import DatabaseCorrupt, StoreError

log = get_logger("sender")

UNEXPECTED_FR = (
    "Erreur inattendue pendant l’envoi. Aucun message n’est perdu : l’envoi pourra être "
    "repris. Les détails sont dans le journal."
)


class SenderWorker(QObject):
    sig_progress = Signal(int, int)
    sig_message_result = Signal(object)
    sig_batch_results = Signal(object)
    sig_paused = Signal(object)
    sig_resumed = Signal()
    sig_history_rows = Signal(object)
    sig_balance_changed = Signal(int)
    sig_finished = Signal(object)
    sig_failed = Signal(str)
    sig_stopped = Signal()

    def __init__(
        self,
        db: Database,
        api_factory: Callable[[], BatchApi],
        campaign_id: str,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        retry: RetryPolicy | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._api_factory = api_factory
        self.campaign_id = campaign_id
        self._batch_size = batch_size
        self._retry = retry or RetryPolicy()
        self._stop = threading.Event()

    # --- control (any thread: call these directly, they never wait) -----------------------

    def cancel(self) -> None:
        """Cancel the campaign: messages not yet posted are never sent.

        The batch in flight, if any, still gets its answer recorded. Thread-safe; call it
        directly from the GUI (a queued slot would wait for the send to end).
        """
        try:
            OutboxService(self._db).cancel(self.campaign_id)
        except StoreError as exc:  # the rows stay pending: stopping is the next best thing
            log.error("cancel could not be written: %r", exc)
        self._stop.set()

    def stop(self) -> None:
        """Stop after the current batch without cancelling (app closing): the campaign is
        offered for resumption at the next start."""
        self._stop.set()

    # --- in the worker's thread ------------------------------------------------------------

    @Slot()
    def run(self) -> None:
        api = None
        try:
            api = self._api_factory()
            sender = CampaignSender(
                self._db, api, self.campaign_id, batch_size=self._batch_size,
                retry=self._retry, stop=self._stop, listener=_Relay(self, self._db),
            )
            outcome = sender.run()
            if outcome.finished:
                self.sig_finished.emit(outcome.summary)
        except (StoreError, ApiError) as exc:
            if isinstance(exc, DatabaseCorrupt):
                self._db.schedule_rebuild()
            log.error("send of campaign %s stopped: %r", self.campaign_id, exc)
            self.sig_failed.emit(exc.message_fr)
        except Exception:  # a bug: logged with its traceback, never lost in the thread
            log.exception("send of campaign %s crashed", self.campaign_id)
            self.sig_failed.emit(UNEXPECTED_FR)
        finally:
            close = getattr(api, "close", None)
            if callable(close):
                close()
            self.sig_stopped.emit()


class _Relay:
    """The sender's listener: turns its calls into the worker's signals."""

    def __init__(self, worker: SenderWorker, db: Database) -> None:
        self._worker = worker
        self._db = db

    def progress(self, done: int, total: int) -> None:
        self._worker.sig_progress.emit(done, total)

    def results(self, results: Sequence[MessageResult]) -> None:
        self._worker.sig_batch_results.emit(list(results))
        for result in results:
            self._worker.sig_message_result.emit(result)

    def paused(self, reason: PauseReason) -> None:
        self._worker.sig_paused.emit(reason)

    def resumed(self) -> None:
        self._worker.sig_resumed.emit()

    def stored(self, history: UpsertResult, credits: int) -> None:
        ids = [*history.new_ids, *history.changed_ids]
        if ids:
            rows = self._db.communications.rows_by_ids(ids)
            self._worker.sig_history_rows.emit(rows)
        self._worker.sig_balance_changed.emit(credits)
