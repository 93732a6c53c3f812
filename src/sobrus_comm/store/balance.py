"""The pharmacy's SMS balance (credits), as last seen from the backend.

Queries: SQLAlchemy Core on the ``balance`` table of :mod:`store.tables` (one row, read at
start and after each sync: not a hot path, so the typed expression wins over raw SQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from sobrus_comm.store._base import Repository
from sobrus_comm.store.tables import balance
from sobrus_comm.store.timestamps import from_ts, now_ts, to_ts


@dataclass(frozen=True)
class SmsBalance:
    credits: int
    updated_at: datetime  # when the backend reported it (UTC): "solde au …"


class BalanceRepository(Repository):
    def get(self) -> SmsBalance | None:
        """None until the first sync has brought a balance."""
        with self._db.read() as conn:
            row = conn.execute(
                select(balance.c.credits, balance.c.updated_at).where(balance.c.id == 1)
            ).first()
        if row is None:
            return None
        updated = from_ts(row.updated_at)
        assert updated is not None
        return SmsBalance(credits=row.credits, updated_at=updated)

    def set(
        self,
        credits: int,
        updated_at: datetime | None = None,
        *,
        conn: Connection | None = None,
    ) -> None:
        stamp = to_ts(updated_at) if updated_at is not None else now_ts()
        new = insert(balance).values(id=1, credits=int(credits), updated_at=stamp)
        with self._db.write(conn) as tx:
            tx.execute(new.on_conflict_do_update(
                index_elements=[balance.c.id],
                set_={"credits": new.excluded.credits, "updated_at": new.excluded.updated_at},
            ))
