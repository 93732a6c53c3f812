"""Searching a long history off the GUI thread, the latest keystroke winning.

On a decade of history (1M rows) one search scans up to a million haystacks: a few hundred
milliseconds that would freeze typing. The page hands each search to this searcher; the
typed letter shows at once, the rows follow. Requests made while one runs replace each
other: only the newest is searched next, and a result that is no longer the newest is
dropped. The scan itself (``HistoryIndex.filtered``) changes nothing; the page checks
``HistoryIndex.version`` before showing a result (rows or order changed meanwhile: search
again).

Signals:
    sig_found(object request, object visible): ``visible`` (row indexes, in order) for
        ``request`` (a :class:`SearchRequest`), unless a newer request came meanwhile.
"""

from __future__ import annotations

import logging
import threading
from contextlib import suppress
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from sobrus_comm.domain.history_view import Filters, HistoryIndex

log = logging.getLogger("sobrus_comm.history")


@dataclass(frozen=True)
class SearchRequest:
    index: HistoryIndex
    filters: Filters
    shown_filters: Filters  # what the index shows now, and the rows it shows for them
    shown: list[int]
    order: list[int]
    version: int
    generation: int  # the page's request counter: the newest one is shown


class HistorySearcher(QObject):
    sig_found = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wake = threading.Condition()
        self._pending: SearchRequest | None = None
        self._thread: threading.Thread | None = None

    def submit(self, request: SearchRequest) -> None:
        """Search ``request`` next, instead of any request not started yet."""
        with self._wake:
            self._pending = request
            self._wake.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="history-search",
                                            daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._pending is None:
                    self._wake.wait()
                request, self._pending = self._pending, None
            try:
                visible = request.index.filtered(request.filters, request.shown_filters,
                                                 request.shown, request.order)
            except Exception:  # a bug: logged, and the page keeps what it shows
                log.exception("history search failed")
                continue
            with self._wake:
                newer = self._pending is not None
            if not newer:
                # RuntimeError: the window was closed meanwhile; nobody to tell.
                with suppress(RuntimeError):
                    self.sig_found.emit(request, visible)
