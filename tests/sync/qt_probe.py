"""Receives a worker's signals on the GUI thread, as the GUI does, and re-emits them there.

pytest-qt's ``waitSignal`` must not be fed by a signal emitted in another thread (its slot
would then run in that thread and stop its timer from there); a QObject of the GUI thread
gets every worker signal queued, in order, like the real window.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from PySide6.QtCore import QMetaMethod, QObject, Signal


class Probe(QObject):
    sig_event = Signal(str, object)  # the worker signal's name, its arguments

    def __init__(self, worker: QObject) -> None:
        super().__init__()
        self.events: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        meta = worker.metaObject()
        for i in range(meta.methodOffset(), meta.methodCount()):
            method = meta.method(i)
            name = bytes(method.name().data()).decode()
            if method.methodType() == QMetaMethod.MethodType.Signal and name.startswith("sig_"):
                getattr(worker, name).connect(self._on_signal)

    def _on_signal(self, *args: Any) -> None:
        sender = self.sender()
        name = bytes(sender.metaObject().method(self.senderSignalIndex()).name().data()).decode()
        self.events[name].append(args)
        self.sig_event.emit(name, args)

    def last(self, name: str) -> tuple[Any, ...]:
        return self.events[name][-1]


def is_event(name: str, check: Any = None) -> Any:
    """A ``check_params_cb`` for ``waitSignal(probe.sig_event, ...)``."""
    return lambda got, args: got == name and (check is None or check(*args))
