"""Searching a long history without holding typing up, the latest keystroke winning.

On a decade of history (1M rows) one search scans up to a million haystacks: a few hundred
milliseconds that would freeze typing. The page hands each search to this searcher, which
runs it in steps of a few milliseconds on the event loop (``HistoryIndex.filter_steps``):
the typed letter shows at once, the rows follow, and a new request replaces the one under
way. Steps on the GUI thread rather than a thread: a Python thread scanning would hold the
interpreter lock against every paint call (each waits up to the 5 ms switch interval).
The page checks ``HistoryIndex.version`` before showing a result (rows or order changed
meanwhile: search again).

Signals:
    sig_found(object request, object visible): ``visible`` (row indexes, in order) for
        ``request`` (a :class:`SearchRequest`), the newest one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from sobrus_comm.domain.history_view import Filters, HistoryIndex

STEP_ROWS = 50_000  # about 5 ms of scanning per step here


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
        self._request: SearchRequest | None = None
        self._steps: Iterator[list[int] | None] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def submit(self, request: SearchRequest) -> None:
        """Search ``request`` from now on, instead of the one under way."""
        self._request = request
        self._steps = request.index.filter_steps(request.filters, request.shown_filters,
                                                 request.shown, request.order, STEP_ROWS)
        self._timer.start()

    def busy(self) -> bool:
        return self._steps is not None

    @Slot()
    def _step(self) -> None:
        if self._steps is None or self._request is None:
            self._timer.stop()
            return
        visible = next(self._steps)
        if visible is None:
            return
        request = self._request
        self._steps = self._request = None
        self._timer.stop()
        self.sig_found.emit(request, visible)
