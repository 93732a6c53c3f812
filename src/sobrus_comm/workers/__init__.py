"""QObject workers that live in QThreads (QtCore only, never widgets)."""

from __future__ import annotations

from sobrus_comm.workers import pyside_fix

# Before any worker emits: PySide6 6.12.0 would otherwise abort the interpreter (see there).
pyside_fix.install()
