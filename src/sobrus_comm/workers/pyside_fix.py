"""Work-around for a reference-counting bug of PySide6 6.12.0 that aborts the interpreter.

``SignalInstance.emit()`` and ``SignalInstance.disconnect()`` return ``True``/``False``
without a new reference. Each call from Python then drops one reference to the bool; on
Python 3.11 (where bools are not immortal) the interpreter aborts with "Fatal Python error:
bool_dealloc" after a few hundred calls, in the middle of a run or at exit. A grouped send
emits thousands of signals, so this is not theoretical.

:func:`install` checks the running PySide for the bug and, only if it is there, wraps both
methods to give the missing reference back: a fixed PySide gets no patch at all. Call it
once, early (the composition root and the test configuration); importing
``sobrus_comm.workers`` also calls it.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_installed = False


class _Probe(QObject):
    sig = Signal()


def emit_drops_a_reference() -> bool:
    """True when this PySide's ``emit()`` loses a reference to its bool result."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.sig.emit()
    lost = sys.getrefcount(True) < before
    if lost:  # give back what the probe itself took
        for _ in range(before - sys.getrefcount(True)):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost


def _returning_owned_bool(method: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(self: SignalInstance, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        if result is True or result is False:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
        return result

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


def install() -> bool:
    """Patch ``SignalInstance`` if needed (idempotent); True when the patch is active."""
    global _installed
    if not _installed and emit_drops_a_reference():
        SignalInstance.emit = _returning_owned_bool(SignalInstance.emit)  # type: ignore[method-assign]
        SignalInstance.disconnect = _returning_owned_bool(  # type: ignore[method-assign]
            SignalInstance.disconnect
        )
        _installed = True
    return _installed
