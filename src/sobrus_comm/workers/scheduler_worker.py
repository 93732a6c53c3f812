"""The scheduler worker: wakes for due scheduled sends and runs them, off the GUI thread.

Lives in its own QThread (``start_in_thread(worker, worker.run, stopped=worker.sig_stopped)``)
and waits on a ``threading.Event`` with a timeout (``CHECK_S``): a request or :meth:`stop`
wakes it at once from any thread. What is due, and what to send, is the schedule and
campaign services' decision (:class:`~sobrus_comm.services.schedules.ScheduleService`); the
worker only keeps time. No widget, no modal in the timing path: occurrences missed while
the app was closed go out as a signal, and the GUI asks the user when it can.

Signals:
    sig_offers(object offers): ``list[DueRun]`` missed while closed, within the catch-up
        window, each offered once per process: ask « l'envoyer maintenant, le sauter ? »,
        then call :meth:`run_now` or :meth:`skip`.
    sig_credit_warnings(object warnings): ``list[str]`` (French): runs within a day that the
        balance does not cover; each said once per process.
    sig_run_finished(str name, str detail): a run ended (sent, nothing to send, paused…);
        ``detail`` is French for the status bar.
    sig_changed(): schedules or their runs changed: refresh the view and the history.
    sig_failed(str message): a check or a run failed (offline…); tried again later.
    sig_stopped(): the worker has stopped; the thread may end.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from sobrus_comm.backend.errors import ApiError
from sobrus_comm.logging_setup import get_logger
from sobrus_comm.services.schedules import DueRun, ScheduleApi, ScheduleService
from sobrus_comm.store.errors import StoreError

log = get_logger("scheduler")

CHECK_S = 30.0  # due runs start within half a minute of their time (grace: 15 min)
SYNC_EVERY = 10  # checks between two schedule syncs (other workstations' edits)
UNEXPECTED_FR = "Erreur inattendue de l'envoi programmé. Les détails sont dans le journal."


class SchedulerWorker(QObject):
    sig_offers = Signal(object)
    sig_credit_warnings = Signal(object)
    sig_run_finished = Signal(str, str)
    sig_changed = Signal()
    sig_failed = Signal(str)
    sig_stopped = Signal()

    def __init__(self, service: ScheduleService, api_factory: Callable[[], ScheduleApi], *,
                 check_s: float = CHECK_S, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._api_factory = api_factory
        self._api: ScheduleApi | None = None
        self._check_s = check_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._sync_now = threading.Event()
        self._lock = threading.Lock()
        self._queued: list[DueRun] = []  # asked by the user: « Exécuter maintenant »…
        self._skips: list[tuple[str, str]] = []
        self._offered: set[tuple[str, str]] = set()
        self._warned: set[tuple[str, str]] = set()
        self._checks = 0

    # --- control (thread-safe: call from the GUI, never waits) ---------------------------

    def run_now(self, due: DueRun) -> None:
        with self._lock:
            self._queued.append(due)
        self._wake.set()

    def skip(self, uid: str, key: str) -> None:
        with self._lock:
            self._skips.append((uid, key))
        self._wake.set()

    @Slot()
    def request_check(self) -> None:
        self._wake.set()

    @Slot()
    def request_sync(self) -> None:
        """Push local edits and pull the schedules at the next step (now)."""
        self._sync_now.set()
        self._wake.set()

    @Slot()
    def stop(self) -> None:
        """Stop after the current step; a run being sent stops between two batches and is
        resumed at the next start (its ids are fixed)."""
        self._stop.set()
        self._wake.set()

    # --- in the worker's thread ----------------------------------------------------------

    @Slot()
    def run(self) -> None:
        try:
            while not self._stop.is_set():
                self._wake.clear()
                self._step()
                self._wake.wait(self._check_s)
        finally:
            close = getattr(self._api, "close", None)
            if callable(close):
                close()
            self.sig_stopped.emit()

    def _step(self) -> None:
        try:
            self._checks += 1
            api = self._client()
            if self._checks % SYNC_EVERY == 1 or self._sync_now.is_set():
                self._sync_now.clear()
                self._service.sync(api)
                self.sig_changed.emit()
            with self._lock:
                queued, self._queued = self._queued, []
                skips, self._skips = self._skips, []
            for uid, key in skips:
                self._service.skip(uid, key)
            if skips:
                self._service.sync(api)
                self.sig_changed.emit()
            report = self._service.due()
            if report.missed:
                self.sig_changed.emit()
            for due in [*queued, *report.run]:
                if self._stop.is_set():
                    return
                outcome = self._service.run(api, due, stop=self._stop)
                self.sig_run_finished.emit(due.schedule.name, outcome.detail)
                self.sig_changed.emit()
            fresh = [d for d in report.offer
                     if (d.schedule.uid, d.occurrence.key) not in self._offered]
            if fresh:
                self._offered.update((d.schedule.uid, d.occurrence.key) for d in fresh)
                self.sig_offers.emit(fresh)
            warnings = [w for w in self._service.credit_warnings()
                        if (w.uid, w.occurrence_key) not in self._warned]
            if warnings:
                self._warned.update((w.uid, w.occurrence_key) for w in warnings)
                self.sig_credit_warnings.emit([w.text for w in warnings])
        except (ApiError, StoreError) as exc:
            log.info("scheduler: %r", exc)
            self.sig_failed.emit(exc.message_fr)
        except Exception:  # a bug: logged, never lost in the thread
            log.exception("scheduler crashed")
            self.sig_failed.emit(UNEXPECTED_FR)

    def _client(self) -> Any:
        if self._api is None:
            self._api = self._api_factory()
        return self._api
