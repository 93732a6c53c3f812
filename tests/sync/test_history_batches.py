"""A first history pull commits its pages in batches (one fsync per batch, not per page);
whatever cuts it short, the next sync goes on from the last commit without losing or
repeating a row: real sandbox on loopback, real SQLite cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.errors import Unavailable
from sobrus_comm.backend.sandbox.server import RunningSandbox
from sobrus_comm.services.sync import COMMUNICATIONS, SyncService
from sobrus_comm.store import open_database
from sobrus_comm.store.db import Database
from tests.sync.conftest import SANDBOX_HISTORY, logged_in_api

PAGE = 20
BATCH_ROWS = 50  # a commit after every third page: pages 3, 6, 8 (the last)


class NetworkLostAfter:
    """The real client, whose history pages stop coming after the ``pages``-th."""

    def __init__(self, api: SobrusApi, pages: int | None = None) -> None:
        self.api, self.pages, self.fetched, self.items = api, pages, 0, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.api, name)

    def iter_communications(self, **kwargs: Any) -> Iterator[Any]:
        for page in self.api.iter_communications(**kwargs):
            if self.pages is not None and self.fetched == self.pages:
                raise Unavailable()
            self.fetched += 1
            self.items += len(page.items)
            yield page


def _service(api: Any, db: Database, **kwargs: Any) -> SyncService:
    # No time bound on a batch here: the commits must fall where the rows put them.
    return SyncService(api, db, page_size=PAGE, first_pull_batch_rows=BATCH_ROWS,
                       first_pull_batch_max_s=3600.0, **kwargs)


def _pull_indexes(db: Database) -> int:
    with db.read() as conn:
        return conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
            "('ix_communications_client_message_id', 'ix_sent_purposes_client')").scalar()


def _resume_and_check(api: SobrusApi, db: Database, committed: int) -> None:
    again = NetworkLostAfter(api)
    report = _service(again, db).sync()
    assert again.items == SANDBOX_HISTORY - committed  # only what was not committed
    assert report.history_reset
    ids = [r.id for r in db.communications.load_history_rows()]
    assert len(ids) == SANDBOX_HISTORY and len(set(ids)) == SANDBOX_HISTORY
    # Every row the server has, as the server has it (nothing lost on the way).
    server = {c.id for page in api.iter_communications(limit=100) for c in page.items}
    assert set(ids) == server


@pytest.mark.parametrize("k", [1, 3, 5])
def test_network_lost_after_the_kth_page_keeps_every_page_written(
        sandbox: RunningSandbox, tmp_path: Path, k: int) -> None:
    db = open_database(tmp_path / "app" / "cache.sqlite3")
    api = logged_in_api(sandbox.base_url)
    try:
        cut = NetworkLostAfter(api, pages=k)
        with pytest.raises(Unavailable):
            _service(cut, db).sync()
        # The pages written, even those of an unfinished batch, are kept with their cursor.
        assert db.communications.count() == k * PAGE
        assert db.cursors.get(COMMUNICATIONS) is not None
        _resume_and_check(api, db, committed=k * PAGE)
    finally:
        api.close()
        db.close()


@pytest.mark.parametrize(("k", "committed_pages"), [(2, 0), (3, 0), (5, 3), (7, 6)])
def test_a_crash_while_writing_the_kth_page_resumes_from_the_last_commit(
        sandbox: RunningSandbox, tmp_path: Path, k: int, committed_pages: int) -> None:
    db = open_database(tmp_path / "app" / "cache.sqlite3")
    api = logged_in_api(sandbox.base_url)
    try:
        written: list[int] = []
        indexed_during: list[int] = []

        def crashing_on_page_k(done: int, _total: int) -> None:
            written.append(done)
            indexed_during.append(_pull_indexes(db))
            if len(written) == k:  # page k is half-written: its rows are in, not its cursor
                raise RuntimeError("the process dies here")

        with pytest.raises(RuntimeError):
            _service(api, db, history_progress=crashing_on_page_k).sync()
        # Nothing of the open batch stays; the committed pages stay, with their cursor.
        assert db.communications.count() == committed_pages * PAGE
        assert (db.cursors.get(COMMUNICATIONS) is None) == (committed_pages == 0)
        # Those indexes are left out while a first pull writes, and made again however it ends.
        assert indexed_during and set(indexed_during) == {0}
        assert _pull_indexes(db) == 2
        _resume_and_check(api, db, committed=committed_pages * PAGE)
        assert _pull_indexes(db) == 2
    finally:
        api.close()
        db.close()
