"""``--screenshot PATH``: save a PNG of a window once it has painted, then quit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, SignalInstance, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from sobrus_comm.logging_setup import get_logger

if TYPE_CHECKING:
    from sobrus_comm.gui.app_controller import AppController

log = get_logger("gui")


# Layout requests that chain (a label's new text resizes the status bar, which moves its
# neighbours) are delivered this many rounds before the grab.
LAYOUT_ROUNDS = 5


def settle_layouts() -> None:
    """Deliver the pending layout requests, so that the picture shows the final geometry
    (the status bar was sometimes grabbed before its labels were placed)."""
    for _ in range(LAYOUT_ROUNDS):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def picture_of(widget: QWidget, whole_screen: bool = False) -> QPixmap:
    """The widget alone, or the whole screen it is on (where it sits, what it covers)."""
    screen = widget.screen() if whole_screen else None
    return screen.grabWindow(0) if screen is not None else widget.grab()


class _Grabber(QObject):
    def __init__(self, widget: QWidget, path: Path) -> None:
        super().__init__(widget)
        self._widget = widget
        self._path = path
        self._scheduled = False
        self.whole_screen = False

    @Slot()
    def grab_soon(self) -> None:
        # Let the rows that just arrived lay out and paint before the grab.
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(50, self.grab)

    @Slot()
    def grab(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        settle_layouts()
        ok = picture_of(self._widget, self.whole_screen).save(str(self._path), "PNG")
        log.info("Capture d'écran %s : %s", "enregistrée" if ok else "échouée", self._path)
        QApplication.exit(0 if ok else 1)


def save_when_painted(widget: QWidget, path: Path, delay_ms: int = 0, *,
                      whole_screen: bool = False) -> None:
    # A zero timer fires once the events already queued (layout, first paint) are done.
    grabber = _Grabber(widget, path)
    grabber.whole_screen = whole_screen
    QTimer.singleShot(delay_ms, grabber.grab)


def save_when_ready(widget: QWidget, path: Path, ready: SignalInstance,
                    timeout_ms: int = 20_000, *, whole_screen: bool = False) -> None:
    """Grab once ``ready`` fires (first sync done), or after ``timeout_ms`` at the latest."""
    grabber = _Grabber(widget, path)
    grabber.whole_screen = whole_screen
    ready.connect(grabber.grab_soon)
    QTimer.singleShot(timeout_ms, grabber.grab_soon)


class _WindowOpener(QObject):
    """Opens the window ``--window`` names once the app is ready, then grabs it."""

    def __init__(self, controller: AppController, name: str, path: Path,
                 whole_screen: bool) -> None:
        super().__init__(controller)
        self._controller, self._name, self._path = controller, name, path
        self._whole_screen = whole_screen

    @Slot()
    def open(self) -> None:
        from sobrus_comm.gui.screenshot_windows import open_window

        open_window(self._controller, self._name, self._opened)

    @Slot(object)
    def _opened(self, widget: object) -> None:
        assert isinstance(widget, QWidget)
        save_when_painted(widget, self._path, delay_ms=300, whole_screen=self._whole_screen)


def save_window_when_ready(controller: AppController, name: str, path: Path,
                           timeout_ms: int = 20_000, *, whole_screen: bool = False) -> None:
    """``--screenshot PATH --window NAME``: the main window, or a dialog over it."""
    assert controller.window is not None
    if name == "main":
        if controller.has_account():
            # Signing in and the first sync bring the data: grab once they are done.
            save_when_ready(controller.window, path, controller.sig_ready, timeout_ms,
                            whole_screen=whole_screen)
        else:
            # The cache is all there is.
            save_when_painted(controller.window, path, whole_screen=whole_screen)
        return
    opener = _WindowOpener(controller, name, path, whole_screen)
    controller.sig_ready.connect(opener.open)
