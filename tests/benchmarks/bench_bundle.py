"""The Linux bundle: build time, size, and cold start to the first painted window.

    .venv/bin/python tests/benchmarks/run_all.py bundle

Builds the current checkout with packaging/build-linux.sh into a temporary folder (so the
figures are the tree's, never a stale dist/), then times whole processes, offscreen:

* ``bundle_start_s``: ``SobrusComm --data-dir D --screenshot P`` on an existing data folder
  (a pharmacist's double-click: the window is painted, saved, and the process exits);
* ``bundle_start_vs_bare``: against a bare PySide6 QMainWindow doing the same (show, grab
  on the first paint, save, exit), interleaved with it (``run_all.py`` prints the bare
  window's own ``bare_qt_start_s`` in every run, see ``bare_qt``);
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

from tests.benchmarks.bare_qt import bare_command, timed

ROOT = Path(__file__).resolve().parents[2]
RUNS = 7

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

        bare_cmd = bare_command(tmp)
        shot = str(tmp / "shot.png")
        app_cmd = [str(exe), "--data-dir", str(tmp / "data"), "--screenshot", shot]
        first_run = timed(app_cmd)
        source_cmd = [sys.executable, "-m", "sobrus_comm", *app_cmd[1:]]
        timed(source_cmd)  # writes the bytecode caches
        bundle_runs, bare_runs, source_runs = [], [], []
        for _ in range(RUNS):
            bare_runs.append(timed(bare_cmd))
            bundle_runs.append(timed(app_cmd))
            source_runs.append(timed(source_cmd))
        shutil.rmtree(tmp / "dist", ignore_errors=True)

    bundle_s, bare_s = statistics.median(bundle_runs), statistics.median(bare_runs)
    return [
        ("bundle_build_s", build_s, "s"),
        ("bundle_size_mb", size_mb, "MB"),
        ("bundle_first_run_s", first_run, "s"),
        ("bundle_start_s", bundle_s, "s"),
        ("source_start_s", statistics.median(source_runs), "s"),
        ("bundle_start_vs_bare", bundle_s / bare_s, "x"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name} {value:.3g} {unit}")
