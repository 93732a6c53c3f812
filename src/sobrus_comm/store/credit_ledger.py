"""The credit ledger as mirrored from the backend, and what its check reads of the history.

Queries: SQLAlchemy Core on ``credit_ledger`` (a few movements a day: the typed expression
wins), raw SQL where rows count in hundred thousands (the items of every charge, and the
history's columns the reconciliation needs).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from sobrus_comm.domain.credit_ledger import LedgerItem, LedgerMessage, Movement, MovementKind
from sobrus_comm.store._base import Repository, json_list
from sobrus_comm.store.tables import campaigns, credit_ledger
from sobrus_comm.store.timestamps import from_ts, to_ts


class CreditLedgerRepository(Repository):
    def upsert_many(self, movements: Iterable[Movement], *,
                    conn: Connection | None = None) -> int:
        rows = list(movements)
        if not rows:
            return 0
        with self._db.write(conn) as tx:
            new = insert(credit_ledger)
            tx.execute(new.on_conflict_do_update(
                index_elements=[credit_ledger.c.id],
                set_={c: new.excluded[c] for c in ("kind", "credits", "balance_after",
                                                   "created_at", "campaign_id",
                                                   "recharge_request_id", "note")},
            ), [{"id": m.id, "kind": m.kind.value, "credits": m.credits,
                 "balance_after": m.balance_after, "created_at": to_ts(m.at),
                 "campaign_id": m.campaign_id, "recharge_request_id": m.recharge_request_id,
                 "note": m.note} for m in rows])
            # Raw SQL: a decade's charges list a million messages (the Core insert took
            # 8 s of a first sync building their parameters).
            tx.exec_driver_sql("DELETE FROM credit_ledger_items WHERE movement_id IN "
                               "(SELECT value FROM json_each(?))", (json_list(m.id for m in rows),))
            items = [(m.id, i.client_message_id, i.credits) for m in rows for i in m.items]
            if items:
                tx.exec_driver_sql("INSERT OR REPLACE INTO credit_ledger_items "
                                   "(movement_id, client_message_id, credits) VALUES (?, ?, ?)",
                                   items)
        return len(rows)

    def delete_missing(self, seen: Iterable[int], *, conn: Connection | None = None) -> None:
        """After a full pull: forget movements the server no longer lists."""
        with self._db.write(conn) as tx:
            for sql in ("DELETE FROM credit_ledger_items WHERE movement_id NOT IN "
                        "(SELECT value FROM json_each(?))",
                        "DELETE FROM credit_ledger WHERE id NOT IN "
                        "(SELECT value FROM json_each(?))"):
                tx.exec_driver_sql(sql, (json_list(seen),))

    def movements(self) -> list[Movement]:
        """Every movement, oldest first, with its messages (the Crédits tab, the statement;
        a sync's forecast reads :meth:`credits_by_kind` instead)."""
        with self._db.read() as conn:
            items: dict[int, list[LedgerItem]] = defaultdict(list)
            # Raw rows: a charge lists every message of its batch (100k items and more).
            for movement_id, cmid, credits in conn.exec_driver_sql(
                    "SELECT movement_id, client_message_id, credits FROM credit_ledger_items "
                    "ORDER BY movement_id, client_message_id").fetchall():
                items[movement_id].append(LedgerItem(cmid, credits))
            rows = conn.execute(select(credit_ledger).order_by(credit_ledger.c.id)).all()
        movements = []
        for r in rows:
            at = from_ts(r.created_at)
            assert at is not None
            movements.append(Movement(r.id, MovementKind(r.kind), r.credits, r.balance_after,
                                      at, r.campaign_id, tuple(items.get(r.id, ())), r.note,
                                      r.recharge_request_id))
        return movements

    def credits_by_kind(self, since: datetime, until: datetime) -> dict[MovementKind, int]:
        """The credits each kind of movement moved between two instants (both included):
        what a pace needs, summed here (a month of a busy account is 20k movements)."""
        with self._db.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT kind, SUM(credits) FROM credit_ledger "
                "WHERE created_at BETWEEN ? AND ? GROUP BY kind",
                (math.ceil(since.timestamp()), math.floor(until.timestamp()))).all()
        return {MovementKind(kind): total for kind, total in rows}

    def messages(self, since: datetime | None = None) -> list[LedgerMessage]:
        """What the reconciliation needs of each message of the history (created at or after
        ``since``, the ledger's opening: older ones are not the ledger's to explain)."""
        start = to_ts(since) if since is not None else 0
        with self._db.read() as conn:
            rows = conn.exec_driver_sql(  # raw tuples: the whole history is read
                "SELECT client_message_id, segments, status, created_at, campaign_id "
                "FROM communications WHERE created_at >= ?", (start,)).fetchall()
        return [LedgerMessage(cmid, segments, status, datetime.fromtimestamp(created, UTC),
                              campaign_id)
                for cmid, segments, status, created, campaign_id in rows]

    def campaign_labels(self) -> dict[str, str]:
        """The names of the grouped sends made on this workstation, by campaign id."""
        with self._db.read() as conn:
            return {r.id: r.label for r in conn.execute(
                select(campaigns.c.id, campaigns.c.label).where(campaigns.c.label != ""))}

