"""A real sandbox on loopback, a logged-in client and a fresh cache for each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.seed import PHARMACIST_PASSWORD, PHARMACIST_USERNAME
from sobrus_comm.backend.sandbox.server import RunningSandbox, run_in_thread

SANDBOX_CLIENTS = 60
SANDBOX_HISTORY = 150
# Short timeouts so that injected "timeout" faults cost a second, not fifteen.
TEST_TIMEOUT = (2.0, 1.0)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    running = run_in_thread(
        tmp_path / "sandbox.sqlite3", clients=SANDBOX_CLIENTS, history=SANDBOX_HISTORY,
        credits=100_000, delivery_scale=0, timeout_s=1.5, retry_after=None,
    )
    try:
        yield running
    finally:
        running.stop()


def logged_in_api(base_url: str, **kwargs: object) -> SobrusApi:
    api = SobrusApi(base_url, timeout=TEST_TIMEOUT, **kwargs)  # type: ignore[arg-type]
    api.login(PHARMACIST_USERNAME, PHARMACIST_PASSWORD)
    return api


@pytest.fixture
def api(sandbox: RunningSandbox) -> Iterator[SobrusApi]:
    client = logged_in_api(sandbox.base_url)
    try:
        yield client
    finally:
        client.close()



@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "app" / "sobrus-comm.sqlite3"
