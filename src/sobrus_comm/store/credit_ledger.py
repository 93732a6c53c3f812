"""The credit ledger as mirrored from the backend, and what its check reads of the history.

Queries: SQLAlchemy Core on ``credit_ledger`` and ``credit_ledger_items`` (a few movements a
day, read when the « Crédits » tab opens: not a hot path, so the typed expression wins),
and one plain SELECT of the history's columns the reconciliation needs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.sqlite import insert

from sobrus_comm.domain.credit_ledger import LedgerItem, LedgerMessage, Movement, MovementKind
from sobrus_comm.store._base import Repository, json_list
from sobrus_comm.store.tables import campaigns, communications, credit_ledger, credit_ledger_items
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
            tx.execute(delete(credit_ledger_items).where(
                credit_ledger_items.c.movement_id.in_([m.id for m in rows])))
            items = [{"movement_id": m.id, "client_message_id": i.client_message_id,
                      "credits": i.credits} for m in rows for i in m.items]
            if items:
                tx.execute(insert(credit_ledger_items).prefix_with("OR REPLACE"), items)
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
        """Every movement, oldest first, with its messages."""
        c, i = credit_ledger.c, credit_ledger_items.c
        with self._db.read() as conn:
            items: dict[int, list[LedgerItem]] = defaultdict(list)
            for row in conn.execute(select(i.movement_id, i.client_message_id, i.credits)
                                    .order_by(i.movement_id, i.client_message_id)):
                items[row.movement_id].append(LedgerItem(row.client_message_id, row.credits))
            rows = conn.execute(select(credit_ledger).order_by(c.id)).all()
        movements = []
        for r in rows:
            at = from_ts(r.created_at)
            assert at is not None
            movements.append(Movement(r.id, MovementKind(r.kind), r.credits, r.balance_after,
                                      at, r.campaign_id, tuple(items.get(r.id, ())), r.note,
                                      r.recharge_request_id))
        return movements

    def messages(self) -> list[LedgerMessage]:
        """What the reconciliation needs of each message of the history."""
        h = communications.c
        with self._db.read() as conn:
            rows = conn.execute(select(h.client_message_id, h.segments, h.status,
                                       h.created_at, h.campaign_id)).all()
        out = []
        for r in rows:
            at = from_ts(r.created_at)
            assert at is not None
            out.append(LedgerMessage(r.client_message_id, r.segments, r.status, at,
                                     r.campaign_id))
        return out

    def campaign_labels(self) -> dict[str, str]:
        """The names of the grouped sends made on this workstation, by campaign id."""
        with self._db.read() as conn:
            return {r.id: r.label for r in conn.execute(
                select(campaigns.c.id, campaigns.c.label).where(campaigns.c.label != ""))}

