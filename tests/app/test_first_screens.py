"""What a new user sees: the state of « Envoyer une communication groupée » signed out or
offline, a restart during an outage, the login form, the balance in the status bar and the
one word for saving a template."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from sobrus_comm.backend.address import SOBRUS_SERVER
from sobrus_comm.backend.errors import Unavailable
from sobrus_comm.backend.results import CurrentUser
from sobrus_comm.bootstrap import build_controller
from sobrus_comm.domain.models import User
from sobrus_comm.gui.app_controller import KNOWN_USER_KEY, AppController
from sobrus_comm.gui.grouped_send.dialog import GroupedSendDialog
from sobrus_comm.gui.login_dialog import LoginDialog
from sobrus_comm.gui.main_window import MainWindow
from sobrus_comm.gui.settings import SettingsContext, SettingsDialog
from sobrus_comm.gui.settings.dialog import TABS
from sobrus_comm.gui.signed_out import NO_TEMPLATES_SIGNED_OUT_FR, NOT_SIGNED_IN_FR, OFFLINE_FR
from sobrus_comm.paths import AppPaths
from sobrus_comm.services.auth import AuthService, CredentialStore
from sobrus_comm.services.known_user import (
    known_user_from_json,
    known_user_json,
    resume_or_known,
)
from sobrus_comm.services.preferences import MemoryStore, PreferencesService
from sobrus_comm.services.send_planning import SendContext
from sobrus_comm.store.db import Database, open_database
from tests.grouped_send.data import PHARMACIST, PHARMACY, TODAY, fill_database, make_clients

UNREACHABLE = "http://127.0.0.1:9"  # nothing listens on port 9
KNOWN = CurrentUser(PHARMACIST, 7, PHARMACY, "Casablanca")


# -- not signed in, or offline ---------------------------------------------------------------

def test_signed_out_the_grouped_send_is_off_and_says_why(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    button = window.ui.groupedSendButton
    assert window.userLabel.text() == "Non connecté"
    assert not button.isEnabled() and not window.ui.actionGroupedSend.isEnabled()
    assert button.toolTip() == NOT_SIGNED_IN_FR
    window.set_sync_state("offline", "Serveur injoignable")
    assert button.toolTip() == OFFLINE_FR  # the real cause, not « connectez-vous »
    window.set_user("Dr Samira Alaoui")
    assert button.isEnabled()
    window.set_sync_state("offline", "Serveur injoignable")
    assert "Envoyer un même SMS" in button.toolTip()


@pytest.mark.parametrize(("offline", "reason"), [(False, NOT_SIGNED_IN_FR),
                                                 (True, OFFLINE_FR)])
def test_the_dialog_blames_the_session_not_the_templates(
        qtbot: QtBot, tmp_path: Path, offline: bool, reason: str) -> None:
    db = open_database(tmp_path / "empty.sqlite3")  # never synced: no template at all
    try:
        dialog = GroupedSendDialog(SendContext(db, None, PHARMACY, today=lambda: TODAY),
                                   offline=offline)
        qtbot.addWidget(dialog)
        assert dialog.ui.noticeLabel.text() == NO_TEMPLATES_SIGNED_OUT_FR
        assert "Aucun modèle" not in dialog.ui.noticeLabel.text()
        assert dialog.ui.permissionLabel.text() == reason
        assert not dialog.ui.sendButton.isEnabled()
    finally:
        db.close()


# -- a restart while the server is unreachable --------------------------------------------

def test_the_account_last_seen_is_kept_without_secrets() -> None:
    text = known_user_json(KNOWN)
    assert known_user_from_json(text) == KNOWN
    assert "token" not in text and "password" not in text
    assert known_user_from_json("") is None
    assert known_user_from_json("{pas du json") is None
    assert known_user_from_json('{"id": 1}') is None


def test_offline_without_an_account_seen_still_says_unreachable() -> None:
    auth = AuthService(CredentialStore())
    auth.store.save(UNREACHABLE, "pharmacien", "jeton", None)
    with pytest.raises(Unavailable):
        resume_or_known(auth, UNREACHABLE, "pharmacien", None)
    other = CurrentUser(User(2, "assistant", "Sara", frozenset()), 7, PHARMACY)
    with pytest.raises(Unavailable):  # not the same person: never their session
        resume_or_known(auth, UNREACHABLE, "pharmacien", other)
    session = resume_or_known(auth, UNREACHABLE, "pharmacien", KNOWN)
    assert session is not None and session.current == KNOWN and session.token == "jeton"


def _signed_in_before_the_outage(tmp_path: Path) -> AppController:
    paths = AppPaths.under(tmp_path).ensure()
    fill_database(open_database(paths.cache_database(False)), make_clients(30)).close()
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    settings.setValue("account/server", UNREACHABLE)
    settings.setValue("account/username", "pharmacien")
    settings.setValue(KNOWN_USER_KEY, known_user_json(KNOWN))
    controller = build_controller(paths, settings, demo=False)
    controller.auth.store.save(UNREACHABLE, "pharmacien", "jeton", None)
    return controller


def test_restarted_offline_the_user_stays_signed_in_and_can_queue_a_send(
        qtbot: QtBot, tmp_path: Path) -> None:
    controller = _signed_in_before_the_outage(tmp_path)
    db: Database = controller.open_cache().cache
    window = controller.build_window()
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(controller.sig_ready, timeout=20_000):
            controller.start()
        qtbot.waitUntil(lambda: window.syncStatusLabel.text().startswith("Hors ligne"),
                        timeout=10_000)
        assert controller._login is None  # never asked to sign in again
        assert window.userLabel.text() == "Connecté : Dr Samira Alaoui"
        assert window.ui.groupedSendButton.isEnabled()

        window.ui.groupedSendButton.click()
        dialog = controller.sending.dialog
        assert dialog is not None
        assert "Connectez-vous" not in dialog.ui.permissionLabel.text()
        assert dialog.ui.sendButton.isEnabled()  # the send can be prepared...
        dialog.ui.objectiveCustomTemplate.setChecked(True)
        dialog.ui.sendButton.click()
        qtbot.waitUntil(lambda: dialog.confirmation is not None, timeout=10_000)
        assert dialog.confirmation is not None
        with qtbot.waitSignal(dialog.sig_campaign_queued, timeout=10_000):
            dialog.confirmation.ui.confirmButton.click()
        # ...and waits in the outbox until the server answers: nothing lost, nothing sent.
        assert [c.label for c in db.outbox.unfinished()] != []
    finally:
        controller.shutdown()


def test_the_status_bar_balance_opens_parametres_on_solde_sms(qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    controller = _signed_in_before_the_outage(tmp_path)
    controller.open_cache()
    window = controller.build_window()
    qtbot.addWidget(window)
    try:
        assert window.balanceLabel.text() == "Solde SMS : 2\u202f500 crédits"
        qtbot.mouseClick(window.balanceLabel, Qt.MouseButton.LeftButton)
        dialog = controller._settings_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.ui.settingsTabs.currentIndex() == TABS.index("balance")
        assert "Paramètres › Solde SMS" in window.balanceLabel.toolTip()
    finally:
        controller.shutdown()


# -- the login form ------------------------------------------------------------------------

def test_login_uses_the_sobrus_server_and_keeps_the_address_under_avance(
        qtbot: QtBot) -> None:
    dialog = LoginDialog(AuthService(CredentialStore()), welcome=True)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.ui
    assert ui.serverEdit.text() == SOBRUS_SERVER
    assert not ui.advancedPane.isVisible() and not ui.serverEdit.isVisible()
    assert dialog.focusWidget() is ui.usernameEdit
    ui.advancedToggle.click()
    assert ui.serverEdit.isVisible()
    ui.loginButton.click()
    assert ui.errorLabel.text() == "Renseignez l'identifiant et le mot de passe."

    custom = LoginDialog(AuthService(CredentialStore()), "http://127.0.0.1:5000", "pharmacien")
    qtbot.addWidget(custom)
    custom.show()
    assert custom.ui.serverEdit.isVisible()  # another server than Sobrus's is never hidden


# -- Paramètres: one word, and no button named that cannot be clicked -------------------------

@pytest.fixture
def filled_db(tmp_path: Path) -> Iterator[Database]:
    with closing(fill_database(open_database(tmp_path / "c.sqlite3"), make_clients(5))) as db:
        yield db


def _settings(qtbot: QtBot, db: Database, user: User | None) -> SettingsDialog:
    dialog = SettingsDialog(SettingsContext(
        db=db, preferences=PreferencesService(MemoryStore()), user=user,
        server_url="https://api.sobrus.example" if user else ""))
    qtbot.addWidget(dialog)
    dialog.templates.ask = _yes  # no modal question left open at teardown
    return dialog


def _yes(_title: str, _text: str) -> bool:
    return True


def test_saving_a_template_is_sauvegarder_everywhere(qtbot: QtBot, filled_db: Database) -> None:
    settings = _settings(qtbot, filled_db, PHARMACIST)
    send = GroupedSendDialog(SendContext(filled_db, PHARMACIST, PHARMACY, today=lambda: TODAY))
    qtbot.addWidget(send)
    assert settings.ui.templateSaveButton.text() == "Sauvegarder"
    assert send.ui.saveTemplateButton.text() == "Sauvegarder"
    assert send.ui.editTemplateButton.text() == "Modifier modèle"


def test_without_templates_the_footer_names_no_disabled_button(qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    with closing(open_database(tmp_path / "empty.sqlite3")) as db:
        dialog = _settings(qtbot, db, None)
        assert not dialog.ui.templateNewButton.isEnabled()
        assert "Nouveau" not in dialog.ui.templateStateLabel.text()


def test_a_new_template_item_reads_whole_in_the_narrowest_list(qtbot: QtBot,
                                                              filled_db: Database) -> None:
    dialog = _settings(qtbot, filled_db, PHARMACIST)
    lst = dialog.ui.templatesList
    lst.setFixedWidth(lst.minimumWidth())  # the splitter pushed as far as it goes
    dialog.show()
    dialog.ui.templateNewButton.click()
    item = lst.currentItem()
    assert item is not None and item.text() == "Nouveau modèle (non sauvegardé)"
    rect = lst.visualItemRect(item)
    assert rect.right() <= lst.viewport().width()  # wrapped, not cut off
    assert not lst.horizontalScrollBar().isVisible()
