"""The shape of a history row and the query that reads them all: no SQLAlchemy here, so
that ``store.prefetch`` can start reading before the heavy imports are done."""

from __future__ import annotations

import enum
from typing import Any


class HistoryColumn(enum.IntEnum):
    """Index of each field in a history row tuple: the order of ``Communication``'s fields
    (and of ``domain.history_view.ROW_FIELDS``, which the GUI reads them with)."""

    ID = 0
    CLIENT_MESSAGE_ID = 1
    CREATED_AT = 2  # int, Unix seconds UTC
    UPDATED_AT = 3  # int | None
    INITIATED_BY = 4
    TYPE = 5
    STATUS = 6  # str, a MessageStatus value
    CONTENT = 7
    RECIPIENT_NAME = 8
    RECIPIENT_PHONE = 9  # str | None
    CLIENT_ID = 10  # int | None
    FAILURE_REASON = 11  # str | None
    SEGMENTS = 12  # int
    CAMPAIGN_ID = 13  # str | None
    IS_TEST = 14  # int, 0 or 1
    # str | None: « queued@1700000000;sent@1700000030 » (domain.history_view codec);
    # None for rows cached before revision 0003. Last, so that no other index moved.
    STATUS_HISTORY = 15
    KIND = 16  # str | None: a MessageKind value (revision 0004)


HistoryRow = tuple[Any, ...]

HISTORY_COLUMNS = ", ".join(c.name.lower() for c in HistoryColumn)
HISTORY_ORDER = "ORDER BY created_at DESC, id DESC"
#: Every history row, newest first.
HISTORY_SELECT = f"SELECT {HISTORY_COLUMNS} FROM communications {HISTORY_ORDER}"
