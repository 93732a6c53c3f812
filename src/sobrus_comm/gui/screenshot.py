"""``--screenshot PATH``: save a PNG of a window once it has painted, then quit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, SignalInstance, Slot
from PySide6.QtWidgets import QApplication, QWidget

from sobrus_comm.logging_setup import get_logger

if TYPE_CHECKING:
    from sobrus_comm.gui.app_controller import AppController

log = get_logger("gui")


class _Grabber(QObject):
    def __init__(self, widget: QWidget, path: Path) -> None:
        super().__init__(widget)
        self._widget = widget
        self._path = path
        self._scheduled = False

    @Slot()
    def grab_soon(self) -> None:
        # Let the rows that just arrived lay out and paint before the grab.
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(50, self.grab)

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


def save_when_ready(widget: QWidget, path: Path, ready: SignalInstance,
                    timeout_ms: int = 20_000) -> None:
    """Grab once ``ready`` fires (first sync done), or after ``timeout_ms`` at the latest."""
    grabber = _Grabber(widget, path)
    ready.connect(grabber.grab_soon)
    QTimer.singleShot(timeout_ms, grabber.grab_soon)


class _WindowOpener(QObject):
    """Opens the window ``--window`` names once the app is ready, then grabs it."""

    def __init__(self, controller: AppController, name: str, path: Path) -> None:
        super().__init__(controller)
        self._controller, self._name, self._path = controller, name, path

    @Slot()
    def open(self) -> None:
        widget = self._controller.open_for_screenshot(self._name)
        save_when_painted(widget, self._path, delay_ms=300)


def save_window_when_ready(controller: AppController, name: str, path: Path,
                           timeout_ms: int = 20_000) -> None:
    """``--screenshot PATH --window NAME``: the main window, or a dialog over it."""
    assert controller.window is not None
    if name == "main":
        if controller.has_account():
            # Signing in and the first sync bring the data: grab once they are done.
            save_when_ready(controller.window, path, controller.sig_ready, timeout_ms)
        else:
            save_when_painted(controller.window, path)  # the cache is all there is
        return
    opener = _WindowOpener(controller, name, path)
    controller.sig_ready.connect(opener.open)
