"""Where each resource's incremental pull stopped (the server's ``updated_since`` cursor)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from sobrus_comm.store._base import Repository
from sobrus_comm.store.timestamps import from_ts, now_ts


@dataclass(frozen=True)
class SyncCursor:
    resource: str
    cursor: str | None  # None: the next pull of this resource is a full one
    full_sync_at: datetime | None
    updated_at: datetime | None


class CursorRepository(Repository):
    def get(self, resource: str) -> str | None:
        with self._db.read() as conn:
            return conn.exec_driver_sql(
                "SELECT cursor FROM sync_cursors WHERE resource = ?", (resource,)
            ).scalar()

    def set(
        self,
        resource: str,
        cursor: str | None,
        *,
        full: bool = False,
        conn: Connection | None = None,
    ) -> None:
        """Record ``cursor``; ``full=True`` also stamps the end of a full pull."""
        now = now_ts()
        with self._db.write(conn) as tx:
            tx.exec_driver_sql(
                "INSERT INTO sync_cursors (resource, cursor, full_sync_at, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(resource) DO UPDATE SET "
                "cursor = excluded.cursor, updated_at = excluded.updated_at, "
                "full_sync_at = coalesce(excluded.full_sync_at, sync_cursors.full_sync_at)",
                (resource, cursor, now if full else None, now),
            )

    def all(self) -> list[SyncCursor]:
        with self._db.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT resource, cursor, full_sync_at, updated_at FROM sync_cursors "
                "ORDER BY resource"
            ).all()
        return [SyncCursor(r[0], r[1], from_ts(r[2]), from_ts(r[3])) for r in rows]

    def reset(self, *, conn: Connection | None = None) -> None:
        """Forget every cursor: the next sync is a full one."""
        with self._db.write(conn) as tx:
            tx.exec_driver_sql("DELETE FROM sync_cursors")
