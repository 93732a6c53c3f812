"""The query that reads the history rows: no SQLAlchemy here, so that ``store.prefetch`` can
start reading before the heavy imports are done. The row's shape is
:class:`~sobrus_comm.domain.history_row.HistoryRow`; the columns follow its fields."""

from __future__ import annotations

from sobrus_comm.domain.history_row import HISTORY_FIELDS, HistoryRow

HISTORY_COLUMNS = ", ".join(HISTORY_FIELDS)
HISTORY_ORDER = "ORDER BY created_at DESC, id DESC"
#: Every history row, newest first.
HISTORY_SELECT = f"SELECT {HISTORY_COLUMNS} FROM communications {HISTORY_ORDER}"

__all__ = ["HISTORY_COLUMNS", "HISTORY_ORDER", "HISTORY_SELECT", "HistoryRow"]
