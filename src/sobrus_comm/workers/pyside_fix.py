"""Work-around for reference-counting bugs of PySide6 6.12.0 that abort the interpreter.

On Python 3.11 (where ``None``, ``True`` and ``False`` are not yet immortal), PySide6
6.12.0 returns them without a new reference:

- ``SignalInstance.emit()`` and ``.disconnect()`` return a borrowed bool: each call from
  Python drops one reference to ``True``/``False``, and the interpreter aborts with "Fatal
  Python error: bool_dealloc" after a few hundred calls, mid-run or at exit. A grouped
  send emits thousands of signals. :func:`install` wraps both methods to give the missing
  reference back, only when the running PySide has the bug.
- every ``void`` method (``setText``, ``setInterval``…) returns a borrowed ``None``: the
  abort ("none_dealloc") comes later, after tens of thousands of calls. That cannot be
  patched method by method: :func:`install` logs an error, and the cure is a PySide6
  without the bug (6.11.2 is clean here) or Python ≥ 3.12.

Call :func:`install` once, early (the composition root and the test configuration);
importing ``sobrus_comm.workers`` also calls it.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

log = logging.getLogger("sobrus_comm.workers")

_installed = False
_checked = False


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


def void_call_drops_none() -> bool:
    """True when this PySide's ``void`` methods lose a reference to ``None``."""
    probe = _Probe()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    for _ in range(max(lost, 0)):  # give back what the probe itself took
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return lost > 0


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
    global _installed, _checked
    if not _checked:
        _checked = True
        if void_call_drops_none():
            log.error(
                "PySide6 %s loses references to None on this Python: the app will abort "
                "after enough Qt calls. Use PySide6 6.11 or Python 3.12+.",
                _pyside_version(),
            )
    if not _installed and emit_drops_a_reference():
        SignalInstance.emit = _returning_owned_bool(SignalInstance.emit)  # type: ignore[method-assign]
        SignalInstance.disconnect = _returning_owned_bool(  # type: ignore[method-assign]
            SignalInstance.disconnect
        )
        _installed = True
    return _installed


def _pyside_version() -> str:
    import PySide6

    return str(getattr(PySide6, "__version__", "?"))
