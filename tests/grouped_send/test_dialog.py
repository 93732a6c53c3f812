"""The ten steps of COMM_GROUPEE_003 walked in the dialog, offline, on a real cache file.

Steps 1–2 (signed in, Communications tab) belong to the main window; from step 3 on:
type SMS by default → objective → template → clients ticked (nobody: everybody, said in
words) → preview on the right → « Modifier modèle » / « Sauvegarder » → « Envoyer », and
the source's advice: a test on 2–3 people, numbers checked before anything goes out.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.gui.grouped_send.client_model import COL_NAME
from sobrus_comm.gui.grouped_send.confirmation import SendConfirmationDialog
from sobrus_comm.gui.grouped_send.dialog import GroupedSendDialog
from sobrus_comm.gui.grouped_send.test_send import TestSendDialog
from sobrus_comm.services.send_planning import SendContext
from sobrus_comm.store.db import open_database
from tests.grouped_send.data import ASSISTANT, PHARMACY, PROMO, TODAY, make_clients

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def open_dialog(qtbot: QtBot, context: SendContext) -> GroupedSendDialog:
    dialog = GroupedSendDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.estimate() is not None or dialog.template() is None)
    return dialog


def confirm_dialog(qtbot: QtBot, dialog: GroupedSendDialog) -> SendConfirmationDialog:
    qtbot.waitUntil(lambda: dialog.confirmation is not None and dialog.confirmation.isVisible())
    assert dialog.confirmation is not None
    return dialog.confirmation


def choose_template(dialog: GroupedSendDialog, name: str) -> None:
    combo = dialog.ui.templateCombo
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(name))
    combo.setCurrentIndex(index)


def shot(widget: QDialog, name: str) -> None:
    """Kept for review: build/screenshots/*.png (offscreen rendering)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SCREENSHOTS / f"{name}.png"))


@pytest.fixture
def dialog(qtbot: QtBot, context: SendContext) -> GroupedSendDialog:
    return open_dialog(qtbot, context)


def test_opens_on_sms_with_the_two_objectives(dialog: GroupedSendDialog) -> None:
    ui = dialog.ui
    assert dialog.objectName() == "groupedSendDialog"
    assert dialog.windowTitle() == "Envoyer une communication groupée"
    assert ui.communicationTypeCombo.currentText() == "SMS"
    assert ui.communicationTypeCombo.count() == 1
    assert ui.objectiveBalanceReminder.text() == "Rappel de solde client"
    assert ui.objectiveCustomTemplate.text() == "Modèle personnalisé"
    assert ui.objectiveCustomTemplate.isChecked()
    assert ui.templateCombo.count() == 3
    assert ui.selectionCountLabel.text() == (
        "Aucun client sélectionné : envoi à tous les 60 clients de la liste")
    preview = ui.messagePreviewPane
    assert preview.preview_text().startswith("Bonjour ")
    assert "caractères" in preview.ui.segmentCounter.text()
    assert "SMS" in preview.ui.segmentCounter.text()
    cost = ui.sendCostLabel.text()
    assert "crédits" in cost and "solde : 2" in cost
    assert ui.sendButton.isEnabled() and ui.testSendButton.isEnabled()
    shot(dialog, "01-ouverture-modele-personnalise")


def test_balance_reminder_lists_only_debtors_with_a_threshold(
        dialog: GroupedSendDialog) -> None:
    ui = dialog.ui
    ui.objectiveBalanceReminder.click()
    assert [ui.templateCombo.itemText(i) for i in range(ui.templateCombo.count())] == [
        "Rappel de solde (service)"]
    assert ui.minBalanceSpin.isVisible()
    owing = [c for c in dialog.model.clients()]
    assert owing and all(c.balance_due > 0 for c in owing)
    ui.minBalanceSpin.setValue(100)
    assert all(c.balance_due > 100 for c in dialog.model.clients())
    assert len(dialog.model.clients()) < len(owing)
    assert "solde" in dialog.ui.messagePreviewPane.preview_text()
    assert "DH" in dialog.ui.messagePreviewPane.preview_text()
    shot(dialog, "02-rappel-de-solde")


def test_ticking_searching_and_check_all(dialog: GroupedSendDialog, qtbot: QtBot) -> None:
    ui = dialog.ui
    table = ui.clientList
    # Tick the first row with the mouse, on its check box.
    rect = table.visualRect(table.model().index(0, COL_NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.left() + 12, rect.center().y()))
    assert ui.selectionCountLabel.text() == "1 client sélectionné"

    qtbot.keyClicks(ui.clientSearch, "benali")
    assert dialog.model.rowCount() == 2
    assert "2 clients affichés sur 60" in ui.shownCountLabel.text()
    assert "affichés" in ui.checkAllButton.toolTip()
    ui.checkAllButton.click()
    assert ui.selectionCountLabel.text().startswith("3 clients sélectionnés (dont 1 masqué")
    ui.uncheckAllButton.click()
    assert ui.selectionCountLabel.text().startswith("1 client sélectionné")
    ui.clientSearch.clear()
    ui.clientSearch.setText("Hélène")  # accents: set, not typed (Qt testlib limitation)
    assert dialog.model.rowCount() > 0
    assert all("Hélène" in c.full_name for c in (
        dialog.model.client_at(r) for r in range(dialog.model.rowCount())) if c)


def test_preview_shows_the_highlighted_client(dialog: GroupedSendDialog) -> None:
    ui, pane = dialog.ui, dialog.ui.messagePreviewPane
    assert dialog.select_client(8)
    assert pane.preview_text().startswith("Bonjour Nadia, ")
    assert "Nadia Kettani (07 71 23 45 67)" in pane.ui.previewRecipientLabel.text()
    assert not ui.recipientNote.isVisible()
    dialog.select_client(4)  # no phone number: said before anything is sent
    assert ui.recipientNote.isVisible()
    assert "Numéro manquant" in ui.recipientNote.text()


def test_nobody_ticked_goes_to_everybody_and_can_be_cancelled(
        dialog: GroupedSendDialog, qtbot: QtBot, context: SendContext) -> None:
    choose_template(dialog, "Promotion")
    dialog.ui.sendButton.click()
    confirmation = confirm_dialog(qtbot, dialog)
    ui = confirmation.ui
    assert confirmation.objectName() == "sendConfirmationDialog"
    plan = confirmation.draft.plan
    assert ui.recipientCountLabel.text() == f"{plan.recipient_count} destinataires"
    assert "TOUS les 60 clients de la liste" in ui.scopeLabel.text()
    reasons = [confirmation.exclusions_model.index(r, 2).data()
               for r in range(confirmation.exclusions_model.rowCount())]
    assert "Numéro manquant" in reasons
    assert any(r.startswith("Numéro invalide") for r in reasons)
    assert any(r.startswith("Pas un numéro de mobile (fixe)") for r in reasons)
    assert "A refusé les SMS promotionnels" in reasons
    assert any(r.startswith("Numéro en double") for r in reasons)
    assert "Crédits nécessaires" in ui.creditsLabel.text()
    assert ui.cancelButton.isDefault() and ui.cancelButton.hasFocus()
    assert ui.confirmButton.isVisible() and not ui.confirmButton.isDefault()
    shot(confirmation, "03-confirmation-tous-les-clients")

    ui.cancelButton.click()
    qtbot.waitUntil(lambda: dialog.confirmation is None)
    assert dialog.isVisible()
    assert "aucun SMS n'est parti" in dialog.ui.statusLabel.text()
    assert context.db.outbox.unfinished() == []


def test_confirmed_send_goes_to_the_outbox_and_closes(
        dialog: GroupedSendDialog, qtbot: QtBot, context: SendContext) -> None:
    choose_template(dialog, "Commande disponible")
    for client_id in (1, 8):
        row = dialog.model.row_of(client_id)
        assert row is not None
        dialog.model.setData(dialog.model.index(row, COL_NAME), Qt.CheckState.Checked.value,
                             Qt.ItemDataRole.CheckStateRole)
    assert dialog.ui.selectionCountLabel.text() == "2 clients sélectionnés"
    dialog.ui.sendButton.click()
    confirmation = confirm_dialog(qtbot, dialog)
    assert "Aux 2 clients cochés" in confirmation.ui.scopeLabel.text()
    assert not confirmation.ui.exclusionsTable.isVisible()
    with qtbot.waitSignal(dialog.sig_campaign_queued) as queued:
        confirmation.ui.confirmButton.click()
    campaign_id, is_test = queued.args
    assert not is_test
    rows = context.db.outbox.rows(campaign_id)
    assert sorted(r.client_id for r in rows) == [1, 8]
    assert rows[0].text.startswith("Bonjour ")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_insufficient_credits_block_with_a_recharge_request(
        qtbot: QtBot, context: SendContext) -> None:
    dialog = open_dialog(qtbot, dataclasses.replace(context, credits=5))
    assert "Solde insuffisant" in dialog.ui.sendCostLabel.text()
    assert "Demander une recharge" in dialog.ui.sendCostLabel.text()
    dialog.ui.sendButton.click()
    confirmation = confirm_dialog(qtbot, dialog)
    ui = confirmation.ui
    assert confirmation.blocked and not ui.confirmButton.isVisible()
    assert "Solde SMS insuffisant" in ui.blockedLabel.text()
    assert "5 disponibles" in ui.blockedLabel.text()
    shot(confirmation, "04-confirmation-credits-insuffisants")
    with qtbot.waitSignal(dialog.sig_recharge_requested):
        ui.requestRechargeButton.click()
    qtbot.waitUntil(lambda: dialog.confirmation is None)
    assert context.db.outbox.unfinished() == []


def test_a_user_without_permission_sees_why(qtbot: QtBot, context: SendContext) -> None:
    dialog = open_dialog(qtbot, dataclasses.replace(context, user=ASSISTANT))
    ui = dialog.ui
    assert not ui.sendButton.isEnabled() and not ui.testSendButton.isEnabled()
    assert ui.permissionLabel.isVisible()
    assert "pas l'autorisation d'envoyer des SMS" in ui.permissionLabel.text()
    assert ui.sendButton.toolTip() == ui.permissionLabel.text()
    assert not ui.editTemplateButton.isEnabled()
    assert "modifier les modèles" in ui.editTemplateButton.toolTip()
    shot(dialog, "05-sans-autorisation")

    signed_out = open_dialog(qtbot, dataclasses.replace(context, user=None))
    assert "connectez-vous à Sobrus" in signed_out.ui.permissionLabel.text()
    assert not signed_out.ui.sendButton.isEnabled()


def test_no_template_configured_is_said(qtbot: QtBot, tmp_path: Path) -> None:
    db = open_database(tmp_path / "empty.sqlite3")
    db.clients.upsert_many(make_clients(5))
    try:
        dialog = open_dialog(qtbot, SendContext(db, ASSISTANT, PHARMACY, today=lambda: TODAY))
        assert dialog.ui.noticeLabel.isVisible()
        assert "Aucun modèle de message" in dialog.ui.noticeLabel.text()
        assert "Paramètres" in dialog.ui.noticeLabel.text()
        assert not dialog.ui.sendButton.isEnabled()
    finally:
        db.close()


def test_edit_then_save_the_template(dialog: GroupedSendDialog, qtbot: QtBot,
                                     context: SendContext) -> None:
    ui = dialog.ui
    choose_template(dialog, "Commande disponible")
    ui.editTemplateButton.click()
    editor = ui.templateBodyEditor
    assert ui.templateEditor.isVisible()
    assert not ui.sendButton.isEnabled()
    assert "Sauvegardez ou annulez" in ui.permissionLabel.text()

    editor.set_body("Bonjour {prenon}, ")
    assert not ui.saveTemplateButton.isEnabled()
    assert "Champ inconnu" in editor.ui.templateProblemsLabel.text()
    assert "{prenom}" in editor.ui.templateProblemsLabel.text()  # « Vouliez-vous dire … »

    editor.set_body("Bonjour ")
    editor.ui.templateBodyEdit.moveCursor(QTextCursor.MoveOperation.End)
    editor.ui.placeholderCombo.setCurrentIndex(editor.ui.placeholderCombo.findData("prenom"))
    editor.ui.insertPlaceholderButton.click()
    editor.ui.templateBodyEdit.insertPlainText(", votre commande vous attend à la {pharmacie}.")
    dialog.select_client(1)
    assert ui.messagePreviewPane.preview_text() == (
        "Bonjour Fatima Zahra, votre commande vous attend à la Pharmacie Al Amal.")
    assert ui.saveTemplateButton.isEnabled()
    shot(dialog, "06-modifier-modele")

    with qtbot.waitSignal(dialog.sig_templates_changed):
        ui.saveTemplateButton.click()
    assert not dialog.is_busy() and not ui.templateEditor.isVisible()
    assert "prochaine synchronisation" in ui.statusLabel.text()  # offline: kept, pushed later
    saved = next(t for t in context.db.templates.list_all() if t.name == "Commande disponible")
    assert saved.body == "Bonjour {prenom}, votre commande vous attend à la {pharmacie}."
    assert dialog.template() == saved
    assert ui.sendButton.isEnabled()


def test_unicode_characters_are_pointed_out_and_replaced_in_one_click(
        dialog: GroupedSendDialog) -> None:
    choose_template(dialog, "Promotion")
    pane = dialog.ui.messagePreviewPane.ui
    assert pane.unicodeFrame.isVisible()
    assert "« À »" in pane.unicodeHint.text()
    assert "Unicode" in pane.segmentCounter.text()
    shot(dialog, "07-caracteres-unicode")
    pane.replaceUnicodeButton.click()
    assert dialog.ui.templateEditor.isVisible()  # a change of the template: to save
    assert "A bientot" in dialog.body() or "A bientôt" in dialog.body()
    assert not pane.unicodeFrame.isVisible()
    assert "Unicode" not in pane.segmentCounter.text()
    assert dialog.body() != PROMO.body


def test_test_send_to_a_number_and_a_client(dialog: GroupedSendDialog, qtbot: QtBot,
                                            context: SendContext) -> None:
    choose_template(dialog, "Commande disponible")
    dialog.select_client(1)
    dialog.ui.testSendButton.click()
    qtbot.waitUntil(lambda: dialog.test_dialog is not None and dialog.test_dialog.isVisible())
    test_dialog: TestSendDialog = dialog.test_dialog  # type: ignore[assignment]
    assert test_dialog.objectName() == "testSendDialog"
    assert test_dialog.ui.samplePreview.toPlainText().startswith("Bonjour Fatima Zahra,")
    test_dialog.ui.testRecipient1.setText("n'importe quoi")
    test_dialog.ui.sendTestButton.click()
    assert "ni un numéro de mobile valide" in test_dialog.ui.problemsLabel.text()
    test_dialog.ui.testRecipient1.setText("06 61 00 00 01")
    test_dialog.ui.testRecipient2.setText("Nadia Kettani")
    shot(test_dialog, "08-envoyer-un-test")
    test_dialog.ui.sendTestButton.click()

    confirmation = confirm_dialog(qtbot, dialog)
    assert confirmation.windowTitle() == "Confirmer l'envoi de test"
    assert "Test uniquement" in confirmation.ui.scopeLabel.text()
    with qtbot.waitSignal(dialog.sig_campaign_queued) as queued:
        confirmation.ui.confirmButton.click()
    campaign_id, is_test = queued.args
    assert is_test
    rows = context.db.outbox.rows(campaign_id)
    assert {r.phone_e164 for r in rows} == {"+212661000001", "+212771234567"}
    assert {r.text.split(",")[0] for r in rows} == {"Bonjour Fatima Zahra", "Bonjour Nadia"}
    assert dialog.isVisible()  # the real send comes next
    assert "Test mis en file d'envoi vers 2 destinataires" in dialog.ui.statusLabel.text()


def test_a_reminder_offline_is_refused(dialog: GroupedSendDialog) -> None:
    dialog.ui.objectiveBalanceReminder.click()
    dialog.ui.sendButton.click()
    assert dialog.confirmation is None
    assert "Hors ligne" in dialog.ui.statusLabel.text()


def test_a_reminder_whose_balances_cannot_be_checked_is_not_sent(
        qtbot: QtBot, context: SendContext) -> None:
    # Nothing listens on port 9: the refresh fails at once, as when Sobrus is unreachable.
    def unreachable() -> SobrusApi:
        return SobrusApi("http://127.0.0.1:9", token="t", timeout=(0.5, 0.5), retries=0)

    dialog = open_dialog(qtbot, dataclasses.replace(context, make_api=unreachable))
    dialog.ui.objectiveBalanceReminder.click()
    dialog.ui.sendButton.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert dialog.confirmation is None
    assert "injoignable" in dialog.ui.statusLabel.text()
    assert dialog.ui.sendButton.isEnabled()
    assert context.db.outbox.unfinished() == []
