from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sobrus_comm.backend.sandbox.server import RunningSandbox, run_in_thread


@pytest.fixture(scope="module")
def app_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    path: Path = tmp_path_factory.mktemp("app-sandbox") / "sandbox.sqlite3"
    running = run_in_thread(path, seed=11, clients=60, history=120, delivery_scale=0.0)
    try:
        yield running
    finally:
        running.stop()
