"""The whole app in demo mode: « Envois programmés » from the main window, on demo data."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from sobrus_comm.gui.schedules.model import COL_NAME
from tests.app.test_controller import _running


def test_the_main_window_opens_the_demo_schedules(qtbot: QtBot, tmp_path: Path) -> None:
    with _running(qtbot, tmp_path, demo=True) as controller:
        window = controller.window
        assert window is not None
        assert not window.ui.schedulesButton.isHidden()
        assert window.ui.actionSchedules.text() == "Envois programmés…"
        window.ui.schedulesButton.click()
        dialog = controller.scheduling.dialog
        assert dialog is not None and dialog.isVisible()
        # The scheduler's first step pulls the schedules; the view refreshes by itself.
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=20_000)
        names = {dialog.model.data(dialog.model.index(r, COL_NAME)) for r in range(2)}
        assert names == {"Rappel de solde mensuel", "Vaccination antigrippale (lundis)"}
        assert controller.scheduling.worker is not None
