"""One row of the SMS history, as the cache keeps it and every layer reads it.

The one definition of the history's shape: the cache's SELECT and upsert
(``store.history_sql``), the history's index and table (``domain.history_view``, the GUI),
the export and the resend all name fields from here. A ``NamedTuple`` rather than a
dataclass: the history holds 100k rows and more, and a tuple is what the sqlite3 cursor
gives (no per-field copy), with names on top.
"""

from __future__ import annotations

from typing import NamedTuple


class HistoryRow(NamedTuple):
    id: int  # the server's id
    client_message_id: str
    created_at: int  # Unix seconds, UTC
    updated_at: int | None
    initiated_by: str  # the staff member's display name
    type: str  # "sms"
    status: str  # a MessageStatus value
    content: str
    recipient_name: str
    recipient_phone: str | None  # E.164 when it could be parsed
    client_id: int | None
    failure_reason: str | None  # French, for display
    segments: int
    campaign_id: str | None
    is_test: int  # 0 or 1
    # « queued@1700000000;sent@1700000030 » (domain.history_view codec); None when unknown
    status_history: str | None
    kind: str | None  # a MessageKind value; None when the backend did not say


#: The field names, in the order of the cache's columns.
HISTORY_FIELDS: tuple[str, ...] = HistoryRow._fields
