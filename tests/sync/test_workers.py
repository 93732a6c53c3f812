"""The workers in real QThreads against the sandbox: signals, cancel, pause, failure.

The signals are observed through a GUI-thread :class:`Probe`, as the window receives them.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QObject, QThread, Signal, Slot

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.services.outbox import PauseKind
from sobrus_comm.store import open_database
from sobrus_comm.store.outbox import CampaignState
from sobrus_comm.workers.pyside_fix import install
from sobrus_comm.workers.sender_worker import SenderWorker
from sobrus_comm.workers.sync_worker import SyncWorker
from sobrus_comm.workers.threads import start_in_thread, stop_thread
from tests.sync.conftest import SANDBOX_HISTORY
from tests.sync.helpers import campaign
from tests.sync.qt_probe import Probe, is_event

TIMEOUT_MS = 20_000


@pytest.fixture
def threads() -> Iterator[list[QThread]]:
    started: list[QThread] = []
    yield started
    for thread in started:
        thread.worker.stop()
        assert stop_thread(thread)


def api_factory(base_url: str, token: str | None) -> Callable[[], SobrusApi]:
    def make() -> SobrusApi:  # called in the worker's thread: one client per thread
        return SobrusApi(base_url, token, timeout=(2.0, 1.0), retries=0)

    return make


def test_sync_worker_full_then_incremental(qtbot, sandbox, api, db, threads) -> None:
    worker = SyncWorker(db, api_factory(sandbox.base_url, api.token))
    probe = Probe(worker)
    online = is_event("sig_state_changed", lambda state, _detail, _since: state == "online")
    with qtbot.waitSignal(probe.sig_event, timeout=TIMEOUT_MS, check_params_cb=online):
        threads.append(start_in_thread(worker, worker.run, stopped=worker.sig_stopped))
    [(rows,)] = probe.events["sig_history_reset"]
    assert len(rows) == SANDBOX_HISTORY
    assert probe.events["sig_clients_changed"] and probe.events["sig_balance_changed"]
    assert [e[0] for e in probe.events["sig_state_changed"]] == ["syncing", "online"]

    with qtbot.waitSignal(probe.sig_event, timeout=TIMEOUT_MS,
                          check_params_cb=is_event("sig_synced")):
        worker.request_sync()  # « Synchroniser » / F5
    assert not probe.last("sig_synced")[0].changed_anything
    assert len(probe.events["sig_history_reset"]) == 1  # no reload when nothing changed
    with qtbot.waitSignal(probe.sig_event, timeout=TIMEOUT_MS,
                          check_params_cb=is_event("sig_stopped")):
        worker.stop()


def test_sync_worker_reports_offline_with_a_reason(qtbot, sandbox, api, db, threads) -> None:
    token, url = api.token, sandbox.base_url
    sandbox.stop()
    worker = SyncWorker(db, api_factory(url, token))
    probe = Probe(worker)
    offline = is_event("sig_state_changed", lambda state, _detail, _since: state == "offline")
    with qtbot.waitSignal(probe.sig_event, timeout=TIMEOUT_MS, check_params_cb=offline):
        threads.append(start_in_thread(worker, worker.run, stopped=worker.sig_stopped))
    _state, detail, since = probe.last("sig_state_changed")
    assert "injoignable" in detail and isinstance(since, datetime)
    worker.stop()


def test_sender_worker_sends_and_reports(qtbot, sandbox, api, db, threads) -> None:
    campaign_id = campaign(db, 60)
    worker = SenderWorker(db, api_factory(sandbox.base_url, api.token), campaign_id,
                          batch_size=25)
    probe = Probe(worker)
    with qtbot.waitSignal(probe.sig_event, timeout=TIMEOUT_MS,
                          check_params_cb=is_event("sig_stopped")):
        threads.append(start_in_thread(worker, worker.run, stopped=worker.sig_stopped))
    [(summary,)] = probe.events["sig_finished"]
    assert (summary.state, summary.accepted) == (CampaignState.COMPLETED, 60)
    assert probe.events["sig_progress"] == [(0, 60), (25, 60), (50, 60), (60, 60)]
    assert len(probe.events["sig_message_result"]) == 60
    assert sum(len(rows) for (rows,) in probe.events["sig_history_rows"]) == 60
    assert probe.events["sig_failed"] == []
    assert sandbox.control.sent(campaign_id=campaign_id)["count"] == 60


class _CancelAfterFirstBatch(QObject):
    """Plays the GUI: « Annuler » clicked once the first batch is answered."""

    def __init__(self, worker: SenderWorker) -> None:
        super().__init__()
        self.worker = worker

    @Slot(object)
    def on_batch(self, _results: object) -> None:
        self.worker.cancel()  # called directly: the worker's thread is busy sending


def test_sender_worker_cancel_sends_nothing_more(qtbot, sandbox, api, db, threads) -> None:
    sandbox.configure(latency_ms=30)
    campaign_id = campaign(db, 200)
    worker = SenderWorker(db, api_factory(sandbox.base_url, api.token), campaign_id,
                          batch_size=20)
    probe = Probe(worker)
    gui = _CancelAfterFirstBatch(worker)
    worker.sig_batch_results.connect(gui.on_batch)
    with qtbot.waitSignal(probe.sig_event, timeout=TIMEOUT_MS,
                          check_params_cb=is_event("sig_stopped")):
        threads.append(start_in_thread(worker, worker.run, stopped=worker.sig_stopped))
    [(summary,)] = probe.events["sig_finished"]
    assert summary.state == CampaignState.CANCELLED and summary.cancelled > 0
    sent = sandbox.control.sent(campaign_id=campaign_id)["count"]
    assert sent == summary.accepted + summary.in_doubt < 200


def test_sender_worker_pauses_on_insufficient_credits(qtbot, sandbox, api, db, threads) -> None:
    campaign_id = campaign(db, 50)
    sandbox.control.set_balance(30)
    worker = SenderWorker(db, api_factory(sandbox.base_url, api.token), campaign_id,
                          batch_size=25)
    probe = Probe(worker)
    with qtbot.waitSignal(probe.sig_event, timeout=TIMEOUT_MS,
                          check_params_cb=is_event("sig_stopped")):
        threads.append(start_in_thread(worker, worker.run, stopped=worker.sig_stopped))
    [(reason,)] = probe.events["sig_paused"]
    assert (reason.kind, reason.needed, reason.available) == (
        PauseKind.INSUFFICIENT_CREDITS, 25, 5)
    assert "Solde SMS insuffisant" in reason.message
    assert probe.events["sig_finished"] == []
    assert sandbox.control.sent(campaign_id=campaign_id)["count"] == 25


def test_sender_worker_locked_database_fails_clearly_and_keeps_rows(
    qtbot, sandbox, api, db_path, threads
) -> None:
    db = open_database(db_path, busy_timeout_ms=100)
    campaign_id = campaign(db, 30)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    worker = SenderWorker(db, api_factory(sandbox.base_url, api.token), campaign_id)
    probe = Probe(worker)
    try:
        with qtbot.waitSignal(probe.sig_event, timeout=TIMEOUT_MS,
                              check_params_cb=is_event("sig_stopped")):
            threads.append(start_in_thread(worker, worker.run, stopped=worker.sig_stopped))
    finally:
        other.rollback()
        other.close()
    [(message,)] = probe.events["sig_failed"]
    assert "verrouillée" in message
    assert len(db.outbox.rows(campaign_id)) == 30
    assert [c.id for c in db.outbox.unfinished()] == [campaign_id]
    db.close()


def test_signals_can_be_emitted_without_end() -> None:
    """PySide6 6.12.0 drops a reference to True per emit(); a send emits thousands."""

    class Emitter(QObject):
        sig = Signal(object)

    install()
    emitter = Emitter()
    before = sys.getrefcount(True)
    for i in range(5000):
        emitter.sig.emit(i)
    assert sys.getrefcount(True) >= before
