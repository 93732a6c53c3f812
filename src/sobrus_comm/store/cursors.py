"""Where each resource's incremental pull stopped (the server's ``updated_since`` cursor).

Queries: SQLAlchemy Core on the ``sync_cursors`` table of :mod:`store.tables` (a handful of
rows, touched once per sync: not a hot path, so the typed expression wins over raw SQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, select
from sqlalchemy.dialects.sqlite import insert

from sobrus_comm.store._base import Repository
from sobrus_comm.store.tables import sync_cursors
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
            value: str | None = conn.execute(
                select(sync_cursors.c.cursor).where(sync_cursors.c.resource == resource)
            ).scalar()
            return value

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
        new = insert(sync_cursors).values(resource=resource, cursor=cursor,
                                          full_sync_at=now if full else None, updated_at=now)
        with self._db.write(conn) as tx:
            tx.execute(new.on_conflict_do_update(
                index_elements=[sync_cursors.c.resource],
                set_={
                    "cursor": new.excluded.cursor,
                    "updated_at": new.excluded.updated_at,
                    "full_sync_at": func.coalesce(new.excluded.full_sync_at,
                                                  sync_cursors.c.full_sync_at),
                },
            ))

    def all(self) -> list[SyncCursor]:
        c = sync_cursors.c
        with self._db.read() as conn:
            rows = conn.execute(
                select(c.resource, c.cursor, c.full_sync_at, c.updated_at).order_by(c.resource)
            ).all()
        return [SyncCursor(r.resource, r.cursor, from_ts(r.full_sync_at), from_ts(r.updated_at))
                for r in rows]

    def reset(self, *, conn: Connection | None = None) -> None:
        """Forget every cursor: the next sync is a full one."""
        with self._db.write(conn) as tx:
            tx.execute(delete(sync_cursors))
