"""Everything that sends, wired for the app: the grouped-send dialog, the campaign runner and
its progress docks, the quiet-hours gate, « Reprendre l'envoi interrompu ? » and « Renvoyer
ce SMS ».

It reads the session, the cache and the window from the :class:`AppController` that owns it,
and tells it what it needs through signals.

Signals:
    sig_sync_wanted(): a template was saved, or delivery reports are due: sync soon.
    sig_recharge_requested(): the user asked to buy credits (« Paramètres › Recharge »).
    sig_balance_changed(int): the balance after a batch.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox

from sobrus_comm.domain.phones import format_phone_display
from sobrus_comm.domain.quiet_hours import QuietHoursRules
from sobrus_comm.gui.grouped_send.runner import CampaignRunner
from sobrus_comm.gui.widgets.quiet_hours_gate import (
    QUIET_HOURS_REASON,
    HoldChoice,
    QuietHoursGate,
    ask_quiet_hours,
)
from sobrus_comm.services.outbox import OutboxService
from sobrus_comm.services.resend import ResendRefused, enqueue_resend, prepare_resend

if TYPE_CHECKING:
    from sobrus_comm.gui.app_controller import AppController
    from sobrus_comm.gui.grouped_send import GroupedSendDialog

# After a send, delivery reports arrive within seconds: fetch them sooner than the next
# periodic sync, so the history moves from « En attente » to « Délivré ».
FOLLOW_DELIVERY_MS = (5_000, 30_000)


class Sending(QObject):
    sig_sync_wanted = Signal()
    sig_recharge_requested = Signal()
    sig_balance_changed = Signal(int)

    def __init__(self, app: AppController) -> None:
        super().__init__(app)
        self.app = app
        self.runner: CampaignRunner | None = None
        self.gate: QuietHoursGate | None = None
        self.dialog: GroupedSendDialog | None = None
        self._resume_box: QMessageBox | None = None

    # -- the cache it sends from --------------------------------------------------------
    def attach(self) -> None:
        """(Re)build the runner and the gate on the app's current cache and window."""
        app = self.app
        assert app.window is not None and app.db is not None
        self.stop()
        if self.runner is not None:
            self.runner.deleteLater()
        if self.gate is not None:
            self.gate.deleteLater()
        runner = CampaignRunner(app.window, app.db, app.make_api)
        runner.sig_history_rows.connect(app.window.history.upsert_rows)
        runner.sig_balance_changed.connect(self.sig_balance_changed)
        runner.sig_recharge_requested.connect(self.sig_recharge_requested)
        runner.sig_campaign_finished.connect(self._follow_delivery)
        # Promotions started in quiet hours wait in the outbox for the morning.
        gate = QuietHoursGate(app.db, self._quiet_rules, parent=self)
        gate.sig_released.connect(runner.start)
        self.runner, self.gate = runner, gate

    def stop(self) -> None:
        """Senders stop after their batch, without cancelling: resumable at next start."""
        if self.runner is not None:
            self.runner.stop_all()

    def campaign_label(self, campaign_id: str) -> str | None:
        """« Rappel de solde — Rappel de solde (28/11/2026 09:33) » for a campaign sent from
        this workstation (the history's details pane)."""
        db = self.app.db
        campaign = db.outbox.progress(campaign_id) if db is not None else None
        if campaign is None:
            return None
        return f"{campaign.label} ({campaign.created_at.astimezone():%d/%m/%Y %H:%M})"

    @Slot(object)
    def _follow_delivery(self, _summary: object) -> None:
        for delay_ms in FOLLOW_DELIVERY_MS:
            QTimer.singleShot(delay_ms, self._want_sync)

    @Slot()
    def _want_sync(self) -> None:
        self.sig_sync_wanted.emit()

    # -- « Envoyer une communication groupée » ------------------------------------------
    @Slot()
    def open_grouped_send(self) -> None:
        app = self.app
        if app.window is None or app.db is None:
            return
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        session = app.session
        prefs = app.prefs()
        pharmacy = prefs.pharmacy_name or (session.current.pharmacy_name if session else "")
        # Imported on first use: the dialog is not needed to show the window.
        from sobrus_comm.gui.grouped_send import GroupedSendDialog, SendContext

        # quiet_hours stays None here: a promotion started in quiet hours is not refused by
        # the dialog but queued, and the gate asks whether to wait (_on_campaign_queued).
        context = SendContext(
            app.db, session.current.user if session else None, pharmacy,
            make_api=app.make_api if session else None, credits=app.credits)
        dialog = GroupedSendDialog(context, app.window,
                                   offline=app.window.sync_state() == "offline")
        dialog.sig_campaign_queued.connect(self._on_campaign_queued)
        dialog.sig_recharge_requested.connect(self.sig_recharge_requested)
        dialog.sig_templates_changed.connect(self.sig_sync_wanted)
        dialog.finished.connect(self._on_dialog_closed)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _on_dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _quiet_rules(self) -> QuietHoursRules:
        return self.app.prefs().quiet_hours

    @Slot(str, bool)
    def _on_campaign_queued(self, campaign_id: str, is_test: bool) -> None:
        """A confirmed send is in the outbox: start it, or hold a promotion till morning."""
        db, window = self.app.db, self.app.window
        assert self.runner is not None and self.gate is not None and db is not None
        campaign = db.outbox.progress(campaign_id)
        release = None if is_test or campaign is None else self.gate.release_time(
            campaign.category)
        if release is None:
            self.runner.start(campaign_id, is_test)
            return
        choice = self.ask_quiet(release)
        if choice is HoldChoice.WAIT:
            when = self.gate.hold(campaign_id)
            if window is not None:
                window.statusBar().showMessage(
                    f"Promotion en attente : envoi automatique le {when:%d/%m à %H:%M}.",
                    30_000)
        elif choice is HoldChoice.SEND_NOW:
            self.runner.start(campaign_id, is_test)
        else:
            OutboxService(db).cancel(campaign_id)

    def ask_quiet(self, release_at: datetime) -> HoldChoice:
        """Attendre / Envoyer maintenant / Annuler (tests replace this method)."""
        return ask_quiet_hours(self.app.window, self._quiet_rules(), release_at,
                               datetime.now())

    # -- « Reprendre l'envoi interrompu ? » ---------------------------------------------
    def offer_resume(self) -> None:
        """For campaigns a crash or a pause left behind: resumed with the same message
        ids, never re-planned."""
        db, window = self.app.db, self.app.window
        if db is None or self.runner is None or window is None:
            return
        if self.gate is not None:
            self.gate.restore()  # promotions waiting for the morning wait again
        for campaign in OutboxService(db).unfinished_campaigns():
            if self.runner.is_running(campaign.id) or campaign.pause_reason == QUIET_HOURS_REASON:
                continue
            box = QMessageBox(
                QMessageBox.Icon.Question, "Reprendre l'envoi interrompu ?",
                f"L'envoi « {campaign.label} » s'est interrompu : {campaign.done} message(s) "
                f"sur {campaign.total} traités, {campaign.remaining} restant(s).\n\n"
                "Reprendre l'envoi interrompu ? Aucun message déjà envoyé ne sera renvoyé.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
            box.setObjectName("resumeDialog")
            box.button(QMessageBox.StandardButton.Yes).setText("Reprendre l'envoi")
            box.button(QMessageBox.StandardButton.No).setText("Plus tard")
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.setProperty("campaign_id", campaign.id)
            box.finished.connect(self._on_resume_answer)
            box.open()
            self._resume_box = box
            return  # one question at a time; the others are asked at the next start

    @Slot(int)
    def _on_resume_answer(self, _result: int) -> None:
        box = self._resume_box
        if box is None or self.runner is None:
            return
        self._resume_box = None
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.runner.start(str(box.property("campaign_id")))
        box.deleteLater()

    # -- « Renvoyer ce SMS » ------------------------------------------------------------
    @Slot(int)
    def resend(self, comm_id: int) -> None:
        db, window = self.app.db, self.app.window
        if db is None or window is None or self.runner is None:
            return
        row = next(iter(db.communications.rows_by_ids([comm_id])), None)
        if row is None:
            return
        try:
            draft = prepare_resend(db, row)
        except ResendRefused as exc:
            QMessageBox.warning(window, "Renvoi impossible", str(exc))
            return
        question = (f"Renvoyer ce SMS à {draft.message.client_name} "
                    f"({format_phone_display(draft.message.phone_e164)}) ?\n"
                    f"Coût : {draft.credits} crédit{'s' if draft.credits > 1 else ''}.")
        if self.ask("Renvoyer ce SMS ?", question):
            self.runner.start(enqueue_resend(db, draft))

    def ask(self, title: str, text: str) -> bool:
        """A yes/no question, « Annuler » by default (tests replace this method)."""
        answer = QMessageBox.question(
            self.app.window, title, text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes
