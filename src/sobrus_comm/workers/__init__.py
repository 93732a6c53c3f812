"""QObject workers that live in QThreads (QtCore only, never widgets)."""
