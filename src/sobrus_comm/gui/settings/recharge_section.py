"""« Recharge »: ask for a pack, follow the transfer, attach the proof, see it activated.

While a request awaits payment its bank-transfer instructions (the backend's
``payment_instructions``) are shown, with « Copier » buttons for the RIB and the transfer
label: retyping 24 digits is where a transfer goes astray.

A request not paid yet (requested, awaiting payment) can be cancelled, after a question whose
default answer is « Non »: cancelling after the transfer was made is the costly mistake.

Every backend call runs through the dialog's serial jobs, with the buttons disabled and a
French message meanwhile. While the dialog is open, and after it is closed as long as a
request is still open, the requests are asked again every ``recharge_poll_ms``; an
activation raises the balance and is announced.

Signals:
    sig_balance_changed(int, object): credits and when the backend reported them.
    sig_recharge_activated(str): a pack was activated; the French sentence to show.
    sig_loaded(): a refresh is over (shown or failed).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QItemSelection, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QHeaderView, QMessageBox, QPushButton, QWidget

from sobrus_comm.domain.bank import format_iban, format_rib
from sobrus_comm.domain.models import Permission
from sobrus_comm.domain.money import format_dh
from sobrus_comm.gui.generated.ui_settings_dialog import Ui_SettingsDialog
from sobrus_comm.gui.settings.context import SettingsContext
from sobrus_comm.gui.settings.jobs import SerialJobs
from sobrus_comm.gui.settings.pack_dialog import PackChoiceDialog
from sobrus_comm.gui.settings.recharge_model import (
    COL_PACK,
    RechargeRequestsModel,
    local_datetime,
)
from sobrus_comm.services.recharge import (
    MAX_PROOF_MB,
    PROOF_FILTER_FR,
    STEPS,
    ApiError,
    Conflict,
    PaymentInstructions,
    RechargeRefresh,
    RechargeRequest,
    RechargeService,
    RechargeStatus,
    activation_message_fr,
    can_cancel,
    cancel_question_fr,
    check_proof_file,
    reference,
    status_label,
)
from sobrus_comm.workers.task import error_message

PickFile = Callable[[], Path | None]
Ask = Callable[[str, str], bool]  # (title, question) -> yes
CANCEL_TITLE_FR = "Annuler la demande de recharge"
CANCEL_TIP_FR = "Annuler cette demande tant qu'elle n'est pas payée"
COPY_FR, COPIED_FR = "Copier", "✓ Copié"
COPIED_MS = 2000  # how long a « Copier » button says it worked


def cancel_confirmation_box(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """The question before cancelling; « Non » is the default, so Entrée keeps the request.

    Button texts set here: Qt's own translation may not be installed.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText("Oui, annuler la demande")
    box.button(QMessageBox.StandardButton.No).setText("Non")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box


def steps_html(status: RechargeStatus) -> str:
    """« Demande envoyée → <b>En attente de paiement</b> → Paiement reçu → Activé »."""
    if status == RechargeStatus.CANCELLED:
        return "<b>Demande annulée.</b>"
    here = STEPS.index(status)
    parts = []
    for i, step in enumerate(STEPS):
        label = escape(status_label(step))
        if i < here:
            parts.append(f"<span style='color:#0d5e2a'>✔ {label}</span>")
        elif i == here:
            parts.append(f"<b>{label}</b>")
        else:
            parts.append(f"<span style='color:#888'>{label}</span>")
    return " → ".join(parts)


class RechargeSection(QObject):
    sig_balance_changed = Signal(int, object)
    sig_recharge_activated = Signal(str)
    sig_loaded = Signal()

    def __init__(self, ui: Ui_SettingsDialog, ctx: SettingsContext, jobs: SerialJobs,
                 service: RechargeService | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.ui, self.ctx, self.jobs, self.service = ui, ctx, jobs, service
        self._parent = parent
        self.pick_file: PickFile = self._pick_file_dialog  # replaceable in tests
        self.ask: Ask = self._ask_box  # replaceable in tests (no modal exec())
        self.pack_dialog: PackChoiceDialog | None = None
        self._refresh_queued = False
        self._select_after: int | None = None
        self.model = RechargeRequestsModel()
        table = ui.rechargeRequestsTable
        table.setModel(self.model)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PACK, QHeaderView.ResizeMode.Stretch)
        table.selectionModel().selectionChanged.connect(self._on_selection)
        ui.rechargeRequestButton.clicked.connect(self._on_request)
        ui.rechargeRefreshButton.clicked.connect(self._on_refresh_clicked)
        ui.attachProofButton.clicked.connect(self._on_attach)
        ui.cancelRechargeButton.clicked.connect(self._on_cancel)
        ui.copyRibButton.clicked.connect(self._on_copy_rib)
        ui.copyReferenceButton.clicked.connect(self._on_copy_reference)
        self._payment: PaymentInstructions | None = None  # the instructions shown
        self._copied_timer = QTimer(self)
        self._copied_timer.setSingleShot(True)
        self._copied_timer.setInterval(COPIED_MS)
        self._copied_timer.timeout.connect(self._reset_copy_buttons)
        jobs.sig_busy_changed.connect(self._on_busy_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(ctx.recharge_poll_ms)
        self.timer.timeout.connect(self.refresh)
        self._apply_access()
        self._show_details(None)

    # -- access -------------------------------------------------------------------------------
    def _apply_access(self) -> None:
        ui, user = self.ui, self.ctx.user
        allowed = user is not None and user.can(Permission.REQUEST_RECHARGE)
        button = ui.rechargeRequestButton
        if user is None:
            reason = "Connectez-vous pour demander une recharge."
        elif self.service is None:
            reason = ("Hors ligne : la demande de recharge nécessite une connexion au serveur "
                      "Sobrus.")
        elif not allowed:
            reason = ("Votre compte n'a pas l'autorisation de demander une recharge. "
                      "Demandez-la au pharmacien titulaire.")
        else:
            reason = ""
        self.can_request = self.service is not None and allowed
        button.setEnabled(self.can_request)
        button.setToolTip(reason or "Choisir un pack de SMS et l'envoyer au service commercial")
        ui.rechargeRefreshButton.setEnabled(self.service is not None)
        if reason:
            self._show_error(reason)

    # -- refresh (poll) -----------------------------------------------------------------------
    def start(self) -> None:
        """Refresh now, then poll while the dialog is shown."""
        if self.service is not None:
            self.refresh()
            self.timer.start()

    def stop(self) -> None:
        """The dialog was closed: keep watching only while a request is still open, so
        that an activation is still announced (``sig_recharge_activated``)."""
        if not self.has_open_request():
            self.timer.stop()

    def has_open_request(self) -> bool:
        return any(r.status not in (RechargeStatus.ACTIVATED, RechargeStatus.CANCELLED)
                   for r in self.model.requests())

    @Slot()
    def refresh(self) -> None:
        """Ask the backend what changed (quietly: the poll must not flash a message)."""
        if self.service is None or self._refresh_queued:
            return  # one refresh waiting is enough
        self._refresh_queued = True
        self.jobs.run(self.service.refresh, done=self._on_refreshed,
                      failed=self._on_refresh_failed)

    @Slot()
    def _on_refresh_clicked(self) -> None:
        self._busy("Mise à jour des demandes de recharge…")
        self.refresh()

    @Slot(object)
    def _on_refresh_failed(self, exc: object) -> None:
        self._refresh_queued = False
        self._on_failed(exc)
        self.sig_loaded.emit()

    @Slot(object)
    def _on_refreshed(self, result: object) -> None:
        assert isinstance(result, RechargeRefresh)
        self._refresh_queued = False
        self._set_requests(result.requests)
        if not self._parent.isVisible():
            self.stop()  # closed meanwhile: nothing left to watch for?
        self.sig_loaded.emit()
        if result.balance is not None:
            self.sig_balance_changed.emit(result.balance.credits, result.balance.updated_at)
        if result.newly_activated:
            credits = result.balance.credits if result.balance else None
            message = activation_message_fr(result.newly_activated, credits)
            self._notice(message)
            self.sig_recharge_activated.emit(message)

    # -- asking for a pack --------------------------------------------------------------------
    @Slot()
    def _on_request(self) -> None:
        if self.service is None:
            return
        self._busy("Chargement des packs proposés…")
        self.jobs.run(self.service.packs, done=self._on_packs, failed=self._on_failed)

    @Slot(object)
    def _on_packs(self, packs: object) -> None:
        assert isinstance(packs, list)
        dialog = PackChoiceDialog(packs, self._parent)
        dialog.setObjectName("packChoiceDialog")
        dialog.accepted.connect(self._on_pack_chosen)
        dialog.finished.connect(dialog.deleteLater)
        self.pack_dialog = dialog
        dialog.open()

    @Slot()
    def _on_pack_chosen(self) -> None:
        dialog, self.pack_dialog = self.pack_dialog, None
        pack = dialog.selected_pack() if dialog else None
        if pack is None or self.service is None:
            return
        self._busy(f"Envoi de la demande ({pack.name}) au service commercial…")
        self.jobs.run(self.service.request_pack, pack.id, done=self._on_requested,
                      failed=self._on_failed)

    @Slot(object)
    def _on_requested(self, request: object) -> None:
        assert isinstance(request, RechargeRequest)
        self._set_requests(self.service.tracker.newest_first() if self.service else [request])
        self._select(request.id)
        self._notice(f"Demande {reference(request)} envoyée au service commercial. Effectuez "
                     "le virement comme indiqué ci-dessous puis joignez l'avis de virement.")

    # -- the transfer proof -------------------------------------------------------------------
    @Slot()
    def _on_attach(self) -> None:
        request = self.current_request()
        if request is None or self.service is None:
            return
        path = self.pick_file()
        if path is None:
            return
        try:
            check_proof_file(path)  # a few bytes read: says at once when the file is wrong
        except ApiError as exc:
            self._show_error(exc.message_fr)
            return
        self._busy(f"Envoi de l'avis de virement « {path.name} »…")
        self.jobs.run(self.service.attach_proof, request.id, path, done=self._on_attached,
                      failed=self._on_failed)

    @Slot(object)
    def _on_attached(self, request: object) -> None:
        assert isinstance(request, RechargeRequest)
        self._set_requests(self.service.tracker.newest_first() if self.service else [request])
        self._select(request.id)
        self._notice(f"Avis de virement envoyé pour la demande {reference(request)}. Le pack "
                     "sera activé dès que le service commercial aura reçu le paiement.")

    # -- cancelling a request not paid yet ----------------------------------------------------
    @Slot()
    def _on_cancel(self) -> None:
        request = self.current_request()
        if request is None or self.service is None or not can_cancel(request):
            return
        if not self.ask(CANCEL_TITLE_FR, cancel_question_fr(request)):
            return
        self.ui.rechargeNoticeLabel.setVisible(False)  # « envoyée, effectuez le virement… »
        self._busy(f"Annulation de la demande {reference(request)}…")
        # Sent even if a poll showed it paid meanwhile: the backend decides, and says why.
        self.jobs.run(self.service.cancel_request, request.id, done=self._on_cancelled,
                      failed=self._on_cancel_failed)

    @Slot(object)
    def _on_cancelled(self, request: object) -> None:
        assert isinstance(request, RechargeRequest)
        self._set_requests(self.service.tracker.newest_first() if self.service else [request])
        self._select(request.id)
        self._notice(f"Demande {reference(request)} annulée.")

    @Slot(object)
    def _on_cancel_failed(self, exc: object) -> None:
        if isinstance(exc, Conflict) and isinstance(exc.current, RechargeRequest):
            # Refused because it moved on (paid…): show where it is now.
            self._set_requests(self.service.tracker.newest_first() if self.service
                               else [exc.current])
            self._select(exc.current.id)
        self._on_failed(exc)

    def _ask_box(self, title: str, text: str) -> bool:
        box = cancel_confirmation_box(self._parent, title, text)
        try:
            box.exec()
            return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        finally:
            box.deleteLater()

    def _pick_file_dialog(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self._parent, "Joindre l'avis de virement", "",
                                              PROOF_FILTER_FR)
        return Path(name) if name else None

    # -- the table and the details ------------------------------------------------------------
    def current_request(self) -> RechargeRequest | None:
        rows = self.ui.rechargeRequestsTable.selectionModel().selectedRows()
        return self.model.request(rows[0].row()) if rows else None

    def _set_requests(self, requests: list[RechargeRequest]) -> None:
        selected = self.current_request()
        self.model.set_requests(requests)
        wanted = selected.id if selected else None
        if wanted is None and requests:
            # The newest request still in progress, else the newest one.
            open_ones = [r for r in requests if r.status not in (RechargeStatus.ACTIVATED,
                                                                RechargeStatus.CANCELLED)]
            wanted = (open_ones or requests)[0].id
        if wanted is not None:
            self._select(wanted)
        else:
            self._show_details(None)

    def _select(self, request_id: int) -> None:
        row = self.model.row_of(request_id)
        if row >= 0:
            self.ui.rechargeRequestsTable.selectRow(row)
        self._show_details(self.model.request(row))

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_details(self.current_request())

    def _show_details(self, request: RechargeRequest | None) -> None:
        ui = self.ui
        ui.rechargeDetailsFrame.setVisible(request is not None)
        if request is None:
            ui.attachProofButton.setEnabled(False)
            ui.cancelRechargeButton.setEnabled(False)
            return
        cancellable = can_cancel(request)
        ui.cancelRechargeButton.setEnabled(cancellable and self.can_request
                                           and not self.jobs.busy)
        if cancellable:
            tip = CANCEL_TIP_FR
        elif request.status == RechargeStatus.CANCELLED:
            tip = "Cette demande est déjà annulée."
        else:
            tip = "Seule une demande pas encore payée peut être annulée."
        ui.cancelRechargeButton.setToolTip(tip)
        ui.rechargeStepsLabel.setText(
            f"<b>{escape(reference(request))}</b> — {escape(request.pack.name)}<br>"
            + steps_html(request.status))
        waiting = request.can_attach_proof
        self._show_payment(request.payment if waiting else None, request.proof is not None)
        ui.attachProofButton.setVisible(waiting)
        ui.attachProofButton.setEnabled(waiting and self.can_request and not self.jobs.busy)
        ui.attachProofButton.setText("Remplacer l'avis de virement…" if request.proof
                                     else "Joindre l'avis de virement…")
        proof = request.proof
        if proof is not None:
            size = max(1, round(proof.size / 1024))
            ui.proofStatusLabel.setText(
                f"Avis de virement reçu : {proof.filename} ({size} Ko), "
                f"le {local_datetime(proof.uploaded_at)}.")
        elif request.status in (RechargeStatus.ACTIVATED, RechargeStatus.CANCELLED):
            ui.proofStatusLabel.setText("")  # none expected any more
        else:
            ui.proofStatusLabel.setText("Aucun avis de virement joint pour l'instant.")
        if request.status == RechargeStatus.ACTIVATED and request.activated_at:
            ui.proofStatusLabel.setText(
                f"Pack activé le {local_datetime(request.activated_at)}.")

    def _show_payment(self, payment: PaymentInstructions | None, proof_attached: bool) -> None:
        ui = self.ui
        ui.transferBox.setVisible(payment is not None)
        if payment != self._payment:  # not on every poll: a « ✓ Copié » would vanish
            self._payment = payment
            self._reset_copy_buttons()
        if payment is None:
            return
        ui.transferInstructionsLabel.setText(
            f"Effectuez un virement de <b>{escape(format_dh(payment.amount))}</b> à :")
        ui.transferHolderValue.setText(payment.account_holder)
        ui.transferBankValue.setText(payment.bank_name)
        ui.transferRibValue.setText(format_rib(payment.rib))
        ui.transferIbanValue.setText(format_iban(payment.iban))
        ui.transferSwiftValue.setText(payment.swift)
        ui.transferReferenceValue.setText(payment.reference)
        ui.transferNextStepLabel.setText(
            ("" if proof_attached else "Puis joignez l'avis de virement ci-dessous (PDF, JPG "
             f"ou PNG, {MAX_PROOF_MB} Mo au maximum). ")
            + "Le pack est activé dès que le paiement est réceptionné.")

    @Slot()
    def _on_copy_rib(self) -> None:
        if self._payment is not None:
            self._copy(self._payment.rib, self.ui.copyRibButton)  # digits only: banks want that

    @Slot()
    def _on_copy_reference(self) -> None:
        if self._payment is not None:
            self._copy(self._payment.reference, self.ui.copyReferenceButton)

    def _copy(self, text: str, button: QPushButton) -> None:
        QGuiApplication.clipboard().setText(text)
        self._reset_copy_buttons()
        button.setText(COPIED_FR)
        self._copied_timer.start()

    @Slot()
    def _reset_copy_buttons(self) -> None:
        self.ui.copyRibButton.setText(COPY_FR)
        self.ui.copyReferenceButton.setText(COPY_FR)

    # -- feedback -----------------------------------------------------------------------------
    def _busy(self, message: str) -> None:
        label = self.ui.rechargeBusyLabel
        label.setText(message)
        label.setVisible(True)
        self._show_error("")

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        ui = self.ui
        ui.rechargeRequestButton.setEnabled(self.can_request and not busy)
        ui.rechargeRefreshButton.setEnabled(self.service is not None and not busy)
        if not busy:
            ui.rechargeBusyLabel.setVisible(False)
        self._show_details(self.current_request())

    def _notice(self, message: str) -> None:
        self.ui.rechargeNoticeLabel.setText(message)
        self.ui.rechargeNoticeLabel.setVisible(True)

    def _show_error(self, message: str) -> None:
        self.ui.rechargeErrorLabel.setText(message)
        self.ui.rechargeErrorLabel.setVisible(bool(message))

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self._show_error(error_message(exc))

