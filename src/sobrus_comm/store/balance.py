"""The pharmacy's SMS balance (credits), as last seen from the backend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from sobrus_comm.store._base import Repository
from sobrus_comm.store.timestamps import from_ts, now_ts, to_ts


@dataclass(frozen=True)
class SmsBalance:
    credits: int
    updated_at: datetime  # when the backend reported it (UTC): "solde au …"


class BalanceRepository(Repository):
    def get(self) -> SmsBalance | None:
        """None until the first sync has brought a balance."""
        with self._db.read() as conn:
            row = conn.exec_driver_sql(
                "SELECT credits, updated_at FROM balance WHERE id = 1"
            ).first()
        if row is None:
            return None
        updated = from_ts(row[1])
        assert updated is not None
        return SmsBalance(credits=row[0], updated_at=updated)

    def set(
        self,
        credits: int,
        updated_at: datetime | None = None,
        *,
        conn: Connection | None = None,
    ) -> None:
        stamp = to_ts(updated_at) if updated_at is not None else now_ts()
        with self._db.write(conn) as tx:
            tx.exec_driver_sql(
                "INSERT INTO balance (id, credits, updated_at) VALUES (1, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET credits = excluded.credits, "
                "updated_at = excluded.updated_at",
                (int(credits), stamp),
            )
