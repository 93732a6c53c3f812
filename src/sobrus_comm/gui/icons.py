"""The application icon, from the PNGs rendered by ``packaging/render_icons.py``.

Loaded from PNGs rather than the SVG: each size was rendered on its own grid (crisp at 16 px),
and no SVG plugin is needed at run time.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from sobrus_comm.paths import resources_dir

ICON_NAME = "sobrus-comm"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_dir() -> Path:
    return resources_dir() / "icons"


def app_icon() -> QIcon:
    """Every rendered size in one QIcon; Qt picks the nearest for title bar, taskbar, Alt+Tab.

    An empty QIcon when the files are missing (a broken install): the window still opens.
    """
    icon = QIcon()
    folder = icon_dir()
    for size in ICON_SIZES:
        path = folder / f"{ICON_NAME}-{size}.png"
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon
