"""On a long history the search runs in a thread, the latest keystroke winning: the rows
shown are always those of the latest text, whatever arrived meanwhile. The threshold is
lowered so that a small generated history takes that path."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.history_view import Filters, HistoryIndex
from sobrus_comm.domain.text_search import parse_query
from sobrus_comm.gui import history_page
from sobrus_comm.gui.main_window import MainWindow
from tests.history.rows import make_rows

N_ROWS = 3_000


@pytest.fixture
def window(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(history_page, "ASYNC_SEARCH_FROM", 1)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.history.set_rows(make_rows(N_ROWS))
    win.history.model.index_.ensure_search_ready()
    return win


def _expected(text: str, rows: list) -> list[int]:  # type: ignore[type-arg]
    index = HistoryIndex(rows)
    index.set_filters(Filters(query=parse_query(text)))
    return [index.rows[i].id for i in index.visible]


def _shown(win: MainWindow) -> list[int]:
    index = win.history.model.index_
    return [index.rows[i].id for i in index.visible]


def test_typing_fast_shows_the_rows_of_the_last_text(window: MainWindow, qtbot: QtBot) -> None:
    page = window.history
    for text in ("b", "be", "ben", "benn", "bennani", "bennani a", "bennani"):
        window.ui.historySearch.setText(text)  # each one while the previous may be running
    qtbot.waitUntil(lambda: not page.search_pending(), timeout=20_000)
    assert _shown(window) == _expected("bennani", make_rows(N_ROWS))
    shown = format_count(len(_shown(window)))
    assert window.ui.historyCountLabel.text() == f"{shown} communications sur 3\u202f000"
    window.ui.historySearch.clear()
    qtbot.waitUntil(lambda: not page.search_pending(), timeout=20_000)
    assert len(_shown(window)) == N_ROWS


def test_rows_arriving_during_a_search_are_searched_too(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    page = window.history
    rows = make_rows(N_ROWS)
    newest = rows[0]._replace(id=99_999, created_at=rows[0].created_at + 60,
                              recipient_name="Zineb Bennani")
    window.ui.historySearch.setText("zineb")
    page.upsert_rows([newest])  # a sync lands before the search result is shown
    qtbot.waitUntil(lambda: not page.search_pending(), timeout=20_000)
    assert _shown(window) == [99_999]
