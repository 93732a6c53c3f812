"""The local SQLite cache: tables, repositories and Alembic migrations (no Qt).

Entry point: :func:`open_database`, which returns a :class:`Database` holding one
repository per entity (``db.clients``, ``db.templates``, ``db.communications``,
``db.balance``, ``db.cursors``, ``db.outbox``). Nothing outside this package writes SQL.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sobrus_comm.store.db import Database, open_database
    from sobrus_comm.store.errors import (
        DatabaseCorrupt,
        DatabaseLocked,
        DatabaseUnavailable,
        DiskFull,
        StorageIOError,
        StoreError,
    )

# Resolved on first use, so that a light submodule (store.prefetch) can be imported before
# SQLAlchemy is: the app reads its history while the heavy imports run.
_LAZY = {"Database": "db", "open_database": "db", **{name: "errors" for name in (
    "DatabaseCorrupt", "DatabaseLocked", "DatabaseUnavailable", "DiskFull", "StorageIOError",
    "StoreError")}}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(import_module(f"sobrus_comm.store.{module}"), name)


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
