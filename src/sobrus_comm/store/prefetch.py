"""Reading the history for the first paint, before SQLAlchemy is even imported.

The window shows the cached history at once from a plain read-only sqlite3 connection (in a
thread, started first thing); the store proper (SQLAlchemy, migrations, repositories) opens
right after the window is painted. It only ever reads; if the file is missing, locked, from
an older schema or anything else, the result is None and the normal path (migrations, then
the repository) reads the rows instead.

A decade of history (1M rows) takes seconds to read, so the thread reads in two steps: the
newest :data:`FIRST_PAGE` rows and the count first (what the window paints), then the rest
(handed over with :meth:`HistoryPrefetch.when_done`, from the thread).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sobrus_comm.domain.history_columns import HistoryColumns
from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.store.history_sql import HISTORY_SELECT, history_rows
from sobrus_comm.store.migrate import HEAD_REVISION

FIRST_PAGE = 500  # more than a screen, even sorted the other way round: rows painted first
_CHUNK = 5_000  # rows per fetch: the GUI thread gets the interpreter between chunks


@dataclass(frozen=True)
class FirstPage:
    rows: list[HistoryRow]  # the newest rows, newest first
    total: int  # rows in the cache

    @property
    def complete(self) -> bool:
        return len(self.rows) >= self.total


class HistoryPrefetch:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._first: FirstPage | None = None
        self._rows: HistoryColumns | None = None
        self._first_read = threading.Event()
        self._lock = threading.Lock()
        self._done = False
        self._callback: Callable[[HistoryColumns | None], None] | None = None
        #: The SMS balance in the cache (None: none yet, or not read).
        self.credits: int | None = None
        self._thread = threading.Thread(target=self._read, name="history-prefetch",
                                        daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            self._read_rows()
        finally:
            self._first_read.set()
            with self._lock:
                self._done = True
                callback = self._callback
            if callback is not None:
                callback(self._rows)

    def _read_rows(self) -> None:
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
                conn.execute("BEGIN")  # one snapshot for the count, the page and the rest
                total = conn.execute("SELECT count(*) FROM communications").fetchone()[0]
                cursor = conn.execute(HISTORY_SELECT)
                shared: dict[object, object] = {}
                first = cursor.fetchmany(FIRST_PAGE)
                self._first = FirstPage(list(history_rows(first, shared)), total)
                self._first_read.set()
                # The rest as compact columns, chunk by chunk (never 1M row tuples at once).
                rows = HistoryColumns(first)
                while chunk := cursor.fetchmany(_CHUNK):
                    rows.extend(chunk)
                rows.positions()  # made in this thread, not by the GUI
                self._rows = rows
            finally:
                conn.close()
        except sqlite3.Error:
            self._rows = self.credits = None  # the normal path says what is wrong, in French
            self._first = None

    def first_page(self, timeout: float = 30.0) -> FirstPage | None:
        """The newest rows and the count, as soon as they are read; None: read them the
        usual way."""
        self._first_read.wait(timeout)
        return self._first

    def result(self, timeout: float = 30.0) -> HistoryColumns | None:
        """Every row, newest first, or None: read them the usual way."""
        self._thread.join(timeout)
        return None if self._thread.is_alive() else self._rows

    def when_done(self, callback: Callable[[HistoryColumns | None], None]) -> None:
        """Call ``callback(rows)`` once every row is read: now if they are, else from the
        reading thread (hand them to the GUI through a queued signal)."""
        with self._lock:
            if not self._done:
                self._callback = callback
                return
        callback(self._rows)
