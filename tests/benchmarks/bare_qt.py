"""The floor every start-up figure is judged against: a bare PySide6 window.

``bare_qt_start_s`` is a bare QMainWindow started, shown, grabbed on its first paint,
saved, and quit, whole process, offscreen: the issue's budgets hold for a machine where
this takes 0.13 s, so a figure is judged after scaling by ``bare_qt_start_s / 0.13``.
``run_all.py`` measures it in every run, whichever benchmarks are selected.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REFERENCE_S = 0.13  # the reference machine
RUNS = 5

BARE_WINDOW = """
import sys
from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QMainWindow


class Grab(QObject):
    def __init__(self, window, path):
        super().__init__(window)
        self.window, self.path = window, path

    @Slot()
    def grab(self):
        QApplication.exit(0 if self.window.grab().save(self.path, "PNG") else 1)


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 760)
window.show()
QTimer.singleShot(0, Grab(window, sys.argv[1]).grab)
sys.exit(app.exec())
"""


def timed(cmd: list[str]) -> float:
    """Wall time of a whole process, offscreen, reading cached bytecode."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - start


def bare_command(tmp: Path) -> list[str]:
    script = tmp / "bare_window.py"
    script.write_text(BARE_WINDOW, encoding="utf-8")
    return [sys.executable, str(script), str(tmp / "bare.png")]


def run(runs: int = RUNS) -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory(prefix="sobrus-bench-bare-") as tmp:
        cmd = bare_command(Path(tmp))
        timed(cmd)  # warm the caches once
        bare_s = statistics.median(timed(cmd) for _ in range(runs))
    return [("bare_qt_start_s", bare_s, "s"), ("scale_vs_reference", bare_s / REFERENCE_S, "x")]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name} {value:.3g} {unit}")
