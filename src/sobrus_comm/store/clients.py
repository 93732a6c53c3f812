"""The pharmacy's clients, as mirrored from the backend.

Queries: raw SQL on purpose. A full sync upserts thousands of clients at once
(``executemany`` of one SQLite UPSERT) and the grouped send reads them all each time it
opens: hot paths, where Core's statement compilation is measurable, and id lists go as one
``json_each`` parameter, which SQLite has and Core does not spell.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from sobrus_comm.domain.languages import parse_language
from sobrus_comm.domain.models import Client
from sobrus_comm.store._base import Repository, json_list
from sobrus_comm.store.timestamps import now_ts

_COLUMNS = ("id, first_name, last_name, phone, balance_due, balance_due_since, sms_opt_out, "
            "preferred_language, first_name_ar, last_name_ar")

_UPSERT = f"""
INSERT INTO clients ({_COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET
    first_name = excluded.first_name, last_name = excluded.last_name,
    phone = excluded.phone, balance_due = excluded.balance_due,
    balance_due_since = excluded.balance_due_since, sms_opt_out = excluded.sms_opt_out,
    preferred_language = excluded.preferred_language,
    first_name_ar = excluded.first_name_ar, last_name_ar = excluded.last_name_ar,
    updated_at = excluded.updated_at
"""


def _to_client(row: tuple[Any, ...], shared: dict[Any, Any] | None = None) -> Client:
    """``shared`` (one dict per read) maps each balance and date text, and language code,
    to one parsed value: at 50k clients most balances are "0.00" and dates repeat
    (immutable values)."""
    id_, first, last, phone, due, since, opt_out, language, first_ar, last_ar = row
    if shared is None:
        shared = {}
    balance = shared.get(due)
    if balance is None:
        balance = shared[due] = Decimal(due)
    day = shared.get(since) if since else None
    if since and day is None:
        day = shared[since] = date.fromisoformat(since)
    lang = shared.get(("language", language))
    if lang is None:  # one enum lookup per distinct code, not per client
        lang = shared[("language", language)] = parse_language(language)
    # Positional: 50k keyword calls cost a tenth of the dialog's opening.
    return Client(id_, first, last, phone, balance, day, bool(opt_out), lang, first_ar,
                  last_ar)


class ClientRepository(Repository):
    def upsert_many(self, clients: Iterable[Client], *, conn: Connection | None = None) -> int:
        now = now_ts()
        rows = [
            (
                c.id, c.first_name, c.last_name, c.phone, str(c.balance_due),
                c.balance_due_since.isoformat() if c.balance_due_since else None,
                int(c.sms_opt_out), str(c.preferred_language), c.first_name_ar,
                c.last_name_ar, now,
            )
            for c in clients
        ]
        if rows:
            with self._db.write(conn) as tx:
                tx.exec_driver_sql(_UPSERT, rows)
        return len(rows)

    def delete_many(self, ids: Iterable[int], *, conn: Connection | None = None) -> int:
        """Apply tombstones: the clients deleted on the server."""
        with self._db.write(conn) as tx:
            result = tx.exec_driver_sql(
                "DELETE FROM clients WHERE id IN (SELECT value FROM json_each(?))",
                (json_list(ids),),
            )
            return result.rowcount

    def delete_missing(self, seen_ids: Iterable[int], *, conn: Connection | None = None) -> int:
        """After a full pull: drop the clients the server no longer lists."""
        with self._db.write(conn) as tx:
            result = tx.exec_driver_sql(
                "DELETE FROM clients WHERE id NOT IN (SELECT value FROM json_each(?))",
                (json_list(seen_ids),),
            )
            return result.rowcount

    def list_all(self) -> list[Client]:
        """Every client, by name: what the grouped-send dialog lists."""
        with self._db.read() as conn:
            # Straight from the sqlite3 cursor: 50k Row objects cost more than the query.
            raw = conn.connection.driver_connection
            assert raw is not None
            rows = raw.execute(
                f"SELECT {_COLUMNS} FROM clients "
                "ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id"
            ).fetchall()
        shared: dict[Any, Any] = {}
        return [_to_client(r, shared) for r in rows]

    def by_ids(self, ids: Iterable[int]) -> list[Client]:
        with self._db.read() as conn:
            rows = conn.exec_driver_sql(
                f"SELECT {_COLUMNS} FROM clients "
                "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                (json_list(ids),),
            ).all()
        return [_to_client(tuple(r)) for r in rows]

    def get(self, client_id: int) -> Client | None:
        found = self.by_ids([client_id])
        return found[0] if found else None

    def count(self) -> int:
        with self._db.read() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM clients").scalar_one())
