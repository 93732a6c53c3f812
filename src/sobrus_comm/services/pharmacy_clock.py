"""The pharmacy's clock: Africa/Casablanca from the tz data the app ships (no Qt).

Morocco changes its clock rules often (Ramadan switches until 2026, UTC+0 for good from
September 2026), and the system's tz data on many workstations is years old. The app ships
the ``tzdata`` package and reads the zone from it alone: :func:`use_shipped_tzdata` empties
``zoneinfo``'s search path at start, so ``ZoneInfo`` falls back to the package. In the
PyInstaller bundle the package's data files travel with it (pyinstaller-hooks-contrib's
``hook-tzdata`` collects ``tzdata/zoneinfo``), so a Windows bundle, which has no system tz
data at all, finds the same zone.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

PHARMACY_ZONE = "Africa/Casablanca"


def use_shipped_tzdata() -> None:
    """Make every ``ZoneInfo`` come from the ``tzdata`` package (called once at start)."""
    zoneinfo.reset_tzpath(to=[])
    zoneinfo.ZoneInfo.clear_cache()


def pharmacy_zone() -> zoneinfo.ZoneInfo:
    """The pharmacy's zone, from the shipped tz data (whatever the search path says)."""
    use_shipped_tzdata()
    return zoneinfo.ZoneInfo(PHARMACY_ZONE)


def tzdata_version() -> str:
    try:
        return version("tzdata")
    except PackageNotFoundError:  # pragma: no cover - a dependency of the app
        return "?"


def utc_now() -> datetime:
    return datetime.now(UTC)
