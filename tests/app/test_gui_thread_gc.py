"""Cyclic garbage is collected on the GUI thread only: a worker that allocates never runs
the collector, so it never destroys a Qt object made on the GUI thread."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from PySide6.QtWidgets import QApplication

from sobrus_comm.workers import gui_thread_gc


class _Node:
    freed_on_main: ClassVar[list[bool]] = []

    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it

    def __del__(self) -> None:
        _Node.freed_on_main.append(threading.current_thread() is threading.main_thread())


def _garbage_in_a_worker(n: int) -> None:
    def make() -> None:
        for _ in range(n):
            _Node()
            [[] for _ in range(3)]  # allocations past every threshold

    worker = threading.Thread(target=make)
    worker.start()
    worker.join()


def test_cycles_made_in_a_worker_are_freed_on_the_gui_thread(qapp: QApplication) -> None:
    collector = gui_thread_gc.install()
    assert not gc.isenabled() and collector.timer.isActive()
    gc.collect()
    _Node.freed_on_main.clear()
    _garbage_in_a_worker(5_000)
    assert _Node.freed_on_main == []  # the worker never collected
    assert collector.collect_due() > 0
    assert _Node.freed_on_main and all(_Node.freed_on_main)


def test_nothing_is_collected_below_the_thresholds(qapp: QApplication) -> None:
    collector = gui_thread_gc.install()
    gc.collect()
    assert collector.collect_due() == 0
