"""The settings dialog against the real sandbox: a recharge from request to activation, a
request cancelled before it was paid, and a template edited here and on the server at once
(pushed by the real sync worker)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QThread, QThreadPool, Signal, Slot
from PySide6.QtGui import QGuiApplication, QTextCursor
from pytestqt.qtbot import QtBot

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.results import RechargeStatus
from sobrus_comm.backend.sandbox.server import RunningSandbox
from sobrus_comm.domain.languages import Language
from sobrus_comm.gui.settings import SettingsContext, SettingsDialog
from sobrus_comm.gui.settings.recharge_model import COL_STATUS
from sobrus_comm.gui.settings.recharge_section import CANCEL_TITLE_FR, RechargeSection
from sobrus_comm.services.preferences import K_PHARMACY, MemoryStore, PreferencesService
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store import Database
from sobrus_comm.store.templates import LocalState
from sobrus_comm.workers.sync_worker import SyncWorker

TIMEOUT_MS = 15_000


def answer_yes(_title: str, _text: str) -> bool:
    return True


@pytest.fixture
def online_dialog(qtbot: QtBot, db: Database, api: SobrusApi,
                  sandbox: RunningSandbox) -> Iterator[Callable[[], SettingsDialog]]:
    SyncService(api, db).sync()  # the cache as the app has it after its first sync
    me = api.me()

    def make() -> SettingsDialog:
        own_api = SobrusApi(sandbox.base_url, api.token, retries=0)  # one client per thread
        ctx = SettingsContext(
            db=db, preferences=PreferencesService(MemoryStore({K_PHARMACY: me.pharmacy_name})),
            user=me.user, api=own_api, server_url=sandbox.base_url)
        dialog = SettingsDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.templates.ask = answer_yes  # no modal question left open at teardown
        with qtbot.waitSignal(dialog.sig_ready, timeout=TIMEOUT_MS):
            dialog.show()
        return dialog

    yield make
    QThreadPool.globalInstance().waitForDone(TIMEOUT_MS)


def _wait_idle(qtbot: QtBot, dialog: SettingsDialog) -> None:
    qtbot.waitSignal(dialog.api_jobs.sig_busy_changed, timeout=TIMEOUT_MS,
                     check_params_cb=lambda busy: not busy).wait()


def test_recharge_request_end_to_end(online_dialog: Callable[[], SettingsDialog],
                                     qtbot: QtBot, sandbox: RunningSandbox, db: Database,
                                     tmp_path: Path, proof_pdf: Path) -> None:
    dialog = online_dialog()
    ui, section = dialog.ui, dialog.recharge
    dialog.show_section("recharge")
    assert section.model.rowCount() == 1  # the seeded, long-activated request
    before = db.balance.get().credits
    assert ui.smsBalanceValue.text() == str(before)

    # « Demander une recharge »: the packs come from the backend, in a worker.
    with qtbot.waitSignal(dialog.api_jobs.sig_busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(ui.rechargeRequestButton, Qt.MouseButton.LeftButton)
        assert not ui.rechargeRequestButton.isEnabled()  # while the call runs
        assert ui.rechargeBusyLabel.text() == "Chargement des packs proposés…"
    packs = section.pack_dialog
    assert packs is not None and packs.ui.packsList.count() == 4
    assert "Pack 1 000 SMS — 1\u202f000 SMS pour 450,00\u00a0DH (0,45\u00a0DH / SMS)" in [
        packs.ui.packsList.item(i).text() for i in range(4)]
    packs.select_pack(2)
    with qtbot.waitSignal(dialog.api_jobs.sig_busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        packs.accept()
    request = section.current_request()
    assert request is not None and request.status == RechargeStatus.REQUESTED
    assert section.model.rowCount() == 2
    assert "SMS-000002" in ui.rechargeNoticeLabel.text()
    assert "<b>Demande envoyée</b>" in ui.rechargeStepsLabel.text()

    # What to transfer, where, and under which label; the RIB grouped 3-3-16-2 for reading.
    assert ui.transferBox.isVisible()
    assert ui.transferInstructionsLabel.text() == (
        "Effectuez un virement de <b>450,00\u00a0DH</b> à :")
    assert ui.transferHolderValue.text() == "Sobrus SARL"
    assert ui.transferBankValue.text() == "Banque Populaire (bac à sable)"
    assert ui.transferRibValue.text() == "190 780 0000123456789012 85".replace(" ", "\u00a0")
    assert ui.transferIbanValue.text().startswith("MA64\u00a01907\u00a08000")
    assert ui.transferReferenceValue.text() == "SMS-000002"
    assert ui.transferNextStepLabel.text().startswith("Puis joignez l'avis de virement")
    # « Copier »: the RIB without spaces (as banks' forms want it), then the label.
    clipboard = QGuiApplication.clipboard()
    qtbot.mouseClick(ui.copyRibButton, Qt.MouseButton.LeftButton)
    assert clipboard.text() == "190780000012345678901285"
    assert ui.copyRibButton.text() == "✓ Copié"
    qtbot.mouseClick(ui.copyReferenceButton, Qt.MouseButton.LeftButton)
    assert clipboard.text() == "SMS-000002"
    assert (ui.copyRibButton.text(), ui.copyReferenceButton.text()) == ("Copier", "✓ Copié")

    # A wrong file is refused at once, without any upload.
    wrong = tmp_path / "virement.pdf"
    wrong.write_bytes(b"GIF89a not a pdf")
    section.pick_file = lambda: wrong
    qtbot.mouseClick(ui.attachProofButton, Qt.MouseButton.LeftButton)
    assert "n'est pas un PDF, un JPEG ou un PNG" in ui.rechargeErrorLabel.text()
    assert not dialog.api_jobs.busy

    section.pick_file = lambda: proof_pdf
    with qtbot.waitSignal(dialog.api_jobs.sig_busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(ui.attachProofButton, Qt.MouseButton.LeftButton)
    assert "avis-de-virement.pdf" in ui.proofStatusLabel.text()
    assert section.current_request().proof is not None
    assert ui.transferNextStepLabel.text() == (  # still to pay, nothing left to attach
        "Le pack est activé dès que le paiement est réceptionné.")

    # The sales team (sandbox endpoint) receives the payment: the sync shows it.
    sandbox.control.advance_recharge(request.id, "payment_received")
    with qtbot.waitSignal(section.sig_loaded, timeout=TIMEOUT_MS):
        section.refresh()
    assert section.current_request().status == RechargeStatus.PAYMENT_RECEIVED
    assert "<b>Paiement reçu</b>" in ui.rechargeStepsLabel.text()
    assert not ui.transferBox.isVisible()  # paid: no more transfer instructions

    # … and activates the pack: the balance rises and the user is told.
    sandbox.control.advance_recharge(request.id, "activated")
    with qtbot.waitSignal(dialog.sig_balance_changed, timeout=TIMEOUT_MS) as balance, \
            qtbot.waitSignal(dialog.sig_recharge_activated, timeout=TIMEOUT_MS) as told:
        qtbot.mouseClick(ui.rechargeRefreshButton, Qt.MouseButton.LeftButton)
    assert balance.args == [before + 1000]
    assert told.args == [ui.rechargeNoticeLabel.text()]
    assert ui.rechargeNoticeLabel.text() == (
        "Pack 1 000 SMS a été activé. Nouveau solde : "
        f"{before + 1000:,} SMS.".replace(",", "\u202f"))
    assert db.balance.get().credits == before + 1000
    assert ui.smsBalanceValue.text() == f"{before + 1000:,}".replace(",", "\u202f")
    assert section.model.index(section.model.row_of(request.id), 4).data() == "Activé"


def test_activation_announced_after_the_dialog_is_closed(
        online_dialog: Callable[[], SettingsDialog], qtbot: QtBot, api: SobrusApi,
        sandbox: RunningSandbox, proof_pdf: Path) -> None:
    dialog = online_dialog()
    section = dialog.recharge
    request = api.create_recharge_request(1)  # made on another workstation
    api.upload_transfer_proof(request.id, proof_pdf)
    with qtbot.waitSignal(section.sig_loaded, timeout=TIMEOUT_MS):
        section.refresh()
    assert section.has_open_request()
    dialog.reject()
    assert not dialog.isVisible() and section.timer.isActive()  # still watching

    sandbox.control.advance_recharge(request.id, "activated")
    with qtbot.waitSignal(dialog.sig_recharge_activated, timeout=TIMEOUT_MS) as told:
        section.timer.timeout.emit()  # the next poll, without waiting 30 s
    assert told.args[0].startswith("Pack 500 SMS a été activé.")
    assert not section.timer.isActive()  # nothing left to watch


class AskRecorder:
    """Stands for the confirmation box: answers ``answer`` and keeps what was asked."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def __call__(self, title: str, text: str) -> bool:
        self.asked.append((title, text))
        return self.answer


def _status_shown(section: RechargeSection, request_id: int) -> str:
    return section.model.index(section.model.row_of(request_id), COL_STATUS).data()


def _show_request(qtbot: QtBot, section: RechargeSection, request_id: int) -> None:
    """Refresh (the request was made or moved on elsewhere), then select its row."""
    with qtbot.waitSignal(section.sig_loaded, timeout=TIMEOUT_MS):
        section.refresh()
    section.ui.rechargeRequestsTable.selectRow(section.model.row_of(request_id))
    current = section.current_request()
    assert current is not None and current.id == request_id


def test_cancel_unpaid_request(online_dialog: Callable[[], SettingsDialog], qtbot: QtBot,
                               api: SobrusApi) -> None:
    dialog = online_dialog()
    ui, section = dialog.ui, dialog.recharge
    dialog.show_section("recharge")
    request = api.create_recharge_request(2)  # « Pack 1 000 SMS », 450 DH
    _show_request(qtbot, section, request.id)
    button = ui.cancelRechargeButton
    # Enabled once the dialog's backend calls are idle (a refresh may still be running).
    qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=TIMEOUT_MS)
    assert button.text() == "Annuler la demande"

    # « Non »: nothing is sent.
    section.ask = no = AskRecorder(False)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert no.asked == [(CANCEL_TITLE_FR,
                         "Annuler la demande SMS-000002 (pack 1\u202f000 SMS, 450,00\u00a0DH) ? "
                         "Si vous avez déjà fait le virement, n'annulez pas : joignez plutôt "
                         "l'avis de virement.")]
    assert not dialog.api_jobs.busy
    assert api.recharge_request(request.id).status == RechargeStatus.REQUESTED

    # « Oui »: cancelled on the backend, off the GUI thread, and the list says so.
    section.ask = AskRecorder(True)
    with qtbot.waitSignal(dialog.api_jobs.sig_busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert ui.rechargeBusyLabel.text() == "Annulation de la demande SMS-000002…"
        assert not button.isEnabled()  # while the call runs
    assert api.recharge_request(request.id).status == RechargeStatus.CANCELLED
    assert _status_shown(section, request.id) == "Annulée"
    assert section.current_request().status == RechargeStatus.CANCELLED
    assert ui.rechargeNoticeLabel.text() == "Demande SMS-000002 annulée."
    assert not ui.rechargeErrorLabel.isVisible()
    assert "Demande annulée." in ui.rechargeStepsLabel.text()
    assert not ui.transferBox.isVisible() and not ui.attachProofButton.isVisible()
    assert not button.isEnabled()
    assert button.toolTip() == "Cette demande est déjà annulée."
    assert not section.has_open_request()  # nothing left to poll for once closed

    # The next poll keeps it cancelled (the tracker's cursor saw the change).
    with qtbot.waitSignal(section.sig_loaded, timeout=TIMEOUT_MS):
        section.refresh()
    assert _status_shown(section, request.id) == "Annulée"
    assert not button.isEnabled()


def test_cancel_disabled_once_paid(online_dialog: Callable[[], SettingsDialog], qtbot: QtBot,
                                   api: SobrusApi, sandbox: RunningSandbox,
                                   proof_pdf: Path) -> None:
    dialog = online_dialog()
    ui, section = dialog.ui, dialog.recharge
    dialog.show_section("recharge")
    button = ui.cancelRechargeButton
    section.ask = asked = AskRecorder(True)
    seeded = section.current_request()  # the seeded, long-activated request
    assert seeded is not None and seeded.status == RechargeStatus.ACTIVATED
    assert not button.isEnabled()
    assert button.toolTip() == "Seule une demande pas encore payée peut être annulée."

    request = api.create_recharge_request(1)
    api.upload_transfer_proof(request.id, proof_pdf)
    sandbox.control.advance_recharge(request.id)  # awaiting payment: still cancellable
    _show_request(qtbot, section, request.id)
    assert section.current_request().status == RechargeStatus.AWAITING_PAYMENT
    assert button.isEnabled()

    sandbox.control.advance_recharge(request.id, "payment_received")
    _show_request(qtbot, section, request.id)
    assert not button.isEnabled()
    sandbox.control.advance_recharge(request.id, "activated")
    _show_request(qtbot, section, request.id)
    assert not button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked.asked == [] and not dialog.api_jobs.busy


def test_cancel_refused_when_paid_meanwhile(online_dialog: Callable[[], SettingsDialog],
                                            qtbot: QtBot, api: SobrusApi,
                                            sandbox: RunningSandbox) -> None:
    dialog = online_dialog()
    ui, section = dialog.ui, dialog.recharge
    dialog.show_section("recharge")
    request = api.create_recharge_request(2)
    _show_request(qtbot, section, request.id)
    assert ui.cancelRechargeButton.isEnabled()
    # The sales team receives the transfer before the next poll has shown it.
    sandbox.control.advance_recharge(request.id, "payment_received")

    section.ask = AskRecorder(True)
    with qtbot.waitSignal(dialog.api_jobs.sig_busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(ui.cancelRechargeButton, Qt.MouseButton.LeftButton)
    assert ui.rechargeErrorLabel.isVisible()
    assert ui.rechargeErrorLabel.text() == (
        "La demande SMS-000002 ne peut plus être annulée : le service commercial a déjà reçu "
        "le paiement. Le pack sera activé sous peu.")
    # The refusal carried the request's state: shown at once, without waiting for a poll.
    assert _status_shown(section, request.id) == "Paiement reçu"
    assert section.current_request().status == RechargeStatus.PAYMENT_RECEIVED
    assert "<b>Paiement reçu</b>" in ui.rechargeStepsLabel.text()
    assert not ui.cancelRechargeButton.isEnabled()
    assert api.recharge_request(request.id).status == RechargeStatus.PAYMENT_RECEIVED


class SyncedProbe(QObject):
    """Re-emits the worker's ``sig_synced`` on the GUI thread, after the dialog got it
    (pytest-qt's blockers must not be triggered from the worker's thread)."""

    sig_synced = Signal()

    @Slot(object)
    def on_synced(self, _report: object) -> None:
        self.sig_synced.emit()


@pytest.fixture
def sync_worker(db: Database, api: SobrusApi,
                sandbox: RunningSandbox) -> Iterator[tuple[SyncWorker, QThread]]:
    """The app's sync worker, not started; the test keeps it (no deleteLater)."""
    token = api.token

    def make_api() -> SobrusApi:  # called in the worker's thread: one client per thread
        return SobrusApi(sandbox.base_url, token, retries=0)

    worker = SyncWorker(db, make_api)
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)  # its loop; stop() ends it, then the thread quits
    yield worker, thread
    worker.stop()
    thread.quit()
    assert thread.wait(TIMEOUT_MS)


def test_template_conflict_through_the_sync_worker(
        online_dialog: Callable[[], SettingsDialog], qtbot: QtBot, sandbox: RunningSandbox,
        api: SobrusApi, db: Database, sync_worker: tuple[SyncWorker, QThread]) -> None:
    dialog = online_dialog()
    ui = dialog.ui
    worker, thread = sync_worker
    dialog.connect_sync_worker(worker)
    probe = SyncedProbe()
    worker.sig_synced.connect(probe.on_synced)  # queued after the dialog's own slot
    with qtbot.waitSignal(probe.sig_synced, timeout=TIMEOUT_MS):
        thread.start()

    # Here: the pharmacist edits « Commande disponible ».
    lst = ui.templatesList
    lst.setCurrentRow(next(i for i in range(lst.count())
                           if lst.item(i).text() == "Commande disponible"))
    template = db.templates.get(lst.currentItem().data(Qt.ItemDataRole.UserRole))
    # Meanwhile, on another workstation, a colleague saves the same template.
    colleague = api.update_template(
        template.__class__(template.id, template.name, "Votre commande est prête !",
                           template.category, template.version))
    ours = "Bonjour {prenom}, votre commande vous attend à la pharmacie {pharmacie}."
    ui.templateBodyEditor.set_body(ours)
    with qtbot.waitSignal(probe.sig_synced, timeout=TIMEOUT_MS):
        qtbot.mouseClick(ui.templateSaveButton, Qt.MouseButton.LeftButton)

    # Nothing overwritten: both versions are shown, the user chooses.
    assert db.templates.states()[template.id] == LocalState.CONFLICT
    qtbot.waitUntil(ui.templateConflictFrame.isVisible)  # the list is read off the GUI thread
    assert ui.templateConflictFrame.isVisible()
    assert "Votre commande est prête !" in ui.templateConflictRemoteText.toPlainText()
    assert "Commande disponible (conflit)" in [lst.item(i).text() for i in range(lst.count())]
    assert "Conflit sur « Commande disponible »" in ui.templateErrorLabel.text()
    assert not ui.templateSaveButton.isEnabled()

    with qtbot.waitSignal(probe.sig_synced, timeout=TIMEOUT_MS):
        qtbot.mouseClick(ui.keepLocalButton, Qt.MouseButton.LeftButton)
    server = api.template(template.id)
    assert server.body == ours and server.version == colleague.version + 1
    assert template.id not in db.templates.states()  # in sync again
    # The list is read again off the GUI thread after the sync.
    qtbot.waitUntil(lambda: ui.templateStateLabel.text() == "Sauvegardé sur le serveur Sobrus.")
    assert not ui.templateConflictFrame.isVisible()
    assert ui.templateStateLabel.text() == "Sauvegardé sur le serveur Sobrus."


def test_arabic_text_with_a_placeholder_saved_in_parametres_reaches_sobrus(
        online_dialog: Callable[[], SettingsDialog], qtbot: QtBot, api: SobrusApi,
        db: Database, sync_worker: tuple[SyncWorker, QThread]) -> None:
    dialog = online_dialog()
    ui = dialog.ui
    worker, thread = sync_worker
    dialog.connect_sync_worker(worker)
    probe = SyncedProbe()
    worker.sig_synced.connect(probe.on_synced)
    with qtbot.waitSignal(probe.sig_synced, timeout=TIMEOUT_MS):
        thread.start()

    lst = ui.templatesList
    lst.setCurrentRow(next(i for i in range(lst.count())
                           if lst.item(i).text() == "Vaccination antigrippale"))
    template_id = lst.currentItem().data(Qt.ItemDataRole.UserRole)
    editor = ui.templateBodyEditor
    editor.show_language(Language.ARABIC)
    arabic = editor.ui.templateBodyArEdit
    arabic.setPlainText("انطلقت حملة التلقيح في صيدلية ")  # set, not typed (keyClicks aborts)
    arabic.moveCursor(QTextCursor.MoveOperation.End)
    editor.ui.placeholderCombo.setCurrentIndex(editor.ui.placeholderCombo.findData("pharmacie"))
    qtbot.mouseClick(editor.ui.insertPlaceholderButton, Qt.MouseButton.LeftButton)
    expected = "انطلقت حملة التلقيح في صيدلية {pharmacie}"
    assert editor.body_ar() == expected
    # The preview shows the Arabic reader's message beside the French one, right to left.
    preview = ui.templateMessagePreview
    assert preview.ui.secondPreviewColumn.isVisible()
    assert preview.second_text().startswith("انطلقت حملة التلقيح في صيدلية")
    assert preview.ui.secondMessagePreview.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert preview.ui.secondSegmentCounter.text().startswith("Arabe (Unicode)")

    with qtbot.waitSignal(probe.sig_synced, timeout=TIMEOUT_MS):
        qtbot.mouseClick(ui.templateSaveButton, Qt.MouseButton.LeftButton)
    server = api.template(template_id)
    assert server.body_ar == expected and "{pharmacie}" in server.body
    assert db.templates.get(template_id).body_ar == expected
