"""Reading the history for the first paint, before SQLAlchemy is even imported.

The window shows the cached history at once from a plain read-only sqlite3 connection (in a
thread, started first thing); the store proper (SQLAlchemy, migrations, repositories) opens
right after the window is painted. It only ever reads; if the file is missing, locked, from
an older schema or anything else, the result is None and the normal path (migrations, then
the repository) reads the rows instead.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.store.history_sql import HISTORY_SELECT
from sobrus_comm.store.migrate import HEAD_REVISION


class HistoryPrefetch:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._rows: list[HistoryRow] | None = None
        #: The SMS balance in the cache (None: none yet, or not read).
        self.credits: int | None = None
        self._thread = threading.Thread(target=self._read, name="history-prefetch",
                                        daemon=True)
        self._thread.start()

    def _read(self) -> None:
        if not self._path.exists():
            return
        try:
            conn = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, timeout=0.5)
            try:
                version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if version is None or version[0] != HEAD_REVISION:
                    return  # an upgrade will run first: read after it
                balance = conn.execute("SELECT credits FROM balance WHERE id = 1").fetchone()
                self.credits = balance[0] if balance else None
                self._rows = list(map(HistoryRow._make, conn.execute(HISTORY_SELECT)))
            finally:
                conn.close()
        except sqlite3.Error:
            self._rows = self.credits = None  # the normal path says what is wrong, in French

    def result(self, timeout: float = 30.0) -> list[HistoryRow] | None:
        """The rows, newest first, or None: read them the usual way."""
        self._thread.join(timeout)
        return None if self._thread.is_alive() else self._rows
