"""The first sync of a decade of data (50k clients, 1M communications), and the sync that
follows with nothing new, with the real sync worker in its QThread.

    .venv/bin/python tests/benchmarks/run_all.py sync_1m

- ``sync_1m_full_s``: the first full sync into an empty cache, as timed by the sync
  service in its thread (budget ≤ 60 s); the sandbox serves from another process, on the
  same two cores, so its share of the machine is in this figure too;
- ``sync_1m_full_client_cpu_s``: the CPU time this (client) process spent meanwhile: the
  client's side alone;
- ``sync_1m_progress_reports``: how many « Synchronisation de l'historique : n / N »
  updates the window received;
- ``sync_1m_noop_ms``: median of incremental syncs with nothing new (≤ 50 ms);
- ``sync_1m_peak_mb``: peak memory of the client process.

The sandbox database is seeded once per machine by the sandbox's own seeder (direct SQL,
see ``data_1m``), outside every figure.
"""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.seed import PHARMACIST_PASSWORD, PHARMACIST_USERNAME
from sobrus_comm.store import open_database
from sobrus_comm.workers.runtime import prepare_runtime
from sobrus_comm.workers.sync_worker import SyncWorker
from sobrus_comm.workers.threads import start_in_thread, stop_thread
from tests.benchmarks.bench_sync_outbox import GuiSink, _connect_all, wait_for
from tests.benchmarks.data_1m import ROWS_1M, sandbox_file_1m
from tests.benchmarks.sandbox_data import sandbox_process

NOOP_RUNS = 7


class ProgressSink(GuiSink):
    def __init__(self) -> None:
        super().__init__()
        self.progress: list[tuple[int, int]] = []

    def keep_progress(self, done: int, total: int) -> None:
        self.progress.append((done, total))


def run() -> list[tuple[str, float, str]]:
    source = sandbox_file_1m()  # seeded before any clock starts
    app = QCoreApplication.instance() or QCoreApplication([])
    assert app is not None
    prepare_runtime()
    with tempfile.TemporaryDirectory(prefix="sobrus-bench-sync1m-") as tmp, \
            sandbox_process(Path(tmp), source=source) as base_url:
        login = SobrusApi(base_url)
        token = login.login(PHARMACIST_USERNAME, PHARMACIST_PASSWORD).token
        login.close()

        def make_api() -> SobrusApi:
            return SobrusApi(base_url, token)

        db = open_database(Path(tmp) / "app" / "sobrus-comm.sqlite3")
        sink = ProgressSink()
        syncer = SyncWorker(db, make_api)
        _connect_all(syncer, sink)
        syncer.sig_history_progress.connect(sink.keep_progress)
        threads = []
        cpu = time.process_time()
        wait_for(syncer.sig_synced, lambda: threads.append(
            start_in_thread(syncer, syncer.run, stopped=syncer.sig_stopped)), timeout_s=1800)
        cpu_s = time.process_time() - cpu
        full = sink.reports[-1]
        assert full.history_reset and db.communications.count() >= ROWS_1M, full
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        noop_ms = []
        for _ in range(NOOP_RUNS):
            wait_for(syncer.sig_synced, syncer.request_sync)
            assert not sink.reports[-1].changed_anything
            noop_ms.append(sink.reports[-1].duration_s * 1000)
        wait_for(syncer.sig_stopped, syncer.stop)
        stop_thread(threads.pop())
        db.close()

    return [
        ("sync_1m_full_s", full.duration_s, "s"),
        ("sync_1m_full_client_cpu_s", cpu_s, "s"),
        ("sync_1m_progress_reports", len(sink.progress), "updates"),
        ("sync_1m_noop_ms", statistics.median(noop_ms), "ms"),
        ("sync_1m_peak_mb", peak_mb, "MB"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(name, round(value, 3), unit)
