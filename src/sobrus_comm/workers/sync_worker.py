"""The sync worker: keeps the cache in step with the backend, off the GUI thread.

Lives in its own QThread (see :func:`~sobrus_comm.workers.threads.start_in_thread`): a sync
at once when started, then one every ``interval_ms`` and on demand (« Synchroniser », F5).
Its API client is made in its thread by ``api_factory``; its database calls use their own
pooled connections. It never touches a widget: everything goes out through signals.

Signals:
    sig_state_changed(str state, str detail, object since): ``syncing``, ``online``,
        ``offline`` (no network: ``detail`` says why in French, ``since`` is the aware
        datetime the connection was lost) or ``error`` (``detail`` in French; since None).
        Fits ``MainWindow.set_sync_state``.
    sig_login_required(str message): the backend refused the token; log in again and
        call :meth:`set_token`.
    sig_history_reset(object rows): ``list[tuple]``, every history row, after a full pull:
        replace the history model's rows.
    sig_history_rows(object rows): ``list[tuple]``, rows added or changed by an incremental
        pull (statuses queued → sent → delivered/failed): upsert them into the model.
    sig_communications_changed(object new_ids, object changed_ids): the same, as ids.
    sig_clients_changed(): the client list changed (reload it where it is shown).
    sig_templates_changed(): templates changed (pushed, pulled or in conflict).
    sig_template_conflicts(object conflicts): ``list[TemplateConflict]`` found by this sync:
        show both versions; resolve with ``db.templates.resolve_keep_local/take_remote``
        then :meth:`request_sync`.
    sig_template_errors(object errors): ``list[TemplatePushError]`` (refused pushes).
    sig_balance_changed(int credits): the SMS balance the backend reported.
    sig_synced(object report): the :class:`~sobrus_comm.services.sync.SyncReport`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from sobrus_comm.backend.errors import ApiError, InvalidResponse, Unauthorized, Unavailable
from sobrus_comm.logging_setup import get_logger
from sobrus_comm.services.sync import SyncApi, SyncInterrupted, SyncReport, SyncService
from sobrus_comm.store.db import Database
from sobrus_comm.store.errors import DatabaseCorrupt, StoreError

log = get_logger("sync")

DEFAULT_INTERVAL_MS = 60_000
UNEXPECTED_FR = (
    "Erreur inattendue pendant la synchronisation. Les détails sont dans le journal."
)


class SyncWorker(QObject):
    sig_state_changed = Signal(str, str, object)
    sig_login_required = Signal(str)
    sig_history_reset = Signal(object)
    sig_history_rows = Signal(object)
    sig_communications_changed = Signal(object, object)
    sig_clients_changed = Signal()
    sig_templates_changed = Signal()
    sig_template_conflicts = Signal(object)
    sig_template_errors = Signal(object)
    sig_balance_changed = Signal(int)
    sig_synced = Signal(object)

    # Internal: marshal requests made from any thread into this worker's thread.
    _sig_sync = Signal(bool)
    _sig_stop_timer = Signal()

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
        self._interval_ms = interval_ms
        self._timer: QTimer | None = None
        self._stop = threading.Event()
        self._offline_since: datetime | None = None
        self._token: str | None = None
        self._sig_sync.connect(self._sync, Qt.ConnectionType.QueuedConnection)
        self._sig_stop_timer.connect(self._stop_timer, Qt.ConnectionType.QueuedConnection)

    # --- control (any thread) --------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Connect to ``QThread.started``: the timer is made here, in the worker's thread."""
        self._timer = QTimer(self)
        self._timer.setInterval(self._interval_ms)
        self._timer.timeout.connect(self.request_sync)
        self._timer.start()
        self._sync(False)

    @Slot()
    def request_sync(self) -> None:
        """Sync as soon as the worker is free (safe to call from any thread)."""
        self._sig_sync.emit(False)

    @Slot()
    def request_full_sync(self) -> None:
        """Pull everything again, whatever the cursors say."""
        self._sig_sync.emit(True)

    @Slot(str)
    def set_token(self, token: str) -> None:
        """A fresh token after a new login; the next sync uses it."""
        self._token = token

    def stop(self) -> None:
        """Interrupt a running sync between two pages and stop the timer (any thread).

        Then quit and wait for the thread (``stop_thread``)."""
        self._stop.set()
        self._sig_stop_timer.emit()

    # --- in the worker's thread ------------------------------------------------------------

    @Slot()
    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    @Slot(bool)
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
            return
        except Exception:  # a bug: logged with its traceback, never lost in the thread
            log.exception("sync crashed")
            self.sig_state_changed.emit("error", UNEXPECTED_FR, None)
            return
        self._offline_since = None
        self._publish(report)
        self.sig_state_changed.emit("online", "", None)

    def _run(self, full: bool) -> SyncReport:
        if self._api is None:
            self._api = self._api_factory()
        if self._token is not None and hasattr(self._api, "token"):
            self._api.token = self._token  # type: ignore[attr-defined]
            self._token = None
        service = SyncService(self._api, self._db, stop=self._stop)
        return service.full_sync() if full else service.sync()

    def _publish(self, report: SyncReport) -> None:
        history = self._db.communications
        if report.history_reset:
            self.sig_history_reset.emit(history.load_history_rows())
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
