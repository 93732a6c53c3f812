"""Non-modal progress of a campaign: « Annuler l'envoi » while it runs, then a summary
(envoyés, échecs with their reasons). It listens to a
:class:`~sobrus_comm.workers.sender_worker.SenderWorker` and never blocks: the window
stays usable while thousands of SMS go out.

    panel = SendProgressPanel(campaigns, campaign_id)   # campaigns: CampaignService
    panel.bind(worker)                   # before starting the worker's thread
    dock = attach_progress_panel(window, panel)

A pause that needs the user (credits, login) stops the worker; « Reprendre l'envoi »
asks the owner for a new worker (``sig_resume_requested``), to bind again.

Signals:
    sig_resume_requested(str): the campaign id to resume with a new worker.
    sig_recharge_requested(): « Demander une recharge » (paused for credits).
    sig_closed(): « Fermer » after the end; the owner removes the panel.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QWidget

from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.phones import format_phone_display
from sobrus_comm.gui.generated.ui_send_progress_panel import Ui_SendProgressPanel
from sobrus_comm.services.campaigns import CampaignService, CampaignState
from sobrus_comm.services.outbox import (
    MessageResult,
    PauseKind,
    PauseReason,
    SendSummary,
)
from sobrus_comm.workers.sender_worker import SenderWorker
from sobrus_comm.workers.task import Task, error_message

OK, WARN, ERROR = "#1e7b34", "#5c4400", "#a50e0e"
_MAX_FAILURES_LISTED = 500


def _n(n: int, singular: str, plural: str) -> str:
    return f"{format_count(n)} {singular if n < 2 else plural}"


class SendProgressPanel(QFrame):
    sig_resume_requested = Signal(str)
    sig_recharge_requested = Signal()
    sig_closed = Signal()

    def __init__(self, campaigns: CampaignService, campaign_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SendProgressPanel()
        self.ui.setupUi(self)
        self.campaign_id = campaign_id
        self._campaigns = campaigns
        self._worker: SenderWorker | None = None
        self._task: Task | None = None
        self._accepted = self._rejected = 0
        self.summary: SendSummary | None = None
        progress = campaigns.campaign(campaign_id)
        self.label = progress.label if progress else "Envoi groupé"
        self.is_test = bool(progress and progress.is_test)
        total = progress.total if progress else 0
        if progress:
            self._accepted, self._rejected = progress.accepted, progress.rejected
        ui = self.ui
        ui.progressTitle.setText(f"Envoi en cours : « {self.label} »")
        ui.progressBar.setRange(0, max(total, 1))
        ui.progressBar.setValue(progress.done if progress else 0)
        self._status("Préparation…", WARN)
        ui.cancelSendButton.clicked.connect(self._on_cancel)
        ui.resumeButton.clicked.connect(self._on_resume)
        ui.requestRechargeButton.clicked.connect(self.sig_recharge_requested)
        ui.closePanelButton.clicked.connect(self._on_close)

    # -- wiring -----------------------------------------------------------------------------
    def bind(self, worker: SenderWorker) -> None:
        """Listen to a (new) worker for this campaign; call before starting its thread."""
        self._worker = worker
        worker.sig_progress.connect(self._on_progress)
        worker.sig_batch_results.connect(self._on_results)
        worker.sig_paused.connect(self._on_paused)
        worker.sig_resumed.connect(self._on_resumed)
        worker.sig_finished.connect(self._on_finished)
        worker.sig_failed.connect(self._on_failed)
        worker.sig_stopped.connect(self._on_stopped)
        ui = self.ui
        ui.resumeButton.setVisible(False)
        ui.requestRechargeButton.setVisible(False)
        ui.cancelSendButton.setEnabled(True)
        self._status("Envoi en cours…", WARN)

    def is_finished(self) -> bool:
        return self.summary is not None

    # -- worker signals (queued: they run on the GUI thread) ----------------------------------
    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        bar = self.ui.progressBar
        bar.setMaximum(max(total, 1))
        bar.setValue(done)
        if self._worker is not None and self.summary is None:
            self._status(self._counts_text(done, total), WARN)

    @Slot(object)
    def _on_results(self, results: Sequence[MessageResult]) -> None:
        for result in results:
            if result.accepted:
                self._accepted += 1
            else:
                self._rejected += 1

    @Slot(object)
    def _on_paused(self, reason: PauseReason) -> None:
        ui = self.ui
        if reason.kind == PauseKind.OFFLINE:  # the worker retries the same ids by itself
            self._status(f"<b>Hors ligne</b> : nouvelle tentative automatique… "
                         f"({escape(reason.message)})", WARN)
            return
        ui.progressTitle.setText(f"Envoi en pause : « {self.label} »")
        text = f"<b>En pause.</b> {escape(reason.message)}"
        if reason.kind == PauseKind.INSUFFICIENT_CREDITS:
            text += " Une fois le solde rechargé, cliquez sur « Reprendre l'envoi »."
            ui.requestRechargeButton.setVisible(True)
        elif reason.kind == PauseKind.LOGIN_EXPIRED:
            text += " Reconnectez-vous, puis cliquez sur « Reprendre l'envoi »."
        self._status(text, ERROR)
        ui.resumeButton.setVisible(reason.kind != PauseKind.FORBIDDEN)

    @Slot()
    def _on_resumed(self) -> None:
        self._status("Connexion rétablie : envoi en cours…", WARN)

    @Slot(object)
    def _on_finished(self, summary: SendSummary) -> None:
        self._show_summary(summary)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._status(f"<b>Envoi interrompu.</b> {escape(message)}", ERROR)
        self.ui.resumeButton.setVisible(True)

    @Slot()
    def _on_stopped(self) -> None:
        self._worker = None
        if self.summary is None and not self.ui.resumeButton.isVisible():
            # Stopped without an end (the app is closing): resumable at the next start.
            self._status("Envoi interrompu : il sera proposé à la reprise au prochain "
                         "démarrage.", WARN)

    # -- buttons ------------------------------------------------------------------------------
    @Slot()
    def _on_cancel(self) -> None:
        ui = self.ui
        ui.cancelSendButton.setEnabled(False)
        ui.resumeButton.setVisible(False)
        if self._worker is not None:
            # Thread-safe and immediate: pending rows are cancelled in the database at once,
            # the worker stops after the batch in flight and reports the summary.
            self._worker.cancel()
            self._status("Annulation… (les SMS déjà partis ne peuvent pas être rappelés)", WARN)
            return
        # Paused or failed: no worker left, the campaign service cancels (off this thread).
        self._task = Task(self._campaigns.cancel_and_summarise, self.campaign_id)
        self._task.sig_done.connect(self._on_cancelled)
        self._task.sig_failed.connect(self._on_cancel_failed)
        self._task.start()

    @Slot(object)
    def _on_cancelled(self, summary: SendSummary) -> None:
        self._task = None
        self._show_summary(summary)

    @Slot(object)
    def _on_cancel_failed(self, exc: BaseException) -> None:
        self._task = None
        self._status(escape(error_message(exc)), ERROR)
        self.ui.cancelSendButton.setEnabled(True)

    @Slot()
    def _on_resume(self) -> None:
        self.ui.resumeButton.setVisible(False)
        self.ui.requestRechargeButton.setVisible(False)
        self.sig_resume_requested.emit(self.campaign_id)

    @Slot()
    def _on_close(self) -> None:
        self.sig_closed.emit()

    # -- display ------------------------------------------------------------------------------
    def _counts_text(self, done: int, total: int) -> str:
        text = f"{format_count(done)} / {_n(total, 'message traité', 'messages traités')}"
        text += f" · {_n(self._accepted, 'envoyé', 'envoyés')}"
        if self._rejected:
            text += f" · {_n(self._rejected, 'échec', 'échecs')}"
        return text

    def _show_summary(self, summary: SendSummary) -> None:
        self.summary = summary
        ui = self.ui
        cancelled = summary.state == CampaignState.CANCELLED
        what = "Test" if self.is_test else "Envoi"
        ui.progressTitle.setText(
            f"{what} {'annulé' if cancelled else 'terminé'} : « {self.label} »")
        ui.progressBar.setMaximum(max(summary.total, 1))
        ui.progressBar.setValue(summary.total if not cancelled else
                                summary.accepted + summary.rejected + summary.cancelled)
        parts = [f"<b>{_n(summary.accepted, 'envoyé', 'envoyés')}</b>"]
        parts.append(_n(summary.rejected, "échec", "échecs") if summary.rejected
                     else "aucun échec")
        if summary.cancelled:
            parts.append(_n(summary.cancelled, "annulé (jamais envoyé)",
                            "annulés (jamais envoyés)"))
        if summary.in_doubt:
            parts.append(_n(summary.in_doubt, "en cours de confirmation",
                            "en cours de confirmation"))
        color = ERROR if summary.rejected else (WARN if cancelled else OK)
        self._status(" · ".join(parts) + ". Le suivi de la délivrance est dans l'historique.",
                     color)
        if summary.rejections:
            lines = [
                f"{r.client_name or 'Destinataire'} ({format_phone_display(r.phone_e164)}) : "
                f"{r.reason or r.code or 'refusé'}"
                for r in summary.rejections[:_MAX_FAILURES_LISTED]
            ]
            more = len(summary.rejections) - len(lines)
            if more > 0:
                lines.append(f"… et {format_count(more)} autres (voir l'historique)")
            ui.failuresList.setPlainText("\n".join(lines))
            ui.failuresList.setVisible(True)
        ui.cancelSendButton.setVisible(False)
        ui.resumeButton.setVisible(False)
        ui.requestRechargeButton.setVisible(False)
        ui.closePanelButton.setVisible(True)

    def _status(self, html: str, color: str) -> None:
        self.ui.progressStatus.setText(f"<span style='color:{color}'>{html}</span>")

    def status_text(self) -> str:
        """The status line as plain text (tests, accessibility)."""
        return QTextDocumentFragment.fromHtml(self.ui.progressStatus.text()).toPlainText()


def attach_progress_panel(window: QMainWindow, panel: SendProgressPanel) -> QDockWidget:
    """Show ``panel`` in a non-modal dock at the bottom of ``window``; « Fermer » removes it."""
    dock = QDockWidget("Envoi groupé", window)
    dock.setObjectName(f"sendProgressDock-{panel.campaign_id}")
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                     | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    panel.sig_closed.connect(dock.close)
    panel.sig_closed.connect(dock.deleteLater)
    dock.show()
    return dock
