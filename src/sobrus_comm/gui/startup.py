"""The second half of the start-up, run by the event loop once the window is painted.

The first half (``app.main``) paints the main window with the history read by
``store.prefetch``; this one imports the rest (SQLAlchemy, requests, the workers), opens the
store (running migrations, setting a damaged file aside), wires the controller and signs in.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from sobrus_comm import APP_NAME
from sobrus_comm.gui.main_window import MainWindow
from sobrus_comm.gui.settings.qsettings_store import QSettingsStore
from sobrus_comm.logging_setup import get_logger
from sobrus_comm.paths import AppPaths
from sobrus_comm.services.preferences import PreferencesService

if TYPE_CHECKING:
    from sobrus_comm.gui.app_controller import AppController

log = get_logger("app")


def low_balance_threshold(settings: QSettings) -> int:
    return PreferencesService(QSettingsStore(settings)).load().low_balance_threshold


BuildController = Callable[..., "AppController"]


class Starter(QObject):
    """``build`` is the composition root's :func:`sobrus_comm.bootstrap.build_controller`."""

    def __init__(self, args: argparse.Namespace, paths: AppPaths, settings: QSettings,
                 window: MainWindow, *, rows_loaded: bool, build: BuildController) -> None:
        super().__init__(window)
        self.args, self.paths, self.settings = args, paths, settings
        self.window, self.rows_loaded = window, rows_loaded
        self._build = build
        self.controller: AppController | None = None

    @Slot()
    def finish(self) -> None:
        from sobrus_comm.services.workspace import StoreError

        controller = self._build(self.paths, self.settings, demo=self.args.demo)
        try:
            db = controller.open_cache()
        except StoreError as exc:
            log.error("Base locale inutilisable : %s", exc.detail)
            QMessageBox.critical(self.window, APP_NAME, exc.message_fr)
            QApplication.exit(1)
            return
        self.controller = controller
        # A file set aside as damaged: what was painted came from it, so read the new one.
        controller.attach_window(self.window, rows_loaded=self.rows_loaded
                                 and db.recovered_from is None)
        if db.notice:
            notice = QMessageBox(QMessageBox.Icon.Information, APP_NAME, db.notice,
                                 QMessageBox.StandardButton.Ok, self.window)
            notice.open()  # never a nested event loop
        if self.args.screenshot:
            from sobrus_comm.gui.screenshot import save_window_when_ready

            save_window_when_ready(controller, self.args.window, Path(self.args.screenshot),
                                   whole_screen=self.args.whole_screen)
        from sobrus_comm.workers.runtime import prepare_runtime

        prepare_runtime()  # after the start-up imports, before any worker thread
        controller.start()
