"""The settings dialog driven as a pharmacist would: templates, permissions, preferences,
account. (Recharge and sync conflicts against the sandbox: test_settings_online.py.)"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time
from decimal import Decimal
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from sobrus_comm.backend.results import Pack, RechargeRequest, RechargeStatus
from sobrus_comm.domain.models import Permission, Template, TemplateCategory, User
from sobrus_comm.domain.quiet_hours import QuietHoursRules
from sobrus_comm.gui.settings import QSettingsStore, SettingsContext, SettingsDialog
from sobrus_comm.gui.settings.recharge_model import RechargeRequestsModel
from sobrus_comm.gui.settings.recharge_section import CANCEL_TITLE_FR, cancel_confirmation_box
from sobrus_comm.gui.settings.templates_section import ID_ROLE
from sobrus_comm.services.preferences import (
    K_PHARMACY,
    K_QUIET_DAYS,
    K_SYNC,
    MemoryStore,
    Preferences,
    PreferencesService,
)
from sobrus_comm.services.sync import SyncReport
from sobrus_comm.store import Database
from sobrus_comm.store.templates import LocalState

PHARMACIST = User(1, "pharmacien", "Dr Samira Alaoui",
                  frozenset({Permission.SEND_SMS, Permission.MANAGE_TEMPLATES,
                             Permission.REQUEST_RECHARGE}))
ASSISTANT = User(2, "assistant", "Youssef Bennani", frozenset())
REMINDER = Template(1, "Rappel de solde",
                    "Bonjour {prenom}, votre solde à la pharmacie {pharmacie} est de {solde}.",
                    TemplateCategory.TRANSACTIONAL, 3)


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore({K_PHARMACY: "Al Amal"})


@pytest.fixture
def make_dialog(qtbot: QtBot, db: Database,
                store: MemoryStore) -> Iterator[Callable[..., SettingsDialog]]:
    db.templates.apply_remote([REMINDER])
    db.balance.set(80, datetime(2026, 5, 4, 8, 30, tzinfo=UTC))

    def make(user: User | None = PHARMACIST, **options: object) -> SettingsDialog:
        ctx = SettingsContext(db=db, preferences=PreferencesService(store), user=user,
                              server_url="https://api.sobrus.example", **options)  # type: ignore[arg-type]
        dialog = SettingsDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.templates.ask = answer_yes  # no modal question left open at teardown
        with qtbot.waitSignal(dialog.sig_ready, timeout=10_000):
            dialog.show()
        return dialog

    yield make
    QThreadPool.globalInstance().waitForDone(10_000)


def answer_yes(_title: str, _text: str) -> bool:
    return True


def _names(dialog: SettingsDialog) -> list[str]:
    lst = dialog.ui.templatesList
    return [lst.item(i).text() for i in range(lst.count())]


def _select(dialog: SettingsDialog, name: str) -> None:
    lst = dialog.ui.templatesList
    row = next(i for i in range(lst.count()) if lst.item(i).text().startswith(name))
    lst.setCurrentRow(row)


def test_tabs_and_object_names(make_dialog: Callable[..., SettingsDialog]) -> None:
    dialog = make_dialog()
    tabs = dialog.ui.settingsTabs
    assert dialog.objectName() == "settingsDialog"
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Modèles de message", "Solde SMS", "Crédits", "Recharge", "Compte", "Général"]
    for name in ("templatesList", "smsBalanceValue", "rechargeRequestButton"):
        assert dialog.findChild(object, name) is not None, name
    dialog.show_section("recharge")
    assert tabs.currentWidget() is dialog.ui.rechargeTab


def test_template_create_edit_delete_with_validation(
        make_dialog: Callable[..., SettingsDialog], db: Database, qtbot: QtBot) -> None:
    dialog = make_dialog()
    ui, section = dialog.ui, dialog.templates
    asked: list[str] = []

    def answer_yes(title: str, text: str) -> bool:
        asked.append(text)
        return True

    section.ask = answer_yes
    assert _names(dialog) == ["Rappel de solde"]
    assert "Sauvegardé sur le serveur" in ui.templateStateLabel.text()

    # « Nouveau »: a draft, its name selected for typing, nothing to save yet.
    qtbot.mouseClick(ui.templateNewButton, Qt.MouseButton.LeftButton)
    assert _names(dialog)[0] == "Nouveau modèle (non sauvegardé)"
    assert ui.templateNameEdit.hasSelectedText()
    assert not ui.templateSaveButton.isEnabled()

    editor = ui.templateBodyEditor
    editor.set_body("Bonjour {prenon}, -20 % sur les crèmes solaires !")
    problems = editor.ui.templateProblemsLabel
    assert problems.isVisible()
    assert "Champ inconnu : {prenon}. Vouliez-vous dire {prenom} ?" in problems.text()
    assert not ui.templateSaveButton.isEnabled()
    assert "Corrigez le modèle" in ui.templateMessagePreview.ui.previewRecipientLabel.text()

    editor.set_body("Bonjour {prenom}, -20 % sur les crèmes solaires à la pharmacie ")
    editor.ui.templateBodyEdit.moveCursor(editor.ui.templateBodyEdit.textCursor().MoveOperation.End)
    combo = editor.ui.placeholderCombo
    combo.setCurrentIndex(combo.findData("pharmacie"))
    qtbot.mouseClick(editor.ui.insertPlaceholderButton, Qt.MouseButton.LeftButton)
    assert editor.body().endswith("à la pharmacie {pharmacie}")
    assert not problems.isVisible()
    preview = ui.templateMessagePreview.preview_text()
    assert preview.startswith("Bonjour ") and preview.endswith("à la pharmacie Al Amal")
    assert "SMS par client" in ui.templateMessagePreview.ui.segmentCounter.text()

    # A name already taken is refused, in French.
    ui.templateNameEdit.setText("rappel de solde")
    ui.templateNameEdit.textEdited.emit("rappel de solde")
    qtbot.mouseClick(ui.templateSaveButton, Qt.MouseButton.LeftButton)
    assert "Un modèle s'appelle déjà « rappel de solde »" in ui.templateErrorLabel.text()

    ui.templateNameEdit.setText("Promo  été")
    ui.templateNameEdit.textEdited.emit("Promo  été")
    ui.templateCategoryCombo.setCurrentIndex(ui.templateCategoryCombo.findData("promotional"))
    assert "jamais envoyé aux clients qui ont refusé" in ui.templateCategoryHint.text()
    with qtbot.waitSignal(section.sig_reloaded):  # saved off the GUI thread, list read again
        qtbot.mouseClick(ui.templateSaveButton, Qt.MouseButton.LeftButton)
    created = next(t for t in db.templates.list_all() if t.name == "Promo été")
    assert created.category == TemplateCategory.PROMOTIONAL and created.id < 0
    assert db.templates.states()[created.id] == LocalState.CREATED
    assert "Promo été (à synchroniser)" in _names(dialog)
    assert "Sauvegardé sur ce poste" in ui.templateStateLabel.text()

    # « Renommer » puts the cursor in the name; saving keeps the body.
    qtbot.mouseClick(ui.templateRenameButton, Qt.MouseButton.LeftButton)
    assert ui.templateNameEdit.hasFocus() and ui.templateNameEdit.selectedText() == "Promo été"
    ui.templateNameEdit.setText("Promo d'été")
    ui.templateNameEdit.textEdited.emit("Promo d'été")
    with qtbot.waitSignal(section.sig_reloaded):
        qtbot.mouseClick(ui.templateSaveButton, Qt.MouseButton.LeftButton)
    assert db.templates.get(created.id).name == "Promo d'été"

    with qtbot.waitSignal(section.sig_reloaded):
        qtbot.mouseClick(ui.templateDuplicateButton, Qt.MouseButton.LeftButton)
    copy = next(t for t in db.templates.list_all() if t.name == "Copie de Promo d'été")
    assert copy.body == db.templates.get(created.id).body
    assert ui.templatesList.currentItem().data(ID_ROLE) == copy.id

    # Unsaved changes are not lost by a click elsewhere without asking.
    editor.set_body(editor.body() + " Offre limitée.")
    section.ask = lambda title, text: False  # « Non »: stay
    _select(dialog, "Rappel de solde")
    assert ui.templatesList.currentItem().data(ID_ROLE) == copy.id
    section.ask = answer_yes
    qtbot.mouseClick(ui.templateRevertButton, Qt.MouseButton.LeftButton)
    assert not editor.body().endswith("Offre limitée.")

    with qtbot.waitSignal(section.sig_reloaded):
        qtbot.mouseClick(ui.templateDeleteButton, Qt.MouseButton.LeftButton)
    assert "Supprimer le modèle « Copie de Promo d'été » ?" in asked[-1]
    assert db.templates.get(copy.id) is None  # never pushed: simply gone
    _select(dialog, "Rappel de solde")
    with qtbot.waitSignal(section.sig_reloaded):
        qtbot.mouseClick(ui.templateDeleteButton, Qt.MouseButton.LeftButton)
    assert db.templates.states()[REMINDER.id] == LocalState.DELETED  # to push
    assert [n.split(" (")[0] for n in _names(dialog)] == ["Promo d'été"]


def test_closing_with_unsaved_edits_asks_first(
        make_dialog: Callable[..., SettingsDialog], qtbot: QtBot) -> None:
    dialog = make_dialog()
    questions: list[str] = []

    def refuse(_title: str, text: str) -> bool:
        questions.append(text)
        return False

    dialog.templates.ask = refuse
    dialog.ui.templateBodyEditor.set_body("Bonjour {prenom}.")
    qtbot.mouseClick(dialog.ui.buttonBox.buttons()[0], Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Fermer quand même ?" in questions[-1]
    assert dialog.ui.buttonBox.buttons()[0].text() == "Fermer"
    dialog.templates.ask = answer_yes
    dialog.reject()
    assert not dialog.isVisible()


def test_unicode_characters_replaced_on_request(
        make_dialog: Callable[..., SettingsDialog], qtbot: QtBot) -> None:
    dialog = make_dialog()
    editor, preview = dialog.ui.templateBodyEditor, dialog.ui.templateMessagePreview
    editor.set_body("Bonjour {prenom}, c’est prêt à la pharmacie {pharmacie}.")
    assert preview.ui.unicodeFrame.isVisible()
    assert "« ’ », « ê »" in preview.ui.unicodeHint.text()
    assert "Unicode" in preview.ui.segmentCounter.text()
    qtbot.mouseClick(preview.ui.replaceUnicodeButton, Qt.MouseButton.LeftButton)
    assert editor.body() == "Bonjour {prenom}, c'est pret à la pharmacie {pharmacie}."
    assert not preview.ui.unicodeFrame.isVisible()


@pytest.mark.parametrize(("user", "expected"), [
    (ASSISTANT, "Le compte de Youssef Bennani n'a pas l'autorisation de gérer les modèles"),
    (None, "Connectez-vous avec un compte autorisé"),
])
def test_permission_gating(make_dialog: Callable[..., SettingsDialog], user: User | None,
                           expected: str) -> None:
    dialog = make_dialog(user=user)
    ui = dialog.ui
    assert ui.templatesPermissionLabel.isVisible()
    assert expected in ui.templatesPermissionLabel.text()
    for button in (ui.templateNewButton, ui.templateDuplicateButton, ui.templateRenameButton,
                   ui.templateDeleteButton, ui.templateSaveButton):
        assert not button.isEnabled()
    assert ui.templateBodyEditor.ui.templateBodyEdit.isReadOnly()
    assert ui.templatesList.count() == 1  # still readable
    assert not ui.rechargeRequestButton.isEnabled()
    assert not ui.cancelRechargeButton.isEnabled()
    assert ui.rechargeErrorLabel.text()
    if user is None:
        assert not ui.logoutButton.isEnabled()
        assert ui.userValueLabel.text() == "Non connecté"
    else:
        assert "✘ Gérer les modèles de message" in ui.permissionsLabel.text()


def test_offline_recharge_explained(make_dialog: Callable[..., SettingsDialog]) -> None:
    dialog = make_dialog()  # the pharmacist, but no API: offline
    ui = dialog.ui
    assert not ui.rechargeRequestButton.isEnabled()
    assert ui.rechargeErrorLabel.text().startswith("Hors ligne")
    assert not ui.refreshBalanceButton.isEnabled()


def test_balance_threshold_and_general_preferences(
        make_dialog: Callable[..., SettingsDialog], store: MemoryStore, qtbot: QtBot) -> None:
    dialog = make_dialog()
    ui = dialog.ui
    dialog.show_section("balance")
    assert ui.smsBalanceValue.text() == "80"
    assert ui.smsBalanceUpdatedLabel.text().startswith("Mis à jour le 04/05/2026 à ")
    assert ui.lowBalanceWarningLabel.isVisible()  # 80 < 100 (default threshold)
    with qtbot.waitSignal(dialog.sig_preferences_changed) as changed:
        ui.lowBalanceThresholdSpin.setValue(50)
    assert changed.args[0].low_balance_threshold == 50
    assert not ui.lowBalanceWarningLabel.isVisible()
    assert len(ui.usageChart.usage()) == 12

    ui.pharmacyNameEdit.setText("  Pharmacie  Atlas ")
    with qtbot.waitSignal(dialog.sig_preferences_changed):
        ui.pharmacyNameEdit.editingFinished.emit()
    assert store.values[K_PHARMACY] == "Pharmacie Atlas"
    ui.syncIntervalSpin.setValue(15)
    assert store.values[K_SYNC] == "15"
    # The preview follows the pharmacy name.
    ui.templateBodyEditor.set_body("À bientôt à la pharmacie {pharmacie}.")
    assert ui.templateMessagePreview.preview_text().endswith("pharmacie Pharmacie Atlas.")
    dialog.show_section("general")

    assert "de 20:00 à 09:00 et le dimanche" in ui.quietHoursHint.text()
    ui.quietDay5.setChecked(True)
    assert store.values[K_QUIET_DAYS] == "5,6"
    for box in (ui.quietDay0, ui.quietDay1, ui.quietDay2, ui.quietDay3, ui.quietDay4):
        box.setChecked(True)
    assert ui.generalErrorLabel.isVisible()
    assert "Au moins un jour" in ui.generalErrorLabel.text()
    assert store.values[K_QUIET_DAYS] == "0,1,2,3,5,6"  # the last, refused change not kept
    ui.quietHoursEnabledCheck.setChecked(False)  # no quiet hours at all: allowed
    assert not ui.generalErrorLabel.isVisible()
    assert not ui.quietStartEdit.isEnabled()


def test_logout_removes_credentials_and_switch_user(
        make_dialog: Callable[..., SettingsDialog], qtbot: QtBot) -> None:
    keyring.set_password("sobrus-comm", "pharmacien", "secret")

    def forget() -> None:
        keyring.delete_password("sobrus-comm", "pharmacien")

    dialog = make_dialog(forget_credentials=forget)
    ui = dialog.ui
    assert "Dr Samira Alaoui (pharmacien)" in ui.userValueLabel.text()
    assert ui.serverValueLabel.text() == "https://api.sobrus.example"
    assert ui.permissionsLabel.text().count("✔") == 3
    dialog.account.ask = lambda title, text: False
    qtbot.mouseClick(ui.logoutButton, Qt.MouseButton.LeftButton)
    assert keyring.get_password("sobrus-comm", "pharmacien") == "secret"  # « Non »
    dialog.account.ask = lambda title, text: True
    with qtbot.waitSignal(dialog.sig_logout_requested):
        qtbot.mouseClick(ui.logoutButton, Qt.MouseButton.LeftButton)
    assert keyring.get_password("sobrus-comm", "pharmacien") is None
    assert not dialog.isVisible()

    other = make_dialog()
    with qtbot.waitSignal(other.sig_switch_user_requested):
        qtbot.mouseClick(other.ui.switchUserButton, Qt.MouseButton.LeftButton)


def test_recharge_model(qtmodeltester: ModelTester) -> None:
    pack = Pack(2, "Pack 1 000 SMS", 1000, Decimal("450.00"))
    now = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
    model = RechargeRequestsModel()
    model.set_requests([
        RechargeRequest(7, pack, RechargeStatus.AWAITING_PAYMENT, "Dr Samira Alaoui", now, now),
        RechargeRequest(3, pack, RechargeStatus.ACTIVATED, "Dr Samira Alaoui", now, now),
    ])
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "SMS-000007"
    assert model.index(0, 3).data() == "450,00\u00a0DH"
    assert model.index(0, 4).data() == "En attente de paiement"
    assert model.index(1, 4).data() == "Activé"


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Escape])
def test_cancel_confirmation_answers_no_by_default(qtbot: QtBot, key: Qt.Key) -> None:
    """Entrée or Échap on the question keeps the request: « Non » is the default."""
    box = cancel_confirmation_box(None, CANCEL_TITLE_FR, "Annuler la demande SMS-000007 ?")
    qtbot.addWidget(box)
    no = box.button(QMessageBox.StandardButton.No)
    assert box.defaultButton() is no and no.text() == "Non"
    assert box.button(QMessageBox.StandardButton.Yes).text() == "Oui, annuler la demande"
    box.show()  # not exec(): the key is sent, then the answer read
    qtbot.keyClick(box, key)
    assert box.clickedButton() is no


def test_preferences_round_trip_through_a_real_ini_file(tmp_path: Path) -> None:
    path = str(tmp_path / "settings.ini")
    wanted = Preferences(pharmacy_name="Al Amal", sync_interval_min=10,
                         low_balance_threshold=300,
                         quiet_hours=QuietHoursRules(start=time(21), end=time(8, 30),
                                                     quiet_weekdays=frozenset({5, 6})))
    PreferencesService(QSettingsStore(QSettings(path, QSettings.Format.IniFormat))).save(wanted)
    reread = QSettings(path, QSettings.Format.IniFormat)  # as the next start reads it
    assert PreferencesService(QSettingsStore(reread)).load() == wanted


def test_typing_survives_a_sync_that_pushes_the_template(
        make_dialog: Callable[..., SettingsDialog], db: Database, qtbot: QtBot) -> None:
    dialog = make_dialog()
    ui = dialog.ui
    local = db.templates.create_local("Relance", "Bonjour {prenom}.")
    dialog.templates.reload(local.id)
    ui.templateBodyEditor.set_body("Bonjour {prenom}, votre solde est de {solde}.")
    # Meanwhile the sync worker pushes it: the server gives it id 42.
    db.templates.mark_pushed(local.id, Template(42, "Relance", local.body, local.category, 1))
    with qtbot.waitSignal(dialog.templates.sig_reloaded):  # read again off the GUI thread
        dialog.apply_sync_report(SyncReport())
    assert ui.templatesList.currentItem().data(ID_ROLE) == 42
    assert ui.templateBodyEditor.body() == "Bonjour {prenom}, votre solde est de {solde}."
    assert ui.templateStateLabel.text().startswith("Modifications non sauvegardées.")
