"""The wiring of the composition root: what lies below the GUI, built once and handed in.

``app.main`` resolves paths, sets up logging and Qt and paints the window; then
:func:`build_controller` builds the services (session, API factory, demo backend; the cache
and its use cases are opened by them) and gives them to the GUI's coordinator. Nothing
below ``gui/`` is built by a widget. Heavy imports (SQLAlchemy, requests) wait for the call,
so that importing this module costs nothing at start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from sobrus_comm.gui.app_controller import AppController
    from sobrus_comm.paths import AppPaths


def build_controller(paths: AppPaths, settings: QSettings, *, demo: bool) -> AppController:
    from sobrus_comm.gui.app_controller import AppController
    from sobrus_comm.services.app_services import AppServices

    return AppController(paths, settings, services=AppServices(paths), demo=demo)
