"""Every path the app uses, in one place.

By default the platformdirs locations of the user (data, config, logs, cache); with
``--data-dir DIR`` everything lives under DIR instead (portable installs, tests, demo).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "SobrusComm"
APP_AUTHOR = "Sobrus"


@dataclass(frozen=True)
class AppPaths:
    data: Path
    config: Path
    logs: Path
    cache: Path

    @classmethod
    def default(cls) -> AppPaths:
        return cls(
            data=Path(platformdirs.user_data_dir(APP_DIR_NAME, APP_AUTHOR)),
            config=Path(platformdirs.user_config_dir(APP_DIR_NAME, APP_AUTHOR)),
            logs=Path(platformdirs.user_log_dir(APP_DIR_NAME, APP_AUTHOR)),
            cache=Path(platformdirs.user_cache_dir(APP_DIR_NAME, APP_AUTHOR)),
        )

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        root = root.expanduser().resolve()
        return cls(data=root / "data", config=root / "config", logs=root / "logs",
                   cache=root / "cache")

    @classmethod
    def resolve(cls, data_dir: str | Path | None) -> AppPaths:
        return cls.under(Path(data_dir)) if data_dir else cls.default()

    def ensure(self) -> AppPaths:
        for path in (self.data, self.config, self.logs, self.cache):
            path.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def database(self) -> Path:
        return self.data / "sobrus-comm.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.ini"

    @property
    def log_file(self) -> Path:
        return self.logs / "sobrus-comm.log"

    @property
    def demo_dir(self) -> Path:
        return self.data / "demo"

    @property
    def demo_database(self) -> Path:
        """The demo's own cache: demo data never mixes with the pharmacy's."""
        return self.demo_dir / "demo-cache.sqlite3"

    def cache_database(self, demo: bool) -> Path:
        return self.demo_database if demo else self.database


def resources_dir() -> Path:
    """The read-only ``resources/`` folder: beside the sources, or inside a frozen bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
