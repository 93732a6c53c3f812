"""A sort under a search orders the rows shown alone: the same rows, in the same order, as
sorting every row and searching again; every row's order is made when a search needs it."""

from __future__ import annotations

import pytest

from sobrus_comm.domain import history_view
from sobrus_comm.domain.history_view import (
    COL_DATE,
    COLUMN_TITLES,
    Filters,
    HistoryIndex,
)
from sobrus_comm.domain.text_search import parse_query
from tests.history.rows import make_rows

N_ROWS = 4_000


@pytest.mark.parametrize("query", ["echec", "bennani", "bonjour fatima"])
def test_a_sort_under_a_search_equals_a_search_after_a_full_sort(query: str,
                                                                  monkeypatch) -> None:
    # The grouped sort of repeated values from fewer rows: the rows shown take that path.
    monkeypatch.setattr(history_view, "_GROUP_FROM", 200)
    rows = make_rows(N_ROWS, seed=21)
    index = HistoryIndex(rows[10:])
    filters = Filters(query=parse_query(query))
    index.set_filters(filters)
    assert 0 < len(index.visible) * 4 <= len(index)  # a part of the rows: sorted alone
    # A sync meanwhile: a shown row changes, new rows arrive.
    shown_row = index.rows[index.visible[0]]
    index.upsert([shown_row._replace(status="cancelled", content="Rappel"), *rows[:10]])
    for column in range(len(COLUMN_TITLES)):
        for descending in (False, True):
            index.set_sort(column, descending)
            fresh = HistoryIndex(list(index.rows), column, descending)
            fresh.set_filters(filters)
            assert index.visible == fresh.visible, (column, descending)
    # Clearing the search shows every row in the order of the last sort.
    index.set_filters(Filters())
    fresh = HistoryIndex(list(index.rows), index.sort_column, index.descending)
    assert index.visible == fresh.visible == index.order


def test_rows_a_sync_adds_after_a_sort_under_a_search_find_their_place() -> None:
    rows = make_rows(2_000, seed=4)
    index = HistoryIndex(rows[5:])
    index.set_filters(Filters(query=parse_query("echec")))
    index.set_sort(COL_DATE, descending=False)
    index.upsert(rows[:5])  # the newest, while every row's order waits
    index.set_filters(Filters())
    created = [r.created_at for r in index.rows]
    assert index.visible == sorted(range(len(created)), key=created.__getitem__)
