"""One call off the GUI thread: a QRunnable on the global pool that reports by signals.

    task = Task(api.packs)
    task.sig_done.connect(self._on_packs)       # runs on the GUI thread (queued)
    task.sig_failed.connect(self._on_error)     # the exception object
    task.start()

Signals:
    sig_done(object): the call's return value.
    sig_failed(object): the exception it raised (expected errors carry ``message_fr``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from sobrus_comm.logging_setup import get_logger

log = get_logger("workers")

# Tasks started and not yet reported: holding them here keeps their Python side alive
# until the queued signal reaches the GUI thread.
_RUNNING: set[Task] = set()
# Tasks reported, kept a while longer: the pool's thread still holds the task until its
# run() returns, and if the GUI thread let go first, that thread would drop the last
# reference and destroy a QObject that lives on the GUI thread (a crash). Only the oldest
# are released, on the GUI thread, long after their run() returned.
_REPORTED: deque[Task] = deque()
_KEEP_REPORTED = 64


class Task(QObject, QRunnable):
    sig_done = Signal(object)
    sig_failed = Signal(object)

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        QObject.__init__(self)
        QRunnable.__init__(self)
        self.setAutoDelete(False)
        self._call = (fn, args, kwargs)
        self.sig_done.connect(self._forget)
        self.sig_failed.connect(self._forget)

    def run(self) -> None:
        fn, args, kwargs = self._call
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:  # every exception reaches the GUI, none dies in the thread
            if not hasattr(exc, "message_fr"):
                log.exception("Tâche en échec : %s", getattr(fn, "__qualname__", fn))
            self.sig_failed.emit(exc)
        else:
            self.sig_done.emit(result)

    def start(self, pool: QThreadPool | None = None) -> Task:
        _RUNNING.add(self)
        (pool or QThreadPool.globalInstance()).start(self)
        return self

    def _forget(self, _result: object) -> None:
        _RUNNING.discard(self)
        _REPORTED.append(self)
        while len(_REPORTED) > _KEEP_REPORTED:
            _REPORTED.popleft()


def error_message(exc: BaseException) -> str:
    """The French sentence to show for an exception from a task."""
    message = getattr(exc, "message_fr", None) or getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    return f"Une erreur inattendue s'est produite ({type(exc).__name__})."
