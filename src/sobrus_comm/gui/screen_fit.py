"""Top-level windows that open inside the screen they are on.

Counter PCs often have 1366×768 screens at 125 % scaling: about 1093×614 logical pixels,
less the taskbar. A window opens at its preferred size only where that fits, and a geometry
restored from a bigger screen (a laptop unplugged from its monitor) is brought back inside.
The rectangle arithmetic is plain functions, so it is tested without a screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# The smallest area every window must fit: 1366×768 at 125 % (1093×614) less a taskbar,
# and 1024×768 at 100 % for the width.
SMALL_SCREEN = QSize(1024, 574)


def fit_size(preferred: QSize, minimum: QSize, area: QSize) -> QSize:
    """The preferred size, shrunk to the area but never below the minimum."""
    return QSize(max(minimum.width(), min(preferred.width(), area.width())),
                 max(minimum.height(), min(preferred.height(), area.height())))


def clamp_rect(rect: QRect, area: QRect) -> QRect:
    """``rect`` moved (and shrunk if it must) so that it lies inside ``area``."""
    width = min(rect.width(), area.width())
    height = min(rect.height(), area.height())
    x = min(max(rect.x(), area.left()), area.left() + area.width() - width)
    y = min(max(rect.y(), area.top()), area.top() + area.height() - height)
    return QRect(x, y, width, height)


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen a window is (or will be) on: its parent's, else its own, else primary."""
    parent = widget.parentWidget()
    window = parent.window() if parent is not None else widget
    return window.screen() or QGuiApplication.primaryScreen()


def available_area(widget: QWidget) -> QRect:
    screen = screen_of(widget)
    return screen.availableGeometry() if screen is not None else QRect(QPoint(0, 0),
                                                                        SMALL_SCREEN)


def fit_to_screen(widget: QWidget, preferred: QSize | None = None) -> None:
    """Resize a window to its preferred size (the .ui's, by default) within its screen."""
    area = available_area(widget)
    wanted = preferred if preferred is not None else widget.size()
    widget.resize(fit_size(wanted, widget.minimumSizeHint().expandedTo(widget.minimumSize()),
                           area.size()))
    if widget.parentWidget() is None:  # a dialog is centred on its parent by Qt
        widget.move(clamp_rect(widget.frameGeometry(), area).topLeft())


def clamp_to_screen(widget: QWidget) -> None:
    """After ``restoreGeometry``: the window back inside the screen it is on now."""
    area = available_area(widget)
    frame = widget.frameGeometry()
    inside = clamp_rect(frame, area)
    if inside == frame:
        return
    # The frame (title bar, borders) is outside the client size: keep it on screen too.
    extra = frame.size() - widget.size()
    widget.resize(inside.size() - extra)
    widget.move(inside.topLeft())
