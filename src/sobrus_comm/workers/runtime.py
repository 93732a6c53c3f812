"""Process-wide settings the workers rely on; the composition root calls
:func:`prepare_runtime` once, after the start-up imports and before any worker starts."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QCoreApplication

from sobrus_comm.workers import gui_thread_gc, heap_tuning, pyside_fix

SWITCH_INTERVAL_S = 0.001  # CPython's default is 0.005


def prepare_runtime() -> None:
    """Make the GUI thread's event loop safe and smooth while workers run.

    - the PySide6 6.12.0 reference-count fix (see :mod:`pyside_fix`);
    - ``gc.freeze()``: the objects made by the start-up imports (Qt, SQLAlchemy, requests:
      about 100k) move out of the garbage collector's reach. Otherwise every full
      collection, triggered by a worker's allocations during a sync or a send, walks them
      all while holding the GIL: about 50 ms with the GUI thread frozen, measured here.
      They live as long as the process anyway, so nothing is lost.
    - cyclic garbage collection on the GUI thread only (see :mod:`gui_thread_gc`), once the
      application exists;
    - big buffers (a 1M-row history's columns and index) given back to the system when
      freed, instead of leaving holes in glibc's heap (see :mod:`heap_tuning`);
    - a thread waiting for the GIL gets it within 1 ms instead of 5: the GUI thread while
      a worker computes, and, in a first pull, the thread that asks for the next page as
      soon as this one has arrived (the server sat idle meanwhile: a 1M-row pull took
      13 % longer, measured here).
    """
    pyside_fix.install()
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    heap_tuning.fix_mmap_threshold()
    gc.freeze()
    if QCoreApplication.instance() is not None:
        gui_thread_gc.install()
