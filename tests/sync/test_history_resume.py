"""A first history pull cut short (app closed, network lost) goes on from where it stopped,
and says how far it is: real sandbox on loopback, real SQLite cache."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.server import RunningSandbox
from sobrus_comm.services.sync import COMMUNICATIONS, SyncInterrupted, SyncService
from sobrus_comm.store import open_database
from tests.sync.conftest import SANDBOX_HISTORY, logged_in_api

PAGE = 20


class PageCounter:
    """The real client, counting the history pages it fetches."""

    def __init__(self, api: SobrusApi) -> None:
        self.api, self.pages, self.items = api, 0, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.api, name)

    def iter_communications(self, **kwargs: Any) -> Iterator[Any]:
        for page in self.api.iter_communications(**kwargs):
            self.pages += 1
            self.items += len(page.items)
            yield page


def test_an_interrupted_first_history_pull_resumes_where_it_stopped(
        sandbox: RunningSandbox, tmp_path: Path) -> None:
    db = open_database(tmp_path / "app" / "cache.sqlite3")
    api = logged_in_api(sandbox.base_url)
    try:
        stop = threading.Event()
        seen: list[tuple[int, int]] = []

        def closing_after_three_pages(done: int, total: int) -> None:
            seen.append((done, total))
            if len(seen) == 3:
                stop.set()  # the app is closed: the pull ends after this page

        first_run = PageCounter(api)
        interrupted = SyncService(first_run, db, page_size=PAGE, stop=stop,  # type: ignore[arg-type]
                                  history_progress=closing_after_three_pages)
        try:
            interrupted.sync()
            raise AssertionError("the sync should have been interrupted")
        except SyncInterrupted:
            pass
        assert seen == [(PAGE, SANDBOX_HISTORY), (2 * PAGE, SANDBOX_HISTORY),
                        (3 * PAGE, SANDBOX_HISTORY)]
        assert db.communications.count() == 3 * PAGE  # each page kept with its cursor
        assert db.cursors.get(COMMUNICATIONS) is not None

        resumed: list[tuple[int, int]] = []
        second_run = PageCounter(api)
        service = SyncService(second_run, db, page_size=PAGE,  # type: ignore[arg-type]
                              history_progress=lambda d, t: resumed.append((d, t)))
        report = service.sync()
        # Only the pages not fetched before, and the count goes on from 60, not from 0.
        assert second_run.items == SANDBOX_HISTORY - 3 * PAGE
        assert resumed[0] == (4 * PAGE, SANDBOX_HISTORY)
        assert resumed[-1] == (SANDBOX_HISTORY, SANDBOX_HISTORY)
        assert [d for d, _ in resumed] == sorted(d for d, _ in resumed)
        assert report.history_reset  # the window reloads the history whole, once
        assert db.communications.count() == SANDBOX_HISTORY
        ids = [r.id for r in db.communications.load_history_rows()]
        assert len(set(ids)) == len(ids)

        quiet: list[tuple[int, int]] = []
        after = SyncService(api, db, page_size=PAGE, history_progress=lambda d, t: quiet.append(
            (d, t))).sync()
        assert not after.history_reset and not after.history and quiet == []
    finally:
        api.close()
        db.close()
