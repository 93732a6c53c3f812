"""The communications history on a decade of data: 1M cached rows.

    .venv/bin/python tests/benchmarks/run_all.py history_1m

- ``history_1m_startup_s``: whole process, launch to the window painted (budget ≤ 1.0 s);
- ``history_1m_search_ms``: worst keystroke of typed words, with repaint (≤ 50 ms): from
  200k rows the search runs in a thread, so this is how long typing is held up;
- ``history_1m_search_rows_ms``: worst time from a keystroke to its rows on screen;
- ``history_1m_sort_ms``: worst column sort, with repaint (≤ 200 ms);
- ``history_1m_peak_mb``: peak memory of the app process with the window open and
  searched: rows loaded the app's way, the search index built, every keystroke and sort
  above done (≤ 400 MB).

Budgets are for a machine where ``bare_qt_start_s`` is 0.13 s. The 1M-row cache is made
once per machine by direct SQL inserts (``data_1m``), outside every figure. The plain proxy
is not run at this size (25 s per sort at 100k already); ``bench_history`` measures it at
100k.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.bench_history import measure_in_process, measure_startup
from tests.benchmarks.data_1m import ROWS_1M, cache_file_1m, copy_cache_into


def measure_window(path: Path) -> list[tuple[str, float, str]]:
    from sobrus_comm.store.db import open_database
    from sobrus_comm.workers.runtime import prepare_runtime

    prepare_runtime()  # as the app: start-up objects frozen, the rows read later are not
    db = open_database(path)
    start = time.perf_counter()
    rows = db.communications.load_history_columns()  # as the app reads a whole history
    load_s = time.perf_counter() - start
    db.close()
    assert len(rows) == ROWS_1M
    figures = measure_in_process(rows, prefix="history_1m", naive=False)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [*figures, ("history_1m_peak_mb", peak_mb, "MB"), ("cache_load_1m_s", load_s, "s")]


def run() -> list[tuple[str, float, str]]:
    cache_file_1m()  # seeded before any clock starts
    with tempfile.TemporaryDirectory(prefix="sobrus-bench-1m-") as tmp:
        copy_cache_into(Path(tmp))
        startup_s, startup_peak_mb = measure_startup(Path(tmp), runs=2)
        figures = [("history_1m_startup_s", startup_s, "s"),
                   ("history_1m_startup_peak_mb", startup_peak_mb, "MB")]
        return figures + measure_window(_database(Path(tmp)))


def _database(data_dir: Path) -> Path:
    from sobrus_comm.paths import AppPaths

    return AppPaths.under(data_dir).database


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name} {value:.6g} {unit}")
