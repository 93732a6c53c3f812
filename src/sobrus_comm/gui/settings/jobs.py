"""Backend calls of the settings dialog, off the GUI thread and one at a time.

One at a time because the dialog's API client holds a ``requests.Session``, which must not
be used by two threads at once; it also keeps the order the user asked for.

Signals:
    sig_busy_changed(bool): a call started (True) or the queue is empty again (False).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from sobrus_comm.workers.task import Task

Handler = Callable[[object], None]


class SerialJobs(QObject):
    sig_busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: deque[Task] = deque()
        self._current: Task | None = None

    @property
    def busy(self) -> bool:
        return self._current is not None

    def run(self, fn: Callable[..., Any], *args: Any, done: Handler, failed: Handler) -> None:
        """Call ``fn(*args)`` in a worker; ``done(result)`` or ``failed(exc)`` on the GUI
        thread. Pass slots of QObjects (never lambdas capturing a widget)."""
        task = Task(fn, *args)
        task.sig_done.connect(done)
        task.sig_failed.connect(failed)
        task.sig_done.connect(self._on_finished)
        task.sig_failed.connect(self._on_finished)
        self._queue.append(task)
        if self._current is None:
            self._start_next()

    def _start_next(self) -> None:
        was_busy = self.busy
        self._current = self._queue.popleft() if self._queue else None
        if self._current is not None:
            self._current.start()
        if self.busy != was_busy:
            self.sig_busy_changed.emit(self.busy)

    @Slot(object)
    def _on_finished(self, _result: object) -> None:
        self._start_next()
