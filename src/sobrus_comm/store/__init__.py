"""The local SQLite cache: tables, repositories and Alembic migrations (no Qt).

Entry point: :func:`open_database`, which returns a :class:`Database` holding one
repository per entity (``db.clients``, ``db.templates``, ``db.communications``,
``db.balance``, ``db.cursors``, ``db.outbox``). Nothing outside this package writes SQL.
"""

from __future__ import annotations

from sobrus_comm.store.db import Database, open_database
from sobrus_comm.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseUnavailable,
    DiskFull,
    StorageIOError,
    StoreError,
)

__all__ = [
    "Database",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseUnavailable",
    "DiskFull",
    "StorageIOError",
    "StoreError",
    "open_database",
]
