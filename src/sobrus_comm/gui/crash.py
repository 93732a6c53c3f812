"""Unexpected errors: logged with their traceback, then shown in French on the GUI thread.

Exceptions raised in worker threads are marshalled to the GUI thread through a queued
signal, so no widget is ever touched from a worker (Electrum's crash-hook pattern).
"""

from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from sobrus_comm.logging_setup import get_logger

log = get_logger("crash")

CRASH_TEXT = "Une erreur inattendue s'est produite."


def crash_message(log_file: Path) -> str:
    return (
        f"{CRASH_TEXT}\n\nVos données et les SMS en attente sont conservés. "
        "Si le problème se reproduit, transmettez au support le journal :\n"
        f"{log_file}"
    )


class CrashReporter(QObject):
    """Installs ``sys.excepthook`` and ``threading.excepthook``.

    Signals:
        sig_crashed(str): the French summary, emitted on the GUI thread after logging.
    """

    sig_crashed = Signal(str)
    _sig_from_any_thread = Signal(str)

    def __init__(self, log_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._log_file = log_file
        self._boxes: list[QMessageBox] = []
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        self._sig_from_any_thread.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = self._threading_hook

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous_hooks

    def _excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        self.report(exc_type, exc, tb)

    def _threading_hook(self, args: threading.ExceptHookArgs) -> None:
        self.report(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def report(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("Exception non gérée :\n%s", text)
        self._sig_from_any_thread.emit(crash_message(self._log_file))

    @Slot(str)
    def _show(self, message: str) -> None:
        parent = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Critical, "Sobrus Communications", message,
                          QMessageBox.StandardButton.Ok, parent if isinstance(parent, QWidget)
                          else None)
        box.setObjectName("crashDialog")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.finished.connect(self._forget)
        self._boxes.append(box)
        box.open()  # non-blocking: a crash in a slot must not nest event loops
        self.sig_crashed.emit(message)

    @Slot()
    def _forget(self) -> None:
        self._boxes = [b for b in self._boxes if b.isVisible()]
