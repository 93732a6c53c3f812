"""The progress panel on a sender worker's signals (emitted here by hand, no thread)."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from sobrus_comm.gui.grouped_send.progress_panel import SendProgressPanel, attach_progress_panel
from sobrus_comm.services.campaigns import CampaignService
from sobrus_comm.services.outbox import (
    MessageResult,
    PauseKind,
    PauseReason,
    Rejection,
    RetryPolicy,
    SendSummary,
)
from sobrus_comm.store.db import Database
from sobrus_comm.store.outbox import CampaignState, OutboxMessage, OutboxState
from sobrus_comm.workers.sender_worker import SenderWorker


def _campaign(db: Database, n: int = 4) -> str:
    messages = [OutboxMessage(f"+21266100000{i}", f"Bonjour {i}", client_id=i + 1,
                              client_name=f"Client {i}") for i in range(n)]
    return db.outbox.create_campaign(messages, label="Modèle personnalisé — Promo")


def _panel(qtbot: QtBot, db: Database, *,
           owned: bool = True) -> tuple[SendProgressPanel, SenderWorker]:
    campaign_id = _campaign(db)
    panel = SendProgressPanel(CampaignService(db), campaign_id)
    if owned:  # else the dock owns it, and deletes it on « Fermer »
        qtbot.addWidget(panel)
    worker = SenderWorker(db, lambda: None, campaign_id)  # type: ignore[arg-type,return-value]
    panel.bind(worker)
    panel.show()
    return panel, worker


def _result(i: int, accepted: bool) -> MessageResult:
    return MessageResult(f"id-{i}", i, f"Client {i}", f"+21266100000{i}", accepted,
                         error_code=None if accepted else "invalid_phone",
                         error_message=None if accepted else "Numéro invalide")


def test_progress_then_summary_with_failures_and_reasons(qtbot: QtBot, db: Database) -> None:
    panel, worker = _panel(qtbot, db)
    assert panel.objectName() == "sendProgressPanel"
    assert panel.ui.cancelSendButton.text() == "Annuler l'envoi"
    worker.sig_batch_results.emit([_result(0, True), _result(1, True), _result(2, False)])
    worker.sig_progress.emit(3, 4)
    assert panel.ui.progressBar.value() == 3 and panel.ui.progressBar.maximum() == 4
    assert panel.status_text() == "3 / 4 messages traités · 2 envoyés · 1 échec"

    worker.sig_paused.emit(PauseReason(PauseKind.OFFLINE, "Le serveur Sobrus est injoignable."))
    assert "nouvelle tentative automatique" in panel.status_text()
    assert not panel.ui.resumeButton.isVisible()  # the worker retries by itself
    worker.sig_resumed.emit()

    summary = SendSummary(panel.campaign_id, total=4, accepted=3, rejected=1, cancelled=0,
                          rejections=(Rejection(3, "Salma Chraibi", "+212661000003",
                                                "invalid_phone", "Numéro invalide"),))
    worker.sig_finished.emit(summary)
    assert panel.is_finished()
    assert panel.ui.progressTitle.text() == "Envoi terminé : « Modèle personnalisé — Promo »"
    assert panel.status_text().startswith("3 envoyés · 1 échec.")
    assert panel.ui.failuresList.isVisible()
    assert panel.ui.failuresList.toPlainText() == (
        "Salma Chraibi (06 61 00 00 03) : Numéro invalide")
    assert not panel.ui.cancelSendButton.isVisible() and panel.ui.closePanelButton.isVisible()


def test_cancel_goes_through_the_worker_then_the_outbox(qtbot: QtBot, db: Database) -> None:
    panel, _worker = _panel(qtbot, db)
    panel.ui.cancelSendButton.click()  # with a worker: cancelled in the outbox at once
    assert {r.state for r in db.outbox.rows(panel.campaign_id)} == {OutboxState.CANCELLED}
    assert "Annulation" in panel.status_text()

    paused, paused_worker = _panel(qtbot, db)
    paused_worker.sig_paused.emit(PauseReason(PauseKind.INSUFFICIENT_CREDITS,
                                              "Solde SMS insuffisant.", needed=4, available=0))
    paused_worker.sig_stopped.emit()
    assert paused.ui.resumeButton.isVisible() and paused.ui.requestRechargeButton.isVisible()
    with qtbot.waitSignal(paused.sig_recharge_requested):
        paused.ui.requestRechargeButton.click()
    paused.ui.cancelSendButton.click()
    # No worker left: the panel has the campaign service cancel it, off the GUI thread.
    qtbot.waitUntil(lambda: paused.summary is not None)
    assert paused.summary is not None and paused.summary.state == CampaignState.CANCELLED
    assert paused.status_text().startswith("0 envoyé · aucun échec · 4 annulés")


def test_resume_and_close_signals_and_the_dock(qtbot: QtBot, db: Database) -> None:
    window = QMainWindow()
    window.setCentralWidget(QLabel("Historique"))
    qtbot.addWidget(window)
    panel, worker = _panel(qtbot, db, owned=False)
    dock = attach_progress_panel(window, panel)
    window.show()
    assert dock.widget() is panel and not dock.isFloating()
    worker.sig_failed.emit("Le disque est plein.")
    assert "Envoi interrompu" in panel.status_text()
    with qtbot.waitSignal(panel.sig_resume_requested) as resumed:
        panel.ui.resumeButton.click()
    assert resumed.args == [panel.campaign_id]
    worker.sig_finished.emit(SendSummary(panel.campaign_id, 4, 4, 0, 0))
    with qtbot.waitSignal(panel.sig_closed):
        panel.ui.closePanelButton.click()
    qtbot.waitUntil(lambda: not window.findChildren(QDockWidget))  # closed and deleted


def test_a_server_that_answers_nothing_shows_offline_within_seconds(qtbot: QtBot,
                                                                    db: Database) -> None:
    """The app's own client settings against a server that accepts and then says nothing:
    the panel says « Hors ligne » while the worker keeps the rows for a retry (before: the
    batch POST was retried by urllib3 under the outbox's own retries, about a minute)."""
    from sobrus_comm.backend.api import SobrusApi
    from sobrus_comm.workers.threads import start_in_thread, stop_thread
    from tests.hostile_server import SILENT, Behaviour, hostile_server

    campaign_id = _campaign(db)
    panel = SendProgressPanel(CampaignService(db), campaign_id)
    qtbot.addWidget(panel)
    with hostile_server(Behaviour(SILENT), lifetime=60.0) as server:
        # The app's client defaults; the outbox's next try is put far off, to count one POST.
        worker = SenderWorker(db, lambda: SobrusApi(server.base_url, "t" * 30), campaign_id,
                              retry=RetryPolicy(initial_s=60.0, max_s=60.0))
        panel.bind(worker)
        thread = start_in_thread(worker, worker.run, stopped=worker.sig_stopped)
        try:
            qtbot.waitUntil(lambda: "Hors ligne" in panel.status_text(), timeout=10_000)
            assert "nouvelle tentative automatique" in panel.status_text()
            assert server.requests == 1  # one POST, not urllib3's retries under the outbox
            assert {r.state for r in db.outbox.rows(campaign_id)} == {OutboxState.POSTING}
        finally:
            worker.stop()
            server.stop()  # closes the held connection: the worker ends at once
            assert stop_thread(thread)
