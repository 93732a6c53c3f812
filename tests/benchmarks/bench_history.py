"""The communications history on 100k rows: search keystroke, sort, start-up, memory.

The plain approach (a QSortFilterProxyModel filtering and sorting a Python table model) is
measured in the same run, so the ratio holds on a noisy machine.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QApplication, QTableView

from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.domain.history_view import COLUMN_TITLES
from sobrus_comm.gui.history_model import HistoryTableModel, format_datetime
from sobrus_comm.gui.main_window import MainWindow
from tests.history.rows import make_rows

N_ROWS = 100_000
KEYSTROKES = ("b", "be", "ben", "benn", "benna", "bennan", "bennani", "bennani a", "bennani",
              "", "0", "06", "061", "0612", "", "e", "ec", "ech", "eche", "echec")
ROOT = Path(__file__).resolve().parents[2]


class NaiveModel(QAbstractTableModel):
    """What one would write first: display strings, and a stock proxy on top."""

    def __init__(self, rows: list[HistoryRow]) -> None:
        super().__init__()
        display = HistoryTableModel()
        self._rows = [[format_datetime(r.created_at), *(display._display(r, c)
                       for c in range(1, len(COLUMN_TITLES)))] for r in rows]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        return None


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def measure_in_process(rows: Sequence[HistoryRow], *, prefix: str = "history",
                       naive: bool = True) -> list[tuple[str, float, str]]:
    """Search keystrokes and column sorts in the real main window, each with its repaint;
    with ``naive``, the plain proxy's keystroke and sort on the same rows."""
    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1280, 760)
    window.show()
    window.history.set_rows(rows)
    window.history.model.index_.ensure_search_ready()  # done by a timer after start-up
    table, search = window.ui.historyTable, window.ui.historySearch
    app.processEvents()  # a benchmark may flush paint events; the app code never does

    times, rows_times = [], []
    for text in KEYSTROKES:
        start = time.perf_counter()
        search.setText(text)
        table.viewport().repaint()
        times.append(_ms(start))
        # On a long history the rows follow from a thread (the latest keystroke winning):
        # also time until they are on screen. A benchmark may spin the event loop.
        while window.history.search_pending():
            app.processEvents()
        table.viewport().repaint()
        rows_times.append(_ms(start))
    search_ms = max(times)
    search_median = statistics.median(times)

    sort_times = []
    for column in range(len(COLUMN_TITLES)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            start = time.perf_counter()
            table.sortByColumn(column, order)
            table.viewport().repaint()
            sort_times.append(_ms(start))
    sort_ms = max(sort_times)
    figures = [
        (f"{prefix}_search_ms", search_ms, "ms"),
        (f"{prefix}_search_median_ms", search_median, "ms"),
        (f"{prefix}_search_rows_ms", max(rows_times), "ms"),
        (f"{prefix}_sort_ms", sort_ms, "ms"),
    ]
    if not naive:
        window.close()
        return figures

    naive_model = NaiveModel(rows)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(naive_model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.resize(1280, 600)
    view.show()
    start = time.perf_counter()
    proxy.setFilterFixedString("ben")
    view.viewport().repaint()
    naive_search = _ms(start)
    proxy.setFilterFixedString("")
    start = time.perf_counter()
    proxy.sort(4, Qt.SortOrder.AscendingOrder)
    view.viewport().repaint()
    naive_sort = _ms(start)
    window.close()
    return [*figures, (f"{prefix}_search_naive_ms", naive_search, "ms"),
            (f"{prefix}_sort_naive_ms", naive_sort, "ms")]


def fill_cache(data_dir: Path, rows: list[HistoryRow]) -> float:
    """Writes the rows into a cache under ``data_dir``; returns how long reading them all
    back takes (``load_history_rows``, what a start-up without prefetch does)."""
    from sobrus_comm.paths import AppPaths
    from sobrus_comm.store.communications import row_to_communication
    from sobrus_comm.store.db import open_database

    db = open_database(AppPaths.under(data_dir).ensure().database)
    db.communications.upsert_many(row_to_communication(r) for r in rows)
    start = time.perf_counter()
    loaded = db.communications.load_history_rows()
    load_s = time.perf_counter() - start
    assert len(loaded) == len(rows)
    db.close()
    return load_s


def measure_startup(data_dir: Path, runs: int = 3) -> tuple[float, float]:
    """Whole process, from launch to the main window painted with the cached rows (best
    of ``runs``); and the peak memory of those processes."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    best, peak = float("inf"), 0.0
    for _ in range(runs):
        shot = data_dir / "shot.png"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sobrus_comm", "--data-dir", str(data_dir),
                        "--screenshot", str(shot)], check=True, env=env, cwd=ROOT)
        best = min(best, time.perf_counter() - start)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak = max(peak, usage.ru_maxrss / 1024)
    return best, peak


def run() -> list[tuple[str, float, str]]:
    rows = make_rows(N_ROWS)
    with tempfile.TemporaryDirectory() as tmp:
        load_s = fill_cache(Path(tmp), rows)
        startup_s, peak_mb = measure_startup(Path(tmp))
    figures = [("history_startup_s", startup_s, "s"), ("history_peak_mb", peak_mb, "MB"),
               ("cache_load_100k_s", load_s, "s")]
    return figures + measure_in_process(rows)


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name} {value:.6g} {unit}")
