"""The SMS history, as mirrored from the backend.

The history table shows every row (100k and more), so reads come back as
:class:`~sobrus_comm.domain.history_row.HistoryRow` named tuples made straight from the
sqlite3 cursor: no ORM objects, no datetime parsing (timestamps are Unix seconds, UTC; the
GUI formats the rows it paints).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from sobrus_comm.domain.history_columns import HistoryColumns
from sobrus_comm.domain.history_row import HISTORY_FIELDS, HistoryRow
from sobrus_comm.domain.history_view import decode_status_history, encode_status_history
from sobrus_comm.domain.models import Communication, MessageStatus
from sobrus_comm.store._base import Repository, json_list
from sobrus_comm.store.history_sql import (
    HISTORY_COLUMNS,
    HISTORY_ORDER,
    HISTORY_SELECT,
    history_rows,
)
from sobrus_comm.store.tables import communications, sent_purposes
from sobrus_comm.store.timestamps import from_ts, to_ts

_COLUMNS = HISTORY_COLUMNS
_ORDER = HISTORY_ORDER
_FETCH_CHUNK = 2000

# Every field but the key is overwritten: the server owns the row.
_UPSERT = (
    f"INSERT INTO communications ({_COLUMNS}) VALUES ({', '.join('?' * len(HISTORY_FIELDS))}) "
    "ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in HISTORY_FIELDS if name != "id")
)


@dataclass
class UpsertResult:
    """Which rows a pull added and which it changed: what the history model must touch."""

    new_ids: list[int] = field(default_factory=list)
    changed_ids: list[int] = field(default_factory=list)

    def extend(self, other: UpsertResult) -> None:
        self.new_ids.extend(other.new_ids)
        self.changed_ids.extend(other.changed_ids)

    def __bool__(self) -> bool:
        return bool(self.new_ids or self.changed_ids)


def _to_row(c: Communication) -> HistoryRow:
    # Positional, in HISTORY_FIELDS' order: a first sync converts a million of them.
    created = to_ts(c.created_at)
    assert created is not None
    steps = encode_status_history([(str(status), ts) for status, at in c.status_history
                                   if (ts := to_ts(at)) is not None])
    return HistoryRow(
        c.id, c.client_message_id, created, to_ts(c.updated_at), c.initiated_by, c.type,
        str(c.status), c.content, c.recipient_name, c.recipient_phone, c.client_id,
        c.failure_reason, c.segments, c.campaign_id, int(c.is_test),
        steps,
        c.kind,
    )


def row_to_communication(row: HistoryRow) -> Communication:
    created = from_ts(row.created_at)
    assert created is not None
    return Communication(
        id=row.id, client_message_id=row.client_message_id, created_at=created,
        initiated_by=row.initiated_by, type=row.type, status=MessageStatus(row.status),
        content=row.content, recipient_name=row.recipient_name,
        recipient_phone=row.recipient_phone, client_id=row.client_id,
        failure_reason=row.failure_reason, segments=row.segments,
        campaign_id=row.campaign_id, updated_at=from_ts(row.updated_at),
        is_test=bool(row.is_test), status_history=_steps(row.status_history), kind=row.kind,
    )


def _steps(text: str | None) -> tuple[tuple[MessageStatus, datetime], ...]:
    steps = []
    for status, ts in decode_status_history(text):
        try:
            steps.append((MessageStatus(status), datetime.fromtimestamp(ts, UTC)))
        except ValueError:  # a status this version does not know: leave the step out
            continue
    return tuple(steps)


# Kept up to date row by row, these indexes (random UUIDs, clients in no order) cost a
# first pull of 1M rows about 10 s of inserts at random places, their pages written again
# at each commit; made once at the end, about 1.5 s.
_PULL_INDEXES = (
    next(i for i in communications.indexes if i.name == "ix_communications_client_message_id"),
    next(i for i in sent_purposes.indexes if i.name == "ix_sent_purposes_client"),
)


class CommunicationRepository(Repository):
    @contextmanager
    def without_pull_indexes(self) -> Iterator[None]:
        """For a first pull: the indexes the history's rows (and their frequency-cap rows)
        would update at random places are dropped, then made again at the end, however
        the pull ends (lookups by those columns meanwhile scan the table)."""
        with self._db.write() as tx:
            for index in _PULL_INDEXES:
                index.drop(tx, checkfirst=True)
        try:
            yield
        finally:
            with self._db.write() as tx:
                for index in _PULL_INDEXES:
                    index.create(tx, checkfirst=True)

    def upsert_many(
        self, items: Iterable[Communication], *, conn: Connection | None = None,
        which: bool = True,
    ) -> UpsertResult:
        """Write the rows; with ``which``, say which were new and which changed (a first
        pull reloads the history whole and skips that lookup)."""
        rows = [_to_row(c) for c in items]
        result = UpsertResult()
        if not rows:
            return result
        if not which:
            with self._db.write(conn) as tx:
                tx.exec_driver_sql(_UPSERT, rows)
            return result
        with self._db.write(conn) as tx:
            ids = [r[0] for r in rows]
            existing = set(
                tx.exec_driver_sql(
                    "SELECT id FROM communications WHERE id IN (SELECT value FROM json_each(?))",
                    (json_list(ids),),
                ).scalars()
            )
            tx.exec_driver_sql(_UPSERT, rows)
        for id_ in dict.fromkeys(ids):  # a page may repeat an id: report it once
            (result.changed_ids if id_ in existing else result.new_ids).append(id_)
        return result

    def delete_many(self, ids: Iterable[int], *, conn: Connection | None = None) -> int:
        with self._db.write(conn) as tx:
            return tx.exec_driver_sql(
                "DELETE FROM communications WHERE id IN (SELECT value FROM json_each(?))",
                (json_list(ids),),
            ).rowcount

    def delete_missing(self, seen_ids: Iterable[int], *, conn: Connection | None = None) -> int:
        """After a full pull: drop the rows the server no longer lists."""
        with self._db.write(conn) as tx:
            return tx.exec_driver_sql(
                "DELETE FROM communications WHERE id NOT IN (SELECT value FROM json_each(?))",
                (json_list(seen_ids),),
            ).rowcount

    def load_history_rows(self) -> list[HistoryRow]:
        """Every row, newest first."""
        return self._fetch(HISTORY_SELECT)

    def load_newest_rows(self, limit: int) -> list[HistoryRow]:
        """The ``limit`` newest rows, newest first (what a window paints first)."""
        return self._fetch(f"{HISTORY_SELECT} LIMIT ?", (limit,))

    def load_history_columns(self) -> HistoryColumns:
        """Every row, newest first, as compact columns (what the history window holds):
        read in chunks, so that a million row tuples never exist at once."""
        columns = HistoryColumns()
        with self._db.read() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            cursor = raw.execute(HISTORY_SELECT)
            try:
                while chunk := cursor.fetchmany(_FETCH_CHUNK):
                    columns.extend(chunk)
            finally:
                cursor.close()
        columns.positions()  # made here, in the reading thread, not by the GUI
        return columns

    def rows_by_ids(self, ids: Iterable[int]) -> list[HistoryRow]:
        """The given rows (for live updates of the history model), newest first."""
        return self._fetch(
            f"SELECT {_COLUMNS} FROM communications "
            f"WHERE id IN (SELECT value FROM json_each(?)) {_ORDER}",
            (json_list(ids),),
        )

    def get(self, communication_id: int) -> Communication | None:
        rows = self.rows_by_ids([communication_id])
        return row_to_communication(rows[0]) if rows else None

    def count(self) -> int:
        with self._db.read() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM communications").scalar_one())

    def _fetch(self, sql: str, params: tuple[Any, ...] = ()) -> list[HistoryRow]:
        # Straight from the sqlite3 cursor: Row objects would cost more than the query.
        # In chunks: one fetchall() of 100k rows is a single C call that can keep the GIL
        # from the GUI thread for its whole length; a Python loop lets it switch.
        rows: list[HistoryRow] = []
        shared: dict[object, object] = {}
        with self._db.read() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            cursor = raw.execute(sql, params)
            try:
                while chunk := cursor.fetchmany(_FETCH_CHUNK):
                    rows.extend(history_rows(chunk, shared))
            finally:
                cursor.close()
        return rows
