"""Runs queued campaigns: one sender worker in its own thread per run, one progress panel
per campaign docked in the main window:

    runner = CampaignRunner(window, cache, make_api, campaigns=campaigns)
    window.sig_closing.connect(runner.stop_all)

It starts what it is told to start: whether a campaign may go is the campaign service's
decision, asked before :meth:`CampaignRunner.start` (``gui.sending`` does). « Reprendre
l'envoi » on a panel is handed back to the owner (``sig_resume_requested``) when the runner
was built with ``resume_itself=False``, so that a resume passes the same rules.

Signals:
    sig_resume_requested(str): « Reprendre l'envoi » on a paused panel.
    sig_recharge_requested(): a panel paused for credits asked for a recharge.
    sig_campaign_finished(object): the :class:`~sobrus_comm.services.outbox.SendSummary`.
    sig_history_rows(object): history rows to upsert (relayed from the workers).
    sig_balance_changed(int): the SMS balance after the last batch.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QDockWidget, QMainWindow

from sobrus_comm.gui.grouped_send.progress_panel import SendProgressPanel, attach_progress_panel
from sobrus_comm.services.campaigns import CampaignService
from sobrus_comm.services.outbox import BatchApi
from sobrus_comm.services.workspace import Cache
from sobrus_comm.workers.sender_worker import SenderWorker
from sobrus_comm.workers.threads import start_in_thread, stop_thread


class CampaignRunner(QObject):
    sig_resume_requested = Signal(str)
    sig_recharge_requested = Signal()
    sig_campaign_finished = Signal(object)
    sig_history_rows = Signal(object)
    sig_balance_changed = Signal(int)

    def __init__(self, window: QMainWindow, db: Cache,
                 make_api: Callable[[], BatchApi], *, campaigns: CampaignService | None = None,
                 batch_size: int | None = None, resume_itself: bool = True) -> None:
        super().__init__(window)
        self._window = window
        self._db = db  # handed to the sender workers, which open their own sessions
        self._campaigns = campaigns if campaigns is not None else CampaignService(db)
        self._resume_itself = resume_itself
        self._make_api = make_api
        self._batch_size = batch_size
        self.panels: dict[str, SendProgressPanel] = {}
        self.docks: dict[str, QDockWidget] = {}
        # Worker and thread are owned here until the thread has ended (see workers.threads).
        self._threads: dict[str, tuple[QThread, SenderWorker]] = {}

    @Slot(str, bool)
    def start(self, campaign_id: str, is_test: bool = False) -> SendProgressPanel:
        """Show the campaign's panel (once) and start a worker on it."""
        panel = self.panels.get(campaign_id)
        if panel is None:
            panel = SendProgressPanel(self._campaigns, campaign_id)
            panel.sig_resume_requested.connect(self._on_resume)
            panel.sig_recharge_requested.connect(self.sig_recharge_requested)
            panel.sig_closed.connect(self._on_panel_closed)
            self.panels[campaign_id] = panel
            self.docks[campaign_id] = attach_progress_panel(self._window, panel)
        self._run(campaign_id, panel)
        return panel

    def _run(self, campaign_id: str, panel: SendProgressPanel) -> None:
        if campaign_id in self._threads:
            return  # already running
        worker = (SenderWorker(self._db, self._make_api, campaign_id)
                  if self._batch_size is None else
                  SenderWorker(self._db, self._make_api, campaign_id,
                               batch_size=self._batch_size))
        panel.bind(worker)
        worker.sig_finished.connect(self.sig_campaign_finished)
        worker.sig_history_rows.connect(self.sig_history_rows)
        worker.sig_balance_changed.connect(self.sig_balance_changed)
        thread = start_in_thread(worker, worker.run, stopped=worker.sig_stopped,
                                 name=f"sender-{campaign_id[:8]}")
        thread.finished.connect(self._on_thread_finished)
        self._threads[campaign_id] = (thread, worker)

    @Slot()
    def _on_thread_finished(self) -> None:
        finished = self.sender()
        for campaign_id, (thread, _worker) in list(self._threads.items()):
            if thread is finished:
                thread.wait()  # finished is its last word: this returns at once
                del self._threads[campaign_id]

    @Slot(str)
    def _on_resume(self, campaign_id: str) -> None:
        if not self._resume_itself:
            self.sig_resume_requested.emit(campaign_id)
            return
        panel = self.panels.get(campaign_id)
        if panel is not None:
            self._run(campaign_id, panel)

    @Slot()
    def _on_panel_closed(self) -> None:
        panel = self.sender()
        for campaign_id, known in list(self.panels.items()):
            if known is panel:
                del self.panels[campaign_id]
                self.docks.pop(campaign_id, None)

    def is_running(self, campaign_id: str | None = None) -> bool:
        return bool(self._threads) if campaign_id is None else campaign_id in self._threads

    @Slot()
    def stop_all(self) -> None:
        """The app is closing: stop after the current batches, without cancelling (the
        campaigns are offered for resumption at the next start)."""
        for _thread, worker in self._threads.values():
            worker.stop()
        for thread, _worker in list(self._threads.values()):
            stop_thread(thread)
        self._threads.clear()
