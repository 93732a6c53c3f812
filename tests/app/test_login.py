"""Signing in against the sandbox: secrets only in the keyring, French errors."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from pytestqt.qtbot import QtBot

from sobrus_comm.backend.demo import DEMO_PASSWORD, DEMO_USERNAME
from sobrus_comm.backend.errors import InvalidCredentials
from sobrus_comm.backend.sandbox.server import RunningSandbox
from sobrus_comm.gui.login_dialog import LoginDialog
from sobrus_comm.services.auth import AuthService, CredentialStore
from tests.memory_keyring import MemoryKeyring


def test_login_keeps_the_token_in_the_keyring_and_the_password_only_if_asked(
    app_sandbox: RunningSandbox, memory_keyring: MemoryKeyring
) -> None:
    auth = AuthService(CredentialStore())
    session = auth.login(app_sandbox.base_url, DEMO_USERNAME, DEMO_PASSWORD, remember=False)
    assert session.current.user.username == DEMO_USERNAME
    assert session.token not in repr(session)
    stored = set(memory_keyring.store.values())
    assert session.token in stored and DEMO_PASSWORD not in stored

    # A new run: the stored token is enough, checked with the server.
    resumed = AuthService(CredentialStore()).resume(app_sandbox.base_url, DEMO_USERNAME)
    assert resumed is not None and resumed.token == session.token

    auth.logout(session)
    assert memory_keyring.store == {}
    assert AuthService(CredentialStore()).resume(app_sandbox.base_url, DEMO_USERNAME) is None


def test_remembered_password_renews_an_expired_session(
    app_sandbox: RunningSandbox, memory_keyring: MemoryKeyring
) -> None:
    auth = AuthService(CredentialStore())
    first = auth.login(app_sandbox.base_url, DEMO_USERNAME, DEMO_PASSWORD, remember=True)
    app_sandbox.control.expire_tokens()
    renewed = AuthService(CredentialStore()).resume(app_sandbox.base_url, DEMO_USERNAME)
    assert renewed is not None and renewed.token != first.token


def test_without_a_keyring_the_session_lives_in_memory_only(
    app_sandbox: RunningSandbox,
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        store = CredentialStore()
        session = AuthService(store).login(app_sandbox.base_url, DEMO_USERNAME, DEMO_PASSWORD,
                                           remember=True)
        assert not store.available
        assert store.token(app_sandbox.base_url, DEMO_USERNAME) == session.token
        # A new run remembers nothing, and nothing was written anywhere else.
        assert CredentialStore().token(app_sandbox.base_url, DEMO_USERNAME) is None
    finally:
        keyring.set_keyring(previous)


def test_wrong_password_raises_a_typed_french_error(app_sandbox: RunningSandbox) -> None:
    with pytest.raises(InvalidCredentials) as info:
        AuthService(CredentialStore()).login(app_sandbox.base_url, DEMO_USERNAME, "nope",
                                             remember=False)
    assert str(info.value) == "Identifiant ou mot de passe incorrect."


def test_login_dialog_reports_errors_then_signs_in(
    app_sandbox: RunningSandbox, qtbot: QtBot
) -> None:
    dialog = LoginDialog(AuthService(CredentialStore()), app_sandbox.base_url, DEMO_USERNAME)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.objectName() == "loginDialog"
    ui = dialog.ui
    ui.loginButton.click()
    assert ui.errorLabel.text() == "Renseignez l'identifiant et le mot de passe."

    ui.passwordEdit.setText("mauvais")
    ui.loginButton.click()
    assert not ui.loginButton.isEnabled()  # busy while the worker signs in
    qtbot.waitUntil(lambda: ui.errorLabel.text() == "Identifiant ou mot de passe incorrect.",
                    timeout=5000)
    assert ui.loginButton.isEnabled()

    ui.serverEdit.setText("http://sobrus.example.com")
    ui.passwordEdit.setText(DEMO_PASSWORD)
    ui.loginButton.click()
    assert "https://" in ui.errorLabel.text()

    ui.serverEdit.setText(app_sandbox.base_url)
    with qtbot.waitSignal(dialog.sig_logged_in, timeout=5000) as blocker:
        ui.loginButton.click()
    assert blocker.args[0].current.user.username == DEMO_USERNAME
    assert ui.passwordEdit.text() == ""
