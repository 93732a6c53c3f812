"""The SMS history, as mirrored from the backend.

The history table shows every row (100k and more), so reads come back as plain tuples in
:class:`HistoryColumn` order, straight from the sqlite3 cursor: no ORM objects, no datetime
parsing (timestamps are Unix seconds, UTC; the GUI formats the rows it paints).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from sobrus_comm.domain.history_view import decode_status_history, encode_status_history
from sobrus_comm.domain.models import Communication, MessageStatus
from sobrus_comm.store._base import Repository, json_list
from sobrus_comm.store.history_sql import (
    HISTORY_COLUMNS,
    HISTORY_ORDER,
    HISTORY_SELECT,
    HistoryColumn,
    HistoryRow,
)
from sobrus_comm.store.timestamps import from_ts, to_ts

_COLUMNS = HISTORY_COLUMNS
_ORDER = HISTORY_ORDER
_FETCH_CHUNK = 2000

_UPSERT = f"""
INSERT INTO communications ({_COLUMNS})
VALUES ({", ".join("?" * len(HistoryColumn))})
ON CONFLICT(id) DO UPDATE SET
    created_at = excluded.created_at, updated_at = excluded.updated_at,
    status = excluded.status, recipient_name = excluded.recipient_name,
    recipient_phone = excluded.recipient_phone, content = excluded.content,
    type = excluded.type, initiated_by = excluded.initiated_by, segments = excluded.segments,
    failure_reason = excluded.failure_reason, client_id = excluded.client_id,
    campaign_id = excluded.campaign_id, is_test = excluded.is_test,
    client_message_id = excluded.client_message_id, status_history = excluded.status_history,
    kind = excluded.kind
"""


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
    return (
        c.id, c.client_message_id, to_ts(c.created_at), to_ts(c.updated_at), c.initiated_by,
        c.type, str(c.status), c.content, c.recipient_name, c.recipient_phone, c.client_id,
        c.failure_reason, c.segments, c.campaign_id, int(c.is_test),
        encode_status_history((str(status), ts) for status, at in c.status_history
                              if (ts := to_ts(at)) is not None),
        c.kind,
    )


def row_to_communication(row: HistoryRow) -> Communication:
    created = from_ts(row[HistoryColumn.CREATED_AT])
    assert created is not None
    return Communication(
        id=row[HistoryColumn.ID],
        client_message_id=row[HistoryColumn.CLIENT_MESSAGE_ID],
        created_at=created,
        initiated_by=row[HistoryColumn.INITIATED_BY],
        type=row[HistoryColumn.TYPE],
        status=MessageStatus(row[HistoryColumn.STATUS]),
        content=row[HistoryColumn.CONTENT],
        recipient_name=row[HistoryColumn.RECIPIENT_NAME],
        recipient_phone=row[HistoryColumn.RECIPIENT_PHONE],
        client_id=row[HistoryColumn.CLIENT_ID],
        failure_reason=row[HistoryColumn.FAILURE_REASON],
        segments=row[HistoryColumn.SEGMENTS],
        campaign_id=row[HistoryColumn.CAMPAIGN_ID],
        updated_at=from_ts(row[HistoryColumn.UPDATED_AT]),
        is_test=bool(row[HistoryColumn.IS_TEST]),
        status_history=_steps(row[HistoryColumn.STATUS_HISTORY]),
        kind=row[HistoryColumn.KIND],
    )


def _steps(text: str | None) -> tuple[tuple[MessageStatus, datetime], ...]:
    steps = []
    for status, ts in decode_status_history(text):
        try:
            steps.append((MessageStatus(status), datetime.fromtimestamp(ts, UTC)))
        except ValueError:  # a status this version does not know: leave the step out
            continue
    return tuple(steps)


class CommunicationRepository(Repository):
    def upsert_many(
        self, items: Iterable[Communication], *, conn: Connection | None = None
    ) -> UpsertResult:
        rows = [_to_row(c) for c in items]
        result = UpsertResult()
        if not rows:
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
        """Every row, newest first, as plain tuples (see :class:`HistoryColumn`)."""
        return self._fetch(HISTORY_SELECT)

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
        with self._db.read() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            cursor = raw.execute(sql, params)
            try:
                while chunk := cursor.fetchmany(_FETCH_CHUNK):
                    rows.extend(chunk)
            finally:
                cursor.close()
        return rows
