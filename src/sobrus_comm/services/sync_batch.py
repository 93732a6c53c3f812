"""Pages of a long pull committed together: one fsync per batch, not per page.

A first history pull is two thousand pages; with ``synchronous=FULL`` each commit is an
fsync, and committing each page was a large share of the pull. A :class:`PageBatch` keeps
one write transaction open across pages until ``rows`` rows are in it. Each page is still
written with its cursor in that same transaction, so whatever is committed is a whole
number of pages and the cursor that follows them: an interrupted pull resumes from the
last commit, never losing or repeating a row.

A batch is also committed once it has been open ``max_open_s``: the sender thread writes to
the same file, and must not wait for the write lock anywhere near the busy timeout while
pages come in slowly.
"""

from __future__ import annotations

import time
from contextlib import AbstractContextManager
from types import TracebackType

from sqlalchemy import Connection

from sobrus_comm.store.db import Database


class PageBatch:
    """A write transaction shared by consecutive pages, committed every ``rows`` rows.

    ``rows=0`` commits each page alone (the incremental pulls: a page or two).
    """

    def __init__(self, db: Database, rows: int = 0, max_open_s: float = 1.0,
                 conn: Connection | None = None) -> None:
        self._db = db
        self._conn = conn  # one connection for every batch (Database.long_writer)
        self._rows = rows
        self._max_open_s = max_open_s
        self._opened_at = 0.0
        self._open: AbstractContextManager[Connection] | None = None
        self._tx: Connection | None = None
        self._pending = 0

    def tx(self) -> Connection:
        """The open transaction (begun on first use)."""
        if self._tx is None:
            self._open = (self._db.write() if self._conn is None
                          else self._db.write_on(self._conn))
            self._tx = self._open.__enter__()
            self._opened_at = time.monotonic()
        return self._tx

    def page_done(self, rows: int) -> None:
        """A page and its cursor are written: commit if the batch is full."""
        self._pending += rows
        if (self._pending >= self._rows
                or time.monotonic() - self._opened_at >= self._max_open_s):
            self.commit()

    def commit(self) -> None:
        """Commit the whole pages written so far (nothing if none)."""
        self._close(None, None, None)

    def rollback(self, exc: BaseException) -> None:
        """Undo what is not committed (a page that failed half-way must not stay)."""
        self._close(type(exc), exc, exc.__traceback__)

    def _close(self, kind: type[BaseException] | None, exc: BaseException | None,
               tb: TracebackType | None) -> None:
        opened, self._open, self._tx, self._pending = self._open, None, None, 0
        if opened is not None:
            opened.__exit__(kind, exc, tb)
