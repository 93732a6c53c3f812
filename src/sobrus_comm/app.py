"""Composition root: command line, paths, logging, Qt set-up and wiring of the layers."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sobrus_comm import APP_NAME, __version__
from sobrus_comm.data_dir_check import check_app_dirs
from sobrus_comm.logging_setup import get_logger, setup_logging
from sobrus_comm.paths import AppPaths

log = get_logger("app")

WINDOWS = ("main", "grouped-send", "settings", "login", "confirmation", "test-send", "packs",
           "balance", "credits", "template-arabic", "edit-template-arabic", "schedules",
           "schedule-editor", "replies", "history-reply")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="sobrus-comm", description=f"{APP_NAME} : les SMS de l'officine.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="garder données, réglages, journaux et cache sous DIR")
    parser.add_argument("--demo", action="store_true",
                        help="mode démonstration : serveur d'essai local, aucun SMS réel")
    parser.add_argument("--screenshot", metavar="PATH",
                        help="ouvrir la fenêtre, l'enregistrer en PNG dans PATH, puis quitter")
    parser.add_argument("--window", choices=WINDOWS, default="main",
                        help="fenêtre à montrer avec --screenshot")
    parser.add_argument("--whole-screen", action="store_true",
                        help="avec --screenshot : tout l'écran, pour voir où tombe la fenêtre")
    return parser.parse_args(argv)


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    paths = AppPaths.resolve(args.data_dir)
    problem = check_app_dirs(paths)  # creates the folders, proves them writable
    if problem is not None:
        from sobrus_comm.gui.data_dir_dialog import report_data_dir_problem

        return report_data_dir_problem(problem, gui=_has_display())
    setup_logging(paths.log_file)
    log.info("Démarrage de %s %s", APP_NAME, __version__)
    from sobrus_comm.services.pharmacy_clock import tzdata_version, use_shipped_tzdata

    use_shipped_tzdata()  # Morocco's clock from the tz data we ship, not the system's
    log.info("Données de fuseau horaire : tzdata %s", tzdata_version())

    from sobrus_comm.store.prefetch import HistoryPrefetch

    # Read the cached history while Qt loads: the window paints it before the store opens.
    prefetch = HistoryPrefetch(paths.cache_database(args.demo))

    if args.screenshot and not _has_display():
        # A screenshot needs no screen: render offscreen rather than abort on a headless box.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    # Qt is imported here, after argument parsing: `--version` and `--help` stay instant.
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from sobrus_comm.gui.crash import CrashReporter
    from sobrus_comm.gui.qt_setup import configure_application, route_qt_messages

    route_qt_messages()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    translators = configure_application(app)  # noqa: F841 - must outlive the event loop

    from sobrus_comm.gui.single_instance import acquire_single_instance

    # One copy per data folder: a second double-click brings the first window forward, and
    # two processes never drain the same outbox.
    instance = acquire_single_instance(paths.data)
    if instance is None:
        log.info("Déjà ouvert : la fenêtre existante est mise au premier plan")
        return 0
    crash = CrashReporter(paths.log_file)
    crash.install()
    starter = None
    try:
        from sobrus_comm.gui.main_window import MainWindow
        from sobrus_comm.gui.startup import Starter, low_balance_threshold

        settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.set_demo_mode(args.demo)
        first = prefetch.first_page()
        rows = first.rows if first is not None else None
        if first is not None:
            # A long history paints from its newest rows; the rest follows from the thread.
            window.history.set_rows(first.rows, total=first.total)
            if not first.complete:
                prefetch.when_done(window.history.deliver_rows)
            window.set_balance(prefetch.credits, low_balance_threshold(settings))
        instance.sig_activation_requested.connect(window.bring_forward)
        window.show()
        account = args.demo or bool(settings.value("account/server", "")
                                    and settings.value("account/username", ""))
        if args.screenshot and args.window == "main" and not account and rows is not None:
            from sobrus_comm.gui.screenshot import save_when_painted

            # Nobody to sign in and the cache painted: the window is all there is to see.
            save_when_painted(window, Path(args.screenshot), whole_screen=args.whole_screen)
            return app.exec()
        # The rest (SQLAlchemy, migrations, workers) once the window is on screen.
        from sobrus_comm.bootstrap import build_controller

        starter = Starter(args, paths, settings, window, rows_loaded=rows is not None,
                          build=build_controller)
        QTimer.singleShot(0, starter.finish)
        return app.exec()
    finally:
        if starter is not None and starter.controller is not None:
            starter.controller.shutdown()  # also when the loop ended without a close
        crash.uninstall()
        instance.release()
        log.info("Arrêt de %s", APP_NAME)
