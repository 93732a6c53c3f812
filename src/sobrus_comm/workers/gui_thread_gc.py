"""Python's cyclic garbage collector, run on the GUI thread only.

Automatic collection starts in whichever thread happens to allocate past a threshold. When
that is a worker thread, the cycles it frees may hold Qt objects made on the GUI thread
(a dialog's Python wrapper and its slots, say), whose C++ destructors then run in the wrong
thread: the process died that way in a Segmentation fault while a worker read the credit
ledger. So automatic collection is switched off and a timer on the GUI thread collects,
generation by generation, when the counts pass the interpreter's own thresholds (the same
policy CPython applies, moved to one thread). Reference counting still frees everything that
is not in a cycle at once, in any thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

#: How often the GUI thread looks at the collector's counts; a check costs microseconds.
CHECK_INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Owns the timer; :func:`install` makes the one the application keeps."""

    def __init__(self, parent: QObject | None = None,
                 interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        gc.disable()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()

    @Slot()
    def collect_due(self) -> int:
        """Collect the generations whose counts passed their thresholds; the number of
        unreachable objects found."""
        c0, c1, c2 = gc.get_count()
        t0, t1, t2 = self.thresholds
        if c0 <= t0:
            return 0
        if c1 <= t1:
            return gc.collect(0)
        if c2 <= t2:
            return gc.collect(1)
        return gc.collect(2)


_collector: GuiThreadCollector | None = None


def install(parent: QObject | None = None) -> GuiThreadCollector:
    """Switch automatic collection to the GUI thread (call it there, once; later calls
    return the same collector)."""
    global _collector
    if _collector is None:
        _collector = GuiThreadCollector(parent)
        _collector.start()
    return _collector
