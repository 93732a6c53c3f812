"""Fetching the next page while the current one is written.

A first pull of a decade of history is 2,000 pages: waiting for the server, then writing
the page, one after the other, adds both up. Reading one page ahead in a thread overlaps
the server's time (and the network's) with the cache's. One page only: memory stays flat,
and a stopped pull has at most one page fetched for nothing (it is not applied, so the
cursor never moves past it).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_END = object()
_POLL_S = 0.2


def read_ahead(pages: Callable[..., Iterable[T]]) -> Callable[..., Iterator[T]]:
    """``pages`` (e.g. ``api.iter_communications``), reading one page ahead in a thread.

    The client is only ever used by one thread at a time: when the consumer stops early,
    the reader is waited for (its request ends within the client's timeout) before the
    caller goes on with the client.
    """

    def fetch(**kwargs: Any) -> Iterator[T]:
        return _pages_ahead(pages, kwargs)

    return fetch


def _pages_ahead(pages: Callable[..., Iterable[T]], kwargs: dict[str, Any]) -> Iterator[T]:
    ready: queue.Queue[tuple[Any, BaseException | None]] = queue.Queue(maxsize=1)
    closed = threading.Event()

    def put(item: tuple[Any, BaseException | None]) -> bool:
        while not closed.is_set():
            try:
                ready.put(item, timeout=_POLL_S)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            for page in pages(**kwargs):
                if not put((page, None)):
                    return
            put((_END, None))
        except BaseException as exc:  # handed to the consumer, raised there
            put((_END, exc))

    reader = threading.Thread(target=read, name="read-ahead", daemon=True)
    reader.start()
    try:
        while True:
            item, error = ready.get()
            if error is not None:
                raise error
            if item is _END:
                return
            yield item
    finally:
        closed.set()
        reader.join()
