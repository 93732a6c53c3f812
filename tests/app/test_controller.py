"""The composition root in-process: demo session, offline start, login when needed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from sobrus_comm.gui.app_controller import AppController
from sobrus_comm.paths import AppPaths


def _controller(tmp_path: Path, *, demo: bool) -> AppController:
    paths = AppPaths.under(tmp_path).ensure()
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    return AppController(paths, settings, demo=demo)


def test_demo_signs_in_syncs_and_fills_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(tmp_path, demo=True)
    controller.open_cache()
    window = controller.build_window()
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(controller.sig_ready, timeout=20_000):
            controller.start()
        qtbot.waitUntil(lambda: window.syncStatusLabel.text() == "À jour", timeout=10_000)
        assert not window.ui.demoBanner.isHidden()
        assert window.ui.demoBanner.text() == "Mode démonstration — aucun SMS réel n'est envoyé"
        assert window.userLabel.text().startswith("Connecté : ")
        assert window.ui.groupedSendButton.isEnabled()
        assert window.ui.historyTable.model().rowCount() > 100
        assert window.balanceLabel.text().startswith("Solde SMS : ")
    finally:
        controller.shutdown()


def test_offline_start_opens_from_the_cache_and_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(tmp_path, demo=False)
    # A configured account whose server does not answer (nothing listens on port 9).
    controller.settings.setValue("account/server", "http://127.0.0.1:9")
    controller.settings.setValue("account/username", "pharmacien")
    controller.auth.store.save("http://127.0.0.1:9", "pharmacien", "jeton", None)
    controller.open_cache()
    window = controller.build_window()
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(controller.sig_ready, timeout=20_000):
            controller.start()
        assert window.syncStatusLabel.text().startswith("Hors ligne depuis ")
        assert "injoignable" in window.syncStatusLabel.toolTip()
        assert controller._login is None  # no login dialog: the cache is enough to work
    finally:
        controller.shutdown()


def test_first_run_asks_to_sign_in(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(tmp_path, demo=False)
    controller.open_cache()
    window = controller.build_window()
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(controller.sig_ready, timeout=5_000):
            controller.start()
        dialog = controller._login
        assert dialog is not None and dialog.isVisible()
        assert dialog.objectName() == "loginDialog"
        assert dialog.ui.demoButton.text() == "Découvrir en mode démonstration"
        dialog.reject()
    finally:
        controller.shutdown()
