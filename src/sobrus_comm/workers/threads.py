"""Starting and stopping a worker QObject in its own QThread (QtCore only).

The Python side owns the worker: there is no ``deleteLater`` on it, whose C++ object
would then be deleted by the ending thread while Python may still release its wrapper from
the GUI thread (a crash seen with PySide6 6.12). The returned thread holds a reference to
its worker, so keeping the thread until it has finished keeps both alive; drop them after.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, SignalInstance


def start_in_thread(
    worker: QObject,
    start: Callable[[], None],
    *,
    stopped: SignalInstance | None = None,
    name: str = "",
) -> QThread:
    """Move ``worker`` to a new thread and call ``start`` (one of its slots) there.

    ``stopped``: a signal of the worker after which the thread ends by itself.
    """
    thread = QThread()
    thread.setObjectName(name or type(worker).__name__)
    thread.worker = worker  # type: ignore[attr-defined]  # lives as long as its thread
    worker.moveToThread(thread)
    thread.started.connect(start)
    if stopped is not None:
        stopped.connect(thread.quit)
    thread.start()
    return thread


def stop_thread(thread: QThread, timeout_ms: int = 10_000) -> bool:
    """End the thread's event loop and wait for it; False if it did not end in time.

    Ask the worker to stop first (``worker.stop()``): a running slot is not interrupted.
    """
    thread.quit()
    return thread.wait(timeout_ms)
