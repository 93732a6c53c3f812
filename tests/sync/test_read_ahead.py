"""Reading one page ahead: same pages in the same order, errors where they happened, and
a stopped pull leaves no reader behind and at most one page read for nothing."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from sobrus_comm.services.read_ahead import read_ahead


class Pages:
    def __init__(self, n: int, fail_at: int | None = None) -> None:
        self.n, self.fail_at, self.served = n, fail_at, 0
        self.threads: set[str] = set()

    def __call__(self, *, cursor: str | None = None, limit: int = 10) -> Iterator[list[int]]:
        for k in range(self.n):
            if k == self.fail_at:
                raise ConnectionError(f"page {k}")
            self.served += 1
            self.threads.add(threading.current_thread().name)
            yield list(range(k * limit, (k + 1) * limit))


def test_pages_come_in_order_from_another_thread() -> None:
    source = Pages(7)
    pages = list(read_ahead(source)(cursor=None, limit=3))
    assert pages == list(Pages(7)(limit=3))
    assert source.threads == {"read-ahead"}


def test_an_error_is_raised_where_the_page_would_have_been() -> None:
    got = []
    with pytest.raises(ConnectionError, match="page 2"):
        for page in read_ahead(Pages(5, fail_at=2))(limit=1):
            got.append(page)
    assert got == [[0], [1]]


def test_stopping_early_reads_at_most_one_page_more_and_ends_the_reader() -> None:
    source = Pages(100)
    before = threading.active_count()
    for k, _page in enumerate(read_ahead(source)(limit=1)):
        if k == 2:
            break  # the sync was stopped between two pages
    assert source.served <= 3 + 2  # the pages applied, one ready, one being read
    assert threading.active_count() == before
