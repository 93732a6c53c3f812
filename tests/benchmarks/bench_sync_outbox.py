"""Sync and outbox figures, with the real workers in QThreads and a Qt event loop watched.

- ``sync_full_s``: the first full sync (10k clients, 100k communications) into an empty
  cache, as timed by the sync service in its worker thread (aim < 10 s);
- ``sync_full_peak_mb``: peak resident memory of this process once it is done (< 300 MB);
- ``sync_noop_ms``: median of incremental syncs with nothing new (< 200 ms);
- ``outbox_enqueue_10k_ms``: writing a 10k-message plan to the outbox (one transaction, on
  the caller's thread);
- ``outbox_drain_msgs_per_s``: that campaign drained into the sandbox by the sender
  worker, wall clock from start to finish (> 2,000/s);
- ``gui_max_stall_ms``: the longest delay of a 5 ms QTimer in the main thread's event loop
  while the sync and the drain ran, beyond its interval (< 50 ms). The main thread
  receives every worker signal, as the window would.

The sandbox is served from another process (see ``sandbox_data``). The process is
prepared as the app's composition root does it (:func:`prepare_runtime`); without its
``gc.freeze()`` the stall figure is about 50-90 ms, every bit of it full garbage
collections walking the start-up objects.
"""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, SignalInstance

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.control import SandboxControl
from sobrus_comm.backend.sandbox.seed import PHARMACIST_PASSWORD, PHARMACIST_USERNAME
from sobrus_comm.services.outbox import DEFAULT_BATCH_SIZE
from sobrus_comm.store import open_database
from sobrus_comm.store.outbox import OutboxMessage
from sobrus_comm.workers.runtime import prepare_runtime
from sobrus_comm.workers.sender_worker import SenderWorker
from sobrus_comm.workers.sync_worker import SyncWorker
from sobrus_comm.workers.threads import start_in_thread, stop_thread
from tests.benchmarks.sandbox_data import sandbox_process

CAMPAIGN_SIZE = 10_000
NOOP_RUNS = 7
TICK_MS = 5


class StallMeter(QObject):
    """A precise 5 ms timer in the main thread; the worst lateness of its ticks."""

    def __init__(self) -> None:
        super().__init__()
        self.worst_ms = 0.0
        self._last: float | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = None
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.worst_ms = max(self.worst_ms, (now - self._last) * 1000 - TICK_MS)
        self._last = now


class GuiSink(QObject):
    """Stands for the window: receives the workers' signals in the main thread."""

    def __init__(self) -> None:
        super().__init__()
        self.reports: list[Any] = []

    def keep(self, *args: Any) -> None:
        method = self.sender().metaObject().method(self.senderSignalIndex())
        if bytes(method.name().data()) == b"sig_synced":
            self.reports.append(args[0])


def wait_for(signal: SignalInstance, trigger: Callable[[], object],
             timeout_s: float = 300) -> None:
    """Call ``trigger``, then run the main event loop until ``signal`` arrives (queued to
    the main thread). Connected first: a signal emitted before the loop runs still counts."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    trigger()
    loop.exec()
    signal.disconnect(loop.quit)


def _connect_all(worker: QObject, sink: GuiSink) -> None:
    for name in dir(worker):
        if name.startswith("sig_"):
            getattr(worker, name).connect(sink.keep)


def _messages(n: int) -> list[OutboxMessage]:
    return [
        OutboxMessage(phone_e164=f"+21266{1_000_001 + i:07d}", client_name=f"Client {i}",
                      text=f"Bonjour, votre commande n° {i} est prête à la pharmacie Al Amal.")
        for i in range(n)
    ]


def run() -> list[tuple[str, float, str]]:
    app = QCoreApplication.instance() or QCoreApplication([])
    assert app is not None
    prepare_runtime()
    with tempfile.TemporaryDirectory(prefix="sobrus-bench-") as tmp, \
            sandbox_process(Path(tmp)) as base_url:
        SandboxControl(base_url).set_balance(1_000_000)
        login = SobrusApi(base_url)
        token = login.login(PHARMACIST_USERNAME, PHARMACIST_PASSWORD).token
        login.close()

        def make_api() -> SobrusApi:
            return SobrusApi(base_url, token)

        db = open_database(Path(tmp) / "app" / "sobrus-comm.sqlite3")
        meter, sink = StallMeter(), GuiSink()

        syncer = SyncWorker(db, make_api)
        _connect_all(syncer, sink)
        reports = sink.reports
        threads = []
        meter.start()
        wait_for(syncer.sig_synced, lambda: threads.append(
            start_in_thread(syncer, syncer.run, stopped=syncer.sig_stopped)))
        full = reports[-1]
        assert full.history_reset and db.communications.count() >= 100_000, full
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        noop_ms = []
        for _ in range(NOOP_RUNS):
            wait_for(syncer.sig_synced, syncer.request_sync)
            assert not reports[-1].changed_anything
            noop_ms.append(reports[-1].duration_s * 1000)
        wait_for(syncer.sig_stopped, syncer.stop)
        stop_thread(threads.pop())
        meter.stop()

        # Writing the plan is one transaction on the caller's thread (not watched here).
        messages = _messages(CAMPAIGN_SIZE)
        started = time.perf_counter()
        campaign_id = db.outbox.create_campaign(messages, label="Benchmark")
        enqueue_ms = (time.perf_counter() - started) * 1000
        sender = SenderWorker(db, make_api, campaign_id, batch_size=DEFAULT_BATCH_SIZE)
        _connect_all(sender, sink)
        meter.start()
        started = time.perf_counter()
        wait_for(sender.sig_stopped, lambda: threads.append(
            start_in_thread(sender, sender.run, stopped=sender.sig_stopped)))
        drained_s = time.perf_counter() - started
        meter.stop()
        stop_thread(threads.pop())
        progress = db.outbox.progress(campaign_id)
        assert progress is not None and progress.accepted == CAMPAIGN_SIZE, progress
        db.close()

    return [
        ("sync_full_s", full.duration_s, "s"),
        ("sync_full_peak_mb", peak_mb, "MB"),
        ("sync_noop_ms", statistics.median(noop_ms), "ms"),
        ("outbox_enqueue_10k_ms", enqueue_ms, "ms"),
        ("outbox_drain_msgs_per_s", CAMPAIGN_SIZE / drained_s, "msg/s"),
        ("gui_max_stall_ms", meter.worst_ms, "ms"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(name, round(value, 3), unit)
