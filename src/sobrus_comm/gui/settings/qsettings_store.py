"""The preferences' key/value store over the app's QSettings ini file."""

from __future__ import annotations

from PySide6.QtCore import QSettings


class QSettingsStore:
    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def value(self, key: str) -> object | None:
        return self._settings.value(key)  # type: ignore[no-any-return]

    def set_value(self, key: str, value: str) -> None:
        self._settings.setValue(key, value)
        self._settings.sync()
