"""``--screenshot PATH``: save a PNG of a window once it has painted, then quit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QWidget

from sobrus_comm.logging_setup import get_logger

log = get_logger("gui")


class _Grabber(QObject):
    def __init__(self, widget: QWidget, path: Path) -> None:
        super().__init__(widget)
        self._widget = widget
        self._path = path

    @Slot()
    def grab(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        ok = self._widget.grab().save(str(self._path), "PNG")
        log.info("Capture d'écran %s : %s", "enregistrée" if ok else "échouée", self._path)
        QApplication.exit(0 if ok else 1)


def save_when_painted(widget: QWidget, path: Path, delay_ms: int = 0) -> None:
    # A zero timer fires once the events already queued (layout, first paint) are done.
    grabber = _Grabber(widget, path)
    QTimer.singleShot(delay_ms, grabber.grab)
