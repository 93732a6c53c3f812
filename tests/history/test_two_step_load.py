"""A long history paints from its newest rows at once; the rest arrives from the reading
thread without losing what sync changed meanwhile. Real SQLite file, real window."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from sobrus_comm.domain.history_row import HISTORY_FIELDS, HistoryRow
from sobrus_comm.gui.main_window import MainWindow
from sobrus_comm.store import open_database
from sobrus_comm.store.prefetch import FIRST_PAGE, HistoryPrefetch
from tests.history.rows import make_rows

N_ROWS = 3 * FIRST_PAGE + 17


def _cache_with(path: Path, rows: list[HistoryRow]) -> None:
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.executemany(f"INSERT INTO communications ({', '.join(HISTORY_FIELDS)}) "
                         f"VALUES ({', '.join('?' * len(HISTORY_FIELDS))})", rows)
    conn.close()


def test_prefetch_gives_the_newest_rows_and_the_count_then_every_row(tmp_path: Path) -> None:
    rows = make_rows(N_ROWS)
    path = tmp_path / "cache.sqlite3"
    _cache_with(path, rows)
    prefetch = HistoryPrefetch(path)
    first = prefetch.first_page()
    assert first is not None and first.total == N_ROWS and not first.complete
    assert [r.id for r in first.rows] == [r.id for r in rows[:FIRST_PAGE]]  # newest first
    delivered: list[list[HistoryRow] | None] = []
    done = threading.Event()

    def keep(all_rows: list[HistoryRow] | None) -> None:
        delivered.append(all_rows)
        done.set()

    prefetch.when_done(keep)
    assert done.wait(30)
    assert delivered == [rows]  # as written, newest first, named records
    late: list[list[HistoryRow] | None] = []
    prefetch.when_done(late.append)  # asked after the end: answered at once
    assert late == [rows]


def test_small_history_is_complete_in_one_step(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _cache_with(path, make_rows(40))
    first = HistoryPrefetch(path).first_page()
    assert first is not None and first.complete and len(first.rows) == 40


def test_window_counts_the_whole_history_then_takes_the_rest_and_sync_changes(
        qtbot: QtBot) -> None:
    rows = make_rows(N_ROWS)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    page = win.history
    page.set_rows(rows[:FIRST_PAGE], total=N_ROWS)
    assert page.loading()
    assert win.ui.historyCountLabel.text() == "1\u202f517 communications"
    assert win.ui.historyTable.model().rowCount() == FIRST_PAGE
    # A sync lands while the rest is read: it must survive the older rows arriving.
    changed = rows[3]._replace(status="failed", failure_reason="Numéro injoignable")
    page.upsert_rows([changed])
    reader = threading.Thread(target=page.deliver_rows, args=(rows,))
    with qtbot.waitSignal(page._sig_rows_arrived):
        reader.start()
    reader.join()
    assert not page.loading()
    assert win.ui.historyTable.model().rowCount() == N_ROWS
    assert win.ui.historyCountLabel.text() == "1\u202f517 communications"
    index = page.model.index_
    assert index.rows[index._pos_by_id[changed.id]].status == "failed"
