"""The grouped-send dialog with 50k clients (a group of pharmacies on one account).

    .venv/bin/python tests/benchmarks/run_all.py send_50k

- ``send_dialog_50k_open_ms``: from the constructor to the first paint (budget ≤ 300 ms);
- ``send_dialog_50k_search_ms``: worst client-search keystroke once the dialog is idle.

The 50k-client cache is written before the clock starts.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from sobrus_comm.gui.grouped_send.dialog import GroupedSendDialog
from sobrus_comm.services.send_planning import SendContext
from tests.benchmarks.bench_grouped_send import KEYSTROKES
from tests.grouped_send.data import PHARMACIST, PHARMACY, TODAY, demo_database

N_CLIENTS = 50_000


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def run() -> list[tuple[str, float, str]]:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="sobrus-bench-send50k-") as tmp:
        db = demo_database(Path(tmp) / "cache.sqlite3", n=N_CLIENTS, credits=200_000)
        try:
            context = SendContext(db, PHARMACIST, PHARMACY, today=lambda: TODAY)
            start = time.perf_counter()
            dialog = GroupedSendDialog(context)
            dialog.show()
            dialog.repaint()  # the first paint, synchronously
            open_ms = _ms(start)
            while not dialog.model.keys_ready():  # a benchmark may spin the loop
                app.processEvents()
            table, search = dialog.ui.clientList, dialog.ui.clientSearch
            times = []
            for text in KEYSTROKES:
                start = time.perf_counter()
                search.setText(text)
                table.viewport().repaint()
                times.append(_ms(start))
            dialog.close()
        finally:
            db.close()
    return [("send_dialog_50k_open_ms", open_ms, "ms"),
            ("send_dialog_50k_search_ms", max(times), "ms")]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name} {value:.6g} {unit}")
