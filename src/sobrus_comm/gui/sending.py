"""Everything that sends, wired for the app: the grouped-send dialog, the campaign runner and
its progress docks, the quiet-hours gate, « Reprendre l'envoi interrompu ? » and « Renvoyer
ce SMS ».

Every path ends in :meth:`Sending.begin`, which asks the campaign service whether the
campaign may go now (the rules live there, not here); this object only asks the user and
starts the runner. It is given what it needs (the window, the campaign service, the cache
handle for the dialog, an API factory, the session's user) and never reads the controller.
The service's calls run off the GUI thread (:class:`~sobrus_comm.workers.task.Task`).

Signals:
    sig_sync_wanted(): a template was saved, or delivery reports are due: sync soon.
    sig_recharge_requested(): the user asked to buy credits (« Paramètres › Recharge »).
    sig_balance_changed(int): the balance after a batch.
    sig_started(str): a campaign's sender was started (after the rules let it go).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox

from sobrus_comm.domain.frequency import FrequencyCaps
from sobrus_comm.domain.models import User
from sobrus_comm.domain.phones import format_phone_display
from sobrus_comm.domain.quiet_hours import QuietHoursRules
from sobrus_comm.gui.grouped_send.runner import CampaignRunner
from sobrus_comm.gui.widgets.quiet_hours_gate import HoldChoice, QuietHoursGate, ask_quiet_hours
from sobrus_comm.logging_setup import get_logger
from sobrus_comm.services.campaigns import (
    CampaignProgress,
    CampaignService,
    Held,
    ResendDraft,
    ResendRefused,
)
from sobrus_comm.services.consent import ConsentService
from sobrus_comm.services.outbox import BatchApi
from sobrus_comm.services.preferences import Preferences
from sobrus_comm.services.workspace import Cache
from sobrus_comm.workers.task import Task, error_message

if TYPE_CHECKING:
    from sobrus_comm.gui.grouped_send import GroupedSendDialog
    from sobrus_comm.gui.main_window import MainWindow

log = get_logger("sending")

# After a send, delivery reports arrive within seconds: fetch them sooner than the next
# periodic sync, so the history moves from « En attente » to « Délivré ».
FOLLOW_DELIVERY_MS = (5_000, 30_000)


@dataclass(frozen=True)
class _Begun:
    """What the campaign service said about a campaign about to start."""

    campaign_id: str
    is_test: bool
    held: Held | None


def _same(caps: FrequencyCaps) -> FrequencyCaps:
    return caps


def _begin(campaigns: CampaignService, campaign_id: str, is_test: bool) -> _Begun:
    return _Begun(campaign_id, is_test, campaigns.begin(campaign_id))


def _confirm_resend(campaigns: CampaignService, draft: ResendDraft) -> _Begun:
    campaign_id = campaigns.confirm_resend(draft)
    return _begin(campaigns, campaign_id, False)


class Sending(QObject):
    sig_sync_wanted = Signal()
    sig_recharge_requested = Signal()
    sig_schedule_requested = Signal(object)  # « Programmer… »: a ScheduleDraft
    sig_balance_changed = Signal(int)
    sig_started = Signal(str)

    def __init__(self, preferences: Callable[[], Preferences],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._preferences = preferences
        self.window: MainWindow | None = None
        self.campaigns: CampaignService | None = None
        self._cache: Cache | None = None
        self._make_api: Callable[[], Any] | None = None
        self._user: User | None = None
        self._pharmacy_name = ""
        self._online = False
        self.credits: int | None = None
        self.runner: CampaignRunner | None = None
        self.gate: QuietHoursGate | None = None
        self.dialog: GroupedSendDialog | None = None
        self._resume_box: QMessageBox | None = None
        self._labels: dict[str, str] = {}  # campaign names for the history, read off-thread
        self._resume_reason = ""  # why an unfinished send cannot go on now ("" : it can)

    # -- what it sends from and for whom --------------------------------------------------
    def attach(self, window: MainWindow, campaigns: CampaignService, cache: Cache,
               make_api: Callable[[], BatchApi]) -> None:
        """(Re)build the runner and the gate on a cache (at start, and switching to demo)."""
        self.stop()
        if self.runner is not None:
            self.runner.deleteLater()
        if self.gate is not None:
            self.gate.deleteLater()
        self.window, self.campaigns, self._cache = window, campaigns, cache
        self._make_api = make_api
        runner = CampaignRunner(window, cache, make_api, campaigns=campaigns,
                                resume_itself=False)
        runner.sig_history_rows.connect(window.history.upsert_rows)
        runner.sig_balance_changed.connect(self.sig_balance_changed)
        runner.sig_recharge_requested.connect(self.sig_recharge_requested)
        runner.sig_campaign_finished.connect(self._follow_delivery)
        # « Reprendre l'envoi » on a paused panel goes through the rules too.
        runner.sig_resume_requested.connect(self._on_panel_resume)
        # Promotions held in quiet hours wait in the outbox for the morning.
        gate = QuietHoursGate(campaigns, parent=self)
        gate.sig_released.connect(self._on_released)
        self.runner, self.gate = runner, gate
        self._labels = {}
        self._read_labels()

    def set_session(self, user: User | None, pharmacy_name: str = "") -> None:
        """Signed in as ``user`` (None: signed out: nothing can be sent)."""
        self._user, self._pharmacy_name, self._online = user, pharmacy_name, user is not None

    def stop(self) -> None:
        """Senders stop after their batch, without cancelling: resumable at next start."""
        if self.runner is not None:
            self.runner.stop_all()

    def campaign_label(self, campaign_id: str) -> str | None:
        """« Rappel de solde — Rappel de solde (28/11/2026 09:33) » for a campaign sent from
        this workstation (the history's details pane): from the names read off the GUI
        thread at start and whenever a campaign begins."""
        return self._labels.get(campaign_id)

    @Slot()
    def refresh_labels(self) -> None:
        """Read the campaign names again (a scheduled run began a campaign meanwhile)."""
        self._read_labels()

    def _read_labels(self) -> None:
        if self.campaigns is not None:
            self._run(self.campaigns.labels, self._on_labels, failed=self._on_labels_failed)

    @Slot(object)
    def _on_labels(self, labels: dict[str, str]) -> None:
        self._labels = labels

    @Slot(object)
    def _on_labels_failed(self, exc: BaseException) -> None:
        log.info("Noms des campagnes illisibles pour l'instant : %s", error_message(exc))

    @Slot(object)
    def _follow_delivery(self, _summary: object) -> None:
        for delay_ms in FOLLOW_DELIVERY_MS:
            QTimer.singleShot(delay_ms, self._want_sync)

    @Slot()
    def _want_sync(self) -> None:
        self.sig_sync_wanted.emit()

    def _run(self, fn: Callable[..., Any], done: Callable[[Any], None], *args: Any,
             failed: Callable[[Any], None] | None = None) -> None:
        task = Task(fn, *args)
        task.sig_done.connect(done)
        task.sig_failed.connect(failed or self._on_failed)
        task.start()  # the task keeps itself alive until it has reported

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        if self.window is not None:
            QMessageBox.warning(self.window, "Envoi impossible", error_message(exc))

    # -- « Envoyer une communication groupée » ------------------------------------------
    @Slot()
    def open_grouped_send(self) -> None:
        if self.window is None or self._cache is None or self.campaigns is None:
            return
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        pharmacy = self._preferences().pharmacy_name or self._pharmacy_name
        # Imported on first use: the dialog is not needed to show the window.
        from sobrus_comm.gui.grouped_send import GroupedSendDialog, SendContext

        # quiet_hours stays None here: a promotion started in quiet hours is not refused by
        # the dialog but queued, and the campaign service holds it (begin).
        context = SendContext(
            self._cache, self._user, pharmacy,
            make_api=self._make_api if self._online else None, credits=self.credits,
            enqueue=self.campaigns.confirm,
            # The caps as set when the dialog opens, read here on the GUI thread (the
            # plans are built in the dialog's pool).
            consent_rules=ConsentService(self._cache).rules_source(
                functools.partial(_same, self._preferences().frequency_caps)))
        dialog = GroupedSendDialog(context, self.window,
                                   offline=self.window.sync_state() == "offline")
        dialog.sig_campaign_queued.connect(self._on_campaign_queued)
        dialog.sig_recharge_requested.connect(self.sig_recharge_requested)
        dialog.sig_templates_changed.connect(self.sig_sync_wanted)
        dialog.sig_schedule_requested.connect(self.sig_schedule_requested)
        dialog.finished.connect(self._on_dialog_closed)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _on_dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _quiet_rules(self) -> QuietHoursRules:
        return self._preferences().quiet_hours

    # -- the one way in: the campaign service decides -----------------------------------
    @Slot(str, bool)
    def _on_campaign_queued(self, campaign_id: str, is_test: bool) -> None:
        """A confirmed send is in the outbox: start it, or hold a promotion till morning."""
        self.begin(campaign_id, is_test)

    def begin(self, campaign_id: str, is_test: bool = False) -> None:
        """Ask the campaign service whether ``campaign_id`` may go now, then start it (or
        ask the user about a promotion it held for quiet hours)."""
        if self.campaigns is not None:
            self._run(_begin, self._on_begun, self.campaigns, campaign_id, is_test)

    @Slot(object)
    def _on_begun(self, begun: _Begun) -> None:
        if self.runner is None or self.gate is None or self.campaigns is None:
            return
        held = begun.held
        if held is None:
            self._start(begun.campaign_id, begun.is_test)
            return
        choice = self.ask_quiet(held.until)
        if choice is HoldChoice.WAIT:
            when = self.gate.watch(held)
            if self.window is not None:
                self.window.statusBar().showMessage(
                    f"Promotion en attente : envoi automatique le {when:%d/%m à %H:%M}.",
                    30_000)
        elif choice is HoldChoice.SEND_NOW:
            self.gate.watch(held)
            self.gate.release_now(held.campaign_id)  # sig_released starts it
        else:
            self._run(self.campaigns.cancel, self._on_cancelled, held.campaign_id)

    @Slot(object)
    def _on_cancelled(self, _count: object) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage("Envoi annulé : aucun SMS n'est parti.", 15_000)

    @Slot(str)
    def _on_released(self, campaign_id: str) -> None:
        self._start(campaign_id)

    @Slot(str)
    def _on_panel_resume(self, campaign_id: str) -> None:
        self.begin(campaign_id)

    def _start(self, campaign_id: str, is_test: bool = False) -> None:
        self._read_labels()  # the history names this campaign from its first rows
        if self.runner is not None:
            self.runner.start(campaign_id, is_test)
            self.sig_started.emit(campaign_id)

    def ask_quiet(self, release_at: datetime) -> HoldChoice:
        """Attendre / Envoyer maintenant / Annuler (tests replace this method)."""
        return ask_quiet_hours(self.window, self._quiet_rules(), release_at, datetime.now())

    # -- « Reprendre l'envoi interrompu ? » ---------------------------------------------
    def offer_resume(self, reason: str = "") -> None:
        """For campaigns a crash or a pause left behind: resumed with the same message
        ids, never re-planned. ``reason``: why it cannot go on now (said in the question)."""
        if self.campaigns is None or self.runner is None or self.window is None:
            return
        if self.gate is not None:
            self.gate.restore()  # promotions waiting for the morning wait again
        self._resume_reason = reason
        self._run(self.campaigns.resumable, self._on_resumable)

    @Slot(object)
    def _on_resumable(self, campaigns: list[CampaignProgress]) -> None:
        window = self.window
        if window is None or self.runner is None or self._resume_box is not None:
            return
        for campaign in campaigns:
            if self.runner.is_running(campaign.id):
                continue
            text = (f"L'envoi « {campaign.label} » s'est interrompu : {campaign.done} "
                    f"message(s) sur {campaign.total} traités, {campaign.remaining} "
                    "restant(s).\n\n")
            reason = self._resume_reason
            if reason:  # offered all the same, so that the user knows it is there
                text += (f"Il ne peut pas reprendre pour l'instant. {reason}\n\nLes messages "
                         "restent dans la file d'attente : rien n'est perdu. La reprise vous "
                         "sera proposée de nouveau au prochain démarrage.")
            else:
                text += ("Reprendre l'envoi interrompu ? Aucun message déjà envoyé ne sera "
                         "renvoyé.")
            box = QMessageBox(
                QMessageBox.Icon.Question, "Reprendre l'envoi interrompu ?", text,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
            box.setObjectName("resumeDialog")
            box.button(QMessageBox.StandardButton.Yes).setText("Reprendre l'envoi")
            box.button(QMessageBox.StandardButton.No).setText("Plus tard")
            box.button(QMessageBox.StandardButton.Yes).setEnabled(not reason)
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.setProperty("campaign_id", campaign.id)
            box.finished.connect(self._on_resume_answer)
            box.open()
            self._resume_box = box
            return  # one question at a time; the others are asked at the next start

    @Slot(int)
    def _on_resume_answer(self, _result: int) -> None:
        box = self._resume_box
        if box is None:
            return
        self._resume_box = None
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.begin(str(box.property("campaign_id")))
        box.deleteLater()

    # -- « Renvoyer ce SMS » ------------------------------------------------------------
    @Slot(int)
    def resend(self, comm_id: int) -> None:
        if self.campaigns is None or self.window is None:
            return
        self._run(_prepare_resend, self._on_resend_prepared, self.campaigns, comm_id)

    @Slot(object)
    def _on_resend_prepared(self, prepared: ResendDraft | str | None) -> None:
        if prepared is None or self.window is None or self.campaigns is None:
            return
        if isinstance(prepared, str):
            QMessageBox.warning(self.window, "Renvoi impossible", prepared)
            return
        draft = prepared
        question = (f"Renvoyer ce SMS à {draft.message.client_name} "
                    f"({format_phone_display(draft.message.phone_e164)}) ?\n"
                    f"Coût : {draft.credits} crédit{'s' if draft.credits > 1 else ''}.")
        if self.ask("Renvoyer ce SMS ?", question):
            self._run(_confirm_resend, self._on_begun, self.campaigns, draft)

    def ask(self, title: str, text: str) -> bool:
        """A yes/no question, « Annuler » by default (tests replace this method)."""
        answer = QMessageBox.question(
            self.window, title, text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes


def _prepare_resend(campaigns: CampaignService, comm_id: int) -> ResendDraft | str | None:
    """The draft, or why it is refused (French), or None (no longer in the cache)."""
    try:
        return campaigns.prepare_resend(comm_id)
    except ResendRefused as exc:
        return str(exc)
