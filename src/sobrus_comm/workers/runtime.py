"""Process-wide settings the workers rely on; the composition root calls
:func:`prepare_runtime` once, after the start-up imports and before any worker starts."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication

from sobrus_comm.workers import gui_thread_gc, heap_tuning, pyside_fix


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
      freed, instead of leaving holes in glibc's heap (see :mod:`heap_tuning`).
    """
    pyside_fix.install()
    heap_tuning.fix_mmap_threshold()
    gc.freeze()
    if QCoreApplication.instance() is not None:
        gui_thread_gc.install()
