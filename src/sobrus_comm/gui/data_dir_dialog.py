"""Telling the user that the data folder is unusable, before the main window exists."""

from __future__ import annotations

import os
import sys

from sobrus_comm.data_dir_check import EXIT_DATA_DIR_UNUSABLE, DataDirProblem

# Platforms with no screen: nobody could answer a dialog there, stderr says it all.
HEADLESS_PLATFORMS = ("offscreen", "minimal")


def report_data_dir_problem(problem: DataDirProblem, *, gui: bool) -> int:
    """Say it on stderr and, when a screen is there, in a dialog; returns the exit status."""
    print(problem.message_fr, file=sys.stderr, flush=True)
    if gui and os.environ.get("QT_QPA_PLATFORM", "") not in HEADLESS_PLATFORMS:
        show_data_dir_dialog(problem)
    return EXIT_DATA_DIR_UNUSABLE


def show_data_dir_dialog(problem: DataDirProblem) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])  # noqa: F841
    box = QMessageBox(QMessageBox.Icon.Critical, "Sobrus Comm ne peut pas démarrer",
                      problem.message_fr, QMessageBox.StandardButton.Ok)
    box.setObjectName("dataDirProblemBox")
    box.exec()
