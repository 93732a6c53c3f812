"""The installed Qt binding must not lose references to None/True/False: PySide6 6.12.0
does on Python 3.11, and the app then aborts after enough calls (« none_dealloc »)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    sig = Signal()


def test_void_methods_and_emit_keep_their_references() -> None:
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        probe.setObjectName("sonde")
        probe.sig.emit()
    # Immortal objects (Python ≥ 3.12) report a huge constant count: no drop either way.
    assert sys.getrefcount(None) >= none_before - 5
    assert sys.getrefcount(True) >= true_before - 5
