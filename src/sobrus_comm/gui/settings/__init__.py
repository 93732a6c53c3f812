"""The settings window (« Paramètres »): templates, SMS balance, recharge, account, general.

Wiring (composition root)::

    prefs = PreferencesService(QSettingsStore(settings))
    ctx = SettingsContext(db=db, preferences=prefs, user=current.user,
                          api=SobrusApi(base_url, token),  # its own client, or None offline
                          server_url=base_url, pharmacy_label="Al Amal, Casablanca",
                          forget_credentials=remove_from_keyring)
    dialog = SettingsDialog(ctx, window)       # keep it: it watches open recharge requests
    dialog.connect_sync_worker(sync_worker)    # template pushes, conflicts, balance
    dialog.sig_logout_requested / sig_switch_user_requested -> the login flow
    dialog.sig_preferences_changed(prefs) -> sync interval, status-bar threshold
    dialog.sig_balance_changed(int), sig_recharge_activated(str) -> the status bar
    dialog.open()                              # or save_when_ready(dialog, path, dialog.sig_ready)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sobrus_comm.gui.settings.context import SettingsContext
    from sobrus_comm.gui.settings.dialog import SettingsDialog
    from sobrus_comm.gui.settings.qsettings_store import QSettingsStore

# Loaded on first use: the main window opens without the settings dialog's imports.
_LAZY = {"SettingsContext": "context", "SettingsDialog": "dialog",
         "QSettingsStore": "qsettings_store"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(import_module(f"sobrus_comm.gui.settings.{module}"), name)


__all__ = ["QSettingsStore", "SettingsContext", "SettingsDialog"]
