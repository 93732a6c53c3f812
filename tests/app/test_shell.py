"""The main window shell and the process-wide Qt set-up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from sobrus_comm.gui.crash import CRASH_TEXT, CrashReporter
from sobrus_comm.gui.main_window import MainWindow
from sobrus_comm.gui.qt_setup import configure_application


def test_main_window_is_french_with_an_empty_state(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.objectName() == "mainWindow"
    assert "Historique des communications" in window.windowTitle()
    assert window.ui.contentStack.currentWidget() is window.ui.emptyPage
    assert "Aucune communication pour l'instant" in window.ui.emptyStateLabel.text()
    assert window.ui.groupedSendButton.text() == "Envoyer une communication groupée"
    assert window.ui.historySearch.placeholderText() == "Rechercher…"
    window.set_user("Dr Samira Alaoui")  # signed out, the button is disabled
    with qtbot.waitSignal(window.sig_grouped_send_requested):
        window.ui.groupedSendButton.click()
    with qtbot.waitSignal(window.sig_sync_requested):
        window.ui.actionSync.trigger()


def test_qt_standard_buttons_are_translated(qapp: QApplication) -> None:
    translators = configure_application(qapp)
    try:
        assert translators, "Qt's French translations were not found"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
        box = QMessageBox(QMessageBox.Icon.Question, "t", "?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        texts = {box.button(b).text().replace("&", "")
                 for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)}
        assert texts == {"Oui", "Non"}
        box.deleteLater()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_worker_thread_exception_shows_french_dialog_on_gui_thread(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import threading

    reporter = CrashReporter(tmp_path / "app.log")
    reporter.install()
    try:
        def boom() -> None:
            raise RuntimeError("panne")

        with qtbot.waitSignal(reporter.sig_crashed, timeout=5000) as blocker:
            thread = threading.Thread(target=boom)
            thread.start()
            thread.join()
        message = blocker.args[0]
        assert message.startswith(CRASH_TEXT)
        assert str(tmp_path / "app.log") in message
        box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "crashDialog")
        assert isinstance(box, QMessageBox) and box.isVisible()
        box.close()
    finally:
        reporter.uninstall()


def test_sync_state_says_what_the_user_should_know(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_sync_state("online")
    assert window.syncStatusLabel.text() == "À jour"
    window.set_sync_state("online", "1 fiche client illisible ignorée")  # on the bar itself
    assert window.syncStatusLabel.text() == "À jour · 1 fiche client illisible ignorée"
