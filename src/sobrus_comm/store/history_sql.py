"""The query that reads the history rows: no SQLAlchemy here, so that ``store.prefetch`` can
start reading before the heavy imports are done. The row's shape is
:class:`~sobrus_comm.domain.history_row.HistoryRow`; the columns follow its fields."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sobrus_comm.domain.history_row import HISTORY_FIELDS, HistoryRow

HISTORY_COLUMNS = ", ".join(HISTORY_FIELDS)
HISTORY_ORDER = "ORDER BY created_at DESC, id DESC"
#: Every history row, newest first.
HISTORY_SELECT = f"SELECT {HISTORY_COLUMNS} FROM communications {HISTORY_ORDER}"

_new = tuple.__new__
# The fields whose values repeat across rows, at the positions history_rows() shares.
SHARED_FIELDS = ("initiated_by", "type", "status", "recipient_name", "recipient_phone",
                 "failure_reason", "campaign_id", "kind")
if tuple(HISTORY_FIELDS.index(f) for f in SHARED_FIELDS) != (4, 5, 6, 8, 9, 11, 13, 16):
    raise ImportError("HistoryRow changed: update history_rows() to its new positions")


def history_rows(raw: Iterable[tuple[Any, ...]], shared: dict[Any, Any]) -> Iterator[HistoryRow]:
    """Cursor tuples as :class:`HistoryRow` records, sharing repeated strings.

    sqlite3 makes a new string for every value of every row; at 1M rows the manager, the
    status, the kind, the client's name and number, the campaign and the failure reason
    repeat endlessly (hundreds of MB). ``shared`` maps each value seen to one copy: pass the
    same dict for every chunk of one read.
    """
    get = shared.setdefault
    for r in raw:
        yield _new(HistoryRow, (
            r[0], r[1], r[2], r[3], get(r[4], r[4]), get(r[5], r[5]), get(r[6], r[6]), r[7],
            get(r[8], r[8]), get(r[9], r[9]), r[10], get(r[11], r[11]), r[12],
            get(r[13], r[13]), r[14], r[15], get(r[16], r[16])))


__all__ = ["HISTORY_COLUMNS", "HISTORY_ORDER", "HISTORY_SELECT", "HistoryRow", "history_rows"]
