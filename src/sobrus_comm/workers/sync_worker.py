"""The sync worker: keeps the cache in step with the backend, off the GUI thread.

Lives in its own QThread (``start_in_thread(worker, worker.run, stopped=worker.sig_stopped)``):
a sync at once, then one every ``interval_ms`` and whenever :meth:`request_sync` is called
(« Synchroniser », F5). Between syncs it waits on a ``threading.Event`` with a timeout: that
is its timer, and a request or :meth:`stop` wakes it at once from any thread (no QTimer, so
no timer ever has to be stopped from the wrong thread). Its API client is made in its
thread by ``api_factory``; its database calls use their own pooled connections. It never
touches a widget: everything goes out through signals.

Signals:
    sig_state_changed(str state, str detail, object since): ``syncing``, ``online``,
        ``offline`` (no network: ``detail`` says why in French, ``since`` is the aware
        datetime the connection was lost) or ``error`` (``detail`` in French; since None).
        For ``online``, ``detail`` is empty or says what the user should know (records
        set aside: « 1 fiche client illisible ignorée »).
        Fits ``MainWindow.set_sync_state``.
    sig_login_required(str message): the backend refused the token; log in again and
        call :meth:`set_token`.
    sig_history_reset(object rows): ``HistoryColumns``, every history row (a sequence of
        ``HistoryRow``), after a full pull: replace the history model's rows.
    sig_history_rows(object rows): ``list[tuple]``, rows added or changed by an incremental
        pull (statuses queued → sent → delivered/failed): upsert them into the model.
    sig_communications_changed(object new_ids, object changed_ids): the same, as ids.
    sig_history_progress(int done, int total): a first history pull (fresh or resumed
        after an interruption) has ``done`` of ``total`` rows in the cache; after each page.
    sig_clients_changed(): the client list changed (reload it where it is shown).
    sig_templates_changed(): templates changed (pushed, pulled or in conflict).
    sig_template_conflicts(object conflicts): ``list[TemplateConflict]`` found by this sync:
        show both versions; resolve with ``db.templates.resolve_keep_local/take_remote``
        then :meth:`request_sync`.
    sig_template_errors(object errors): ``list[TemplatePushError]`` (refused pushes).
    sig_balance_changed(int credits): the SMS balance the backend reported.
    sig_synced(object report): the :class:`~sobrus_comm.services.sync.SyncReport`.
    sig_storage_failed(str message): the cache cannot be written (full disk, read-only
        file): ``message`` names the problem and what to do, in French, for a notice (the
        state's ``error`` tooltip alone is easily missed).
    sig_stopped(): the worker has stopped (after :meth:`stop`); the thread may end.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal, Slot

from sobrus_comm.backend.errors import ApiError, InvalidResponse, Unauthorized, Unavailable
from sobrus_comm.logging_setup import get_logger
from sobrus_comm.services.sync import SyncApi, SyncInterrupted, SyncReport, SyncService
from sobrus_comm.services.workspace import storage_problem_fr
from sobrus_comm.store.db import Database
from sobrus_comm.store.errors import DatabaseCorrupt, DiskFull, StorageIOError, StoreError

log = get_logger("sync")

DEFAULT_INTERVAL_MS = 60_000
OFFLINE_RETRY_S = 15.0  # offline: try again sooner than the regular interval
UNEXPECTED_FR = (
    "Erreur inattendue pendant la synchronisation. Les détails sont dans le journal."
)


class SyncWorker(QObject):
    sig_state_changed = Signal(str, str, object)
    sig_login_required = Signal(str)
    sig_history_reset = Signal(object)
    sig_history_rows = Signal(object)
    sig_communications_changed = Signal(object, object)
    sig_history_progress = Signal(int, int)
    sig_clients_changed = Signal()
    sig_templates_changed = Signal()
    sig_template_conflicts = Signal(object)
    sig_template_errors = Signal(object)
    sig_balance_changed = Signal(int)
    sig_synced = Signal(object)
    sig_storage_failed = Signal(str)
    sig_stopped = Signal()

    def __init__(
        self,
        db: Database,
        api_factory: Callable[[], SyncApi],
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._api_factory = api_factory
        self._api: SyncApi | None = None
        self._interval_s = interval_ms / 1000
        self._wake = threading.Event()  # a sync was requested, or stop()
        self._full = threading.Event()  # the next sync is a full one
        self._stop = threading.Event()
        self._offline_since: datetime | None = None
        self._token: str | None = None

    # --- control (thread-safe: call directly from the GUI, they never wait) ---------------

    @Slot()
    def request_sync(self) -> None:
        """Sync as soon as the worker is free; requests made meanwhile count as one."""
        self._wake.set()

    @Slot()
    def request_full_sync(self) -> None:
        """Pull everything again, whatever the cursors say."""
        self._full.set()
        self._wake.set()

    @Slot(str)
    def set_token(self, token: str) -> None:
        """A fresh token after a new login; the next sync uses it (then call request_sync)."""
        self._token = token

    @Slot(int)
    def set_interval(self, interval_ms: int) -> None:
        """A new period between syncs (« Paramètres › Général »), from the next wait on."""
        self._interval_s = max(interval_ms, 1000) / 1000

    @Slot()
    def stop(self) -> None:
        """Stop: a running sync ends between two pages, then ``sig_stopped``; wait for the
        thread afterwards (``stop_thread``: it returns within a request's timeout)."""
        self._stop.set()
        self._wake.set()

    # --- in the worker's thread ------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """The same as :meth:`run` (the name the first wiring used)."""
        self.run()

    @Slot()
    def run(self) -> None:
        """Connect to ``QThread.started``: syncs until :meth:`stop`."""
        try:
            while not self._stop.is_set():
                self._wake.clear()
                full = self._full.is_set()
                self._full.clear()
                self._sync(full)
                wait = self._interval_s
                if self._offline_since is not None:
                    wait = min(wait, OFFLINE_RETRY_S)
                self._wake.wait(wait)
        finally:
            close = getattr(self._api, "close", None)
            if callable(close):
                close()
            self.sig_stopped.emit()

    def _sync(self, full: bool) -> None:
        if self._stop.is_set():
            return
        self.sig_state_changed.emit("syncing", "", None)
        try:
            report = self._run(full)
        except SyncInterrupted:
            return
        except Unavailable as exc:
            self._offline_since = self._offline_since or datetime.now(UTC)
            log.info("sync: offline (%s)", exc.code)
            self.sig_state_changed.emit("offline", exc.message_fr, self._offline_since)
            return
        except Unauthorized as exc:
            self.sig_state_changed.emit("error", exc.message_fr, None)
            self.sig_login_required.emit(exc.message_fr)
            return
        except (ApiError, StoreError) as exc:
            if isinstance(exc, DatabaseCorrupt):
                self._db.schedule_rebuild()
            level = log.warning if isinstance(exc, InvalidResponse | StoreError) else log.info
            level("sync failed: %r", exc)
            self.sig_state_changed.emit("error", exc.message_fr, None)
            if isinstance(exc, DiskFull | StorageIOError):
                self.sig_storage_failed.emit(storage_problem_fr(exc, self._db.path))
            return
        except Exception:  # a bug: logged with its traceback, never lost in the thread
            log.exception("sync crashed")
            self.sig_state_changed.emit("error", UNEXPECTED_FR, None)
            return
        self._offline_since = None
        self._publish(report)
        # The detail says what the user should know, e.g. « 1 fiche client illisible ignorée ».
        self.sig_state_changed.emit("online", report.notice_fr(), None)

    def _run(self, full: bool) -> SyncReport:
        if self._api is None:
            self._api = self._api_factory()
        if self._token is not None and hasattr(self._api, "token"):
            self._api.token = self._token
            self._token = None
        service = SyncService(self._api, self._db, stop=self._stop,
                              history_progress=self.sig_history_progress.emit)
        return service.full_sync() if full else service.sync()

    def _publish(self, report: SyncReport) -> None:
        history = self._db.communications
        if report.history_reset:
            self.sig_history_reset.emit(history.load_history_columns())
        elif report.history:
            ids = [*report.history.new_ids, *report.history.changed_ids]
            self.sig_history_rows.emit(history.rows_by_ids(ids))
            self.sig_communications_changed.emit(
                report.history.new_ids, report.history.changed_ids
            )
        if report.clients_changed:
            self.sig_clients_changed.emit()
        if report.templates_changed or report.templates_pushed or report.template_conflicts:
            self.sig_templates_changed.emit()
        if report.template_conflicts:
            self.sig_template_conflicts.emit(report.template_conflicts)
        if report.template_errors:
            self.sig_template_errors.emit(report.template_errors)
        if report.balance is not None:
            self.sig_balance_changed.emit(report.balance.credits)
        self.sig_synced.emit(report)
