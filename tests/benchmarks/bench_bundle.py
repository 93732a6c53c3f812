"""The Linux bundle: build time, size, and cold start to the first painted window.

    .venv/bin/python tests/benchmarks/run_all.py bundle

Builds the current checkout with packaging/build-linux.sh into a temporary folder (so the
figures are the tree's, never a stale dist/), then times whole processes, offscreen:

* ``bundle_start_s``: ``SobrusComm --data-dir D --screenshot P`` on an existing data folder
  (a pharmacist's double-click: the window is painted, saved, and the process exits);
* ``bare_qt_start_s``: a bare PySide6 QMainWindow doing the same (show, grab on the first
  paint, save, exit) with the dev venv's Python: the floor;
* ``bundle_first_run_s``: the very first start, which also creates and migrates the database;
* ``source_start_s``: the same app from the sources (``python -m sobrus_comm``): what the
  bundle itself adds or saves, against what the app's own start-up costs.

The two start figures are medians of interleaved runs, so machine noise hits both alike.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = 7

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


def _timed(cmd: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # From sources, a fair run reads cached bytecode, as the bundle does.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - start


def run() -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory(prefix="sobrus-bench-bundle-") as tmp_name:
        tmp = Path(tmp_name)
        start = time.perf_counter()
        subprocess.run([str(ROOT / "packaging" / "build-linux.sh")], cwd=ROOT, check=True,
                       env={**os.environ, "DIST": str(tmp / "dist")}, capture_output=True,
                       timeout=900)
        build_s = time.perf_counter() - start
        exe = tmp / "dist" / "SobrusComm" / "SobrusComm"
        size_mb = sum(p.stat().st_size for p in exe.parent.rglob("*")
                      if p.is_file() and not p.is_symlink()) / 1e6  # links: Qt libs

        bare = tmp / "bare_window.py"
        bare.write_text(BARE_WINDOW, encoding="utf-8")
        shot = str(tmp / "shot.png")
        app_cmd = [str(exe), "--data-dir", str(tmp / "data"), "--screenshot", shot]
        first_run = _timed(app_cmd)
        source_cmd = [sys.executable, "-m", "sobrus_comm", *app_cmd[1:]]
        _timed(source_cmd)  # writes the bytecode caches
        bundle_runs, bare_runs, source_runs = [], [], []
        for _ in range(RUNS):
            bare_runs.append(_timed([sys.executable, str(bare), shot]))
            bundle_runs.append(_timed(app_cmd))
            source_runs.append(_timed(source_cmd))
        shutil.rmtree(tmp / "dist", ignore_errors=True)

    bundle_s, bare_s = statistics.median(bundle_runs), statistics.median(bare_runs)
    return [
        ("bundle_build_s", build_s, "s"),
        ("bundle_size_mb", size_mb, "MB"),
        ("bundle_first_run_s", first_run, "s"),
        ("bundle_start_s", bundle_s, "s"),
        ("bare_qt_start_s", bare_s, "s"),
        ("source_start_s", statistics.median(source_runs), "s"),
        ("bundle_start_vs_bare", bundle_s / bare_s, "x"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name} {value:.3g} {unit}")
