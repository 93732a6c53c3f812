"""« Exporter… »: pick a file, write the rows shown in a worker thread, show progress.

Signals (ExportJob):
    sig_progress(int, int): rows written, rows to write.
    sig_finished(str, int): the file written and its row count.
    sig_failed(str): a French message (disk full, no permission, …).
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.logging_setup import get_logger
from sobrus_comm.services.history_export import ExportCancelled, export_history_csv

log = get_logger("export")


def os_error_fr(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "Le disque est plein. Libérez de la place ou choisissez un autre emplacement."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "Vous n'avez pas le droit d'écrire à cet emplacement. Choisissez un autre dossier."
    return f"Le fichier n'a pas pu être écrit ({exc.strerror or exc})."


class ExportJob(QObject, QRunnable):
    sig_progress = Signal(int, int)
    sig_finished = Signal(str, int)
    sig_failed = Signal(str)

    def __init__(self, rows: Sequence[HistoryRow], path: Path) -> None:
        QObject.__init__(self)
        QRunnable.__init__(self)
        self.setAutoDelete(False)  # the GUI side owns it until it reports
        self.rows, self.path = rows, path
        self.cancel = threading.Event()

    def run(self) -> None:
        try:
            count = export_history_csv(self.rows, self.path, self.sig_progress.emit, self.cancel)
        except ExportCancelled:
            self.sig_failed.emit("")
        except OSError as exc:
            log.warning("Export impossible : %s", exc.strerror)
            self.sig_failed.emit(os_error_fr(exc))
        except Exception as exc:  # a bug: logged with its traceback, reported in French
            log.exception("Export en échec")
            self.sig_failed.emit(f"L'export a échoué : {type(exc).__name__}.")
        else:
            self.sig_finished.emit(str(self.path), count)


class ExportController(QObject):
    """Runs one export at a time for a window."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.job: ExportJob | None = None
        self._dialog: QProgressDialog | None = None

    def ask_path(self) -> Path | None:
        suggested = f"communications-{date.today():%Y-%m-%d}.csv"
        name, _ = QFileDialog.getSaveFileName(
            self._parent, "Exporter les communications", suggested,
            "Fichier CSV pour Excel (*.csv)")
        if not name:
            return None
        return Path(name if name.lower().endswith(".csv") else name + ".csv")

    def start(self, rows: Sequence[HistoryRow], path: Path) -> ExportJob:
        job = ExportJob(rows, path)
        self.job = job
        dialog = QProgressDialog(f"Export de {format_count(len(rows))} communications…",
                                 "Annuler", 0, max(len(rows), 1), self._parent)
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle("Exporter")
        dialog.setMinimumDuration(300)  # small exports finish before it would show
        dialog.canceled.connect(self._cancel)
        job.sig_progress.connect(self._on_progress)
        job.sig_finished.connect(self._on_finished)
        job.sig_failed.connect(self._on_failed)
        self._dialog = dialog
        QThreadPool.globalInstance().start(job)
        return job

    @Slot()
    def _cancel(self) -> None:
        if self.job:
            self.job.cancel.set()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._dialog:
            self._dialog.setValue(done)

    def _close_dialog(self) -> None:
        if self._dialog:
            self._dialog.canceled.disconnect(self._cancel)
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None

    @Slot(str, int)
    def _on_finished(self, path: str, count: int) -> None:
        self._close_dialog()
        window = self._parent.window()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(f"{format_count(count)} communications exportées dans {path}", 8000)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._close_dialog()
        if message:
            QMessageBox.warning(self._parent, "Export impossible", message)
