"""The settings window (« Paramètres »): templates, SMS balance, recharge, account, general."""

from __future__ import annotations

from sobrus_comm.gui.settings.context import SettingsContext
from sobrus_comm.gui.settings.dialog import SettingsDialog
from sobrus_comm.gui.settings.qsettings_store import QSettingsStore

__all__ = ["QSettingsStore", "SettingsContext", "SettingsDialog"]
