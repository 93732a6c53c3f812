"""Starting and stopping a worker QObject in its own QThread (QtCore only)."""

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

    ``stopped``: a signal of the worker after which the thread ends by itself. The worker
    is deleted with its thread; keep the returned thread until it has finished.
    """
    thread = QThread()
    thread.setObjectName(name or type(worker).__name__)
    worker.moveToThread(thread)
    thread.started.connect(start)
    if stopped is not None:
        stopped.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread


def stop_thread(thread: QThread, timeout_ms: int = 10_000) -> bool:
    """Ask the thread's event loop to end and wait for it; False if it did not in time."""
    thread.quit()
    return thread.wait(timeout_ms)
