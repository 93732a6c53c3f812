"""Timestamps as the store keeps them: integer Unix seconds, UTC."""

from __future__ import annotations

import time
from datetime import UTC, datetime


def now_ts() -> int:
    return int(time.time())


def to_ts(value: datetime | None) -> int | None:
    """Naive datetimes are taken as UTC (the backend speaks UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def from_ts(value: int | None) -> datetime | None:
    """An aware UTC datetime; the GUI converts to local time when it displays it."""
    return None if value is None else datetime.fromtimestamp(value, UTC)
